import AccordTestSupport
import Testing
@testable import AccordCore

/// The market calendars as the pack's generated data/holidays/<market>.toml gives them (checked
/// against the `holidays` package itself by Rules/core/generate/market_holidays.py --check in .ci/run),
/// and the timeline's view of them.
@Suite struct MarketCalendarTests {
    static func holidays() throws -> ValueMap {
        guard case .map(let data) = EngineTests.rules.data, case .map(let holidays)? = data["holidays"] else {
            throw Failure("no data.holidays in the built-in pack")
        }
        return holidays
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }

    /// Every market the pack has facts on has a calendar, named in each language of the rules (their
    /// messages name a market by data.holidays[m].name_<language>).
    @Test func everyMarketWithDataHasANamedCalendar() throws {
        let holidays = try Self.holidays()
        guard case .map(let data) = EngineTests.rules.data, case .map(let markets)? = data["markets"] else {
            throw Failure("no data.markets in the built-in pack")
        }
        for case .string(let market) in markets.keys {
            guard case .map(let calendar)? = holidays[market] else { Issue.record("\(market) has no data/holidays/\(market).toml"); continue }
            for language in ["ru", "de", "fr", "es", "pt", "ja", "zh"] {
                #expect(calendar["name_" + language] != nil, "\(market) is not named in \(language)")
            }
        }
    }

    /// Every market's file covers 2025-2030, and data/days_off.toml names a market on each day of its
    /// periods and on no other day (a weekend day only in a run of four days or more): the one
    /// look-up rule TL010 starts from.
    @Test func theDaysOffAreTheDaysOfEachMarketsPeriods() throws {
        let holidays = try Self.holidays()
        guard case .map(let data) = EngineTests.rules.data, case .map(let daysOff)? = data["days_off"] else {
            throw Failure("no data.days_off in the built-in pack")
        }
        #expect(holidays.count >= 30)
        var inPeriods = Set<String>()
        for i in 0..<holidays.count {
            guard case .string(let market) = holidays.keys[i], case .map(let calendar) = holidays.values[i],
                  case .map(let years)? = calendar["years"], case .list(let periods)? = calendar["periods"] else {
                Issue.record("a malformed calendar at \(holidays.keys[i])")
                continue
            }
            #expect((2025...2030).allSatisfy { years[String($0)] != nil }, "\(market): a year missing")
            var weekend: [Int] = []
            if case .list(let w)? = calendar["weekend"] { weekend = w.items.compactMap { if case .int(let d) = $0 { Int(d) } else { nil } } }
            for (index, item) in periods.items.enumerated() {
                guard case .map(let p) = item, case .date(let from)? = p["from"], case .date(let to)? = p["to"] else {
                    Issue.record("\(market): a period without dates")
                    continue
                }
                #expect(from <= to && BriefFacts.text(p["name"]) != nil, "\(market): period \(index)")
                let longRun = from.adding(days: 3) <= to
                var day = from
                while day <= to {
                    inPeriods.insert(market + " " + day.description)
                    var listed = false
                    if case .list(let off)? = daysOff[day.description] { listed = off.items.contains { BriefFacts.text($0) == market } }
                    // Weekdays of a period, and every day of a long one, must be listed.
                    if longRun || !weekend.contains(day.weekday) {
                        #expect(listed, "\(market): \(day) of period \(index) is not in days_off")
                    }
                    day = day.adding(days: 1)
                }
            }
        }
        for i in 0..<daysOff.count {
            guard case .string(let day) = daysOff.keys[i], case .list(let off) = daysOff.values[i] else { continue }
            for m in off.items.compactMap(BriefFacts.text) {
                #expect(inPeriods.contains(m + " " + day), "days_off names \(m) on \(day), outside its periods")
            }
        }
    }

    @Test func periodsOverlappingTheDatesAreFoundByMarket() throws {
        let rules = EngineTests.rules
        let from = try #require(LocalDate(year: 2026, month: 11, day: 1)), to = try #require(LocalDate(year: 2027, month: 1, day: 10))
        let us = MarketCalendar.periods(rules, markets: ["US"], from: from, to: to, language: "en")
        #expect(us.contains { $0.kind == .peak && $0.from == LocalDate(year: 2026, month: 11, day: 26) && $0.to == LocalDate(year: 2026, month: 12, day: 25) })
        #expect(us.contains { $0.kind == .nonWorking && $0.from == LocalDate(year: 2026, month: 11, day: 26) && $0.name.hasPrefix("Thanksgiving") })
        #expect(us.allSatisfy { $0.market == "US" && $0.to >= from && $0.from <= to })
        #expect(us.map(\.from) == us.map(\.from).sorted())
        // Russia's New Year holidays of 2026 as the decree set them (31 December 2025 to 11 January
        // 2026), named in Russian; those of 2027 from 31 December 2026 (the decree of 2026).
        let ru = MarketCalendar.periods(rules, markets: ["RU"], from: LocalDate(year: 2026, month: 1, day: 1)!, to: LocalDate(year: 2026, month: 1, day: 31)!, language: "ru")
        #expect(ru.count == 1 && ru[0].from == LocalDate(year: 2025, month: 12, day: 31) && ru[0].to == LocalDate(year: 2026, month: 1, day: 11))
        #expect(ru.first?.name == "новогодние каникулы")
        let ru27 = MarketCalendar.periods(rules, markets: ["RU"], from: LocalDate(year: 2026, month: 12, day: 20)!, to: LocalDate(year: 2027, month: 1, day: 31)!, language: "en")
        let holidays27 = ru27.filter { $0.kind == .nonWorking }
        #expect(holidays27.first?.from == LocalDate(year: 2026, month: 12, day: 31) && holidays27.first?.to == LocalDate(year: 2027, month: 1, day: 10))
        // ... after the New Year run-up, a peak season.
        #expect(ru27.contains { $0.kind == .peak && $0.from == LocalDate(year: 2026, month: 12, day: 1) && $0.to == LocalDate(year: 2026, month: 12, day: 30) })
        // Japan's Golden Week 2027, named in Japanese; a market with no data has no periods.
        let jp = MarketCalendar.periods(rules, markets: ["JP", "XX"], from: LocalDate(year: 2027, month: 4, day: 30)!, to: LocalDate(year: 2027, month: 5, day: 6)!, language: "ja")
        #expect(jp.map(\.name) == ["ゴールデンウィーク"] && jp.allSatisfy { $0.market == "JP" })
    }
}
