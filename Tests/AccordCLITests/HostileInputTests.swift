import AccordCore
import AccordTestSupport
import Foundation
import Testing

/// Input written to do harm, against the real binary: each ends in an exit status Accord chose (never
/// a signal or a hang), with the problem named on standard error where there is one. The cases
/// found and fixed elsewhere (depth, links, pipes, devices, unreadable folders, write errors, rule
/// packs) have their own tests beside the code they exercise; these are the big, the malformed, the
/// concurrent and the killed.
@Suite struct HostileInputTests {
    static let base = (try? CLI.sample("well-aligned")) ?? ""

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let file: String
        let bytes: @Sendable () -> Data
        /// Exit statuses that are right.
        let statuses: Set<Int32>
        /// What standard error must say.
        let says: [String]

        var testDescription: String { name }
    }

    static func brief(_ text: String) -> Data { Data(text.utf8) }

    static let cases: [Case] = [
        Case(name: "a 50 MB brief: one text of 50 million characters", file: "long.brief.toml",
             bytes: { brief(base.replacingOccurrences(of: "[campaign]\n", with: "[campaign]\nx_notes = \"\(String(repeating: "x", count: 50_000_000))\"\n")) },
             statuses: [0, 1], says: []),
        Case(name: "a 50 MB brief: half a million comment lines", file: "comments.brief.toml",
             bytes: { brief(base + String(repeating: "# " + String(repeating: "y", count: 98) + "\n", count: 500_000)) },
             statuses: [0, 1], says: []),
        Case(name: "a million keys in a section", file: "keys.brief.toml",
             bytes: { brief(base.replacingOccurrences(of: "[campaign]\n", with: "[campaign]\n" + (0..<1_000_000).map { "k\($0) = \($0)\n" }.joined())) },
             statuses: [2], says: ["unknown key 'k0' in [campaign]", "and 999900 more problems in this brief, not listed"]),
        Case(name: "a million keys in a table of their own", file: "table.brief.toml",
             bytes: { brief(base + "\n[x_extra]\n" + (0..<1_000_000).map { "k\($0) = \($0)\n" }.joined()) },
             statuses: [0, 1], says: []),
        Case(name: "invalid UTF-8 in a text", file: "utf8.brief.toml",
             bytes: { var d = brief(base.replacingOccurrences(of: "[brand]\n", with: "[brand]\nx_note = \"")); d.append(contentsOf: [0xFF, 0xFE, 0x22, 0x0A]); return d },
             statuses: [2], says: ["error: the file is not valid UTF-8 (byte 0xFF)", "utf8.brief.toml:"]),
        Case(name: "a NUL byte", file: "nul.brief.toml",
             bytes: { brief(base.replacingOccurrences(of: "[brand]\n", with: "[brand]\u{0}\n")) },
             statuses: [2], says: ["control character U+0000"]),
        Case(name: "a UTF-8 byte order mark (TOML)", file: "bom.brief.toml",
             bytes: { Data([0xEF, 0xBB, 0xBF]) + brief(base) }, statuses: [0, 1], says: []),
        Case(name: "a UTF-8 byte order mark (JSON)", file: "bom.brief.json",
             bytes: { Data([0xEF, 0xBB, 0xBF]) + ((try? Data(contentsOf: URL(fileURLWithPath: CLI.packageRoot + "/Samples/two-dashboards.brief.json"))) ?? Data()) },
             statuses: [0, 1], says: []),
        Case(name: "a UTF-16 file", file: "utf16.brief.toml",
             bytes: { base.data(using: .utf16) ?? Data() }, statuses: [2], says: ["the file is UTF-16, not UTF-8", "re-save the file as UTF-8"]),
        Case(name: "a binary file", file: "binary.brief.toml",
             bytes: { var g = SeededGenerator(seed: 7); return Data((0..<65536).map { _ in UInt8.random(in: 0...255, using: &g) }) },
             statuses: [2], says: ["the file is binary, not TOML text"]),
        Case(name: "an empty file", file: "empty.brief.toml", bytes: { Data() }, statuses: [2], says: ["has no 'campaign', which is required"]),
        Case(name: "a hundred thousand nested arrays", file: "deep.brief.toml",
             bytes: { brief(base + "x_deep = " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n") },
             statuses: [2], says: ["arrays and tables are nested more than 2000 deep"]),
    ]

    @Test(arguments: cases)
    func endsInAnExitStatusAndNamesTheProblem(_ c: Case) throws {
        let dir = CLI.scratch()
        let path = dir + "/" + c.file
        try c.bytes().write(to: URL(fileURLWithPath: path))
        for format in ["text", "json"] {
            let run = try CLI.exec(["check", "--format", format, path], timeout: 120)
            #expect(c.statuses.contains(run.status), "\(format): exit \(run.status): \(run.stderr.prefix(500))")
            for words in c.says { #expect(run.stderr.contains(words), "\(format): \(run.stderr.prefix(500))") }
            // A line of the report or of a message never carries the 50 MB text whole.
            #expect(run.stderr.count < 100_000 && run.stdout.count < 1_000_000)
        }
    }

    /// Briefs for the runs below: the samples, copied `copies` times.
    static func briefs(copies: Int) throws -> String {
        let dir = CLI.scratch()
        let samples = try FileManager.default.contentsOfDirectory(atPath: CLI.packageRoot + "/Samples").filter { $0.contains(".brief.") }
        for k in 0..<copies {
            for name in samples {
                try FileManager.default.copyItem(atPath: CLI.packageRoot + "/Samples/" + name, toPath: dir + "/\(k)-" + name)
            }
        }
        return dir
    }

    /// Ten runs at once, each checking one brief and writing one baseline: every run's entries are
    /// in it at the end (each reads, merges and rewrites it under a lock), as one run of all writes it.
    @Test func concurrentRunsWritingOneBaselineLoseNothing() throws {
        let dir = try Self.briefs(copies: 1)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".brief.") }.sorted()
        // All started before any is waited for (not a pool the size of the cores).
        let processes = names.map { name in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = ["check", "--write-baseline", "shared.json", name]
            process.currentDirectoryURL = URL(fileURLWithPath: dir)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            return process
        }
        for process in processes { try process.run() }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationReason == .exit && [0, 1].contains($0.terminationStatus) })
        let together = try CLI.exec(["check", "--write-baseline", "one-run.json", "."], cwd: dir)
        #expect(together.status == 1)
        let shared = try String(contentsOfFile: dir + "/shared.json", encoding: .utf8)
        #expect(shared == (try String(contentsOfFile: dir + "/one-run.json", encoding: .utf8)))
        #expect(shared.contains("\"rule\""))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".accord-") } == [])
    }

    /// A run killed while it writes a report or a baseline leaves the file as it was, or whole.
    @Test(arguments: ["--output", "--write-baseline"])
    func aKillInTheMiddleOfAWriteLeavesTheOldFileOrTheNewOne(_ option: String) throws {
        let dir = try Self.briefs(copies: 150)
        let target = dir + "/out.json"
        // A report is replaced whatever it held; a baseline only by one (an empty one here).
        let old = option == "--output" ? "{\"old\": true}\n" : "{\n  \"version\": 1,\n  \"tool\": \"accord\",\n  \"findings\": []\n}"
        let complete = try CLI.exec(["check", option, "complete.json", "--format", "json", "."], cwd: dir, timeout: 300)
        #expect(complete.status == 1)
        let whole = try String(contentsOfFile: dir + "/complete.json", encoding: .utf8)
        var outcomes: Set<String> = []
        for delay in [0.05, 0.2, 0.4, 0.8, 1.6, 3.2] {
            try old.write(toFile: target, atomically: false, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = ["check", option, "out.json", "--format", "json", "."]
            process.currentDirectoryURL = URL(fileURLWithPath: dir)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32(delay * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = try String(contentsOfFile: target, encoding: .utf8)
            #expect(now == old || now == whole, "after \(delay) s: \(now.count) bytes, neither the old file nor the whole one")
            outcomes.insert(now == old ? "old" : "new")
            // What a killed run leaves at worst: its temporary file, named after the target.
            for leftover in try FileManager.default.contentsOfDirectory(atPath: dir) where leftover.contains(".accord-") {
                #expect(leftover.hasPrefix(".out.json.accord-"))
                try FileManager.default.removeItem(atPath: dir + "/" + leftover)
            }
        }
        #expect(outcomes.contains("old"))  // at least one kill came mid-run
    }

    /// Starts the binary with the signals at their defaults and none blocked (a test runner may block
    /// some, and a child inherits that); returns its process id.
    static func spawn(_ args: [String]) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for sig in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&defaults, sig) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([CLI.binary] + args).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let status = posix_spawn(&pid, CLI.binary, &actions, &attributes, argv, environ)
        guard status == 0 else { throw CLI.TimedOut(args: ["posix_spawn failed: \(status)"]) }
        return pid
    }

    /// Ctrl-C (or a SIGTERM) while a report is being written: the run ends by that signal, its
    /// temporary file is removed, and the report keeps what it had.
    @Test(arguments: [SIGINT, SIGTERM])
    func anInterruptedWriteLeavesNoTemporaryFile(_ sig: Int32) throws {
        let dir = try Self.briefs(copies: 150)
        let old = "{\"old\": true}\n"
        try old.write(toFile: dir + "/out.json", atomically: false, encoding: .utf8)
        func temporaries() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.contains(".accord-") }
        }
        let pid = try Self.spawn(["check", "--output", dir + "/out.json", "--format", "json", dir])
        // Wait until the report is being written (its temporary file is there), then interrupt.
        let deadline = Date().addingTimeInterval(60)
        var status: Int32 = 0
        var ended = false
        while temporaries().isEmpty && Date() < deadline && !ended { ended = waitpid(pid, &status, WNOHANG) == pid; usleep(2_000) }
        #expect(!temporaries().isEmpty, "the report was never seen being written")
        kill(pid, sig)
        if !ended { waitpid(pid, &status, 0) }
        // Ended by the signal (the low seven bits of the status), not by finishing the run.
        #expect(status & 0x7F == sig, "status \(status)")
        #expect(temporaries() == [])
        #expect(try String(contentsOfFile: dir + "/out.json", encoding: .utf8) == old)
    }
}
