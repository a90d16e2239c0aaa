import AccordCore

/// `accord rules ...`: tools for rule authors.
enum RulesCommand: Subcommand {
    static let name = "rules"
    static let summary = "Work with rule packs: list, explain, test and lint them"
    static let usage = "accord rules list|explain|test|lint [options] [ARG]..."
    static let discussion = """
        accord rules list [--pack NAME] [--category CATEGORY]
            Every rule loaded: id, category, severity, pack and title.
        accord rules explain ID
            What the rule finds, why it matters, whom it asks, its examples, and where its facts come from.
        accord rules test [ID]... [--coverage] [--samples PATH]... [--min-coverage PERCENT]
            Runs each rule's examples: a fires-on brief must make it fire (at the field given), a
            quiet-on brief must not. --coverage also says which rules fire on which sample briefs
            (Samples/ by default) and which fire on none; --min-coverage fails when fewer rules fire.
        accord rules lint [DIR]...
            Checks the packs in DIR (or the built-in packs): rules without questions or examples,
            missing translations, fields a brief may lack read without has(), data no rule reads.

        --rules DIR adds a pack to the built-in ones (repeatable; `test` and `lint` take pack folders
        as arguments too). Exit status: 0 when all is good, 1 when a test or lint fails, 2 for a pack
        that does not load or a wrong option.

        Examples:
          accord rules list --category timeline
          accord rules explain TL004
          accord rules test --rules packs/acme-de
          accord rules lint packs/acme-de
        """
    static let options: [OptionSpec] = [
        .value("rules", "DIR", "add a rule pack from a folder", repeatable: true),
        .value("pack", "NAME", "list: only the rules of this pack"),
        .value("category", "CATEGORY", "list: only the rules of this category"),
        .value("format", "FORMAT", "list: text (default) or json"),
        .value("lang", "LANG", "explain: the language of the example messages (en or ru)"),
        .flag("coverage", "test: say which rules fire on which examples and samples"),
        .value("samples", "PATH", "test --coverage: the sample briefs (default: Samples, when there is such a folder)", repeatable: true),
        .value("min-coverage", "PERCENT", "test: fail when fewer of the rules fire on some sample", ),
    ]

    static let actions = ["list", "explain", "test", "lint"]

    static func run(_ args: ParsedArguments, console: Console) -> Int32 {
        func usageError(_ message: String, help: String? = nil) -> Int32 {
            AccordCommand.reportUsage(UsageError(message, help: help), usage: usage, console: console)
            return ExitCode.usage
        }
        guard let action = args.positionals.first else {
            return usageError("missing what to do: \(actions.joined(separator: ", "))")
        }
        guard actions.contains(action) else {
            return usageError("unknown action '\(action)'\(Suggestions.didYouMean(action, among: actions))",
                              help: "the actions are \(actions.joined(separator: ", "))")
        }
        let rest = Array(args.positionals.dropFirst())
        // `test` and `lint` take pack folders as arguments as well as rule ids.
        var folders = args.all("rules")
        var ids: [String] = []
        for arg in rest {
            guard action == "test" || action == "lint" else {
                ids.append(arg)
                continue
            }
            let kind = FileSystem.kind(console.resolve(arg))
            if kind == .directory {
                folders.append(arg)
            } else if kind != .missing {
                return usageError("\(arg) is not a folder: \(action) takes pack folders\(action == "test" ? " and rule ids" : "")")
            } else if action == "lint" || arg.contains("/") {
                return usageError("no such folder: \(arg)")
            } else {
                ids.append(arg)
            }
        }
        guard let rules = RuleLoading.load(extraPacks: folders, console: console) else { return ExitCode.usage }
        let addedPacks = Set(rules.packs.filter { !$0.files.builtIn }.map(\.files.name))

        switch action {
        case "list":
            return list(rules, args, console: console, usageError: usageError)
        case "explain":
            guard ids.count == 1 else { return usageError("explain takes one rule id, such as accord rules explain TL004") }
            guard let rule = rules.rule(ids[0]) else {
                let known = rules.rules.map(\.id)
                return usageError("no rule has the id '\(ids[0])'\(Suggestions.didYouMean(ids[0], among: known))",
                                  help: "accord rules list shows every rule")
            }
            console.write(RuleExplanation.text(rule, in: rules, language: args.value("lang") ?? "en"))
            return ExitCode.ok
        case "test":
            let unknown = ids.filter { rules.rule($0) == nil }
            if let first = unknown.first {
                return usageError("no rule has the id '\(first)', and there is no such folder\(Suggestions.didYouMean(first, among: rules.rules.map(\.id)))")
            }
            // With pack folders and no ids, test the rules of those packs.
            let only: Set<String>? = !ids.isEmpty ? Set(ids)
                : (addedPacks.isEmpty ? nil : Set(rules.rules.filter { addedPacks.contains($0.pack) }.map(\.id)))
            return test(rules, only: only, args, console: console, usageError: usageError)
        default:
            let packs = addedPacks.isEmpty ? Set(rules.packs.map(\.files.name)) : addedPacks
            let problems = RuleLint.lint(rules, packs: packs)
            console.diagnostics(problems)
            let count = rules.rules.filter { packs.contains($0.pack) }.count
            let checked = "\(count) rule\(count == 1 ? "" : "s") checked"
            console.write(problems.isEmpty ? "\(checked): no problems\n"
                                           : "\(checked): \(problems.count) problem\(problems.count == 1 ? "" : "s")\n")
            return problems.isEmpty ? ExitCode.ok : ExitCode.failure
        }
    }

    static func list(_ rules: RuleSet, _ args: ParsedArguments, console: Console, usageError: (String, String?) -> Int32) -> Int32 {
        var shown = rules.rules
        if let pack = args.value("pack") {
            let packs = rules.packs.map(\.files.name)
            guard packs.contains(pack) else { return usageError("no pack is named '\(pack)'\(Suggestions.didYouMean(pack, among: packs))", nil) }
            shown = shown.filter { $0.pack == pack }
        }
        if let text = args.value("category") {
            guard let category = Category(rawValue: text) else {
                return usageError("'\(text)' is not a category\(Suggestions.didYouMean(text, among: Category.allCases.map(\.rawValue)))", nil)
            }
            shown = shown.filter { $0.category == category }
        }
        switch args.value("format") ?? "text" {
        case "json":
            var o = OutputBuffer(capacity: 4096)
            o.append("[")
            for (k, rule) in shown.enumerated() {
                o.append(k == 0 ? "\n  {\"id\": " : ",\n  {\"id\": ")
                o.appendJSONString(rule.id)
                for (key, value) in [("category", rule.category.rawValue), ("severity", rule.severity.rawValue), ("pack", rule.pack), ("title", rule.title)] {
                    o.append(", \"\(key)\": ")
                    o.appendJSONString(value)
                }
                o.append(", \"weight\": ")
                o.append(int: rule.weight)
                o.append("}")
            }
            o.append(shown.isEmpty ? "]\n" : "\n]\n")
            console.write(o)
        case "text":
            let rows = shown.map { [$0.id, $0.category.rawValue, $0.severity.rawValue, $0.pack, $0.title] }
            console.write(Table.render(header: ["ID", "CATEGORY", "SEVERITY", "PACK", "TITLE"], rows: rows))
        case let other:
            return usageError("list --format takes text or json, not '\(other)'", nil)
        }
        return ExitCode.ok
    }

    static func test(_ rules: RuleSet, only: Set<String>?, _ args: ParsedArguments, console: Console,
                     usageError: (String, String?) -> Int32) -> Int32 {
        var minimum: Int?
        if let text = args.value("min-coverage") {
            guard let n = Int(text.hasSuffix("%") ? String(text.dropLast()) : text), (0...100).contains(n) else {
                return usageError("--min-coverage takes a percentage from 0 to 100, not '\(text)'", nil)
            }
            minimum = n
        }
        let results = RuleExamples.run(rules, only: only)
        var failed = 0
        for r in results where !r.passed {
            failed += 1
            let loc = r.rule.file.location(at: r.example.span.start)
            console.write("FAIL \(r.rule.id) \(r.rule.file.path):\(loc.line): \(r.example.fires ? "fires on" : "quiet on"): \(r.problem ?? "")\n")
        }
        let tested = Set(results.map(\.rule.id)).count
        console.write("\(results.count - failed) passed, \(failed) failed (\(tested) rule\(tested == 1 ? "" : "s"))\n")
        var status = failed == 0 ? ExitCode.ok : ExitCode.failure
        if args.has("coverage") || minimum != nil {
            let sampleArgs = args.all("samples")
            let paths = sampleArgs.isEmpty ? (FileSystem.kind(console.resolve("Samples")) == .directory ? ["Samples"] : []) : sampleArgs
            let (files, missing) = BriefFinder.find(paths, from: console.workingDirectory)
            if let first = missing.first { return usageError("no such file or folder: \(first)", nil) }
            let coverage = RuleCoverage.measure(rules, only: only, examples: results, samples: files)
            console.write(coverage.report())
            if let minimum, coverage.percent < minimum {
                console.write("coverage \(coverage.percent)% is below the minimum of \(minimum)%\n")
                status = ExitCode.failure
            }
        }
        return status
    }
}

/// Columns padded to their widest cell.
enum Table {
    static func render(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { i in all.map { $0[i].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { i, cell in i == row.count - 1 ? cell : cell.padding(toLength: widths[i] + 1) }.joined(separator: " ")
        }.joined(separator: "\n") + "\n"
    }
}
