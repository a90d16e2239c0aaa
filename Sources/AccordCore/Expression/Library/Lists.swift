/// Numbers and lists: functions from CEL's math and lists extensions.
extension Library {
    static func numbers(_ name: String, _ args: [Value]) throws(EvalError) -> [Value] {
        let items: [Value]
        if args.count == 1, case .list(let l) = args[0] { items = l.items } else { items = args }
        guard !items.isEmpty else { throw EvalError("\(name)() needs at least one number") }
        for item in items {
            switch item {
            case .int, .double: continue
            default: throw EvalError.noOverload(name, args)
            }
        }
        return items
    }

    /// The larger (or smaller) of two numbers, comparing ints and doubles by value.
    static func extreme(_ items: [Value], greatest: Bool) throws(EvalError) -> Value {
        var best = items[0]
        for item in items.dropFirst() {
            let c = try Ops.compare(item, best, greatest ? .greater : .less)
            if greatest ? c == 1 : c == -1 { best = item }
        }
        return best
    }

    static let lists: [FunctionDefinition] = [
        FunctionDefinition(
            name: "math.abs",
            overloads: [global([.int], .int), global([.double], .double)],
            body: .one { v throws(EvalError) in
                switch v {
                case .int(let i):
                    if i == Int64.min { throw EvalError.overflow }
                    return .int(abs(i))
                case .double(let d): return .double(abs(d))
                default: throw EvalError.noOverload("math.abs", v)
                }
            },
            summary: "The absolute value of a number.",
            origin: "CEL math"),
        FunctionDefinition(
            name: "math.greatest",
            overloads: [global([.dyn], .dyn), global([.dyn, .dyn], .dyn), global([.dyn, .dyn, .dyn], .dyn), global([.list(.dyn)], .dyn)],
            body: .many { args throws(EvalError) in try extreme(try numbers("math.greatest", args), greatest: true) },
            summary: "The largest of its numbers (or of a list of numbers).",
            origin: "CEL math"),
        FunctionDefinition(
            name: "math.least",
            overloads: [global([.dyn], .dyn), global([.dyn, .dyn], .dyn), global([.dyn, .dyn, .dyn], .dyn), global([.list(.dyn)], .dyn)],
            body: .many { args throws(EvalError) in try extreme(try numbers("math.least", args), greatest: false) },
            summary: "The smallest of its numbers (or of a list of numbers).",
            origin: "CEL math"),
        FunctionDefinition(
            name: "math.sum",
            overloads: [global([.list(.double)], .double)],
            body: .costed { args, activation throws(EvalError) in
                guard args.count == 1, case .list(let list) = args[0] else { throw EvalError.noOverload("math.sum", args) }
                var total = 0.0
                for item in list.items {
                    guard case .double(let d) = item else { throw EvalError.noOverload("math.sum", args) }
                    total += d
                }
                try activation.charge(1 + list.items.count / 8)
                return .double(total)
            },
            summary: "The sum of a list of doubles; 0.0 for none: math.sum(budget.map(k, double(budget[k]))).",
            origin: "Accord"),
        FunctionDefinition(
            name: "flatten",
            overloads: [method(.list(.dyn), [], .list(.dyn))],
            body: .costed { args, activation throws(EvalError) in
                guard args.count == 1, case .list(let outer) = args[0] else { throw EvalError.noOverload("flatten", args) }
                var items: [Value] = []
                for item in outer.items {
                    if case .list(let inner) = item { items.append(contentsOf: inner.items) } else { items.append(item) }
                }
                try activation.charge(1 + items.count / 8)
                return .list(ValueList(items))
            },
            summary: "A list of lists as one list, one level deep: [[1, 2], [3]].flatten() is [1, 2, 3].",
            origin: "CEL lists"),
    ]
}
