import AccordCore
import Testing

/// The CSV reader, the pace of each metric, and the check-in functions of the rule language.
@Suite struct CSVReaderTests {
    static func fields(_ text: String) throws -> [[String]] {
        try CSVReader.parse(SourceFile(path: "t.csv", text: text)).records.map { $0.map(\.text) }
    }

    @Test func readsRFC4180() throws {
        #expect(try Self.fields("a,b,c\r\n1,2,3\r\n") == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(try Self.fields("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n") == [["a", "b"], ["x, y", "say \"hi\""]])
        #expect(try Self.fields("a,b\n\"two\nlines\",2") == [["a", "b"], ["two\nlines", "2"]])
        #expect(try Self.fields("\u{FEFF}a,b\n1,\n") == [["a", "b"], ["1", ""]])
        #expect(try Self.fields("a,b\n\n1,2\n\n") == [["a", "b"], ["1", "2"]], "blank lines are no records")
        #expect(try Self.fields("a,b\r1,2") == [["a", "b"], ["1", "2"]], "a lone CR ends a line")
        #expect(try Self.fields("a,b\n1,") == [["a", "b"], ["1", ""]], "a separator at the end of the file")
        #expect(try Self.fields("") == [])
    }

    @Test func aSpreadsheetSavedWithSemicolonsIsReadWithThem() throws {
        let table = try CSVReader.parse(SourceFile(path: "t.csv", text: "date;metric;value\n2026-05-20;Views;1,5\n"))
        #expect(table.separator == UInt8(ascii: ";"))
        #expect(table.records[1].map(\.text) == ["2026-05-20", "Views", "1,5"])
        #expect(try CSVReader.parse(SourceFile(path: "t.csv", text: "a,b;c\n")).separator == UInt8(ascii: ","))
        #expect(try CSVReader.parse(SourceFile(path: "t.csv", text: "\"a;b\",c\n")).separator == UInt8(ascii: ","))
    }

    @Test(arguments: [
        ("a,b\n\"open,2\n", "this quoted field is not closed", 2, 1),
        ("a,b\n\"x\"y,2\n", "text after the closing quote of a field", 2, 4),
        ("a,b\nx\"y,2\n", "a quote inside a field that is not quoted", 2, 2),
    ])
    func malformedCSVIsAnErrorAtItsPlace(_ text: String, _ message: String, _ line: Int, _ column: Int) {
        do {
            _ = try CSVReader.parse(SourceFile(path: "t.csv", text: text))
            Issue.record("no error for \(text)")
        } catch {
            #expect(error.message == message)
            #expect(error.location?.line == line && error.location?.column == column, "\(String(describing: error.location))")
        }
    }

    @Test func fieldsKeepTheirSpans() throws {
        let table = try CSVReader.parse(SourceFile(path: "t.csv", text: "date,metric\n2026-05-20,\"Views\"\n"))
        let views = table.records[1][1]
        #expect(views.quoted && views.span.start == 23 && views.span.end == 30)
    }
}

@Suite struct PaceTests {
    static let rules: RuleSet = {
        do throws(DiagnosticList) { return try RuleSet.load(PackFiles.builtIn()) } catch { fatalError("\(error.diagnostics)") }
    }()

    /// The base brief of the examples: launch 24 March 2026, two metrics with 30-day windows
    /// (2,000 first-time buyers, 400,000 reach), the report on 15 May.
    static func brief(_ extra: String = "") throws -> Brief {
        let base = try String(decoding: Fixtures.read("Rules/core/examples/base.brief.toml").bytes, as: UTF8.self)
        let document = try TOMLReader.parse(text: base + extra)
        do throws(DiagnosticList) { return try rules.schema.validate(document) } catch { throw error.diagnostics[0] }
    }

    static func progress(_ results: String, brief: Brief? = nil, asOf: String? = nil, data: String? = nil) throws -> CheckinProgress {
        let brief = try brief ?? Self.brief()
        let read: Results
        do throws(DiagnosticList) {
            read = try Results.read([SourceFile(path: "r.results.toml", text: results)], brief: brief, asOf: asOf.flatMap(LocalDate.init(iso:)))
        } catch {
            throw error.diagnostics[0]
        }
        let policy = PacePolicy(data: try data.map { try Fixtures.toml($0) }.map { Value.map(ValueMap([("checkin", $0)])) } ?? rules.data)
        return CheckinProgress(brief, read, policy: policy)
    }

    static func reading(_ metric: String, _ value: Double, _ date: String, by: String? = nil, source: String? = nil) -> String {
        "[[readings]]\nmetric = \"\(metric)\"\nvalue = \(value)\ndate = \(date)\n" + (by.map { "by = \"\($0)\"\n" } ?? "") + (source.map { "source = \"\($0)\"\n" } ?? "")
    }

    @Test func theExpectedValueGrowsInALineOverTheWindow() throws {
        // 15 of 30 days: half of 2,000.
        let p = try Self.progress("[checkin]\nas_of = 2026-04-08\n" + Self.reading("First-time buyers", 1000, "2026-04-08"))
        let buyers = p.metrics[0]
        #expect(buyers.start == LocalDate(iso: "2026-03-24") && buyers.end == LocalDate(iso: "2026-04-23"))
        #expect(buyers.share == 0.5 && buyers.expected == 1000 && buyers.status == .onTrack)
        #expect(p.metrics[1].status == .noData && p.metrics[1].expected == 200_000)
        // From the launch to the report (52 days), 15 gone.
        #expect(abs(p.share - 15.0 / 52.0) < 1e-9)
    }

    @Test(arguments: [
        (1000.0, "on-track"), (901, "on-track"), (899, "behind"), (2000, "met"), (2500, "met"),
    ])
    func theToleranceForBehindIsPackData(_ value: Double, _ status: String) throws {
        let p = try Self.progress("[checkin]\nas_of = 2026-04-08\n" + Self.reading("First-time buyers", value, "2026-04-08"))
        #expect(p.metrics[0].status.rawValue == status)
    }

    @Test func anotherPackCanSetItsOwnTolerance() throws {
        let results = "[checkin]\nas_of = 2026-04-08\n" + Self.reading("First-time buyers", 990, "2026-04-08")
        #expect(try Self.progress(results).metrics[0].status == .onTrack)
        #expect(try Self.progress(results, data: "[pace]\nbehind_below = 1.0\n").metrics[0].status == .behind)
        // With no pack saying, any shortfall is behind.
        #expect(PacePolicy(data: .map(ValueMap.empty)).behindBelow == 1)
    }

    @Test func anOldReadingIsHeldToThePaceOfItsOwnDay() throws {
        // 600 on day 9 (600 expected then) is on pace, though 1,000 are expected by day 15.
        let p = try Self.progress("[checkin]\nas_of = 2026-04-08\n" + Self.reading("First-time buyers", 600, "2026-04-02"))
        #expect(p.metrics[0].status == .onTrack && p.metrics[0].expected == 1000 && p.metrics[0].due == 600)
    }

    @Test func beforeTheLaunchNothingHasStarted() throws {
        let p = try Self.progress("[checkin]\nas_of = 2026-03-20\n")
        #expect(p.metrics.allSatisfy { $0.status == .notStarted && $0.share == 0 })
        #expect(p.share == 0)
    }

    @Test func aRateIsExpectedAtItsThresholdAllAlong() throws {
        let brief = try Self.brief("\n[[metrics]]\nname = \"Engagement rate\"\nkind = \"outcome\"\nthreshold = 4.5\nunit = \"percent\"\nowner = \"jess\"\nwindow_days = 30\n")
        let p = try Self.progress("[checkin]\nas_of = 2026-03-27\n" + Self.reading("engagement rate", 3.9, "2026-03-27"), brief: brief)
        let rate = p.metrics[2]
        #expect(rate.isRate && rate.expected == 4.5 && rate.status == .behind)
    }

    @Test func theAgreedSourcesReadingIsTheLatestAndReadersAreKeptApart() throws {
        let results = "[checkin]\nas_of = 2026-04-08\n"
            + Self.reading("Reach", 210_000, "2026-04-07", by: "jess", source: "Instagram Insights")
            + Self.reading("Reach", 290_000, "2026-04-08", by: "brand", source: "Meta Ads Manager")
            + Self.reading("Reach", 150_000, "2026-04-01", by: "jess", source: "instagram insights")
        let reach = try Self.progress(results).metrics[1]
        #expect(reach.latest?.value == 210_000)
        #expect(reach.readings.map(\.value) == [150_000, 210_000, 290_000])
        #expect(reach.readers.map(\.value) == [210_000, 290_000])
    }

    @Test func deliveriesCountTowardTheLineTheyFit() throws {
        let brief = try Self.brief("\n[[deliverables]]\nkind = \"story\"\nplatform = \"instagram\"\ncount = 2\ncreator = \"jess\"\n")
        let results = "[checkin]\nas_of = 2026-04-08\n[[delivered]]\nkind = \"reel\"\ncount = 2\n[[delivered]]\nkind = \"Story\"\nplatform = \"instagram\"\n"
            + "[[delivered]]\nkind = \"reel\"\ncount = 2\n"
        let p = try Self.progress(results, brief: brief)
        #expect(p.deliverables.map(\.delivered) == [4, 1])
        #expect(p.deliverables.map(\.count) == [3, 2])
    }

    @Test func aMetricOfAnotherNameIsUnknown() throws {
        let p = try Self.progress("[checkin]\nas_of = 2026-04-08\n" + Self.reading("First time buyer", 5, "2026-04-08")
                                  + Self.reading("FIRST_TIME-buyers", 6, "2026-04-08"))
        #expect(p.unknown.map(\.written) == ["First time buyer"])
        #expect(p.metrics[0].latest?.value == 6)
    }

    @Test func theScopeHasAValueForEveryDeclaredName() throws {
        let p = try Self.progress("[checkin]\nas_of = 2026-04-08\n" + Self.reading("First-time buyers", 1000, "2026-04-08"))
        let values = CheckinScope.values(p, brief: try Self.brief())
        let declared = CheckinScope.variables(metric: .dyn)
        #expect(values.count == declared.count)
        // Every field a value has is declared, with its type.
        guard case .list(let progress) = values[1], case .map(let first) = progress.items[0],
              case .list(.object(let type)) = declared[1].1 else {
            Issue.record("progress is not a list of tables")
            return
        }
        for key in first.keys {
            guard case .string(let k) = key else { continue }
            #expect(type.field(k) != nil, "\(k) is not declared")
        }
    }
}

@Suite struct CheckinFunctionTests {
    @Test(arguments: [
        ("sameName('Sign-ups', 'signups')", "true"), ("sameName('First-time buyers', 'first_time  BUYERS')", "true"),
        ("sameName('Охват', 'охват')", "true"), ("sameName('Reach', 'Views')", "false"),
        ("'Signups'.closest(['Sign-ups', 'Reach'])", "\"Sign-ups\""), ("'Zebra'.closest(['Sign-ups', 'Reach'])", "\"\""),
        ("'Reach'.closest([])", "\"\""),
        ("relativeGap(18200.0, 25000.0) > 0.27 && relativeGap(18200.0, 25000.0) < 0.28", "true"),
        ("relativeGap(0.0, 0.0)", "0.0"), ("relativeGap(-5.0, 5.0)", "2.0"), ("relativeGap(10.0, 10.0)", "0.0"),
    ])
    func evaluates(_ expr: String, _ expected: String) throws {
        #expect(try Eval.run(expr).printed == expected)
    }

    @Test func theyRefuseWhatTheyCannotUse() {
        #expect(Eval.error("'a'.closest([1, 2])") != nil)
        #expect(Eval.error("relativeGap(1, 2)") != nil)
    }
}
