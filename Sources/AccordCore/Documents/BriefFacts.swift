/// What the documents read from a checked brief, by name: its sections, parties, metrics and dates.
package struct BriefFacts {
    package let brief: Brief

    /// A party of the brief: `brand`, `agency` or a creator's id, with its table.
    package struct Party {
        package let id: String
        package let role: String
        package let table: ValueMap
        package var name: String { BriefFacts.text(table["name"]) ?? id }
        package var language: String? { BriefFacts.text(table["language"]) }
        package var decisionMaker: ValueMap? {
            if case .map(let m)? = table["decision_maker"] { return m }
            return nil
        }
    }

    package init(_ brief: Brief) {
        self.brief = brief
    }

    package func section(_ name: String) -> ValueMap? {
        if case .map(let m)? = brief.root[name] { return m }
        return nil
    }

    package func list(_ name: String) -> [ValueMap] {
        guard case .list(let l)? = brief.root[name] else { return [] }
        return l.items.compactMap { if case .map(let m) = $0 { return m } else { return nil } }
    }

    package var parties: [Party] {
        brief.parties.map { table in
            Party(id: BriefFacts.text(table["id"]) ?? "?", role: BriefFacts.text(table["role"]) ?? "?", table: table)
        }
    }

    package var campaignName: String { Self.text(section("campaign")?["name"]) ?? brief.file.path }

    /// The parties' languages, the brand's first, then the campaign's working language.
    package var languages: [String] {
        var out: [String] = []
        for language in parties.compactMap(\.language) + [Self.text(section("campaign")?["working_language"])].compactMap({ $0 })
        where !out.contains(language) {
            out.append(language)
        }
        return out
    }

    /// A date of `[timeline]`.
    package func date(_ key: String) -> LocalDate? {
        if case .date(let d)? = section("timeline")?[key] { return d }
        return nil
    }

    package static func text(_ value: Value?) -> String? {
        if case .string(let s)? = value, !s.isEmpty { return s }
        return nil
    }

    package static func texts(_ value: Value?) -> [String] {
        guard case .list(let l)? = value else { return [] }
        return l.items.compactMap { text($0) }
    }

    package static func number(_ value: Value?) -> Double? {
        value?.numberValue
    }
}
