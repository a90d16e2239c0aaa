/// The variables an expression may use, in slot order, and how strictly to check it.
package final class Declarations: @unchecked Sendable {
    package private(set) var names: [String] = []
    package private(set) var types: [CELType] = []
    private var index: [String: Int] = [:]
    /// Variables whose value is known when compiling (a pack's `data`): uses of them are folded.
    package private(set) var constants: [Int: Value] = [:]
    /// Strict (rule files): undeclared names, unknown functions and type mismatches are errors when
    /// compiling. Lenient (`accord eval`, like CEL's unchecked conformance cases): they fail when evaluated.
    package let strict: Bool

    package init(strict: Bool, _ variables: [(String, CELType)] = []) {
        self.strict = strict
        for (name, type) in variables { declare(name, type) }
    }

    /// Declares a variable in the next slot, or retypes an existing one; returns its slot.
    @discardableResult
    package func declare(_ name: String, _ type: CELType) -> Int {
        if let i = index[name] {
            types[i] = type
            return i
        }
        index[name] = names.count
        names.append(name)
        types.append(type)
        return names.count - 1
    }

    /// Declares a variable whose value is fixed before any expression runs.
    @discardableResult
    package func declareConstant(_ name: String, _ type: CELType, value: Value) -> Int {
        let slot = declare(name, type)
        constants[slot] = value
        return slot
    }

    package func slot(_ name: String) -> Int? { index[name] }

    /// A copy to which more variables can be added (a rule's `let` and `each` on top of the brief's).
    package func extended() -> Declarations {
        let copy = Declarations(strict: strict)
        for (n, t) in zip(names, types) { copy.declare(n, t) }
        copy.constants = constants
        return copy
    }
}

/// A compiled expression: evaluate it as often as needed.
package final class Program: @unchecked Sendable {
    package let expression: Expr
    package let file: SourceFile
    package let type: CELType
    /// Slots the program needs: the declared variables and its comprehension variables.
    package let slotCount: Int
    let root: Node

    init(expression: Expr, file: SourceFile, type: CELType, slotCount: Int, root: Node) {
        self.expression = expression
        self.file = file
        self.type = type
        self.slotCount = slotCount
        self.root = root
    }

    /// Evaluates against an activation whose first slots hold the declared variables.
    @inline(__always)
    package func evaluate(_ activation: inout Activation) throws(EvalError) -> Value {
        if activation.slots.count < slotCount {
            activation.slots += Array(repeating: .null, count: slotCount - activation.slots.count)
        }
        return try root.eval(&activation)
    }

    /// Evaluates with the given values of the declared variables.
    package func evaluate(_ variables: [Value], costLimit: Int = ExpressionLimits.defaultCostLimit) throws(EvalError) -> Value {
        var activation = Activation(slots: variables, costLimit: costLimit)
        return try evaluate(&activation)
    }

    /// A diagnostic for an evaluation error, pointing into the expression's source.
    package func diagnostic(_ error: EvalError) -> Diagnostic {
        .error(error.message, id: "expr.eval", file: file, span: error.span ?? expression.span)
    }
}

/// A name bound to an already compiled expression (a rule's `let`). The expression was resolved in
/// its own scope, so names inside it cannot be captured; it is evaluated at its first use and its
/// value kept for the other uses (see `LetNode`).
package struct Alias {
    let node: Node
    package let type: CELType

    package init(node: Node, type: CELType) {
        self.node = node
        self.type = type
    }
}

/// Checks and compiles expressions against declarations.
package struct Compiler {
    let file: SourceFile
    let declarations: Declarations
    var aliases: [String: Alias] = [:]
    var diagnostics: [Diagnostic] = []
    /// Comprehension variables in scope, innermost last.
    var scopes: [(name: String, type: CELType, slot: Int)] = []
    var nextSlot: Int
    var maxSlot: Int

    /// Compiles a parsed expression; every problem found is reported, not just the first.
    /// `firstSlot`: where this program's comprehension variables start. Programs that use one
    /// another (a rule's `let`s and its conditions) get separate ranges so they cannot overwrite each other.
    package static func compile(_ expr: Expr, file: SourceFile, declarations: Declarations,
                               aliases: [String: Alias] = [:], firstSlot: Int? = nil) throws(DiagnosticList) -> Program {
        let first = max(firstSlot ?? 0, declarations.names.count)
        var compiler = Compiler(file: file, declarations: declarations, aliases: aliases, nextSlot: first, maxSlot: first)
        let (node, type) = compiler.compile(expr)
        if !compiler.diagnostics.isEmpty { throw DiagnosticList(compiler.diagnostics) }
        return Program(expression: expr, file: file, type: type, slotCount: compiler.maxSlot, root: node)
    }

    /// Parses and compiles the text of `file` (or a range of it).
    package static func compile(_ file: SourceFile, range: Range<Int>? = nil, declarations: Declarations,
                               aliases: [String: Alias] = [:], hashComments: Bool = false, firstSlot: Int? = nil) throws(DiagnosticList) -> Program {
        let expr: Expr
        do {
            expr = try ExpressionParser.parse(file, range: range, hashComments: hashComments)
        } catch {
            throw DiagnosticList([error])
        }
        return try compile(expr, file: file, declarations: declarations, aliases: aliases, firstSlot: firstSlot)
    }

    /// The program as an alias, for a rule's `let`, remembered in `slot` for the rule (or, with
    /// `perElement`, for one element of its `for each`). A constant stays a constant.
    package static func alias(_ program: Program, slot: Int, perElement: Bool) -> Alias {
        if program.root is ConstantNode { return Alias(node: program.root, type: program.type) }
        return Alias(node: LetNode(slot: slot, perElement: perElement, body: program.root), type: program.type)
    }

    var strict: Bool { declarations.strict }

    /// `operand.field`: folded on a constant, fused into a path on a variable.
    static func select(_ operand: Node, _ field: String, _ span: SourceSpan) -> Node {
        if let path = operand as? SlotPathNode { return path.appending(field, span) }
        if let slot = operand as? SlotNode { return SlotPathNode(slot.slot, [(field, KeyIndex.hash(string: field), span)], span) }
        return folded(SelectNode(operand, field, span), operands: [operand])
    }

    /// `has(operand.field)`: fused with a path from a variable, folded on a constant.
    static func presence(_ operand: Node, _ field: String, _ span: SourceSpan) -> Node {
        let general = PresenceNode(operand, field, span)
        if let path = operand as? SlotPathNode { return SlotPresenceNode(slot: path.slot, fields: path.fields, general: general) }
        if let slot = operand as? SlotNode { return SlotPresenceNode(slot: slot.slot, fields: [], general: general) }
        return folded(general, operands: [operand])
    }

    /// Functions and field access are pure: a node whose operands are all constants is evaluated
    /// once, now. An error is left for run time, where it is reported (or absorbed) in context.
    static func folded(_ node: Node, operands: [Node]) -> Node {
        guard operands.allSatisfy({ $0 is ConstantNode }) else { return node }
        var scratch = Activation(slots: [], costLimit: 10_000)
        guard let value = try? node.eval(&scratch) else { return node }
        return ConstantNode(value, node.span)
    }

    mutating func report(_ message: String, _ span: SourceSpan, help: String? = nil, id: String = "expr.check") {
        diagnostics.append(.error(message, id: id, file: file, span: span, help: help))
    }

    // MARK: Expressions

    mutating func compile(_ e: Expr) -> (Node, CELType) {
        switch e.kind {
        case .literal(let v):
            return (ConstantNode(v, e.span), CELType.of(v))

        case .ident(let name):
            return identifier(name, e.span)

        case .select(let operand, let field, let fieldSpan):
            if let resolved = qualifiedVariable(e) { return resolved }
            let (node, type) = compile(operand)
            let result = fieldType(type, field, fieldSpan, operand: operand)
            return (Self.select(node, field, e.span), result)

        case .presence(let operand, let field, let fieldSpan):
            let (node, type) = compile(operand)
            _ = fieldType(type, field, fieldSpan, operand: operand)
            return (Self.presence(node, field, e.span), .bool)

        case .index(let operand, let key):
            let (node, type) = compile(operand)
            let (keyNode, keyType) = compile(key)
            return (Self.folded(IndexNode(node, keyNode, e.span), operands: [node, keyNode]), indexType(type, keyType, key))

        case .call(let name, let nameSpan, let target, let args):
            return call(name, nameSpan, target, args, e.span)

        case .list(let items):
            var nodes: [Node] = []
            var element: CELType?
            for item in items {
                let (n, t) = compile(item)
                nodes.append(n)
                element = element.map { $0.join(t) } ?? t
            }
            // A list of constants is built once, when compiled.
            if nodes.allSatisfy({ $0 is ConstantNode }) {
                let items = nodes.map { ($0 as! ConstantNode).value }
                return (ConstantNode(.list(ValueList(items)), e.span), .list(element ?? .dyn))
            }
            return (ListNode(nodes, e.span), .list(element ?? .dyn))

        case .map(let entries):
            var keys: [Node] = []
            var values: [Node] = []
            var keyType: CELType?
            var valueType: CELType?
            var literalKeys: [(Value, SourceSpan)] = []
            for entry in entries {
                let (k, kt) = compile(entry.key)
                let (v, vt) = compile(entry.value)
                if strict {
                    switch kt {
                    case .int, .string, .bool, .dyn: break
                    default: report("a map key must be a string, an int or a bool, not \(kt)", entry.key.span)
                    }
                    if case .literal(let lit) = entry.key.kind {
                        if let previous = literalKeys.first(where: { MapKey($0.0) == MapKey(lit) }) {
                            diagnostics.append(.error("the key \(PrintForm.string(lit, pretty: false)) appears twice in this map",
                                                      id: "expr.check", file: file, span: entry.key.span,
                                                      notes: [.init("first here", file: file, span: previous.1)]))
                        }
                        literalKeys.append((lit, entry.key.span))
                    }
                }
                keys.append(k)
                values.append(v)
                keyType = keyType.map { $0.join(kt) } ?? kt
                valueType = valueType.map { $0.join(vt) } ?? vt
            }
            return (MapNode(keys, values, e.span), .map(keyType ?? .dyn, valueType ?? .dyn))

        case .unary(let op, let operand):
            let (node, type) = compile(operand)
            switch op {
            case .not:
                expect(type, .bool, operand.span, "'!' needs a bool")
                return (NotNode(node, e.span), .bool)
            case .negate:
                switch type {
                case .int, .double, .duration, .dyn: break
                default: if strict { report("'-' needs a number or a duration, not \(type)", operand.span) }
                }
                return (NegateNode(node, e.span), type)
            }

        case .binary(let op, let left, let right, let opSpan):
            return binary(op, left, right, opSpan, e.span)

        case .and(let left, let right), .or(let left, let right):
            let (l, lt) = compile(left)
            let (r, rt) = compile(right)
            let isAnd: Bool
            if case .and = e.kind { isAnd = true } else { isAnd = false }
            expect(lt, .bool, left.span, "'\(isAnd ? "&&" : "||")' needs bool operands")
            expect(rt, .bool, right.span, "'\(isAnd ? "&&" : "||")' needs bool operands")
            return (LogicNode(and: isAnd, l, r, e.span), .bool)

        case .conditional(let c, let t, let f):
            let (cn, ct) = compile(c)
            expect(ct, .bool, c.span, "the condition before '?' must be a bool")
            let (tn, tt) = compile(t)
            let (fn, ft) = compile(f)
            return (ConditionalNode(cn, tn, fn, e.span), tt.join(ft))

        case .comprehension(let c):
            return comprehension(c, e.span)
        }
    }

    /// Whether every name `e` uses, other than `except`, is a constant (the pack's data, or a `let`
    /// of constants): then its value is the same for every brief.
    func isClosed(_ e: Expr, except: Set<String>) -> Bool {
        e.freeNames.subtracting(except).allSatisfy { name in
            if scopes.contains(where: { $0.name == name }) { return false }
            if let alias = aliases[name] { return alias.node is ConstantNode }
            guard let slot = declarations.slot(name) else { return false }
            return declarations.constants[slot] != nil
        }
    }

    /// In strict mode, reports a known type that is not the expected one.
    mutating func expect(_ type: CELType, _ expected: CELType, _ span: SourceSpan, _ what: String) {
        guard strict, !type.fits(expected) else { return }
        report("\(what), but this is \(type)", span)
    }

    /// `a.b.c` where a variable is declared under a dotted name: CEL resolves the longest declared
    /// prefix (`a.b.c`, then `a.b` with `.c` selected, ...), unless `a` is a comprehension variable.
    mutating func qualifiedVariable(_ e: Expr) -> (Node, CELType)? {
        var parts: [(String, SourceSpan)] = []
        var cursor = e
        while case .select(let operand, let field, let fieldSpan) = cursor.kind {
            parts.insert((field, fieldSpan), at: 0)
            cursor = operand
        }
        guard case .ident(let root) = cursor.kind, !scopes.contains(where: { $0.name == root }), aliases[root] == nil else { return nil }
        // Longest declared prefix that is longer than the root alone.
        for length in stride(from: parts.count, through: 1, by: -1) {
            let name = ([root] + parts[..<length].map(\.0)).joined(separator: ".")
            guard let slot = declarations.slot(name) else { continue }
            let nameSpan = cursor.span.union(parts[length - 1].1)
            var node: Node = declarations.constants[slot].map { ConstantNode($0, nameSpan) } ?? SlotNode(slot, nameSpan)
            var type = declarations.types[slot]
            for (field, fieldSpan) in parts[length...] {
                type = fieldType(type, field, fieldSpan, operand: cursor)
                node = Self.select(node, field, cursor.span.union(fieldSpan))
            }
            return (node, type)
        }
        return nil
    }

    mutating func identifier(_ name: String, _ span: SourceSpan) -> (Node, CELType) {
        if let scoped = scopes.last(where: { $0.name == name }) {
            return (SlotNode(scoped.slot, span), scoped.type)
        }
        if let alias = aliases[name] {
            return (alias.node, alias.type)
        }
        if let slot = declarations.slot(name) {
            if let value = declarations.constants[slot] { return (ConstantNode(value, span), declarations.types[slot]) }
            return (SlotNode(slot, span), declarations.types[slot])
        }
        if strict {
            let candidates = declarations.names + scopes.map(\.name) + aliases.keys.sorted()
            report("unknown name '\(name)'\(Suggestions.didYouMean(name, among: candidates))", span,
                   help: Suggestions.closest(to: name, among: candidates) == nil
                       ? "the names you can use here are: \(candidates.sorted().joined(separator: ", "))" : nil)
        }
        return (FailNode("undeclared reference to '\(name)'", span), .dyn)
    }

    /// The type of `operand.field`, reporting fields that a declared shape does not have.
    mutating func fieldType(_ type: CELType, _ field: String, _ span: SourceSpan, operand: Expr) -> CELType {
        switch type {
        case .object(let object):
            if let f = object.field(field) { return f.type }
            if object.open { return .dyn }
            let what = describeOperand(operand, object)
            diagnostics.append(.error("no field '\(field)' in \(what)\(Suggestions.didYouMean(field, among: object.fieldNames))",
                                      id: "expr.field", file: file, span: span,
                                      help: Suggestions.closest(to: field, among: object.fieldNames) == nil
                                          ? "the fields of \(object.name) are: \(object.fieldNames.joined(separator: ", "))" : nil,
                                      fixIt: Suggestions.closest(to: field, among: object.fieldNames).map { .init(span: span, replacement: $0) }))
            return .dyn
        case .map(let k, let v):
            if strict, !CELType.string.fits(k) { report("a map with \(k) keys has no fields; use [key]", span) }
            return v
        case .dyn:
            return .dyn
        default:
            if strict { report("\(type) has no fields, so '.\(field)' cannot be read", span) }
            return .dyn
        }
    }

    func describeOperand(_ operand: Expr, _ object: ObjectType) -> String {
        if case .ident(let name) = operand.kind { return name }
        return object.name
    }

    mutating func indexType(_ type: CELType, _ keyType: CELType, _ key: Expr) -> CELType {
        switch type {
        case .list(let element):
            if strict, !(keyType.fits(.int) || keyType.fits(.double)) { report("a list index must be an int, not \(keyType)", key.span) }
            return element
        case .map(let k, let v):
            if strict, !keyType.fits(k) && !(k.fits(.int) && keyType.fits(.double)) {
                report("this map's keys are \(k), not \(keyType)", key.span)
            }
            return v
        case .object(let object):
            if case .literal(.string(let field)) = key.kind {
                return fieldType(type, field, key.span, operand: key)
            }
            if strict, !keyType.fits(.string) { report("fields of \(object.name) are named by strings, not \(keyType)", key.span) }
            return .dyn
        case .dyn:
            return .dyn
        default:
            if strict { report("\(type) cannot be indexed with [ ]", key.span) }
            return .dyn
        }
    }

    // MARK: Operators

    mutating func binary(_ op: BinaryOperator, _ left: Expr, _ right: Expr, _ opSpan: SourceSpan, _ span: SourceSpan) -> (Node, CELType) {
        let (l, lt) = compile(left)
        let (r, rt) = compile(right)
        let hint = Compiler.conversionHint(lt, rt, literal: Compiler.stringLiteral(left) ?? Compiler.stringLiteral(right))
        switch op {
        case .equal, .notEqual:
            if strict, !Compiler.comparable(lt, rt) {
                diagnostics.append(.error("comparing \(lt) with \(rt) is always \(op == .equal ? "false" : "true")",
                                          id: "expr.check", file: file, span: opSpan, help: hint))
            }
            return (EqualNode(l, r, negated: op == .notEqual, opSpan), .bool)
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            if strict, !Compiler.ordered(lt, rt) {
                diagnostics.append(.error("'\(op.rawValue)' cannot compare \(lt) with \(rt)", id: "expr.check", file: file,
                                          span: opSpan, help: hint))
            }
            return (RelationNode(op, l, r, opSpan), .bool)
        case .in:
            if strict {
                switch rt {
                case .list(let element):
                    if !Compiler.comparable(lt, element) { report("a \(lt) is never in a list of \(element)", opSpan) }
                case .map(let k, _):
                    if !Compiler.comparable(lt, k) { report("a \(lt) is never a key of a map with \(k) keys", opSpan) }
                case .object, .dyn: break
                default: report("'in' needs a list or a map on its right, not \(rt)", right.span)
                }
            }
            return (InNode(l, r, opSpan), .bool)
        case .add, .subtract, .multiply, .divide, .remainder:
            let result = Compiler.arithmeticType(op, lt, rt)
            if strict, result == nil {
                diagnostics.append(.error("'\(op.rawValue)' cannot combine \(lt) and \(rt)", id: "expr.check", file: file,
                                          span: opSpan, help: hint))
            }
            return (ArithmeticNode(op, l, r, opSpan), result ?? .dyn)
        }
    }

    static func comparable(_ a: CELType, _ b: CELType) -> Bool {
        if a.fits(b) || b.fits(a) { return true }
        switch (a, b) {
        case (.int, .double), (.double, .int), (.null, _), (_, .null): return true
        case (.object, .map), (.map, .object): return true
        default: return false
        }
    }

    static func ordered(_ a: CELType, _ b: CELType) -> Bool {
        switch (a, b) {
        case (.dyn, _), (_, .dyn): return true
        case (.int, .int), (.double, .double), (.int, .double), (.double, .int), (.string, .string), (.bool, .bool),
             (.timestamp, .timestamp), (.duration, .duration), (.date, .date), (.time, .time), (.datetime, .datetime):
            return true
        default: return false
        }
    }

    static func stringLiteral(_ e: Expr) -> String? {
        if case .literal(.string(let s)) = e.kind { return s }
        return nil
    }

    /// How to make the two sides meet; `literal` is a string literal on one side, quoted back in the example.
    static func conversionHint(_ a: CELType, _ b: CELType, literal: String? = nil) -> String? {
        let quoted = literal.map(PrintForm.stringLiteral)
        switch (a, b) {
        case (.int, .double), (.double, .int): return "int and double do not mix in arithmetic: convert one with double(x) or int(x)"
        case (.date, .string), (.string, .date): return "write the date as date(\(quoted ?? "\"2026-03-18\""))"
        case (.timestamp, .string), (.string, .timestamp): return "write the instant as timestamp(\(quoted ?? "\"2026-03-18T09:00:00Z\""))"
        case (.duration, .string), (.string, .duration): return "write the duration as duration(\(quoted ?? "\"72h\""))"
        case (.date, .int), (.int, .date): return "to count days between dates use daysBetween(a, b); to move a date use d.addDays(n)"
        case (.string, .int), (.int, .string), (.string, .double), (.double, .string): return "convert with string(x), int(x) or double(x)"
        default: return nil
        }
    }

    static func arithmeticType(_ op: BinaryOperator, _ a: CELType, _ b: CELType) -> CELType? {
        switch (op, a, b) {
        case (_, .dyn, .dyn): return .dyn
        case (.add, .int, .int), (.subtract, .int, .int), (.multiply, .int, .int), (.divide, .int, .int), (.remainder, .int, .int):
            return .int
        case (.add, .double, .double), (.subtract, .double, .double), (.multiply, .double, .double), (.divide, .double, .double):
            return .double
        case (.add, .string, .string): return .string
        case (.add, .list(let x), .list(let y)): return .list(x.join(y))
        case (.add, .timestamp, .duration), (.add, .duration, .timestamp), (.subtract, .timestamp, .duration): return .timestamp
        case (.subtract, .timestamp, .timestamp), (.add, .duration, .duration), (.subtract, .duration, .duration): return .duration
        case (.add, .date, .duration), (.subtract, .date, .duration): return .date
        case (_, .dyn, let other), (_, let other, .dyn):
            // The known side must at least take part in some arithmetic.
            switch (op, other) {
            case (_, .int), (_, .double): return op == .remainder && other.fits(.double) && !other.fits(.int) ? nil : .dyn
            case (.add, .string), (.add, .list), (.add, .timestamp), (.add, .duration), (.add, .date),
                 (.subtract, .timestamp), (.subtract, .duration), (.subtract, .date):
                return .dyn
            default: return nil
            }
        default: return nil
        }
    }

    // MARK: Calls

    mutating func call(_ name: String, _ nameSpan: SourceSpan, _ target: Expr?, _ args: [Expr], _ span: SourceSpan) -> (Node, CELType) {
        // `strings.quote(x)`: a namespaced function, when `strings` is not a variable.
        if let target, case .ident(let namespace) = target.kind, declarations.slot(namespace) == nil,
           !scopes.contains(where: { $0.name == namespace }), Library.functions[namespace + "." + name] != nil {
            return call(namespace + "." + name, nameSpan, nil, args, span)
        }
        var nodes: [Node] = []
        var types: [CELType] = []
        if let target {
            let (n, t) = compile(target)
            nodes.append(n)
            types.append(t)
        }
        for arg in args {
            let (n, t) = compile(arg)
            nodes.append(n)
            types.append(t)
        }
        guard let function = Library.functions[name] else {
            if strict {
                report("unknown function '\(name)'\(Suggestions.didYouMean(name, among: Library.names))", nameSpan,
                       help: "the functions are listed in docs/expressions.md")
            }
            return (FailNode("no such function: \(name)", operands: nodes, span), .dyn)
        }
        let isMethod = target != nil
        let shaped = function.overloads.filter { ($0.receiver != nil) == isMethod && $0.arity == nodes.count }
        if shaped.isEmpty {
            if strict {
                let forms = function.overloads.map { $0.display.replacingOccurrences(of: "NAME", with: name) }
                let hint: String
                if isMethod && !function.hasMethodForm {
                    hint = "'\(name)' is a function: write \(name)(x)"
                } else if !isMethod && !function.hasGlobalForm {
                    hint = "'\(name)' is a method: write x.\(name)(...)"
                } else {
                    hint = "it is called as " + Set(forms).sorted().joined(separator: " or ")
                }
                report("'\(name)' does not take \(args.count) argument\(args.count == 1 ? "" : "s") here", nameSpan, help: hint)
            }
            return (FailNode("no such overload: \(name) with \(nodes.count) arguments", operands: nodes, span), .dyn)
        }
        var result: CELType?
        for overload in shaped {
            let expected = (overload.receiver.map { [$0] } ?? []) + overload.params
            if zip(types, expected).allSatisfy({ $0.fits($1) }) {
                result = result.map { $0.join(overload.result) } ?? overload.result
            }
        }
        if result == nil && strict {
            let forms = shaped.map { $0.display.replacingOccurrences(of: "NAME", with: name) }
            let given = (isMethod ? "\(types[0]).\(name)(" + types.dropFirst().map(\.description).joined(separator: ", ") + ")"
                                  : "\(name)(" + types.map(\.description).joined(separator: ", ") + ")")
            report("no version of '\(name)' takes these types: \(given)", nameSpan, help: "it takes " + forms.joined(separator: " or "))
        }
        // matches() with a pattern written in the rule: compiled once, now, and a bad pattern is
        // reported when the rules load.
        if name == "matches", nodes.count == 2, let constant = nodes[1] as? ConstantNode, case .string(let pattern) = constant.value,
           !(nodes[0] is ConstantNode) {
            do throws(EvalError) {
                return (MatchesNode(nodes[0], try Regex(pattern), span), .bool)
            } catch {
                if strict { report("this regular expression is not valid: \(error.message)", args.last?.span ?? span) }
            }
        }
        let callNode = Self.folded(CallNode(function.body, nodes, span), operands: nodes)
        if let constant = callNode as? ConstantNode, result == nil { return (callNode, CELType.of(constant.value)) }
        return (callNode, result ?? .dyn)
    }

    // MARK: Comprehensions

    mutating func comprehension(_ c: Comprehension, _ span: SourceSpan) -> (Node, CELType) {
        let (rangeNode, rangeType) = compile(c.range)
        var firstType: CELType = .dyn
        var secondType: CELType = .dyn
        switch rangeType {
        case .list(let element):
            if c.value != nil {
                firstType = .int
                secondType = element
            } else {
                firstType = element
            }
        case .map(let k, let v):
            firstType = k
            secondType = v
        case .object:
            firstType = .string
        case .dyn:
            break
        default:
            if strict { report("\(c.kind.rawValue)() needs a list or a map, not \(rangeType)", c.range.span) }
        }
        let firstSlot = nextSlot
        nextSlot += 1
        scopes.append((c.variable, firstType, firstSlot))
        var secondSlot: Int?
        if let value = c.value {
            secondSlot = nextSlot
            nextSlot += 1
            scopes.append((value, secondType, secondSlot!))
        }
        maxSlot = max(maxSlot, nextSlot)
        var filterNode: Node?
        if let filter = c.filter {
            let (n, t) = compile(filter)
            expect(t, .bool, filter.span, "the filter of \(c.kind.rawValue)() must be a bool")
            filterNode = n
        }
        let (bodyNode, bodyType) = compile(c.body)
        scopes.removeLast(c.value == nil ? 1 : 2)
        nextSlot = firstSlot
        let result: CELType
        switch c.kind {
        case .all, .exists, .existsOne:
            expect(bodyType, .bool, c.body.span, "the condition of \(c.kind.rawValue)() must be a bool")
            result = .bool
        case .filter:
            expect(bodyType, .bool, c.body.span, "the condition of filter() must be a bool")
            if case .list = rangeType { result = rangeType } else { result = .list(firstType) }
        case .map, .transformList:
            result = .list(bodyType)
        case .transformMap:
            result = .map(firstType, bodyType)
        }
        let node = ComprehensionNode(c.kind, range: rangeNode, first: firstSlot, second: secondSlot, filter: filterNode,
                                     body: bodyNode, span)
        // Over a constant, with nothing else from outside (such as a table of the pack's data by
        // month), it is evaluated once, now.
        let own: Set<String> = c.value.map { [c.variable, $0] } ?? [c.variable]
        if rangeNode is ConstantNode, isClosed(c.body, except: own), c.filter.map({ isClosed($0, except: own) }) ?? true {
            var scratch = Activation(slots: Array(repeating: .null, count: maxSlot), costLimit: 100_000)
            if let value = try? node.eval(&scratch) { return (ConstantNode(value, span), result) }
        }
        return (node, result)
    }
}
