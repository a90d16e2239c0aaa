import AccordCore

/// `accord rules`: the loaded rule packs, for their authors: list, explain, test and lint them.
package struct RulesTool {
    private let rules: RuleSet
    private let workingDirectory: String

    /// Loads the built-in packs, those the project config names (`check` uses them too), and
    /// `extraPacks` (folders; relative ones from `workingDirectory`).
    package init(extraPacks: [String], projectFile: Configuration.ProjectFile = .nearest, workingDirectory: String) throws(AccordError) {
        let project = try RuleLoading.projectConfig(projectFile, workingDirectory: workingDirectory)
        let packs = RuleLoading.packs(of: project, workingDirectory: workingDirectory) + extraPacks
        rules = try RuleLoading.load(extraPacks: packs, workingDirectory: workingDirectory).get()
        self.workingDirectory = workingDirectory
    }

    package var ruleIDs: [String] { rules.rules.map(\.id) }
    package var packNames: [String] { rules.packs.map(\.files.name) }
    /// The packs loaded besides the built-in ones.
    package var addedPacks: Set<String> { Set(rules.packs.filter { !$0.files.builtIn }.map(\.files.name)) }
    package static var categories: [String] { AccordCore.Category.allCases.map(\.rawValue) }

    package func hasRule(_ id: String) -> Bool { rules.rule(id) != nil }

    /// Every rule loaded (of `pack` and `category` when given), as a table or as JSON.
    package func list(pack: String?, category: String?, json: Bool) -> ToolResult {
        var shown = rules.rules
        if let pack { shown = shown.filter { $0.pack == pack } }
        if let category { shown = shown.filter { $0.category.rawValue == category } }
        guard json else {
            let rows = shown.map { [$0.id, $0.category.rawValue, $0.severity.rawValue, $0.pack, $0.title] }
            return ToolResult(Self.table(header: ["ID", "CATEGORY", "SEVERITY", "PACK", "TITLE"], rows: rows))
        }
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
        return ToolResult(output: o.bytes)
    }

    /// What rule `id` finds, why it matters, whom it asks, its examples, where its facts come from.
    package func explain(_ id: String, language: String) -> String? {
        rules.rule(id).map { RuleExplanation.text($0, in: rules, language: language) }
    }

    /// Runs the examples of the rules in `only` (all when nil); with `samples`, also says which rules
    /// fire on which sample briefs, and fails below `minimumCoverage` percent.
    package func test(only: Set<String>?, samples: [String]?, minimumCoverage: Int?) -> ToolResult {
        let results = RuleExamples.run(rules, only: only)
        var text = ""
        var failed = 0
        for r in results where !r.passed {
            failed += 1
            let loc = r.rule.file.location(at: r.example.span.start)
            text += "FAIL \(r.rule.id) \(r.rule.file.path):\(loc.line): \(r.example.fires ? "fires on" : "quiet on"): \(r.problem ?? "")\n"
        }
        let tested = Set(results.map(\.rule.id))
        text += "\(results.count - failed) passed, \(failed) failed (\(tested.count) rule\(tested.count == 1 ? "" : "s"))\n"
        var status: Int32 = failed == 0 ? 0 : 1
        // Examples pass with the field there; a brief without it would still fail the rule.
        let warnings = rules.warnings.filter { only?.contains($0.ruleID) ?? true }.map { Problem($0.diagnostic) }
        if let samples {
            let found = BriefFinder.find(samples, from: workingDirectory)
            if let first = found.unusable.first { return .failure([Problem(first)], status: 2) }
            let files = found.files
            let coverage = RuleCoverage.measure(rules, only: only, examples: results, samples: files)
            text += coverage.report()
            if let minimumCoverage, coverage.percent < minimumCoverage {
                text += "coverage \(coverage.percent)% is below the minimum of \(minimumCoverage)%\n"
                status = 1
            }
        }
        return ToolResult(output: Array(text.utf8), problems: warnings, status: status)
    }

    /// Lints the packs added (the built-in ones when none was).
    package func lint() -> ToolResult {
        let packs = addedPacks.isEmpty ? Set(packNames) : addedPacks
        let problems = RuleLint.lint(rules, packs: packs)
        let count = rules.rules.filter { packs.contains($0.pack) }.count
        let checked = "\(count) rule\(count == 1 ? "" : "s") checked"
        let summary = problems.isEmpty ? "\(checked): no problems\n" : "\(checked): \(problems.count) problem\(problems.count == 1 ? "" : "s")\n"
        return ToolResult(output: Array(summary.utf8), problems: problems.map(Problem.init), status: problems.isEmpty ? 0 : 1)
    }

    /// The ids of the rules of the packs added, or nil when none was.
    package var rulesOfAddedPacks: Set<String>? {
        let added = addedPacks
        return added.isEmpty ? nil : Set(rules.rules.filter { added.contains($0.pack) }.map(\.id))
    }

    /// Columns padded to their widest cell.
    static func table(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { i in all.map { $0[i].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] + 1 - cell.count)
            }.joined(separator: " ")
        }.joined(separator: "\n") + "\n"
    }
}
