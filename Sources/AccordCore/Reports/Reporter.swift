/// What every reporter knows before the first brief: the rules, and where the run stands.
public struct ReportContext: Sendable {
    public let rules: RuleSet
    /// The folder repository-relative paths start from (the project config's, or the repository's root).
    public let root: String
    /// The baseline the run compares with, and its name as given, when there is one.
    public let baseline: (name: String, entries: Baseline)?

    public init(rules: RuleSet, root: String = ".", baseline: (name: String, entries: Baseline)? = nil) {
        self.rules = rules
        self.root = root
        self.baseline = baseline
    }

    /// The baseline's entries that no finding of the run matched.
    public func absent(_ totals: CheckTotals) -> [Baseline.Entry] {
        guard let baseline else { return [] }
        return CheckRunner.absent(baseline.entries, totals)
    }

    /// Whether a finding fails the run under the brief's --fail-on.
    public func fails(_ f: Finding, in r: BriefReport) -> Bool {
        guard let failOn = r.thresholds.failOn, !f.isSuppressed else { return false }
        return f.severity >= failOn
    }

    /// Whether a score is below the brief's --min-score.
    /// With a baseline, the scores the brief would have without the findings it knows.
    public func isBelowMinimum(_ r: BriefReport) -> Bool {
        guard let minScore = r.thresholds.minScore else { return false }
        let scores = r.findings.contains { $0.baselineState == .unchanged } ? Scores(r.findings.filter { !$0.isSuppressed }) : r.scores
        return scores.overall < minScore || scores.categories.values.contains { $0 < minScore }
    }

    /// Whether the brief fails the run: a failing finding or a score below the minimum.
    public func fails(_ r: BriefReport) -> Bool {
        r.isUsable && (r.findings.contains { fails($0, in: r) } || isBelowMinimum(r))
    }
}

/// The run's totals, gathered brief by brief as reports are written: the summary and the exit status.
public struct CheckTotals: Sendable {
    public var briefs = 0
    public var invalid = 0
    public var findings = 0
    public var suppressed = 0
    public var bySeverity = Tally<Severity>()
    public var byVerdict = Tally<Verdict>()
    /// Rules that failed while evaluating (a rule error, not a finding).
    public var failures = 0
    /// Briefs with a finding at or above --fail-on or a score below --min-score.
    public var failing = 0
    /// Findings left out because a baseline knows them.
    public var known = 0
    /// Notices about suppression comments.
    public var notices = 0
    /// With a baseline: how many of its entries occurred.
    public var baselineUsed: [Baseline.Entry: Int] = [:]
    /// The run's findings as baseline entries (for --write-baseline).
    public var entries: [Baseline.Entry] = []

    public init() {}

    public init(_ reports: [BriefReport], _ context: ReportContext) {
        for r in reports { add(r, context) }
    }

    public mutating func add(_ r: BriefReport, _ context: ReportContext) {
        briefs += 1
        guard r.isUsable else {
            invalid += 1
            return
        }
        failures += r.failures.count
        notices += r.notices.count
        byVerdict[r.verdict] += 1
        for k in r.findings.indices {  // read in place: a for-in loop copies each finding first
            if r.findings[k].baselineState == .unchanged {
                known += 1
            } else if r.findings[k].isSuppressed {
                suppressed += 1
            } else {
                findings += 1
                bySeverity[r.findings[k].severity] += 1
            }
        }
        if context.fails(r) { failing += 1 }
    }

    /// Adds the totals of other briefs.
    public mutating func add(_ other: CheckTotals) {
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
    }

    /// 2 for unusable input (a brief that does not parse or validate, a rule that fails on it), 1 for a
    /// finding at or above --fail-on or a score below --min-score, 0 otherwise.
    public var exitStatus: Int32 {
        if invalid > 0 || failures > 0 { return 2 }
        return failing > 0 ? 1 : 0
    }
}

/// A count for each case of a three-case enum (severities, verdicts), kept in place: as a
/// dictionary, each brief's totals took two allocations and a hash for every count.
public struct Tally<Key: TallyKey>: Sendable {
    private var counts = (0, 0, 0)

    public init() {}

    public subscript(key: Key) -> Int {
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

    public mutating func add(_ other: Tally) {
        counts = (counts.0 + other.counts.0, counts.1 + other.counts.1, counts.2 + other.counts.2)
    }
}

/// An enum that a `Tally` counts: each case has its own index, 0, 1 or 2.
public protocol TallyKey: Sendable {
    var tallyIndex: Int { get }
}

extension Severity: TallyKey {
    public var tallyIndex: Int { rank }
}

extension Verdict: TallyKey {
    public var tallyIndex: Int {
        switch self {
        case .ready: return 0
        case .alignFirst: return 1
        case .doNotProceed: return 2
        }
    }
}

/// A report format, written as the briefs are checked: a header, one part per brief (rendered on
/// the worker thread that checked it, in any order) and a footer with the totals.
public protocol Reporter: Sendable {
    /// Written between the non-empty parts of two briefs (`,` in JSON arrays): the parts are rendered
    /// apart, so only the writer knows whether one came before.
    var separator: String { get }
    func header(_ context: ReportContext, _ o: inout OutputBuffer)
    /// The part for brief number `index` (0-based, in report order).
    func brief(_ r: BriefReport, index: Int, _ context: ReportContext, _ o: inout OutputBuffer)
    func footer(_ totals: CheckTotals, _ context: ReportContext, _ o: inout OutputBuffer)
}

extension Reporter {
    public var separator: String { "" }
    public func header(_ context: ReportContext, _ o: inout OutputBuffer) {}
    public func footer(_ totals: CheckTotals, _ context: ReportContext, _ o: inout OutputBuffer) {}

    /// The whole report for briefs already checked.
    public func render(_ reports: [BriefReport], _ context: ReportContext) -> OutputBuffer {
        var o = OutputBuffer(capacity: 4096)
        header(context, &o)
        var wrote = false
        for (i, r) in reports.enumerated() {
            var part = OutputBuffer()
            brief(r, index: i, context, &part)
            guard !part.isEmpty else { continue }
            if wrote { o.append(separator) }
            o.append(part)
            wrote = true
        }
        footer(CheckTotals(reports, context), context, &o)
        return o
    }
}

extension Category {
    /// How the category is headed in reports.
    public var heading: String {
        switch self {
        case .goals: return "Goals"
        case .metrics: return "Metrics"
        case .timeline: return "Timeline"
        case .market: return "Market"
        case .audience: return "Audience"
        case .process: return "Process"
        }
    }
}
