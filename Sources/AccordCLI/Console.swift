import Accord
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command writes, and what it knows of its surroundings. The real console writes to the
/// process's file descriptors; tests use a capturing one and run commands in-process.
package final class Console: @unchecked Sendable {
    private var out: [UInt8] = []
    private var err: [UInt8] = []
    package let stdoutIsTerminal: Bool
    package let stderrIsTerminal: Bool
    package let environment: [String: String]
    package let workingDirectory: String
    /// When true, output is kept in memory (tests); otherwise it is flushed to fds 1 and 2.
    package let capturing: Bool

    /// Whether standard input is a terminal: someone to ask (`init`).
    package let stdinIsTerminal: Bool
    /// The lines a capturing console reads, in order.
    private var input: [String]

    package init(capturing: Bool, stdoutIsTerminal: Bool = false, stderrIsTerminal: Bool = false,
                environment: [String: String] = [:], workingDirectory: String? = nil,
                stdinIsTerminal: Bool = false, input: [String] = []) {
        self.capturing = capturing
        self.stdoutIsTerminal = stdoutIsTerminal
        self.stderrIsTerminal = stderrIsTerminal
        self.stdinIsTerminal = stdinIsTerminal
        self.input = input
        self.environment = environment
        self.workingDirectory = workingDirectory ?? CommandSupport.currentDirectory()
        out.reserveCapacity(1 << 16)
    }

    /// The process's own console.
    package static func system() -> Console {
        var env: [String: String] = [:]
        var p = environ
        while let entry = p.pointee {
            let s = String(cString: entry)
            if let eq = s.firstIndex(of: "=") { env[String(s[..<eq])] = String(s[s.index(after: eq)...]) }
            p += 1
        }
        return Console(capturing: false, stdoutIsTerminal: isatty(1) == 1, stderrIsTerminal: isatty(2) == 1, environment: env,
                       stdinIsTerminal: isatty(0) == 1)
    }

    /// `--color`: auto (the environment and the terminal decide), always or never.
    package enum ColorMode: String, CaseIterable, Sendable {
        case auto, always, never
    }

    package var colorMode = ColorMode.auto

    /// Colour as `--color` says; in auto, only on a terminal, never with NO_COLOR set
    /// (https://no-color.org), and always with CLICOLOR_FORCE set (not to 0).
    package func colorAllowed(forStderr: Bool) -> Bool {
        switch colorMode {
        case .always: return true
        case .never: return false
        case .auto: break
        }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        if let force = environment["CLICOLOR_FORCE"], !force.isEmpty, force != "0" { return true }
        if environment["TERM"] == "dumb" { return false }
        return forStderr ? stderrIsTerminal : stdoutIsTerminal
    }

    /// A path given on the command line, as a path to open: relative ones are from the working folder.
    package func resolve(_ path: String) -> String {
        CommandSupport.resolve(path, from: workingDirectory)
    }

    package func write(_ text: String) {
        out.append(contentsOf: text.utf8)
        flushIfLarge()
    }

    package func write(_ bytes: UnsafeRawBufferPointer) {
        out.append(contentsOf: bytes)
        flushIfLarge()
    }

    package func write(_ bytes: [UInt8]) {
        out.append(contentsOf: bytes)
        flushIfLarge()
    }

    package func writeError(_ text: String) {
        err.append(contentsOf: text.utf8)
        if !capturing { flush() }
    }

    /// Problems as compilers print them, in colour on a terminal.
    package func problems(_ list: [Problem]) {
        let colored = colorAllowed(forStderr: true)
        writeError(list.map { $0.rendered(colored: colored) }.joined())
    }

    /// The next line of standard input, without its line ending; nil at the end of input. What was
    /// written is flushed first, so that a prompt shows before the answer is read. Reads a byte at a
    /// time: nothing after the line is taken from the input.
    package func readLine() -> String? {
        flush()
        if capturing { return input.isEmpty ? nil : input.removeFirst() }
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let n = read(0, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return line.isEmpty ? nil : String(decoding: line, as: UTF8.self) }
            if byte == 0x0A { break }
            line.append(byte)
            if line.count > 1 << 16 { break }  // a line no one typed: taken as it is
        }
        if line.last == 0x0D { line.removeLast() }
        return String(decoding: line, as: UTF8.self)
    }

    /// All of standard input, as text (a capturing console: its input lines); nil when it cannot be
    /// read or is over `limit` bytes.
    package func readAll(limit: Int = 1 << 30) -> String? {
        if capturing { return input.isEmpty ? "" : input.joined(separator: "\n") + "\n" }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = read(0, &chunk, chunk.count)
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return nil }
            if n == 0 { break }
            bytes += chunk[..<n]
            if bytes.count > limit { return nil }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func flushIfLarge() {
        if !capturing && out.count >= 1 << 16 { flush() }
    }

    /// Why writing to standard output failed, once it has (a full disk, a closed descriptor):
    /// the command then exits 2 saying so, whatever it found.
    package private(set) var outputFailure: String?

    package func flush() {
        guard !capturing else { return }
        if outputFailure == nil, let reason = out.withUnsafeBytes({ CommandSupport.writeAll($0, to: 1) }) {
            outputFailure = reason
        }
        out.removeAll(keepingCapacity: true)
        // A failed write to standard error has nowhere left to be reported.
        _ = err.withUnsafeBytes { CommandSupport.writeAll($0, to: 2) }
        err.removeAll(keepingCapacity: true)
    }

    package var outputText: String { String(decoding: out, as: UTF8.self) }
    package var errorText: String { String(decoding: err, as: UTF8.self) }
}
