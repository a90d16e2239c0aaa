import Foundation
import Testing
@testable import AccordCore
import AccordTestSupport

/// The built-in rules, scoring, verdicts and questions, against the samples and synthetic findings.
@Suite struct EngineTests {
    static let rules: RuleSet = {
        do throws(DiagnosticList) { return try RuleSet.load(PackFiles.builtIn()) } catch { fatalError("the built-in rules do not load: \(error.diagnostics)") }
    }()

    @Test func aReplicaHasTheSameRulesAndSharesNoneOfThem() throws {
        let replica = Replicas(Self.rules).forWorker(1)
        #expect(replica !== Self.rules)
        #expect(replica.rules.map(\.id) == Self.rules.rules.map(\.id))
        #expect(replica.rules.map(\.order) == Self.rules.rules.map(\.order))
        #expect(zip(replica.rules, Self.rules.rules).allSatisfy { $0 !== $1 })
        guard case .map(let a) = replica.data, case .map(let b) = Self.rules.data else { Issue.record("data is not a table"); return }
        #expect(a !== b)
        #expect(PrintForm.string(replica.data, pretty: false) == PrintForm.string(Self.rules.data, pretty: false))
    }

    @Test func aPreparedReplicaIsTakenOnceThenReplicasAreLoadedAgain() {
        let replicas = Replicas(Self.rules)
        let rules = replicas.rules
        replicas.prepare()
        let prepared = replicas.forWorker(1)
        let loaded = replicas.forWorker(2)
        #expect(replicas.forWorker(0) === rules)
        #expect(prepared !== rules && loaded !== rules && prepared !== loaded)
        #expect(prepared.rules.map(\.id) == rules.rules.map(\.id))
        #expect(zip(prepared.rules, rules.rules).allSatisfy { $0 !== $1 })
    }

    static func check(_ sample: String) -> BriefReport {
        BriefChecker.check(path: Fixtures.packageRoot + "/Samples/" + sample, displayPath: sample, rules: rules)
    }

    static func brief(_ toml: String) throws -> BriefReport {
        BriefChecker.check(file: SourceFile(path: "test.brief.toml", text: toml), rules: rules)
    }

    /// A finding of `rule` with the given severity, as the engine would make it.
    static func finding(_ id: String, _ severity: Severity? = nil, questions: [FindingQuestion] = []) -> Finding {
        let rule = rules.rule(id)!
        return Finding(rule: rule, severity: severity ?? rule.severity, message: "m", path: "p", location: SourceLocation(line: 1, column: 1, offset: 0),
                       span: nil, questions: questions, element: nil)
    }

    // MARK: The built-in packs

    /// Every built-in rule has a test of its own for its examples (`RuleExampleCheck`), written by the
    /// BuiltinRules plugin from the rule files' `rule` lines: this checks that the two agree.
    @Test func everyBuiltInRuleHasItsOwnExampleTest() {
        #expect(Set(RuleExampleCheck.generatedIDs) == Set(Self.rules.rules.map(\.id)))
    }

    @Test func theBaseBriefOfTheExamplesIsClean() throws {
        let base = try SourceFile.read(path: Fixtures.packageRoot + "/Rules/core/examples/base.brief.toml")
        let report = BriefChecker.check(file: base, rules: Self.rules)
        #expect(report.isUsable)
        #expect(report.findings.map(\.rule.id) == [])
        #expect(report.failures.isEmpty)
        #expect(report.scores.overall == 100)
        #expect(report.verdict == .ready)
    }

    @Test func missingRequiredKeysAreReportedWhereTheyBelong() throws {
        let report = try Self.brief("[campaign]\nname = \"No brand\"\n[[creators]]\nmarket = \"US\"\n")
        let messages = report.problems.map(\.message)
        #expect(messages.contains("The brief has no 'brand', which is required"), "\(messages)")
        #expect(messages.contains("[creators] has no 'name', which is required"), "\(messages)")
        #expect(!messages.contains { $0.contains("'campaign'") })
    }

    /// Values that are already right pass validation as they are (a whole number for a number is
    /// read as a double); values of the wrong kind or out of range are reported, at the same
    /// boundaries as before the quick check per field: min and max included, NaN not reported.
    @Test func fieldValuesAreCheckedForKindAndRange() throws {
        let base = try String(contentsOfFile: Fixtures.packageRoot + "/Rules/core/examples/base.brief.toml", encoding: .utf8)
        func problems(_ replace: String, _ with: String) throws -> [String] {
            #expect(base.contains(replace))
            return try Self.brief(base.replacingOccurrences(of: replace, with: with)).problems.map(\.message)
        }
        #expect(try problems("budget = 40000", "budget = 0") == [])
        #expect(try problems("budget = 40000", "budget = -1") == ["campaign.budget must be at least 0, not -1"])
        #expect(try problems("budget = 40000", "budget = -0.5") == ["campaign.budget must be at least 0, not -0.5"])
        #expect(try problems("budget = 40000", "budget = nan") == [])
        #expect(try problems("budget = 40000", "budget = \"40000\"") == ["campaign.budget must be a number, not text"])
        #expect(try problems("followers = 84000", "followers = -3") == ["creators[0].followers must be at least 0, not -3"])
        #expect(try problems("followers = 84000", "followers = 84000.0") == ["creators[0].followers must be a whole number, not a number with a decimal point"])
        #expect(try problems("US = 0.78", "US = 1") == [])
        #expect(try problems("US = 0.78", "US = 1.5") == ["creators[0].audience_markets.US must be at most 1, not 1.5"])
        let present = try problems("present = true }", "present = \"yes\" }")
        #expect(!present.isEmpty && present.allSatisfy { $0.hasSuffix("present must be true or false, not text") }, "\(present)")
        #expect(try problems("name = \"Example Brand\"", "name = 7") == ["brand.name must be text, not a whole number"])

        let report = try Self.brief(base)
        let brief = try #require(report.brief)
        guard case .map(let campaign)? = brief.root["campaign"] else { Issue.record("no campaign"); return }
        guard case .double(let budget)? = campaign["budget"] else { Issue.record("budget is not a double"); return }
        #expect(budget == 40000)
        guard case .map(let creator)? = brief.parties.last.map(Value.map), case .int(84000)? = creator["followers"] else {
            Issue.record("followers is not the whole number written"); return
        }
    }

    /// Findings name the table they are about by its path, in a small brief and in a large one.
    @Test(arguments: [3, 80])
    func tablesOfTheBriefAreFoundWithTheirPaths(creators: Int) throws {
        var toml = "[campaign]\nname = \"Tables\"\n[brand]\nname = \"B\"\n"
        for k in 0..<creators {
            toml += "[[creators]]\nid = \"c\(k)\"\nname = \"C\(k)\"\ndecision_maker = { name = \"D\(k)\" }\n"
        }
        let report = try Self.brief(toml)
        let brief = try #require(report.brief)
        guard case .list(let list)? = brief.root["creators"], case .map(let last)? = list.items.last,
              case .map(let maker)? = last["decision_maker"] else {
            Issue.record("no creators in the brief")
            return
        }
        let origin = try #require(brief.origin(of: maker))
        #expect(origin.path == "creators[\(creators - 1)].decision_maker")
        #expect(brief.file.location(at: origin.span.start).line == 4 * creators + 4)
        #expect(brief.origin(of: brief.root)?.path == "")
        if case .map(let brand)? = brief.root["brand"] { #expect(brief.origin(of: brand)?.path == "brand") }
        #expect(brief.origin(of: ValueMap.empty) == nil)
    }

    @Test func everyRuleHasQuestionsInEnglishAndRussian() {
        for rule in Self.rules.rules {
            #expect(rule.messageLanguages.contains("ru"), "\(rule.id) has no Russian message")
            #expect(!rule.questionLanguages.isEmpty, "\(rule.id) asks nobody anything")
            for languages in rule.questionLanguages {
                #expect(languages.contains("ru"), "a question of \(rule.id) has no Russian translation")
            }
        }
    }

    @Test func everyDiagnosticCategoryHasRules() {
        let categories = Set(Self.rules.rules.map(\.category))
        #expect(categories == Set(Category.allCases))
    }

    // MARK: Scores

    @Test func aBriefWithoutFindingsScoresAHundred() {
        let scores = Scores([])
        #expect(scores.overall == 100)
        #expect(Category.allCases.allSatisfy { scores.categories[$0] == 100 })
    }

    @Test func aFurtherFindingNeverRaisesAScore() {
        let findings = Self.check("aurora.brief.toml").findings
        #expect(findings.count >= 15)
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<200 {
            let subset = findings.shuffled(using: &generator).prefix(Int.random(in: 0..<findings.count, using: &generator))
            let before = Scores(Array(subset))
            let extra = findings.randomElement(using: &generator)!
            let after = Scores(Array(subset) + [extra])
            #expect(after.overall <= before.overall)
            for c in Category.allCases { #expect(after.categories[c] <= before.categories[c]) }
        }
    }

    @Test func eachCategoryHasItsOwnScore() {
        #expect(Category.allCases.enumerated().allSatisfy { $0.offset == $0.element.position })
        let scores = Scores([Self.finding("TL004"), Self.finding("PR001")])
        for c in Category.allCases {
            let expected = c == .timeline || c == .process ? 100 - Int(Self.rules.rule(c == .timeline ? "TL004" : "PR001")!.weight) : 100
            #expect(scores.categories[c] == expected, "\(c)")
        }
    }

    @Test func scoresDoNotDependOnTheOrderOfFindings() {
        let findings = Self.check("aurora.brief.toml").findings
        let reversed = Scores(findings.reversed())
        let forward = Scores(findings)
        #expect(reversed.overall == forward.overall)
        #expect(reversed.categories == forward.categories)
    }

    @Test func infoFindingsAndSuppressedFindingsDoNotLowerScores() {
        #expect(Scores([Self.finding("MK004", .info)]).overall == 100)
        var suppressed = Self.finding("GL001")
        suppressed.suppression = Suppression(reason: "agreed", location: nil, kind: "inSource")
        #expect(Scores([suppressed]).overall == 100)
        #expect(Scores([Self.finding("GL001")]).overall < 100)
    }

    // MARK: Verdicts

    @Test func verdictsFollowTheAgencyRule() {
        #expect(Verdict([]) == .ready)
        #expect(Verdict([Self.finding("GL001", .error)]) == .doNotProceed)
        #expect(Verdict([Self.finding("TL004", .error)]) == .alignFirst)
        #expect(Verdict([Self.finding("MK001", .error)]) == .alignFirst)
        for id in ["GL003", "MT003", "TL002"] { #expect(Verdict([Self.finding(id, .warning)]) == .alignFirst, "\(id)") }
        // Warnings on market, audience and process, and info anywhere, leave a brief ready.
        for id in ["MK005", "AU001", "PR002"] { #expect(Verdict([Self.finding(id, .warning)]) == .ready, "\(id)") }
        #expect(Verdict([Self.finding("GL001", .info)]) == .ready)
    }

    @Test func theSamplesCoverEveryVerdict() {
        #expect(Self.check("aurora.brief.toml").verdict == .doNotProceed)
        #expect(Self.check("well-aligned.brief.toml").verdict == .ready)
        #expect(Self.check("media-buy-vs-prep.brief.toml").verdict == .alignFirst)
    }

    // MARK: Questions

    @Test func questionsAreGroupedByPartyAskedOnceAndMostImportantFirst() {
        let q = { (to: String, text: String) in FindingQuestion(to: to, text: text, language: "en") }
        let findings = [
            Self.finding("MK005", .warning, questions: [q("jess", "same"), q("brand", "b1")]),
            Self.finding("GL001", .error, questions: [q("jess", "j1"), q("brand", "b2")]),
            Self.finding("TL002", .warning, questions: [q("jess", "same")]),
        ]
        let gathered = Questions.gather(findings, partyOrder: ["brand", "jess"])
        #expect(gathered.map(\.to) == ["brand", "brand", "jess", "jess"])
        #expect(gathered.map(\.text) == ["b2", "b1", "j1", "same"])
        #expect(gathered.last?.rules == ["MK005", "TL002"])
    }

    @Test func questionsAreInEachPartysLanguage() {
        let report = Self.check("aurora.brief.toml")
        let brand = report.questions.filter { $0.to == "brand" }
        let jess = report.questions.filter { $0.to == "jess" }
        #expect(!brand.isEmpty && brand.allSatisfy { $0.language == "ru" })
        #expect(!jess.isEmpty && jess.allSatisfy { $0.language == "en" })
        #expect(brand.first?.text.contains("Почему") == true)
    }

    // MARK: Findings

    @Test func findingsNameTheFieldAndItsPosition() {
        let report = Self.check("media-buy-vs-prep.brief.toml")
        let tl004 = report.findings.first { $0.rule.id == "TL004" }
        #expect(tl004?.path == "creators[0].prep_days")
        #expect(tl004?.location.line == 37)
        #expect(tl004?.message.contains("8 days from 3 September 2026 to 12 September 2026, not counting 1 day off in the United States") == true)
    }

    @Test func aMissingKeyPointsAtItsClosestParent() throws {
        let report = Self.check("aurora.brief.toml")
        let tl006 = try #require(report.findings.first { $0.rule.id == "TL006" })
        #expect(tl006.path == "timeline.media_buy_why")
        #expect(tl006.location.line == 51)  // the [timeline] header
    }

    /// A worker keeps its activation from one brief to the next (`EngineScratch`): what a brief is
    /// found to have does not depend on the briefs, or the rule set, checked with the same scratch before.
    @Test func aBriefFindsTheSameWhateverItsThreadCheckedBefore() throws {
        let pack = try HostilePacks.folder("""
            rule ZZ002 "Many lets, in slots the built-in rules use too"
              category goals
              severity info
              let a = brand.name + "-a"
              let b = [a, a + "-b", a + "-c"]
              let c = b.map(x, x + "-d").filter(x, size(x) > 0)
              when     size(c) > 100
              about    brand.name
              message  "never"
              ask brand "never?"
            """)
        let other = try RuleSet.load(PackFiles.builtIn() + [PackFiles.folder(pack)])
        let folder = Fixtures.packageRoot + "/Samples"
        let paths = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".brief.toml") }.sorted()
            .map { folder + "/" + $0 }
        func found(_ path: String, _ rules: RuleSet, _ scratch: EngineScratch? = nil) throws -> [String] {
            let file = try SourceFile.read(path: path)
            let report = BriefChecker.check(file: file, rules: rules, scratch: scratch)
            return report.findings.map { "\($0.rule.id) \($0.path) \($0.message) \($0.questions.map(\.text))" }
                + report.failures.map { "failed: \($0.rule.id) \($0.message)" }
        }
        // Each brief with nothing kept.
        let alone = try paths.map { try found($0, Self.rules) }
        #expect(alone.contains { !$0.isEmpty })
        // With one scratch, one after another, forward and back, with the other rule set in between.
        let scratch = EngineScratch()
        for k in paths.indices + paths.indices.reversed() {
            _ = try found(paths[(k + 1) % paths.count], other, scratch)
            #expect(try found(paths[k], Self.rules, scratch) == alone[k], "\(paths[k])")
        }
    }

    @Test func aRuleThatFailsWhileEvaluatingIsReportedNotIgnored() throws {
        let pack = try HostilePacks.folder("""
            rule ZZ001 "Divides by zero"
              category goals
              severity warning
              when     1 / (size(brand.name) - size(brand.name)) > 0
              about    brand.name
              message  "never"
              ask brand "never?"
            """)
        let rules = try RuleSet.load(PackFiles.builtIn() + [PackFiles.folder(pack)])
        let report = BriefChecker.check(path: Fixtures.packageRoot + "/Samples/well-aligned.brief.toml", rules: rules)
        #expect(report.failures.count == 1)
        let failure = try #require(report.failures.first)
        #expect(failure.rule.id == "ZZ001")
        #expect(failure.message.contains("division by zero"))
        let rendered = TextDiagnosticRenderer().render(failure.diagnostic)
        #expect(rendered.contains("rules.rules:4:"))
        #expect(CheckTotals([report], ReportContext(rules: rules)).exitStatus == 2)
    }
}

/// Rule packs written by tests into scratch folders.
enum HostilePacks {
    /// A pack folder with one rules file, `rules.rules`, and any other files given.
    static func folder(_ rules: String, files: [String: String] = [:]) throws -> String {
        let dir = NSTemporaryDirectory() + "accord-pack-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try rules.write(toFile: dir + "/rules.rules", atomically: true, encoding: .utf8)
        for (name, text) in files {
            let path = dir + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return dir
    }
}

/// Work spread over threads: every result arrives once, in index order, whatever the thread count
/// and however uneven the work.
@Suite struct ParallelTests {
    @Test(arguments: [(0, 2), (1, 1), (3, 2), (50, 3), (5000, 2), (5000, 1)])
    func resultsArriveOnceAndInOrder(count: Int, threads: Int) {
        var seen: [Int] = []
        Parallel.stream(count, threads: threads, produce: { i -> Int in
            // Uneven work, so that later indexes often finish first.
            var x = i
            for _ in 0..<((i * 7919) % 97) * 50 { x = (x &* 31) &+ 7 }
            return i * 2 + (x == Int.min ? 1 : 0)
        }, consume: { i, value in
            #expect(value == i * 2)
            seen.append(i)
        })
        #expect(seen == Array(0..<count))
    }

    /// Workers take batches of at most `Parallel.batch` indexes, smaller as the work runs out (a
    /// quarter of what is left for each worker), down to one: every index once, in order.
    @Test(arguments: [(10_000, 2), (1_000, 4), (7, 2), (1, 1)])
    func batchesShrinkAsTheWorkRunsOut(count: Int, workers: Int) {
        let queue = Parallel.OrderedResults<Int>(count: count, window: count + 1, workers: workers)
        var sizes: [Int] = []
        var next = 0
        while let range = queue.take() {
            #expect(range.lowerBound == next)
            next = range.upperBound
            sizes.append(range.count)
        }
        #expect(next == count)
        #expect(sizes.allSatisfy { $0 >= 1 && $0 <= Parallel.batch })
        #expect(zip(sizes, sizes.dropFirst()).allSatisfy { $0 >= $1 })
        #expect(sizes.last == 1)
        #expect(sizes.first == min(Parallel.batch, max(1, count / (workers * 4))))
    }

    @Test func eachWorkerMakesItsProducerOnceOnItsOwnThread() {
        // Which worker made each producer, and on which thread each producer ran.
        let made = Locked<[Int]>([])
        let ranOn = Locked<[Int: Set<ObjectIdentifier>]>([:])
        var results: [Int] = []
        Parallel.stream(400, threads: 3, worker: { k in
            made.write { $0.append(k) }
            return { i in
                ranOn.write { $0[k, default: []].insert(ObjectIdentifier(Thread.current)) }
                return i + 1
            }
        }, consume: { _, value in results.append(value) })
        let workers = made.read { $0 }
        #expect(!workers.isEmpty)
        #expect(Set(workers).count == workers.count)
        #expect(workers.allSatisfy { (0..<3).contains($0) })
        #expect(ranOn.read { $0.values.allSatisfy { $0.count == 1 } })
        #expect(Set(ranOn.read { $0.values.flatMap { $0 } }).count == ranOn.read { $0.count })
        #expect(results == Array(1...400))
    }
}

/// Runs one built-in rule's examples: it fires where it should, at the field given, and stays quiet
/// where it should; and it has at least one example of each.
enum RuleExampleCheck {
    static func run(_ id: String) throws {
        let rule = try #require(EngineTests.rules.rule(id), "no built-in rule has the id \(id)")
        let results = RuleExamples.run(EngineTests.rules, only: [id])
        for r in results where !r.passed {
            Issue.record("\(id) \(r.example.fires ? "fires on" : "quiet on") example at \(r.rule.file.path):\(r.rule.file.location(at: r.example.span.start).line): \(r.problem ?? "")")
        }
        #expect(rule.source.examples.contains { $0.fires }, "\(id) has no example it fires on")
        #expect(rule.source.examples.contains { !$0.fires }, "\(id) has no example it stays quiet on")
        #expect(results.count == rule.source.examples.count)
    }
}
