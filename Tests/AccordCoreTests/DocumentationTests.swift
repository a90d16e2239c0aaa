import Foundation
import Testing
@testable import AccordCore

/// Documents that are generated in part from the code stay equal to it. Run with ACCORD_RECORD=1
/// to rewrite the generated parts after a change.
@Suite struct DocumentationTests {
    static let record = ProcessInfo.processInfo.environment["ACCORD_RECORD"] == "1"

    /// Checks (or rewrites) the text between the BEGIN/END GENERATED markers named `name`.
    static func checkGenerated(_ path: String, _ name: String, _ generated: String) throws {
        let full = Fixtures.packageRoot + "/" + path
        let text = try String(contentsOfFile: full, encoding: .utf8)
        guard let begin = text.range(of: "<!-- BEGIN GENERATED: \(name)"),
              let beginLineEnd = text[begin.upperBound...].firstIndex(of: "\n"),
              let end = text.range(of: "<!-- END GENERATED: \(name)")
        else {
            Issue.record("\(path) has no generated block '\(name)'")
            return
        }
        let current = String(text[text.index(after: beginLineEnd)..<end.lowerBound])
        if record {
            let updated = String(text[...beginLineEnd]) + generated + String(text[end.lowerBound...])
            try updated.write(toFile: full, atomically: true, encoding: .utf8)
        } else {
            #expect(current == generated, "\(path) is out of date: run ACCORD_RECORD=1 swift test")
        }
    }

    /// A release is the version `--version` prints, written up in the changelog, and the one
    /// docs/ci.md installs.
    @Test func theVersionIsTheChangelogsNewestAndTheOneTheDocsInstall() throws {
        let changelog = try String(contentsOfFile: Fixtures.packageRoot + "/CHANGELOG.md", encoding: .utf8)
        let newest = changelog.split(separator: "\n").first { $0.hasPrefix("## ") && $0.first(where: \.isNumber) != nil }
        #expect(newest?.hasPrefix("## \(AccordVersion.current) (") == true, "CHANGELOG.md's newest version is \(newest ?? "none")")
        let ci = try String(contentsOfFile: Fixtures.packageRoot + "/docs/ci.md", encoding: .utf8)
        #expect(ci.contains("/v\(AccordVersion.current)/accord-\(AccordVersion.current)-linux-x86_64.tar.gz"))
        #expect(ci.contains("@v\(AccordVersion.current)") && ci.contains("rev: v\(AccordVersion.current)"))
        // Every document that downloads a release downloads this one.
        let docs = try FileManager.default.contentsOfDirectory(atPath: Fixtures.packageRoot + "/docs").filter { $0.hasSuffix(".md") }
        for name in docs {
            let text = try String(contentsOfFile: Fixtures.packageRoot + "/docs/" + name, encoding: .utf8)
            for line in text.split(separator: "\n") where line.contains("releases/download/") {
                #expect(line.contains("releases/download/v\(AccordVersion.current)/"), "docs/\(name): \(line)")
            }
            for line in text.split(separator: "\n") where line.contains("-linux-x86_64") {
                #expect(line.contains("accord-\(AccordVersion.current)-linux-x86_64") || line.contains("VERSION"), "docs/\(name): \(line)")
            }
        }
    }

    @Test func theFunctionReferenceListsEveryFunction() throws {
        try Self.checkGenerated("docs/expressions.md", "functions", Library.referenceTable())
    }
}

extension DocumentationTests {
    static let builtIn: RuleSet = {
        do throws(DiagnosticList) { return try RuleSet.load(PackFiles.builtIn()) } catch { fatalError("\(error.diagnostics)") }
    }()

    @Test func theBriefFormatIsTheSchema() throws {
        try Self.checkGenerated("docs/brief.md", "brief-format", Self.builtIn.schema.referenceMarkdown())
    }

    @Test func theRuleListIsTheBuiltInPack() throws {
        try Self.checkGenerated("docs/rules.md", "rules", Self.builtIn.referenceMarkdown(pack: "core"))
    }
}

extension DocumentationTests {
    /// The fenced blocks of a Markdown file whose first line starts with `prefix`.
    static func codeBlocks(_ path: String, startingWith prefix: String) throws -> [String] {
        let text = try String(contentsOfFile: Fixtures.packageRoot + "/" + path, encoding: .utf8)
        var blocks: [String] = []
        var current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                if let body = current {
                    if body.first?.hasPrefix(prefix) == true { blocks.append(body.joined(separator: "\n") + "\n") }
                    current = nil
                } else {
                    current = []
                }
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    @Test func theRulesInTheLanguageReferenceLoadAndTheirExamplesPass() throws {
        let snippets = try Self.codeBlocks("docs/rules-language.md", startingWith: "rule ")
        #expect(!snippets.isEmpty)
        for snippet in snippets {
            let pack = try PackFiles.folder(HostilePacks.folder(snippet))
            let rules: RuleSet
            do throws(DiagnosticList) {
                rules = try RuleSet.load(PackFiles.builtIn() + [pack])
            } catch {
                Issue.record("a rule in docs/rules-language.md does not load: \(error.diagnostics.map(\.message))")
                continue
            }
            let ids = Set(rules.rules.filter { $0.pack != "core" }.map(\.id))
            let results = RuleExamples.run(rules, only: ids)
            #expect(!results.isEmpty)
            for r in results where !r.passed { Issue.record("docs/rules-language.md: \(r.rule.id): \(r.problem ?? "")") }
        }
    }
}

extension DocumentationTests {
    /// docs/markets.md: each market the built-in data knows, and what it knows, with sources.
    @Test func theMarketTableIsTheData() throws {
        try Self.checkGenerated("docs/markets.md", "markets", Self.marketTable(Self.builtIn))
    }

    static func marketTable(_ rules: RuleSet) -> String {
        guard case .map(let data) = rules.data else { return "" }
        func map(_ v: Value?) -> ValueMap { if case .map(let m)? = v { m } else { .empty } }
        func list(_ v: Value?) -> [Value] { if case .list(let l)? = v { l.items } else { [] } }
        func text(_ v: Value?) -> String { BriefFacts.text(v) ?? "" }
        let holidays = map(data["holidays"]), markets = map(data["markets"])
        let seasons = map(map(data["calendar"])["peak_seasons"])
        var codes = Set<String>()
        for k in holidays.keys + markets.keys { if let c = BriefFacts.text(k) { codes.insert(c) } }
        var out = "| market | public holidays, 2025-2030 | peak seasons | ad disclosure | platforms restricted | cultural priors |\n"
        out += "|---|---|---|---|---|---|\n"
        for code in codes.sorted() {
            let calendar = map(holidays[code]), market = map(markets[code])
            let name = text(market["name"]).isEmpty ? text(calendar["name"]) : text(market["name"])
            var days = "none"
            if !calendar.keys.isEmpty {
                let years = map(calendar["years"])
                let announced = years.keys.compactMap { k -> String? in
                    text(map(years[text(k)])["status"]) == "announced" ? text(k) : nil
                }
                let estimated = years.values.contains { text(map($0)["estimated"]) == "true" || map($0)["estimated"].map { if case .bool(true) = $0 { true } else { false } } == true }
                days = "\(list(calendar["periods"]).count) periods; announced: \(announced.isEmpty ? "none" : announced.joined(separator: ", "))"
                if case .bool(true)? = calendar["transfers"] { days += "; days move by decree (other years computed)" }
                if estimated { days += "; lunar dates estimated" }
                if let note = BriefFacts.text(calendar["note"]) { days += "; " + note }
            }
            var peaks: [String] = []
            for i in 0..<seasons.count {
                let s = map(seasons.values[i])
                if text(s["market"]) == code { peaks.append(text(s["name"]) + " (" + text(s["source"]) + ", " + text(s["confidence"]) + ")") }
            }
            let disclosure = map(market["disclosure"])
            let label = disclosure.keys.isEmpty ? "—" : "\"\(text(disclosure["label"]))\": " + text(disclosure["source"]) + " (" + text(disclosure["confidence"]) + ")"
            let platforms = map(market["platforms"])
            var restricted: [String] = []
            for i in 0..<platforms.count {
                let p = map(platforms.values[i])
                if text(p["status"]) != "ok" { restricted.append(text(platforms.keys[i]) + " " + text(p["status"])) }
            }
            let culture = market["hofstede"] == nil ? "—" : "Hofstede 2015"
            let cells = [code + " " + name, days, peaks.isEmpty ? "—" : peaks.joined(separator: "; "), label,
                         restricted.isEmpty ? "—" : restricted.joined(separator: ", "), culture]
            out += "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n"
        }
        return out
    }
}
