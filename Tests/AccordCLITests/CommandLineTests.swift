import AccordCLI
import Foundation
import Testing

/// `--color auto|always|never`, on every command, over the environment.
@Suite struct ColorOptionTests {
    @Test func colorFollowsTheOptionThenTheEnvironment() {
        let always = CLI.run(["check", "--color", "always", "Samples/aurora.brief.toml"], environment: ["NO_COLOR": "1"])
        #expect(always.stdout.contains("\u{1B}["))
        let never = CLI.run(["check", "--color", "never", "Samples/aurora.brief.toml"], environment: ["CLICOLOR_FORCE": "1"])
        #expect(!never.stdout.contains("\u{1B}["))
        let forced = CLI.run(["check", "Samples/aurora.brief.toml"], environment: ["CLICOLOR_FORCE": "1"])
        #expect(forced.stdout.contains("\u{1B}["))
        let auto = CLI.run(["check", "--color", "auto", "Samples/aurora.brief.toml"])  // not a terminal
        #expect(!auto.stdout.contains("\u{1B}["))
        let wrong = CLI.run(["agenda", "--color", "sometimes", "Samples/aurora.brief.toml"])
        #expect(wrong.status == 2 && wrong.stderr.contains("--color takes auto, always or never"))
    }
}

/// `accord check -`: a brief from standard input, named by --stdin-name.
@Suite struct StandardInputTests {
    static func check(_ args: [String], input: String) -> Run {
        let console = Console(capturing: true, workingDirectory: CLI.packageRoot, input: input.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        let status = AccordCommand.run(["check"] + args, console: console)
        return Run(status: status, stdout: console.outputText, stderr: console.errorText)
    }

    @Test func aBriefFromStandardInputIsCheckedUnderItsName() throws {
        let run = Self.check(["--format", "json", "-", "--stdin-name", "briefs/spring.brief.toml"], input: try CLI.sample("aurora"))
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.contains("\"file\": \"briefs/spring.brief.toml\""))
        #expect(run.stdout.contains("\"rule\": \"TL004\""))
        let broken = Self.check(["-"], input: "[campain]\nname = \"x\"\n")
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("stdin.brief.toml:1:2: error: unknown key 'campain'"))
        // With files too: standard input comes after them.
        let both = Self.check(["Samples/well-aligned.brief.toml", "-"], input: try CLI.sample("aurora"))
        #expect(both.stdout.contains("Checked 2 briefs"))
    }
}

/// JUnit: the run's totals on <testsuites>, and the strict form Jenkins' junit-10.xsd accepts.
@Suite struct JUnitFormTests {
    static func attributes(_ tag: String, in xml: String) -> [[String: Int]] {
        xml.components(separatedBy: "<\(tag) ").dropFirst().map { element in
            var found: [String: Int] = [:]
            for name in ["tests", "failures", "errors"] {
                if let r = element.range(of: "\(name)=\""), let end = element[r.upperBound...].firstIndex(of: "\"") {
                    found[name] = Int(element[r.upperBound..<end])
                }
            }
            return found
        }
    }

    @Test func theTotalsAreTheSuitesSums() throws {
        for format in ["junit", "junit-strict"] {
            let xml = CLI.run(["check", "--format", format, "Samples"]).stdout
            let top = try #require(Self.attributes("testsuites", in: xml).first)
            let suites = Self.attributes("testsuite", in: xml)
            #expect(suites.count == 10)
            for key in ["tests", "failures", "errors"] {
                #expect(top[key] == suites.reduce(0) { $0 + ($1[key] ?? 0) }, "\(format) \(key)")
            }
            #expect((top["failures"] ?? 0) > 0)
        }
    }

    @Test func theStrictFormHasNoFileOrLineOnATestCase() {
        let strict = CLI.run(["check", "--format", "junit-strict", "Samples"]).stdout
        #expect(strict.contains("<testcase ") && !strict.contains(" file=\"") && !strict.contains(" line=\""))
        #expect(strict.contains("Samples/aurora.brief.toml:31:1: error"))  // positions stay in the failure's text
        let loose = CLI.run(["check", "--format", "junit", "Samples"]).stdout
        #expect(loose.contains(" file=\"Samples/aurora.brief.toml\" line=\""))
    }
}

/// The formats GitLab and Jenkins users reach for: Code Quality and Checkstyle.
@Suite struct LinterFormatTests {
    @Test func codeQualityIsAnIssuePerFindingThatCounts() throws {
        let run = CLI.run(["check", "--format", "codequality", "Samples"])
        let issues = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(CLI.run(["check", "--format", "json", "Samples"]).stdout.utf8)) as? [String: Any])
        let counted = ((json["summary"] as? [String: Any])?["findings"] as? Int)
        #expect(issues.count == counted)
        for issue in issues {
            #expect(issue["check_name"] is String && issue["description"] is String && issue["fingerprint"] is String)
            #expect(["info", "minor", "major", "critical", "blocker"].contains(issue["severity"] as? String ?? ""))
            let location = issue["location"] as? [String: Any]
            #expect((location?["path"] as? String)?.hasPrefix("Samples/") == true)
            #expect(((location?["lines"] as? [String: Any])?["begin"] as? Int ?? 0) >= 1)
        }
        #expect(Set(issues.compactMap { $0["fingerprint"] as? String }).count == issues.count)
        // A brief that cannot be checked is an issue too.
        let folder = CLI.scratch()
        CLI.write("[campain]\n", to: folder + "/bad.brief.toml")
        let bad = CLI.run(["check", "--format", "codequality", folder])
        #expect(bad.stdout.contains("\"check_name\": \"accord/invalid-brief\""))
    }

    @Test func checkstyleIsAFilePerBriefAndAnErrorPerFinding() {
        let xml = CLI.run(["check", "--format", "checkstyle", "Samples"]).stdout
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">"))
        #expect(xml.components(separatedBy: "<file name=").count - 1 == 10)
        #expect(xml.components(separatedBy: "<error ").count - 1 == 47)
        #expect(xml.contains("source=\"accord.TL004\""))
    }
}

/// `.accord.toml`: `extends` a shared config, `exclude`, and a `baseline` of its own.
@Suite struct SharedConfigTests {
    /// An agency's shared config, and a repository whose config extends it.
    static func layout(repository config: String, agency: String) throws -> String {
        let top = CLI.scratch()
        for folder in ["/agency", "/repo/briefs/drafts"] {
            try FileManager.default.createDirectory(atPath: top + folder, withIntermediateDirectories: true)
        }
        CLI.write(agency, to: top + "/agency/.accord.toml")
        CLI.write(config, to: top + "/repo/.accord.toml")
        let brief = try CLI.sample("aurora")
        CLI.write(brief, to: top + "/repo/briefs/aurora.brief.toml")
        CLI.write(brief, to: top + "/repo/briefs/drafts/aurora.brief.toml")
        return top + "/repo"
    }

    @Test func aConfigExtendsASharedOneAndWinsWhereBothSpeak() throws {
        let repo = try Self.layout(repository: "extends = \"../agency\"\nexclude = [\"briefs/drafts/**\"]\n[severity]\nGL001 = \"warning\"\n",
                                   agency: "disable = [\"MK004\"]\n[severity]\nTL004 = \"info\"\nGL001 = \"info\"\n")
        let run = CLI.run(["check", "--format", "json", "briefs"], cwd: repo)
        #expect(run.stderr.contains("1 brief(s) left out by exclude"))
        #expect(!run.stdout.contains("drafts/aurora"))
        #expect(!run.stdout.contains("\"rule\": \"MK004\""))  // the agency's disable
        let tl004 = try #require(run.stdout.range(of: "\"rule\": \"TL004\""))
        #expect(run.stdout[tl004.upperBound...].prefix(60).contains("\"info\""))  // the agency's severity
        let gl001 = try #require(run.stdout.range(of: "\"rule\": \"GL001\""))
        #expect(run.stdout[gl001.upperBound...].prefix(60).contains("\"warning\""))  // the repository's severity wins
    }

    @Test func aCycleAndAMissingConfigAreClearErrors() throws {
        let repo = try Self.layout(repository: "extends = \"../agency/.accord.toml\"\n", agency: "extends = \"../repo\"\n")
        let cycle = CLI.run(["check", "briefs"], cwd: repo)
        #expect(cycle.status == 2)
        #expect(cycle.stderr.contains("the configs extend each other in a circle"))
        let missing = try Self.layout(repository: "extends = \"../nowhere.toml\"\n", agency: "")
        let run = CLI.run(["check", "briefs"], cwd: missing)
        #expect(run.status == 2)
        #expect(run.stderr.contains(".accord.toml:1:11: error: extends names ../nowhere.toml, and there is no config there"))
    }

    @Test func theConfigsBaselineIsUsedWithoutTheOption() throws {
        let repo = try Self.layout(repository: "baseline = \"accord-baseline.txt\"\nexclude = [\"briefs/drafts/**\"]\n", agency: "")
        let write = CLI.run(["check", "--write-baseline", "accord-baseline.txt", "briefs"], cwd: repo)
        #expect(write.status != 2, "\(write.stderr)")
        let known = CLI.run(["check", "briefs"], cwd: repo)
        #expect(known.status == 0, "\(known.stderr)")  // every finding is in the baseline
    }
}
