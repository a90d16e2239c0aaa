import Accord

/// `accord schema`: the brief format as a JSON Schema.
enum SchemaCommand: Subcommand {
    static let name = "schema"
    static let summary = "Print the brief format as a JSON Schema (draft 2020-12), for editors and validators"
    static let usage = "accord schema [options]"
    static let discussion = """
        Generated from the schema briefs are validated against: the built-in packs' and those the
        project's .accord.toml adds. Types, allowed values, patterns, ranges and descriptions; unknown
        keys are refused. Dates are strings of format "date", as a JSON brief writes them.

        Examples:
          accord schema > brief.schema.json
          # then, first line of a brief, for Taplo / Even Better TOML:  #:schema ./brief.schema.json
        """
    static let options: [OptionSpec] = [
        .value("config", "FILE", "read the packs from FILE instead of the nearest .accord.toml"),
        .flag("no-config", "ignore .accord.toml"),
    ]

    static func run(_ args: ParsedArguments, console: Console) -> Int32 {
        do throws(AccordError) {
            var configuration = Configuration(workingDirectory: console.workingDirectory)
            if let file = args.value("config") { configuration.projectFile = .file(file) }
            if args.has("no-config") { configuration.projectFile = .none }
            console.write(try Checker(configuration).briefJSONSchema())
            return ExitCode.ok
        } catch {
            console.problems(error.problems)
            return ExitCode.usage
        }
    }
}
