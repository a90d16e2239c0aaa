/// Each market's days off and peak seasons between two dates, read from the packs' generated
/// `data/holidays/<market>.toml` (the same data rules TL010 and TL011 read): `[[periods]]` are runs
/// of days off holding a public holiday, `[[peaks]]` the dated peak seasons, each naming its season
/// in `data/calendar.toml`'s `[peak_seasons]`.
package struct MarketPeriod: Sendable {
    package enum Kind: String, Sendable { case nonWorking = "non-working", peak }
    package let market: String
    package let name: String
    package let kind: Kind
    package let from: LocalDate
    package let to: LocalDate

    /// `US: Thanksgiving Day, 26 November 2026`, with `dates` written.
    package func label(_ dates: String) -> String {
        market + ": " + name + ", " + dates
    }
}

package enum MarketCalendar {
    /// The periods of `markets` that overlap `from...to`, named in `language` (English when the data
    /// has no name in it), in date order.
    package static func periods(_ rules: RuleSet, markets: [String], from: LocalDate, to: LocalDate, language: String) -> [MarketPeriod] {
        guard !markets.isEmpty, case .map(let data) = rules.data, case .map(let holidays)? = data["holidays"] else { return [] }
        var seasons = ValueMap.empty
        if case .map(let calendar)? = data["calendar"], case .map(let s)? = calendar["peak_seasons"] { seasons = s }
        func name(_ m: ValueMap) -> String {
            BriefFacts.text(m["name_" + language]) ?? BriefFacts.text(m["name"]) ?? "?"
        }
        func entries(_ market: ValueMap, _ key: String) -> [(ValueMap, LocalDate, LocalDate)] {
            guard case .list(let l)? = market[key] else { return [] }
            return l.items.compactMap {
                guard case .map(let m) = $0, case .date(let a)? = m["from"], case .date(let b)? = m["to"], a <= to, b >= from else { return nil }
                return (m, a, b)
            }
        }
        var found: [MarketPeriod] = []
        for market in markets {
            guard case .map(let calendar)? = holidays[market] else { continue }
            for (m, a, b) in entries(calendar, "periods") {
                found.append(MarketPeriod(market: market, name: name(m), kind: .nonWorking, from: a, to: b))
            }
            for (m, a, b) in entries(calendar, "peaks") {
                guard let key = BriefFacts.text(m["season"]), case .map(let season)? = seasons[key] else { continue }
                found.append(MarketPeriod(market: market, name: name(season), kind: .peak, from: a, to: b))
            }
        }
        return found.sorted { ($0.from, $0.market, $0.name) < ($1.from, $1.market, $1.name) }
    }
}
