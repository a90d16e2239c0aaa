import AccordCore

/// `accord rules ...`: tools for rule authors.
enum RulesCommand: Subcommand {
    static let name = "rules"
    static let summary = "Work with rule packs: test their examples"
    static let usage = "accord rules test [--rules DIR]... [ID]..."
    static let options: [OptionSpec] = [
        .value("rules", "DIR", "add a rule pack from a folder", repeatable: true),
    ]

    static func run(_ args: ParsedArguments, console: Console) -> Int32 {
        guard let action = args.positionals.first else {
            AccordCommand.reportUsage(UsageError("missing what to do: test"), usage: usage, console: console)
            return ExitCode.usage
        }
        guard action == "test" else {
            AccordCommand.reportUsage(UsageError("unknown action '\(action)'"), usage: usage, console: console)
            return ExitCode.usage
        }
        guard let rules = RuleLoading.load(extraPacks: args.all("rules"), console: console) else { return ExitCode.usage }
        let ids = Array(args.positionals.dropFirst())
        let results = RuleExamples.run(rules, only: ids.isEmpty ? nil : Set(ids))
        var failed = 0
        for r in results where !r.passed {
            failed += 1
            let loc = r.rule.file.location(at: r.example.span.start)
            console.write("FAIL \(r.rule.id) \(r.rule.file.path):\(loc.line): \(r.example.fires ? "fires on" : "quiet on"): \(r.problem ?? "")\n")
        }
        console.write("\(results.count - failed) passed, \(failed) failed\n")
        return failed == 0 ? ExitCode.ok : ExitCode.failure
    }
}
