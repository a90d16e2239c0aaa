/// Calendar dates: Accord's extension for briefs, whose key dates are TOML local dates.
enum Dates {
    /// The years a date can have in an expression. A brief's dates are TOML's, years 0 to 9999;
    /// arithmetic on them (a launch plus its organic days, the same holiday a year later) stays a
    /// date for 10,000 years either way, so that a rule on a date at the edge of TOML's range gives a
    /// finding or none rather than failing. Dates outside 0 to 9999 print as `date(Y, M, D)`.
    static let years: ClosedRange<Int64> = -9_999...19_999

    static func make(_ year: Int64, _ month: Int64, _ day: Int64) throws(EvalError) -> LocalDate {
        guard years.contains(year), let d = LocalDate(year: Int(year), month: Int(month), day: Int(day)) else {
            throw EvalError("\(year)-\(month)-\(day) is not a date")
        }
        return d
    }

    static func add(_ d: LocalDate, days: Int64) throws(EvalError) -> LocalDate {
        guard days.magnitude < 4_000_000 else { throw EvalError.range("date") }
        let result = d.adding(days: Int(days))
        guard years.contains(Int64(result.year)) else { throw EvalError.range("date") }
        return result
    }

    /// The `n`th `weekday` (0 = Sunday) of a month; `n = -1` is the last one.
    static func nthWeekday(year: Int64, month: Int64, weekday: Int64, n: Int64) throws(EvalError) -> LocalDate {
        guard (0...6).contains(weekday) else { throw EvalError("weekday must be 0 (Sunday) to 6 (Saturday), not \(weekday)") }
        let first = try make(year, month, 1)
        if n == -1 {
            let last = try make(year, month, Int64(Civil.daysInMonth(year: first.year, month: first.month)))
            let back = (last.weekday - Int(weekday) + 7) % 7
            return last.adding(days: -back)
        }
        guard (1...5).contains(n) else { throw EvalError("n must be 1 to 5, or -1 for the last, not \(n)") }
        let forward = (Int(weekday) - first.weekday + 7) % 7
        let result = first.adding(days: forward + Int(n - 1) * 7)
        guard result.month == first.month else {
            throw EvalError("\(year)-\(Digits.pad(Int(month), 2)) has no weekday number \(n) of kind \(weekday)")
        }
        return result
    }
}

extension Dates {
    /// The date in `year` of a yearly occasion written as data: `{month, day}` (4 July) or
    /// `{month, weekday, n}` (the 4th Thursday of November).
    static func occurrence(year: Int64, _ spec: ValueMap) throws(EvalError) -> LocalDate {
        func field(_ key: HashedKey) throws(EvalError) -> Int64? {
            guard let i = spec.indexOf(key) else { return nil }
            switch spec.values[i] {
            case .int(let i): return i
            case .double(let d) where d.rounded() == d && abs(d) < 1e6: return Int64(d)
            case let v: throw EvalError("'\(key.name)' of a yearly date must be a whole number, not \(v.typeDisplayName)")
            }
        }
        guard let month = try field(SpecKey.month) else { throw EvalError("a yearly date needs a month: {month, day} or {month, weekday, n}") }
        if let day = try field(SpecKey.day) { return try observed(make(year, month, day), spec) }
        guard let weekday = try field(SpecKey.weekday), let n = try field(SpecKey.n) else {
            throw EvalError("a yearly date needs a day, or a weekday and n: {month, day} or {month, weekday, n}")
        }
        return try observed(nthWeekday(year: year, month: month, weekday: weekday, n: n), spec)
    }

    /// The keys of a yearly date: holiday calendars ask for these keys of every holiday, for every
    /// date they test.
    enum SpecKey {
        static let month = HashedKey("month"), day = HashedKey("day"), weekday = HashedKey("weekday"), n = HashedKey("n")
        static let observed = HashedKey("observed")
    }

    /// The day a holiday is observed on, when the spec says how: `observed = "nearest-weekday"` moves
    /// a Saturday to the Friday before and a Sunday to the Monday after (US federal holidays, 5 U.S.C.
    /// 6103(b)). Without `observed`, the date itself.
    static func observed(_ date: LocalDate, _ spec: ValueMap) throws(EvalError) -> LocalDate {
        guard let i = spec.indexOf(SpecKey.observed) else { return date }
        let rule = spec.values[i]
        guard case .string("nearest-weekday") = rule else {
            throw EvalError("'observed' of a yearly date can only be \"nearest-weekday\", not \(PrintForm.string(rule, pretty: false))")
        }
        switch date.weekday {
        case 6: return date.adding(days: -1)
        case 0: return date.adding(days: 1)
        default: return date
        }
    }
}

extension Library {
    static let dates: [FunctionDefinition] = [
        FunctionDefinition(
            name: "date",
            overloads: [global([.date], .date), global([.string], .date), global([.timestamp], .date),
                        global([.timestamp, .string], .date), global([.datetime], .date), global([.int, .int, .int], .date),
                        global([.int, .map(.string, .dyn)], .date)],
            body: .byArity(
                one: { v throws(EvalError) in
                    switch v {
                    case .date: return v
                    case .string(let s):
                        guard let d = LocalDate(iso: s) else {
                            throw EvalError("cannot read '\(s)' as a date; write it as YYYY-MM-DD")
                        }
                        return .date(d)
                    case .timestamp(let t): return .date(t.civil().date)
                    case .datetime(let dt): return .date(dt.date)
                    default: throw EvalError.noOverload("date", v)
                    }
                },
                two: { a, b throws(EvalError) in
                    switch (a, b) {
                    case (.timestamp(let t), .string(let zone)):
                        return .date(t.civil(offsetSeconds: try TimeZones.offsetSeconds(zone, at: t)).date)
                    case (.int(let year), .map(let spec)): return .date(try Dates.occurrence(year: year, spec))
                    default: throw EvalError.noOverload("date", a, b)
                    }
                },
                three: { y, m, d throws(EvalError) in
                    guard case .int(let year) = y, case .int(let month) = m, case .int(let day) = d else {
                        throw EvalError.noOverload("date", y, m, d)
                    }
                    return .date(try Dates.make(year, month, day))
                }),
            summary: "A calendar date: from \"YYYY-MM-DD\"; from year, month (1-12) and day; from a year and a yearly date {month, day} or {month, weekday, n} (see nthWeekday), with observed = \"nearest-weekday\" to move a Saturday to the Friday before and a Sunday to the Monday after; or the date of a timestamp (in UTC or the given time zone).",
            origin: "Accord"),
        FunctionDefinition(
            name: "addDays",
            overloads: [method(.date, [.int], .date)],
            body: .two { d, n throws(EvalError) in
                guard case .date(let date) = d, case .int(let days) = n else { throw EvalError.noOverload("addDays", d, n) }
                return .date(try Dates.add(date, days: days))
            },
            summary: "The date so many days later (earlier for a negative number): timeline.launch.addDays(-14).",
            origin: "Accord"),
        FunctionDefinition(
            name: "daysBetween",
            overloads: [global([.date, .date], .int)],
            body: .two { a, b throws(EvalError) in
                guard case .date(let from) = a, case .date(let to) = b else { throw EvalError.noOverload("daysBetween", a, b) }
                return .int(Int64(to.daysSinceEpoch - from.daysSinceEpoch))
            },
            summary: "Days from the first date to the second: negative when the second comes first. daysBetween(timeline.kickoff, timeline.launch).",
            origin: "Accord"),
        FunctionDefinition(
            name: "dates",
            overloads: [global([.date, .date], .list(.date)), global([.date, .date, .map(.string, .dyn)], .list(.date))],
            body: .costed { args, activation throws(EvalError) in
                guard args.count == 2 || args.count == 3, case .date(let from) = args[0], case .date(let to) = args[1] else {
                    throw EvalError.noOverload("dates", args)
                }
                let count = to.daysSinceEpoch - from.daysSinceEpoch
                guard count <= 3_660 else { throw EvalError("dates() spans at most ten years, not \(count) days") }
                try activation.charge(1 + max(0, count) / 8)
                let all = (0..<max(0, count)).lazy.map { from.adding(days: $0) }
                guard args.count == 3 else { return .list(ValueList(all.map { .date($0) })) }
                guard case .map(let keyed) = args[2] else { throw EvalError.noOverload("dates", args) }
                return .list(ValueList(all.filter { keyed.indexOf(string: $0.description) != nil }.map { .date($0) }))
            },
            summary: "The dates from the first up to the day before the second (none when the second comes first), at most ten years; with a map keyed by dates (\"YYYY-MM-DD\"), only those it has: dates(start, deadline, data.days_off).",
            origin: "Accord"),
        FunctionDefinition(
            name: "isBetween",
            overloads: [method(.date, [.date, .date], .bool)],
            body: .three { d, a, b throws(EvalError) in
                guard case .date(let day) = d, case .date(let from) = a, case .date(let to) = b else {
                    throw EvalError.noOverload("isBetween", d, a, b)
                }
                return .bool(from <= day && day <= to)
            },
            summary: "Whether the date falls in the range, both ends included: timeline.launch.isBetween(h.from, h.to).",
            origin: "Accord"),
        FunctionDefinition(
            name: "isWeekend",
            overloads: [method(.date, [], .bool)],
            body: .one { d throws(EvalError) in
                guard case .date(let date) = d else { throw EvalError.noOverload("isWeekend", d) }
                return .bool(date.weekday == 0 || date.weekday == 6)
            },
            summary: "Whether the date is a Saturday or a Sunday.",
            origin: "Accord"),
        FunctionDefinition(
            name: "nthWeekday",
            overloads: [global([.int, .int, .int, .int], .date)],
            body: .many { args throws(EvalError) in
                guard args.count == 4, case .int(let y) = args[0], case .int(let m) = args[1], case .int(let w) = args[2],
                      case .int(let n) = args[3]
                else { throw EvalError.noOverload("nthWeekday", args) }
                return .date(try Dates.nthWeekday(year: y, month: m, weekday: w, n: n))
            },
            summary: "The n-th weekday (0 = Sunday ... 6 = Saturday) of a month, n = -1 for the last: US Thanksgiving is nthWeekday(year, 11, 4, 4).",
            origin: "Accord"),
        FunctionDefinition(
            name: "utcOffset",
            overloads: [method(.date, [.string], .duration)],
            body: .two { d, z throws(EvalError) in
                guard case .date(let date) = d, case .string(let zone) = z else { throw EvalError.noOverload("utcOffset", d, z) }
                let noon = Timestamp(date: date, time: LocalTime(hour: 12, minute: 0, second: 0)!, offsetSeconds: 0)
                return .duration(Duration(nanoseconds: Int64(try TimeZones.offsetSeconds(zone, at: noon)) * 1_000_000_000))
            },
            summary: "How far a time zone is from UTC on that date (at noon), as a duration: date('2026-01-15').utcOffset('Europe/Moscow') is duration('10800s').",
            origin: "Accord"),
        FunctionDefinition(
            name: "isTimeZone",
            overloads: [global([.string], .bool)],
            body: .one { z throws(EvalError) in
                guard case .string(let zone) = z else { throw EvalError.noOverload("isTimeZone", z) }
                return .bool(TimeZones.isKnown(zone))
            },
            summary: "Whether the text names a time zone (an IANA name such as Europe/Moscow, or an offset such as +03:00).",
            origin: "Accord"),
    ]
}
