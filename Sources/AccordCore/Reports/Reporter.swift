/// What every reporter knows before the first brief: the rules, and where the run stands.
package struct ReportContext: Sendable {
    package let rules: RuleSet
    /// The folder repository-relative paths start from (the project config's, or the repository's root).
    package let root: String
    /// The baseline the run compares with, and its name as given, when there is one.
    package let baseline: (name: String, entries: Baseline)?

    /// The documents' English wording, for the pictures in HTML reports.
    package let phrases: Phrasebook
    /// Whether the run is a check-in (`accord checkin`): its reports are headed so.
    package var checkin = false
    /// Whether the run's totals count its briefs as test cases (`CheckTotals.cases`): only when a
    /// reporter's header needs them (JUnit), so that other runs do not pay for it.
    package var countsCases = false

    /// This context for a run that writes `reporters`: counting cases when one of them needs them.
    package func writing(_ reporters: [any Reporter]) -> ReportContext {
        var context = self
        context.countsCases = reporters.contains { $0.totalsFirst }
        return context
    }

    /// The rules the run evaluates: the brief's, or a check-in's.
    package var runRules: [CompiledRule] { checkin ? rules.checkinRules : rules.briefRules }

    /// `Alignment report`, or `Check-in report`.
    package var title: String { checkin ? "Check-in report" : "Alignment report" }

    package init(rules: RuleSet, root: String = ".", baseline: (name: String, entries: Baseline)? = nil) {
        self.rules = rules
        phrases = Phrasebook(rules: rules, languages: ["en"])
        self.root = root
        self.baseline = baseline
    }

    /// The baseline's entries that no finding of the run matched.
    package func absent(_ totals: CheckTotals) -> [Baseline.Entry] {
        guard let baseline else { return [] }
        var result: [Baseline.Entry] = []
        for (entry, n) in baseline.entries.counts {
            let missing = n - (totals.baselineUsed[entry] ?? 0)
            if missing > 0 { result += Array(repeating: entry, count: missing) }
        }
        return result.sorted()
    }

    /// Whether a finding fails the run under the brief's --fail-on.
    package func fails(_ f: Finding, in r: BriefReport) -> Bool {
        guard let failOn = r.thresholds.failOn, !f.isSuppressed else { return false }
        return f.severity >= failOn
    }

    /// Whether a score is below the brief's --min-score.
    package func isBelowMinimum(_ r: BriefReport) -> Bool {
        !scoresBelowMinimum(r).isEmpty
    }

    /// The brief's scores below its --min-score (`overall` first, then categories), with the minimum;
    /// empty when none is. With a baseline, the scores the brief would have without the findings it
    /// knows.
    package func scoresBelowMinimum(_ r: BriefReport) -> [(name: String, score: Int, minimum: Int)] {
        guard let minScore = r.thresholds.minScore, r.isUsable else { return [] }
        let scores = r.findings.contains { $0.baselineState == .unchanged } ? Scores(r.findings.filter { !$0.isSuppressed }) : r.scores
        var below: [(name: String, score: Int, minimum: Int)] = []
        if scores.overall < minScore { below.append(("overall", scores.overall, minScore)) }
        for c in r.categories where scores.categories[c] < minScore { below.append((c.rawValue, scores.categories[c], minScore)) }
        return below
    }

    /// What every format says of a brief that fails the run by its scores: which score fell below
    /// which minimum, as a sentence; nil when none did.
    package func minimumScoreMessage(_ r: BriefReport) -> String? {
        let below = scoresBelowMinimum(r)
        guard let minimum = below.first?.minimum else { return nil }
        let scores = below.map { $0.name == "overall" ? "the overall score \($0.score)" : "the \($0.name) score \($0.score)" }
        let list = scores.count == 1 ? scores[0] : scores.dropLast().joined(separator: ", ") + " and " + scores[scores.count - 1]
        return "\(list.prefix(1).uppercased() + list.dropFirst()) \(below.count == 1 ? "is" : "are") below the minimum of \(minimum) (--min-score)."
    }

    /// Whether the brief fails the run: a failing finding or a score below the minimum.
    package func fails(_ r: BriefReport) -> Bool {
        r.isUsable && (r.findings.contains { fails($0, in: r) } || isBelowMinimum(r))
    }
}

/// The run's totals, gathered brief by brief as reports are written: the summary and the exit status.
package struct CheckTotals: Sendable {
    package var briefs = 0
    package var invalid = 0
    package var findings = 0
    package var suppressed = 0
    package var bySeverity = Tally<Severity>()
    package var byVerdict = Tally<Verdict>()
    /// Rules that failed while evaluating (a rule error, not a finding).
    package var failures = 0
    /// Briefs with a finding at or above --fail-on or a score below --min-score.
    package var failing = 0
    /// Findings left out because a baseline knows them.
    package var known = 0
    /// Notices about suppression comments.
    package var notices = 0
    /// With a baseline: how many of its entries occurred.
    package var baselineUsed: [Baseline.Entry: Int] = [:]
    /// The run's findings as baseline entries (for --write-baseline).
    package var entries: [Baseline.Entry] = []
    /// The run as test cases (JUnit's totals): cases, failed cases, cases in error.
    package var cases = (tests: 0, failures: 0, errors: 0)

    package init() {}

    package init(_ reports: [BriefReport], _ context: ReportContext) {
        for r in reports { add(r, context) }
    }

    package mutating func add(_ r: BriefReport, _ context: ReportContext) {
        briefs += 1
        if context.countsCases {
            let c = JUnitReporter.cases(r, context)
            cases = (cases.tests + c.tests, cases.failures + c.failures, cases.errors + c.errors)
        }
        guard r.isUsable else {
            invalid += 1
            return
        }
        failures += r.failures.count
        notices += r.notices.count
        byVerdict[r.verdict] += 1
        for finding in r.findings {
            if finding.baselineState == .unchanged {
                known += 1
            } else if finding.isSuppressed {
                suppressed += 1
            } else {
                findings += 1
                bySeverity[finding.severity] += 1
            }
        }
        if context.fails(r) { failing += 1 }
    }

    /// Adds the totals of other briefs.
    package mutating func add(_ other: CheckTotals) {
        briefs += other.briefs
        invalid += other.invalid
        findings += other.findings
        suppressed += other.suppressed
        bySeverity.add(other.bySeverity)
        byVerdict.add(other.byVerdict)
        failures += other.failures
        failing += other.failing
        known += other.known
        notices += other.notices
        for (k, v) in other.baselineUsed { baselineUsed[k, default: 0] += v }
        entries += other.entries
        cases = (cases.tests + other.cases.tests, cases.failures + other.cases.failures, cases.errors + other.cases.errors)
    }

    /// 2 for unusable input (a brief that does not parse or validate, a rule that fails on it), 1 for a
    /// finding at or above --fail-on or a score below --min-score, 0 otherwise.
    package var exitStatus: Int32 {
        if invalid > 0 || failures > 0 { return 2 }
        return failing > 0 ? 1 : 0
    }
}

/// A count for each case of a three-case enum (severities, verdicts), kept in place: as a
/// dictionary, each brief's totals took two allocations and a hash for every count.
package struct Tally<Key: TallyKey>: Sendable {
    private var counts = (0, 0, 0)

    package init() {}

    package subscript(key: Key) -> Int {
        get {
            switch key.tallyIndex {
            case 0: return counts.0
            case 1: return counts.1
            default: return counts.2
            }
        }
        set {
            switch key.tallyIndex {
            case 0: counts.0 = newValue
            case 1: counts.1 = newValue
            default: counts.2 = newValue
            }
        }
    }

    package mutating func add(_ other: Tally) {
        counts = (counts.0 + other.counts.0, counts.1 + other.counts.1, counts.2 + other.counts.2)
    }
}

/// An enum that a `Tally` counts: each case has its own index, 0, 1 or 2.
package protocol TallyKey: Sendable {
    var tallyIndex: Int { get }
}

extension Severity: TallyKey {
    package var tallyIndex: Int { rank }
}

extension Verdict: TallyKey {
    package var tallyIndex: Int {
        switch self {
        case .ready: return 0
        case .alignFirst: return 1
        case .doNotProceed: return 2
        }
    }
}

/// A report format, written as the briefs are checked: a header, one part per brief (rendered on
/// the worker thread that checked it, in any order) and a footer with the totals.
///
/// Each format has an identity (`identifier`, the file extensions that choose it, a summary) and is
/// listed once, in `ReportFormats.all`: adding a format is one new file and one line there.
package protocol Reporter: Sendable {
    /// The name `--format` takes.
    static var identifier: String { get }
    /// Extensions (without the dot) that choose this format for `--output FILE` given no `--format`.
    static var fileExtensions: [String] { get }
    /// One line for `--help` and the documentation.
    static var summary: String { get }

    init(_ options: ReportOptions)

    /// Written between the non-empty parts of two briefs (`,` in JSON arrays): the parts are rendered
    /// apart, so only the writer knows whether one came before.
    var separator: String { get }
    func header(_ context: ReportContext, _ o: inout OutputBuffer)
    /// Whether the header needs the run's totals: the runner then holds the briefs' parts back and
    /// writes `header(_:totals:_:)` first, once every brief is checked.
    var totalsFirst: Bool { get }
    func header(_ context: ReportContext, totals: CheckTotals, _ o: inout OutputBuffer)
    /// The part for brief number `index` (0-based, in report order).
    func brief(_ r: BriefReport, index: Int, _ context: ReportContext, _ o: inout OutputBuffer)
    func footer(_ totals: CheckTotals, _ context: ReportContext, _ o: inout OutputBuffer)
}

extension Reporter {
    package var separator: String { "" }
    package func header(_ context: ReportContext, _ o: inout OutputBuffer) {}
    package var totalsFirst: Bool { false }
    package func header(_ context: ReportContext, totals: CheckTotals, _ o: inout OutputBuffer) { header(context, &o) }
    package func footer(_ totals: CheckTotals, _ context: ReportContext, _ o: inout OutputBuffer) {}
}

/// What a reporter may be asked to do differently.
package struct ReportOptions: Sendable {
    /// ANSI colour (text reports on a terminal).
    package var colored = false
    /// Suppressed findings listed too (text reports).
    package var showSuppressed = false

    package init(colored: Bool = false, showSuppressed: Bool = false) {
        self.colored = colored
        self.showSuppressed = showSuppressed
    }
}

/// Every report format, in the order `--help` lists them: the one place a format is registered.
package enum ReportFormats {
    package static let all: [any Reporter.Type] = [
        TextReporter.self, JSONReporter.self, MarkdownReporter.self, HTMLReporter.self, SARIFReporter.self, JUnitReporter.self, JUnitStrictReporter.self, CodeQualityReporter.self, CheckstyleReporter.self, GitHubReporter.self,
    ]

    /// The format `--format` names.
    package static func named(_ identifier: String) -> (any Reporter.Type)? {
        all.first { $0.identifier == identifier }
    }

    /// The format a file's extension chooses (case does not matter).
    package static func forFile(_ path: String) -> (any Reporter.Type)? {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        let ext = path[path.index(after: dot)...].lowercased()
        return all.first { $0.fileExtensions.contains(ext) }
    }
}
