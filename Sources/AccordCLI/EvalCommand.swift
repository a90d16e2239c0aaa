import Accord

/// `accord eval`: evaluates one expression and prints its value.
enum EvalCommand: Subcommand {
    static let name = "eval"
    static let summary = "Evaluate an expression of the rule language and print its value"
    static let usage = "accord eval [--var NAME=EXPR]... [--brief FILE] [--] EXPR"
    static let discussion = """
        Prints the value in the print form (a literal you can paste back into an expression).
        --var binds NAME to the value of EXPR, an expression with no free variables.
        --brief binds the sections of a brief (campaign, brand, creators, timeline, ...) as rules see
        them, so you can try a condition against a real file:

            accord eval --brief Samples/aurora.brief.toml 'timeline.media_buy < timeline.content_due'

        Exits 1 with a message if the expression does not compile or its evaluation fails.
        """
    static let options: [OptionSpec] = [
        .value("var", "NAME=EXPR", "bind a variable", repeatable: true),
        .value("brief", "FILE", "bind the sections of a brief, parties, brief and data, as rules see them"),
        .value("rules", "DIR", "with --brief: add a rule pack from a folder (its schema and data)", repeatable: true),
        .value("config", "FILE", "with --brief: the packs of FILE instead of the nearest .accord.toml"),
        .flag("no-config", "with --brief: ignore .accord.toml"),
        .value("cost-limit", "N", "stop an evaluation after N steps (default \(EvalTool.defaultCostLimit))"),
    ]

    static func run(_ args: ParsedArguments, console: Console) -> Int32 {
        guard !args.positionals.isEmpty else {
            AccordCommand.reportUsage(UsageError("missing the EXPR to evaluate"), usage: usage, console: console)
            return ExitCode.usage
        }
        var costLimit = EvalTool.defaultCostLimit
        if let text = args.value("cost-limit") {
            guard let n = Int(text), n > 0 else {
                AccordCommand.reportUsage(UsageError("--cost-limit needs a positive number, not '\(text)'"), usage: usage, console: console)
                return ExitCode.usage
            }
            costLimit = n
        }
        var variables: [(name: String, expression: String)] = []
        for binding in args.all("var") {
            guard let eq = binding.firstIndex(of: "=") else {
                AccordCommand.reportUsage(UsageError("--var needs NAME=EXPR, not '\(binding)'"), usage: usage, console: console)
                return ExitCode.usage
            }
            let name = String(binding[..<eq])
            guard EvalTool.isVariableName(name) else {
                AccordCommand.reportUsage(UsageError("'\(name)' is not a valid variable name"), usage: usage, console: console)
                return ExitCode.usage
            }
            variables.append((name, String(binding[binding.index(after: eq)...])))
        }
        let projectFile: Configuration.ProjectFile
        do throws(UsageError) {
            projectFile = try args.projectFile()
        } catch {
            AccordCommand.reportUsage(error, usage: usage, console: console)
            return ExitCode.usage
        }
        let result = EvalTool.run(args.positionals.joined(separator: " "), variables: variables, brief: args.value("brief"),
                                  packs: args.all("rules"), projectFile: projectFile,
                                  costLimit: costLimit, workingDirectory: console.workingDirectory)
        return AccordCommand.show(result, console: console)
    }
}
