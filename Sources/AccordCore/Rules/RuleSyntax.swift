/// A string in a rule file: literal text and `{expression}` holes, each hole a byte range of the file
/// (so that an error inside it points into the rule file).
public struct RuleString: Sendable {
    public enum Part: Sendable {
        case text(String)
        case expression(Range<Int>)
    }

    public var parts: [Part]
    public var span: SourceSpan

    /// The text when there are no holes.
    public var plainText: String? {
        var out = ""
        for part in parts {
            guard case .text(let t) = part else { return nil }
            out += t
        }
        return out
    }
}

/// A message or question in English, with translations keyed by language code.
public struct LocalizedSource: Sendable {
    public var english: RuleString
    public var translations: [(language: String, languageSpan: SourceSpan, text: RuleString)]
}

/// One example of a rule: a brief it must fire on (with the field it must point at) or stay quiet on.
public struct ExampleSource: Sendable {
    public enum Content: Sendable {
        /// TOML written in the rule file, laid over the pack's base brief.
        case inline(Range<Int>)
        /// A brief file, relative to the rule file's folder.
        case file(String)
    }

    public var fires: Bool
    public var content: Content
    public var at: (path: String, span: SourceSpan)?
    public var span: SourceSpan
}

/// A rule as written, before its expressions are checked and compiled.
public struct RuleSource: Sendable {
    public var id: String
    public var idSpan: SourceSpan
    public var title: String
    /// The `rule` line.
    public var span: SourceSpan
    public var category: (String, SourceSpan)?
    public var severity: (String, SourceSpan)?
    public var weight: (Int, SourceSpan)?
    public var each: (name: String, nameSpan: SourceSpan, range: Range<Int>)?
    public var lets: [(name: String, nameSpan: SourceSpan, range: Range<Int>)] = []
    public var when: Range<Int>?
    public var about: Range<Int>?
    public var message: LocalizedSource?
    public var asks: [(target: Range<Int>, text: LocalizedSource, span: SourceSpan)] = []
    public var because: RuleString?
    public var fix: RuleString?
    public var sources: [RuleString] = []
    public var examples: [ExampleSource] = []
}

/// A parsed rule file: its rules, in order.
public struct RuleFileSource: Sendable {
    public let file: SourceFile
    public var rules: [RuleSource]
}

/// The words of the rule language, for parsing and for did-you-mean.
enum RuleKeyword {
    static let clauses = ["category", "severity", "weight", "for", "let", "when", "about", "message", "ask",
                          "because", "fix", "source", "fires", "quiet"]
    static let categories = ["goals", "metrics", "timeline", "market", "audience", "process"]
    static let severities = ["error", "warning", "info"]
}
