import Foundation

/// Reading timestamps and durations from text.
enum TimeText {
    /// RFC 3339: `2009-02-13T23:31:30Z`, `2009-02-13T23:31:30.5+03:00` (four-digit years only).
    static func timestamp(_ s: String) -> Timestamp? {
        var s = s
        return s.withUTF8 { timestamp(bytes: $0) }
    }

    static func timestamp(bytes b: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        guard b.count >= 20, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54 || b[10] == 0x74, b[13] == 0x3A, b[16] == 0x3A,
              let y = Digits.parse(b, 0, 4), let mo = Digits.parse(b, 5, 2), let d = Digits.parse(b, 8, 2),
              let h = Digits.parse(b, 11, 2), let mi = Digits.parse(b, 14, 2), let sec = Digits.parse(b, 17, 2),
              let date = LocalDate(year: y, month: mo, day: d)
        else { return nil }
        var i = 19
        var nanos = 0
        if i < b.count, b[i] == 0x2E {
            i += 1
            var scale = 100_000_000
            let start = i
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                nanos += Int(b[i] - 0x30) * scale
                scale /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        guard let time = LocalTime(hour: h, minute: mi, second: sec, nanosecond: nanos), i < b.count else { return nil }
        var offset = 0
        if b[i] == 0x5A || b[i] == 0x7A {
            i += 1
        } else if b[i] == 0x2B || b[i] == 0x2D {
            guard i + 6 == b.count, b[i + 3] == 0x3A, let oh = Digits.parse(b, i + 1, 2), let om = Digits.parse(b, i + 4, 2),
                  oh <= 23, om <= 59
            else { return nil }
            offset = (b[i] == 0x2D ? -1 : 1) * (oh * 3600 + om * 60)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        return Timestamp(date: date, time: time, offsetSeconds: offset)
    }

    /// Go's duration syntax: a sign, then numbers with units h, m, s, ms, us (or µs), ns: `1h30m`, `-1.5s`.
    static func duration(_ s: String) throws(EvalError) -> Duration {
        let scalars = Array(s.unicodeScalars)
        var i = 0
        var negative = false
        if i < scalars.count, scalars[i] == "-" || scalars[i] == "+" {
            negative = scalars[i] == "-"
            i += 1
        }
        if i < scalars.count, scalars[i] == "0", i + 1 == scalars.count { return Duration(nanoseconds: 0) }
        guard i < scalars.count else { throw EvalError("cannot read '\(s)' as a duration") }
        var total: Int64 = 0
        func bad() -> EvalError { EvalError("cannot read '\(s)' as a duration; write it like \"72h\", \"1h30m\" or \"1.5s\"") }
        while i < scalars.count {
            var whole: Int64 = 0
            var fraction: Int64 = 0
            var fractionScale: Int64 = 1
            var digits = 0
            var overflow = false
            while i < scalars.count, let d = asciiDigit(scalars[i]) {
                let (m, o1) = whole.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(d)
                overflow = overflow || o1 || o2
                whole = a
                digits += 1
                i += 1
            }
            if i < scalars.count, scalars[i] == "." {
                i += 1
                while i < scalars.count, let d = asciiDigit(scalars[i]) {
                    if fractionScale < 1_000_000_000_000_000 {
                        fraction = fraction * 10 + d
                        fractionScale *= 10
                    }
                    digits += 1
                    i += 1
                }
            }
            guard digits > 0 else { throw bad() }
            let unitStart = i
            while i < scalars.count, scalars[i] != ".", !("0"..."9").contains(scalars[i]) { i += 1 }
            let unit: Int64
            switch String(String.UnicodeScalarView(scalars[unitStart..<i])) {
            case "ns": unit = 1
            case "us", "µs", "μs": unit = 1_000
            case "ms": unit = 1_000_000
            case "s": unit = 1_000_000_000
            case "m": unit = 60_000_000_000
            case "h": unit = 3_600_000_000_000
            case "": throw EvalError("missing unit in duration '\(s)'; units are h, m, s, ms, us, ns")
            default: throw EvalError("unknown unit in duration '\(s)'; units are h, m, s, ms, us, ns")
            }
            let (w, o1) = whole.multipliedReportingOverflow(by: unit)
            let part = w &+ Int64((Double(fraction) * (Double(unit) / Double(fractionScale))).rounded(.towardZero))
            let (t, o2) = total.addingReportingOverflow(part)
            if overflow || o1 || o2 || part < 0 { throw EvalError.range("duration") }
            total = t
        }
        return Duration(nanoseconds: negative ? -total : total)
    }

    static func asciiDigit(_ s: Unicode.Scalar) -> Int64? {
        s.value >= 0x30 && s.value <= 0x39 ? Int64(s.value - 0x30) : nil
    }
}

/// Time zones for the accessors: fixed offsets ("+03:00", "-02:30", "02:00") or IANA names
/// ("Europe/Moscow"), read through Foundation's tz database.
package enum TimeZones {
    /// Whether `name` is a time zone: an IANA name or a fixed offset.
    package static func isKnown(_ name: String) -> Bool { (try? offsetSeconds(name, at: Timestamp(seconds: 0))) != nil }

    /// The IANA names the database knows (for a did-you-mean).
    package static var names: [String] { TimeZone.knownTimeZoneIdentifiers }

    static func offsetSeconds(_ name: String, at t: Timestamp) throws(EvalError) -> Int {
        if let first = name.utf8.first, first == 0x2B || first == 0x2D || (first >= 0x30 && first <= 0x39) {
            return try fixedOffset(name)
        }
        if name == "UTC" || name == "Z" { return 0 }
        let known = offsets.value
        if let offset = known.offset(name, t.seconds) { return offset }
        let offset = try zone(name).secondsFromGMT(for: Date(timeIntervalSince1970: Double(t.seconds)))
        known.keep(offset, name, t.seconds)
        return offset
    }

    /// "+03:00", "-02:30" or "02:00" in seconds.
    static func fixedOffset(_ name: String) throws(EvalError) -> Int {
        let b = Array(name.utf8)
        let signed = b[0] == 0x2B || b[0] == 0x2D
        let start = signed ? 1 : 0
        guard b.count == start + 5, b[start + 2] == 0x3A, let h = Digits.parse(b, start, 2), let m = Digits.parse(b, start + 3, 2),
              h <= 23, m <= 59
        else { throw EvalError("invalid time zone offset '\(name)'; write it as +HH:MM") }
        return (b[0] == 0x2D ? -1 : 1) * (h * 3600 + m * 60)
    }

    /// The IANA zone of this name, looked up in the time zone database once.
    static func zone(_ name: String) throws(EvalError) -> TimeZone {
        if let known = zones.read({ $0[name] }) { return known }
        guard let zone = TimeZone(identifier: name) else {
            throw EvalError("unknown time zone '\(name)'; use an IANA name such as Europe/Moscow, or an offset such as +03:00")
        }
        zones.write { table in
            if table.count >= 1024 { table.removeAll() }
            table[name] = zone
        }
        return zone
    }

    /// Offsets each thread has looked up: the time zone database is slow to ask, and briefs ask about
    /// the same zones on the same dates. A thread has its own, so a lookup takes no lock.
    static let offsets = ThreadLocal { OffsetCache() }
    static let zones = Locked<[String: TimeZone]>([:])

    /// The offsets of zones at instants, in 4,096 slots chosen by a hash of both; an answer that
    /// lands on a taken slot replaces the one there.
    final class OffsetCache {
        private struct Entry {
            var name = ""
            var seconds = Int64.min
            var offset = 0
        }

        private static let slots = 4096
        private var entries = [Entry](repeating: Entry(), count: OffsetCache.slots)

        private static func slot(_ name: String, _ seconds: Int64) -> Int {
            Int(truncatingIfNeeded: KeyIndex.mix(KeyIndex.hash(string: name) ^ UInt64(bitPattern: seconds))) & (slots - 1)
        }

        func offset(_ name: String, _ seconds: Int64) -> Int? {
            let k = OffsetCache.slot(name, seconds)
            return entries.withUnsafeBufferPointer { e in
                e[k].seconds == seconds && TextCompare.equal(e[k].name, name) ? e[k].offset : nil
            }
        }

        func keep(_ offset: Int, _ name: String, _ seconds: Int64) {
            entries[OffsetCache.slot(name, seconds)] = Entry(name: name, seconds: seconds, offset: offset)
        }
    }
}

extension Library {
    /// The calendar and clock accessors shared by timestamps (with an optional time zone), dates,
    /// local date-times, local times, and durations.
    enum Accessor: String, CaseIterable {
        case getFullYear, getMonth, getDate, getDayOfMonth, getDayOfWeek, getDayOfYear
        case getHours, getMinutes, getSeconds, getMilliseconds

        var isCalendar: Bool {
            switch self {
            case .getFullYear, .getMonth, .getDate, .getDayOfMonth, .getDayOfWeek, .getDayOfYear: return true
            default: return false
            }
        }

        var summary: String {
            switch self {
            case .getFullYear: return "The year, such as 2026."
            case .getMonth: return "The month, 0 for January to 11 for December (as in CEL)."
            case .getDate: return "The day of the month, 1 to 31."
            case .getDayOfMonth: return "The day of the month counted from 0 (0 to 30)."
            case .getDayOfWeek: return "The day of the week, 0 for Sunday to 6 for Saturday."
            case .getDayOfYear: return "The day of the year counted from 0 (0 to 365)."
            case .getHours: return "The hour (0-23) of a timestamp or time; the whole hours of a duration."
            case .getMinutes: return "The minute (0-59) of a timestamp or time; the whole minutes of a duration."
            case .getSeconds: return "The second (0-59) of a timestamp or time; the whole seconds of a duration."
            case .getMilliseconds: return "The milliseconds after the second (0-999)."
            }
        }

        func calendar(_ d: LocalDate) -> Int64 {
            switch self {
            case .getFullYear: return Int64(d.year)
            case .getMonth: return Int64(d.month - 1)
            case .getDate: return Int64(d.day)
            case .getDayOfMonth: return Int64(d.day - 1)
            case .getDayOfWeek: return Int64(d.weekday)
            case .getDayOfYear: return Int64(d.dayOfYear - 1)
            default: return 0
            }
        }

        func clock(_ t: LocalTime) -> Int64 {
            switch self {
            case .getHours: return Int64(t.hour)
            case .getMinutes: return Int64(t.minute)
            case .getSeconds: return Int64(t.second)
            case .getMilliseconds: return Int64(t.nanosecond / 1_000_000)
            default: return 0
            }
        }

        func apply(_ args: [Value]) throws(EvalError) -> Value {
            let name = rawValue
            switch (args.first, args.count) {
            case (.timestamp(let t)?, 1), (.timestamp(let t)?, 2):
                var offset = 0
                if args.count == 2 {
                    guard case .string(let zone) = args[1] else { throw EvalError.noOverload(name, args) }
                    offset = try TimeZones.offsetSeconds(zone, at: t)
                }
                let c = t.civil(offsetSeconds: offset)
                return .int(isCalendar ? calendar(c.date) : clock(c.time))
            case (.date(let d)?, 1) where isCalendar:
                return .int(calendar(d))
            case (.datetime(let dt)?, 1):
                return .int(isCalendar ? calendar(dt.date) : clock(dt.time))
            case (.time(let t)?, 1) where !isCalendar:
                return .int(clock(t))
            case (.duration(let d)?, 1) where !isCalendar:
                switch self {
                case .getHours: return .int(d.nanoseconds / 3_600_000_000_000)
                case .getMinutes: return .int(d.nanoseconds / 60_000_000_000)
                case .getSeconds: return .int(d.seconds)
                default: return .int(d.nanos / 1_000_000)
                }
            default:
                throw EvalError.noOverload(name, args)
            }
        }
    }

    static let time: [FunctionDefinition] = Accessor.allCases.map { accessor in
        var overloads = [method(.timestamp, [], .int), method(.timestamp, [.string], .int), method(.datetime, [], .int)]
        overloads += accessor.isCalendar ? [method(.date, [], .int)] : [method(.time, [], .int), method(.duration, [], .int)]
        return FunctionDefinition(name: accessor.rawValue, overloads: overloads,
                                  body: .many { args throws(EvalError) in try accessor.apply(args) },
                                  summary: accessor.summary, origin: "CEL")
    }
}
