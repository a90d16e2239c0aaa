import Foundation
import Testing
@testable import AccordCore

/// Briefs written for markets beyond Russia and the US, as a strategist would (Tests/Briefs/markets):
/// each says in its header which rules must fire (`# expect:`) and which must stay quiet (`# quiet:`),
/// and must be a valid brief.
@Suite struct MarketBriefTests {
    static let folder = Fixtures.packageRoot + "/Tests/Briefs/markets"

    static var briefs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".brief.toml") }.sorted()
    }

    @Test func thereAreBriefsForAtLeastSixMarkets() {
        #expect(Self.briefs.count >= 6)
    }

    @Test(arguments: briefs)
    func theRulesFireAsTheHeaderSays(_ name: String) throws {
        let path = Self.folder + "/" + name
        let report = BriefChecker.check(path: path, displayPath: name, rules: EngineTests.rules)
        #expect(report.problems.isEmpty, "\(name): \(report.problems.map(\.message))")
        let lines = Fixtures.lines(path)
        func ids(_ marker: String) -> [String] {
            lines.first { $0.hasPrefix(marker) }.map { $0.dropFirst(marker.count).split(separator: " ").map(String.init) } ?? []
        }
        let expected = ids("# expect:"), quiet = ids("# quiet:")
        #expect(!expected.isEmpty, "\(name) names no rule it expects")
        let fired = Set(report.findings.map(\.rule.id))
        for id in expected { #expect(fired.contains(id), "\(name): \(id) should fire; fired \(fired.sorted())") }
        for id in quiet { #expect(!fired.contains(id), "\(name): \(id) should stay quiet") }
    }
}
