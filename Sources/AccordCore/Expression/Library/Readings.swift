/// Names and numbers as results files write them: Accord's functions for check-in rules.
extension Library {
    static let readings: [FunctionDefinition] = [
        FunctionDefinition(
            name: "sameName",
            overloads: [global([.string, .string], .bool)],
            body: .two { a, b throws(EvalError) in
                guard case .string(let x) = a, case .string(let y) = b else { throw EvalError.noOverload("sameName", a, b) }
                return .bool(TextOps.nameKey(x) == TextOps.nameKey(y))
            },
            summary: "Whether two names are the same, ignoring case, spaces, \"_\", \"-\" and \".\" (as readings are matched to metrics): sameName(\"Sign-ups\", \"signups\") is true.",
            origin: "Accord"),
        FunctionDefinition(
            name: "closest",
            overloads: [method(.string, [.list(.string)], .string)],
            body: .costed { args, activation throws(EvalError) in
                guard args.count == 2, case .string(let word) = args[0], case .list(let list) = args[1] else {
                    throw EvalError.noOverload("closest", args)
                }
                var candidates: [String] = []
                for item in list.items {
                    guard case .string(let s) = item else { throw EvalError.noOverload("closest", args) }
                    candidates.append(s)
                }
                try activation.charge(1 + candidates.reduce(word.utf8.count) { $0 + $1.utf8.count } / 8)
                return .string(Suggestions.closest(to: word, among: candidates) ?? "")
            },
            summary: "The string of the list nearest to this one by spelling, as \"did you mean\" suggests; \"\" when none is near: \"Signups\".closest([\"Sign-ups\", \"Reach\"]) is \"Sign-ups\".",
            origin: "Accord"),
        FunctionDefinition(
            name: "relativeGap",
            overloads: [global([.double, .double], .double)],
            body: .two { a, b throws(EvalError) in
                guard case .double(let x) = a, case .double(let y) = b else { throw EvalError.noOverload("relativeGap", a, b) }
                let larger = max(abs(x), abs(y))
                return .double(larger == 0 ? 0 : abs(x - y) / larger)
            },
            summary: "How far apart two numbers are, as a share of the larger: relativeGap(18200.0, 25000.0) is 0.272; 0 when both are 0.",
            origin: "Accord"),
    ]
}
