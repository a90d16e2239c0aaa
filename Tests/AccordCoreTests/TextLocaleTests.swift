import Testing
@testable import AccordCore

/// How values read in messages and questions: numbers grouped by the language's conventions, dates
/// with month names, lists joined with the language's "and", durations with plural forms.
@Suite struct TextLocaleTests {
    let en = TextLocale.english
    let ru = TextLocale.russian

    @Test func wholeNumbersAreGroupedByThousands() {
        #expect(en.format(.int(0)) == "0")
        #expect(en.format(.int(999)) == "999")
        #expect(en.format(.int(1000)) == "1,000")
        #expect(en.format(.int(50_000)) == "50,000")
        #expect(en.format(.int(1_234_567)) == "1,234,567")
        #expect(en.format(.int(-1234)) == "-1,234")
        #expect(en.format(.int(.min)) == "-9,223,372,036,854,775,808")
        #expect(en.format(.int(.max)) == "9,223,372,036,854,775,807")
        // Russian leaves four-digit numbers whole and groups longer ones with a space.
        #expect(ru.format(.int(1000)) == "1000")
        #expect(ru.format(.int(50_000)) == "50 000")
        #expect(ru.format(.int(-12_345)) == "-12 345")
    }

    @Test func fractionsKeepAtMostTwoDecimals() {
        #expect(en.format(.double(4.5)) == "4.5")
        #expect(en.format(.double(0.62)) == "0.62")
        #expect(en.format(.double(0.05)) == "0.05")
        #expect(en.format(.double(1250.75)) == "1,250.75")
        #expect(en.format(.double(2.999)) == "3")
        #expect(en.format(.double(-0.5)) == "-0.5")
        #expect(en.format(.double(96195)) == "96,195")
        #expect(ru.format(.double(12_345.5)) == "12 345,5")
        #expect(en.format(.double(.infinity)) == "∞")
        #expect(en.format(.double(-.infinity)) == "-∞")
        #expect(en.format(.double(.nan)) == "NaN")
    }

    @Test func datesUseMonthNames() throws {
        let date = try #require(LocalDate(year: 2026, month: 3, day: 18))
        #expect(en.format(.date(date)) == "18 March 2026")
        #expect(ru.format(.date(date)) == "18 марта 2026")
    }

    @Test func listsAreJoinedWithTheLanguagesAnd() {
        let three: Value = .list([.string("a"), .string("b"), .string("c")])
        #expect(en.format(three) == "a, b and c")
        #expect(ru.format(three) == "a, b и c")
        #expect(en.format(.list([.string("a"), .int(2000)])) == "a and 2,000")
        #expect(en.format(.list([])) == "none")
        #expect(ru.format(.list([])) == "ничего")
    }

    @Test func durationsInDaysOrHoursTakePluralForms() {
        let day: Int64 = 86_400_000_000_000
        #expect(en.format(.duration(Duration(nanoseconds: day))) == "1 day")
        #expect(en.format(.duration(Duration(nanoseconds: 3 * day))) == "3 days")
        #expect(ru.format(.duration(Duration(nanoseconds: 21 * day))) == "21 день")
        #expect(ru.format(.duration(Duration(nanoseconds: 3 * day))) == "3 дня")
        #expect(ru.format(.duration(Duration(nanoseconds: 11 * day))) == "11 дней")
        #expect(en.format(.duration(Duration(nanoseconds: 2 * 3_600_000_000_000))) == "2 hours")
    }

    @Test func otherValuesReadPlainly() {
        #expect(en.format(.bool(true)) == "yes")
        #expect(ru.format(.bool(false)) == "нет")
        #expect(en.format(.null) == "—")
        #expect(en.format(.map(ValueMap([("US", .double(0.62)), ("CA", .double(0.11))]))) == "US: 0.62, CA: 0.11")
    }
}
