/// One signature of a function: for a method, the receiver's type; the parameters; the result.
package struct FunctionOverload: Sendable {
    package let receiver: CELType?
    package let params: [CELType]
    package let result: CELType

    /// Arguments the implementation receives: the receiver (for methods) and the parameters.
    var arity: Int { params.count + (receiver == nil ? 0 : 1) }

    package var display: String {
        let args = params.map(\.description).joined(separator: ", ")
        if let receiver { return "\(receiver).NAME(\(args)) -> \(result)" }
        return "NAME(\(args)) -> \(result)"
    }
}

/// How a function runs. Methods receive their receiver as the first argument.
enum FunctionBody: Sendable {
    case one(@Sendable (Value) throws(EvalError) -> Value)
    case two(@Sendable (Value, Value) throws(EvalError) -> Value)
    case three(@Sendable (Value, Value, Value) throws(EvalError) -> Value)
    case many(@Sendable ([Value]) throws(EvalError) -> Value)
    /// Forms that take different numbers of arguments, with a body for each (nil where there is no
    /// such form): a call takes its arguments one by one, without a list.
    case byArity(one: (@Sendable (Value) throws(EvalError) -> Value)?,
                 two: (@Sendable (Value, Value) throws(EvalError) -> Value)?,
                 three: (@Sendable (Value, Value, Value) throws(EvalError) -> Value)?)
    /// Work proportional to the input: charges the evaluation's budget.
    case costed(@Sendable ([Value], inout Activation) throws(EvalError) -> Value)
}

/// A function of the expression language: its name, its signatures (for the checker and the
/// reference documentation), and its implementation.
package struct FunctionDefinition: Sendable {
    package let name: String
    package let overloads: [FunctionOverload]
    let body: FunctionBody
    /// One sentence for the language reference.
    package let summary: String
    /// Where it comes from: "CEL" (the standard), "CEL strings", or "Accord" (our extensions).
    package let origin: String

    package var hasGlobalForm: Bool { overloads.contains { $0.receiver == nil } }
    package var hasMethodForm: Bool { overloads.contains { $0.receiver != nil } }
}

/// All functions callable by name (operators are handled by the compiler).
package enum Library {
    package static let functions: [String: FunctionDefinition] = {
        var table: [String: FunctionDefinition] = [:]
        for f in [core, strings, time, dates, lists, readings, fingerprints].joined() {
            precondition(table[f.name] == nil, "function \(f.name) defined twice")
            table[f.name] = f
        }
        return table
    }()

    /// Names for "did you mean" suggestions.
    package static var names: [String] { Array(functions.keys) }

    static func method(_ receiver: CELType, _ params: [CELType], _ result: CELType) -> FunctionOverload {
        FunctionOverload(receiver: receiver, params: params, result: result)
    }

    static func global(_ params: [CELType], _ result: CELType) -> FunctionOverload {
        FunctionOverload(receiver: nil, params: params, result: result)
    }

    // MARK: Core

    static let core: [FunctionDefinition] = [
        FunctionDefinition(
            name: "size",
            overloads: [global([.string], .int), global([.list(.dyn)], .int), global([.map(.dyn, .dyn)], .int),
                        method(.string, [], .int), method(.list(.dyn), [], .int), method(.map(.dyn, .dyn), [], .int)],
            body: .one { v throws(EvalError) in try Ops.size(v) },
            summary: "The number of characters (Unicode code points) of a string, or of elements of a list or map.",
            origin: "CEL"),
        FunctionDefinition(
            name: "int",
            overloads: [global([.int], .int), global([.double], .int), global([.string], .int), global([.timestamp], .int)],
            body: .one { v throws(EvalError) in try Conversions.toInt(v) },
            summary: "Converts to int: doubles truncate toward zero (an error outside the int range), strings are read as decimal, timestamps give seconds since 1970.",
            origin: "CEL"),
        FunctionDefinition(
            name: "double",
            overloads: [global([.double], .double), global([.int], .double), global([.string], .double)],
            body: .one { v throws(EvalError) in try Conversions.toDouble(v) },
            summary: "Converts to double; strings may be decimal, exponent, \"NaN\" or \"Infinity\".",
            origin: "CEL"),
        FunctionDefinition(
            name: "string",
            overloads: [global([.string], .string), global([.int], .string), global([.double], .string), global([.bool], .string),
                        global([.timestamp], .string), global([.duration], .string), global([.date], .string),
                        global([.time], .string), global([.datetime], .string)],
            body: .one { v throws(EvalError) in try Conversions.toString(v) },
            summary: "Converts to string: numbers as CEL prints them, timestamps as RFC 3339, durations as \"1.5s\", dates as \"2026-03-18\".",
            origin: "CEL"),
        FunctionDefinition(
            name: "bool",
            overloads: [global([.bool], .bool), global([.string], .bool)],
            body: .one { v throws(EvalError) in try Conversions.toBool(v) },
            summary: "Converts to bool; strings \"true\", \"True\", \"TRUE\", \"t\", \"1\" and their false forms.",
            origin: "CEL"),
        FunctionDefinition(
            name: "dyn",
            overloads: [global([.dyn], .dyn)],
            body: .one { v throws(EvalError) in v },
            summary: "The value itself, typed as dyn: turns static type checks into checks at evaluation.",
            origin: "CEL"),
        FunctionDefinition(
            name: "timestamp",
            overloads: [global([.timestamp], .timestamp), global([.string], .timestamp), global([.int], .timestamp)],
            body: .one { v throws(EvalError) in try Conversions.toTimestamp(v) },
            summary: "An instant from an RFC 3339 string (\"2026-03-18T09:00:00Z\") or from seconds since 1970.",
            origin: "CEL"),
        FunctionDefinition(
            name: "duration",
            overloads: [global([.duration], .duration), global([.string], .duration)],
            body: .one { v throws(EvalError) in try Conversions.toDuration(v) },
            summary: "A duration from a string of numbers and units h, m, s, ms, us, ns: \"72h\", \"1h30m\", \"-1.5s\".",
            origin: "CEL"),
        FunctionDefinition(
            name: "matches",
            overloads: [global([.string, .string], .bool), method(.string, [.string], .bool)],
            body: .costed { args, activation throws(EvalError) in
                guard args.count == 2, case .string(let text) = args[0], case .string(let pattern) = args[1] else {
                    throw EvalError.noOverload("matches", args)
                }
                return .bool(try Regex.cached(pattern).matches(text, activation: &activation))
            },
            summary: "Whether the string contains a match of the regular expression (RE2 syntax; use ^ and $ to match the whole string).",
            origin: "CEL"),
    ]
}

extension Library {
    /// The function reference in Markdown, generated from the definitions (docs/expressions.md
    /// embeds it, and a test keeps the two equal).
    package static func referenceTable() -> String {
        var out = "| function | forms | what it does | from |\n|---|---|---|---|\n"
        for name in functions.keys.sorted(by: { $0.lowercased() < $1.lowercased() }) {
            let f = functions[name]!
            let forms = f.overloads.map { "`" + $0.display.replacingOccurrences(of: "NAME", with: name) + "`" }
            out += "| `\(name)` | \(forms.joined(separator: "<br>")) | \(f.summary) | \(f.origin) |\n"
        }
        return out
    }
}
