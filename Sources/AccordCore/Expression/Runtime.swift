import Foundation

/// An error while evaluating an expression: division by zero, a missing key, a type with no such
/// operation. CEL's `&&`, `||` and `?:` absorb errors where the other side decides the result.
package struct EvalError: Error, Sendable, CustomStringConvertible {
    package var message: String
    /// Where in the expression it arose, when known.
    package var span: SourceSpan?

    package init(_ message: String, span: SourceSpan? = nil) {
        self.message = message
        self.span = span
    }

    package var description: String { message }

    static func noOverload(_ function: String, _ args: Value...) -> EvalError {
        EvalError("no such overload: \(function)(\(args.map(\.typeDisplayName).joined(separator: ", ")))")
    }

    static func noOverload(_ function: String, _ args: [Value]) -> EvalError {
        EvalError("no such overload: \(function)(\(args.map(\.typeDisplayName).joined(separator: ", ")))")
    }

    static let overflow = EvalError("integer overflow")
    static let divisionByZero = EvalError("division by zero")
    static let moduloByZero = EvalError("modulus by zero")

    static func range(_ what: String) -> EvalError { EvalError("\(what) out of range") }
}

extension Value {
    /// The type name used in messages (shorter than `typeName` for the well-known types).
    package var typeDisplayName: String {
        switch self {
        case .timestamp: return "timestamp"
        case .duration: return "duration"
        case .null: return "null"
        default: return typeName
        }
    }
}

/// The variables and the budget of one evaluation. Slots hold the declared variables first, then
/// the comprehension variables; `cost` counts work done, and passing `costLimit` stops the evaluation.
package struct Activation: Sendable {
    package var slots: [Value]
    package var cost = 0
    package var costLimit: Int
    /// When each `let` slot was filled, counted in rounds; a slot filled before the current rule
    /// (or element) started is stale.
    private var filled: [UInt64] = []
    private var round: UInt64 = 1
    private var ruleStart: UInt64 = 1
    private var elementStart: UInt64 = 1

    package init(slots: [Value], costLimit: Int = ExpressionLimits.defaultCostLimit) {
        self.slots = slots
        self.costLimit = costLimit
        // Room for every slot at once: grown one `let` at a time, it took about eight allocations a brief.
        filled = Array(repeating: 0, count: slots.count)
    }

    /// Ready for another brief: its variables and the data tables in the first slots, room for
    /// `slotCount`, the budget renewed. The other slots keep what they held, unread: a rule's `let`s
    /// are stale once it starts (`startRule` begins a new round; rounds only grow), and every other
    /// slot is written before it is read.
    package mutating func restart(variables: [Value], data: Value, slotCount: Int, costLimit: Int) {
        let needed = max(slotCount, variables.count + 1)
        if slots.count < needed { slots += repeatElement(.null, count: needed - slots.count) }
        if filled.count < needed { filled += repeatElement(0, count: needed - filled.count) }
        for i in variables.indices { slots[i] = variables[i] }
        slots[variables.count] = data
        cost = 0
        self.costLimit = costLimit
    }

    /// Starts evaluating a rule for a brief: every `let` value from before is dropped.
    package mutating func startRule() {
        round &+= 1
        ruleStart = round
        elementStart = round
        cost = 0
    }

    /// Starts a rule's next element (`for each`): the `let`s that depend on the element are dropped.
    package mutating func startElement() {
        round &+= 1
        elementStart = round
        cost = 0
    }

    @inline(__always)
    func isCurrent(_ slot: Int, perElement: Bool) -> Bool {
        slot < filled.count && filled[slot] >= (perElement ? elementStart : ruleStart)
    }

    mutating func keep(_ value: Value, in slot: Int) {
        if filled.count <= slot { filled += Array(repeating: 0, count: slot + 1 - filled.count) }
        if slots.count <= slot { slots += Array(repeating: .null, count: slot + 1 - slots.count) }
        filled[slot] = round
        slots[slot] = value
    }

    @inline(__always)
    package mutating func charge(_ units: Int) throws(EvalError) {
        cost &+= units
        if cost > costLimit {
            throw EvalError("the expression exceeded its cost limit of \(costLimit) steps")
        }
    }
}

/// The operators of the language on values, with CEL's semantics: checked 64-bit integer arithmetic,
/// no implicit conversion between int and double (except in comparisons), timestamp and duration
/// arithmetic within range.
package enum Ops {
    static func add(_ a: Value, _ b: Value) throws(EvalError) -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.addingReportingOverflow(y)
            if o { throw EvalError.overflow }
            return .int(r)
        case (.double(let x), .double(let y)): return .double(x + y)
        case (.string(let x), .string(let y)): return .string(x + y)
        case (.list(let x), .list(let y)):
            if x.count == 0 { return b }
            if y.count == 0 { return a }
            return .list(ValueList(x.items + y.items))
        case (.timestamp(let t), .duration(let d)), (.duration(let d), .timestamp(let t)):
            return .timestamp(try shift(t, by: d.nanoseconds))
        case (.duration(let x), .duration(let y)):
            let (r, o) = x.nanoseconds.addingReportingOverflow(y.nanoseconds)
            if o { throw EvalError.range("duration") }
            return .duration(Duration(nanoseconds: r))
        case (.date(let d), .duration(let dur)):
            return .date(try shift(d, by: dur, sign: 1))
        default:
            throw EvalError.noOverload("_+_", a, b)
        }
    }

    static func subtract(_ a: Value, _ b: Value) throws(EvalError) -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.subtractingReportingOverflow(y)
            if o { throw EvalError.overflow }
            return .int(r)
        case (.double(let x), .double(let y)): return .double(x - y)
        case (.timestamp(let t), .duration(let d)):
            guard d.nanoseconds != Int64.min else { throw EvalError.range("timestamp") }
            return .timestamp(try shift(t, by: -d.nanoseconds))
        case (.timestamp(let x), .timestamp(let y)):
            let (s, o1) = (x.seconds - y.seconds).multipliedReportingOverflow(by: 1_000_000_000)
            let (n, o2) = s.addingReportingOverflow(Int64(x.nanos) - Int64(y.nanos))
            if o1 || o2 { throw EvalError.range("duration") }
            return .duration(Duration(nanoseconds: n))
        case (.duration(let x), .duration(let y)):
            let (r, o) = x.nanoseconds.subtractingReportingOverflow(y.nanoseconds)
            if o { throw EvalError.range("duration") }
            return .duration(Duration(nanoseconds: r))
        case (.date(let d), .duration(let dur)):
            return .date(try shift(d, by: dur, sign: -1))
        default:
            throw EvalError.noOverload("_-_", a, b)
        }
    }

    static func multiply(_ a: Value, _ b: Value) throws(EvalError) -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.multipliedReportingOverflow(by: y)
            if o { throw EvalError.overflow }
            return .int(r)
        case (.double(let x), .double(let y)): return .double(x * y)
        default: throw EvalError.noOverload("_*_", a, b)
        }
    }

    static func divide(_ a: Value, _ b: Value) throws(EvalError) -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            if y == 0 { throw EvalError.divisionByZero }
            let (r, o) = x.dividedReportingOverflow(by: y)
            if o { throw EvalError.overflow }
            return .int(r)
        case (.double(let x), .double(let y)): return .double(x / y)
        default: throw EvalError.noOverload("_/_", a, b)
        }
    }

    static func remainder(_ a: Value, _ b: Value) throws(EvalError) -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            if y == 0 { throw EvalError.moduloByZero }
            let (r, o) = x.remainderReportingOverflow(dividingBy: y)
            if o { throw EvalError.overflow }
            return .int(r)
        default: throw EvalError.noOverload("_%_", a, b)
        }
    }

    static func negate(_ a: Value) throws(EvalError) -> Value {
        switch a {
        case .int(let x):
            if x == Int64.min { throw EvalError.overflow }
            return .int(-x)
        case .double(let x): return .double(-x)
        case .duration(let d):
            if d.nanoseconds == Int64.min { throw EvalError.range("duration") }
            return .duration(Duration(nanoseconds: -d.nanoseconds))
        default: throw EvalError.noOverload("-_", a)
        }
    }

    /// A timestamp moved by a number of nanoseconds, within CEL's range of years 1 to 9999.
    static func shift(_ t: Timestamp, by nanoseconds: Int64) throws(EvalError) -> Timestamp {
        var seconds = t.seconds + nanoseconds / 1_000_000_000
        var nanos = Int64(t.nanos) + nanoseconds % 1_000_000_000
        if nanos >= 1_000_000_000 {
            nanos -= 1_000_000_000
            seconds += 1
        } else if nanos < 0 {
            nanos += 1_000_000_000
            seconds -= 1
        }
        let result = Timestamp(seconds: seconds, nanos: Int32(nanos))
        guard result.isInCELRange else { throw EvalError.range("timestamp") }
        return result
    }

    /// A date moved by a duration of whole days.
    static func shift(_ d: LocalDate, by duration: Duration, sign: Int64) throws(EvalError) -> LocalDate {
        let day: Int64 = 86_400_000_000_000
        guard duration.nanoseconds % day == 0 else {
            throw EvalError("a date can only move by whole days; use addDays(n)")
        }
        return try Dates.add(d, days: sign * (duration.nanoseconds / day))
    }

    /// -1, 0 or 1; an error for values that have no order between them.
    static func compare(_ a: Value, _ b: Value, _ op: BinaryOperator) throws(EvalError) -> Int {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.double(let x), .double(let y)):
            if let c = Numeric.compare(x, y) { return c }
            return 2  // NaN: every comparison is false
        case (.int(let x), .double(let y)): return Numeric.compare(x, y) ?? 2
        case (.double(let x), .int(let y)):
            guard let c = Numeric.compare(y, x) else { return 2 }
            return -c
        case (.string(let x), .string(let y)): return TextCompare.compare(x, y)
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (x ? 1 : -1)
        case (.timestamp(let x), .timestamp(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.duration(let x), .duration(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.date(let x), .date(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.time(let x), .time(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.datetime(let x), .datetime(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        default:
            throw EvalError.noOverload("_\(op.rawValue)_", a, b)
        }
    }

    static func relation(_ op: BinaryOperator, _ a: Value, _ b: Value) throws(EvalError) -> Bool {
        let c = try compare(a, b, op)
        if c == 2 { return false }
        switch op {
        case .less: return c < 0
        case .lessOrEqual: return c <= 0
        case .greater: return c > 0
        case .greaterOrEqual: return c >= 0
        default: return false
        }
    }

    /// `a in b`: list membership by equality, or a map key.
    static func isIn(_ a: Value, _ b: Value) throws(EvalError) -> Bool {
        switch b {
        case .list(let list):
            // Items read in place: a for-in loop copies each first.
            if case .string(let text) = a {
                for k in list.items.indices {
                    if case .string(let other) = list.items[k], TextCompare.equal(text, other) { return true }
                }
                return false
            }
            for k in list.items.indices where Value.equal(a, list.items[k]) { return true }
            return false
        case .map(let map):
            switch a {
            case .string, .int, .bool, .double: return map.indexOf(a) != nil
            default: return false
            }
        default:
            throw EvalError.noOverload("@in", a, b)
        }
    }

    static func index(_ container: Value, _ key: Value) throws(EvalError) -> Value {
        switch container {
        case .list(let list):
            let i: Int64
            switch key {
            case .int(let k): i = k
            case .double(let d):
                guard let k = Int64(exactly: d) else { throw EvalError("invalid list index \(PrintForm.double(d))") }
                i = k
            default: throw EvalError.noOverload("_[_]", container, key)
            }
            guard i >= 0, i < Int64(list.count) else { throw EvalError("index out of range: \(i)") }
            return list.items[Int(i)]
        case .map(let map):
            switch key {
            case .string, .int, .bool, .double: break
            default: throw EvalError.noOverload("_[_]", container, key)
            }
            guard let i = map.indexOf(key) else { throw EvalError("no such key: \(keyText(key))") }
            return map.values[i]
        default:
            throw EvalError.noOverload("_[_]", container, key)
        }
    }

    package static func keyText(_ key: Value) -> String {
        if case .string(let s) = key { return s }
        return PrintForm.string(key, pretty: false)
    }

    static func select(_ operand: Value, _ field: String) throws(EvalError) -> Value {
        guard case .map(let map) = operand else {
            throw EvalError("type '\(operand.typeDisplayName)' has no field '\(field)'")
        }
        guard let i = map.indexOf(string: field) else {
            throw EvalError("no such key: \(field)")
        }
        return map.values[i]
    }

    static func has(_ operand: Value, _ field: String) throws(EvalError) -> Bool {
        guard case .map(let map) = operand else {
            throw EvalError("has() needs a map, not '\(operand.typeDisplayName)'")
        }
        return map.indexOf(string: field) != nil
    }

    static func size(_ v: Value) throws(EvalError) -> Value {
        switch v {
        case .string(let s): return .int(Int64(TextOps.scalarCount(s)))
        case .list(let l): return .int(Int64(l.count))
        case .map(let m): return .int(Int64(m.count))
        default: throw EvalError.noOverload("size", v)
        }
    }
}
