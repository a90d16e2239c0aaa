import AccordCore
import Foundation
import Testing

/// `accord agenda` and `accord timeline`: what the meeting needs on the table, from every sample and
/// from briefs written to break them.
@Suite struct DocumentCommandTests {
    static func json(_ args: [String]) throws -> [String: Any] {
        let run = CLI.run(args)
        #expect(run.status == 0, "\(args): \(run.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    @Test(arguments: SampleReportTests.samples)
    func theAgendaMatchesTheReviewedOneAndItsSectionsAddUpToTheMeeting(_ sample: String) throws {
        let stem = SampleReportTests.stem(sample)
        for (format, ext) in [("markdown", "agenda.md"), ("html", "agenda.html"), ("text", "agenda.txt")] {
            let run = CLI.run(["agenda", "--format", format, "Samples/" + sample])
            #expect(run.status == 0 && run.stderr.isEmpty, "\(sample) \(format): \(run.stderr)")
            Golden.check(run.stdout, against: "Samples/reports/\(stem).\(ext)")
        }
        let agenda = try Self.json(["agenda", "--format", "json", "Samples/" + sample])
        let minutes = try #require(agenda["minutes"] as? Int)
        let sections = try #require(agenda["sections"] as? [[String: Any]])
        #expect((30...45).contains(minutes))
        #expect(sections.compactMap { $0["minutes"] as? Int }.reduce(0, +) == minutes)
        #expect(sections.allSatisfy { ($0["minutes"] as? Int ?? 0) >= 1 && $0["title"] is String })
        let ids = sections.compactMap { $0["id"] as? String }
        #expect(Array(ids.suffix(7)) == ["who", "questions", "conflicts", "metrics", "timeline", "market", "decisions"])
        // A brief that must not proceed opens with what blocks it.
        #expect((ids.first == "blockers") == (agenda["verdict"] as? String == "do-not-proceed"))
    }

    @Test func theMeetingsLengthComesFromTheBriefAndIsSharedOutExactly() throws {
        let brief = try CLI.sample("aurora").replacingOccurrences(of: "meeting_minutes = 45", with: "meeting_minutes = 30")
        let (run, _) = CLI.run(["agenda", "--format", "json"], onFile: "short.brief.toml", holding: brief)
        let agenda = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(agenda["minutes"] as? Int == 30)
        let sections = agenda["sections"] as? [[String: Any]] ?? []
        #expect(sections.compactMap { $0["minutes"] as? Int }.reduce(0, +) == 30)
        for (total, weights) in [(45, [4, 3, 8, 11, 5, 5, 3, 4]), (30, [3, 8, 5, 5, 2, 3, 4]), (10, [1, 1, 1, 1, 1, 1, 1, 1, 1]), (7, [9, 1])] {
            let parts = Agenda.share(total, by: weights)
            #expect(parts.reduce(0, +) == total && parts.allSatisfy { $0 >= 1 }, "\(total) \(weights): \(parts)")
        }
    }

    @Test func missingDecisionMakersComeFirstAndGapsAreMarked() throws {
        let agenda = try Self.json(["agenda", "--format", "json", "Samples/aurora.brief.toml"])
        let sections = try #require(agenda["sections"] as? [[String: Any]])
        let who = try #require(sections.first { $0["id"] as? String == "who" })
        let items = ((who["blocks"] as? [[String: Any]])?.first?["items"] as? [[String: Any]]) ?? []
        #expect((items.first?["text"] as? String)?.contains("Olga Petrova (CMO) decides for Aurora Cosmetics") == true)
        #expect(items.first?["gap"] as? Bool == true)
        let questions = try #require(sections.first { $0["id"] as? String == "questions" })
        let text = "\(questions)"
        #expect(text.contains("What does success look like in three months?"))
        #expect(text.contains("5,000 first-time US buyers within 90 days"))
        // Jess gives no reason for her goals: a gap.
        #expect(text.contains("Jess Makes (jess): engagement, community"))
    }

    @Test func aBriefWithNothingButWhatIsRequiredStillGetsAnAgendaOfGaps() throws {
        let bare = "[campaign]\nname = \"Bare\"\n[brand]\nname = \"Brand\"\n[[creators]]\nname = \"Creator\"\n"
        let (run, _) = CLI.run(["agenda"], onFile: "bare.brief.toml", holding: bare)
        #expect(run.status == 0, "\(run.stderr)")
        for expected in ["Meeting not scheduled yet, 45 minutes", "[!] Brand (brand) names nobody who decides.", "The brief: not answered",
                         "The brief names no key metric", "The brief has no dates yet", "[!] Ad disclosure: not set"] {
            #expect(run.stdout.contains(expected), "\(expected)")
        }
    }

    @Test func aBriefWithNothingButWhatIsRequiredStillGetsAnAgreementAndACreatorBrief() throws {
        let bare = "[campaign]\nname = \"Bare\"\n[brand]\nname = \"Brand\"\n[[creators]]\nname = \"Creator\"\n"
        let (agreement, _) = CLI.run(["agreement", "--format", "text"], onFile: "bare.brief.toml", holding: bare)
        #expect(agreement.status == 0, "\(agreement.stderr)")
        for expected in ["Business objective: not answered", "The brief names no key metric", "No deliverables are listed.",
                         "The brief has no dates yet", "Ad disclosure: not set", "For Brand (brand)", "Name: ______"] {
            #expect(agreement.stdout.contains(expected), "\(expected)")
        }
        let (creator, _) = CLI.run(["creator-brief", "--creator", "creator", "--format", "text"], onFile: "bare2.brief.toml", holding: bare)
        #expect(creator.status == 0, "\(creator.stderr)")
        #expect(creator.stdout.contains("Markets: not answered"))
    }

    @Test func anUnusableBriefGetsTheErrorCheckGives() {
        let (run, _) = CLI.run(["agenda"], onFile: "broken.brief.toml", holding: "[campaign]\nname = \"x\"\nbudgte = 3\n")
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("unknown key 'budgte' in [campaign]; did you mean 'budget'?"))
        #expect(run.stderr.contains("broken.brief.toml:3:1"))
        let missing = CLI.run(["agenda", "nowhere.brief.toml"])
        #expect(missing.status == 2 && missing.stderr.contains("cannot read nowhere.brief.toml"))
        let two = CLI.run(["agenda", "Samples/aurora.brief.toml", "Samples/black-friday.brief.toml"])
        #expect(two.status == 2 && two.stderr.contains("one brief at a time"))
        let format = CLI.run(["agenda", "--format", "ics", "Samples/aurora.brief.toml"])
        #expect(format.status == 2 && format.stderr.contains("unknown format 'ics'"))
    }

    /// Brief text lands in HTML, SVG, Markdown and text escaped: it can neither add markup nor break
    /// out of its line or table cell.
    @Test func textFromTheBriefIsEscapedWhereverItLands() throws {
        let hostile = "<script>alert(1)</script> | **bold** & \"quoted\"\n::warning::x"
        let brief = try CLI.sample("aurora")
            .replacingOccurrences(of: "north_star = \"5,000 first-time US buyers within 90 days\"", with: "north_star = \(Self.tomlString(hostile))")
            .replacingOccurrences(of: "name = \"Reach\"", with: "name = \(Self.tomlString("Reach | <b>"))")
            .replacingOccurrences(of: "name = \"Aurora Serum — US launch\"", with: "name = \(Self.tomlString("Aurora <svg onload=x>"))")
        let dir = CLI.scratch()
        CLI.write(brief, to: dir + "/hostile.brief.toml")
        let html = CLI.run(["agenda", "--format", "html", dir + "/hostile.brief.toml"])
        #expect(html.status == 0, "\(html.stderr)")
        #expect(!html.stdout.contains("<script>") && !html.stdout.contains("<svg onload") && !html.stdout.contains("<b>"))
        #expect(html.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        let markdown = CLI.run(["agenda", "--format", "markdown", dir + "/hostile.brief.toml"])
        #expect(markdown.stdout.contains("Reach \\| \\<b\\>"))
        #expect(!markdown.stdout.contains("\n::warning"))
        let svg = CLI.run(["timeline", "--format", "svg", dir + "/hostile.brief.toml"])
        #expect(svg.stdout.contains("Aurora &lt;svg onload=x&gt;") && !svg.stdout.contains("<svg onload"))
        let text = CLI.run(["agenda", dir + "/hostile.brief.toml"])
        #expect(!text.stdout.contains("\n::warning"))
    }

    static func tomlString(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n") + "\""
    }

    @Test func theAgendaIsWrittenInTheLanguageAskedForWithEachPartysQuestionsInItsOwn() {
        let ru = CLI.run(["agenda", "--lang", "ru", "--format", "html", "Samples/aurora.brief.toml"])
        #expect(ru.stdout.contains("<html lang=\"ru\">"))
        #expect(ru.stdout.contains("Повестка встречи по согласованию"))
        // Jess is asked in English, marked as such on a Russian page.
        #expect(ru.stdout.contains("<span lang=\"en\">Why do you want engagement and community"))
        let en = CLI.run(["agenda", "--format", "html", "Samples/aurora.brief.toml"])
        #expect(en.stdout.contains("<span lang=\"ru\">Почему вам нужны именно узнаваемость и охват"))
    }

    // MARK: Timeline

    @Test(arguments: SampleReportTests.samples)
    func theTimelinePictureMatchesTheReviewedOne(_ sample: String) {
        let run = CLI.run(["timeline", "--format", "svg", "Samples/" + sample])
        #expect(run.status == 0 || run.stderr.contains("has no dates"), "\(run.stderr)")
        guard run.status == 0 else { return }
        #expect(run.stdout.hasPrefix("<?xml") && run.stdout.hasSuffix("</svg>\n"))
        #expect(run.stdout.contains("<title id=\"tl-title\">") && run.stdout.contains("<desc id=\"tl-desc\">Key dates: "))
        Golden.check(run.stdout, against: "Samples/reports/\(SampleReportTests.stem(sample)).timeline.svg")
    }

    @Test func theTimelineMarksTheDatesFindingsConcern() {
        let text = CLI.run(["timeline", "Samples/aurora.brief.toml"])
        #expect(text.stdout.contains("2026-03-16  Content due  [TL004]"))
        #expect(text.stdout.contains("2026-03-20  Launch (fixed)"))
        #expect(text.stdout.contains("Prep of Jess Makes (→ 26 March 2026)"))
    }

    /// The calendar as RFC 5545 writes it: CRLF, lines folded at 75 octets without splitting a
    /// character, TEXT escaped, one all-day event per date with a UID that a revision keeps.
    @Test func theCalendarIsRFC5545AndARevisionKeepsItsUIDs() throws {
        let long = "Кампания с очень длинным названием, чтобы строки переносились; и запятые, и точки с запятой"
        let brief = try CLI.sample("aurora").replacingOccurrences(of: "name = \"Aurora Serum — US launch\"", with: "name = \"\(long)\"")
        let dir = CLI.scratch()
        CLI.write(brief, to: dir + "/a.brief.toml")
        CLI.write(brief.replacingOccurrences(of: "launch = 2026-03-20", with: "launch = 2026-03-27"), to: dir + "/b.brief.toml")
        let a = CLI.run(["timeline", "--format", "ics", dir + "/a.brief.toml"], environment: ["SOURCE_DATE_EPOCH": "1790000000"])
        let b = CLI.run(["timeline", "--format", "ics", dir + "/b.brief.toml"])
        #expect(a.status == 0 && b.status == 0)
        let lines = a.stdout.components(separatedBy: "\r\n")
        #expect(lines.last == "" && !a.stdout.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(lines.allSatisfy { $0.utf8.count <= 75 }, "\(lines.map(\.utf8.count).max() ?? 0)")
        let unfolded = a.stdout.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("X-WR-CALNAME:Кампания с очень длинным названием\\, чтобы строки переносились\\; и запятые\\, и точки с запятой"))
        func uids(_ s: String) -> [String] { s.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") } }
        #expect(uids(a.stdout).count == 7 && Set(uids(a.stdout)).count == 7)
        #expect(uids(a.stdout) == uids(b.stdout))
        #expect(a.stdout.contains("DTSTART;VALUE=DATE:20260320") && b.stdout.contains("DTSTART;VALUE=DATE:20260327"))
        #expect(a.stdout.contains("DTSTAMP:20260921T141320Z"))
    }

    @Test func outputsAreWrittenWholeAndEveryFormatOnce() throws {
        let dir = CLI.scratch()
        let run = CLI.run(["agenda", "--format", "json", "--output", dir + "/a.json", "--output", dir + "/a.html", "--format", "markdown",
                           "Samples/black-friday.brief.toml"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("# Alignment meeting agenda"))
        #expect(try String(contentsOfFile: dir + "/a.html", encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
        #expect(try String(contentsOfFile: dir + "/a.json", encoding: .utf8).hasPrefix("{\n  \"document\": \"agenda\""))
        let unwritable = CLI.run(["agenda", "--output", "/nonexistent-folder/a.md", "Samples/black-friday.brief.toml"])
        #expect(unwritable.status == 2 && unwritable.stderr.contains("cannot write /nonexistent-folder/a.md"))
    }

    // MARK: Agreement

    @Test(arguments: SampleReportTests.samples)
    func theAgreementMatchesTheReviewedOne(_ sample: String) throws {
        let stem = SampleReportTests.stem(sample)
        for (format, ext) in [("markdown", "agreement.md"), ("html", "agreement.html")] {
            let run = CLI.run(["agreement", "--format", format, "Samples/" + sample])
            #expect(run.status == 0 && run.stderr.isEmpty, "\(sample) \(format): \(run.stderr)")
            Golden.check(run.stdout, against: "Samples/reports/\(stem).\(ext)")
        }
        let agreement = try Self.json(["agreement", "--format", "json", "Samples/" + sample])
        let check = try Self.json(["check", "--format", "json", "Samples/" + sample].map { $0 }, status: [0, 1])
        let errors = ((check["briefs"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]] ?? []).filter { $0["severity"] as? String == "error" }
        // A draft exactly while an error finding is open, and then it says what to settle.
        #expect(agreement["draft"] as? Bool == !errors.isEmpty)
        let sections = (agreement["sections"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect((sections.first == "draft") == !errors.isEmpty)
        #expect(Array(sections.suffix(8)) == ["objective", "goals", "metrics", "deliverables", "timeline", "obligations", "checkins", "signoff"])
        #expect((agreement["fingerprint"] as? String)?.hasPrefix("sha256:") == true)
        #expect((agreement["fingerprint"] as? String)?.count == 71)
    }

    static func json(_ args: [String], status: Set<Int32>) throws -> [String: Any] {
        let run = CLI.run(args)
        #expect(status.contains(run.status), "\(args): \(run.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    static func fingerprint(_ text: String, name: String = "a.brief.toml") throws -> String {
        let (run, _) = CLI.run(["agreement", "--format", "json"], onFile: name, holding: text)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stderr)")
        return try #require(json["fingerprint"] as? String)
    }

    /// The same agreed content gives the same fingerprint however it is written; a change to what is
    /// agreed changes it, a change to who has approved does not.
    @Test func theFingerprintFollowsTheAgreedContentNotItsForm() throws {
        let toml = try CLI.sample("aurora")
        let base = try Self.fingerprint(toml)
        // As JSON, keys in another order, comments and spacing changed.
        let raw = CLI.scratch() + "/aurora.toml"
        CLI.write(toml, to: raw)
        let json = CLI.run(["parse", "--format", "json", raw]).stdout
        #expect(try Self.fingerprint(json, name: "a.brief.json") == base)
        let reordered = toml.replacingOccurrences(of: "name = \"Aurora Cosmetics\"\n", with: "")
            .replacingOccurrences(of: "[brand]\n", with: "[brand]\n# the brand\nname   =   'Aurora Cosmetics'\n")
        #expect(reordered != toml)
        #expect(try Self.fingerprint(reordered) == base)
        #expect(try Self.fingerprint(toml.replacingOccurrences(of: "threshold = 50000", with: "threshold = 50000.0")) == base)
        // What is agreed changes it.
        for changed in [toml.replacingOccurrences(of: "threshold = 50000", with: "threshold = 60000"),
                        toml.replacingOccurrences(of: "launch = 2026-03-20", with: "launch = 2026-03-21"),
                        toml.replacingOccurrences(of: "success = \"authenticity\"", with: "success = \"authenticity!\"")] {
            #expect(changed != toml)
            #expect(try Self.fingerprint(changed) != base)
        }
        // Approving is not agreeing to something else.
        let approved = toml.replacingOccurrences(of: "approved_by = [\"brand\"]", with: "approved_by = [\"brand\", \"jess\"]")
        #expect(approved != toml)
        #expect(try Self.fingerprint(approved) == base)
    }

    /// SHA-256 against the FIPS 180-4 examples and a million-character message.
    @Test func sha256MatchesTheStandardsExamples() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func theAgreementIsInEveryLanguageThePartiesSpeakWithTheirOwnWordsAsWritten() {
        let run = CLI.run(["agreement", "--format", "html", "Samples/aurora.brief.toml"])
        // The brand speaks Russian, the creator English: every heading in both.
        #expect(run.stdout.contains("Ключевые метрики") && run.stdout.contains("Key metrics"))
        #expect(run.stdout.contains("<span lang=\"en\">Key metrics</span>") || run.stdout.contains("<span lang=\"ru\">Ключевые метрики</span>"))
        #expect(run.stdout.contains("<q>We need to reach new audiences before the retail launch</q>"))
        #expect(run.stdout.contains("class=\"banner\""))
        // What must be settled, in both: the page's language first, the other marked as a translation.
        #expect(run.stdout.contains("Jess Makes нужно 21 дн. от утверждённого брифа до готового контента"))
        #expect(run.stdout.contains(" / <span lang=\"en\">Jess Makes needs 21 days from an approved brief to ready content"))
        for name in ["Olga Petrova"] { #expect(run.stdout.contains(name)) }
        let english = CLI.run(["agreement", "--format", "markdown", "Samples/well-aligned.brief.toml"])
        #expect(!english.stdout.contains("DRAFT"))
        #expect(english.stdout.contains("## Sign-off"))
    }

    // MARK: Creator brief

    @Test(arguments: SampleReportTests.samples)
    func eachCreatorsBriefMatchesTheReviewedOne(_ sample: String) throws {
        let brief = try Self.json(["parse", "--format", "json", "Samples/" + sample], status: [0])
        let ids = (brief["creators"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(!ids.isEmpty)
        for id in ids {
            let run = CLI.run(["creator-brief", "--creator", id, "Samples/" + sample])
            #expect(run.status == 0 && run.stderr.isEmpty, "\(sample) \(id): \(run.stderr)")
            Golden.check(run.stdout, against: "Samples/reports/\(SampleReportTests.stem(sample)).creator-\(id).md")
            let json = try Self.json(["creator-brief", "--creator", id, "--format", "json", "Samples/" + sample])
            let sections = (json["sections"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(sections == ["objective", "success", "audience", "deliverables", "cannot_go_wrong", "disclosure", "questions"])
        }
    }

    @Test func aCreatorBriefIsInTheCreatorsLanguageWithOnlyTheirQuestions() throws {
        let run = CLI.run(["creator-brief", "--creator", "jess", "--format", "json", "Samples/aurora.brief.toml"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["language"] as? String == "en")
        let check = try Self.json(["check", "--format", "json", "Samples/aurora.brief.toml"], status: [1])
        let questions = ((check["briefs"] as? [[String: Any]])?.first?["questions"] as? [[String: Any]] ?? [])
        #expect(json["open_questions"] as? Int == questions.filter { $0["to"] as? String == "jess" }.count)
        #expect(run.stdout.contains("62% of your audience is in US"))
        // A creator who writes in Russian gets Russian.
        let brief = try CLI.sample("aurora").replacingOccurrences(of: "language = \"en\"", with: "language = \"ru\"")
        let (ru, _) = CLI.run(["creator-brief", "--creator", "jess"], onFile: "ru.brief.toml", holding: brief)
        #expect(ru.stdout.hasPrefix("# Бриф для автора"), "\(ru.stdout.prefix(200))")
    }

    @Test func aCreatorBriefNeedsACreatorOfTheBrief() {
        let none = CLI.run(["creator-brief", "Samples/aurora.brief.toml"])
        #expect(none.status == 2 && none.stderr.contains("which creator? Give --creator ID") && none.stderr.contains("the creators of Samples/aurora.brief.toml are jess"))
        let typo = CLI.run(["creator-brief", "--creator", "jes", "Samples/aurora.brief.toml"])
        #expect(typo.status == 2 && typo.stderr.contains("has no creator 'jes'; did you mean 'jess'?"))
        #expect(typo.stdout.isEmpty)
    }
}
