/// A message or question with `{expression}` holes, compiled: rendered when a rule fires.
public struct Template: @unchecked Sendable {
    public enum Part {
        case text(String)
        case expression(Program)
    }

    public let parts: [Part]
    public let span: SourceSpan

    /// Evaluates the holes and writes their values as a person reads them in the locale's language.
    public func render(_ activation: inout Activation, locale: TextLocale) throws(EvalError) -> String {
        var out = ""
        for part in parts {
            switch part {
            case .text(let t): out += t
            case .expression(let p): out += locale.format(try p.evaluate(&activation))
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

