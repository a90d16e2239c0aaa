import Foundation
import Testing
@testable import AccordCLI

@Suite struct ParseCommandTests {
    @Test func printsTheDocumentInThePrintFormAndExitsZero() {
        let dir = CLI.scratch()
        CLI.write("[brand]\nname = \"Аврора\"\nlaunch = 2026-03-20\n", to: dir + "/b.toml")
        let run = CLI.run(["parse", dir + "/b.toml"])
        #expect(run.status == 0)
        #expect(run.stdout == "{\"brand\": {\"name\": \"Аврора\", \"launch\": date(\"2026-03-20\")}}\n")
        #expect(run.stderr.isEmpty)
    }

    /// A brief is validated too, as the help says: the same document named as a brief is not one.
    @Test func aBriefThatIsNotValidExitsOneWithEveryProblem() {
        let (run, _) = CLI.run(["parse"], onFile: "b.brief.toml", holding: "[brand]\nname = \"Аврора\"\nlaunch = 2026-03-20\n")
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("b.brief.toml:3:1: error: unknown key 'launch' in [brand]"))
        #expect(run.stderr.contains("The brief has no 'campaign', which is required"))
        let sample = CLI.run(["parse", "Samples/aurora.brief.toml"])
        #expect(sample.status == 0)
        #expect(sample.stdout.contains("\"launch\": date(\"2026-03-20\")"))
    }

    @Test func formatJSONPrintsPlainJSON() {
        let dir = CLI.scratch()
        CLI.write("a = 2026-03-20\nb = [1]\n", to: dir + "/x.toml")
        let run = CLI.run(["parse", "--format=json", dir + "/x.toml"])
        #expect(run.status == 0)
        #expect(run.stdout == "{\n  \"a\": \"2026-03-20\",\n  \"b\": [\n    1\n  ]\n}\n")
    }

    @Test func anInvalidDocumentExitsOneWithADiagnosticOnStderr() {
        let (run, path) = CLI.run(["parse"], onFile: "bad.toml", holding: "[timeline]\nlaunch = 2026-02-30\n")
        let dir = (path as NSString).deletingLastPathComponent
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == """
            \(dir)/bad.toml:2:10: error: day 30 does not exist in 2026-02
               2 | launch = 2026-02-30
                 |          ^~~~~~~~~~

            """)
    }

    @Test func usageMistakesExitTwo() {
        #expect(CLI.run(["parse"]).status == 2)
        #expect(CLI.run(["parse", "/no/such/file.toml"]).status == 2)
        #expect(CLI.run(["parse", "/no/such/file.toml"]).stderr.contains("no such file"))
        let unknown = CLI.run(["parse", "--fromat", "json", "x.toml"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown option '--fromat'"))
        #expect(unknown.stderr.contains("did you mean '--format'?"))
        #expect(CLI.run(["parse", "--format", "yaml", "x.toml"]).status == 2)
        #expect(CLI.run(["prase", "x"]).stderr.contains("did you mean 'parse'?"))
    }

    @Test func helpAndVersion() {
        // The version and the commit the binary was built from (from .git, without running git).
        let version = CLI.run(["--version"]).stdout
        #expect(version.hasPrefix("accord \(AccordCommand.version) (commit "))
        if let head = try? CLI.exec(["/usr/bin/git", "-C", CLI.packageRoot, "rev-parse", "HEAD"], executable: "/usr/bin/git"), head.status == 0 {
            #expect(version == "accord \(AccordCommand.version) (commit \(head.stdout.prefix(12)))\n")
        } else {
            #expect(version == "accord \(AccordCommand.version) (commit unknown)\n")
        }
        let help = CLI.run(["parse", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("usage: accord parse"))
        #expect(CLI.run(["--help"]).stdout.contains("check"))
    }
}

/// The real binary, as scripts and CI run it.
@Suite struct ParseEndToEndTests {
    @Test func theBinaryParsesAndReportsLikeTheInProcessCommand() throws {
        let dir = CLI.scratch()
        CLI.write("a = 1\n", to: dir + "/ok.toml")
        CLI.write("a = \n", to: dir + "/bad.toml")
        let ok = try CLI.exec(["parse", dir + "/ok.toml"])
        #expect(ok.status == 0)
        #expect(ok.stdout == "{\"a\": 1}\n")
        let bad = try CLI.exec(["parse", dir + "/bad.toml"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("bad.toml:1:5: error: expected a value after '='"))
    }

    @Test func hostileInputsEndInExitOneNeverASignal() throws {
        let dir = CLI.scratch()
        let inputs: [(String, Data)] = [
            ("deep.toml", Data(("a = " + String(repeating: "[", count: 100_000)).utf8)),
            ("deep.json", Data(String(repeating: "[", count: 100_000).utf8)),
            ("nul.toml", Data([0x61, 0x3D, 0x00])),
            ("binary.toml", Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) })),
            ("bom-only.json", Data([0xEF, 0xBB, 0xBF])),
        ]
        for (name, data) in inputs {
            _ = FileManager.default.createFile(atPath: dir + "/" + name, contents: data)
            let run = try CLI.exec(["parse", dir + "/" + name], timeout: 20)
            #expect(run.status == 1, "\(name): \(run.status)")
            #expect(run.stderr.contains("error:"), "\(name)")
        }
    }

    @Test func colourOnlyOnATerminalAndNeverWithNoColor() {
        let dir = CLI.scratch()
        CLI.write("a = \n", to: dir + "/bad.toml")
        let forced = CLI.run(["parse", dir + "/bad.toml"], environment: ["CLICOLOR_FORCE": "1"])
        #expect(forced.stderr.contains("\u{1B}["))
        let noColor = CLI.run(["parse", dir + "/bad.toml"], environment: ["CLICOLOR_FORCE": "1", "NO_COLOR": "1"])
        #expect(!noColor.stderr.contains("\u{1B}["))
        #expect(!CLI.run(["parse", dir + "/bad.toml"]).stderr.contains("\u{1B}["))
    }
}

/// `accord eval --brief` binds the brief as rules see it, so authors can try real conditions.
@Suite struct EvalBriefTests {
    @Test func aBriefIsBoundAsRulesSeeIt() {
        let dates = CLI.run(["eval", "--brief", "Samples/aurora.brief.toml", "timeline.media_buy < timeline.launch"])
        #expect(dates.status == 0)
        #expect(dates.stdout == "true\n")
        #expect(CLI.run(["eval", "--brief", "Samples/aurora.brief.toml", "parties.map(p, p.id)"]).stdout == "[\"brand\", \"jess\"]\n")
        #expect(CLI.run(["eval", "--brief", "Samples/aurora.brief.toml", "'US' in data.markets"]).stdout == "true\n")
        #expect(CLI.run(["eval", "--brief", "Samples/aurora.brief.toml", "--var", "n=2", "n + size(creators)"]).stdout == "3\n")
        let typo = CLI.run(["eval", "--brief", "Samples/aurora.brief.toml", "brand.marekt"])
        #expect(typo.status == 1)
        #expect(typo.stderr.contains("no field 'marekt' in brand; did you mean 'market'?"))
        let dir = CLI.scratch()
        CLI.write("[campaign]\nname = \"x\"\n", to: dir + "/half.brief.toml")
        let invalid = CLI.run(["eval", "--brief", dir + "/half.brief.toml", "1"])
        #expect(invalid.status == 1)
        #expect(invalid.stderr.contains("The brief has no 'brand', which is required"))
    }
}
