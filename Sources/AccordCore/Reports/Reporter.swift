/// Everything one `accord check` produced, for the reporters.
public struct CheckRun: Sendable {
    public let reports: [BriefReport]
    public let rules: RuleSet
    /// The lowest severity that fails the run; nil when findings never fail it.
    public let failOn: Severity?
    public let minScore: Int?
    /// Where the run started, for repository-relative paths.
    public let root: String

    public init(reports: [BriefReport], rules: RuleSet, failOn: Severity?, minScore: Int?, root: String = ".") {
        self.reports = reports
        self.rules = rules
        self.failOn = failOn
        self.minScore = minScore
        self.root = root
    }

    public struct Summary: Sendable {
        public var briefs = 0
        public var invalid = 0
        public var findings = 0
        public var suppressed = 0
        public var bySeverity: [Severity: Int] = [.error: 0, .warning: 0, .info: 0]
        public var byVerdict: [Verdict: Int] = [.ready: 0, .alignFirst: 0, .doNotProceed: 0]
        public var failures = 0
    }

    public var summary: Summary {
        var s = Summary()
        for r in reports {
            s.briefs += 1
            if !r.isUsable {
                s.invalid += 1
                continue
            }
            s.failures += r.failures.count
            s.byVerdict[r.verdict, default: 0] += 1
            for f in r.findings {
                if f.isSuppressed {
                    s.suppressed += 1
                } else {
                    s.findings += 1
                    s.bySeverity[f.severity, default: 0] += 1
                }
            }
        }
        return s
    }

    /// Whether a finding fails the run under --fail-on.
    public func fails(_ f: Finding) -> Bool {
        guard let failOn, !f.isSuppressed else { return false }
        return f.severity >= failOn
    }

    /// Exit status: 2 for unusable input (a brief that does not parse or validate, a rule that fails),
    /// 1 for a finding at or above --fail-on or a score below --min-score, 0 otherwise.
    public var exitStatus: Int32 {
        if reports.contains(where: { !$0.isUsable || !$0.failures.isEmpty }) { return 2 }
        for r in reports {
            if r.findings.contains(where: fails) { return 1 }
            if let minScore, r.scores.overall < minScore || r.scores.categories.values.contains(where: { $0 < minScore }) { return 1 }
        }
        return 0
    }
}

/// A report format.
public protocol Reporter {
    func render(_ run: CheckRun) -> OutputBuffer
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
