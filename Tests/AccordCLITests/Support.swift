import AccordCore
import AccordCLI
import AccordTestSupport
import Foundation
import Testing

/// The result of one `accord` run.
struct Run {
    let status: Int32
    let stdout: String
    let stderr: String
}

enum CLI {
    static let packageRoot = TestPaths.packageRoot
    static let conformance = TestPaths.conformance

    /// The text of a sample brief: `sample("aurora")` is Samples/aurora.brief.toml.
    static func sample(_ name: String) throws -> String {
        try String(contentsOfFile: packageRoot + "/Samples/\(name).brief.toml", encoding: .utf8)
    }

    /// Writes `text` to a file named `name` in a scratch folder, and runs `accord` in-process with
    /// `args` and that file's path after them.
    static func run(_ args: [String], onFile name: String, holding text: String) -> (run: Run, path: String) {
        let path = scratch() + "/" + name
        write(text, to: path)
        return (run(args + [path]), path)
    }

    /// Runs `accord` in-process with a capturing console.
    static func run(_ args: [String], environment: [String: String] = [:], cwd: String? = nil) -> Run {
        let console = Console(capturing: true, environment: environment, workingDirectory: cwd ?? packageRoot)
        let status = AccordCommand.run(args, console: console)
        return Run(status: status, stdout: console.outputText, stderr: console.errorText)
    }

    /// The built `accord` executable beside the test bundle.
    static let binary: String = {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("accord").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return packageRoot + "/.build/debug/accord"
    }()

    /// Runs the real binary as a child process, with a time limit; `stdout`: a file to write its
    /// standard output to instead of a pipe (such as /dev/full).
    static func exec(_ args: [String], stdin: Data? = nil, cwd: String? = nil, environment: [String: String]? = nil,
                     stdout: String? = nil, executable: String? = nil, timeout: TimeInterval = 60) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable ?? binary)
        process.arguments = executable == nil ? args : Array(args.dropFirst())
        process.currentDirectoryURL = URL(fileURLWithPath: cwd ?? packageRoot)
        if let environment { process.environment = environment }
        let out = Pipe()
        let err = Pipe()
        if let stdout, let handle = FileHandle(forWritingAtPath: stdout) {
            process.standardOutput = handle
            try out.fileHandleForWriting.close()
        } else {
            process.standardOutput = out
        }
        process.standardError = err
        let input = Pipe()
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        if let stdin {
            // Written from another thread: a large input would otherwise block on a full pipe.
            DispatchQueue.global().async {
                try? input.fileHandleForWriting.write(contentsOf: stdin)
                try? input.fileHandleForWriting.close()
            }
        }
        let outData = Locked(Data())
        let errData = Locked(Data())
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            outData.set(out.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            errData.set(err.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            throw TimedOut(args: args)
        }
        group.wait()
        process.waitUntilExit()
        return Run(status: process.terminationReason == .uncaughtSignal ? -process.terminationStatus : process.terminationStatus,
                   stdout: String(decoding: outData.get(), as: UTF8.self),
                   stderr: String(decoding: errData.get(), as: UTF8.self))
    }

    struct TimedOut: Error { let args: [String] }

    /// A fresh scratch folder.
    static func scratch() -> String {
        let dir = NSTemporaryDirectory() + "accord-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func write(_ text: String, to path: String) {
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    }
}

final class Locked<T>: @unchecked Sendable {
    private var value: T
    private let lock = NSLock()
    init(_ value: T) { self.value = value }
    func set(_ v: T) { lock.lock(); value = v; lock.unlock() }
    func get() -> T { lock.lock(); defer { lock.unlock() }; return value }
}

/// Reference files ("golden" outputs) that tests compare with. `ACCORD_RECORD=1 swift test`
/// rewrites them; review the change with `git diff` before committing it.
enum Golden {
    static let record = ProcessInfo.processInfo.environment["ACCORD_RECORD"] == "1"

    /// Compares `actual` with the file at `path` (relative to the package root), or records it.
    static func check(_ actual: String, against path: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let full = CLI.packageRoot + "/" + path
        if record {
            try? FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            CLI.write(actual, to: full)
            return
        }
        guard let expected = try? String(contentsOfFile: full, encoding: .utf8) else {
            Issue.record("\(path) is missing: run ACCORD_RECORD=1 swift test to create it", sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let line = (0..<min(e.count, a.count)).first { e[$0] != a[$0] } ?? min(e.count, a.count)
        Issue.record("""
            \(path) differs from the output at line \(line + 1):
              expected: \(line < e.count ? String(e[line]) : "<end of file>")
              actual:   \(line < a.count ? String(a[line]) : "<end of output>")
            If the change is intended, run ACCORD_RECORD=1 swift test and review the diff.
            """, sourceLocation: sourceLocation)
    }
}
