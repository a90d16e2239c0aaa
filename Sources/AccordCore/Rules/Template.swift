/// A message or question with `{expression}` holes, compiled: rendered when a rule fires.
public struct Template: @unchecked Sendable {
    public enum Part {
        case text(String)
        case expression(Program)
    }

    public let parts: [Part]
    public let span: SourceSpan
    /// Room for the rendered text: its fixed text and a little for each hole (one allocation, not several).
    let capacity: Int

    public init(parts: [Part], span: SourceSpan) {
        self.parts = parts
        self.span = span
        capacity = parts.reduce(0) { n, part in
            if case .text(let t) = part { return n + t.utf8.count }
            return n + 24
        }
    }

    /// Evaluates the holes and writes their values as a person reads them in the locale's language.
    public func render(_ activation: inout Activation, locale: TextLocale) throws(EvalError) -> String {
        var out = ""
        out.reserveCapacity(capacity)
        for part in parts {
            switch part {
            case .text(let t): out += t
            case .expression(let p): locale.format(try p.evaluate(&activation), into: &out)
            }
        }
        return out
    }
}

/// A template in English with translations.
public struct LocalizedTemplate: @unchecked Sendable {
    public let english: Template
    public let translations: [String: Template]

    /// The template for `language` (English when there is no translation) and the language it is in.
    public func pick(_ language: String?) -> (template: Template, language: String) {
        if let language, let t = translations[language] { return (t, language) }
        return (english, "en")
    }

    public var languages: [String] { ["en"] + translations.keys.sorted() }
}

