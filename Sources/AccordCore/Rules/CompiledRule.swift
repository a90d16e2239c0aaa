/// The areas a finding can be in: the six of a brief (fixed by `../shared/spec/diagnostics.md`), and
/// `execution`, the check-in's (`../shared/spec/lifecycle.md`).
package enum Category: String, CaseIterable, Sendable {
    case goals, metrics, timeline, market, audience, process, execution

    /// The categories `check` scores a brief in; a check-in scores `execution` alone.
    package static let brief: [Category] = [.goals, .metrics, .timeline, .market, .audience, .process]

    /// How the category is headed in reports.
    package var heading: String {
        switch self {
        case .goals: return "Goals"
        case .metrics: return "Metrics"
        case .timeline: return "Timeline"
        case .market: return "Market"
        case .audience: return "Audience"
        case .process: return "Process"
        case .execution: return "Execution"
        }
    }
}

package enum Severity: String, CaseIterable, Comparable, Sendable {
    case info, warning, error

    package var rank: Int {
        switch self {
        case .info: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    package static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// A checked, compiled rule, ready to evaluate against any number of briefs.
package final class CompiledRule: @unchecked Sendable {
    package let id: String
    package let title: String
    package let category: Category
    package let severity: Severity
    package let weight: Int
    package let pack: String
    package let file: SourceFile
    package let source: RuleSource
    /// The rule's position among all rules: ties in ordering are broken by it.
    package let order: Int

    /// `for each NAME in LIST`: the slot the element goes into and the list.
    package let each: (slot: Int, range: Program)?
    package let condition: Program
    package let about: AboutPath
    package let message: LocalizedTemplate
    package let questions: [(target: Program, text: LocalizedTemplate)]
    /// The `let`s, compiled (their values are computed through the aliases; these are for tools).
    let lets: [(name: String, program: Program)]

    init(id: String, title: String, category: Category, severity: Severity, weight: Int, pack: String, file: SourceFile,
         source: RuleSource, order: Int, each: (slot: Int, range: Program)?, condition: Program, about: AboutPath,
         message: LocalizedTemplate, questions: [(target: Program, text: LocalizedTemplate)], lets: [(name: String, program: Program)] = []) {
        self.id = id
        self.title = title
        self.category = category
        self.severity = severity
        self.weight = weight
        self.pack = pack
        self.file = file
        self.source = source
        self.order = order
        self.each = each
        self.condition = condition
        self.about = about
        self.message = message
        self.questions = questions
        self.lets = lets
    }

    package var because: String? { source.because?.plainText }
    package var fix: String? { source.fix?.plainText }
    package var sources: [String] { source.sources.compactMap(\.plainText) }
    package var location: SourceLocation { file.location(at: source.span.start) }
    /// The `about` path as written.
    package var aboutText: String { about.text }
    /// Languages the message is written in.
    package var messageLanguages: [String] { message.languages }
    package var questionLanguages: [[String]] { questions.map(\.text.languages) }
}

/// `about timeline.media_buy`, `about c.prep_days`, `about metrics[i].threshold`: the field a
/// finding points at, resolved against the brief when the rule fires.
package struct AboutPath {
    package enum Segment {
        case field(String)
        case index(Program)
    }

    /// The name the path starts with (a section, the `for each` name, or a `let`).
    package let rootName: String
    package let root: Program
    package let segments: [Segment]
    let text: String
}
