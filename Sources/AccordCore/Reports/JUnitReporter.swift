/// JUnit XML (`--format junit`), as GitLab, Jenkins and most CI systems read it: a test suite per
/// brief, a test case per rule evaluated on it, a failure for each rule with findings at or above
/// `--fail-on` (every such finding in it, with its position and questions), and an error for a brief
/// that cannot be checked or a rule that fails on it. Findings below `--fail-on` and suppressed ones
/// are listed in the case's output, so nothing found is hidden.
///
/// The run's totals are on `<testsuites>`. `file` and `line` on each `<testcase>` (which GitLab and
/// most readers show) are left out by `junit-strict`, which Jenkins' strict junit-10.xsd accepts.
package struct JUnitReporter: Reporter {
    package static let identifier = "junit"
    package static let fileExtensions: [String] = ["xml"]
    package static let summary = "JUnit XML, a test case per rule, for CI systems"

    /// Without the `file` and `line` attributes junit-10.xsd does not have.
    let strict: Bool

    package init(_ options: ReportOptions) { strict = false }

    init(strict: Bool) { self.strict = strict }

    package var totalsFirst: Bool { true }

    package func header(_ context: ReportContext, totals: CheckTotals, _ o: inout OutputBuffer) {
        o.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"accord\" tests=\"\(totals.cases.tests)\" ")
        o.append("failures=\"\(totals.cases.failures)\" errors=\"\(totals.cases.errors)\" time=\"0\">\n")
    }

    /// A brief as test cases: each rule evaluated (and the minimum score, when there is one), those
    /// failing, those in error; one case in error for a brief that cannot be checked.
    static func cases(_ r: BriefReport, _ context: ReportContext) -> (tests: Int, failures: Int, errors: Int) {
        guard r.isUsable else { return (1, 0, 1) }
        let failing = Set(r.findings.filter { context.fails($0, in: r) }.map(\.rule.id))
        let minimum = r.thresholds.minScore == nil ? 0 : 1
        let below = context.isBelowMinimum(r) ? 1 : 0
        return (r.evaluated.count + minimum, failing.count + below, Set(r.failures.map(\.rule.id)).count)
    }

    /// ` file="..."` (and ` line="..."`) on a test case, unless strict.
    func place(_ file: String, line: Int? = nil) -> String {
        guard !strict else { return "" }
        return " file=\"\(file)\"" + (line.map { " line=\"\($0)\"" } ?? "")
    }

    package func brief(_ r: BriefReport, index: Int, _ context: ReportContext, _ o: inout OutputBuffer) {
        let suite = Self.attribute(r.relativePath)
        guard r.isUsable else {
            o.append("  <testsuite name=\"\(suite)\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\" time=\"0\">\n")
            o.append("    <testcase classname=\"\(suite)\" name=\"brief is valid\"\(place(suite))>\n")
            let first = r.problems.first
            o.append("      <error message=\"\(Self.attribute(first?.message ?? "the brief cannot be checked"))\" type=\"invalid-brief\">")
            o.append(Self.text(r.problems.map { d in "\(r.path):\(d.location.map { "\($0.line):\($0.column)" } ?? "1:1"): \(d.message)" }
                .joined(separator: "\n")))
            o.append("</error>\n    </testcase>\n  </testsuite>\n")
            return
        }
        // With --min-score, the scores are a test case of their own.
        let minimum = r.thresholds.minScore
        let below = context.minimumScoreMessage(r)
        let counts = Self.cases(r, context)
        o.append("  <testsuite name=\"\(suite)\" tests=\"\(counts.tests)\" failures=\"\(counts.failures)\" errors=\"\(counts.errors)\" skipped=\"0\" time=\"0\">\n")
        o.append("    <properties>\n")
        o.append("      <property name=\"score\" value=\"\(r.scores.overall)\"/>\n")
        o.append("      <property name=\"verdict\" value=\"\(r.verdict.rawValue)\"/>\n")
        if let title = r.campaignName { o.append("      <property name=\"campaign\" value=\"\(Self.attribute(title))\"/>\n") }
        o.append("    </properties>\n")
        for rule in r.evaluated {
            let findings = r.findings.filter { $0.rule === rule }
            let name = Self.attribute("\(rule.id) \(rule.title)")
            o.append("    <testcase classname=\"\(suite)\" name=\"\(name)\"\(place(suite, line: findings.first?.location.line))")
            let failures = r.failures.filter { $0.rule === rule }
            guard !findings.isEmpty || !failures.isEmpty else {
                o.append("/>\n")
                continue
            }
            o.append(">\n")
            if let failure = failures.first {
                o.append("      <error message=\"\(Self.attribute(failure.message))\" type=\"rule-failure\">")
                o.append(Self.text(failure.diagnostic.message))
                o.append("</error>\n")
            }
            let failingHere = findings.filter { context.fails($0, in: r) }
            if let first = failingHere.first {
                o.append("      <failure message=\"\(Self.attribute(first.message))\" type=\"\(first.severity.rawValue)\">")
                o.append(Self.text(failingHere.map { describe($0, r) }.joined(separator: "\n\n")))
                o.append("</failure>\n")
            }
            let others = findings.filter { !context.fails($0, in: r) }
            if !others.isEmpty {
                o.append("      <system-out>")
                o.append(Self.text(others.map { f in
                    describe(f, r) + (f.suppression.map { "\n(suppressed: \($0.reason))" } ?? "")
                }.joined(separator: "\n\n")))
                o.append("</system-out>\n")
            }
            o.append("    </testcase>\n")
        }
        if let minimum {
            o.append("    <testcase classname=\"\(suite)\" name=\"min-score \(minimum)\"\(place(suite))")
            if let below {
                o.append(">\n      <failure message=\"\(Self.attribute(below))\" type=\"min-score\">\(Self.text(below))</failure>\n    </testcase>\n")
            } else {
                o.append("/>\n")
            }
        }
        o.append("  </testsuite>\n")
    }

    func describe(_ f: Finding, _ r: BriefReport) -> String {
        var text = "\(r.path):\(f.location.line):\(f.location.column): \(f.severity.rawValue): \(f.message)"
        for q in f.questions { text += "\n  ask \(q.to): \(q.text)" }
        return text
    }

    package func footer(_ totals: CheckTotals, _ context: ReportContext, _ o: inout OutputBuffer) {
        o.append("</testsuites>\n")
    }

    /// Text for an attribute value: markup characters as entities, line breaks kept as `&#10;`.
    static func attribute(_ s: String) -> String {
        escape(s, attribute: true)
    }

    /// Text for element content.
    static func text(_ s: String) -> String {
        escape(s, attribute: false)
    }

    static func escape(_ s: String, attribute: Bool) -> String {
        XMLText.escape(s, attribute: attribute)
    }
}

/// `--format junit-strict`: JUnit XML as Jenkins' strict junit-10.xsd accepts it (no `file` or `line`
/// on a test case; the positions stay in the failure's text).
package struct JUnitStrictReporter: Reporter {
    package static let identifier = "junit-strict"
    /// `.xml` chooses `junit`, registered first; this one is asked for by name.
    package static let fileExtensions: [String] = ["xml"]
    package static let summary = "JUnit XML without file and line attributes, for Jenkins' strict junit-10.xsd"

    private let junit = JUnitReporter(strict: true)

    package init(_ options: ReportOptions) {}

    package var totalsFirst: Bool { true }

    package func header(_ context: ReportContext, totals: CheckTotals, _ o: inout OutputBuffer) { junit.header(context, totals: totals, &o) }

    package func brief(_ r: BriefReport, index: Int, _ context: ReportContext, _ o: inout OutputBuffer) { junit.brief(r, index: index, context, &o) }

    package func footer(_ totals: CheckTotals, _ context: ReportContext, _ o: inout OutputBuffer) { junit.footer(totals, context, &o) }
}
