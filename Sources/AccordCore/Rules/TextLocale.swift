/// How values are written for people in one language: `50,000` / `50 000` / `50.000`, `18 March 2026`
/// / `18 марта 2026` / `18. März 2026`, `awareness and reach` / `awareness и reach`. English and
/// Russian are built in here; any other language comes from a pack's `data/locales/<code>.toml`
/// (the built-in pack has de, fr, es, pt, ja and zh; docs/authoring.md):
///
///     months = ["Januar", "Februar", ...]     # as written after a day: "18 марта", "18. März"
///     date = "{day}. {month} {year}"
///     and = "und"
///     comma = ", "                            # between the other items of a list (optional)
///     spaced = true                           # false: no spaces around `and` ("認知とリーチ"; optional)
///     none = "nichts"
///     thousands = "."                         # the separator of thousands
///     decimal = ","
///     yes = "ja"
///     no = "nein"
///     days = ["Tag", "Tage"]                  # one, other (or one, few, many, as in Russian)
///     hours = ["Stunde", "Stunden"]
///
/// A class: a locale is handed to every template render, and one reference is cheaper to pass than its fields.
package final class TextLocale: Sendable {
    package let language: String
    let months: [String]
    /// The date format as pieces: text, and where the day, month and year go.
    let dateParts: [DatePart]
    /// Between the last two items of a list (" and ", "と") and between the others (", ", "、").
    let and: String
    let comma: String
    let none: String
    let thousands: String
    let decimal: String
    /// Whether four-digit numbers are grouped (1,000 in English; 1000 in Russian).
    let groupsFourDigits: Bool
    let yes: String
    let no: String
    /// Forms of "day" and "hour": [one, other] or [one, few, many].
    let days: [String]
    let hours: [String]

    enum DatePart: Sendable {
        case text(String), day, month, year
    }

    init(language: String, months: [String], date: String, and: String, comma: String = ", ", spaced: Bool = true, none: String,
         thousands: String, decimal: String, groupsFourDigits: Bool, yes: String, no: String, days: [String], hours: [String]) {
        self.language = language
        self.months = months
        self.dateParts = TextLocale.parse(date)
        self.and = spaced ? " " + and + " " : and
        self.comma = comma
        self.none = none
        self.thousands = thousands
        self.decimal = decimal
        self.groupsFourDigits = groupsFourDigits
        self.yes = yes
        self.no = no
        self.days = days
        self.hours = hours
    }

    /// `{day}. {month} {year}` as pieces.
    static func parse(_ format: String) -> [DatePart] {
        var parts: [DatePart] = []
        var rest = Substring(format)
        while let open = rest.firstIndex(of: "{") {
            if open > rest.startIndex { parts.append(.text(String(rest[..<open]))) }
            let after = rest[open...]
            if after.hasPrefix("{day}") {
                parts.append(.day)
                rest = after.dropFirst(5)
            } else if after.hasPrefix("{month}") {
                parts.append(.month)
                rest = after.dropFirst(7)
            } else if after.hasPrefix("{year}") {
                parts.append(.year)
                rest = after.dropFirst(6)
            } else {
                parts.append(.text("{"))
                rest = after.dropFirst()
            }
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        return parts
    }

    package static let english = TextLocale(
        language: "en",
        months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
        date: "{day} {month} {year}", and: "and", none: "none", thousands: ",", decimal: ".", groupsFourDigits: true,
        yes: "yes", no: "no", days: ["day", "days"], hours: ["hour", "hours"])

    /// Months in the genitive, as in "18 марта".
    package static let russian = TextLocale(
        language: "ru",
        months: ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"],
        date: "{day} {month} {year}", and: "и", none: "ничего", thousands: " ", decimal: ",", groupsFourDigits: false,
        yes: "да", no: "нет", days: ["день", "дня", "дней"], hours: ["час", "часа", "часов"])

    package static let builtIn: [String: TextLocale] = ["en": english, "ru": russian]

    /// A locale from a pack's data file; problems are reported at their keys.
    static func read(_ language: String, from t: TableReader, _ diagnostics: inout [Diagnostic]) -> TextLocale? {
        let before = diagnostics.count
        t.checkKeys(["months", "date", "and", "comma", "spaced", "none", "thousands", "decimal", "yes", "no", "days", "hours"], &diagnostics)
        let months = (t.strings("months", &diagnostics) ?? []).map(\.0)
        if months.count != 12 {
            diagnostics.append(t.error("a locale needs the 12 month names in 'months'", t.map["months"] == nil ? t.span : t.valueSpan("months")))
        }
        func text(_ key: String, _ fallback: String) -> String { t.string(key, &diagnostics) ?? fallback }
        let date = text("date", "{day} {month} {year}")
        if !date.contains("{day}") || !date.contains("{month}") || !date.contains("{year}") {
            diagnostics.append(t.error("'date' needs {day}, {month} and {year}, such as \"{day}. {month} {year}\"", t.valueSpan("date")))
        }
        let days = (t.strings("days", &diagnostics) ?? []).map(\.0)
        let hours = (t.strings("hours", &diagnostics) ?? []).map(\.0)
        for (key, forms) in [("days", days), ("hours", hours)] where !(forms.isEmpty || forms.count == 2 || forms.count == 3) {
            diagnostics.append(t.error("'\(key)' has two forms (one, other) or three (one, few, many)", t.valueSpan(key)))
        }
        guard diagnostics.count == before else { return nil }
        return TextLocale(language: language, months: months, date: date, and: text("and", "and"), comma: text("comma", ", "),
                          spaced: t.bool("spaced", &diagnostics) ?? true, none: text("none", "none"),
                          thousands: text("thousands", ","), decimal: text("decimal", "."), groupsFourDigits: true,
                          yes: text("yes", "yes"), no: text("no", "no"),
                          days: days.isEmpty ? english.days : days, hours: hours.isEmpty ? english.hours : hours)
    }

    /// A value as a person reads it in this language.
    package func format(_ value: Value) -> String {
        var out = OutputBuffer(capacity: 32)
        format(value, into: &out)
        return out.string
    }

    /// `format(value)` written at the end of `out`, as UTF-8: numbers and dates are written digit by
    /// digit, lists and maps element by element, without a string for each piece.
    package func format(_ value: Value, into out: inout OutputBuffer) {
        switch value {
        case .null: out.append("—")
        case .bool(let b): out.append(b ? yes : no)
        case .int(let i): group(i, into: &out)
        case .double(let d): number(d, into: &out)
        case .string(let s): out.append(s)
        case .date(let d): date(d, into: &out)
        case .time(let t): out.append(t.description)
        case .datetime(let t):
            date(t.date, into: &out)
            out.append(" " + Digits.pad(t.time.hour, 2) + ":" + Digits.pad(t.time.minute, 2))
        case .timestamp(let t):
            let c = t.civil()
            date(c.date, into: &out)
            out.append(" " + Digits.pad(c.time.hour, 2) + ":" + Digits.pad(c.time.minute, 2) + " UTC")
        case .duration(let d): out.append(duration(d))
        case .list(let l):
            // "a, b and c" / "a, b и c", or `none` for no item.
            if l.items.isEmpty { out.append(none) }
            for k in l.items.indices {  // read in place: a for-in loop copies each item first
                if k > 0 { out.append(k == l.items.count - 1 ? and : comma) }
                format(l.items[k], into: &out)
            }
        case .map(let m):
            for i in 0..<m.count {
                if i > 0 { out.append(", ") }
                format(m.keys[i], into: &out)
                out.append(": ")
                format(m.values[i], into: &out)
            }
        }
    }

    func date(_ d: LocalDate, into out: inout OutputBuffer) {
        for part in dateParts {
            switch part {
            case .text(let t): out.append(t)
            case .day: out.append(int: d.day)
            case .month: out.append(months[d.month - 1])
            case .year: out.append(int: d.year)
            }
        }
    }

    /// Thousands grouped: 50,000 (en), 50 000 (ru), 50.000 (de).
    func group(_ i: Int64, into out: inout OutputBuffer) {
        let n = i.magnitude
        var count = 1
        var unit: UInt64 = 1  // 10^(count - 1): the place of the leading digit
        while n / unit >= 10 {
            unit *= 10
            count += 1
        }
        if i < 0 { out.append(byte: 0x2D) }
        let grouped = count > 4 || (groupsFourDigits && count > 3)
        for k in 0..<count {
            if grouped, k > 0, (count - k) % 3 == 0 { out.append(thousands) }
            out.append(byte: UInt8(n / unit % 10) + 0x30)
            unit /= 10
        }
    }

    /// Whole numbers grouped, others to at most two decimals: 4.5, 0.62, 1,250.75.
    func number(_ d: Double, into out: inout OutputBuffer) {
        if !d.isFinite {
            out.append(d.isNaN ? "NaN" : (d < 0 ? "-∞" : "∞"))
            return
        }
        if d.rounded() == d, abs(d) < 1e15 {
            group(Int64(d), into: &out)
            return
        }
        let scaled = (d * 100).rounded() / 100
        let whole = Int64(scaled.rounded(.towardZero))
        var fraction = Int64((abs(scaled - Double(whole)) * 100).rounded())
        if fraction == 100 { fraction = 0 }
        if scaled < 0 && whole == 0 { out.append(byte: 0x2D) }
        group(whole, into: &out)
        if fraction > 0 {
            out.append(decimal)
            out.append(byte: UInt8(fraction / 10) + 0x30)
            if fraction % 10 != 0 { out.append(byte: UInt8(fraction % 10) + 0x30) }
        }
    }

    func duration(_ d: Duration) -> String {
        let seconds = d.nanoseconds / 1_000_000_000
        if seconds % 86400 == 0 {
            let n = seconds / 86400
            return "\(n) " + plural(n, days)
        }
        if seconds % 3600 == 0 {
            let n = seconds / 3600
            return "\(n) " + plural(n, hours)
        }
        return d.description
    }

    /// One of two forms (one, other), or of three with the Russian rule (1 день, 2 дня, 5 дней).
    func plural(_ n: Int64, _ forms: [String]) -> String {
        let m = n.magnitude
        if forms.count == 3 {
            if m % 10 == 1 && m % 100 != 11 { return forms[0] }
            if (2...4).contains(m % 10) && !(12...14).contains(m % 100) { return forms[1] }
            return forms[2]
        }
        return m == 1 ? forms[0] : forms[1]
    }

}
