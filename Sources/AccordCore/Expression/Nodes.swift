/// The executable form of an expression: a tree of nodes, each evaluating itself against an
/// activation. Variables are resolved to slots and functions to implementations when compiled, so
/// evaluation does no lookups by name.
package class Node: @unchecked Sendable {
    let span: SourceSpan

    init(_ span: SourceSpan) { self.span = span }

    func eval(_ a: inout Activation) throws(EvalError) -> Value {
        throw EvalError("internal error: an expression node without an implementation", span: span)
    }
}

extension EvalError {
    /// The error with a position, if it has none yet.
    func at(_ span: SourceSpan) -> EvalError {
        var e = self
        if e.span == nil { e.span = span }
        return e
    }
}

final class ConstantNode: Node, @unchecked Sendable {
    let value: Value
    init(_ value: Value, _ span: SourceSpan) {
        self.value = value
        super.init(span)
    }
    override func eval(_ a: inout Activation) throws(EvalError) -> Value { value }
}

/// A rule's `let`: evaluated at its first use for a brief (or, when it depends on the `for each`
/// element, for an element), then read from its slot.
final class LetNode: Node, @unchecked Sendable {
    let slot: Int
    let perElement: Bool
    let body: Node
    init(slot: Int, perElement: Bool, body: Node) {
        self.slot = slot
        self.perElement = perElement
        self.body = body
        super.init(body.span)
    }
    override func eval(_ a: inout Activation) throws(EvalError) -> Value {
        if a.isCurrent(slot, perElement: perElement) { return a.slots[slot] }
        let value = try body.eval(&a)
        a.keep(value, in: slot)
        return value
    }
}

final class SlotNode: Node, @unchecked Sendable {
    let slot: Int
    init(_ slot: Int, _ span: SourceSpan) {
        self.slot = slot
        super.init(span)
    }
    override func eval(_ a: inout Activation) throws(EvalError) -> Value { a.slots[slot] }
}

/// `x.a.b`: fields selected from a variable, walked in place. The maps on the way are held by the
/// variable's value for the whole walk, so they are read without taking references to them.
final class SlotPathNode: Node, @unchecked Sendable {
    let slot: Int
    let fields: [(name: String, hash: UInt64, span: SourceSpan)]
    /// The last field's name and hash, also kept apart: read from the node itself, the name is
    /// compared without being retained, as an element of `fields` would be.
    let lastName: String
    let lastHash: UInt64

    init(_ slot: Int, _ fields: [(name: String, hash: UInt64, span: SourceSpan)], _ span: SourceSpan) {
        self.slot = slot
        self.fields = fields
        lastName = fields[fields.count - 1].name
        lastHash = fields[fields.count - 1].hash
        super.init(span)
    }

    /// A path one field longer.
    func appending(_ field: String, _ span: SourceSpan) -> SlotPathNode {
        SlotPathNode(slot, fields + [(field, KeyIndex.hash(string: field), span)], span)
    }

    override func eval(_ a: inout Activation) throws(EvalError) -> Value {
        let last = fields.count - 1
        guard let map = try Self.walk(Self.map(in: a.slots, slot), fields, count: last) else { return try fallback(a.slots[slot], from: 0) }
        guard let i = map.position(of: lastName, hash: lastHash) else { throw Self.noSuchKey(fields[last]) }
        return map._withUnsafeGuaranteedRef { $0.values[i] }
    }

    /// The map that the first `count` fields lead to from `root`, walked without retaining the maps
    /// on the way (`root` holds them throughout); nil when `root` or a value on the way is not a map,
    /// for the caller's general path to report as selecting from it does.
    @inline(__always)
    static func walk(_ root: Unmanaged<ValueMap>?, _ fields: [(name: String, hash: UInt64, span: SourceSpan)], count: Int) throws(EvalError) -> Unmanaged<ValueMap>? {
        guard var map = root else { return nil }
        for k in 0..<count {
            // Read in place: a copy of the field's entry would retain its name.
            guard let i = map.position(of: fields[k].name, hash: fields[k].hash) else { throw noSuchKey(fields[k]) }
            guard case .map(let next) = map._withUnsafeGuaranteedRef({ $0.values[i] }) else { return nil }
            map = Unmanaged.passUnretained(next)
        }
        return map
    }

    /// The map a slot holds, without a reference taken to it: the slot holds it while it is read.
    @inline(__always)
    static func map(in slots: [Value], _ slot: Int) -> Unmanaged<ValueMap>? {
        slots.withUnsafeBufferPointer { slots in
            if case .map(let m) = slots[slot] { return Unmanaged.passUnretained(m) }
            return nil
        }
    }

    static func noSuchKey(_ field: (name: String, hash: UInt64, span: SourceSpan)) -> EvalError {
        EvalError("no such key: \(field.name)", span: field.span)
    }

    /// The rest of the walk on a value that is not a map: the error of selecting from it.
    private func fallback(_ value: Value, from k: Int) throws(EvalError) -> Value {
        var current = value
        for field in fields[k...] {
            do { current = try Ops.select(current, field.name) } catch { throw error.at(field.span) }
        }
        return current
    }
}

/// Always fails with its message: an undeclared name or function, found when evaluating (as CEL does
/// for unchecked expressions, so that `x || true` is still true).
package final class FailNode: Node, @unchecked Sendable {
    let message: String
    let operands: [Node]
    package init(_ message: String, operands: [Node] = [], _ span: SourceSpan) {
        self.message = message
        self.operands = operands
        super.init(span)
    }
    override func eval(_ a: inout Activation) throws(EvalError) -> Value {
        for operand in operands { _ = try operand.eval(&a) }
        throw EvalError(message, span: span)
    }
}

final class SelectNode: Node, @unchecked Sendable {
    let operand: Node
    let field: String
    let fieldHash: UInt64
    init(_ operand: Node, _ field: String, _ span: SourceSpan) {
        self.operand = operand
        self.field = field
        self.fieldHash = KeyIndex.hash(string: field)
        super.init(span)
    }
    override func eval(_ a: inout Activation) throws(EvalError) -> Value {
        let v = try operand.eval(&a)
        if case .map(let m) = v, let i = m.indexOf(string: field, hash: fieldHash) { return m.values[i] }
        do { return try Ops.select(v, field) } catch { throw error.at(span) }
    }
}

/// `has(x.a.b)`: the fields walked in place from the variable, as `SlotPathNode` does, and the last
/// one looked up without taking the value out. Anything but maps on the way is left to `PresenceNode`.
final class SlotPresenceNode: Node, @unchecked Sendable {
    let slot: Int
    let fields: [(name: String, hash: UInt64, span: SourceSpan)]
    let field: String
    let fieldHash: UInt64
    /// `has()` on the operand as written: for values that are not maps.
    let general: PresenceNode

    init(slot: Int, fields: [(name: String, hash: UInt64, span: SourceSpan)], general: PresenceNode) {
        self.slot = slot
        self.fields = fields
        self.field = general.field
        self.fieldHash = general.fieldHash
        self.general = general
        super.init(general.span)
    }

    override func eval(_ a: inout Activation) throws(EvalError) -> Value {
        guard let map = try SlotPathNode.walk(SlotPathNode.map(in: a.slots, slot), fields, count: fields.count) else { return try general.eval(&a) }
        return .bool(map.position(of: field, hash: fieldHash) != nil)
    }
}

/// The unretained map walk, in one place (`SlotPathNode.walk` and `map(in:_:)` hand out the maps).
///
/// Invariant: an `Unmanaged<ValueMap>` here names a map that a value held for the whole walk keeps
/// alive (the variable's slot, or a map inside it), so it is read without a reference taken: no
/// retain and release for each map on a path such as `brief.creators` (about 240 paths a brief).
extension Unmanaged<ValueMap> {
    /// A key's position in the map: looked up without retaining it.
    @inline(__always)
    func position(of key: String, hash: UInt64) -> Int? {
        _withUnsafeGuaranteedRef { $0.indexOf(string: key, hash: hash) }
    }
}

final class PresenceNode: Node, @unchecked Sendable {
    let operand: Node
    let field: String
    let fieldHash: UInt64
    init(_ operand: Node, _ field: String, _ span: SourceSpan) {
        self.operand = operand
        self.field = field
        self.fieldHash = KeyIndex.hash(string: field)
        super.init(span)
    }
    override func eval(_ a: inout Activation) throws(EvalError) -> Value {
        let v = try operand.eval(&a)
        if case .map(let m) = v { return .bool(m.indexOf(string: field, hash: fieldHash) != nil) }
        do { return .bool(try Ops.has(v, field)) } catch { throw error.at(span) }
    }
}

final class IndexNode: Node, @unchecked Sendable {
    let operand: ConstantOperand
    let key: Node
    init(_ operand: Node, _ key: Node, _ span: SourceSpan) {
        self.operand = ConstantOperand(operand)
        self.key = key
        super.init(span)
    }
    override func eval(_ a: inout Activation) throws(EvalError) -> Value {
        if operand.isConstant {
            let k = try key.eval(&a)
            do { return try Ops.index(operand.constant, k) } catch { throw error.at(span) }
        }
        let container = try operand.node.eval(&a)
        let k = try key.eval(&a)
        do { return try Ops.index(container, k) } catch { throw error.at(span) }
    }
}

final class NotNode: Node, @unchecked Sendable {
    let operand: Node
    init(_ operand: Node, _ span: SourceSpan) {
        self.operand = operand
        super.init(span)
    }
    override func eval(_ a: inout Activation) throws(EvalError) -> Value {
        let v = try operand.eval(&a)
        guard case .bool(let b) = v else { throw EvalError.noOverload("!_", v).at(span) }
        return .bool(!b)
    }
}

final class NegateNode: Node, @unchecked Sendable {
    let operand: Node
    init(_ operand: Node, _ span: SourceSpan) {
        self.operand = operand
        super.init(span)
    }
    override func eval(_ a: inout Activation) throws(EvalError) -> Value {
        let v = try operand.eval(&a)
        do { return try Ops.negate(v) } catch { throw error.at(span) }
    }
}

/// `a && b` and `a || b`: the decisive value (false for `&&`, true for `||`) on either side is the
/// result, whatever the other side; otherwise an error on either side is the result.
final class LogicNode: Node, @unchecked Sendable {
    let left: Node
    let right: Node
    let decisive: Bool
    let function: String
    init(and: Bool, _ left: Node, _ right: Node, _ span: SourceSpan) {
        self.left = left
        self.right = right
        decisive = !and
        function = and ? "_&&_" : "_||_"
        super.init(span)
    }
    override func eval(_ a: inout Activation) throws(EvalError) -> Value {
        // Paths without an error keep no optional error: releasing one costs a call on every path.
        let l: Value
        do { l = try left.eval(&a) } catch { return try afterFailure(error, &a) }
        guard case .bool(let b) = l else { return try afterFailure(EvalError.noOverload(function, l).at(left.span), &a) }
        if b == decisive { return .bool(b) }
        switch try right.eval(&a) {
        case .bool(let r): return .bool(r)
        case let v: throw EvalError.noOverload(function, v).at(right.span)
        }
    }

    /// The left side failed: only a decisive right side makes the result, else the left's error.
    private func afterFailure(_ failure: EvalError, _ a: inout Activation) throws(EvalError) -> Value {
        do {
            if case .bool(let b) = try right.eval(&a), b == decisive { return .bool(b) }
        } catch {}
        throw failure
    }
}

final class ConditionalNode: Node, @unchecked Sendable {
    let condition: Node
    let whenTrue: Node
    let whenFalse: Node
    init(_ condition: Node, _ whenTrue: Node, _ whenFalse: Node, _ span: SourceSpan) {
        self.condition = condition
        self.whenTrue = whenTrue
        self.whenFalse = whenFalse
        super.init(span)
    }
    override func eval(_ a: inout Activation) throws(EvalError) -> Value {
        switch try condition.eval(&a) {
        case .bool(true): return try whenTrue.eval(&a)
        case .bool(false): return try whenFalse.eval(&a)
        case let v: throw EvalError.noOverload("_?_:_", v).at(condition.span)
        }
    }
}

/// An operand with its value at hand when it is a constant (`x == "brand"`, `size(l) > 0`, a table
/// of the pack indexed): read from this property of the operator's node, the constant is not copied,
/// and its text or list retained, for each evaluation.
struct ConstantOperand {
    let node: Node
    let isConstant: Bool
    let constant: Value

    init(_ node: Node) {
        self.node = node
        if let c = node as? ConstantNode { (isConstant, constant) = (true, c.value) } else { (isConstant, constant) = (false, .null) }
    }
}

final class EqualNode: Node, @unchecked Sendable {
    let left: Node
    let right: ConstantOperand
    let negated: Bool
    init(_ left: Node, _ right: Node, negated: Bool, _ span: SourceSpan) {
        self.left = left
        self.right = ConstantOperand(right)
        self.negated = negated
        super.init(span)
    }
    override func eval(_ a: inout Activation) throws(EvalError) -> Value {
        let l = try left.eval(&a)
        if right.isConstant { return .bool(Value.equal(l, right.constant) != negated) }
        let r = try right.node.eval(&a)
        return .bool(Value.equal(l, r) != negated)
    }
}

final class RelationNode: Node, @unchecked Sendable {
    let op: BinaryOperator
    let left: Node
    let right: ConstantOperand
    init(_ op: BinaryOperator, _ left: Node, _ right: Node, _ span: SourceSpan) {
        self.op = op
        self.left = left
        self.right = ConstantOperand(right)
        super.init(span)
    }
    override func eval(_ a: inout Activation) throws(EvalError) -> Value {
        let l = try left.eval(&a)
        if right.isConstant {
            do { return .bool(try Ops.relation(op, l, right.constant)) } catch { throw error.at(span) }
        }
        let r = try right.node.eval(&a)
        do { return .bool(try Ops.relation(op, l, r)) } catch { throw error.at(span) }
    }
}

final class InNode: Node, @unchecked Sendable {
    let element: Node
    let container: ConstantOperand
    init(_ element: Node, _ container: Node, _ span: SourceSpan) {
        self.element = element
        self.container = ConstantOperand(container)
        super.init(span)
    }
    override func eval(_ a: inout Activation) throws(EvalError) -> Value {
        let e = try element.eval(&a)
        if container.isConstant { return try isIn(e, container.constant, &a) }
        return try isIn(e, try container.node.eval(&a), &a)
    }

    @inline(__always)
    private func isIn(_ e: Value, _ c: Value, _ a: inout Activation) throws(EvalError) -> Value {
        if case .list(let l) = c { try a.charge(l.count / 8) }
        do { return .bool(try Ops.isIn(e, c)) } catch { throw error.at(span) }
    }
}

final class ArithmeticNode: Node, @unchecked Sendable {
    let op: BinaryOperator
    let left: Node
    let right: ConstantOperand
    init(_ op: BinaryOperator, _ left: Node, _ right: Node, _ span: SourceSpan) {
        self.op = op
        self.left = left
        self.right = ConstantOperand(right)
        super.init(span)
    }
    override func eval(_ a: inout Activation) throws(EvalError) -> Value {
        let l = try left.eval(&a)
        if right.isConstant { return try apply(l, right.constant, &a) }
        return try apply(l, try right.node.eval(&a), &a)
    }

    @inline(__always)
    private func apply(_ l: Value, _ r: Value, _ a: inout Activation) throws(EvalError) -> Value {
        do throws(EvalError) {
            switch op {
            case .add:
                if case .string(let x) = l, case .string(let y) = r, x.utf8.count + y.utf8.count > ExpressionLimits.maxTextBytes {
                    throw EvalError("+ would build a text of more than \(ExpressionLimits.maxTextBytes >> 20) MiB")
                }
                let result = try Ops.add(l, r)
                // Concatenation costs in proportion to what it builds.
                switch result {
                case .string(let s): try a.charge(s.utf8.count / 64)
                case .list(let list): try a.charge(list.count / 8)
                default: break
                }
                return result
            case .subtract: return try Ops.subtract(l, r)
            case .multiply: return try Ops.multiply(l, r)
            case .divide: return try Ops.divide(l, r)
            case .remainder: return try Ops.remainder(l, r)
            default: throw EvalError("internal error: \(op.rawValue) is not arithmetic")
            }
        } catch {
            throw error.at(span)
        }
    }
}

final class ListNode: Node, @unchecked Sendable {
    let items: [Node]
    init(_ items: [Node], _ span: SourceSpan) {
        self.items = items
        super.init(span)
    }
    override func eval(_ a: inout Activation) throws(EvalError) -> Value {
        try a.charge(items.count / 8)
        var values: [Value] = []
        values.reserveCapacity(items.count)
        for item in items { values.append(try item.eval(&a)) }
        return .list(ValueList(values))
    }
}

final class MapNode: Node, @unchecked Sendable {
    let keys: [Node]
    let values: [Node]
    init(_ keys: [Node], _ values: [Node], _ span: SourceSpan) {
        self.keys = keys
        self.values = values
        super.init(span)
    }
    override func eval(_ a: inout Activation) throws(EvalError) -> Value {
        try a.charge(keys.count / 8)
        var ks: [Value] = []
        var vs: [Value] = []
        ks.reserveCapacity(keys.count)
        vs.reserveCapacity(keys.count)
        for i in 0..<keys.count {
            let k = try keys[i].eval(&a)
            switch k {
            case .int, .string, .bool: break
            default: throw EvalError("unsupported key type \(k.typeDisplayName) in a map literal", span: keys[i].span)
            }
            if ks.contains(where: { MapKey($0) == MapKey(k) }) {
                throw EvalError("repeated key \(PrintForm.string(k, pretty: false)) in a map literal", span: keys[i].span)
            }
            ks.append(k)
            vs.append(try values[i].eval(&a))
        }
        return .map(ValueMap(keys: ks, values: vs))
    }
}

/// A library call. The function and up to three argument nodes are held in properties that are
/// neither optional nor in a list nor an enum's payload: read from any of those, each would be
/// copied, and so retained and released, around every call. The properties a call does not use
/// hold placeholders.
final class CallNode: Node, @unchecked Sendable {
    private enum Kind { case one, two, three, many, costed, mismatch }
    private let kind: Kind
    private let one: @Sendable (Value) throws(EvalError) -> Value
    private let two: @Sendable (Value, Value) throws(EvalError) -> Value
    private let three: @Sendable (Value, Value, Value) throws(EvalError) -> Value
    /// Functions that take a list of the arguments, or the list and the activation.
    private let many: @Sendable ([Value]) throws(EvalError) -> Value
    private let costed: @Sendable ([Value], inout Activation) throws(EvalError) -> Value
    let args: [Node]
    /// Up to three arguments again, in properties of their own.
    private let first: Node, second: Node, third: Node

    private static let unusedNode = Node(SourceSpan(0, 0))
    private static let unusedOne: @Sendable (Value) throws(EvalError) -> Value = { _ in .null }
    private static let unusedTwo: @Sendable (Value, Value) throws(EvalError) -> Value = { _, _ in .null }
    private static let unusedThree: @Sendable (Value, Value, Value) throws(EvalError) -> Value = { _, _, _ in .null }
    private static let unusedMany: @Sendable ([Value]) throws(EvalError) -> Value = { _ in .null }
    private static let unusedCosted: @Sendable ([Value], inout Activation) throws(EvalError) -> Value = { _, _ in .null }

    init(_ body: FunctionBody, _ args: [Node], _ span: SourceSpan) {
        var (one, two, three, many, costed) = (Self.unusedOne, Self.unusedTwo, Self.unusedThree, Self.unusedMany, Self.unusedCosted)
        switch body {
        case .one(let f) where args.count == 1: (kind, one) = (.one, f)
        case .two(let f) where args.count == 2: (kind, two) = (.two, f)
        case .three(let f) where args.count == 3: (kind, three) = (.three, f)
        case .byArity(let f?, _, _) where args.count == 1: (kind, one) = (.one, f)
        case .byArity(_, let f?, _) where args.count == 2: (kind, two) = (.two, f)
        case .byArity(_, _, let f?) where args.count == 3: (kind, three) = (.three, f)
        case .many(let f): (kind, many) = (.many, f)
        case .costed(let f): (kind, costed) = (.costed, f)
        default: kind = .mismatch
        }
        (self.one, self.two, self.three, self.many, self.costed) = (one, two, three, many, costed)
        self.args = args
        let fixed = args.count <= 3
        first = fixed && args.count > 0 ? args[0] : Self.unusedNode
        second = fixed && args.count > 1 ? args[1] : Self.unusedNode
        third = fixed && args.count > 2 ? args[2] : Self.unusedNode
        super.init(span)
    }

    override func eval(_ a: inout Activation) throws(EvalError) -> Value {
        do throws(EvalError) {
            switch kind {
            case .one:
                return try one(try first.eval(&a))
            case .two:
                let x = try first.eval(&a)
                return try two(x, try second.eval(&a))
            case .three:
                let x = try first.eval(&a)
                let y = try second.eval(&a)
                return try three(x, y, try third.eval(&a))
            case .many:
                return try many(try arguments(&a))
            case .costed:
                let values = try arguments(&a)
                return try costed(values, &a)
            case .mismatch:
                // The arguments' own errors come first; no list is needed to count them.
                for arg in args { _ = try arg.eval(&a) }
                throw EvalError("no such overload for \(args.count) arguments")
            }
        } catch {
            throw error.at(span)
        }
    }

    /// The arguments evaluated in order, in a list borrowed from the activation: give it back once
    /// the call is done.
    @inline(__always)
    private func arguments(_ a: inout Activation) throws(EvalError) -> [Value] {
        var values: [Value] = []
        values.reserveCapacity(args.count)
        switch args.count {
        case 0: break
        case 1: values.append(try first.eval(&a))
        case 2:
            values.append(try first.eval(&a))
            values.append(try second.eval(&a))
        case 3:
            values.append(try first.eval(&a))
            values.append(try second.eval(&a))
            values.append(try third.eval(&a))
        default:
            for arg in args { values.append(try arg.eval(&a)) }
        }
        return values
    }
}

/// `text.matches("pattern")` with the pattern compiled when the expression was.
final class MatchesNode: Node, @unchecked Sendable {
    let text: Node
    let regex: Regex
    init(_ text: Node, _ regex: Regex, _ span: SourceSpan) {
        self.text = text
        self.regex = regex
        super.init(span)
    }
    override func eval(_ a: inout Activation) throws(EvalError) -> Value {
        let v = try text.eval(&a)
        guard case .string(let s) = v else { throw EvalError.noOverload("matches", v, .string(regex.pattern)).at(span) }
        do { return .bool(try regex.matches(s, activation: &a)) } catch { throw error.at(span) }
    }
}

/// The comprehension macros. The range is a list (one variable: the element; two: index and
/// element) or a map (one variable: the key; two: key and value).
final class ComprehensionNode: Node, @unchecked Sendable {
    let kind: MacroKind
    let range: Node
    let first: Int
    let second: Int?
    let filter: Node?
    let body: Node

    init(_ kind: MacroKind, range: Node, first: Int, second: Int?, filter: Node?, body: Node, _ span: SourceSpan) {
        self.kind = kind
        self.range = range
        self.first = first
        self.second = second
        self.filter = filter
        self.body = body
        super.init(span)
    }

    override func eval(_ a: inout Activation) throws(EvalError) -> Value {
        let r = try range.eval(&a)
        let count: Int
        switch r {
        case .list(let l): count = l.count
        case .map(let m): count = m.count
        default: throw EvalError("\(kind.rawValue)() needs a list or a map, not \(r.typeDisplayName)", span: range.span)
        }
        switch kind {
        case .all, .exists: return try quantify(r, count, &a)
        default: return try collect(r, count, &a)
        }
    }

    /// Element `i` of the range in the variables.
    @inline(__always)
    private func bind(_ r: Value, _ i: Int, _ a: inout Activation) {
        switch r {
        case .list(let l):
            if let second {
                a.slots[first] = .int(Int64(i))
                a.slots[second] = l.items[i]
            } else {
                a.slots[first] = l.items[i]
            }
        case .map(let m):
            a.slots[first] = m.keys[i]
            if let second { a.slots[second] = m.values[i] }
        default: break
        }
    }

    /// `all` and `exists`: the decisive value (false, true) as soon as an element gives it, whatever
    /// the others; otherwise the first error of an element, if any, else the other value.
    private func quantify(_ r: Value, _ count: Int, _ a: inout Activation) throws(EvalError) -> Value {
        let decisive = kind == .exists
        var pending: EvalError?
        for i in 0..<count {
            try a.charge(1)
            bind(r, i, &a)
            do {
                switch try body.eval(&a) {
                case .bool(let b) where b == decisive: return .bool(decisive)
                case .bool: break
                case let v: pending = pending ?? EvalError.noOverload(kind.rawValue, v).at(body.span)
                }
            } catch {
                pending = pending ?? error
            }
        }
        if let pending { throw pending }
        return .bool(!decisive)
    }

    /// `exists_one`, `filter`, `map` and the transforms.
    private func collect(_ r: Value, _ count: Int, _ a: inout Activation) throws(EvalError) -> Value {
        var trues = 0
        var results: [Value] = []
        var resultKeys: [Value] = []
        switch kind {
        case .map, .transformList, .transformMap: results.reserveCapacity(count)
        default: break  // a filter reserves room at its first match: most filters keep nothing
        }
        if kind == .transformMap { resultKeys.reserveCapacity(count) }
        let filter = self.filter
        for i in 0..<count {
            try a.charge(1)
            bind(r, i, &a)
            switch kind {
            case .all, .exists:
                break  // evaluated by quantify, never here
            case .existsOne:
                switch try body.eval(&a) {
                case .bool(let b): if b { trues += 1 }
                case let v: throw EvalError.noOverload("exists_one", v).at(body.span)
                }
            case .filter:
                switch try body.eval(&a) {
                case .bool(true):
                    if results.isEmpty { results.reserveCapacity(min(count - i, 8)) }
                    results.append(second == nil ? a.slots[first] : a.slots[second!])
                case .bool(false): break
                case let v: throw EvalError.noOverload("filter", v).at(body.span)
                }
            case .map, .transformList, .transformMap:
                if let filter {
                    switch try filter.eval(&a) {
                    case .bool(true): break
                    case .bool(false): continue
                    case let v: throw EvalError.noOverload(kind.rawValue, v).at(filter.span)
                    }
                }
                if kind == .transformMap { resultKeys.append(a.slots[first]) }
                results.append(try body.eval(&a))
            }
        }
        switch kind {
        case .existsOne:
            return .bool(trues == 1)
        case .filter, .map, .transformList, .all, .exists:
            return .list(ValueList(results))
        case .transformMap:
            return .map(ValueMap(keys: resultKeys, values: results))
        }
    }
}
