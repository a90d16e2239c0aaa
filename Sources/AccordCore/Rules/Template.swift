/// A message or question with `{expression}` holes, compiled: rendered when a rule fires.
public struct Template: @unchecked Sendable {
    public enum Part {
        case text(String)
        case expression(Program)
    }

    public let parts: [Part]
    public let span: SourceSpan

    /// Evaluates the holes and writes their values as a person reads them in `language`.
    public func render(_ activation: inout Activation, language: String) throws(EvalError) -> String {
        var out = ""
        for part in parts {
            switch part {
            case .text(let t): out += t
            case .expression(let p): out += HumanText.format(try p.evaluate(&activation), language: language)
            }
        }
        return out
    }
}

/// A template in English with translations.
public struct LocalizedTemplate: @unchecked Sendable {
    public let english: Template
    public let translations: [String: Template]

    /// The template for `language` (English when there is no translation) and the language it is in.
    public func pick(_ language: String?) -> (template: Template, language: String) {
        if let language, let t = translations[language] { return (t, language) }
        return (english, "en")
    }

    public var languages: [String] { ["en"] + translations.keys.sorted() }
}

/// Values written for people, in English or Russian: `50,000` / `50 000`, `18 March 2026` /
/// `18 марта 2026`, `awareness and reach` / `awareness и reach`.
public enum HumanText {
    static let monthsEN = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                           "October", "November", "December"]
    /// Genitive, as in "18 марта".
    static let monthsRU = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                           "октября", "ноября", "декабря"]

    public static func format(_ value: Value, language: String) -> String {
        let ru = language == "ru"
        switch value {
        case .null: return "—"
        case .bool(let b): return ru ? (b ? "да" : "нет") : (b ? "yes" : "no")
        case .int(let i): return group(i, ru: ru)
        case .double(let d): return number(d, ru: ru)
        case .string(let s): return s
        case .date(let d): return date(d, ru: ru)
        case .time(let t): return t.description
        case .datetime(let t): return date(t.date, ru: ru) + " " + Digits.pad(t.time.hour, 2) + ":" + Digits.pad(t.time.minute, 2)
        case .timestamp(let t):
            let c = t.civil()
            return date(c.date, ru: ru) + " " + Digits.pad(c.time.hour, 2) + ":" + Digits.pad(c.time.minute, 2) + " UTC"
        case .duration(let d): return duration(d, ru: ru)
        case .list(let l): return list(l.items.map { format($0, language: language) }, ru: ru)
        case .map(let m):
            return (0..<m.count).map { format(m.keys[$0], language: language) + ": " + format(m.values[$0], language: language) }
                .joined(separator: ", ")
        }
    }

    public static func date(_ d: LocalDate, ru: Bool) -> String {
        String(d.day) + " " + (ru ? monthsRU : monthsEN)[d.month - 1] + " " + String(d.year)
    }

    /// Thousands grouped: 50,000 (en), 50 000 (ru).
    static func group(_ i: Int64, ru: Bool) -> String {
        let digits = String(i.magnitude)
        guard digits.count > 4 || (!ru && digits.count > 3) else { return (i < 0 ? "-" : "") + digits }
        var out = ""
        for (k, c) in digits.enumerated() {
            if k > 0, (digits.count - k) % 3 == 0 { out += ru ? " " : "," }
            out.append(c)
        }
        return (i < 0 ? "-" : "") + out
    }

    /// Whole numbers grouped, others to at most two decimals: 4.5, 0.62, 1,250.75.
    static func number(_ d: Double, ru: Bool) -> String {
        if !d.isFinite { return d.isNaN ? "NaN" : (d < 0 ? "-∞" : "∞") }
        if d.rounded() == d, abs(d) < 1e15 { return group(Int64(d), ru: ru) }
        let scaled = (d * 100).rounded() / 100
        let whole = Int64(scaled.rounded(.towardZero))
        var fraction = Int64((abs(scaled - Double(whole)) * 100).rounded())
        if fraction == 100 { fraction = 0 }
        var text = (scaled < 0 && whole == 0 ? "-" : "") + group(whole, ru: ru)
        if fraction > 0 {
            var f = Digits.pad(Int(fraction), 2)
            while f.hasSuffix("0") { f.removeLast() }
            text += (ru ? "," : ".") + f
        }
        return text
    }

    static func duration(_ d: Duration, ru: Bool) -> String {
        let seconds = d.nanoseconds / 1_000_000_000
        if seconds % 86400 == 0 {
            let days = seconds / 86400
            return "\(days) " + (ru ? russianPlural(days, "день", "дня", "дней") : (days.magnitude == 1 ? "day" : "days"))
        }
        if seconds % 3600 == 0 {
            let hours = seconds / 3600
            return "\(hours) " + (ru ? russianPlural(hours, "час", "часа", "часов") : (hours.magnitude == 1 ? "hour" : "hours"))
        }
        return d.description
    }

    static func russianPlural(_ n: Int64, _ one: String, _ few: String, _ many: String) -> String {
        let m = n.magnitude
        if m % 10 == 1 && m % 100 != 11 { return one }
        if (2...4).contains(m % 10) && !(12...14).contains(m % 100) { return few }
        return many
    }

    /// a, b and c / a, b и c.
    public static func list(_ items: [String], ru: Bool) -> String {
        switch items.count {
        case 0: return ru ? "ничего" : "none"
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + (ru ? " и " : " and ") + items.last!
        }
    }
}
