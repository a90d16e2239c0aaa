/// The six areas a finding can be in (fixed by `../shared/spec/diagnostics.md`).
public enum Category: String, CaseIterable, Sendable {
    case goals, metrics, timeline, market, audience, process
}

public enum Severity: String, CaseIterable, Comparable, Sendable {
    case info, warning, error

    public var rank: Int {
        switch self {
        case .info: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// A checked, compiled rule, ready to evaluate against any number of briefs.
public final class CompiledRule: @unchecked Sendable {
    public let id: String
    public let title: String
    public let category: Category
    public let severity: Severity
    public let weight: Int
    public let pack: String
    public let file: SourceFile
    public let source: RuleSource
    /// The rule's position among all rules: ties in ordering are broken by it.
    public let order: Int

    /// `for each NAME in LIST`: the slot the element goes into and the list.
    let each: (slot: Int, range: Program)?
    let condition: Program
    let about: AboutPath
    let message: LocalizedTemplate
    let questions: [(target: Program, text: LocalizedTemplate)]
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

    public var because: String? { source.because?.plainText }
    public var fix: String? { source.fix?.plainText }
    public var sources: [String] { source.sources.compactMap(\.plainText) }
    public var location: SourceLocation { file.location(at: source.span.start) }
    /// The `about` path as written.
    public var aboutText: String { about.text }
    /// Languages the message is written in.
    public var messageLanguages: [String] { message.languages }
    public var questionLanguages: [[String]] { questions.map(\.text.languages) }
}

/// `about timeline.media_buy`, `about c.prep_days`, `about metrics[i].threshold`: the field a
/// finding points at, resolved against the brief when the rule fires.
struct AboutPath {
    enum Segment {
        case field(String)
        case index(Program)
    }

    /// The name the path starts with (a section, the `for each` name, or a `let`).
    let rootName: String
    let root: Program
    let segments: [Segment]
    let text: String
}
