import AccordCore
import Foundation
import Testing

/// `accord rules list|explain|test|lint`, translations, and packs written to do harm.
@Suite struct RulesCommandTests {
    /// A pack folder with the given files, in a scratch folder.
    static func pack(_ files: [String: String]) -> String {
        let dir = CLI.scratch() + "/pack"
        for (name, text) in files {
            let path = dir + "/" + name
            try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            CLI.write(text, to: path)
        }
        return dir
    }

    static let goodRule = """
        rule ZZ001 "The brand gives no reason for its goals"
          category goals
          severity warning
          weight   5
          when     has(brand.goals) && !has(brand.why)
          about    brand.why
          message  "{brand.name} gives no reason for {brand.goals}."
            ru     "{brand.name} не объясняет, зачем {brand.goals}."
          ask brand "Why do you want {brand.goals}?"
            ru      "Зачем вам {brand.goals}?"
          fires on \"\"\"
            remove = ["brand.why"]
            \"\"\" at brand.why
          quiet on \"\"\"
            [brand]
            why = "Because."
            \"\"\"
        """

    /// The rules commands see the packs `check` uses: those the project config names.
    @Test func theProjectConfigsPacksAreListedTestedAndLinted() throws {
        let pack = Self.pack(["pack.toml": "name = \"acme\"\n", "rules/acme.rules": Self.goodRule])
        let project = CLI.scratch()
        CLI.write("rules = [\"\(pack)\"]\n", to: project + "/.accord.toml")
        let listed = CLI.run(["rules", "list"], cwd: project)
        #expect(listed.status == 0)
        #expect(listed.stdout.contains("ZZ001"))
        #expect(!CLI.run(["rules", "list", "--no-config"], cwd: project).stdout.contains("ZZ001"))
        #expect(CLI.run(["rules", "list", "--config", project + "/.accord.toml"]).stdout.contains("ZZ001"))
        let tested = CLI.run(["rules", "test", "ZZ001"], cwd: project)
        #expect(tested.status == 0, "\(tested.stdout)\(tested.stderr)")
        #expect(tested.stdout.contains("2 passed, 0 failed (1 rule)"))
        #expect(CLI.run(["rules", "explain", "ZZ001"], cwd: project).status == 0)
    }

    @Test func listShowsEveryRuleAndFilters() throws {
        let all = CLI.run(["rules", "list"])
        #expect(all.status == 0)
        #expect(all.stdout.hasPrefix("ID "))
        #expect(all.stdout.split(separator: "\n").count == 75)  // a header and the 74 built-in rules
        let timeline = CLI.run(["rules", "list", "--category", "timeline"])
        #expect(timeline.stdout.split(separator: "\n").dropFirst().allSatisfy { $0.contains(" timeline ") })
        let typo = CLI.run(["rules", "list", "--category", "timelines"])
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("did you mean 'timeline'?"))
        let json = CLI.run(["rules", "list", "--format", "json", "--pack", "core"])
        let parsed = try JSONReader.parse(SourceFile(path: "list.json", text: json.stdout)).root
        guard case .list(let rules) = parsed else {
            Issue.record("not a list")
            return
        }
        #expect(rules.count == 74)
    }

    @Test func explainSaysWhatWhyWhomAndWhereFrom() {
        let run = CLI.run(["rules", "explain", "TL010"])
        #expect(run.status == 0)
        for heading in ["What it finds", "Why it matters", "What to do", "Questions", "Examples", "Sources"] {
            #expect(run.stdout.contains("\n\(heading)\n"), "\(heading)")
        }
        #expect(run.stdout.contains("Data it reads: Rules/core/data/calendar.toml"))
        #expect(run.stdout.contains("For example: \""))
        let russian = CLI.run(["rules", "explain", "--lang", "ru", "TL004"])
        #expect(russian.stdout.contains("For example: \"Jess Makes нужно 21 дн."))
        let unknown = CLI.run(["rules", "explain", "TL04"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("did you mean 'TL004'?"))
    }

    @Test func testRunsTheExamplesLikeATestRunner() {
        let builtIn = CLI.run(["rules", "test"])
        #expect(builtIn.status == 0)
        #expect(builtIn.stdout.contains(" passed, 0 failed (74 rules)"))
        let good = Self.pack(["rules.rules": Self.goodRule])
        let one = CLI.run(["rules", "test", good])
        #expect(one.status == 0)
        #expect(one.stdout == "2 passed, 0 failed (1 rule)\n")
        let failing = Self.pack(["rules.rules": Self.goodRule.replacingOccurrences(of: "at brand.why", with: "at brand.goals")])
        let run = CLI.run(["rules", "test", "--rules", failing, "ZZ001"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("FAIL ZZ001 "))
        #expect(run.stdout.contains("rules.rules:11: fires on: expected a finding at brand.goals, but it fired at brand.why"))
        #expect(run.stdout.contains("1 passed, 1 failed"))
    }

    @Test func coverageSaysWhichRulesFireOnTheSamples() {
        let run = CLI.run(["rules", "test", "--coverage"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("GL001   "))
        #expect(run.stdout.contains("aurora.brief.toml"))
        #expect(run.stdout.contains("Never fired on a sample: "))
        #expect(run.stdout.contains("rules (") && run.stdout.contains("%) fire on at least one of 10 sample briefs (check-in rules on the results beside them)."))
        #expect(run.stdout.contains("CI004 ") && run.stdout.split(separator: "\n").contains { $0.hasPrefix("CI004 ") && $0.contains("two-dashboards.brief.json") })
        #expect(CLI.run(["rules", "test", "--min-coverage", "50"]).status == 0)
        let strict = CLI.run(["rules", "test", "--min-coverage", "95%"])
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("is below the minimum of 95%"))
    }

    @Test func lintFindsWhatMakesARuleHardToTrust() {
        #expect(CLI.run(["rules", "lint"]).stdout.hasSuffix("74 rules checked: no problems\n"))
        let pack = Self.pack([
            "rules.rules": """
                rule XX001 "Paid media without a reason"
                  category timeline
                  severity warning
                  when     has(timeline.media_buy)
                  about    timeline.media_buy
                  message  "Paid media starts {timeline.media_buy} because {timeline.media_buy_why}."
                    ru     "Продвижение {timeline.media_buy}."
                  ask brand "Why then?"
                  fires on \"\"\"
                    [timeline]
                    media_buy = 2026-03-31
                    \"\"\" at timeline.media_buy

                rule XX002 "Nothing asked"
                  category goals
                  severity info
                  when     false
                  about    brand.why
                  message  "never"
                """,
            "data/unused.toml": "a = 1\n",
        ])
        let run = CLI.run(["rules", "lint", pack])
        #expect(run.status == 1)
        for expected in ["rule XX001 has no example it stays quiet on",
                         "timeline.media_buy_why may be missing from a brief, and nothing in XX001 checks it",
                         "a question of XX001 has no translations into de, es, fr, ja, pt, ru, zh; it will be asked in English",
                         "the message of XX001 has no translations into de, es, fr, ja, pt, zh; it will be shown in English",
                         "rule XX002 asks nobody anything", "rule XX002 has no example it fires on",
                         "the message of XX002 has no translations into de, es, fr, ja, pt, ru, zh", "no rule reads", "data/unused.toml (data.unused)"] {
            #expect(run.stderr.contains(expected), "\(expected)")
        }
        #expect(run.stderr.contains("rules.rules:6:"))
        #expect(run.stdout.contains("2 rules checked: 9 problems"))
    }

    @Test func aMissingTranslationFallsBackToEnglish() {
        let english = Self.goodRule.replacingOccurrences(of: "    ru     \"{brand.name} не объясняет, зачем {brand.goals}.\"\n", with: "")
        let pack = Self.pack(["rules.rules": english])
        let dir = CLI.scratch()
        let brief = (try? String(contentsOfFile: CLI.packageRoot + "/Samples/well-aligned.brief.toml", encoding: .utf8)) ?? ""
        CLI.write(brief.replacingOccurrences(of: "why = \"Retail buyers list products that already sell online\"\n", with: ""), to: dir + "/b.brief.toml")
        let run = CLI.run(["check", "--lang", "ru", "--rules", pack, dir + "/b.brief.toml"])
        #expect(run.stdout.contains("Fernway Foods gives no reason for"))
    }

    @Test func lintExpectsTheLanguagesAPackSpeaks() {
        let english = Self.goodRule
            .replacingOccurrences(of: "    ru     \"{brand.name} не объясняет, зачем {brand.goals}.\"\n", with: "")
            .replacingOccurrences(of: "    ru      \"Зачем вам {brand.goals}?\"\n", with: "")
        // Saying nothing, a pack is expected to speak the languages of the built-in rules.
        let silent = CLI.run(["rules", "lint", Self.pack(["rules.rules": english])])
        #expect(silent.status == 1)
        #expect(silent.stderr.contains("the message of ZZ001 has no translations into de, es, fr, ja, pt, ru, zh"))
        #expect(silent.stderr.contains("or name the languages the pack speaks in pack.toml: languages = [...]"))
        #expect(silent.stdout.contains("1 rule checked: 2 problems"))
        // A pack in English only says so.
        let englishOnly = CLI.run(["rules", "lint", Self.pack(["rules.rules": english, "pack.toml": "name = \"zz\"\nlanguages = []\n"])])
        #expect(englishOnly.status == 0)
        #expect(englishOnly.stdout == "1 rule checked: no problems\n")
        // A pack that names a language is held to it.
        let kazakh = CLI.run(["rules", "lint", Self.pack(["rules.rules": Self.goodRule, "pack.toml": "name = \"zz\"\nlanguages = [\"kk\"]\n"])])
        #expect(kazakh.status == 1)
        #expect(kazakh.stderr.contains("the message of ZZ001 has no 'kk' translation"))
        #expect(!kazakh.stderr.contains("'ru'"))
    }

    @Test func packFoldersThatAreNotThereAreErrors() {
        let lint = CLI.run(["rules", "lint", "no-such-pack"])
        #expect(lint.status == 2)
        #expect(lint.stderr.contains("no such folder: no-such-pack"))
        let test = CLI.run(["rules", "test", "packs/missing"])
        #expect(test.status == 2)
        #expect(test.stderr.contains("no such folder: packs/missing"))
        let file = CLI.run(["rules", "lint", CLI.packageRoot + "/README.md"])
        #expect(file.status == 2)
        #expect(file.stderr.contains("is not a folder: lint takes pack folders"))
    }

    @Test func unknownActionsAndMissingActions() {
        let typo = CLI.run(["rules", "tset"])
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("did you mean 'test'?"))
        #expect(CLI.run(["rules"]).status == 2)
        #expect(CLI.run(["rules", "test", "NOPE1"]).status == 2)
    }
}

/// Packs written to read what they should not, or to make Accord crash or hang: each ends in a
/// clean message or a bounded failure.
@Suite struct HostilePackTests {
    static let brief = "Samples/well-aligned.brief.toml"

    static func rule(when: String, lets: String = "") -> String {
        """
        rule EV001 "Hostile"
          category goals
          severity warning
        \(lets)
          when     \(when)
          about    brand.name
          message  "m"
          ask brand "q?"
        """
    }

    @Test func aPackCannotReadFilesOutsideItsFolder() throws {
        let outside = CLI.scratch()
        CLI.write("secret = \"outside\"\n", to: outside + "/secret.toml")
        CLI.write("[campaign]\nname = \"x\"\n", to: outside + "/outside.brief.toml")
        let pack = RulesCommandTests.pack(["rules.rules": Self.rule(when: "true")])
        try FileManager.default.createDirectory(atPath: pack + "/data", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: pack + "/data/secret.toml", withDestinationPath: outside + "/secret.toml")
        let reading = RulesCommandTests.pack(["rules.rules": Self.rule(when: "data.secret.secret == 'outside'")])
        try FileManager.default.createDirectory(atPath: reading + "/data", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: reading + "/data/secret.toml", withDestinationPath: outside + "/secret.toml")
        let run = CLI.run(["check", "--rules", reading, Self.brief])
        #expect(run.status == 2)
        #expect(run.stderr.contains("no field 'secret' in data") || run.stderr.contains("unknown name"))
        // An example that names a brief outside the pack is not read either.
        let example = RulesCommandTests.pack(["rules.rules": Self.rule(when: "true") + "\n  fires on \"../../outside.brief.toml\"\n"])
        let test = CLI.run(["rules", "test", example])
        #expect(test.status == 1)
        #expect(test.stdout.contains("no example file '../../outside.brief.toml' in the pack"))
    }

    @Test func aRuleCannotRunAwayWithTime() throws {
        let range = "[" + (1...100).map(String.init).joined(separator: ", ") + "]"
        let pack = RulesCommandTests.pack(["rules.rules": Self.rule(when: "\(range).all(a, \(range).all(b, \(range).all(c, a + b + c > 0)))")])
        let start = Date()
        let run = try CLI.exec(["check", "--rules", pack, Self.brief], timeout: 60)
        #expect(Date().timeIntervalSince(start) < 30)
        #expect(run.status == 2)
        #expect(run.stdout.contains("rule EV001 failed on"))
        #expect(run.stdout.contains("exceeded its cost limit"))
    }

    @Test func aPathologicalPatternIsMatchedInLinearTime() throws {
        let pack = RulesCommandTests.pack(["rules.rules": Self.rule(when: "(brand.name + 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa').matches('^(a*)*(a|b)*(aa|a)*c$')")])
        let start = Date()
        let run = try CLI.exec(["check", "--rules", pack, Self.brief], timeout: 60)
        #expect(Date().timeIntervalSince(start) < 20)
        #expect(run.status == 0)
    }

    @Test func deeplyNestedOrEnormousRulesAreRefusedWithAPosition() throws {
        let deep = RulesCommandTests.pack(["rules.rules": Self.rule(when: String(repeating: "(", count: 20_000) + "true" + String(repeating: ")", count: 20_000))])
        let run = try CLI.exec(["rules", "test", deep], timeout: 60)
        #expect(run.status == 2)
        #expect(run.stderr.contains("rules.rules:5:"))
        #expect(run.stderr.contains("nested"))

        let long = RulesCommandTests.pack(["rules.rules": Self.rule(when: "'" + String(repeating: "x", count: 1_000_000) + "' == brand.name")])
        let longRun = try CLI.exec(["check", "--rules", long, Self.brief], timeout: 60)
        #expect(longRun.status == 2)
        #expect(longRun.stderr.contains("rules.rules:5:12: error: the expression is longer than 100000 characters"))
    }

    @Test func garbageInAPackEndsInMessages() throws {
        var bytes = [UInt8]()
        for i in 0..<20_000 { bytes.append(UInt8(truncatingIfNeeded: i &* 2_654_435_761 >> 13)) }
        let pack = CLI.scratch() + "/garbage"
        try FileManager.default.createDirectory(atPath: pack + "/data", withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: pack + "/noise.rules", contents: Data(bytes)))
        #expect(FileManager.default.createFile(atPath: pack + "/data/noise.toml", contents: Data(bytes)))
        #expect(FileManager.default.createFile(atPath: pack + "/pack.toml", contents: Data("name = [[[\n".utf8)))
        let run = try CLI.exec(["check", "--rules", pack, Self.brief], timeout: 60)
        #expect(run.status == 2)
        #expect(run.stderr.contains("noise.rules:1:"))
        #expect(run.stderr.contains("noise.toml:1:"))
        #expect(run.stderr.contains("pack.toml:1:"))
        #expect(run.stdout.isEmpty)
    }

    @Test func aRuleThatFailsOnEveryBriefDoesNotStopTheOthers() {
        let pack = RulesCommandTests.pack(["rules.rules": Self.rule(when: "timeline.launch.addDays(99999999) > timeline.launch")])
        let run = CLI.run(["check", "--format", "json", "--rules", pack, "Samples"])
        #expect(run.status == 2)
        #expect(run.stdout.contains("\"rule\": \"GL001\""))  // the built-in rules still ran
        #expect(run.stdout.contains("rule EV001 failed on Samples/aurora.brief.toml: date out of range"))
    }

    /// A read of a field a brief may lack, with no has(), is flagged when the pack loads (once, on
    /// standard error, whatever the format); the briefs without the field fail that rule, each on its
    /// own, and every brief is still checked by every other rule.
    @Test func anUnguardedReadIsFlaggedWhenThePackLoadsAndFailsOnlyTheBriefsWithoutIt() throws {
        let pack = RulesCommandTests.pack(["rules.rules": Self.rule(when: "size(agency.name) > 3")])
        let run = CLI.run(["check", "--format", "json", "--rules", pack, "Samples"])
        #expect(run.status == 2)
        let warning = "warning: agency.name may be missing from a brief, and nothing in EV001 checks it with has()"
        #expect(run.stderr.components(separatedBy: warning).count == 2, "\(run.stderr)")
        #expect(run.stderr.contains("rules.rules:5:"))
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let briefs = try #require(report["briefs"] as? [[String: Any]])
        #expect(briefs.count == 10)
        let failing = run.stderr.components(separatedBy: "rule EV001 failed on ").count - 1
        #expect(failing > 0 && failing < briefs.count)  // a sample with an agency is checked in full
        #expect(run.stdout.contains("\"rule\": \"GL001\""))
        for command in [["rules", "lint", pack], ["rules", "test", "--rules", pack]] {
            #expect(CLI.run(command).stderr.contains(warning), "\(command)")
        }
        #expect(CLI.run(["rules", "lint", pack]).status == 1)
        let guarded = RulesCommandTests.pack(["rules.rules": Self.rule(when: "has(agency.name) && size(agency.name) > 3")])
        let clean = CLI.run(["check", "--format", "json", "--rules", guarded, "Samples"])
        #expect(clean.status == 1 && !clean.stderr.contains("may be missing"), "\(clean.stderr)")
    }
}
