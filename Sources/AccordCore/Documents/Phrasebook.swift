/// The fixed wording of the documents, by language: the packs' `data/phrases/<code>.toml` (English
/// and Russian in the built-in pack; an agency pack adds a language with a file of its own). A phrase
/// missing from a language is taken from English. `{name}` in a phrase is filled in.
package struct Phrasebook: Sendable {
    private let tables: [String: ValueMap]
    /// The languages the page is written in, the page's own first: those asked for that have
    /// phrases, else English.
    package let languages: [String]
    private let locales: [String: TextLocale]

    package init(rules: RuleSet, languages wanted: [String]) {
        var tables: [String: ValueMap] = [:]
        if case .map(let data) = rules.data, case .map(let phrases)? = data["phrases"] {
            for (k, key) in phrases.keys.enumerated() {
                if case .string(let language) = key, case .map(let table) = phrases.values[k] { tables[language] = table }
            }
        }
        self.tables = tables
        var languages: [String] = []
        for language in wanted where tables[language] != nil && !languages.contains(language) { languages.append(language) }
        self.languages = languages.isEmpty ? ["en"] : languages
        locales = Dictionary(uniqueKeysWithValues: self.languages.map { ($0, rules.locale($0)) })
    }

    /// The phrasebook of a page in one language about `brief`: the language asked for, else the
    /// campaign's working language, else English; English when that language has no phrases.
    package static func oneLanguage(_ rules: RuleSet, asked language: String?, brief: BriefFacts) -> Phrasebook {
        let wanted = language ?? BriefFacts.text(brief.section("campaign")?["working_language"]) ?? "en"
        return Phrasebook(rules: rules, languages: [wanted])
    }

    /// The page's language.
    package var main: String { languages[0] }

    /// How values are written in `language`.
    package func locale(_ language: String) -> TextLocale { locales[language] ?? .english }

    /// The phrase `key` in `language`, with `{name}`s filled in.
    package func text(_ key: String, in language: String, _ arguments: [String: String] = [:]) -> String {
        let phrase: String
        if case .string(let s)? = tables[language]?[key] {
            phrase = s
        } else if case .string(let s)? = tables["en"]?[key] {
            phrase = s
        } else {
            phrase = key
        }
        guard phrase.contains("{") else { return phrase }
        var out = ""
        var rest = Substring(phrase)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            out += arguments[name] ?? "{\(name)}"
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// The phrase in every language of the page, each marked with its language but the page's.
    package func words(_ key: String, _ arguments: (String) -> [String: String] = { _ in [:] }) -> [Words] {
        languages.map { language in
            Words(text(key, in: language, arguments(language)), language: language == main ? nil : language, translation: language != main)
        }
    }

    /// The phrase in the page's language alone.
    package func word(_ key: String, _ arguments: [String: String] = [:]) -> Words {
        Words(text(key, in: main, arguments))
    }

    /// A value as written in `language`: dates in words, numbers grouped.
    package func format(_ value: Value, in language: String) -> String {
        locale(language).format(value)
    }
}
