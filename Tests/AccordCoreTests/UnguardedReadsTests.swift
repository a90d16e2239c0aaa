import AccordTestSupport
import Foundation
import Testing
@testable import AccordCore

/// Reads of fields a brief may lack, found when a pack loads; each case is checked against the
/// engine too: a rule found guarded does not fail on briefs without the fields, and one found
/// unguarded fails on the brief the case gives.
@Suite struct UnguardedReadsTests {
    /// A brief with nothing a brief may leave out.
    static let bare = """
        [campaign]
        name = "Bare"
        [brand]
        name = "Brand"
        [[creators]]
        name = "Creator"
        """

    /// Some optional fields there, the others not.
    static let partial = bare + """

        [timeline]
        kickoff = 2026-03-02
        media_buy = 2026-04-01
        [agency]
        name = "Agency"
        """

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        /// The rule's lines between its header and its `about`.
        let body: String
        let message: String
        let asks: String
        /// The paths found unguarded.
        let found: [String]

        init(_ name: String, _ body: String, message: String = "never", asks: String = "ask brand \"Why?\"", found: [String] = []) {
            self.name = name
            self.body = body
            self.message = message
            self.asks = asks
            self.found = found
        }

        var testDescription: String { name }

        var rule: String {
            """
            rule ZZ001 "A case"
              category timeline
              severity warning
            \(body.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
              about    brand.name
              message  "\(message)"
              \(asks)
            """
        }
    }

    static let cases: [Case] = [
        Case("a field of a section a brief may leave out", "when size(agency.name) > 3", found: ["agency.name"]),
        Case("has() on the left of &&", "when has(agency.name) && size(agency.name) > 3"),
        Case("has() on the right of && (CEL absorbs the left's error)", "when size(agency.name) > 3 && has(agency.name)"),
        Case("!has() on the left of ||", "when !has(timeline.launch) || timeline.launch > timeline.launch"),
        Case("has() in a conditional", "when has(timeline.launch) ? timeline.launch > timeline.launch : false"),
        Case("the wrong branch of a conditional", "when has(timeline.launch) ? false : timeline.launch > timeline.launch",
             found: ["timeline.launch"]),
        Case("no guard at all", "when timeline.launch > timeline.launch", found: ["timeline.launch"]),
        Case("one of two, the other known absent",
             "let day = has(timeline.kickoff) ? timeline.kickoff : timeline.launch\nwhen (has(timeline.kickoff) || has(timeline.launch)) && day > day"),
        Case("a let used where nothing guards it",
             "let day = has(timeline.kickoff) ? timeline.kickoff : timeline.launch\nwhen has(timeline.kickoff) || day > day",
             found: ["timeline.launch"]),
        Case("a let never used is never evaluated", "let day = timeline.launch\nwhen false"),
        Case("a message after a when that guards it", "when has(timeline.launch)", message: "{timeline.launch}"),
        Case("a message with nothing guarding it", "when true", message: "{timeline.launch}", found: ["timeline.launch"]),
        Case("a question for the parties a condition names",
             "let blocked = has(timeline.media_buy) && timeline.media_buy > timeline.media_buy.addDays(-1)\nwhen true",
             asks: "ask (blocked ? brand : []) \"From {timeline.media_buy}?\""),
        Case("a question asked whatever holds", "when true", asks: "ask brand \"From {timeline.media_buy}?\"",
             found: ["timeline.media_buy"]),
        Case("a for-each element's optional field", "for each c in creators\nwhen c.prep_days > 3", found: ["c.prep_days"]),
        Case("a for-each element's field, guarded", "for each c in creators\nwhen has(c.prep_days) && c.prep_days > 3"),
        Case("a comprehension that checks its element", "when creators.exists(x, has(x.prep_days) && x.prep_days > 3)"),
        Case("a comprehension that does not", "when creators.exists(x, x.prep_days > 3)", found: ["x.prep_days"]),
        Case("has() reads what it asks about", "when has(brand.decision_maker.name)", found: ["brand.decision_maker"]),
        Case("has() on each step", "when has(brand.decision_maker) && has(brand.decision_maker.name)"),
        Case("a list that holds something only when guarded",
             "let launch = has(timeline.launch) ? [timeline.launch] : []\nwhen size(launch) > 0", message: "{timeline.launch}"),
        Case("an exists that holds says what its body checked of others",
             "when creators.exists(x, has(timeline.launch) && x.name != '')", message: "{timeline.launch}"),
        Case("the brief as a whole", "when brief.timeline.launch > brief.timeline.launch", found: ["brief.timeline"]),
    ]

    static func load(_ c: Case) throws -> RuleSet {
        try RuleSet.load(PackFiles.builtIn() + [PackFiles.folder(HostilePacks.folder(c.rule))])
    }

    @Test(arguments: cases)
    func readsAreFoundWhereTheyCanFail(_ c: Case) throws {
        let rules = try Self.load(c)
        let found = rules.warnings.filter { $0.ruleID == "ZZ001" }
        #expect(found.map { $0.diagnostic.message.components(separatedBy: " may be missing").first ?? "" } == c.found)
        for d in found.map(\.diagnostic) {
            #expect(d.id == "rules.unguarded-read" && d.severity == .warning)
            #expect(d.file?.path.hasSuffix("rules.rules") == true && d.span != nil)
        }
        // What the engine does without the fields: a guarded rule never fails, an unguarded one does.
        var failed = false
        for brief in [Self.bare, Self.partial] {
            let report = BriefChecker.check(file: SourceFile(path: "case.brief.toml", text: brief), rules: rules)
            #expect(report.problems.isEmpty, "\(report.problems.map(\.message))")
            failed = failed || report.failures.contains { $0.rule.id == "ZZ001" }
        }
        #expect(failed == !c.found.isEmpty, "the engine \(failed ? "failed" : "did not fail") on a brief without the fields")
    }

    /// Loading skips the built-in rules (see `RuleSet.warnings`): this test is what keeps them clean.
    @Test func theBuiltInRulesGuardEveryRead() {
        let rules = EngineTests.rules
        let reads = rules.rules.flatMap { UnguardedReads.find(in: $0, schema: rules.schema, declarations: rules.declarations).map(\.path) }
        #expect(reads == [])
        for brief in [Self.bare, Self.partial] {
            let report = BriefChecker.check(file: SourceFile(path: "case.brief.toml", text: brief), rules: EngineTests.rules)
            #expect(report.failures.map(\.message) == [])
        }
    }
}
