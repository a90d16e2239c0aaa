import Accord

/// `accord rules ...`: tools for rule authors.
enum RulesCommand: Subcommand {
    static let name = "rules"
    static let summary = "Work with rule packs: list, explain, test and lint them"
    static let usage = "accord rules list|explain|test|lint [options] [ARG]..."
    /// An action of `accord rules`: how it is called, what it does, and which of the options it reads.
    struct Action {
        let name: String
        let usage: String
        let text: String
        let options: [String]
    }

    static let actionTable = [
        Action(name: "list", usage: "accord rules list [--pack NAME] [--category CATEGORY] [--format text|json]",
               text: "Every rule loaded: id, category, severity, pack and title.", options: ["pack", "category", "format"]),
        Action(name: "explain", usage: "accord rules explain ID [--lang LANG]",
               text: "What the rule finds, why it matters, whom it asks, its examples, and where its facts come from.", options: ["lang"]),
        Action(name: "test", usage: "accord rules test [ID]... [--coverage] [--samples PATH]... [--min-coverage PERCENT]",
               text: """
                   Runs each rule's examples: a fires-on brief must make it fire (at the field given), a
                   quiet-on brief must not. --coverage also says which rules fire on which sample briefs
                   (Samples/ by default) and which fire on none; --min-coverage fails when fewer rules fire.
                   """, options: ["coverage", "samples", "min-coverage"]),
        Action(name: "lint", usage: "accord rules lint [DIR]...",
               text: """
                   Checks the packs in DIR (or the built-in packs): rules without questions or examples,
                   missing translations, fields a brief may lack read without has(), data no rule reads.
                   """, options: []),
    ]

    static let packsText = """
        The packs are the built-in ones, those .accord.toml names (as for check; --config FILE or
        --no-config to choose), and each --rules DIR (repeatable; `test` and `lint` take pack folders
        as arguments too). Exit status: 0 when all is good, 1 when a test or lint fails, 2 for a pack
        that does not load or a wrong option.
        """

    static let discussion = actionTable.map { "\($0.usage)\n" + $0.text.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n") }
        .joined(separator: "\n") + "\n\n" + packsText + """


        Examples:
          accord rules list --category timeline
          accord rules explain TL004
          accord rules test --rules packs/acme-de
          accord rules lint packs/acme-de
        """

    /// `accord rules ACTION --help`: the action's own usage, text and options, with those every
    /// action reads.
    static func helpText(for positionals: [String]) -> String {
        guard let name = positionals.first, let action = actionTable.first(where: { $0.name == name }) else { return helpText() }
        let own = options.filter { action.options.contains($0.name) || ["rules", "config", "no-config"].contains($0.name) }
        return "\(action.text)\n\nusage: \(action.usage)\n\n\(packsText)\n\noptions:\n"
            + ArgumentParser.helpText(own + AccordCommand.commonOptions)
    }

    static let options: [OptionSpec] = [
        .value("rules", "DIR", "add a rule pack from a folder", repeatable: true),
        .value("config", "FILE", "read the packs from FILE instead of the nearest .accord.toml"),
        .flag("no-config", "ignore .accord.toml"),
        .value("pack", "NAME", "list: only the rules of this pack"),
        .value("category", "CATEGORY", "list: only the rules of this category"),
        .value("format", "FORMAT", "list: text (default) or json", choices: ["text", "json"]),
        .value("lang", "LANG", "explain: the language of the example messages (en or ru)", choices: ["en", "ru"]),
        .flag("coverage", "test: say which rules fire on which examples and samples"),
        .value("samples", "PATH", "test --coverage: the sample briefs (default: Samples, when there is such a folder)", repeatable: true),
        .value("min-coverage", "PERCENT", "test: fail when fewer of the rules fire on some sample", ),
    ]

    static let actions = actionTable.map(\.name)

    static func run(_ args: ParsedArguments, console: Console) -> Int32 {
        func usageError(_ message: String, help: String? = nil) -> Int32 {
            AccordCommand.reportUsage(UsageError(message, help: help), usage: usage, console: console)
            return ExitCode.usage
        }
        guard let action = args.positionals.first else {
            return usageError("missing what to do: \(actions.joined(separator: ", "))")
        }
        guard actions.contains(action) else {
            return usageError("unknown action '\(action)'\(CommandSupport.didYouMean(action, among: actions))",
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
            let path = console.resolve(arg)
            if CommandSupport.isFolder(path) {
                folders.append(arg)
            } else if CommandSupport.exists(path) {
                return usageError("\(arg) is not a folder: \(action) takes pack folders\(action == "test" ? " and rule ids" : "")")
            } else if action == "lint" || arg.contains("/") {
                return usageError("no such folder: \(arg)")
            } else {
                ids.append(arg)
            }
        }
        let projectFile: Configuration.ProjectFile
        do throws(UsageError) {
            projectFile = try args.projectFile()
        } catch {
            return usageError(error.message)
        }
        let rules: RulesTool
        do throws(AccordError) {
            rules = try RulesTool(extraPacks: folders, projectFile: projectFile, workingDirectory: console.workingDirectory)
        } catch {
            console.problems(error.problems)
            return ExitCode.usage
        }

        switch action {
        case "list":
            if let pack = args.value("pack"), !rules.packNames.contains(pack) {
                return usageError("no pack is named '\(pack)'\(CommandSupport.didYouMean(pack, among: rules.packNames))")
            }
            if let category = args.value("category"), !RulesTool.categories.contains(category) {
                return usageError("'\(category)' is not a category\(CommandSupport.didYouMean(category, among: RulesTool.categories))")
            }
            let format = args.value("format") ?? "text"
            guard format == "text" || format == "json" else { return usageError("list --format takes text or json, not '\(format)'") }
            return AccordCommand.show(rules.list(pack: args.value("pack"), category: args.value("category"), json: format == "json"), console: console)
        case "explain":
            guard ids.count == 1 else { return usageError("explain takes one rule id, such as accord rules explain TL004") }
            guard let text = rules.explain(ids[0], language: args.value("lang") ?? "en") else {
                return usageError("no rule has the id '\(ids[0])'\(CommandSupport.didYouMean(ids[0], among: rules.ruleIDs))",
                                  help: "accord rules list shows every rule")
            }
            console.write(text)
            return ExitCode.ok
        case "test":
            if let first = ids.first(where: { !rules.hasRule($0) }) {
                return usageError("no rule has the id '\(first)', and there is no such folder\(CommandSupport.didYouMean(first, among: rules.ruleIDs))")
            }
            var minimum: Int?
            if let text = args.value("min-coverage") {
                guard let n = Int(text.hasSuffix("%") ? String(text.dropLast()) : text), (0...100).contains(n) else {
                    return usageError("--min-coverage takes a percentage from 0 to 100, not '\(text)'")
                }
                minimum = n
            }
            var samples: [String]?
            if args.has("coverage") || minimum != nil {
                let given = args.all("samples")
                samples = given.isEmpty ? (CommandSupport.isFolder(console.resolve("Samples")) ? ["Samples"] : []) : given
            }
            // With pack folders and no ids, test the rules of those packs.
            let only: Set<String>? = ids.isEmpty ? rules.rulesOfAddedPacks : Set(ids)
            let result = rules.test(only: only, samples: samples, minimumCoverage: minimum)
            if result.status == ExitCode.usage, let problem = result.problems.first {
                return usageError(problem.message)
            }
            return AccordCommand.show(result, console: console)
        default:
            return AccordCommand.show(rules.lint(), console: console)
        }
    }
}
