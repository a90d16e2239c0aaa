/// A brief's report as the flat list of issues that linters' formats carry (GitLab Code Quality,
/// Checkstyle): each finding that counts today (not suppressed, not known to a baseline), why a
/// brief could not be checked, a rule that failed on it, and a score below --min-score, each with a
/// file position and a fingerprint that ignores line numbers.
package struct FlatIssue: Sendable {
    package let check: String
    package let severity: Severity
    package let message: String
    package let line: Int
    package let column: Int
    package let fingerprint: String

    package static func of(_ r: BriefReport, _ context: ReportContext) -> [FlatIssue] {
        func issue(_ check: String, _ severity: Severity, _ message: String, _ at: SourceLocation?, _ parts: [String]) -> FlatIssue {
            FlatIssue(check: check, severity: severity, message: message, line: at?.line ?? 1, column: at?.column ?? 1,
                      fingerprint: SARIFReporter.fingerprint(parts))
        }
        guard r.isUsable else {
            return r.problems.map { issue(SARIFReporter.invalidBrief, .error, $0.message, $0.location, [SARIFReporter.invalidBrief, r.relativePath, $0.message]) }
        }
        var out = r.findings.filter { !$0.isSuppressed && $0.baselineState != .unchanged }.map { f in
            issue(f.rule.id, f.severity, f.message, f.location, [f.rule.id, r.relativePath, f.path, String(f.element ?? -1)])
        }
        out += r.failures.map { failure in
            issue(SARIFReporter.ruleFailure, .error, failure.diagnostic.message, failure.diagnostic.location,
                  [SARIFReporter.ruleFailure, r.relativePath, failure.rule.id])
        }
        if let below = context.minimumScoreMessage(r) {
            out.append(issue(SARIFReporter.belowMinimumScore, .error, below, nil, [SARIFReporter.belowMinimumScore, r.relativePath]))
        }
        return out
    }
}

/// GitLab Code Quality (`--format codequality`): the Code Climate JSON subset GitLab reads, an issue
/// per finding that counts today, for merge request widgets and the pipeline's Code Quality tab.
package struct CodeQualityReporter: Reporter {
    package static let identifier = "codequality"
    /// `.json` chooses `json`, registered first; this one is asked for by name.
    package static let fileExtensions: [String] = ["json"]
    package static let summary = "GitLab Code Quality (Code Climate JSON), for merge requests"

    package init(_ options: ReportOptions) {}

    package var separator: String { ",\n" }

    package func header(_ context: ReportContext, _ o: inout OutputBuffer) { o.append("[\n") }

    package func brief(_ r: BriefReport, index: Int, _ context: ReportContext, _ o: inout OutputBuffer) {
        for (k, issue) in FlatIssue.of(r, context).enumerated() {
            if k > 0 { o.append(",\n") }
            o.append("  {\"type\": \"issue\", \"check_name\": ")
            o.appendJSONString(issue.check)
            o.append(", \"description\": ")
            o.appendJSONString(issue.message)
            o.append(", \"severity\": \"")
            // As GitLab's own ESLint formatter maps them: an error is major, a warning minor.
            o.append(issue.severity == .error ? "major" : issue.severity == .warning ? "minor" : "info")
            o.append("\", \"fingerprint\": ")
            o.appendJSONString(issue.fingerprint)
            o.append(", \"location\": {\"path\": ")
            o.appendJSONString(r.relativePath)
            o.append(", \"lines\": {\"begin\": ")
            o.append(int: issue.line)
            o.append("}}}")
        }
    }

    package func footer(_ totals: CheckTotals, _ context: ReportContext, _ o: inout OutputBuffer) { o.append("\n]\n") }
}

/// Checkstyle XML (`--format checkstyle`), as Jenkins' Warnings plugin and many review tools read it:
/// a `<file>` per brief, an `<error>` per finding that counts today, its source the rule id.
package struct CheckstyleReporter: Reporter {
    package static let identifier = "checkstyle"
    /// `.xml` chooses `junit`, registered first; this one is asked for by name.
    package static let fileExtensions: [String] = ["xml"]
    package static let summary = "Checkstyle XML, for Jenkins' Warnings plugin and review tools"

    package init(_ options: ReportOptions) {}

    package func header(_ context: ReportContext, _ o: inout OutputBuffer) {
        o.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n")
    }

    package func brief(_ r: BriefReport, index: Int, _ context: ReportContext, _ o: inout OutputBuffer) {
        o.append("  <file name=\"\(XMLText.escape(r.relativePath, attribute: true))\">\n")
        for issue in FlatIssue.of(r, context) {
            o.append("    <error line=\"\(issue.line)\" column=\"\(issue.column)\" severity=\"")
            o.append(issue.severity == .error ? "error" : issue.severity == .warning ? "warning" : "info")
            o.append("\" message=\"\(XMLText.escape(issue.message, attribute: true))\" source=\"accord.\(XMLText.escape(issue.check, attribute: true))\"/>\n")
        }
        o.append("  </file>\n")
    }

    package func footer(_ totals: CheckTotals, _ context: ReportContext, _ o: inout OutputBuffer) { o.append("</checkstyle>\n") }
}
