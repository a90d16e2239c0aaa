import AccordCore

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
        .value("format", "FORMAT", "text (default), json, markdown, sarif, junit or github", repeatable: true),
        .value("output", "FILE", "write the report of the --format before it to FILE", repeatable: true),
        .value("fail-on", "SEVERITY", "fail (exit 1) on findings of this severity or worse: error (default), warning, info, none"),
        .value("min-score", "N", "fail (exit 1) when a brief's overall or category score is below N (0-100)"),
        .value("lang", "LANG", "language of messages: en (default) or ru; questions follow each party's language"),
        .value("rules", "DIR", "add a rule pack from a folder", repeatable: true),
        .value("config", "FILE", "read settings from FILE instead of the nearest .accord.toml"),
        .flag("no-config", "ignore .accord.toml"),
        .value("baseline", "FILE", "report only findings that FILE does not list, and the entries that no longer occur"),
        .value("write-baseline", "FILE", "write today's findings to FILE, for --baseline"),
        .flag("show-suppressed", "list suppressed findings in text reports too"),
        .value("threads", "N", "check on N threads (default: all cores)"),
    ]

    static let formats = ["text", "json", "markdown", "sarif", "junit", "github"]
    static let extensions = ["json": "json", "sarif": "sarif", "xml": "junit", "md": "markdown", "markdown": "markdown", "txt": "text"]

    /// One report of the run: its format, and the file it goes to (standard output when nil).
    struct Output {
        var format: String
        var file: String?
    }

    static func run(_ args: ParsedArguments, console: Console) -> Int32 {
        func usageError(_ message: String, help: String? = nil) -> Int32 {
            AccordCommand.reportUsage(UsageError(message, help: help), usage: usage, console: console)
            return ExitCode.usage
        }

        // Reports: --format and --output pair up in the order given.
        var outputs: [Output] = []
        for (name, value) in args.sequence where name == "format" || name == "output" {
            if name == "format" {
                guard formats.contains(value) else {
                    return usageError("unknown format '\(value)'\(Suggestions.didYouMean(value, among: formats))",
                                      help: "formats are \(formats.joined(separator: ", "))")
                }
                outputs.append(Output(format: value, file: nil))
            } else if let last = outputs.indices.last, outputs[last].file == nil {
                outputs[last].file = value
            } else {
                let ext = value.split(separator: ".").last.map { String($0).lowercased() } ?? ""
                guard let format = extensions[ext] else {
                    return usageError("which format should \(value) be in? Put --format before --output \(value)")
                }
                outputs.append(Output(format: format, file: value))
            }
        }
        if outputs.isEmpty { outputs = [Output(format: "text", file: nil)] }
        if outputs.filter({ $0.file == nil }).count > 1 {
            return usageError("only one report can go to standard output", help: "give the others --output FILE")
        }

        var settings = CommandLineSettings()
        if let text = args.value("fail-on") {
            if text == "none" {
                settings.failOn = .some(nil)
            } else if let s = Severity(rawValue: text) {
                settings.failOn = .some(s)
            } else {
                return usageError("--fail-on takes error, warning, info or none, not '\(text)'")
            }
        }
        if let text = args.value("min-score") {
            guard let n = Int(text), (0...100).contains(n) else { return usageError("--min-score takes a number from 0 to 100, not '\(text)'") }
            settings.minScore = n
        }
        if let lang = args.value("lang") {
            guard lang.count == 2, lang.allSatisfy({ $0 >= "a" && $0 <= "z" }) else {
                return usageError("--lang takes a two-letter language code such as en or ru")
            }
            settings.language = lang
        }
        var threads: Int?
        if let text = args.value("threads") {
            guard let n = Int(text), n > 0 else { return usageError("--threads takes a positive number, not '\(text)'") }
            threads = n
        }
        if args.has("no-config"), args.value("config") != nil { return usageError("--config and --no-config cannot go together") }

        // The project config, and the root that repository-relative paths start from.
        var config: ProjectConfig?
        if !args.has("no-config"), let path = args.value("config").map(console.resolve) ?? ProjectConfig.find(from: console.workingDirectory) {
            if args.value("config") != nil, FileSystem.kind(path) != .file {
                console.writeError("error: no such config file: \(path)\n")
                return ExitCode.usage
            }
            do throws(DiagnosticList) {
                let shown = args.value("config") ?? FileSystem.relative(path, to: console.workingDirectory) ?? path
                config = try ProjectConfig.load(path, displayPath: shown)
            } catch {
                console.diagnostics(error.diagnostics)
                return ExitCode.usage
            }
        }
        let root = config?.root ?? Repository.root(from: console.workingDirectory) ?? console.workingDirectory

        let configFolder = config.map { FileSystem.relative($0.root, to: console.workingDirectory) ?? $0.root }
        let packFolders = (config?.rules ?? []).map { $0.hasPrefix("/") ? $0 : FileSystem.join(configFolder ?? ".", $0) } + args.all("rules")
        // The rules load on another core while the briefs are found (which writes nothing), and so
        // does a replica of them for a second worker.
        let workers = Parallel.threadCount(threads)
        let loading = Pending { () -> RuleSet? in
            let rules = RuleLoading.load(extraPacks: packFolders, console: console)
            if workers > 1 { rules?.prepareReplica() }
            return rules
        }
        let paths = args.positionals.isEmpty ? ["."] : args.positionals
        let (files, missing) = BriefFinder.find(paths, from: console.workingDirectory)
        guard let rules = loading.value else { return ExitCode.usage }
        if let config {
            let unknown = config.unknownRules(rules)
            if !unknown.isEmpty { console.diagnostics(unknown) }
        }

        var baseline: (name: String, entries: Baseline)?
        if let path = args.value("baseline") {
            do throws(DiagnosticList) {
                baseline = (path, try Baseline.read(console.resolve(path), displayPath: path))
            } catch {
                console.diagnostics(error.diagnostics)
                return ExitCode.usage
            }
        }

        if !missing.isEmpty {
            for path in missing { console.writeError("error: no such file or folder: \(path)\n") }
            return ExitCode.usage
        }
        if files.isEmpty {
            console.writeError("note: no briefs found in \(paths.joined(separator: ", ")) (files ending in .brief.toml or .brief.json)\n")
        }
        let effectiveConfig = config ?? ProjectConfig(root: root)
        let fromRoot = FileSystem.RelativePaths(to: root)
        let policy = effectiveConfig.policies(commandLine: settings)
        // Worked out by the worker that checks the brief.
        let input: @Sendable (Int) -> BriefInput = { i in
            let display = Display.path(files[i].display)
            let relative = fromRoot.relative(files[i].read) ?? display
            return BriefInput(path: files[i].read, display: display, relative: relative, policy: policy(relative))
        }

        // Open every file before checking anything, so that a bad path costs nothing.
        var sinks: [ReportSink] = []
        for output in outputs {
            if let file = output.file {
                guard let sink = ReportSink.file(console.resolve(file)) else {
                    console.writeError("error: cannot write \(file)\n")
                    sinks.forEach { $0.close() }
                    return ExitCode.usage
                }
                sinks.append(sink)
            } else {
                sinks.append(.console(console))
            }
        }
        let colored = console.colorAllowed(forStderr: false)
        let reporters: [any Reporter] = outputs.map { output in
            switch output.format {
            case "json": return JSONReporter(rules: rules)
            case "markdown": return MarkdownReporter()
            case "sarif": return SARIFReporter()
            case "junit": return JUnitReporter()
            case "github": return GitHubReporter()
            default: return TextReporter(colored: output.file == nil && colored, showSuppressed: args.has("show-suppressed"))
            }
        }
        let context = ReportContext(rules: rules, root: root, baseline: baseline)
        let totals = CheckRunner.run(count: files.count, input: input, rules: rules, context: context, reporters: reporters, threads: threads,
                                     recordEntries: args.value("write-baseline") != nil) { k, part in sinks[k].write(part) }
        sinks.forEach { $0.close() }

        if let path = args.value("write-baseline") {
            guard FileSystem.writeFile(console.resolve(path), Array(Baseline.render(totals.entries).utf8)) else {
                console.writeError("error: cannot write the baseline \(path)\n")
                return ExitCode.usage
            }
            console.writeError("note: wrote \(totals.entries.count) finding\(totals.entries.count == 1 ? "" : "s") to the baseline \(path)\n")
        }
        return totals.exitStatus
    }
}

/// Where one report goes: the console's standard output, or a file written as the run goes.
enum ReportSink {
    case console(Console)
    case descriptor(Int32)

    static func file(_ path: String) -> ReportSink? {
        let fd = FileSystem.create(path)
        return fd < 0 ? nil : .descriptor(fd)
    }

    func write(_ part: OutputBuffer) {
        switch self {
        case .console(let console): console.write(part)
        case .descriptor(let fd): part.write(to: fd)
        }
    }

    func close() {
        if case .descriptor(let fd) = self { FileSystem.close(fd) }
    }
}

/// The repository a path is in: the nearest folder above it with a `.git`.
enum Repository {
    static func root(from folder: String) -> String? {
        var dir = FileSystem.realPath(folder) ?? folder
        while true {
            if FileSystem.kind(FileSystem.join(dir, ".git")) != .missing { return dir }
            guard dir != "/", dir.contains("/") else { return nil }
            dir = FileSystem.directory(of: dir)
        }
    }
}

/// Loading the built-in packs and any --rules folders, reporting problems.
enum RuleLoading {
    /// `extraPacks`: folders as the user wrote them (relative ones are from the console's working folder).
    static func load(extraPacks: [String], console: Console) -> RuleSet? {
        var packs = PackFiles.builtIn()
        for path in extraPacks {
            do throws(FileReadError) {
                packs.append(try PackFiles.folder(console.resolve(path), shownAs: Display.path(path)))
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
