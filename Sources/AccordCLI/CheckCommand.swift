import Accord

/// `accord check [PATH]...`: checks briefs and prints a scored report.
enum CheckCommand: Subcommand {
    static let name = "check"
    static let summary = "Check briefs for misalignments and print a scored report with questions"
    static let usage = "accord check [options] [PATH]..."
    static let discussion = """
        PATH is a brief file, or a folder searched for *.brief.toml and *.brief.json (default: the
        current folder). Several briefs are checked in parallel; reports come in the order the
        paths are given, and a folder's briefs in the order of their paths, compared byte by byte.

        Settings for a repository live in .accord.toml, found from the current folder upward:
        rule packs, rules turned off, severities, fail-on and min-score, and overrides for paths
        (docs/ci.md). The command line wins over the file.

        Several reports can be written in one run: each --output goes with the --format before it
        (or takes its format from its extension: .json, .sarif, .xml, .md, .txt).

        Exit status: 0 when no finding is at or above --fail-on and every score is at least
        --min-score; 1 otherwise; 2 when a brief or rule file cannot be used (it does not parse or
        validate, or a rule fails on it), a path does not exist, or an option is wrong.

        Examples:
          accord check Samples
          accord check --format json --fail-on warning briefs/
          accord check --format markdown Samples/aurora.brief.toml > alignment.md
          accord check --format sarif --output accord.sarif --format text briefs/
          accord check --write-baseline .accord-baseline.json briefs/
          accord check --baseline .accord-baseline.json briefs/
        """
    static let options: [OptionSpec] = [
        .value("format", "FORMAT", ReportFormat.all.map(\.identifier).joined(separator: ", ") + " (text by default)", repeatable: true,
               choices: ReportFormat.all.map(\.identifier)),
        .value("output", "FILE", "write the report of the --format before it to FILE", repeatable: true),
        .value("fail-on", "SEVERITY", "fail (exit 1) on findings of this severity or worse: error (default), warning, info, none",
               choices: ["error", "warning", "info", "none"]),
        .value("min-score", "N", "fail (exit 1) when a brief's overall or category score is below N (0-100)"),
        .value("lang", "LANG", "language of messages: en (default), ru, de, fr, es, pt, ja or zh; questions follow each party's language",
               choices: ["en", "ru", "de", "fr", "es", "pt", "ja", "zh"]),
        .value("rules", "DIR", "add a rule pack from a folder", repeatable: true),
        .value("config", "FILE", "read settings from FILE instead of the nearest .accord.toml"),
        .flag("no-config", "ignore .accord.toml"),
        .value("baseline", "FILE", "report only findings that FILE does not list, and the entries that no longer occur"),
        .value("write-baseline", "FILE", "write today's findings to FILE, for --baseline"),
        .flag("show-suppressed", "list suppressed (and baseline-known) findings in text and SARIF reports too"),
        .value("threads", "N", "check on N threads (default: all cores)"),
        .flag("allow-empty", "succeed when no brief matches (by default that is an error, exit 2)"),
        .value("stdin-name", "PATH", "with the path -: the path the brief read from standard input is shown as and configured by"),
    ]

    static func run(_ args: ParsedArguments, console: Console) -> Int32 {
        let settings: (configuration: Configuration, reports: [ReportRequest])
        do throws(UsageError) {
            settings = try reportSettings(args, console: console)
        } catch {
            AccordCommand.reportUsage(error, usage: usage, console: console)
            return ExitCode.usage
        }
        var configuration = settings.configuration
        if let text = args.value("threads") {
            guard let n = Int(text), n > 0 else {
                AccordCommand.reportUsage(UsageError("--threads takes a positive number, not '\(text)'"), usage: usage, console: console)
                return ExitCode.usage
            }
            configuration.threads = n
        }
        configuration.baseline = args.value("baseline")
        configuration.allowEmpty = args.has("allow-empty")
        do throws(AccordError) {
            let checker = try Checker(configuration)
            var stdin: (text: String, name: String)?
            if args.positionals.contains("-") {
                guard let text = console.readAll() else { throw AccordError("cannot read the brief from standard input") }
                stdin = (text, args.value("stdin-name") ?? "stdin.brief.toml")
            }
            let summary = try checker.check(args.positionals, reports: settings.reports, keepResults: false,
                                            writeBaseline: args.value("write-baseline"), standardInput: stdin) { console.problems([$0]) }
            return summary.exitStatus
        } catch {
            console.problems(error.problems)
            return ExitCode.usage
        }
    }

    /// What `check` and `checkin` read alike: the reports (--format and --output pair up in the order
    /// given), --fail-on, --min-score, --lang, --rules and the project config.
    static func reportSettings(_ args: ParsedArguments, console: Console) throws(UsageError) -> (Configuration, [ReportRequest]) {
        let outputs = try args.outputs(named: ReportFormat.init(identifier:), names: ReportFormat.all.map(\.identifier),
                                       forFile: ReportFormat.init(forFile:), fallback: ReportFormat(identifier: "text")!)
        var configuration = Configuration(workingDirectory: console.workingDirectory)
        configuration.failOn = try args.failOn()
        if let text = args.value("min-score") {
            guard let n = Int(text), (0...100).contains(n) else { throw UsageError("--min-score takes a number from 0 to 100, not '\(text)'") }
            configuration.minimumScore = n
        }
        configuration.projectFile = try args.projectFile()
        configuration.language = try args.language()
        configuration.rulePacks = args.all("rules")
        let colored = console.colorAllowed(forStderr: false)
        let reports = outputs.map { output in
            ReportRequest(output.format, to: output.file.map { .file($0) } ?? .stream { console.write($0) },
                          colored: output.file == nil && colored, showSuppressed: args.has("show-suppressed"))
        }
        return (configuration, reports)
    }
}
