import AccordCore

/// How serious a finding is. A run fails on findings at or above its threshold (`error` by default).
public enum Severity: String, Sendable, CaseIterable, Comparable {
    /// Worth knowing; never fails a run unless asked to (`failOn: .severity(.info)`).
    case info
    /// Likely to cause trouble; to discuss at the alignment meeting.
    case warning
    /// Will cause trouble as written; fails a run by default.
    case error

    init(_ s: AccordCore.Severity) {
        switch s {
        case .info: self = .info
        case .warning: self = .warning
        case .error: self = .error
        }
    }

    var stage: AccordCore.Severity {
        switch self {
        case .info: return .info
        case .warning: return .warning
        case .error: return .error
        }
    }

    /// `info` < `warning` < `error`.
    public static func < (a: Severity, b: Severity) -> Bool { a.stage < b.stage }
}

/// The areas a finding can be in; each has a score of its own. A brief's check scores the first
/// six; a check-in scores `execution`.
public enum Category: String, Sendable, CaseIterable {
    /// What each party wants from the partnership, and whether the goals are shared.
    case goals
    /// How success is measured: what, why, the threshold, who owns it, where it is read.
    case metrics
    /// Dates, preparation time, the media buy, approvals.
    case timeline
    /// Markets, languages, laws and seasons.
    case market
    /// Who the campaign should reach, and whom the creators reach.
    case audience
    /// Decision makers, approvals, meetings, check-ins.
    case process
    /// During the campaign: results against the agreed metrics, deliveries against the brief.
    case execution

    init(_ c: AccordCore.Category) {
        switch c {
        case .goals: self = .goals
        case .metrics: self = .metrics
        case .timeline: self = .timeline
        case .market: self = .market
        case .audience: self = .audience
        case .process: self = .process
        case .execution: self = .execution
        }
    }

    var stage: AccordCore.Category {
        switch self {
        case .goals: return .goals
        case .metrics: return .metrics
        case .timeline: return .timeline
        case .market: return .market
        case .audience: return .audience
        case .process: return .process
        case .execution: return .execution
        }
    }
}

/// What to do with the partnership, from the findings (docs/scoring.md).
public enum Verdict: String, Sendable {
    /// Safe to kick off.
    case ready
    /// Resolve the findings at the alignment meeting first.
    case alignFirst = "align-first"
    /// The parties cannot be aligned on goals as written.
    case doNotProceed = "do-not-proceed"

    init(_ v: AccordCore.Verdict) {
        switch v {
        case .ready: self = .ready
        case .alignFirst: self = .alignFirst
        case .doNotProceed: self = .doNotProceed
        }
    }
}

/// A brief's scores, 0 to 100: 100 means no misalignment found (docs/scoring.md).
public struct Scores: Sendable, Equatable {
    /// The score of the whole brief.
    public let overall: Int
    private let categories: [Int]

    init(_ s: AccordCore.Scores) {
        overall = s.overall
        categories = Category.allCases.map { s.categories[$0.stage] }
    }

    /// The score of one category.
    public subscript(_ category: Category) -> Int {
        categories[Category.allCases.firstIndex(of: category)!]
    }
}

/// A "why?" question for one party, in that party's language.
public struct Question: Sendable, Equatable {
    /// `brand`, `agency`, or a creator's id.
    public let party: String
    /// The question.
    public let text: String
    /// The language it is written in (`en`, `ru`, ...).
    public let language: String
    /// The rules whose findings ask it, most important first.
    public let rules: [String]
}

/// One misalignment found in a brief.
public struct Finding: Sendable {
    /// The rule that found it, such as `TL004`.
    public let rule: String
    /// The rule's title: what it finds.
    public let title: String
    /// The area it is in, and whose score it lowers.
    public let category: Category
    /// The rule's severity, or the project config's override of it.
    public let severity: Severity
    /// How much the finding weighs in the scores (0 to 100).
    public let weight: Int
    /// What is wrong, with the brief's own names, dates and numbers.
    public let message: String
    /// The brief field it is about, dotted with 0-based indexes: `timeline.media_buy`, `creators[0].prep_days`.
    public let field: String
    /// Where that field (or its closest existing parent) is written in the brief.
    public let position: Position
    /// Its questions, each to one party.
    public let questions: [Question]
    /// Why the finding is suppressed (a comment in the brief, or a baseline that knows it); nil when it is not.
    public let suppression: String?

    init(_ f: AccordCore.Finding) {
        rule = f.rule.id
        title = f.rule.title
        category = Category(f.category)
        severity = Severity(f.severity)
        weight = f.weight
        message = f.message
        field = f.path
        position = Position(f.location)
        questions = f.questions.map { Question(party: $0.to, text: $0.text, language: $0.language, rules: [f.rule.id]) }
        suppression = f.suppression?.reason
    }
}

/// The result of checking one brief.
public struct BriefResult: Sendable {
    /// The brief's path as reports show it.
    public let path: String
    /// `campaign.name`, when the brief has one.
    public let campaign: String?
    /// Why the brief could not be checked (it could not be read, is not TOML or JSON, or is not a valid
    /// brief); empty when it was checked.
    public let problems: [Problem]
    /// Its findings, most important first, suppressed ones included (see `Finding.suppression`).
    public let findings: [Finding]
    /// Rules that failed while being evaluated on the brief: a rule error, never "no finding".
    public let ruleFailures: [Problem]
    /// Nil when the brief could not be checked.
    public let scores: Scores?
    /// Nil when the brief could not be checked.
    public let verdict: Verdict?
    /// The questions for the alignment meeting, by party (brand, agency, then creators), each once.
    public let questions: [Question]
    /// Whether the brief fails the run: a finding at or above the threshold, or a score below the minimum.
    public let failsRun: Bool

    /// Whether it could be checked.
    public var isUsable: Bool { problems.isEmpty }

    package init(_ r: BriefReport, failsRun: Bool) {
        path = r.path
        campaign = r.campaignName
        problems = r.problems.map(Problem.init)
        findings = r.findings.map(Finding.init)
        ruleFailures = r.failures.map { Problem($0.diagnostic) }
        scores = r.isUsable ? Scores(r.scores) : nil
        verdict = r.isUsable ? Verdict(r.verdict) : nil
        questions = r.questions.map { Question(party: $0.to, text: $0.text, language: $0.language, rules: $0.rules) }
        self.failsRun = failsRun
    }
}

/// What a run of `Checker.check` came to.
public struct CheckSummary: Sendable {
    /// Every brief's result, in report order (empty when the results were not kept).
    public let results: [BriefResult]
    /// Briefs checked.
    public let briefs: Int
    /// Briefs that could not be checked (unreadable, not TOML or JSON, not a valid brief).
    public let unusable: Int
    /// Findings that count: not suppressed, not known to the baseline.
    public let findings: Int
    /// Findings suppressed in a brief, with a reason.
    public let suppressed: Int
    /// Findings a baseline already knows.
    public let known: Int
    /// Briefs with a finding at or above the threshold, or a score below the minimum.
    public let failing: Int
    /// Rules that failed on a brief.
    public let ruleFailures: Int
    /// Findings written to `CheckRequest.writeBaseline`, when it was asked for.
    public let baselineEntriesWritten: Int?

    /// `accord check`'s exit status: 2 when a brief could not be used or a rule failed on one, 1 when
    /// a brief fails the run, 0 otherwise.
    public let exitStatus: Int32

    package init(_ totals: CheckTotals, results: [BriefResult], baselineEntriesWritten: Int?) {
        self.results = results
        briefs = totals.briefs
        unusable = totals.invalid
        findings = totals.findings
        suppressed = totals.suppressed
        known = totals.known
        failing = totals.failing
        ruleFailures = totals.failures
        self.baselineEntriesWritten = baselineEntriesWritten
        exitStatus = totals.exitStatus
    }
}
