/// A string in a rule file: literal text and `{expression}` holes, each hole a byte range of the file
/// (so that an error inside it points into the rule file).
package struct RuleString: Sendable {
    package enum Part: Sendable {
        case text(String)
        case expression(Range<Int>)
    }

    package var parts: [Part]
    package var span: SourceSpan

    /// The text when there are no holes.
    package var plainText: String? {
        var out = ""
        for part in parts {
            guard case .text(let t) = part else { return nil }
            out += t
        }
        return out
    }
}

/// A message or question in English, with translations keyed by language code.
package struct LocalizedSource: Sendable {
    package var english: RuleString
    package var translations: [(language: String, languageSpan: SourceSpan, text: RuleString)]
}

/// One example of a rule: a brief it must fire on (with the field it must point at) or stay quiet on.
package struct ExampleSource: Sendable {
    package enum Content: Sendable {
        /// TOML written in the rule file, laid over the pack's base brief.
        case inline(Range<Int>)
        /// A brief file, relative to the rule file's folder.
        case file(String)
    }

    package var fires: Bool
    package var content: Content
    package var at: (path: String, span: SourceSpan)?
    package var span: SourceSpan
}

/// A rule as written, before its expressions are checked and compiled.
package struct RuleSource: Sendable {
    package var id: String
    package var idSpan: SourceSpan
    package var title: String
    /// The `rule` line.
    package var span: SourceSpan
    package var category: (String, SourceSpan)?
    package var severity: (String, SourceSpan)?
    package var weight: (Int, SourceSpan)?
    package var each: (name: String, nameSpan: SourceSpan, range: Range<Int>)?
    package var lets: [(name: String, nameSpan: SourceSpan, range: Range<Int>)] = []
    package var when: Range<Int>?
    package var about: Range<Int>?
    package var message: LocalizedSource?
    package var asks: [(target: Range<Int>, text: LocalizedSource, span: SourceSpan)] = []
    package var because: RuleString?
    package var fix: RuleString?
    package var sources: [RuleString] = []
    package var examples: [ExampleSource] = []
}

/// A parsed rule file: its rules, in order.
package struct RuleFileSource: Sendable {
    package let file: SourceFile
    package var rules: [RuleSource]
}

/// The words of the rule language, for parsing and for did-you-mean.
enum RuleKeyword {
    static let clauses = ["category", "severity", "weight", "for", "let", "when", "about", "message", "ask",
                          "because", "fix", "source", "fires", "quiet"]
    static let categories = Category.allCases.map(\.rawValue)
    static let severities = ["error", "warning", "info"]
}
