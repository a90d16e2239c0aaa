import AccordCore

enum CheckCommand: Subcommand {
    static let name = "check"
    static let summary = "Check briefs for misalignments and print a scored report"
    static let usage = "accord check [options] [PATH]..."
    static let options: [OptionSpec] = []
    static func run(_ args: ParsedArguments, console: Console) -> Int32 {
        console.writeError("error: checking is not available yet\n")
        return ExitCode.usage
    }
}
