import AccordCore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Accord in CI: the SARIF, JUnit and GitHub formats, several reports in one run, the project
/// config, suppressions in briefs, and baselines.
@Suite struct CIFormatTests {
    static func json(_ text: String) throws -> Value {
        try JSONReader.parse(SourceFile(path: "report.json", text: text)).root
    }

    static let sarifSchemaPath = CLI.conformance + "/sarif/sarif-schema-2.1.0.json"

    /// The SARIF schema (Tests/Conformance/sarif); nil when it cannot be read, and the tests that need it fail saying where they looked.
    static let sarifSchema: JSONSchema? = {
        guard let file = try? SourceFile.read(path: sarifSchemaPath), let root = try? JSONReader.parse(file).root else { return nil }
        return JSONSchema(root)
    }()

    static func schema() throws -> JSONSchema {
        try #require(sarifSchema, "no SARIF schema at \(sarifSchemaPath)")
    }

    /// Every registered format has a reference file for the whole of Samples: `all.<identifier>`, with
    /// its first file extension after it when that differs (`.txt` when it has none).
    @Test func eachFormatMatchesItsReferenceFile() {
        for type in ReportFormats.all {
            let format = type.identifier
            let ext = type.fileExtensions.first ?? "txt"
            let name = "all." + format + (ext == format ? "" : "." + ext)
            let run = CLI.run(["check", "--format", format, "Samples"])
            #expect(run.status == 1)
            Golden.check(run.stdout, against: "Samples/reports/" + name)
        }
    }

    @Test func sarifValidatesAgainstTheSchemaAndCarriesWhatCodeScanningNeeds() throws {
        let run = CLI.run(["check", "--format", "sarif", "Samples"])
        let sarif = try Self.json(run.stdout)
        #expect(try Self.schema().validate(sarif) == [])
        guard case .map(let root) = sarif, case .list(let runs)? = root["runs"], case .map(let first)? = runs.items.first else {
            Issue.record("no run")
            return
        }
        let driver = first["tool"]?["driver"]
        guard case .string(let name)? = driver?["name"] else {
            Issue.record("no driver name")
            return
        }
        #expect(name == "Accord")
        #expect(driver?["version"] != nil)
        guard case .list(let rules)? = driver?["rules"], case .list(let results)? = first["results"] else {
            Issue.record("no rules or results")
            return
        }
        #expect(rules.count >= 50)
        for rule in rules.items {
            for key in ["id", "shortDescription", "fullDescription", "help", "defaultConfiguration"] {
                #expect(rule[key] != nil, "a rule descriptor lacks \(key)")
            }
            #expect(rule["help"]?["text"] != nil && rule["help"]?["markdown"] != nil)
            #expect(rule["defaultConfiguration"]?["level"] != nil)
        }
        #expect(results.count == 47)
        for result in results.items {
            #expect(result["ruleId"] != nil && result["level"] != nil && result["message"]?["text"] != nil)
            let location = result["locations"]?[0]?["physicalLocation"]
            guard case .string(let uri)? = location?["artifactLocation"]?["uri"] else {
                Issue.record("a result has no uri")
                continue
            }
            #expect(uri.hasPrefix("Samples/"), "repository-relative: \(uri)")
            #expect(location?["region"]?["startLine"] != nil && location?["region"]?["startColumn"] != nil)
            #expect(result["partialFingerprints"]?["accordFinding/v1"] != nil)
        }
    }

    @Test func theSchemaValidatorCatchesWhatIsWrong() throws {
        let bad = try Self.json(#"{"version": "2.0.0", "runs": [{"tool": {"driver": {}}, "results": [{"level": "fatal", "message": {}}]}]}"#)
        let errors = try Self.schema().validate(bad)
        #expect(errors.contains { $0.contains("$.version") })
        #expect(errors.contains { $0.contains("'name' is missing") })
        #expect(errors.contains { $0.contains("level") })
    }

    @Test func fingerprintsSurviveEditsElsewhereInTheBrief() throws {
        let dir = CLI.scratch()
        let original = try String(contentsOfFile: CLI.packageRoot + "/Samples/aurora.brief.toml", encoding: .utf8)
        CLI.write(original, to: dir + "/a.brief.toml")
        let before = CLI.run(["check", "--format", "sarif", dir + "/a.brief.toml"]).stdout
        CLI.write("# A note at the top\n# and another line\n" + original, to: dir + "/a.brief.toml")
        let after = CLI.run(["check", "--format", "sarif", dir + "/a.brief.toml"]).stdout
        func prints(_ text: String) -> [String] {
            text.split(separator: "\n").filter { $0.contains("accordFinding/v1") }.map { line in
                String(line.split(separator: "\"accordFinding/v1\": ").last ?? "")
            }
        }
        #expect(!prints(before).isEmpty)
        #expect(prints(before) == prints(after))
        #expect(before.contains("\"startLine\": 26") && after.contains("\"startLine\": 28"))
    }

    @Test func junitHasASuitePerBriefAndAFailurePerFailingRule() throws {
        let run = CLI.run(["check", "--format", "junit", "Samples/aurora.brief.toml", "Samples/well-aligned.brief.toml"])
        let data = Data(run.stdout.utf8)
        let doc = try XMLDocument(data: data)
        let suites = try doc.nodes(forXPath: "/testsuites/testsuite")
        #expect(suites.count == 2)
        let failures = try doc.nodes(forXPath: "/testsuites/testsuite[1]/testcase/failure")
        #expect(failures.count == 5)  // aurora's five errors, at the default --fail-on error
        let warnings = CLI.run(["check", "--format", "junit", "--fail-on", "warning", "Samples/aurora.brief.toml"])
        #expect(try XMLDocument(data: Data(warnings.stdout.utf8)).nodes(forXPath: "//failure").count == 19)
        let cases = try doc.nodes(forXPath: "/testsuites/testsuite[2]/testcase")
        #expect(cases.count >= 50)
        #expect(try doc.nodes(forXPath: "/testsuites/testsuite[2]//failure").isEmpty)
    }

    @Test func githubAnnotationsAreEscaped() {
        let dir = CLI.scratch()
        CLI.write("""
            [campaign]
            name = "50%, off: now\\nand more"
            [brand]
            name = "B"
            [[creators]]
            name = "C"
            """, to: dir + "/x,y.brief.toml")
        let run = CLI.run(["check", "--format", "github", dir + "/x,y.brief.toml"])
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("::error file=") && $0.contains("x%2Cy.brief.toml") })
        #expect(lines.contains { $0.contains("50%25, off: now%0Aand more") })
        #expect(lines.allSatisfy { $0.hasPrefix("::") || $0.hasPrefix("Checked ") })
    }

    @Test func severalReportsInOneRun() throws {
        let dir = CLI.scratch()
        let run = CLI.run(["check", "--format", "json", "--output", dir + "/r.json", "--format", "sarif", "--output", dir + "/r.sarif",
                           "--output", dir + "/r.xml", "--format", "text", "Samples/aurora.brief.toml"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("Checked 1 brief"))  // the one without a file goes to standard output
        let json = try String(contentsOfFile: dir + "/r.json", encoding: .utf8)
        #expect(json.contains("\"verdict\": \"do-not-proceed\""))
        let sarif = try String(contentsOfFile: dir + "/r.sarif", encoding: .utf8)
        #expect(sarif.contains("\"version\": \"2.1.0\""))
        let xml = try String(contentsOfFile: dir + "/r.xml", encoding: .utf8)
        #expect(xml.hasPrefix("<?xml"))
        #expect(CLI.run(["check", "--format", "json", "--format", "sarif", "Samples"]).status == 2)
        #expect(CLI.run(["check", "--output", dir + "/r.pdf", "Samples"]).status == 2)
        #expect(CLI.run(["check", "--format", "json", "--output", "/no/such/folder/r.json", "Samples"]).status == 2)
    }
}

@Suite struct ProjectConfigTests {
    /// A scratch repository with the given config and a copy of two samples.
    static func repository(_ config: String?) throws -> String {
        let dir = CLI.scratch()
        try FileManager.default.createDirectory(atPath: dir + "/.git", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/briefs/legacy", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CLI.packageRoot + "/Samples/aurora.brief.toml", toPath: dir + "/briefs/aurora.brief.toml")
        try FileManager.default.copyItem(atPath: CLI.packageRoot + "/Samples/launch-vs-breathe.brief.toml",
                                         toPath: dir + "/briefs/legacy/launch.brief.toml")
        if let config { CLI.write(config, to: dir + "/.accord.toml") }
        return dir
    }

    @Test func theConfigIsFoundFromTheWorkingFolderUpward() throws {
        let dir = try Self.repository("fail-on = \"warning\"\n")
        #expect(CLI.run(["check", "legacy"], cwd: dir + "/briefs").status == 1)
        #expect(CLI.run(["check", "--no-config", "legacy"], cwd: dir + "/briefs").status == 0)
        #expect(CLI.run(["check", "--fail-on", "error", "legacy"], cwd: dir + "/briefs").status == 0)  // the command line wins
    }

    @Test func overridesApplyToPathsMatchingTheirGlobs() throws {
        let dir = try Self.repository("""
            fail-on = "warning"
            disable = ["MK004"]
            [severity]
            MK005 = "info"
            [[overrides]]
            paths = ["briefs/legacy/**"]
            fail-on = "none"
            """)
        #expect(CLI.run(["check", "briefs/legacy"], cwd: dir).status == 0)
        let aurora = CLI.run(["check", "--format", "json", "briefs/aurora.brief.toml"], cwd: dir)
        #expect(aurora.status == 1)
        #expect(!aurora.stdout.contains("\"rule\": \"MK004\""))
        #expect(aurora.stdout.contains("{\"rule\": \"MK005\", \"category\": \"market\", \"severity\": \"info\""))
    }

    @Test func unknownKeysAndValuesAreErrorsWithTheNearestKnownOne() throws {
        let dir = try Self.repository("""
            min-scor = 50
            [severity]
            MK005 = "inf"
            """)
        let run = CLI.run(["check", "briefs"], cwd: dir)
        #expect(run.status == 2)
        #expect(run.stderr.contains(".accord.toml:1:1: error: unknown key 'min-scor' in .accord.toml; did you mean 'min-score'?"))
        #expect(run.stderr.contains("did you mean 'info'?"))
        #expect(run.stdout.isEmpty)
    }

    @Test func ruleIdsNoPackHasAreWarnedAbout() throws {
        let dir = try Self.repository("disable = [\"MK04\"]\n")
        let run = CLI.run(["check", "briefs/legacy"], cwd: dir)
        #expect(run.status == 0)
        #expect(run.stderr.contains("no rule has the id 'MK04'; did you mean 'MK004'?"))
    }

    @Test func globs() {
        #expect(Glob("briefs/**").matches("briefs/a/b.brief.toml"))
        #expect(Glob("briefs/**/*.brief.toml").matches("briefs/x.brief.toml"))
        #expect(Glob("briefs/*.brief.toml").matches("briefs/x.brief.toml"))
        #expect(!Glob("briefs/*.brief.toml").matches("briefs/old/x.brief.toml"))
        #expect(Glob("**/legacy/*").matches("a/b/legacy/c.toml"))
        #expect(Glob("b?iefs/[a-c]*.toml").matches("briefs/aurora.toml"))
        #expect(!Glob("b?iefs/[!a-c]*.toml").matches("briefs/aurora.toml"))
        #expect(Glob("./briefs/x.toml").matches("briefs/x.toml"))
        #expect(!Glob("briefs").matches("briefs/x.toml"))
        // No exponential backtracking.
        #expect(!Glob(String(repeating: "**/", count: 30) + "x").matches(String(repeating: "a/", count: 40) + "y"))
    }
}

@Suite struct SuppressionTests {
    static func brief(replacing: [(String, String)]) throws -> String {
        var text = try String(contentsOfFile: CLI.packageRoot + "/Samples/russia-new-year.brief.toml", encoding: .utf8)
        for (old, new) in replacing {
            #expect(text.contains(old))
            text = text.replacingOccurrences(of: old, with: new)
        }
        let dir = CLI.scratch()
        CLI.write(text, to: dir + "/ny.brief.toml")
        return dir + "/ny.brief.toml"
    }

    @Test func sarifNamesAFileOutsideTheRootByItsAbsoluteURIWithNoBaseId() throws {
        let folder = CLI.scratch()
        CLI.write(try CLI.sample("aurora"), to: folder + "/outside.brief.toml")
        let sarif = CLI.run(["check", "--format", "sarif", folder + "/outside.brief.toml"]).stdout
        #expect(sarif.contains("{\"uri\": \"file://\(folder)/outside.brief.toml\"}, \"region\""))
        #expect(!sarif.contains("outside.brief.toml\", \"uriBaseId\""))
        let inside = CLI.run(["check", "--format", "sarif", "Samples/aurora.brief.toml"]).stdout
        #expect(inside.contains("{\"uri\": \"Samples/aurora.brief.toml\", \"uriBaseId\": \"%SRCROOT%\"}"))
    }

    @Test func suppressionsWithReasonsCoverTheirLineAndStayInTheReport() throws {
        let path = try Self.brief(replacing: [
            ("media_buy = 2027-01-06\n", "media_buy = 2027-01-06  # accord-ignore TL010: the promotion runs on autopilot\n"),
            ("launch = 2027-01-05\n", "# accord-ignore TL010: the launch team works through the holidays\nlaunch = 2027-01-05\n"),
            ("[compliance]\n", "# accord-ignore-file MK002, MK001: the legal team signed off on 2 December\n[compliance]\n"),
        ])
        let run = CLI.run(["check", "--format", "json", path])
        #expect(run.status == 0)  // every error is suppressed
        #expect(run.stdout.contains("\"suppressed\": {\"reason\": \"the launch team works through the holidays\", \"kind\": \"inSource\", \"line\": 77}"))
        #expect(run.stdout.contains("\"suppressed\": 4"))
        #expect(run.stdout.contains("\"notices\": 0"))
        // SARIF for GitHub leaves them out (code scanning would open an alert for each); with
        // --show-suppressed they are there with their justification.
        let sarif = CLI.run(["check", "--format", "sarif", path]).stdout
        #expect(!sarif.contains("\"suppressions\"") && !sarif.contains("\"ruleId\": \"TL010\""))
        let all = CLI.run(["check", "--format", "sarif", "--show-suppressed", path]).stdout
        #expect(all.contains("\"suppressions\": [{\"kind\": \"inSource\", \"justification\": \"the promotion runs on autopilot\""))
        let text = CLI.run(["check", path]).stdout
        #expect(text.contains("4 suppressed"))
        #expect(!text.contains("[TL010]"))
    }

    @Test func aSuppressionWithoutAReasonAnUnknownRuleOrNothingToCoverIsReported() throws {
        let path = try Self.brief(replacing: [
            ("ad_label = \"#ad\"\n", "ad_label = \"#ad\"  # accord-ignore MK002\n"),
            ("launch = 2027-01-05\n", "launch = 2027-01-05  # accord-ignore TL999: typo\n"),
            ("name = \"Polar Coffee\"\n", "name = \"Polar Coffee\"  # accord-ignore GL001: nothing here\n"),
        ])
        let run = CLI.run(["check", path])
        #expect(run.status == 1)  // MK002 stays: its suppression has no reason
        #expect(run.stdout.contains("warning: this suppression gives no reason, so it is not applied"))
        #expect(run.stdout.contains("accord-ignore names 'TL999', which is not a rule; did you mean 'TL009'?"))
        #expect(run.stdout.contains("the suppression of GL001 covers no finding on line 16"))
        #expect(run.stdout.contains("3 suppression notices"))
        #expect(run.stdout.contains("[MK002]"))
    }
}

@Suite struct BaselineTests {
    @Test func aBaselineReportsOnlyNewFindingsAndWhatNoLongerOccurs() throws {
        let repo = try ProjectConfigTests.repository(nil)
        let write = CLI.run(["check", "--write-baseline", "baseline.json", "briefs"], cwd: repo)
        #expect(write.status == 1)
        #expect(write.stderr.contains("wrote 21 findings to the baseline baseline.json"))
        let baseline = try String(contentsOfFile: repo + "/baseline.json", encoding: .utf8)
        #expect(baseline.contains("{\"file\": \"briefs/aurora.brief.toml\", \"rule\": \"GL001\", \"path\": \"creators[0].goals\"}"))
        #expect(!baseline.contains(repo))  // repository-relative, the same on every machine
        let lines = baseline.split(separator: "\n").filter { $0.contains("\"file\"") }
        #expect(lines == lines.sorted())

        let same = CLI.run(["check", "--baseline", "baseline.json", "briefs"], cwd: repo)
        #expect(same.status == 0)
        #expect(same.stdout.contains("21 known findings not shown."))

        // A new misalignment, and one that was resolved.
        var aurora = try String(contentsOfFile: repo + "/briefs/aurora.brief.toml", encoding: .utf8)
        aurora = aurora.replacingOccurrences(of: "prep_days = 21", with: "prep_days = 5")
            .replacingOccurrences(of: "meeting_minutes = 45", with: "meeting_minutes = 20")
        CLI.write(aurora, to: repo + "/briefs/aurora.brief.toml")
        let changed = CLI.run(["check", "--baseline", "baseline.json", "--format", "json", "briefs"], cwd: repo)
        #expect(changed.status == 0)  // the new finding is a warning
        #expect(changed.stdout.contains("\"rule\": \"PR006\""))
        #expect(changed.stdout.contains("\"baseline\": \"new\""))
        #expect(changed.stdout.contains("\"absent\": [{\"file\": \"briefs/aurora.brief.toml\", \"rule\": \"TL004\", \"path\": \"creators[0].prep_days\"}]"))
        let text = CLI.run(["check", "--baseline", "baseline.json", "briefs"], cwd: repo)
        #expect(text.stdout.contains("1 no longer occurs:\n  briefs/aurora.brief.toml TL004 creators[0].prep_days"))
    }

    @Test func aBaselineThatIsNotOneIsAnError() {
        let dir = CLI.scratch()
        CLI.write("{\"findings\": [{\"file\": 1}]}", to: dir + "/b.json")
        let run = CLI.run(["check", "--baseline", dir + "/b.json", "Samples"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("b.json:1:15: error: each finding of a baseline has \"file\", \"rule\" and \"path\" as text"))
    }
}
