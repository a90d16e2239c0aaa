import AccordCore
import Foundation
import Testing

/// `accord check`: exit codes, thresholds, unusable input, order, colour, and the binary on its own.
@Suite struct CheckCommandTests {
    @Test func exitCodesFollowFailOnAndMinScore() {
        #expect(CLI.run(["check", "Samples/well-aligned.brief.toml"]).status == 0)
        #expect(CLI.run(["check", "Samples/aurora.brief.toml"]).status == 1)
        #expect(CLI.run(["check", "--fail-on", "none", "Samples/aurora.brief.toml"]).status == 0)
        // launch-vs-breathe has one warning and scores 94.
        #expect(CLI.run(["check", "Samples/launch-vs-breathe.brief.toml"]).status == 0)
        #expect(CLI.run(["check", "--fail-on", "warning", "Samples/launch-vs-breathe.brief.toml"]).status == 1)
        #expect(CLI.run(["check", "--fail-on=info", "Samples/launch-vs-breathe.brief.toml"]).status == 1)
        #expect(CLI.run(["check", "--min-score", "94", "Samples/launch-vs-breathe.brief.toml"]).status == 0)
        #expect(CLI.run(["check", "--min-score", "95", "Samples/launch-vs-breathe.brief.toml"]).status == 1)
    }

    @Test func usageErrorsEndInTwoWithAHint() {
        let missing = CLI.run(["check", "Samples/nope.brief.toml"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such file or folder: Samples/nope.brief.toml"))
        let option = CLI.run(["check", "--formt", "json", "Samples"])
        #expect(option.status == 2)
        #expect(option.stderr.contains("did you mean '--format'?"))
        let format = CLI.run(["check", "--format", "jsn", "Samples"])
        #expect(format.status == 2)
        #expect(format.stderr.contains("did you mean 'json'?"))
        #expect(CLI.run(["check", "--min-score", "200", "Samples"]).status == 2)
        #expect(CLI.run(["check", "--fail-on", "critical", "Samples"]).status == 2)
    }

    @Test func aMalformedBriefIsReportedWithItsPositionAndExitsTwo() {
        let dir = CLI.scratch()
        CLI.write("[campaign]\nname = \"x\"\nbudget = 40_000_\n", to: dir + "/broken.brief.toml")
        let run = CLI.run(["check", dir + "/broken.brief.toml"])
        #expect(run.status == 2)
        #expect(run.stdout.contains("broken.brief.toml:3:"))
        #expect(run.stdout.contains("not checked"))
    }

    /// Why a brief could not be checked reaches standard error whatever the format, so that a report
    /// sent to a file does not leave the terminal empty while the run exits 2.
    @Test func anUnusableBriefIsReportedOnStandardErrorInEveryFormat() {
        let dir = CLI.scratch()
        CLI.write("[campaign]\nname = \"x\"\nbudget = 40_000_\n", to: dir + "/broken.brief.toml")
        for format in ["text", "json", "sarif", "junit", "markdown", "github"] {
            let run = CLI.run(["check", "--format", format, dir + "/broken.brief.toml", "Samples/well-aligned.brief.toml"])
            #expect(run.status == 2, "\(format)")
            #expect(run.stderr.contains("broken.brief.toml:3:"), "\(format): \(run.stderr)")
            #expect(run.stderr.contains("   3 | budget = 40_000_"), "\(format): the line and its caret")
            #expect(!run.stderr.contains("well-aligned"), "\(format)")
        }
    }

    @Test func anInvalidBriefNamesTheKeyAndTheNearestKnownOne() {
        let dir = CLI.scratch()
        CLI.write("""
            [campaign]
            name = "x"
            [brand]
            name = "B"
            marekt = "RU"
            [[creators]]
            name = "C"
            followers = "84000"
            """, to: dir + "/typo.brief.toml")
        let run = CLI.run(["check", "--format", "json", dir + "/typo.brief.toml"])
        #expect(run.status == 2)
        #expect(run.stdout.contains("unknown key 'marekt' in [brand]; did you mean 'market'?"))
        #expect(run.stdout.contains("creators[0].followers must be a whole number, not text"))
        #expect(run.stdout.contains("\"valid\": false"))
    }

    @Test func binaryAndHugeInputsEndCleanly() throws {
        let dir = CLI.scratch()
        #expect(FileManager.default.createFile(atPath: dir + "/binary.brief.toml", contents: Data((0..<4096).map { UInt8($0 % 256) })))
        #expect(FileManager.default.createFile(atPath: dir + "/nested.brief.json", contents: Data(String(repeating: "[", count: 100_000).utf8)))
        #expect(FileManager.default.createFile(atPath: dir + "/empty.brief.toml", contents: Data()))
        let run = try CLI.exec(["check", dir], timeout: 120)
        #expect(run.status == 2)
        #expect(run.stdout.contains("binary.brief.toml"))
        #expect(run.stdout.contains("nested.brief.json"))
        #expect(run.stdout.contains("empty.brief.toml"))
        #expect(run.stdout.contains("Checked 3 briefs"))
    }

    /// Workers other than the first check with replicas of the rules: every format, SARIF's rule
    /// indexes and JUnit's test cases included, must come out as from one thread.
    @Test(arguments: ["json", "sarif", "junit", "text"])
    func reportsComeInTheSameOrderWhateverTheThreads(format: String) {
        let one = CLI.run(["check", "--format", format, "--threads", "1", "Samples"])
        let many = CLI.run(["check", "--format", format, "--threads", "4", "Samples"])
        #expect(one.stdout == many.stdout)
        #expect(!one.stdout.isEmpty)
        if format == "sarif" { #expect(one.stdout.contains("\"ruleIndex\"")) }
    }

    @Test func colourOnlyOnATerminalAndNeverWithNoColor() throws {
        let plain = CLI.run(["check", "Samples/aurora.brief.toml"])
        #expect(!plain.stdout.contains("\u{1B}["))
        let forced = CLI.run(["check", "Samples/aurora.brief.toml"], environment: ["CLICOLOR_FORCE": "1"])
        #expect(forced.stdout.contains("\u{1B}[1;31merror"))
        let noColor = CLI.run(["check", "Samples/aurora.brief.toml"], environment: ["CLICOLOR_FORCE": "1", "NO_COLOR": "1"])
        #expect(!noColor.stdout.contains("\u{1B}["))
    }

    /// Each party's three weightiest questions lead; the rest follow under "More questions", in the
    /// report and in the agenda.
    @Test func threeQuestionsLeadForEachParty() {
        let run = CLI.run(["check", "Samples/aurora.brief.toml"])
        let lines = run.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let jess = lines.firstIndex { $0.hasPrefix("jess (Jess Makes)") } ?? 0
        #expect(jess > 0 && lines[jess + 3].hasPrefix("3. ") && lines[jess + 4] == "More questions" && lines[jess + 5].hasPrefix("4. "))
        #expect(run.stdout.components(separatedBy: "More questions").count - 1 == 2)  // the brand's and Jess's
        let agenda = CLI.run(["agenda", "--format", "markdown", "Samples/aurora.brief.toml"])
        #expect(agenda.stdout.contains("More questions, if there is time:"))
    }

    @Test func theLanguageOfMessagesCanBeChosen() {
        let run = CLI.run(["check", "--lang", "ru", "Samples/media-buy-vs-prep.brief.toml"])
        #expect(run.stdout.contains("нужно 21 дн. от утверждённого брифа"))
        #expect(run.stderr.isEmpty)
        let german = CLI.run(["check", "--lang", "de", "Samples/media-buy-vs-prep.brief.toml"])
        #expect(german.stdout.contains("braucht 21 Tage vom freigegebenen Brief bis zum fertigen Content"))
        // A language no rule speaks gives English, and says so.
        let korean = CLI.run(["check", "--lang", "ko", "Samples/media-buy-vs-prep.brief.toml"])
        #expect(korean.stdout.contains("needs 21 days"))
        #expect(korean.stderr.contains("warning: no rule speaks 'ko': messages are in English"))
        #expect(korean.stderr.contains("the rules speak en, de, es, fr, ja, pt, ru, zh"))
        // Every command that takes --lang says so: the meeting's pages and a revision's changes too.
        for args in [["agenda", "--format", "markdown"], ["diff", "Samples/media-buy-vs-prep.brief.toml"]] {
            let other = CLI.run(args + ["--lang", "ko", "Samples/media-buy-vs-prep.brief.toml"])
            #expect(other.stderr.contains("warning: no rule speaks 'ko': messages are in English"), "\(args[0])")
            #expect(other.status == 0, "\(args[0]): \(other.stderr)")
        }
    }

    @Test func aCopiedBinaryCarriesTheBuiltInRules() throws {
        let dir = CLI.scratch()
        try FileManager.default.copyItem(atPath: CLI.binary, toPath: dir + "/accord")
        try FileManager.default.copyItem(atPath: CLI.packageRoot + "/Samples/aurora.brief.toml", toPath: dir + "/aurora.brief.toml")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: dir + "/accord")
        process.arguments = ["check", "--format", "json", "aurora.brief.toml"]
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"rule\": \"GL001\""))
        #expect(text.contains("\"verdict\": \"do-not-proceed\""))
    }

    @Test func aBrokenRulePackIsRefusedWithPositions() {
        let dir = CLI.scratch()
        CLI.write("""
            rule XX001 "Looks at a field that does not exist"
              category goals
              severity warning
              when     has(brand.marekt)
              about    brand.market
              message  "x"
              ask brand "y?"
            """, to: dir + "/bad.rules")
        let run = CLI.run(["check", "--rules", dir, "Samples/well-aligned.brief.toml"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("bad.rules:4:"))
        #expect(run.stderr.contains("did you mean 'market'?"))
        #expect(run.stdout.isEmpty)
    }

    @Test func noBriefIsAnErrorUnlessAllowed() {
        let dir = CLI.scratch()
        let run = CLI.run(["check", dir])
        #expect(run.status == 2)
        #expect(run.stderr.contains("error: no brief matched \(dir)") && run.stderr.contains("--allow-empty"))
        let allowed = CLI.run(["check", "--allow-empty", dir])
        #expect(allowed.status == 0)
        #expect(allowed.stderr.contains("note: no brief matched"))
    }
}

/// Reports and baselines are written whole or not at all, every failed write is an error, and no
/// report replaces a brief or another report.
@Suite struct ReportWritingTests {
    @Test func aReportOverABriefOrTwoReportsToOneFileAreRefusedBeforeAnythingIsWritten() throws {
        let dir = CLI.scratch()
        let brief = try CLI.sample("aurora")
        CLI.write(brief, to: dir + "/a.brief.toml")
        let over = CLI.run(["check", "--format", "json", "--output", dir + "/a.brief.toml", dir])
        #expect(over.status == 2)
        #expect(over.stderr.contains("would replace a brief this run checks"))
        #expect(try String(contentsOfFile: dir + "/a.brief.toml", encoding: .utf8) == brief)
        let twice = CLI.run(["check", "--format", "json", "--output", dir + "/r.json", "--format", "sarif", "--output", dir + "/./r.json", dir])
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("two reports would be written to one file"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/r.json"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["a.brief.toml"])
    }

    @Test func aFailedWriteIsAnErrorWithItsReason() throws {
        let full = try CLI.exec(["check", "Samples/well-aligned.brief.toml"], stdout: "/dev/full")
        #expect(full.status == 2)
        #expect(full.stderr.contains("cannot write to standard output: No space left on device"))
        let report = CLI.run(["check", "--format", "junit", "--output", "/dev/full", "Samples/well-aligned.brief.toml"])
        #expect(report.status == 2)
        #expect(report.stderr.contains("cannot write /dev/full: No space left on device"))
        let folder = CLI.run(["check", "--format", "json", "--output", "/no/such/folder/r.json", "Samples/well-aligned.brief.toml"])
        #expect(folder.status == 2)
        #expect(folder.stderr.contains("cannot write /no/such/folder/r.json: no such file"))
    }

    @Test func aReportReplacesTheOldOneOnlyWhenWholeAndLeavesNothingBehind() throws {
        let dir = CLI.scratch()
        CLI.write("old report\n", to: dir + "/r.json")
        let run = CLI.run(["check", "--format", "json", "--output", dir + "/r.json", "Samples/well-aligned.brief.toml"])
        #expect(run.status == 0)
        #expect(try String(contentsOfFile: dir + "/r.json", encoding: .utf8).hasPrefix("{\n  \"version\": 1"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["r.json"])
        // A write that fails leaves the old file as it was, and no temporary file.
        let file = try AtomicFile.create(dir + "/r.json").get()
        Array("half a rep".utf8).withUnsafeBytes { _ = file.write($0) }
        file.abandon()
        #expect(try String(contentsOfFile: dir + "/r.json", encoding: .utf8).hasPrefix("{\n  \"version\": 1"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["r.json"])
        #expect(FileSystem.writeFile(dir + "/b.json", Array("new\n".utf8)) == nil)
        #expect(try String(contentsOfFile: dir + "/b.json", encoding: .utf8) == "new\n")
        #expect(FileSystem.writeFile(dir, Array("x".utf8)) == "is a folder, not a file")
    }
}

/// Folders walked as a hostile user might lay them out: loops, links out of the tree, folders that
/// cannot be read, pipes and devices where briefs should be.
@Suite struct HostileFilesTests {
    @Test func linksAreFollowedOnlyInsideTheTreeAndEachFolderOnce() throws {
        let dir = CLI.scratch()
        let outside = CLI.scratch()
        try FileManager.default.createDirectory(atPath: dir + "/briefs", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CLI.packageRoot + "/Samples/well-aligned.brief.toml", toPath: dir + "/briefs/a.brief.toml")
        CLI.write("[campaign]\nname = \"SECRET-TOKEN-1234\"\n", to: outside + "/credentials.brief.toml")
        try FileManager.default.createSymbolicLink(atPath: dir + "/briefs/loop", withDestinationPath: dir)
        try FileManager.default.createSymbolicLink(atPath: dir + "/briefs/again", withDestinationPath: dir + "/briefs")
        try FileManager.default.createSymbolicLink(atPath: dir + "/stolen.brief.toml", withDestinationPath: outside + "/credentials.brief.toml")
        try FileManager.default.createSymbolicLink(atPath: dir + "/elsewhere", withDestinationPath: outside)
        let run = CLI.run(["check", dir])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Checked 1 brief"))
        #expect(!run.stdout.contains("SECRET") && !run.stderr.contains("SECRET"))
        #expect(run.stderr.contains("not followed: \(dir)/stolen.brief.toml, a link to \(outside)/credentials.brief.toml, outside \(dir)"))
        #expect(run.stderr.contains("not followed: \(dir)/elsewhere, a link to \(outside), outside"))
        #expect(run.stderr.contains("not followed: \(dir)/briefs/loop, a link to a folder already walked"))
        #expect(run.stderr.contains("not followed: \(dir)/briefs/again, a link to a folder already walked"))
    }

    @Test func aFolderThatCannotBeReadIsAnErrorNotASilentPass() throws {
        let dir = CLI.scratch()
        try FileManager.default.createDirectory(atPath: dir + "/locked", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CLI.packageRoot + "/Samples/aurora.brief.toml", toPath: dir + "/locked/a.brief.toml")
        try FileManager.default.copyItem(atPath: CLI.packageRoot + "/Samples/well-aligned.brief.toml", toPath: dir + "/b.brief.toml")
        chmod(dir + "/locked", 0)
        defer { chmod(dir + "/locked", 0o755) }
        // Root reads any folder, so the run is made as nobody when the tests run as root.
        let run = getuid() == 0
            ? try CLI.exec(["/usr/sbin/runuser", "-u", "nobody", "--", CLI.binary, "check", dir], executable: "/usr/sbin/runuser")
            : CLI.run(["check", dir])
        #expect(run.status == 2)
        #expect(run.stderr.contains("cannot read the folder \(dir)/locked: permission denied"), "\(run.stderr)")
    }

    @Test func pipesAndDevicesAreRefusedAtOnce() throws {
        let dir = CLI.scratch()
        #expect(mkfifo(dir + "/pipe.brief.toml", 0o644) == 0)
        let reason = "is not a regular file (a device, a pipe or a socket)"
        for args in [["parse", dir + "/pipe.brief.toml"], ["parse", "/dev/zero"], ["eval", "--brief", dir + "/pipe.brief.toml", "1"],
                     ["check", "--baseline", dir + "/pipe.brief.toml", "Samples/well-aligned.brief.toml"],
                     ["check", dir + "/pipe.brief.toml"], ["check", "/dev/null"]] {
            let run = try CLI.exec(args, timeout: 10)
            #expect(run.status == 2, "\(args)")
            #expect(run.stderr.contains(reason), "\(args): \(run.stderr)")
        }
        // In a folder, a pipe with a brief's name is not read (nor waited on).
        let walk = try CLI.exec(["check", "--allow-empty", dir], timeout: 10)
        #expect(walk.status == 0)
        #expect(walk.stderr.contains("no brief matched"))
    }
}

/// Text from a brief cannot start a line of its own in a human report (a GitHub workflow command)
/// nor reach the terminal as an escape sequence.
@Suite struct ReportInjectionTests {
    @Test func briefTextStaysOnItsLineInEveryFormat() throws {
        let dir = CLI.scratch()
        var brief = try CLI.sample("aurora")
        brief = brief.replacingOccurrences(of: "name = \"Aurora Serum — US launch\"", with: "name = \"x\\n::stop-commands::pwned\\n\\u001B]0;title\\u0007\\u001B[31m\"")
        brief = brief.replacingOccurrences(of: "name = \"Jess Makes\"", with: "name = \"Jess\\r\\n::warning file=x::injected\"")
        #expect(brief.contains("stop-commands") && brief.contains("injected"))
        CLI.write(brief, to: dir + "/x.brief.toml")
        for format in ["text", "markdown", "github", "junit", "json", "sarif"] {
            let run = CLI.run(["check", "--format", format, dir + "/x.brief.toml"])
            #expect(run.status == 1, "\(format): \(run.stderr)")
            let lines = (run.stdout + run.stderr).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            // Machine formats keep the text as it is, escaped as their syntax requires.
            if ["text", "markdown", "github"].contains(format) {
                #expect(!lines.contains { $0.hasPrefix("::stop-commands") || $0.hasPrefix("::warning file=x") }, "\(format)")
            }
            #expect(!(run.stdout + run.stderr).unicodeScalars.contains("\u{1B}"), "\(format)")
        }
    }
}

/// A run that checks some of the briefs (a pre-commit hook checks the staged ones) leaves the other
/// briefs' baseline entries alone.
@Suite struct BaselineSubsetTests {
    @Test func writingOrReadingABaselineForSomeBriefsKeepsTheOthersEntries() throws {
        let dir = CLI.scratch()
        let baseline = dir + "/baseline.json"
        let all = CLI.run(["check", "--write-baseline", baseline, "Samples"])
        #expect(all.stderr.contains("wrote 47 findings to the baseline"))
        let before = try String(contentsOfFile: baseline, encoding: .utf8)
        // Again with one brief: its entries are written anew, the others kept.
        let one = CLI.run(["check", "--write-baseline", baseline, "Samples/aurora.brief.toml"])
        #expect(one.stderr.contains("wrote 20 findings to the baseline \(baseline) (and kept 27 of briefs not checked in this run)"))
        #expect(try String(contentsOfFile: baseline, encoding: .utf8) == before)
        // Reading it with one brief reports nothing of the others as gone.
        let read = CLI.run(["check", "--baseline", baseline, "Samples/well-aligned.brief.toml"])
        #expect(read.status == 0)
        #expect(!read.stdout.contains("no longer occur"), "\(read.stdout)")
        // A baseline that is not one is left as it was.
        CLI.write("not json", to: dir + "/broken.json")
        let broken = CLI.run(["check", "--write-baseline", dir + "/broken.json", "Samples/aurora.brief.toml"])
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("was left as it was"))
        #expect(try String(contentsOfFile: dir + "/broken.json", encoding: .utf8) == "not json")
    }
}

/// A brief that fails the run only by its scores says which score fell below which minimum, in
/// every format.
@Suite struct MinimumScoreTests {
    @Test func everyFormatSaysWhichScoreIsBelowTheMinimum() throws {
        let sentence = "The overall score 94 and the timeline score 94 are below the minimum of 95 (--min-score)."
        for format in ["text", "markdown", "github", "junit", "sarif"] {
            let run = CLI.run(["check", "--min-score", "95", "--format", format, "Samples/launch-vs-breathe.brief.toml"])
            #expect(run.status == 1, "\(format)")
            #expect(run.stdout.contains(sentence), "\(format)")
        }
        let json = CLI.run(["check", "--min-score", "95", "--format", "json", "Samples/launch-vs-breathe.brief.toml"])
        #expect(json.stdout.contains("\"belowMinScore\": {\"minimum\": 95, \"scores\": {\"overall\": 94, \"timeline\": 94}}"))
        let junit = CLI.run(["check", "--min-score", "95", "--format", "junit", "Samples/launch-vs-breathe.brief.toml"])
        #expect(junit.stdout.contains("<testcase classname=\"Samples/launch-vs-breathe.brief.toml\" name=\"min-score 95\""))
        #expect(junit.stdout.contains("type=\"min-score\""))
        let passing = CLI.run(["check", "--min-score", "94", "--format", "text", "Samples/launch-vs-breathe.brief.toml"])
        #expect(passing.status == 0)
        #expect(!passing.stdout.contains("below the minimum"))
    }
}

/// Dates at the edges of TOML's range (years 0 and 9999) give findings or none, never a rule that
/// fails the run.
@Suite struct EdgeDateTests {
    @Test(arguments: ["0000-01-01", "0000-12-31", "9999-01-01", "9999-12-31"])
    func everyRuleCopesWithDatesAtTheEdge(_ date: String) throws {
        let dir = CLI.scratch()
        for sample in ["aurora", "media-buy-vs-prep", "black-friday", "well-aligned"] {
            let text = try CLI.sample(sample)
            let edged = text.replacingOccurrences(of: #"\d{4}-\d{2}-\d{2}"#, with: date, options: .regularExpression)
            CLI.write(edged, to: dir + "/\(sample).brief.toml")
        }
        let run = CLI.run(["check", "--format", "json", dir])
        #expect(run.status != 2, "\(run.stderr)")
        #expect(!run.stderr.contains("failed on"), "\(run.stderr)")
        #expect(CLI.run(["eval", "date(\"\(date)\").addDays(400) > date(\"\(date)\").addDays(-400)"]).stdout == "true\n")
    }
}

/// What a brief holds cannot make the work grow faster than the brief: thousands of ids in one
/// suppression are reported together, and lists longer than any campaign needs are refused.
@Suite struct BoundedWorkTests {
    @Test func aSuppressionWithThousandsOfIdsIsReportedInAFewNotices() throws {
        let dir = CLI.scratch()
        let base = try CLI.sample("well-aligned")
        let ids = (0..<16_000).map { String(format: "ZZ%05d", $0) } + Array(repeating: "TL004", count: 1_000)
        CLI.write("# accord-ignore \(ids.joined(separator: ", ")): because\n" + base, to: dir + "/many.brief.toml")
        let run = CLI.run(["check", "--format", "json", dir + "/many.brief.toml"])
        #expect(run.status == 0)
        #expect(run.stdout.components(separatedBy: "which is not a rule").count - 1 == 5)
        #expect(run.stdout.contains("accord-ignore names 15995 more that are not rules"))
        #expect(run.stdout.components(separatedBy: "the suppression of TL004 covers no finding").count - 1 == 1)
    }

    @Test func aListLongerThanAnyCampaignNeedsIsRefused() throws {
        let dir = CLI.scratch()
        let base = try CLI.sample("well-aligned")
        let creators = (0..<BriefLimits.maxItems).map { "[[creators]]\nid = \"c\($0)\"\nname = \"C\($0)\"\nfollowers = 1000\n" }
        CLI.write(base + "\n" + creators.joined(separator: "\n"), to: dir + "/long.brief.toml")
        let run = CLI.run(["check", dir + "/long.brief.toml"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("creators has \(BriefLimits.maxItems + 1) entries; a brief lists at most \(BriefLimits.maxItems)"))
    }
}
