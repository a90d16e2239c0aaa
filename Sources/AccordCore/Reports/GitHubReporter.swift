/// GitHub Actions workflow commands (`--format github`): an annotation on the brief's line for
/// each finding (errors as `::error`, warnings as `::warning`, info as `::notice`), for a brief that
/// cannot be checked, and for suppression notices; then the summary line. Values are escaped as
/// GitHub requires: `%`, CR and LF everywhere, and `:` and `,` in properties.
package struct GitHubReporter: Reporter {
    package static let identifier = "github"
    package static let fileExtensions: [String] = []
    package static let summary = "GitHub Actions annotations on the brief's lines"

    package init(_ options: ReportOptions) {}

    package func brief(_ r: BriefReport, index: Int, _ context: ReportContext, _ o: inout OutputBuffer) {
        guard r.isUsable else {
            for d in r.problems {
                command("error", file: r.relativePath, line: d.location?.line, column: d.location?.column,
                        title: "The brief cannot be checked", message: d.message, &o)
            }
            return
        }
        for f in r.findings where !f.isSuppressed {
            var message = f.message
            for q in f.questions { message += "\nAsk \(q.to): \(q.text)" }
            command(Self.level(f.severity), file: r.relativePath, line: f.location.line, column: f.location.column,
                    title: "\(f.rule.id) \(f.rule.title)", message: message, &o)
        }
        if let below = context.minimumScoreMessage(r) {
            command("error", file: r.relativePath, line: nil, column: nil, title: "Score below the minimum", message: below, &o)
        }
        for d in r.notices {
            command("warning", file: r.relativePath, line: d.location?.line, column: d.location?.column,
                    title: "Suppression", message: d.message, &o)
        }
        for failure in r.failures {
            let d = failure.diagnostic
            command("error", file: failure.rule.file.path, line: d.location?.line, column: d.location?.column,
                    title: "Rule \(failure.rule.id) failed", message: d.message, &o)
        }
    }

    package func footer(_ totals: CheckTotals, _ context: ReportContext, _ o: inout OutputBuffer) {
        o.append(TextReporter(ReportOptions()).summaryLine(totals))
    }

    static func level(_ s: Severity) -> String {
        switch s {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "notice"
        }
    }

    func command(_ name: String, file: String, line: Int?, column: Int?, title: String, message: String, _ o: inout OutputBuffer) {
        o.append("::\(name) file=")
        o.append(Self.property(file))
        if let line { o.append(",line=\(line)") }
        if let column { o.append(",col=\(column)") }
        o.append(",title=")
        o.append(Self.property(title))
        o.append("::")
        o.append(Self.data(message))
        o.append("\n")
    }

    /// The message part of a command.
    static func data(_ s: String) -> String {
        var out = ""
        for c in TerminalText.safe(s).unicodeScalars {
            switch c {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A property value of a command.
    static func property(_ s: String) -> String {
        var out = ""
        for c in data(s).unicodeScalars {
            switch c {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
