import AccordCore
import Foundation
import Testing

/// `accord diff`: what a revision resolved, introduced and changed, and whether it needs approval again.
@Suite struct DiffCommandTests {
    /// The well-aligned sample, approved by both its parties, and a revision of it.
    static func revisions(_ edit: (String) -> String) throws -> (old: String, new: String, folder: String) {
        let folder = CLI.scratch()
        let old = try CLI.sample("well-aligned")
        CLI.write(old, to: folder + "/old.brief.toml")
        CLI.write(edit(old), to: folder + "/new.brief.toml")
        return (folder + "/old.brief.toml", folder + "/new.brief.toml", folder)
    }

    static func pivot(_ brief: String) -> String {
        brief.replacingOccurrences(of: "threshold = 3000", with: "threshold = 4000")
            .replacingOccurrences(of: "launch = 2026-05-12", with: "launch = 2026-05-19")
    }

    static func json(_ args: [String], status: Int32) throws -> [String: Any] {
        let run = CLI.run(args)
        #expect(run.status == status, "\(args): \(run.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    static func fingerprint(_ path: String) throws -> String {
        let run = CLI.run(["agreement", "--format", "json", path])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        return try #require(json["fingerprint"] as? String)
    }

    @Test func aChangeToWhatWasApprovedNeedsEveryPartyAgain() throws {
        let (old, new, _) = try Self.revisions(Self.pivot)
        let text = CLI.run(["diff", old, new])
        #expect(text.status == 1, "\(text.stderr)")
        for part in ["the threshold of the metric First-time buyers rose from 3,000 to 4,000",
                     "the launch moved from 12 May 2026 to 19 May 2026, 7 days later",
                     "Fernway Foods (brand), Nora Outdoors (nora) must approve it again"] {
            #expect(text.stdout.contains(part), "\(part)")
        }
        let json = try Self.json(["diff", "--format", "json", old, new], status: 1)
        #expect((json["old"] as? [String: Any])?["verdict"] as? String == "ready")
        #expect((json["new"] as? [String: Any])?["score"] as? Int == 92)
        #expect(json["mustApproveAgain"] as? [String] == ["brand", "nora"])
        let introduced = json["introduced"] as? [[String: Any]] ?? []
        let approval = try #require(introduced.first { $0["rule"] as? String == "PR008" })
        #expect(approval["category"] as? String == "process")
        let asked = (approval["questions"] as? [[String: Any]] ?? []).compactMap { $0["to"] as? String }
        #expect(asked == ["brand", "nora"])
        let question = (approval["questions"] as? [[String: Any]])?.first?["text"] as? String ?? ""
        #expect(question.contains("rose from 3,000 to 4,000"))
        let changed = json["changed"] as? [[String: Any]] ?? []
        #expect(changed.compactMap { $0["path"] as? String } == ["metrics[0].threshold", "timeline.launch"])
        #expect(changed.first?["old"] as? Double == 3000 && changed.first?["new"] as? Double == 4000)
    }

    @Test func approvalGivenAgainIsRecordedInTheBrief() throws {
        // By the new revision's own fingerprint...
        let (old, new, folder) = try Self.revisions(Self.pivot)
        let fingerprint = try Self.fingerprint(new)
        let approved = try String(contentsOfFile: new, encoding: .utf8)
            .replacingOccurrences(of: "approved_by = [\"brand\", \"nora\"]", with: "approved_by = [\"brand\", \"nora\"]\napproved_fingerprint = \"\(fingerprint)\"")
        CLI.write(approved, to: folder + "/approved.brief.toml")
        let run = CLI.run(["diff", old, folder + "/approved.brief.toml"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("the revision records their approval again"))
        // ... or by a later approval date.
        let dated = try String(contentsOfFile: new, encoding: .utf8)
            .replacingOccurrences(of: "approved_by = [\"brand\", \"nora\"]", with: "approved_by = [\"brand\", \"nora\"]\napproved_on = 2026-04-20")
        CLI.write(dated, to: folder + "/dated.brief.toml")
        #expect(CLI.run(["diff", old, folder + "/dated.brief.toml"]).status == 0)
        // A fingerprint left from before is stale, and check says so too.
        let stale = try String(contentsOfFile: new, encoding: .utf8)
            .replacingOccurrences(of: "approved_by = [\"brand\", \"nora\"]", with: "approved_by = [\"brand\", \"nora\"]\napproved_fingerprint = \"\(try Self.fingerprint(old))\"")
        CLI.write(stale, to: folder + "/stale.brief.toml")
        #expect(CLI.run(["diff", old, folder + "/stale.brief.toml"]).status == 1)
        let check = CLI.run(["check", "--format", "json", folder + "/stale.brief.toml"])
        #expect(check.stdout.contains("\"rule\": \"PR008\""))
        #expect(!CLI.run(["check", "--format", "json", folder + "/approved.brief.toml"]).stdout.contains("\"rule\": \"PR008\""))
    }

    @Test func nothingChangedAndMovingASectionIsNoChange() throws {
        let (old, _, folder) = try Self.revisions { $0 }
        let same = CLI.run(["diff", old, old])
        #expect(same.status == 0 && same.stdout.contains("No change."))
        // The Views metric moved before the others, the TOML reformatted as JSON.
        let brief = try String(contentsOfFile: old, encoding: .utf8)
        let views = try #require(brief.range(of: "[[metrics]]\nname = \"Views\""))
        let end = try #require(brief.range(of: "\n[timeline]"))
        let block = String(brief[views.lowerBound..<end.lowerBound])
        let first = try #require(brief.range(of: "[[metrics]]"))
        var moved = brief
        moved.removeSubrange(views.lowerBound..<end.lowerBound)
        moved.insert(contentsOf: block + "\n", at: moved.range(of: "[[metrics]]")!.lowerBound)
        #expect(first.lowerBound < views.lowerBound)
        CLI.write(moved, to: folder + "/moved.brief.toml")
        let run = CLI.run(["diff", old, folder + "/moved.brief.toml"])
        #expect(run.status == 0 && run.stdout.contains("No change."), "\(run.stdout)")
    }

    @Test func findingsAreMatchedByWhatTheyAreAboutNotByLine() throws {
        // A metric without its why (MT003) moves to the front: the same finding, not a new one.
        let (old, _, folder) = try Self.revisions { $0 }
        let brief = try String(contentsOfFile: old, encoding: .utf8).replacingOccurrences(of: "why = \"Buyers come from people who saw the bars on the trail\"\n", with: "")
        CLI.write(brief, to: folder + "/a.brief.toml")
        let views = try #require(brief.range(of: "[[metrics]]\nname = \"Views\""))
        let end = try #require(brief.range(of: "\n[timeline]"))
        var moved = brief
        let block = String(brief[views.lowerBound..<end.lowerBound])
        moved.removeSubrange(views.lowerBound..<end.lowerBound)
        moved.insert(contentsOf: block + "\n", at: moved.range(of: "[[metrics]]")!.lowerBound)
        CLI.write(moved, to: folder + "/b.brief.toml")
        let json = try Self.json(["diff", "--format", "json", folder + "/a.brief.toml", folder + "/b.brief.toml"], status: 0)
        #expect((json["introduced"] as? [Any])?.isEmpty == true && (json["resolved"] as? [Any])?.isEmpty == true)
        // Giving it back its why resolves it.
        let fixed = try Self.json(["diff", "--format", "json", folder + "/a.brief.toml", old], status: 1)
        #expect((fixed["resolved"] as? [[String: Any]])?.compactMap { $0["rule"] as? String } == ["MT003"])
    }

    @Test func revisionsAreReadFromGit() throws {
        let folder = CLI.scratch()
        func git(_ args: String...) throws {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["git", "-C", folder, "-c", "user.name=Test", "-c", "user.email=test@example.com"] + args
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "git \(args)")
        }
        let brief = try CLI.sample("well-aligned")
        try git("init", "-q")
        try FileManager.default.createDirectory(atPath: folder + "/briefs", withIntermediateDirectories: true)
        CLI.write(brief, to: folder + "/briefs/spring.brief.toml")
        try git("add", ".")
        try git("commit", "-q", "-m", "first")
        CLI.write(Self.pivot(brief), to: folder + "/briefs/spring.brief.toml")
        try git("commit", "-q", "-am", "pivot")
        let run = CLI.run(["diff", "HEAD~1:briefs/spring.brief.toml", "HEAD:briefs/spring.brief.toml"], cwd: folder)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("HEAD~1:briefs/spring.brief.toml → HEAD:briefs/spring.brief.toml"))
        #expect(run.stdout.contains("rose from 3,000 to 4,000"))
        // A path from a subfolder, against the working file.
        let inside = CLI.run(["diff", "HEAD~1:spring.brief.toml", "spring.brief.toml"], cwd: folder + "/briefs")
        #expect(inside.status == 1 && inside.stdout.contains("7 days later"), "\(inside.stderr)")
        let missing = CLI.run(["diff", "HEAD~5:briefs/spring.brief.toml", "briefs/spring.brief.toml"], cwd: folder)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read the old revision HEAD~5:briefs/spring.brief.toml"), "\(missing.stderr)")
        let nofile = CLI.run(["diff", "HEAD~1:briefs/autumn.brief.toml", "briefs/spring.brief.toml"], cwd: folder)
        #expect(nofile.status == 2 && nofile.stderr.contains("autumn.brief.toml"), "\(nofile.stderr)")
    }

    @Test func withoutGitTheErrorSaysSo() {
        guard case .failure(let problem) = GitShow.run(["accord-no-such-git"]) else {
            Issue.record("a missing program ran")
            return
        }
        #expect(problem.reason.contains("git is not installed"))
    }

    @Test func unusableInputIsAnErrorThatNamesTheSide() throws {
        let (old, _, folder) = try Self.revisions { $0 }
        CLI.write("[campaign\n", to: folder + "/broken.brief.toml")
        let broken = CLI.run(["diff", old, folder + "/broken.brief.toml"])
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("broken.brief.toml:1:10: error") && broken.stderr.contains("the new revision"))
        let other = CLI.run(["diff", old, "Samples/aurora.brief.toml"])
        #expect(other.status == 2 && other.stderr.contains("briefs of different campaigns"))
        #expect(CLI.run(["diff", old]).status == 2)
        #expect(CLI.run(["diff", old, folder + "/none.brief.toml"]).status == 2)
    }

    @Test func eachPartyIsAskedInItsLanguage() throws {
        let folder = CLI.scratch()
        let old = try CLI.sample("absent-decision-maker").replacingOccurrences(of: "approved_by = [\"agency\", \"brand\"]", with: "approved_by = [\"agency\", \"brand\", \"lena\"]")
        CLI.write(old, to: folder + "/old.brief.toml")
        CLI.write(old.replacingOccurrences(of: "threshold = 500000", with: "threshold = 400000"), to: folder + "/new.brief.toml")
        let json = try Self.json(["diff", "--format", "json", folder + "/old.brief.toml", folder + "/new.brief.toml"], status: 1)
        let approval = (json["introduced"] as? [[String: Any]] ?? []).first { $0["rule"] as? String == "PR008" }
        let lena = (approval?["questions"] as? [[String: Any]] ?? []).first { $0["to"] as? String == "lena" }
        #expect(lena?["language"] as? String == "ru")
        #expect((lena?["text"] as? String)?.contains("порог (метрика «Views»): было 500 000, стало 400 000") == true, "\(String(describing: lena))")
    }

    @Test func theMarkdownIsAPullRequestComment() throws {
        let (old, new, _) = try Self.revisions(Self.pivot)
        let run = CLI.run(["diff", "--format", "markdown", old, new])
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("### Brief revision: ") == true)
        #expect(lines.dropFirst().first { !$0.isEmpty }?.hasPrefix("**score 100 → 92") == true)
        #expect(run.stdout.contains("<details><summary>") && run.stdout.contains("</details>"))
        let github = CLI.run(["diff", "--format", "github", old, new])
        #expect(github.stdout.hasPrefix("::error file=") && github.stdout.contains("PR008"))
    }
}
