extension RuleString {
    /// The text as written in `file`: literal parts as they are, holes as `{expression}`.
    package func display(in file: SourceFile) -> String {
        var out = ""
        for part in parts {
            switch part {
            case .text(let t): out += t
            case .expression(let range): out += "{" + String(decoding: file.bytes[range], as: UTF8.self) + "}"
            }
        }
        return out
    }
}

extension CompiledRule {
    /// The expression text of a byte range of the rule file, on one line.
    package func sourceText(_ range: Range<Int>) -> String {
        String(decoding: file.bytes[range], as: UTF8.self)
            .split(whereSeparator: { $0 == "\n" || $0 == "\r" }).map { $0.trimmingPrefix(while: { $0 == " " }) }.joined(separator: " ")
    }

    /// The questions as written: who is asked, and the English text.
    package var questionsAsWritten: [(to: String, text: String)] {
        source.asks.map { (sourceText($0.target), $0.text.english.display(in: file)) }
    }

    /// The message as written, in English.
    package var messageAsWritten: String { source.message?.english.display(in: file) ?? "" }
}

extension RuleSet {
    /// The rules of a pack in Markdown, by category (docs/rules.md embeds the built-in ones, and a
    /// test keeps the two equal): what each finds, why it matters, what to do, whom it asks.
    package func referenceMarkdown(pack: String) -> String {
        var out = ""
        // What each rule says on the first example it fires on.
        var sample: [String: Finding] = [:]
        for result in RuleExamples.run(self) where result.passed && result.example.fires && sample[result.rule.id] == nil {
            sample[result.rule.id] = result.findings.first
        }
        for category in Category.allCases {
            let inCategory = rules.filter { $0.pack == pack && $0.category == category }
            guard !inCategory.isEmpty else { continue }
            out += "\n## \(category.heading)\n\n| id | finds | severity | weight |\n|---|---|---|---:|\n"
            for rule in inCategory {
                out += "| [\(rule.id)](#\(rule.id.lowercased())) | \(BriefSchema.cell(rule.title)) | \(rule.severity.rawValue) | \(rule.weight) |\n"
            }
            for rule in inCategory {
                out += "\n### \(rule.id)\n\n**\(BriefSchema.cell(rule.title))** · \(rule.category.rawValue) · \(rule.severity.rawValue) · weight \(rule.weight) · about `\(rule.aboutText)`\n\n"
                if let finding = sample[rule.id] {
                    out += "For example: \"\(finding.message)\"\n\n"
                } else {
                    out += "Message: \"\(rule.messageAsWritten)\"\n\n"
                }
                if let because = rule.source.because?.display(in: rule.file) { out += "Why it matters: \(because)\n\n" }
                if let fix = rule.source.fix?.display(in: rule.file) { out += "What to do: \(fix)\n\n" }
                if let finding = sample[rule.id], !finding.questions.isEmpty {
                    for q in finding.questions { out += "- Asks `\(q.to)`: \"\(q.text)\"\n" }
                } else {
                    for q in rule.questionsAsWritten { out += "- Asks `\(q.to)`: \"\(q.text)\"\n" }
                }
                if !rule.source.sources.isEmpty {
                    out += "\nSources: " + rule.source.sources.map { $0.display(in: rule.file) }.joined(separator: "; ") + "\n"
                }
            }
        }
        return out
    }
}
