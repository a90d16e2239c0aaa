import AccordCore

/// `accord check [PATH]...`: checks briefs and prints a scored report.
enum CheckCommand: Subcommand {
    static let name = "check"
    static let summary = "Check briefs for misalignments and print a scored report with questions"
    static let usage = "accord check [options] [PATH]..."
    static let discussion = """
        PATH is a brief file, or a folder searched for *.brief.toml and *.brief.json (default: the
        current folder). Several briefs are checked in parallel; reports come in a stable order.

        Exit status: 0 when no finding is at or above --fail-on and every score is at least
        --min-score; 1 otherwise; 2 when a brief or rule file cannot be used (it does not parse or
        validate, or a rule fails on it), a path does not exist, or an option is wrong.

        Examples:
          accord check Samples
          accord check --format json --fail-on warning briefs/
          accord check --format markdown Samples/aurora.brief.toml > alignment.md
        """
    static let options: [OptionSpec] = [
        .value("format", "FORMAT", "text (default), json or markdown"),
        .value("fail-on", "SEVERITY", "fail (exit 1) on findings of this severity or worse: error (default), warning, info, none"),
        .value("min-score", "N", "fail (exit 1) when a brief's overall or category score is below N (0-100)"),
        .value("lang", "LANG", "language of messages: en (default) or ru; questions follow each party's language"),
        .value("rules", "DIR", "add a rule pack from a folder", repeatable: true),
        .value("threads", "N", "check on N threads (default: all cores)"),
    ]

    static let formats = ["text", "json", "markdown"]

    static func run(_ args: ParsedArguments, console: Console) -> Int32 {
        func usageError(_ message: String, help: String? = nil) -> Int32 {
            AccordCommand.reportUsage(UsageError(message, help: help), usage: usage, console: console)
            return ExitCode.usage
        }
        let format = args.value("format") ?? "text"
        guard formats.contains(format) else {
            return usageError("unknown format '\(format)'\(Suggestions.didYouMean(format, among: formats))",
                              help: "formats are \(formats.joined(separator: ", "))")
        }
        var failOn: Severity? = .error
        if let text = args.value("fail-on") {
            if text == "none" {
                failOn = nil
            } else if let s = Severity(rawValue: text) {
                failOn = s
            } else {
                return usageError("--fail-on takes error, warning, info or none, not '\(text)'")
            }
        }
        var minScore: Int?
        if let text = args.value("min-score") {
            guard let n = Int(text), (0...100).contains(n) else { return usageError("--min-score takes a number from 0 to 100, not '\(text)'") }
            minScore = n
        }
        var options = CheckOptions()
        if let lang = args.value("lang") {
            guard lang.count == 2, lang.allSatisfy({ $0.isLowercase }) else { return usageError("--lang takes a two-letter language code such as en or ru") }
            options.language = lang
        }
        var threads: Int?
        if let text = args.value("threads") {
            guard let n = Int(text), n > 0 else { return usageError("--threads takes a positive number, not '\(text)'") }
            threads = n
        }

        guard let rules = RuleLoading.load(extraPacks: args.all("rules"), console: console) else { return ExitCode.usage }

        let paths = args.positionals.isEmpty ? ["."] : args.positionals
        let (files, missing) = BriefFinder.find(paths)
        if !missing.isEmpty {
            for path in missing { console.writeError("error: no such file or folder: \(path)\n") }
            return ExitCode.usage
        }
        if files.isEmpty {
            console.writeError("note: no briefs found in \(paths.joined(separator: ", ")) (files ending in .brief.toml or .brief.json)\n")
        }
        let context = ReportContext(rules: rules, failOn: failOn, minScore: minScore, root: console.workingDirectory)
        let reporter: any Reporter
        switch format {
        case "json": reporter = JSONReporter()
        case "markdown": reporter = MarkdownReporter()
        default: reporter = TextReporter(colored: console.colorAllowed(forStderr: false))
        }
        let totals = CheckRunner.run(files.map { ($0, Display.path($0)) }, rules: rules, options: options, context: context,
                                     reporters: [reporter], threads: threads) { _, part in console.write(part) }
        return totals.exitStatus
    }
}

/// Loading the built-in packs and any --rules folders, reporting problems.
enum RuleLoading {
    static func load(extraPacks: [String], console: Console) -> RuleSet? {
        var packs = PackFiles.builtIn()
        for path in extraPacks {
            do throws(FileReadError) {
                packs.append(try PackFiles.folder(path))
            } catch {
                console.writeError("error: cannot read rule pack \(error.path): \(error.reason)\n")
                return nil
            }
        }
        do throws(DiagnosticList) {
            return try RuleSet.load(packs)
        } catch {
            console.diagnostics(error.diagnostics)
            console.writeError("error: the rules could not be loaded (\(error.diagnostics.count) problem\(error.diagnostics.count == 1 ? "" : "s"))\n")
            return nil
        }
    }
}

/// How paths are shown: as given, without a leading "./".
enum Display {
    static func path(_ p: String) -> String {
        p.hasPrefix("./") ? String(p.dropFirst(2)) : p
    }
}
