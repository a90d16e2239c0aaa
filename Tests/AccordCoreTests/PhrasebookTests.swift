import Testing
@testable import AccordCore

/// The built-in phrasebooks (data/phrases/<code>.toml): every language has the documents' phrases
/// with the same `{names}` as English, and a locale to write its dates and numbers.
@Suite struct PhrasebookTests {
    static let languages = ["ru", "de", "fr", "es", "pt", "ja", "zh"]

    static func tables() -> [String: ValueMap] {
        guard case .map(let data) = EngineTests.rules.data, case .map(let phrases)? = data["phrases"] else { return [:] }
        var out: [String: ValueMap] = [:]
        for i in 0..<phrases.count {
            if case .string(let k) = phrases.keys[i], case .map(let t) = phrases.values[i] { out[k] = t }
        }
        return out
    }

    static func names(_ phrase: String) -> Set<String> {
        var found = Set<String>()
        var rest = Substring(phrase)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            found.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return found
    }

    @Test(arguments: languages)
    func aLanguageHasTheDocumentsPhrasesWithTheirNames(_ language: String) throws {
        let tables = Self.tables()
        let english = try #require(tables["en"]), table = try #require(tables[language], "no phrases for \(language)")
        for i in 0..<english.count {
            guard case .string(let key) = english.keys[i], case .string(let en) = english.values[i] else { continue }
            guard case .string(let phrase)? = table[key] else {
                Issue.record("\(language) lacks \(key)")
                continue
            }
            #expect(Self.names(phrase) == Self.names(en), "\(language).\(key): \(phrase)")
        }
        for i in 0..<table.count {
            guard case .string(let key) = table.keys[i] else { continue }
            #expect(english[key] != nil, "\(language) has \(key), which English does not")
        }
    }

    @Test(arguments: languages)
    func aLanguageWritesDatesAndNumbersItsOwnWay(_ language: String) throws {
        let locale = EngineTests.rules.locale(language)
        #expect(locale.language == language)
        let may4 = try #require(LocalDate(year: 2027, month: 5, day: 4))
        let expected = ["ru": "4 мая 2027", "de": "4. Mai 2027", "fr": "4 mai 2027", "es": "4 de mayo de 2027",
                        "pt": "4 de maio de 2027", "ja": "2027年5月4日", "zh": "2027年5月4日"]
        #expect(locale.format(.date(may4)) == expected[language])
    }
}
