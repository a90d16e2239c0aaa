import AccordCore
import Foundation
import Testing

/// Every sample brief against its reviewed reports in Samples/reports, in each format.
@Suite struct SampleReportTests {
    static let samples: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: CLI.packageRoot + "/Samples")) ?? []
        return files.filter { $0.hasSuffix(".brief.toml") || $0.hasSuffix(".brief.json") }.sorted()
    }()

    static let formats: [(format: String, ext: String)] = [("text", "txt"), ("json", "json"), ("markdown", "md")]

    static func stem(_ sample: String) -> String {
        String(sample.dropLast(".brief.toml".count))
    }

    @Test func thereAreAtLeastEightSamples() {
        #expect(Self.samples.count >= 8)
        #expect(Self.samples.contains { $0.hasSuffix(".brief.json") }, "one sample shows the JSON form")
    }

    @Test(arguments: samples)
    func reportMatchesTheReviewedOne(_ sample: String) {
        for (format, ext) in Self.formats {
            let run = CLI.run(["check", "--format", format, "Samples/" + sample])
            #expect(run.stderr == "", "\(sample) \(format): \(run.stderr)")
            #expect(run.status == 0 || run.status == 1)
            Golden.check(run.stdout, against: "Samples/reports/\(Self.stem(sample)).\(ext)")
        }
    }

    @Test func theSamplesCoverEveryVerdict() throws {
        let run = CLI.run(["check", "--format", "json", "Samples"])
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let briefs = json?["briefs"] as? [[String: Any]] ?? []
        let verdicts = Set(briefs.compactMap { $0["verdict"] as? String })
        #expect(verdicts == ["ready", "align-first", "do-not-proceed"])
        #expect(briefs.count == Self.samples.count)
        // Reports come in path order, whatever order the threads finish in.
        let files = briefs.compactMap { $0["file"] as? String }
        #expect(files == files.sorted())
    }
}

extension SampleReportTests {
    /// The report in the README is the one Accord prints.
    @Test func theReadmeShowsARealReport() throws {
        let readme = try String(contentsOfFile: CLI.packageRoot + "/README.md", encoding: .utf8)
        guard let start = readme.range(of: "$ accord check Samples/media-buy-vs-prep.brief.toml\n"),
              let end = readme[start.upperBound...].range(of: "```") else {
            Issue.record("the README has no example report")
            return
        }
        let shown = String(readme[start.upperBound..<end.lowerBound])
        let run = CLI.run(["check", "Samples/media-buy-vs-prep.brief.toml"])
        #expect(run.stdout.hasPrefix(shown))
    }
}
