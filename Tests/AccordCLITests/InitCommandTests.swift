import AccordCLI
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// `accord init`: the guided intake, in-process with a console that answers, and through a real
/// pseudo-terminal with the built binary.
@Suite struct InitCommandTests {
    /// A whole interview in English, with mistakes a person makes on the way (each answer that is
    /// refused is followed by the corrected one).
    static let english = [
        "Aurora Serum — US launch",
        "revenu", "revenue",                                   // did-you-mean on the objective
        "5,000 first-time US buyers within 90 days",
        "The launch must not slip past the booked TV flight",
        "United States, cnada", "United States, Canada",       // markets by name
        "40k", "",                                             // budget; currency default USD
        "Aurora Cosmetics", "Russia", "", "",                  // brand market by name; language and zone from it
        "reech, awareness", "reach, awareness",
        "50K impressions", "We need to reach new audiences",
        "Olga Petrova", "CMO", "no",
        "Jess Makes", "", "US", "",                            // id default jess; language default en
        "America/Los_Angels", "America/Los_Angeles",
        "instagrm, tiktok", "instagram, tiktok",
        "84 000", "engagement", "authenticity", "My audience trusts me", "21", "14",
        "n",                                                   // no second creator
        "Reach", "", "reach", "New audiences before retail", "50000", "impressions", "brand", "Meta Ads Manager", "30",
        "", "",                                                // another metric: the default (yes); then none
        "3", "reel", "",                                       // deliverables: platform default instagram
        "2026-03-02", "2026-03-05", "2026-03-01", "2026-03-16", "2026-03-20", "y", "2026-03-18", "2026-06-20",
        "2026-02-25", "", "", "",                              // minutes 45, attendees all, label default
    ]

    /// Runs `accord init` in-process in `folder`, answering with `lines` as if typed at a terminal.
    static func interview(_ lines: [String], _ args: [String] = [], in folder: String, terminal: Bool = true) -> Run {
        let console = Console(capturing: true, workingDirectory: folder, stdinIsTerminal: terminal, input: lines)
        let status = AccordCommand.run(["init"] + args, console: console)
        return Run(status: status, stdout: console.outputText, stderr: console.errorText)
    }

    static func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func anInterviewWritesACommentedBriefAndPrintsItsCheck() throws {
        let folder = CLI.scratch()
        let run = Self.interview(Self.english, in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let brief = try Self.read(folder + "/campaign.brief.toml")
        // The answers, read as the brief's types, with the defaults taken.
        #expect(brief.contains("markets = [\"US\", \"CA\"]"))
        #expect(brief.contains("budget = 40000\n"))
        #expect(brief.contains("currency = \"USD\""))
        #expect(brief.contains("market = \"RU\"\nlanguage = \"ru\"") || brief.contains("language = \"ru\""))
        #expect(brief.contains("timezone = \"Europe/Moscow\""))
        #expect(brief.contains("goals = [\"reach\", \"awareness\"]"))
        #expect(brief.contains("decision_maker = { name = \"Olga Petrova\", title = \"CMO\", present = false }"))
        #expect(brief.contains("id = \"jess\""))
        #expect(brief.contains("followers = 84000"))
        #expect(brief.contains("[[deliverables]]") && brief.contains("creator = \"jess\"") && brief.contains("platform = \"instagram\""))
        #expect(brief.contains("content_due = 2026-03-16"))
        #expect(brief.contains("attendees = [\"brand\", \"jess\"]"))
        #expect(brief.contains("ad_label = \"#ad\""))  // the US label, from the market data
        // Comments teach the format: a section's purpose, each key's question.
        #expect(brief.contains("# What does success look like in three months?"))
        #expect(brief.contains("# The dates, worked back from the fixed ones."))
        #expect(!brief.contains("(Enter"))
        // The check of what it wrote follows.
        #expect(run.stdout.contains("Wrote campaign.brief.toml"))
        #expect(run.stdout.contains("Checked 1 brief"))
        // And the brief is one `check` reads without a problem.
        let check = CLI.run(["check", "--format", "json", folder + "/campaign.brief.toml"])
        #expect(check.status != 2, "\(check.stderr)")
    }

    @Test func eachAnswerIsCheckedAsItIsGiven() {
        let run = Self.interview(Self.english, in: CLI.scratch())
        for expected in ["'revenu' is not one of: revenue", "Did you mean 'revenue'?",
                         "'cnada' is not a market", "Did you mean 'CA'?",
                         "'reech' is not one of", "Did you mean 'reach'?",
                         "'America/Los_Angels' is not a time zone", "Did you mean 'America/Los_Angeles'?",
                         "'instagrm' is not one of", "Did you mean 'instagram'?",
                         "2026-03-01 is before 2026-03-05"] {
            #expect(run.stdout.contains(expected), "\(expected)")
        }
        // Defaults are shown with the question; the values a choice takes before it.
        #expect(run.stdout.contains("In which currency? An ISO 4217 code [USD]: "))
        #expect(run.stdout.contains("  awareness, reach, engagement"))
    }

    @Test func lessThanGoesBackToThePreviousQuestion() throws {
        let folder = CLI.scratch()
        var lines = Self.english
        lines.insert(contentsOf: ["Wrong name", "<"], at: 0)
        // Back twice from the objective: the name is asked again.
        lines.insert(contentsOf: ["<"], at: 3)
        lines.insert(contentsOf: ["Aurora Serum — US launch"], at: 4)
        let run = Self.interview(lines, in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let brief = try Self.read(folder + "/campaign.brief.toml")
        #expect(brief.contains("name = \"Aurora Serum — US launch\""))
        #expect(!brief.contains("Wrong name"))
    }

    @Test func aFourthMetricGetsThePickThreeAdvice() throws {
        let folder = CLI.scratch()
        let metric = ["", "reach", "why", "10", "posts", "brand", "Instagram", ""]
        var lines = Array(Self.english.prefix(while: { $0 != "Reach" }))
        lines += ["Reach"] + metric + ["y", "Posts"] + metric + ["y", "Saves"] + metric + ["y"]
        lines += Array(Self.english.drop(while: { $0 != "3" }))
        let run = Self.interview(lines, in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Pick only three"))
        let brief = try Self.read(folder + "/campaign.brief.toml")
        #expect(brief.components(separatedBy: "[[metrics]]").count == 4)  // three metrics
    }

    @Test func inRussianItAsksAndWritesInRussian() throws {
        let folder = CLI.scratch()
        let lines = [
            "Весенний запуск", "revenu", "выручка", "5 000 покупателей за 90 дней", "Запуск не должен сорваться",
            "Россия", "3m", "",                                        // currency: RUB, from the market
            "Сияние", "", "", "", "охват, узнаваемость", "100 тысяч", "Нужна новая аудитория", "",
            "Маша", "", "", "", "", "телеграм, вк", "120000", "", "", "", "", "", "нет",
            "",                                                        // no metric
            "",                                                        // no deliverables
            "2026-03-02", "2026-03-04", "2026-03-16", "2026-03-20", "да", "", "2026-05-20", "2026-02-25", "", "", "",
        ]
        let run = Self.interview(lines, ["--lang", "ru"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Как называется кампания?"))
        #expect(run.stdout.contains("«revenu» — не из списка"))
        let brief = try Self.read(folder + "/campaign.brief.toml")
        #expect(brief.contains("# Бриф кампании, записанный `accord init`"))
        #expect(brief.contains("# Как выглядит успех через три месяца?"))
        #expect(brief.contains("business_objective = \"revenue\""))  // the objective by its Russian name
        #expect(brief.contains("markets = [\"RU\"]"))
        #expect(brief.contains("currency = \"RUB\""))
        #expect(brief.contains("goals = [\"reach\", \"awareness\"]"))  // goals by their Russian names
        #expect(brief.contains("platforms = [\"telegram\", \"vk\"]"))  // platforms as written in Russian
        #expect(brief.contains("launch_fixed = true"))
        #expect(brief.contains("ad_label = \"Реклама\""))
    }

    @Test func anExistingFileIsNeverOverwrittenWithoutForce() throws {
        let folder = CLI.scratch()
        CLI.write("# mine\n", to: folder + "/campaign.brief.toml")
        let refused = Self.interview(Self.english, in: folder)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("campaign.brief.toml already exists") && refused.stderr.contains("--force"))
        #expect(refused.stdout.isEmpty)  // refused before the first question
        #expect(try Self.read(folder + "/campaign.brief.toml") == "# mine\n")
        let forced = Self.interview(Self.english, ["--force"], in: folder)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try Self.read(folder + "/campaign.brief.toml").contains("[campaign]"))
    }

    @Test func theEndOfInputHalfwayLeavesNoFile() throws {
        let folder = CLI.scratch()
        let run = Self.interview(Array(Self.english.prefix(12)), in: folder)
        #expect(run.status == 2)
        #expect(run.stderr.contains("nothing was written"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func withNoTerminalItAsksNothingAndListsWhatIsMissing() throws {
        let folder = CLI.scratch()
        let run = Self.interview([], in: folder, terminal: false)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        for key in ["campaign.name", "campaign.markets", "brand.name", "creators.0.name", "timeline.launch"] {
            #expect(run.stderr.contains("  \(key): "), "\(key)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    static let partial = """
        [campaign]
        name = "Kedr — spring"
        markets = ["RU"]
        [brand]
        name = "Kedr"
        goals = ["sales"]
        [[creators]]
        name = "Masha Travel"
        platforms = ["telegram"]
        audience_markets = { RU = 0.9, KZ = 0.05 }
        [timeline]
        launch = 2027-04-01
        [budget]
        creator_fees = 300000
        """

    @Test func anAnswersFileFillsWhatItCanAndKeepsWhatItDoesNotAsk() throws {
        let folder = CLI.scratch()
        CLI.write(Self.partial, to: folder + "/answers.toml")
        let run = Self.interview([], ["--answers", "answers.toml", "spring.brief.toml"], in: folder, terminal: false)
        #expect(run.status == 0, "\(run.stderr)")
        let brief = try Self.read(folder + "/spring.brief.toml")
        #expect(brief.contains("name = \"Kedr — spring\""))
        #expect(brief.contains("id = \"masha\""))                        // defaults taken
        #expect(brief.contains("language = \"ru\""))
        #expect(brief.contains("audience_markets = { RU = 0.9, KZ = 0.05 }"))  // not asked, kept
        #expect(brief.contains("[budget]\ncreator_fees = 300000"))
        // JSON answers in the same shape, and an interview that asks only for the rest.
        let json = #"{"campaign": {"name": "Kedr", "markets": ["RU"]}, "brand": {"name": "Kedr"}, "creators": [{"name": "Masha"}]}"#
        CLI.write(json, to: folder + "/answers.json")
        let asked = Self.interview([], ["--answers", "answers.json", "--force", "spring.brief.toml"], in: folder)
        #expect(!asked.stdout.contains("What is the campaign called?"))
        #expect(asked.stdout.contains("What are we trying to accomplish?"))
    }

    @Test func aBrokenAnswersFileIsShownWhereItBreaks() {
        let folder = CLI.scratch()
        CLI.write("[campaign]\nname = \"unterminated\n", to: folder + "/answers.toml")
        let run = Self.interview([], ["--answers", "answers.toml"], in: folder, terminal: false)
        #expect(run.status == 2)
        #expect(run.stderr.contains("answers.toml:2:"))
        #expect(run.stderr.contains("^"))
        #expect((try? FileManager.default.contentsOfDirectory(atPath: folder))?.count == 1)
    }

    @Test func anAnswersFileOfTheWrongTypesWritesNothing() {
        let folder = CLI.scratch()
        CLI.write(Self.partial.replacingOccurrences(of: "markets = [\"RU\"]", with: "markets = \"RU\""), to: folder + "/answers.toml")
        let run = Self.interview([], ["--answers", "answers.toml"], in: folder, terminal: false)
        #expect(run.status == 2)
        #expect(run.stderr.contains("campaign.brief.toml was not written"))
        #expect(run.stderr.contains("campaign.markets must be a list of markets, not text"))
        #expect((try? FileManager.default.contentsOfDirectory(atPath: folder)) == ["answers.toml"])
    }

    @Test func otherLanguagesAreRefusedWithTheChoice() {
        let run = Self.interview([], ["--lang", "de"], in: CLI.scratch(), terminal: false)
        #expect(run.status == 2)
        #expect(run.stderr.contains("--lang en or --lang ru"))
    }
}

/// `accord init` as a person meets it: the built binary on a real pseudo-terminal, answering each
/// prompt when it shows.
@Suite struct InitTerminalTests {
    /// The binary running on a new pseudo-terminal in `folder`.
    final class Session {
        let process = Process()
        let master: Int32
        private(set) var transcript = ""

        /// `defaultSignals`: start the binary with SIGINT at its default action, as a shell starts a
        /// foreground command; a test runner may have it ignored, and an ignored signal stays ignored
        /// across exec.
        init(_ args: [String], in folder: String, environment: [String: String], defaultSignals: Bool = false) throws {
            var master: Int32 = -1
            var slave: Int32 = -1
            guard openpty(&master, &slave, nil, nil, nil) == 0 else { throw Failure(what: "openpty: \(errno)") }
            self.master = master
            let terminal = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
            if defaultSignals {
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments = ["--default-signal=INT", CLI.binary, "init"] + args
            } else {
                process.executableURL = URL(fileURLWithPath: CLI.binary)
                process.arguments = ["init"] + args
            }
            process.currentDirectoryURL = URL(fileURLWithPath: folder)
            process.environment = environment
            process.standardInput = terminal
            process.standardOutput = terminal
            process.standardError = terminal
            try process.run()
            try terminal.close()
        }

        deinit {
            if process.isRunning { process.terminate() }
            close(master)
        }

        struct Failure: Error { let what: String }

        /// Reads until the output since the last answer ends with a prompt (": "), or the process
        /// ends; fails after `timeout` seconds without either.
        func awaitPrompt(timeout: Double = 20) throws {
            var fresh = ""
            let deadline = Date().addingTimeInterval(timeout)
            while !fresh.hasSuffix(": ") {
                guard Date() < deadline else { throw Failure(what: "no prompt; so far:\n\(transcript)") }
                var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, 200) > 0 else { if !process.isRunning { return }; continue }
                var buffer = [UInt8](repeating: 0, count: 4096)
                let n = read(master, &buffer, buffer.count)
                if n <= 0 { return }  // the other end closed: the process ended
                let text = String(decoding: buffer[..<n], as: UTF8.self)
                fresh += text
                transcript += text
            }
        }

        func type(_ line: String) {
            let bytes = Array((line + "\n").utf8)
            _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
        }

        /// Waits for the process to end and reads what is left; its exit status.
        func finish(timeout: Double = 60) throws -> Int32 {
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning {
                guard Date() < deadline else { throw Failure(what: "did not end; so far:\n\(transcript)") }
                try? awaitPrompt(timeout: 0.5)
            }
            try? awaitPrompt(timeout: 0.5)
            return process.terminationStatus
        }
    }

    static var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = "xterm"
        env["NO_COLOR"] = nil
        env["CLICOLOR_FORCE"] = nil
        return env
    }

    @Test func answeringEachPromptWritesTheBrief() throws {
        let folder = CLI.scratch()
        let session = try Session([], in: folder, environment: Self.environment)
        for answer in InitCommandTests.english {
            try session.awaitPrompt()
            session.type(answer)
        }
        #expect(try session.finish() == 0, "\(session.transcript)")
        // On a terminal: colour, and the did-you-mean as the person typed it.
        #expect(session.transcript.contains("\u{1B}[1mWhat is the campaign called?"))
        #expect(session.transcript.contains("Did you mean 'revenue'?"))
        #expect(session.transcript.contains("Wrote campaign.brief.toml"))
        let brief = try String(contentsOfFile: folder + "/campaign.brief.toml", encoding: .utf8)
        #expect(brief.contains("name = \"Aurora Serum — US launch\""))
    }

    @Test func noColourWithNoColorSet() throws {
        var env = Self.environment
        env["NO_COLOR"] = "1"
        let session = try Session([], in: CLI.scratch(), environment: env)
        try session.awaitPrompt()
        #expect(session.transcript.contains("What is the campaign called?"))
        #expect(!session.transcript.contains("\u{1B}["))
    }

    @Test func ctrlCHalfwayLeavesNoFile() throws {
        let folder = CLI.scratch()
        let session = try Session([], in: folder, environment: Self.environment, defaultSignals: true)
        for answer in InitCommandTests.english.prefix(8) {
            try session.awaitPrompt()
            session.type(answer)
        }
        try session.awaitPrompt()
        session.process.interrupt()  // SIGINT, as Ctrl-C sends to the foreground process
        _ = try session.finish()
        #expect(session.process.terminationReason == .uncaughtSignal)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }
}
