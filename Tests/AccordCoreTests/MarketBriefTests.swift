import Foundation
import Testing
@testable import AccordCore

/// Briefs written as a strategist would: for markets beyond Russia and the US (Tests/Briefs/markets),
/// and multi-market briefs with the money, languages and labels of real partnerships
/// (Tests/Briefs/strategist). Each says in its header which rules must fire (`# expect:`, or `none`
/// for a brief that must come out ready with no warning) and which must stay quiet (`# quiet:`), and
/// must be a valid brief.
@Suite struct MarketBriefTests {
    static let folder = Fixtures.packageRoot + "/Tests/Briefs/markets"
    static let folders = [folder, Fixtures.packageRoot + "/Tests/Briefs/strategist"]

    /// The briefs, as paths from Tests/Briefs.
    static var briefs: [String] {
        folders.flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".brief.toml") }.sorted()
                .map { String(folder.split(separator: "/").last!) + "/" + $0 }
        }
    }

    @Test func thereAreBriefsForAtLeastSixMarketsAndSixMultiMarketCampaigns() {
        #expect(Self.briefs.filter { $0.hasPrefix("markets/") }.count >= 6)
        #expect(Self.briefs.filter { $0.hasPrefix("strategist/") }.count >= 6)
    }

    @Test(arguments: briefs)
    func theRulesFireAsTheHeaderSays(_ name: String) throws {
        let path = Fixtures.packageRoot + "/Tests/Briefs/" + name
        let report = BriefChecker.check(path: path, displayPath: name, rules: EngineTests.rules)
        #expect(report.problems.isEmpty, "\(name): \(report.problems.map(\.message))")
        let lines = Fixtures.lines(path)
        func ids(_ marker: String) -> [String] {
            lines.first { $0.hasPrefix(marker) }.map { $0.dropFirst(marker.count).split(separator: " ").map(String.init) } ?? []
        }
        let expected = ids("# expect:"), quiet = ids("# quiet:")
        #expect(!expected.isEmpty, "\(name) names no rule it expects")
        let fired = Set(report.findings.map(\.rule.id))
        if expected == ["none"] {
            #expect(report.findings.allSatisfy { $0.severity == .info }, "\(name): \(report.findings.map(\.rule.id))")
        } else {
            for id in expected { #expect(fired.contains(id), "\(name): \(id) should fire; fired \(fired.sorted())") }
        }
        for id in quiet { #expect(!fired.contains(id), "\(name): \(id) should stay quiet") }
    }

    /// A party whose language no rule speaks is told once why its questions are in English; parties
    /// speaking Japanese, German or Russian are asked in their language and told nothing.
    @Test func aPartyIsToldWhenItsLanguageIsNotSpoken() {
        let korea = BriefChecker.check(path: Self.folder + "/korea-chuseok.brief.toml", displayPath: "korea", rules: EngineTests.rules)
        #expect(korea.unspokenLanguage(of: "minho") == "ko")
        #expect(korea.unspokenNote(of: "minho").contains("not written in ko"))
        let japan = BriefChecker.check(path: Self.folder + "/japan-golden-week.brief.toml", displayPath: "japan", rules: EngineTests.rules)
        #expect(japan.unspokenLanguage(of: "yui") == nil)
        #expect(japan.questions.contains { $0.to == "yui" && $0.language == "ja" })
        let russia = BriefChecker.check(path: Self.folder + "/russia-germany-may.brief.toml", displayPath: "russia", rules: EngineTests.rules)
        #expect(russia.unspokenLanguage(of: "sasha") == nil)
        #expect(russia.questions.contains { $0.to == "sasha" && $0.language == "ru" })
        #expect(russia.unspokenLanguage(of: "brand") == nil)
        #expect(russia.questions.contains { $0.to == "brand" && $0.language == "de" })
    }
}
