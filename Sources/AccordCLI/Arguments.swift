import Accord

/// One option a command accepts.
package struct OptionSpec: Sendable {
    package let name: String
    package let valueName: String?
    package let repeatable: Bool
    package let help: String
    /// The values the option takes, when they are a fixed list: what shell completion offers. An
    /// option with a value and no choices completes file names.
    package var choices: [String] = []

    /// A flag (no value).
    package static func flag(_ name: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: nil, repeatable: false, help: help)
    }

    /// An option with a value, `--name VALUE` or `--name=VALUE`.
    package static func value(_ name: String, _ valueName: String, _ help: String, repeatable: Bool = false,
                              choices: [String] = []) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, repeatable: repeatable, help: help, choices: choices)
    }
}

/// What a command line said, after `ArgumentParser` has checked it against the command's options.
package struct ParsedArguments: Sendable {
    package var values: [String: [String]] = [:]
    package var flags: Set<String> = []
    package var positionals: [String] = []
    /// Every option with a value, in the order given (for options that pair up, like --format and --output).
    package var sequence: [(name: String, value: String)] = []

    package func value(_ name: String) -> String? { values[name]?.last }
    package func all(_ name: String) -> [String] { values[name] ?? [] }
    package func has(_ name: String) -> Bool { flags.contains(name) }
}

/// A mistake in how the command was called: exit 2, with the command's usage line.
package struct UsageError: Error, Sendable {
    package let message: String
    package let help: String?
    package init(_ message: String, help: String? = nil) {
        self.message = message
        self.help = help
    }
}

/// Parses `--name value`, `--name=value`, flags, `--` and positionals. Options may come before or
/// after positionals; everything after `--` is positional.
package enum ArgumentParser {
    package static func parse(_ args: [String], options: [OptionSpec]) throws(UsageError) -> ParsedArguments {
        var result = ParsedArguments()
        var i = 0
        let byName = Dictionary(options.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        while i < args.count {
            let arg = args[i]
            i += 1
            if arg == "--" {
                result.positionals.append(contentsOf: args[i...])
                break
            }
            guard arg.hasPrefix("-"), arg != "-" else {
                result.positionals.append(arg)
                continue
            }
            var name: String
            var inline: String?
            if arg == "-h" {
                name = "help"
            } else if arg.hasPrefix("--") {
                let body = arg.dropFirst(2)
                if let eq = body.firstIndex(of: "=") {
                    name = String(body[..<eq])
                    inline = String(body[body.index(after: eq)...])
                } else {
                    name = String(body)
                }
            } else {
                // A negative number or other dash-led word is a positional (e.g. an expression `-1`).
                if let first = arg.dropFirst().first, first.isNumber || first == "." || first == "(" {
                    result.positionals.append(arg)
                    continue
                }
                throw UsageError("unknown option '\(ArgumentParser.shorten(arg))'", help: "options are spelled with two dashes, such as --help")
            }
            guard let spec = byName[name] else {
                let suggestion = CommandSupport.closest(to: name, among: options.map(\.name))
                throw UsageError("unknown option '--\(ArgumentParser.shorten(name))'",
                                 help: suggestion.map { "did you mean '--\($0)'?" } ?? "to pass a value that starts with '-', put it after '--'")
            }
            if let valueName = spec.valueName {
                let value: String
                if let inline {
                    value = inline
                } else {
                    guard i < args.count else { throw UsageError("option '--\(name)' needs a value \(valueName)") }
                    value = args[i]
                    i += 1
                }
                if !spec.repeatable, result.values[name] != nil {
                    throw UsageError("option '--\(name)' is given more than once")
                }
                result.values[name, default: []].append(value)
                result.sequence.append((name, value))
            } else {
                if inline != nil { throw UsageError("option '--\(name)' takes no value") }
                result.flags.insert(name)
            }
        }
        return result
    }

    /// A user's word cut to a readable length for messages.
    static func shorten(_ text: String) -> String {
        text.count <= 40 ? text : String(text.prefix(37)) + "..."
    }

    /// The options section of a command's help text.
    package static func helpText(_ options: [OptionSpec]) -> String {
        let rows = options.map { spec -> (String, String) in
            let left = "--" + spec.name + (spec.valueName.map { " " + $0 } ?? "")
            return (left, spec.help + (spec.repeatable ? " (repeatable)" : ""))
        }
        let width = min(30, (rows.map { $0.0.count }.max() ?? 0) + 2)
        return rows.map { left, right in
            let pad = left.count < width ? String(repeating: " ", count: width - left.count) : "\n" + String(repeating: " ", count: width + 2)
            return "  " + left + pad + right
        }.joined(separator: "\n") + "\n"
    }
}

extension ParsedArguments {
    /// The project config `--config FILE` or `--no-config` chooses (the nearest `.accord.toml` by
    /// default); a usage mistake when both are given.
    func projectFile() throws(UsageError) -> Configuration.ProjectFile {
        if has("no-config") {
            guard value("config") == nil else { throw UsageError("--config and --no-config cannot go together") }
            return .none
        }
        return value("config").map { .file($0) } ?? .nearest
    }

    /// `--fail-on`, checked: a severity or `none`; nil when not given.
    func failOn() throws(UsageError) -> Configuration.FailOn? {
        guard let text = value("fail-on") else { return nil }
        if text == "none" { return .never }
        guard let s = Severity(rawValue: text) else { throw UsageError("--fail-on takes error, warning, info or none, not '\(text)'") }
        return .severity(s)
    }

    /// `--lang`, checked: a two-letter code.
    func language() throws(UsageError) -> String? {
        guard let lang = value("lang") else { return nil }
        guard lang.count == 2, lang.allSatisfy({ $0 >= "a" && $0 <= "z" }) else {
            throw UsageError("--lang takes a two-letter language code such as en or ru")
        }
        return lang
    }

    /// The outputs of a run: each `--format` with the `--output` after it (standard output when
    /// none), or an `--output` alone in the format its extension names; `fallback` when neither is
    /// given. At most one goes to standard output.
    func outputs<Format>(named: (String) -> Format?, names: [String], forFile: (String) -> Format?,
                         fallback: Format) throws(UsageError) -> [(format: Format, file: String?)] {
        var outputs: [(format: Format, file: String?)] = []
        for (name, value) in sequence where name == "format" || name == "output" {
            if name == "format" {
                guard let format = named(value) else {
                    throw UsageError("unknown format '\(value)'\(CommandSupport.didYouMean(value, among: names))",
                                     help: "formats are \(names.joined(separator: ", "))")
                }
                outputs.append((format, nil))
            } else if let last = outputs.indices.last, outputs[last].file == nil {
                outputs[last].file = value
            } else {
                guard let format = forFile(value) else {
                    throw UsageError("which format should \(value) be in? Put --format before --output \(value)")
                }
                outputs.append((format, value))
            }
        }
        if outputs.isEmpty { outputs = [(fallback, nil)] }
        if outputs.filter({ $0.file == nil }).count > 1 {
            throw UsageError("only one report can go to standard output", help: "give the others --output FILE")
        }
        return outputs
    }
}
