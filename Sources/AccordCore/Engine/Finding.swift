/// A "why?" question to one party, in the language chosen for it.
package struct FindingQuestion: Sendable {
    /// `brand`, `agency`, or a creator's id.
    package let to: String
    package let text: String
    package let language: String

    package init(to: String, text: String, language: String) {
        self.to = to
        self.text = text
        self.language = language
    }

    /// `[{"to": ..., "text": ...}, ...]`, each with its `"language"` when asked: a finding's questions
    /// in the JSON report and in SARIF's properties.
    package static func appendJSON(_ questions: [FindingQuestion], withLanguage: Bool, to o: inout OutputBuffer) {
        o.append("[")
        for (k, question) in questions.enumerated() {
            o.append(k == 0 ? "{\"to\": " : ", {\"to\": ")
            o.appendJSONString(question.to)
            o.append(", \"text\": ")
            o.appendJSONString(question.text)
            if withLanguage {
                o.append(", \"language\": ")
                o.appendJSONString(question.language)
            }
            o.append("}")
        }
        o.append("]")
    }
}

/// One misalignment found in a brief.
package struct Finding: Sendable {
    package let rule: CompiledRule
    /// The rule's severity, or the project's override of it.
    package let severity: Severity
    package let message: String
    /// The language the message is in (`en` when the rule has no translation into the one asked for).
    package var language = "en"
    /// The brief field, dotted with 0-based indexes: `timeline.media_buy`, `creators[0].prep_days`.
    package let path: String
    /// Where that field (or its closest existing parent) is written.
    package let location: SourceLocation
    package let span: SourceSpan?
    package var questions: [FindingQuestion]
    /// The element of `for each` the finding is about.
    package let element: Int?
    /// Set when a suppression comment in the brief, or a baseline, covers the finding.
    package var suppression: Suppression?
    /// With a baseline: whether the finding is new or already known to it.
    package var baselineState: BaselineState?

    package var category: Category { rule.category }

    /// What `Engine.importance` compares, smallest first: severity (highest first), weight (heaviest
    /// first), the rule's order, the element.
    var importanceKey: ImportanceKey {
        ImportanceKey(severity: -severity.rank, weight: -weight, rule: rule.order, element: element ?? -1)
    }
    package var weight: Int { rule.weight }
    /// Left out of the exit status and of the text report: suppressed in the brief or known from a baseline.
    package var isSuppressed: Bool { suppression != nil }
    /// Suppressed in the brief, with a reason the parties agreed: left out of scores, verdict and questions
    /// too. (A finding known from a baseline still counts there: the brief is as misaligned as it was.)
    package var isAgreed: Bool { suppression?.kind == "inSource" }
}

/// Why a finding is suppressed, and where that was said.
package struct Suppression: Sendable {
    package let reason: String
    package let location: SourceLocation?
    /// `inSource` for a comment in the brief, `external` for a baseline (SARIF's words).
    package let kind: String

    package init(reason: String, location: SourceLocation?, kind: String) {
        self.reason = reason
        self.location = location
        self.kind = kind
    }
}

/// Whether a finding was in the baseline the run was given.
package enum BaselineState: String, Sendable {
    case new, unchanged
}

/// A rule that failed while being evaluated against a brief: reported, never taken as "no finding".
package struct RuleFailure: Sendable {
    package let rule: CompiledRule
    package let message: String
    /// Where in the rule file it failed.
    package let span: SourceSpan?
    /// The brief file.
    package let brief: String

    package var diagnostic: Diagnostic {
        .error("rule \(rule.id) failed on \(brief): \(message)", id: "rules.eval", file: rule.file,
               span: span ?? rule.source.span,
               help: "guard fields a brief may lack with has(), such as has(timeline.launch) && ...")
    }
}

/// A finding's place in the report's order (see `Finding.importanceKey`).
struct ImportanceKey: Comparable {
    let severity: Int
    let weight: Int
    let rule: Int
    let element: Int

    static func < (a: ImportanceKey, b: ImportanceKey) -> Bool {
        (a.severity, a.weight, a.rule, a.element) < (b.severity, b.weight, b.rule, b.element)
    }
}
