/// A "why?" question to one party, in the language chosen for it.
public struct FindingQuestion: Sendable {
    /// `brand`, `agency`, or a creator's id.
    public let to: String
    public let text: String
    public let language: String
}

/// One misalignment found in a brief.
public struct Finding: Sendable {
    public let rule: CompiledRule
    /// The rule's severity, or the project's override of it.
    public let severity: Severity
    public let message: String
    /// The brief field, dotted with 0-based indexes: `timeline.media_buy`, `creators[0].prep_days`.
    public let path: String
    /// Where that field (or its closest existing parent) is written.
    public let location: SourceLocation
    public let span: SourceSpan?
    public let questions: [FindingQuestion]
    /// The element of `for each` the finding is about.
    public let element: Int?
    /// Set when a suppression in the brief or the project config covers the finding.
    public var suppression: Suppression?

    public var category: Category { rule.category }
    public var weight: Int { rule.weight }
    public var isSuppressed: Bool { suppression != nil }
}

/// Why a finding is suppressed, and where that was said.
public struct Suppression: Sendable {
    public let reason: String
    public let location: SourceLocation?
    /// `inSource` for a comment in the brief, `external` for the project config or a baseline.
    public let kind: String
}

/// A rule that failed while being evaluated against a brief: reported, never taken as "no finding".
public struct RuleFailure: Sendable {
    public let rule: CompiledRule
    public let message: String
    /// Where in the rule file it failed.
    public let span: SourceSpan?
    /// The brief file.
    public let brief: String

    public var diagnostic: Diagnostic {
        .error("rule \(rule.id) failed on \(brief): \(message)", id: "rules.eval", file: rule.file,
               span: span ?? rule.source.span,
               help: "guard fields a brief may lack with has(), such as has(timeline.launch) && ...")
    }
}
