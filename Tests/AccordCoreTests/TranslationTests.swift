import Foundation
import Testing
@testable import AccordCore

/// Every built-in rule speaks every language of the pack: its firing examples, run in that language
/// with the base brief's parties speaking it, render without an evaluation error, and each rule fires
/// on one at least, with the message and every question in a language other than English (the run's,
/// or one an example gives a party).
@Suite struct TranslationTests {
    /// The built-in pack with the parties of its base brief speaking `language`.
    static func rules(speaking language: String) -> RuleSet {
        let packs = PackFiles.builtIn().map { pack -> PackFiles in
            var files = pack.files
            if let base = files["examples/base.brief.toml"] {
                let text = String(decoding: base.bytes, as: UTF8.self)
                    .replacingOccurrences(of: "\nlanguage = \"en\"\n", with: "\nlanguage = \"\(language)\"\n")
                files["examples/base.brief.toml"] = SourceFile(path: base.path, text: text)
            }
            return PackFiles(name: pack.name, root: pack.root, builtIn: pack.builtIn, files: files)
        }
        do throws(DiagnosticList) { return try RuleSet.load(packs) } catch { fatalError("the built-in rules do not load: \(error.diagnostics)") }
    }

    @Test(arguments: ["ru", "de", "fr", "es", "pt", "ja", "zh"])
    func everyRuleSpeaks(_ language: String) {
        let rules = Self.rules(speaking: language)
        // (Whether an example fires may change here: the parties' languages are part of the brief.)
        let results = RuleExamples.run(rules, language: language).filter(\.example.fires)
        for r in results where r.problem?.hasPrefix("the rule failed") == true {
            Issue.record("\(r.rule.id) in '\(language)': \(r.problem ?? "")")
        }
        var asked = Set<String>()
        for r in results {
            for f in r.findings {
                #expect(f.language == language, "\(r.rule.id): the message is in '\(f.language)'")
                #expect(!f.message.contains("{") && !f.message.contains("}"), "\(r.rule.id): \(f.message)")
                for q in f.questions {
                    #expect(q.language != "en", "\(r.rule.id): a question to \(q.to) is in English: \(q.text)")
                    asked.insert(r.rule.id)
                }
            }
        }
        // Every rule fired on an example, and asked someone in this language.
        #expect(Set(results.filter { !$0.findings.isEmpty }.map(\.rule.id)) == Set(rules.rules.map(\.id)))
        #expect(asked == Set(rules.rules.map(\.id)))
    }
}
