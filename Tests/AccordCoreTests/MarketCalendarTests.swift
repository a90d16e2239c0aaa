import AccordTestSupport
import Testing
@testable import AccordCore

/// The market calendar read as data/calendar.toml describes it, against dates of the US federal
/// calendar (5 U.S.C. 6103) and Russia's 2026 working-day decree.
@Suite struct MarketCalendarTests {
    static func day(_ year: Int, _ fields: [(String, Value)]) -> LocalDate? {
        MarketCalendar.day(ValueMap(fields), in: year)
    }

    @Test func yearlyDaysAreWorkedOut() {
        // Thanksgiving, the fourth Thursday of November.
        #expect(Self.day(2026, [("month", .int(11)), ("weekday", .int(4)), ("n", .int(4))]) == LocalDate(year: 2026, month: 11, day: 26))
        // Memorial Day, the last Monday of May.
        #expect(Self.day(2026, [("month", .int(5)), ("weekday", .int(1)), ("n", .int(-1))]) == LocalDate(year: 2026, month: 5, day: 25))
        // Martin Luther King Jr. Day, the third Monday of January.
        #expect(Self.day(2027, [("month", .int(1)), ("weekday", .int(1)), ("n", .int(3))]) == LocalDate(year: 2027, month: 1, day: 18))
        // Independence Day 2026 is a Saturday: observed on Friday 3 July; 2027's is a Sunday: Monday 5 July.
        let july4: [(String, Value)] = [("month", .int(7)), ("day", .int(4)), ("observed", .string("nearest-weekday"))]
        #expect(Self.day(2026, july4) == LocalDate(year: 2026, month: 7, day: 3))
        #expect(Self.day(2027, july4) == LocalDate(year: 2027, month: 7, day: 5))
        // A fifth Monday that February does not have.
        #expect(Self.day(2026, [("month", .int(2)), ("weekday", .int(1)), ("n", .int(5))]) == nil)
    }

    @Test func periodsOverlappingTheDatesAreFoundByMarket() throws {
        let rules = EngineTests.rules
        let from = try #require(LocalDate(year: 2026, month: 11, day: 1)), to = try #require(LocalDate(year: 2027, month: 1, day: 10))
        let us = MarketCalendar.periods(rules, markets: ["US"], from: from, to: to, language: "en")
        #expect(us.contains { $0.kind == .peak && $0.from == LocalDate(year: 2026, month: 11, day: 26) && $0.to == LocalDate(year: 2026, month: 12, day: 10) })
        #expect(us.contains { $0.kind == .nonWorking && $0.from == LocalDate(year: 2026, month: 11, day: 26) && $0.name.hasPrefix("Thanksgiving") })
        #expect(us.allSatisfy { $0.market == "US" && $0.to >= from && $0.from <= to })
        #expect(us.map(\.from) == us.map(\.from).sorted())
        // Russia's 2026 New Year holidays are announced; the yearly entry does not repeat them.
        let ru = MarketCalendar.periods(rules, markets: ["RU"], from: LocalDate(year: 2026, month: 1, day: 1)!, to: LocalDate(year: 2026, month: 1, day: 31)!, language: "ru")
        #expect(ru.count == 1 && ru[0].from == LocalDate(year: 2025, month: 12, day: 31) && ru[0].name.hasPrefix("новогодние каникулы"))
    }
}
