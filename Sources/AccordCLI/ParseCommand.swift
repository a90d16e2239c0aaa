import Accord

/// `accord parse FILE`: prints a document as the rules see it.
enum ParseCommand: Subcommand {
    static let name = "parse"
    static let summary = "Read a brief (or any TOML 1.1 or JSON file) and print it as the rules see it"
    static let usage = "accord parse [--format print|json] FILE"
    static let discussion = """
        Prints the document in the print form of the expression language (dates as date("..."),
        instants as timestamp("...")), or as plain JSON. Exits 1 with diagnostics if it is invalid.
        Files ending in .json are read as JSON, all others as TOML. A brief (*.brief.toml,
        *.brief.json) is also validated against the schema of the packs check would use (the
        built-in ones and those .accord.toml names), and printed as the rules see it.
        """
    static let options: [OptionSpec] = [
        .value("format", "FORMAT", "print (default) or json"),
        .value("config", "FILE", "for a brief: the packs of FILE instead of the nearest .accord.toml"),
        .flag("no-config", "for a brief: ignore .accord.toml"),
    ]

    static func run(_ args: ParsedArguments, console: Console) -> Int32 {
        let format = args.value("format") ?? "print"
        guard format == "print" || format == "json" else {
            AccordCommand.reportUsage(UsageError("unknown format '\(format)'", help: "formats are print and json"), usage: usage, console: console)
            return ExitCode.usage
        }
        guard args.positionals.count == 1 else {
            let message = args.positionals.isEmpty ? "missing the FILE to parse" : "parse takes one FILE"
            AccordCommand.reportUsage(UsageError(message), usage: usage, console: console)
            return ExitCode.usage
        }
        let projectFile: Configuration.ProjectFile
        do throws(UsageError) {
            projectFile = try args.projectFile()
        } catch {
            AccordCommand.reportUsage(error, usage: usage, console: console)
            return ExitCode.usage
        }
        let result = ParseTool.run(args.positionals[0], format: ParseTool.Format(rawValue: format)!, projectFile: projectFile,
                                   workingDirectory: console.workingDirectory)
        return AccordCommand.show(result, console: console)
    }
}
