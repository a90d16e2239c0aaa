import AccordCore
import Foundation
import Testing

/// `accord checkin`: results against what was agreed, from the sample results and from results
/// written to break it.
@Suite struct CheckinCommandTests {
    /// The samples with results, and the reports kept for them.
    static let samples: [(brief: String, results: String)] = [
        ("well-aligned.brief.toml", "well-aligned.results.toml"),
        ("two-dashboards.brief.json", "two-dashboards.csv"),
        ("absent-decision-maker.brief.toml", "absent-decision-maker.results.json"),
    ]

    static func json(_ args: [String], status: Int32 = 0) throws -> [String: Any] {
        let run = CLI.run(args)
        #expect(run.status == status, "\(args): \(run.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        return try #require((root["briefs"] as? [[String: Any]])?.first)
    }

    static func metrics(_ brief: [String: Any]) -> [String: [String: Any]] {
        var byName: [String: [String: Any]] = [:]
        for m in brief["metrics"] as? [[String: Any]] ?? [] { byName[m["name"] as? String ?? ""] = m }
        return byName
    }

    static func rules(_ brief: [String: Any]) -> [String] {
        (brief["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
    }

    @Test(arguments: samples.map(\.brief))
    func theReportMatchesTheReviewedOne(_ brief: String) {
        let results = Self.samples.first { $0.brief == brief }!.results
        let stem = SampleReportTests.stem(brief.replacingOccurrences(of: ".brief.json", with: ".brief.toml"))
        for (format, ext) in [("text", "txt"), ("json", "json"), ("markdown", "md"), ("html", "html")] {
            let run = CLI.run(["checkin", "--format", format, "Samples/" + brief, "Samples/results/" + results])
            #expect(run.stderr == "", "\(brief) \(format): \(run.stderr)")
            #expect(run.status == 0)
            Golden.check(run.stdout, against: "Samples/reports/\(stem).checkin.\(ext)")
        }
    }

    @Test func everyAgreedMetricHasItsPaceAndStatus() throws {
        let brief = try Self.json(["checkin", "--format", "json", "Samples/well-aligned.brief.toml", "Samples/results/well-aligned.results.toml"])
        #expect(brief["asOf"] as? String == "2026-05-26")
        #expect((brief["categories"] as? [String: Int]).map { Array($0.keys) } == ["execution"])
        let metrics = Self.metrics(brief)
        #expect(metrics.count == 3)
        for m in metrics.values {
            for key in ["name", "threshold", "expected", "latest", "status", "readings"] { #expect(m.keys.contains(key), "\(key)") }
        }
        // 14 of 30 days of its window gone: 3,000 × 14/30 = 1,400 expected; 640 is behind.
        let buyers = try #require(metrics["First-time buyers"])
        #expect(buyers["expected"] as? Int == 1400)
        #expect(buyers["status"] as? String == "behind")
        #expect((buyers["latest"] as? [String: Any])?["value"] as? Int == 640)
        // The agreed source's reading is the latest one, though another dashboard read it a day later.
        let views = try #require(metrics["Views"])
        #expect((views["latest"] as? [String: Any])?["source"] as? String == "YouTube Studio")
        #expect(views["status"] as? String == "on-track")
        #expect((views["readings"] as? [Any])?.count == 2)
        #expect(Self.rules(brief).sorted() == ["CI001", "CI004", "CI005", "CI006", "CI009"])
        let deliverables = brief["deliverables"] as? [[String: Any]] ?? []
        #expect(deliverables.map { $0["delivered"] as? Int } == [1, 1])
        #expect((brief["unknownReadings"] as? [[String: Any]])?.first?["metric"] as? String == "Orders with Nora's code")
    }

    @Test func theDifferentDashboardsAreNamedWithBothValuesAndBothSources() throws {
        let brief = try Self.json(["checkin", "--format", "json", "Samples/two-dashboards.brief.json", "Samples/results/two-dashboards.csv"])
        let findings = brief["findings"] as? [[String: Any]] ?? []
        let dashboards = try #require(findings.first { $0["rule"] as? String == "CI004" })
        let message = try #require(dashboards["message"] as? String)
        for part in ["38,500", "Game analytics", "61,200", "AppsFlyer"] { #expect(message.contains(part), "\(part)") }
        // Both readers are asked, each about the other's number.
        let asked = Set((dashboards["questions"] as? [[String: Any]] ?? []).compactMap { $0["to"] as? String })
        #expect(asked == ["brand", "kai"])
        // The CSV has no as_of: the check-in is on its latest reading's day. Two metrics called
        // "Reach" are told apart by their sources.
        #expect(brief["asOf"] as? String == "2026-06-24")
        let reach = (brief["metrics"] as? [[String: Any]] ?? []).filter { $0["name"] as? String == "Reach" }
        #expect(reach.map { ($0["latest"] as? [String: Any])?["source"] as? String } == ["Google Ads", "YouTube Studio"])
    }

    @Test func questionsAreInEachPartysLanguageAndBuiltOnTheBriefsWhy() throws {
        let brief = try Self.json(["checkin", "--format", "json", "Samples/absent-decision-maker.brief.toml",
                                   "Samples/results/absent-decision-maker.results.json"])
        let questions = brief["questions"] as? [[String: Any]] ?? []
        let agency = try #require(questions.first { $0["to"] as? String == "agency" && ($0["rules"] as? [String]) == ["CI001"] })
        #expect(agency["language"] as? String == "ru")
        let text = try #require(agency["text"] as? String)
        #expect(text.contains("«Food writers notice what the city is reading»"))
        #expect(text.contains("VK Ads"))
        let english = try Self.json(["checkin", "--format", "json", "Samples/well-aligned.brief.toml", "Samples/results/well-aligned.results.toml"])
        let owner = (english["questions"] as? [[String: Any]] ?? []).first { ($0["rules"] as? [String])?.contains("CI001") == true }
        #expect((owner?["text"] as? String)?.contains("\"New customers are the business objective\"") == true)
    }

    @Test func beforeTheLaunchWithNoResultsEverythingIsNotStarted() throws {
        let brief = try Self.json(["checkin", "--format", "json", "--as-of", "2026-05-01", "Samples/well-aligned.brief.toml"])
        #expect(Self.metrics(brief).values.allSatisfy { $0["status"] as? String == "not-started" })
        #expect(Self.rules(brief).isEmpty)
        #expect(brief["verdict"] as? String == "ready")
        let empty = CLI.run(["checkin", "Samples/well-aligned.brief.toml"], onFile: "empty.results.toml", holding: "[checkin]\nas_of = 2026-05-01\n")
        #expect(empty.run.status == 0, "\(empty.run.stderr)")
        // After the launch with nothing in: no data, and nothing delivered is an error.
        let late = try Self.json(["checkin", "--format", "json", "--as-of", "2026-05-20", "Samples/well-aligned.brief.toml"], status: 1)
        #expect(Self.metrics(late).values.allSatisfy { $0["status"] as? String == "no-data" })
        #expect(Self.rules(late).contains("CI008") && Self.rules(late).contains("CI003"))
    }

    @Test func exitCodesFollowCheck() {
        let args = ["Samples/well-aligned.brief.toml", "Samples/results/well-aligned.results.toml"]
        #expect(CLI.run(["checkin"] + args).status == 0)
        #expect(CLI.run(["checkin", "--fail-on", "warning"] + args).status == 1)
        #expect(CLI.run(["checkin", "--min-score", "90"] + args).status == 1)
        #expect(CLI.run(["checkin", "Samples/well-aligned.brief.toml"]).status == 2)
        #expect(CLI.run(["checkin"]).status == 2)
        #expect(CLI.run(["checkin", "--as-of", "26/05/2026"] + args).status == 2)
        #expect(CLI.run(["checkin", "Samples/well-aligned.brief.toml", "no-such.csv"]).status == 2)
        #expect(CLI.run(["checkin", "Samples", "Samples/results/well-aligned.results.toml"]).status == 2)
    }

    @Test func ciFormatsCarryTheFindings() throws {
        let args = ["Samples/two-dashboards.brief.json", "Samples/results/two-dashboards.csv"]
        let sarif = CLI.run(["checkin", "--format", "sarif"] + args)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let results = run["results"] as? [[String: Any]] ?? []
        #expect(results.compactMap { $0["ruleId"] as? String }.sorted() == ["CI001", "CI004", "CI005"])
        let driver = (run["tool"] as? [String: Any])?["driver"] as? [String: Any]
        // The check-in's rules are described, not the brief's.
        let described = (driver?["rules"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(described.contains("CI004") && !described.contains("GL001"))
        let github = CLI.run(["checkin", "--format", "github"] + args)
        #expect(github.stdout.contains("::warning file=Samples/two-dashboards.brief.json"))
        let junit = CLI.run(["checkin", "--format", "junit"] + args)
        #expect(junit.stdout.contains("CI004"))
    }

    @Test func aFolderOfResultsIsMergedAndAReadingTwiceIsCountedOnce() throws {
        let folder = CLI.scratch()
        let csv = try String(contentsOfFile: CLI.packageRoot + "/Samples/results/two-dashboards.csv", encoding: .utf8)
        let lines = csv.split(separator: "\r\n").map(String.init)
        // Two exports that overlap by one line, and a file the folder walk must not read.
        CLI.write(lines[0..<30].joined(separator: "\n") + "\n", to: folder + "/first.csv")
        CLI.write(([lines[0]] + lines[29...]).joined(separator: "\n") + "\n", to: folder + "/second.csv")
        CLI.write("not results", to: folder + "/notes.txt")
        let run = CLI.run(["checkin", "--format", "json", "Samples/two-dashboards.brief.json", folder])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("note: ") && run.stderr.contains("is read twice with the same value"))
        let whole = CLI.run(["checkin", "--format", "json", "Samples/two-dashboards.brief.json", "Samples/results/two-dashboards.csv"])
        let merged = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let single = try #require(try JSONSerialization.jsonObject(with: Data(whole.stdout.utf8)) as? [String: Any])
        let readings = { (root: [String: Any]) -> Int in
            ((root["briefs"] as? [[String: Any]])?.first?["metrics"] as? [[String: Any]] ?? []).map { ($0["readings"] as? [Any])?.count ?? 0 }.reduce(0, +)
        }
        #expect(readings(merged) == readings(single))
        #expect(readings(single) == lines.count - 1)
    }

    /// Results that cannot be used: exit 2, each problem on stderr at its file, line and column.
    static let badResults: [(name: String, text: String, expect: [String])] = [
        ("text.results.toml", "[checkin]\nas_of = 2026-05-26\n[[readings]]\nmetric = \"Views\"\nvalue = \"410,000\"\n",
         ["text.results.toml:5:9: error: 'value' must be a number, not text", "help: write it as a number, without quotes: value = 410000"]),
        ("late.results.toml", "[checkin]\nas_of = 2026-05-26\n[[readings]]\nmetric = \"Views\"\nvalue = 1\ndate = 2026-05-30\n",
         ["late.results.toml:6:8: error: this reading is dated 2026-05-30, after the check-in's date 2026-05-26"]),
        ("year.results.toml", "[checkin]\nas_of = 2026-05-26\n[[readings]]\nmetric = \"Views\"\nvalue = 1\ndate = 2025-05-20\n",
         ["year.results.toml:6:8: error: this reading is dated 2025-05-20, outside the campaign"]),
        ("who.results.toml", "[checkin]\nas_of = 2026-05-26\n[[readings]]\nmetric = \"Views\"\nvalue = 1\nby = \"norra\"\n",
         ["who.results.toml:6:6: error: no party of the brief is called 'norra'; did you mean 'nora'?"]),
        ("nodate.results.toml", "[[readings]]\nmetric = \"Views\"\nvalue = 1\n",
         ["this results file has no [checkin] table"]),
        ("typo.results.toml", "[checkin]\nas_of = 2026-05-26\n[[reading]]\nmetric = \"Views\"\n",
         ["unknown key 'reading' in a results file; did you mean 'readings'?"]),
        ("broken.results.json", "{\"checkin\": {\"as_of\": \"2026-05-26\"}, \"readings\": [",
         ["broken.results.json:1:"]),
        ("twice.csv", "date,metric,value,by,source\n2026-05-20,Views,100,nora,YouTube Studio\n2026-05-20,Views,120,nora,YouTube Studio\n",
         ["twice.csv:3:1: error: Views on 2026-05-20 by nora from YouTube Studio is read twice, as 100 and 120", "note: read first here"]),
        ("number.csv", "date,metric,value\n2026-05-20,Views,lots\n", ["number.csv:2:18: error: 'lots' is not a number"]),
        ("day.csv", "date,metric,value\n20/05/2026,Views,1\n", ["day.csv:2:1: error: '20/05/2026' is not a date", "YYYY-MM-DD"]),
        ("quote.csv", "date,metric,value\n2026-05-20,\"Views,1\n", ["quote.csv:2:12: error: this quoted field is not closed"]),
        ("header.csv", "date,metrc,value\n", ["header.csv:1:6: error: unknown column 'metrc'; did you mean 'metric'?"]),
        ("wide.csv", "date,metric,value\n2026-05-20,Views,1,2\n", ["wide.csv:2:20: error: this line has 4 fields, the header 3"]),
        ("binary.csv", "date\u{0}\u{1}\u{2}\u{FFFF}", ["binary.csv:1:5: error: the file is binary, not CSV text"]),
    ]

    @Test(arguments: badResults.map(\.name))
    func resultsThatCannotBeUsedAreCleanErrors(_ name: String) {
        let bad = Self.badResults.first { $0.name == name }!
        let (run, _) = CLI.run(["checkin", "Samples/well-aligned.brief.toml"], onFile: name, holding: bad.text)
        #expect(run.status == 2)
        for part in bad.expect { #expect(run.stderr.contains(part), "\(name): \(part)\n\(run.stderr)") }
        #expect(run.stderr.contains(" | "), "the line is shown with a caret")
    }

    /// An agency's own pacing rule: a rule like the others, its examples laid over the base results.
    static let agencyRule = #"""
        rule ACME-CI01 "A creator's metric is behind at the midpoint"
          category execution
          severity error
          weight   20
          for each p in progress.filter(p, has(p.owner) && p.owner != "brand")
          when     p.status == "behind" && p.share >= 0.5 && has(p.latest) && has(p.due) && has(p.end)
          about    metrics[p.index].threshold
          message  "{p.name} is behind at the midpoint: {p.latest.value} of {p.due}."
          ask (has(p.owner) ? [p.owner] : ["brand"]) "Can you post once more before {p.end}?"
          fires on """
            [[results.readings]]
            [[results.readings]]
            value = 100000
            """ at metrics[1].threshold
          quiet on """
            [[results.readings]]
            [[results.readings]]
            value = 199000
            """

        """#

    @Test func anAgencyCanWriteItsOwnCheckinRule() throws {
        let pack = CLI.scratch()
        CLI.write("name = \"acme\"\nlanguages = []\n", to: pack + "/pack.toml")
        CLI.write(Self.agencyRule, to: pack + "/pace.rules")
        let tested = CLI.run(["rules", "test", "--rules", pack, "ACME-CI01"])
        #expect(tested.status == 0 && tested.stdout == "2 passed, 0 failed (1 rule)\n", "\(tested.stdout)\(tested.stderr)")
        #expect(tested.stderr == "")
        // Without its guards, the reading it quotes may be missing (a metric with no reading yet).
        CLI.write(Self.agencyRule.replacingOccurrences(of: " && has(p.latest) && has(p.due) && has(p.end)", with: ""), to: pack + "/pace.rules")
        let lint = CLI.run(["rules", "lint", pack])
        #expect(lint.status == 1 && lint.stderr.contains("p.latest may be missing"), "\(lint.stderr)")
        CLI.write(Self.agencyRule, to: pack + "/pace.rules")
        let results = "[checkin]\nas_of = 2026-05-27\n[[readings]]\nmetric = \"Views\"\nvalue = 100000\nby = \"nora\"\nsource = \"YouTube Studio\"\n"
        let (run, _) = CLI.run(["checkin", "--format", "json", "--rules", pack, "Samples/well-aligned.brief.toml"], onFile: "r.results.toml", holding: results)
        #expect(run.status == 1, "an error fails the run")
        #expect(run.stdout.contains("\"rule\": \"ACME-CI01\"") && run.stdout.contains("Views is behind at the midpoint: 100,000 of 250,000."))
        // A brief rule cannot see the results, and is told where they are known.
        CLI.write(Self.agencyRule.replacingOccurrences(of: "category execution", with: "category goals"), to: pack + "/pace.rules")
        let misplaced = CLI.run(["rules", "test", "--rules", pack])
        #expect(misplaced.status == 2)
        #expect(misplaced.stderr.contains("unknown name 'progress'") && misplaced.stderr.contains("give the rule 'category execution'"))
    }

    @Test func numbersAreReadAsSpreadsheetsExportThem() throws {
        let csv = "date;metric;value;by;source\n2026-05-26;First-time buyers;1 500,5;brand;Shopify\n"
        let (run, _) = CLI.run(["checkin", "--format", "json", "--fail-on", "none", "Samples/well-aligned.brief.toml"], onFile: "semi.csv", holding: csv)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\"value\": 1500.5"))
        for (text, value) in [("18200", 18200.0), ("18,200", 18200), ("1,234,567.5", 1_234_567.5), ("4.5%", 4.5), ("12 000", 12000), ("-3", -3)] {
            #expect(NumberText.parse(text) == value, "\(text)")
        }
        for text in ["1,2", "12,34,567", "abc", "", "1.2.3", "nan", "inf", "0x10"] { #expect(NumberText.parse(text) == nil, "\(text)") }
        #expect(NumberText.parse("4,5", decimalComma: true) == 4.5)
    }
}
