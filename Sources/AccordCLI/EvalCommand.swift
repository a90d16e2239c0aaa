import AccordCore

enum EvalCommand: Subcommand {
    static let name = "eval"
    static let summary = "Evaluate an expression of the rule language"
    static let usage = "accord eval [--var NAME=EXPR]... [--brief FILE] [--] EXPR"
    static let options: [OptionSpec] = []
    static func run(_ args: ParsedArguments, console: Console) -> Int32 {
        console.writeError("error: eval is not available yet\n")
        return ExitCode.usage
    }
}
