import Accord

/// `accord diff OLD NEW`: what a revision of a brief resolved, introduced and changed.
enum DiffCommand: Subcommand {
    static let name = "diff"
    static let summary = "Compare two revisions of a brief: findings resolved and introduced, fields changed, approval"
    static let usage = "accord diff [options] OLD NEW"
    static let discussion = """
        OLD and NEW are brief files, or REV:PATH read from git as git show REV:PATH would
        (HEAD~1:briefs/spring.brief.toml). Both are checked as check would check them. The report
        gives the scores and verdicts before and after, the findings resolved and introduced
        (matched by rule and by what they are about, a metric by its name, a creator by id, not by
        line: moving a section is not a change), and each changed field in the brief's terms.

        When every party had approved OLD (alignment.approved_by) and NEW changes what they agreed
        to (the campaign, goals, success, metrics, deliverables, dates, markets, budget) without
        recording their approval again, rule PR008 names the parties who must approve it again and
        asks each, in their language, about what changed. A revision records approval given again
        with alignment.approved_fingerprint set to its own fingerprint (accord agreement prints it),
        or a later alignment.approved_on with every party in approved_by (docs/revisions.md).

        Formats: text, json, markdown (a pull-request comment: the summary first, the details
        folded), github (annotations).

        Exit status: 0 when nothing at or above --fail-on is introduced and agreed content did not
        change without approval (also when nothing changed); 1 otherwise; 2 when either side cannot
        be read or checked (the error says which), git is missing or the revision does not exist,
        the two are briefs of different campaigns, or an option is wrong.

        Examples:
          accord diff HEAD~1:briefs/spring.brief.toml briefs/spring.brief.toml
          accord diff --format markdown --output comment.md origin/main:briefs/spring.brief.toml briefs/spring.brief.toml
          accord diff old.brief.toml new.brief.toml
        """
    static let options: [OptionSpec] = [
        .value("format", "FORMAT", RevisionFormat.allCases.map(\.rawValue).joined(separator: ", ") + " (text by default)", repeatable: true,
               choices: RevisionFormat.allCases.map(\.rawValue)),
        .value("output", "FILE", "write the --format before it to FILE (replaced whole, or left as it was)", repeatable: true),
        .value("fail-on", "SEVERITY", "fail (exit 1) when a finding of this severity or worse is introduced: error (default), warning, info, none",
               choices: ["error", "warning", "info", "none"]),
        .value("lang", "LANG", "language of the changes and the findings: en (default), ru, de, fr, es, pt, ja or zh; questions follow each party's language",
               choices: ["en", "ru", "de", "fr", "es", "pt", "ja", "zh"]),
        .value("rules", "DIR", "add a rule pack from a folder", repeatable: true),
        .value("config", "FILE", "read settings from FILE instead of the nearest .accord.toml"),
        .flag("no-config", "ignore .accord.toml"),
    ]

    static func run(_ args: ParsedArguments, console: Console) -> Int32 {
        func usageError(_ message: String, help: String? = nil) -> Int32 {
            AccordCommand.reportUsage(UsageError(message, help: help), usage: usage, console: console)
            return ExitCode.usage
        }
        guard args.positionals.count == 2 else {
            return usageError("give two revisions of a brief: OLD and NEW (each a file or REV:PATH)",
                              help: "accord diff HEAD~1:briefs/spring.brief.toml briefs/spring.brief.toml")
        }
        var configuration = Configuration(workingDirectory: console.workingDirectory)
        let outputs: [(format: RevisionFormat, file: String?)]
        do throws(UsageError) {
            outputs = try args.outputs(named: RevisionFormat.init(rawValue:), names: RevisionFormat.allCases.map(\.rawValue),
                                       forFile: { path in
                                           let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
                                           return ["json": .json, "md": .markdown, "markdown": .markdown, "txt": .text][ext]
                                       }, fallback: .text)
            configuration.projectFile = try args.projectFile()
            configuration.language = try args.language()
            configuration.failOn = try args.failOn()
        } catch {
            return usageError(error.message, help: error.help)
        }
        configuration.rulePacks = args.all("rules")
        do throws(AccordError) {
            let checker = try Checker(configuration)
            console.problems(try checker.warnings())
            let revision = try checker.diff(old: args.positionals[0], new: args.positionals[1])
            for (format, file) in outputs {
                let text = revision.report(format)
                if let file { try checker.write(text, to: file) } else { console.write(text) }
            }
            return revision.exitStatus
        } catch {
            console.problems(error.problems)
            return ExitCode.usage
        }
    }
}
