/// The report for a person in a terminal: per brief, the verdict and scores, the findings grouped by
/// category (each with `file:line:col`, as compilers print them), then the questions per party.
package struct TextReporter: Reporter {
    package var colored: Bool
    /// Show suppressed findings too (marked as such).
    package var showSuppressed: Bool

    package static let identifier = "text"
    package static let fileExtensions = ["txt"]
    package static let summary = "for a person in a terminal (the default)"

    package init(_ options: ReportOptions) {
        colored = options.colored
        showSuppressed = options.showSuppressed
    }

    typealias Style = TerminalStyle

    func paint(_ text: String, _ style: Style) -> String { style.paint(text, colored: colored) }

    func severityStyle(_ s: Severity) -> Style {
        switch s {
        case .error: return .red
        case .warning: return .yellow
        case .info: return .cyan
        }
    }

    func verdictText(_ v: Verdict) -> String {
        switch v {
        case .ready: return paint("ready", .green)
        case .alignFirst: return paint("align-first", .yellow)
        case .doNotProceed: return paint("do-not-proceed", .red)
        }
    }

    func scoreText(_ score: Int) -> String {
        paint(String(score), score >= 80 ? .green : (score >= 50 ? .yellow : .red))
    }

    package func brief(_ r: BriefReport, index: Int, _ context: ReportContext, _ o: inout OutputBuffer) {
        let renderer = TextDiagnosticRenderer(colored: colored)
        if index > 0 { o.append("\n") }
        o.append(paint(TerminalText.line(r.path), .bold))
        if let title = r.campaignName { o.append(paint(": " + TerminalText.line(title), .bold)) }
        o.append("\n")
        guard r.isUsable else {
            o.append("  " + paint("not checked", .red) + ": \(r.problems.count) problem\(r.problems.count == 1 ? "" : "s")\n")
            o.append(renderer.render(r.problems))
            return
        }
        o.append("  " + verdictText(r.verdict) + "  score " + scoreText(r.scores.overall) + "/100  ")
        o.append(r.categories.map { "\($0.rawValue) " + scoreText(r.scores.categories[$0]) }.joined(separator: "  "))
        o.append("\n")
        if let progress = r.checkin {
            o.append(CheckinTable(progress).text { text, style in
                switch style {
                case "bold": return paint(text, .bold)
                case "behind", "no-data": return paint(text, .red)
                case "met", "on-track": return paint(text, .green)
                default: return text
                }
            })
        }
        if let below = context.minimumScoreMessage(r) {
            o.append("  " + paint("fails the run", .red) + ": " + below + "\n")
        }
        let shown = r.findings.filter { showSuppressed || !$0.isSuppressed }
        if shown.isEmpty {
            let hidden = r.findings.count
            o.append("  " + (hidden == 0 ? paint("No misalignment found.", .green)
                                         : "No findings to show: \(hidden) suppressed or known from the baseline (--show-suppressed lists them).") + "\n")
        }
        for category in r.categories {
            let inCategory = shown.filter { $0.category == category }
            guard !inCategory.isEmpty else { continue }
            o.append("\n  " + paint(category.heading, .bold) + "\n")
            for f in inCategory {
                let place = "\(TerminalText.line(r.path)):\(f.location.line):\(f.location.column)"
                o.append("  " + paint(place, .bold) + ": " + paint(f.severity.rawValue, severityStyle(f.severity)) + ": ")
                o.append(f.rule.title + " " + paint("[\(f.rule.id)]", .dim))
                if let s = f.suppression { o.append(" " + paint("(suppressed: \(TerminalText.line(s.reason)))", .magenta)) }
                o.append("\n")
                o.append(indent(TerminalText.line(f.message), by: 6))
            }
        }
        for failure in r.failures {
            o.append("\n")
            o.append(renderer.render(failure.diagnostic))
        }
        if !r.notices.isEmpty {
            o.append("\n  " + paint("Suppressions", .bold) + "\n")
            o.append(renderer.render(r.notices))
        }
        if !r.questions.isEmpty {
            o.append("\n  " + paint(r.questionsHeading, .bold) + "\n")
            var party: String?
            var number = 0
            for q in r.questions {
                if q.to != party {
                    party = q.to
                    number = 0
                    o.append("    " + paint(TerminalText.line(partyLabel(q.to, r)), .bold) + TerminalText.line(r.unspokenNote(of: q.to)) + "\n")
                }
                number += 1
                if number == Questions.leading + 1 { o.append("      " + paint("More questions", .dim) + "\n") }
                o.append(indent("\(number). \(TerminalText.line(q.text)) " + paint("[\(q.rules.joined(separator: ", "))]", .dim), by: 6, hanging: 3))
            }
        }
    }

    package func footer(_ totals: CheckTotals, _ context: ReportContext, _ o: inout OutputBuffer) {
        o.append("\n")
        o.append(summaryLine(totals))
        if let baseline = context.baseline {
            let absent = context.absent(totals)
            o.append("Baseline \(TerminalText.line(baseline.name)): \(totals.known) known finding\(totals.known == 1 ? "" : "s") not shown")
            o.append(absent.isEmpty ? ".\n" : "; \(absent.count) no longer occur\(absent.count == 1 ? "s" : ""):\n")
            for e in absent { o.append("  \(TerminalText.line(e.file)) \(e.rule) \(TerminalText.line(e.path))\n") }
            if !absent.isEmpty { o.append("Update it with --write-baseline \(TerminalText.line(baseline.name)).\n") }
        }
    }

    /// `brand (Aurora Cosmetics)`, `jess (Jess Makes)`.
    func partyLabel(_ id: String, _ r: BriefReport) -> String {
        guard let name = r.brief?.partyName(id: id) else { return id }
        return "\(id) (\(name))"
    }

    func indent(_ text: String, by n: Int, hanging: Int = 0) -> String {
        let pad = String(repeating: " ", count: n)
        let next = String(repeating: " ", count: n + hanging)
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { ($0.offset == 0 ? pad : next) + $0.element }.joined(separator: "\n") + "\n"
    }

    func summaryLine(_ s: CheckTotals) -> String {
        var parts: [String] = []
        var counts = "\(s.findings) finding\(s.findings == 1 ? "" : "s")"
        let detail = [Severity.error, .warning, .info].compactMap { sev -> String? in
            let n = s.bySeverity[sev]
            return n == 0 ? nil : "\(n) \(sev.rawValue)\(n == 1 || sev == .info ? "" : "s")"
        }
        if !detail.isEmpty { counts += " (" + detail.joined(separator: ", ") + ")" }
        parts.append(counts)
        if s.suppressed > 0 { parts.append("\(s.suppressed) suppressed") }
        if s.notices > 0 { parts.append("\(s.notices) suppression notice\(s.notices == 1 ? "" : "s")") }
        var line = "Checked \(s.briefs) brief\(s.briefs == 1 ? "" : "s"): " + parts.joined(separator: ", ") + "."
        let verdicts = [Verdict.ready, .alignFirst, .doNotProceed].map { "\(s.byVerdict[$0]) \($0.rawValue)" }
        line += " " + verdicts.joined(separator: ", ") + "."
        if s.invalid > 0 { line += " " + paint("\(s.invalid) could not be checked.", .red) }
        if s.failures > 0 { line += " " + paint("\(s.failures) rule failure\(s.failures == 1 ? "" : "s").", .red) }
        return line + "\n"
    }
}
