/// A message or question with `{expression}` holes, compiled: rendered when a rule fires.
package struct Template: @unchecked Sendable {
    package enum Part {
        case text(String)
        case expression(Program)
    }

    package let parts: [Part]
    package let span: SourceSpan
    /// Room for the rendered text: its fixed text and a little for each hole, so that it is not grown as it is written.
    let capacity: Int

    package init(parts: [Part], span: SourceSpan) {
        self.parts = parts
        self.span = span
        capacity = parts.reduce(0) { n, part in
            if case .text(let t) = part { return n + t.utf8.count }
            return n + 24
        }
    }

    /// Evaluates the holes and writes their values as a person reads them in the locale's language.
    package func render(_ activation: inout Activation, locale: TextLocale) throws(EvalError) -> String {
        var out = OutputBuffer(capacity: capacity)
        for k in parts.indices {
            switch parts[k] {  // read in place: `for part in parts` takes a copy of each part first
            case .text(let t): out.append(t)
            case .expression(let p): locale.format(try p.evaluate(&activation), into: &out)
            }
        }
        return out.string
    }
}

/// A template in English with translations.
package struct LocalizedTemplate: @unchecked Sendable {
    package let english: Template
    /// One for each language, in the order written: a rule has a few, so they are searched, not hashed.
    package let translations: [(language: String, template: Template)]

    /// The template for `language` (English when there is no translation) and the language it is in.
    package func pick(_ language: String?) -> (template: Template, language: String) {
        if let language, let t = translations.first(where: { $0.language == language }) { return (t.template, language) }
        return (english, "en")
    }

    /// English first, then the translations.
    package var all: [Template] { [english] + translations.map(\.template) }

    package var languages: [String] { ["en"] + translations.map(\.language).sorted() }
}

