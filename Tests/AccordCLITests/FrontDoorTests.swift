import Accord
import AccordTestSupport
import Foundation
import Testing

/// The front door as another program uses it: only `import Accord`, only public API.
@Suite struct FrontDoorTests {
    static let root = TestPaths.packageRoot

    static func checker(_ change: (inout Configuration) -> Void = { _ in }) throws -> Checker {
        var configuration = Configuration(workingDirectory: root)
        configuration.projectFile = .none
        change(&configuration)
        return try Checker(configuration)
    }

    @Test func checksTheSamplesWithTypedResults() throws {
        let summary = try Self.checker().check(["Samples"])
        #expect(summary.briefs == 10)
        #expect(summary.results.map(\.path).first == "Samples/absent-decision-maker.brief.toml")
        let aurora = try #require(summary.results.first { $0.path == "Samples/aurora.brief.toml" })
        #expect(aurora.verdict == .doNotProceed)
        #expect(aurora.scores?.overall == 25)
        #expect(aurora.scores?[.timeline] == 73)
        #expect(aurora.findings.count == 20)
        #expect(aurora.findings.first?.severity == .error)
        #expect(aurora.failsRun)
        let tl004 = try #require(aurora.findings.first { $0.rule == "TL004" })
        #expect(tl004.category == .timeline)
        #expect(tl004.position.line == 31)
        #expect(tl004.questions.contains { $0.party == "brand" })
        #expect(aurora.questions.contains { $0.rules.contains("TL004") })
        let wellAligned = try #require(summary.results.first { $0.path == "Samples/well-aligned.brief.toml" })
        #expect(wellAligned.verdict == .ready && wellAligned.findings.isEmpty && !wellAligned.failsRun)
        #expect(summary.exitStatus == 1)
        #expect(summary.failing == summary.results.filter(\.failsRun).count)
        #expect(summary.findings == summary.results.flatMap(\.findings).filter { $0.suppression == nil }.count)
    }

    @Test func thresholdsAndLanguageComeFromTheConfiguration() throws {
        let lenient = try Self.checker { $0.failOn = .never }.check(["Samples/aurora.brief.toml"])
        #expect(lenient.exitStatus == 0)
        #expect(lenient.results[0].failsRun == false)
        let strict = try Self.checker { $0.failOn = .severity(.info); $0.minimumScore = 95 }.check(["Samples/launch-vs-breathe.brief.toml"])
        #expect(strict.exitStatus == 1)
        let russian = try Self.checker { $0.language = "ru" }.check(["Samples/aurora.brief.toml"])
        #expect(russian.results[0].findings.contains { $0.message.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) } })
        #expect(throws: AccordError.self) { try Self.checker { $0.minimumScore = 101 } }
        #expect(throws: AccordError.self) { try Self.checker { $0.language = "english" } }
    }

    @Test func reportsAreWrittenAsTheCLIWritesThem() throws {
        let collected = Collected()
        let json = try #require(ReportFormat(identifier: "json"))
        let summary = try Self.checker().check(["Samples"], reports: [ReportRequest(json, to: .stream { collected.append($0) })],
                                               keepResults: false)
        #expect(summary.results.isEmpty)
        let parsed = try JSONSerialization.jsonObject(with: Data(collected.bytes)) as? [String: Any]
        #expect((parsed?["briefs"] as? [Any])?.count == 10)
        #expect(ReportFormat(forFile: "out.sarif")?.identifier == "sarif")
        #expect(ReportFormat(forFile: "out.XML")?.identifier == "junit")
        #expect(ReportFormat(forFile: "out.unknown") == nil)
        #expect(ReportFormat.all.map(\.identifier) == ["text", "json", "markdown", "html", "sarif", "junit", "junit-strict", "codequality", "checkstyle", "github"])
        #expect(ReportFormat.all.allSatisfy { !$0.summary.isEmpty })
    }

    @Test func aBriefInMemoryIsCheckedAsAFileWouldBe() throws {
        let checker = try Self.checker()
        let path = Self.root + "/Samples/media-buy-vs-prep.brief.toml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let inMemory = try checker.check(text: text, path: "Samples/media-buy-vs-prep.brief.toml")
        let onDisk = try checker.check(["Samples/media-buy-vs-prep.brief.toml"]).results[0]
        #expect(inMemory.findings.map(\.message) == onDisk.findings.map(\.message))
        #expect(inMemory.scores == onDisk.scores)
        let broken = try checker.check(text: "[campain]\nname = 1\n", path: "draft.brief.toml")
        #expect(!broken.isUsable)
        #expect(broken.verdict == nil)
        #expect(broken.problems.first?.position?.line == 1)
        #expect(broken.problems.first?.rendered().contains("did you mean 'campaign'?") == true)
    }

    @Test func unusableInputIsAnErrorThatListsEveryProblem() throws {
        let missing = #expect(throws: AccordError.self) { try Self.checker().check(["Samples/nope.brief.toml", "nope/"]) }
        #expect(missing?.problems.map(\.message) == ["no such file or folder: Samples/nope.brief.toml", "no such file or folder: nope/"])
        let pack = #expect(throws: AccordError.self) { try Self.checker { $0.rulePacks = ["no/such/pack"] }.check(["Samples"]) }
        #expect(pack?.problems.first?.message.contains("cannot read rule pack") == true)
        let config = #expect(throws: AccordError.self) { try Self.checker { $0.projectFile = .file("no-such.accord.toml") } }
        #expect(config?.problems.first?.message.hasPrefix("no such config file") == true)
    }

    @Test func aBaselineIsWrittenAndThenKnowsTheFindings() throws {
        let folder = NSTemporaryDirectory() + "accord-door-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var notes: [String] = []
        let first = try Self.checker().check(["Samples/aurora.brief.toml"], writeBaseline: folder + "/baseline.json") { notes.append($0.message) }
        #expect(first.baselineEntriesWritten == 20)
        #expect(notes.contains { $0.contains("wrote 20 findings to the baseline") })
        let second = try Self.checker { $0.baseline = folder + "/baseline.json" }.check(["Samples/aurora.brief.toml"])
        #expect(second.known == 20)
        #expect(second.findings == 0)
        #expect(second.exitStatus == 0)
    }
}

/// Bytes handed to a report stream, gathered.
final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [UInt8] = []

    func append(_ bytes: UnsafeRawBufferPointer) {
        lock.lock()
        storage.append(contentsOf: bytes)
        lock.unlock()
    }

    var bytes: [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
