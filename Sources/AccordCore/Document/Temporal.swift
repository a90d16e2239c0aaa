/// Calendar arithmetic on the proleptic Gregorian calendar, by day numbers since 1970-01-01
/// (Howard Hinnant's civil-from-days algorithms).
package enum Civil {
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    package static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// 0 = Sunday ... 6 = Saturday, as CEL's `getDayOfWeek`.
    static func weekday(days: Int) -> Int {
        let w = (days + 4) % 7  // 1970-01-01 was a Thursday
        return w < 0 ? w + 7 : w
    }
}

/// A calendar date without a time zone (a TOML local date). Stored in four bytes, so that a `Value`
/// stays small: every value copied in evaluation moves the size of the largest case.
package struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    private let y: Int32
    private let m: UInt8
    private let d: UInt8

    package var year: Int { Int(y) }
    package var month: Int { Int(m) }
    package var day: Int { Int(d) }

    /// nil for a month or day that does not exist, or a year beyond ±2 billion.
    package init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Civil.daysInMonth(year: year, month: month),
              let y = Int32(exactly: year) else { return nil }
        self.y = y
        self.m = UInt8(month)
        self.d = UInt8(day)
    }

    /// Days outside about ±5.8 million years wrap; callers keep to CEL's range, years 1 to 9999.
    package init(daysSinceEpoch days: Int) {
        let c = Civil.civilFromDays(days)
        y = Int32(truncatingIfNeeded: c.year)
        m = UInt8(c.month)
        d = UInt8(c.day)
    }

    /// Parses `YYYY-MM-DD` exactly.
    package init?(iso text: String) {
        let b = Array(text.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let y = Digits.parse(b, 0, 4), let m = Digits.parse(b, 5, 2), let d = Digits.parse(b, 8, 2)
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    package var daysSinceEpoch: Int { Civil.daysFromCivil(year: year, month: month, day: day) }
    /// 0 = Sunday ... 6 = Saturday.
    package var weekday: Int { Civil.weekday(days: daysSinceEpoch) }
    /// 1-based day of the year.
    package var dayOfYear: Int { daysSinceEpoch - Civil.daysFromCivil(year: year, month: 1, day: 1) + 1 }

    package func adding(days: Int) -> LocalDate { LocalDate(daysSinceEpoch: daysSinceEpoch + days) }

    package static func < (a: LocalDate, b: LocalDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    package var description: String {
        guard (0...9999).contains(year) else { return Digits.pad(year, 4) + "-" + Digits.pad(month, 2) + "-" + Digits.pad(day, 2) }
        // The common case written digit by digit: rules turn dates into map keys for every day of a window.
        return String(unsafeUninitializedCapacity: 10) { out in
            var i = 0
            func put(_ value: Int, _ width: Int) {
                var v = value, divisor = 1
                for _ in 1..<width { divisor *= 10 }
                for _ in 0..<width { out[i] = UInt8(0x30 + v / divisor); v %= divisor; divisor /= 10; i += 1 }
            }
            put(year, 4); out[i] = 0x2D; i += 1
            put(month, 2); out[i] = 0x2D; i += 1
            put(day, 2)
            return i
        }
    }
}

/// A time of day without a date or zone (a TOML local time), to the nanosecond.
package struct LocalTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    private let h: UInt8
    private let mi: UInt8
    private let s: UInt8
    private let ns: UInt32

    package var hour: Int { Int(h) }
    package var minute: Int { Int(mi) }
    package var second: Int { Int(s) }
    package var nanosecond: Int { Int(ns) }

    package init?(hour: Int, minute: Int, second: Int, nanosecond: Int = 0) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second),
              (0..<1_000_000_000).contains(nanosecond) else { return nil }
        self.h = UInt8(hour)
        self.mi = UInt8(minute)
        self.s = UInt8(second)
        self.ns = UInt32(nanosecond)
    }

    package var secondOfDay: Int { hour * 3600 + minute * 60 + second }

    package static func < (a: LocalTime, b: LocalTime) -> Bool {
        (a.secondOfDay, a.nanosecond) < (b.secondOfDay, b.nanosecond)
    }

    package var description: String {
        Digits.pad(hour, 2) + ":" + Digits.pad(minute, 2) + ":" + Digits.pad(second, 2) + Digits.fraction(nanosecond)
    }
}

/// A date and time without a zone (a TOML local date-time).
package struct LocalDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    package let date: LocalDate
    package let time: LocalTime

    package init(date: LocalDate, time: LocalTime) {
        self.date = date
        self.time = time
    }

    package static func < (a: LocalDateTime, b: LocalDateTime) -> Bool {
        (a.date, a.time) < (b.date, b.time)
    }

    package var description: String { date.description + "T" + time.description }
}

/// An instant: seconds and nanoseconds since 1970-01-01T00:00:00Z (a TOML offset date-time, a CEL timestamp).
package struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    package let seconds: Int64
    package let nanos: Int32

    /// CEL's range: 0001-01-01T00:00:00Z through 9999-12-31T23:59:59.999999999Z.
    package static let minSeconds: Int64 = -62_135_596_800
    package static let maxSeconds: Int64 = 253_402_300_799

    package init(seconds: Int64, nanos: Int32 = 0) {
        self.seconds = seconds
        self.nanos = nanos
    }

    package init(date: LocalDate, time: LocalTime, offsetSeconds: Int) {
        seconds = Int64(date.daysSinceEpoch) * 86400 + Int64(time.secondOfDay) - Int64(offsetSeconds)
        nanos = Int32(time.nanosecond)
    }

    package var isInCELRange: Bool { seconds >= Timestamp.minSeconds && seconds <= Timestamp.maxSeconds }

    /// The civil date and time at a fixed offset from UTC.
    package func civil(offsetSeconds: Int = 0) -> (date: LocalDate, time: LocalTime) {
        let local = seconds + Int64(offsetSeconds)
        var days = local / 86400
        var rest = local % 86400
        if rest < 0 {
            rest += 86400
            days -= 1
        }
        let r = Int(rest)
        return (LocalDate(daysSinceEpoch: Int(days)),
                LocalTime(hour: r / 3600, minute: r / 60 % 60, second: r % 60, nanosecond: Int(nanos))!)
    }

    package static func < (a: Timestamp, b: Timestamp) -> Bool { (a.seconds, a.nanos) < (b.seconds, b.nanos) }

    /// RFC 3339 in UTC, fractional seconds trimmed of trailing zeros.
    package var description: String {
        let c = civil()
        return c.date.description + "T" + c.time.description + "Z"
    }
}

/// A signed span of time in nanoseconds (a CEL duration). Like cel-go, durations are 64-bit
/// nanoseconds: about 292 years either way; arithmetic beyond that is a range error.
package struct Duration: Hashable, Comparable, Sendable, CustomStringConvertible {
    package let nanoseconds: Int64

    package init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// nil when it does not fit.
    package init?(seconds: Int64, nanos: Int64 = 0) {
        let (s, o1) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (t, o2) = s.addingReportingOverflow(nanos)
        if o1 || o2 { return nil }
        nanoseconds = t
    }

    /// Whole seconds, truncated toward zero.
    package var seconds: Int64 { nanoseconds / 1_000_000_000 }
    /// The nanoseconds after the whole seconds, with the sign of the duration.
    package var nanos: Int64 { nanoseconds % 1_000_000_000 }

    package static func < (a: Duration, b: Duration) -> Bool { a.nanoseconds < b.nanoseconds }

    /// CEL's form: seconds with an `s` suffix, such as `86400s` or `-1.5s`.
    package var description: String {
        let negative = nanoseconds < 0
        let m = nanoseconds.magnitude
        return (negative ? "-" : "") + String(m / 1_000_000_000) + Digits.fraction(Int(m % 1_000_000_000)) + "s"
    }
}

/// Fixed-width digit helpers shared by the temporal types and their parsers.
package enum Digits {
    package static func parse<C: RandomAccessCollection>(_ b: C, _ at: Int, _ count: Int) -> Int? where C.Element == UInt8, C.Index == Int {
        guard at + count <= b.count else { return nil }
        var v = 0
        for i in at..<(at + count) {
            let c = b[i]
            guard c >= 0x30 && c <= 0x39 else { return nil }
            v = v * 10 + Int(c - 0x30)
        }
        return v
    }

    package static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value.magnitude)
        let padded = s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        return value < 0 ? "-" + padded : padded
    }

    /// `.5`, `.123456789`: nanoseconds as a decimal fraction without trailing zeros; empty for zero.
    static func fraction(_ nanos: Int) -> String {
        guard nanos != 0 else { return "" }
        var digits = pad(nanos, 9)
        while digits.hasSuffix("0") { digits.removeLast() }
        return "." + digits
    }
}
