/// Each market's non-working days and peak-price seasons between two dates, read from the packs'
/// `data/calendar.toml` as its header describes it (the same data rules TL010 and TL011 read):
/// `[[periods]]` announced dates, `[[yearly]]` days that come back every year, `[[peak_prices]]`
/// the seasons when media costs most; a yearly `from`/`to` is a month and day or the n-th weekday
/// of a month (0 = Sunday, n = -1 the last), `observed = "nearest-weekday"` moves a Saturday to
/// the Friday before and a Sunday to the Monday after; `except_years` are replaced by periods.
package struct MarketPeriod: Sendable {
    package enum Kind: String, Sendable { case nonWorking = "non-working", peak }
    package let market: String
    package let name: String
    package let kind: Kind
    package let from: LocalDate
    package let to: LocalDate

    /// `US: Thanksgiving Day (fourth Thursday of November), 26 November 2026`, with `dates` written.
    package func label(_ dates: String) -> String {
        market + ": " + name + ", " + dates
    }
}

package enum MarketCalendar {
    /// The periods of `markets` that overlap `from...to`, named in `language` (English when the data
    /// has no name in it), in date order.
    package static func periods(_ rules: RuleSet, markets: [String], from: LocalDate, to: LocalDate, language: String) -> [MarketPeriod] {
        guard !markets.isEmpty, case .map(let data) = rules.data, case .map(let calendar)? = data["calendar"] else { return [] }
        func entries(_ key: String) -> [ValueMap] {
            guard case .list(let l)? = calendar[key] else { return [] }
            return l.items.compactMap { if case .map(let m) = $0, let market = BriefFacts.text(m["market"]), markets.contains(market) { return m } else { return nil } }
        }
        func name(_ m: ValueMap) -> String {
            BriefFacts.text(m["name_" + language]) ?? BriefFacts.text(m["name"]) ?? "?"
        }
        var found: [MarketPeriod] = []
        for m in entries("periods") {
            guard case .date(let a)? = m["from"], case .date(let b)? = m["to"], a <= to, b >= from else { continue }
            found.append(MarketPeriod(market: BriefFacts.text(m["market"])!, name: name(m), kind: .nonWorking, from: a, to: b))
        }
        for (key, kind) in [("yearly", MarketPeriod.Kind.nonWorking), ("peak_prices", .peak)] {
            for m in entries(key) {
                let except: [Int]
                if case .list(let l)? = m["except_years"] {
                    except = l.items.compactMap { if case .int(let y) = $0 { return Int(y) } else { return nil } }
                } else {
                    except = []
                }
                for year in from.year...to.year where !except.contains(year) {
                    guard case .map(let start)? = m["from"], case .map(let end)? = m["to"],
                          let a = day(start, in: year), let b = day(end, in: year), a <= to, b >= from else { continue }
                    found.append(MarketPeriod(market: BriefFacts.text(m["market"])!, name: name(m), kind: kind, from: a, to: b))
                }
            }
        }
        return found.sorted { ($0.from, $0.market, $0.name) < ($1.from, $1.market, $1.name) }
    }

    /// A day of `year` as the data gives it: `{ month, day }` or `{ month, weekday, n }`.
    static func day(_ spec: ValueMap, in year: Int) -> LocalDate? {
        guard case .int(let month)? = spec["month"] else { return nil }
        var date: LocalDate?
        if case .int(let d)? = spec["day"] {
            date = LocalDate(year: year, month: Int(month), day: Int(d))
        } else if case .int(let weekday)? = spec["weekday"], case .int(let n)? = spec["n"], n != 0 {
            guard let first = LocalDate(year: year, month: Int(month), day: 1) else { return nil }
            if n > 0 {
                let shift = (Int(weekday) - first.weekday + 7) % 7
                date = first.adding(days: shift + 7 * (Int(n) - 1))
            } else {
                let last = LocalDate(year: year, month: Int(month), day: Civil.daysInMonth(year: year, month: Int(month)))!
                date = last.adding(days: -((last.weekday - Int(weekday) + 7) % 7) - 7 * (-Int(n) - 1))
            }
            if let d = date, d.month != Int(month) { return nil }
        }
        if let d = date, BriefFacts.text(spec["observed"]) == "nearest-weekday" {
            if d.weekday == 6 { return d.adding(days: -1) }
            if d.weekday == 0 { return d.adding(days: 1) }
        }
        return date
    }
}
