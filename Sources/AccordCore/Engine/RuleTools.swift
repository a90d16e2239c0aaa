/// `accord rules explain ID`: everything about one rule, for the person deciding whether to trust it.
package enum RuleExplanation {
    package static func text(_ rule: CompiledRule, in rules: RuleSet, language: String = "en") -> String {
        let loc = rule.location
        var out = "\(rule.id)  \(rule.title)\n"
        out += "  \(rule.category.rawValue) · \(rule.severity.rawValue) · weight \(rule.weight) · pack \(rule.pack) · \(rule.file.path):\(loc.line)\n"

        out += "\nWhat it finds\n"
        if let each = rule.source.each {
            out += "  For each \(each.name) in \(rule.sourceText(each.range)):\n"
        }
        for l in rule.source.lets { out += "  let \(l.name) = \(rule.sourceText(l.range))\n" }
        if let when = rule.source.when { out += "  when \(rule.sourceText(when))\n" }
        out += "  about \(rule.aboutText)\n"
        let examples = RuleExamples.run(rules, only: [rule.id], language: language)
        if let sample = examples.first(where: { $0.passed && $0.example.fires })?.findings.first {
            out += "  For example: \"\(sample.message)\"\n"
        } else {
            out += "  Message: \"\(rule.messageAsWritten)\"\n"
        }
        if let because = rule.source.because?.display(in: rule.file) { out += "\nWhy it matters\n  \(because)\n" }
        if let fix = rule.source.fix?.display(in: rule.file) { out += "\nWhat to do\n  \(fix)\n" }
        if !rule.source.asks.isEmpty {
            out += "\nQuestions\n"
            for q in rule.questionsAsWritten { out += "  \(q.to): \"\(q.text)\"\n" }
            let languages = rule.questionLanguages.flatMap { $0 }
            out += "  in " + Set(languages).sorted().joined(separator: ", ") + "\n"
        }
        if !rule.source.examples.isEmpty {
            out += "\nExamples\n"
            for (example, result) in zip(rule.source.examples, examples) {
                let line = rule.file.location(at: example.span.start).line
                out += "  \(example.fires ? "fires on" : "quiet on") (line \(line))"
                if let at = example.at { out += " at \(at.path)" }
                out += result.passed ? ": passes\n" : ": FAILS: \(result.problem ?? "")\n"
                switch example.content {
                case .inline(let range):
                    let text = String(decoding: rule.file.bytes[range], as: UTF8.self)
                    for l in text.split(separator: "\n") where !l.allSatisfy({ $0 == " " }) {
                        out += "    " + l.drop(while: { $0 == " " }) + "\n"
                    }
                case .file(let name):
                    out += "    the brief \(name)\n"
                }
            }
        }
        let data = dataFiles(rule, in: rules)
        if !rule.sources.isEmpty || !data.isEmpty {
            out += "\nSources\n"
            for s in rule.source.sources { out += "  \(s.display(in: rule.file))\n" }
            if !data.isEmpty { out += "  Data it reads: " + data.joined(separator: ", ") + "\n" }
        }
        return out
    }

    /// The data files of any pack that the rule's expressions read.
    package static func dataFiles(_ rule: CompiledRule, in rules: RuleSet) -> [String] {
        let texts = rule.expressionTexts
        var result: [String] = []
        for (files, _) in rules.packs {
            for path in files.paths where path.hasPrefix("data/") && (path.hasSuffix(".toml") || path.hasSuffix(".json")) {
                var components = path.dropFirst("data/".count).split(separator: "/").map(String.init)
                components[components.count - 1] = String(components[components.count - 1].split(separator: ".").first ?? "")
                if texts.contains(where: { RuleLint.reads($0, components) }) { result.append(files.root + "/" + path) }
            }
        }
        return result
    }
}

/// `accord rules test --coverage`: which rules fire on which example and sample briefs, and which
/// never fire on a sample.
package struct RuleCoverage: Sendable {
    package struct Line: Sendable {
        package let rule: String
        /// The example briefs (of any rule) it fired on.
        package let examples: Int
        /// The sample briefs it fired on, by name.
        package let samples: [String]
    }

    package let lines: [Line]
    package let sampleCount: Int

    /// The share of rules that fire on at least one sample, in percent (100 without rules).
    package var percent: Int {
        lines.isEmpty ? 100 : lines.filter { !$0.samples.isEmpty }.count * 100 / lines.count
    }

    package static func measure(_ rules: RuleSet, only: Set<String>?, examples: [RuleExamples.Result],
                               samples: [(read: String, display: String)]) -> RuleCoverage {
        var onSamples: [String: [String]] = [:]
        for sample in samples {
            let report = BriefChecker.check(path: sample.read, displayPath: sample.display, rules: rules)
            let name = sample.display.split(separator: "/").last.map(String.init) ?? sample.display
            var fired = Set(report.findings.map(\.rule.id))
            if let checkin = checkin(of: sample.read, rules: rules) { fired.formUnion(checkin.findings.map(\.rule.id)) }
            for id in fired { onSamples[id, default: []].append(name) }
        }
        var onExamples: [String: Int] = [:]
        for result in examples {
            for id in result.firedRules { onExamples[id, default: 0] += 1 }
        }
        let lines = rules.rules.filter { only?.contains($0.id) ?? true }.map { rule in
            Line(rule: rule.id, examples: onExamples[rule.id] ?? 0, samples: onSamples[rule.id] ?? [])
        }
        return RuleCoverage(lines: lines, sampleCount: samples.count)
    }

    /// The check-in of a sample whose results sit beside it (`SampleResults`).
    static func checkin(of path: String, rules: RuleSet) -> BriefReport? {
        let files = SampleResults.files(of: path).compactMap { try? SourceFile.read(path: $0) }
        guard !files.isEmpty, let brief = try? SourceFile.read(path: path) else { return nil }
        return BriefChecker.checkin(file: brief, results: files, asOf: nil, rules: rules)
    }

    package func report() -> String {
        var out = "\nRULE    EXAMPLES  SAMPLES\n"
        for line in lines {
            out += line.rule.padding(8) + String(line.examples).padding(10) + (line.samples.isEmpty ? "-" : line.samples.joined(separator: ", ")) + "\n"
        }
        let never = lines.filter { $0.samples.isEmpty }.map(\.rule)
        if !never.isEmpty { out += "\nNever fired on a sample: " + never.joined(separator: ", ") + "\n" }
        out += "Coverage: \(lines.count - never.count) of \(lines.count) rules (\(percent)%) fire on at least one of \(sampleCount) sample brief\(sampleCount == 1 ? "" : "s") (check-in rules on the results beside them).\n"
        return out
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}

/// Where Samples/ keeps a brief's results: `results/NAME.results.toml`, `.results.json` or
/// `NAME.csv` beside `NAME.brief.toml`. For `rules test --coverage` and the leak check.
package enum SampleResults {
    /// The results files of the brief at `path` that exist.
    package static func files(of path: String) -> [String] {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard let last = parts.last, let marker = last.firstRange(of: ".brief.") else { return [] }
        let stem = last[..<marker.lowerBound]
        let folder = parts.dropLast().joined(separator: "/")
        return [".results.toml", ".results.json", ".csv"].map { (folder.isEmpty ? "" : folder + "/") + "results/" + stem + $0 }
            .filter { FileSystem.kind($0) == .file }
    }
}
