import AccordCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command writes, and what it knows of its surroundings. The real console writes to the
/// process's file descriptors; tests use a capturing one and run commands in-process.
public final class Console: @unchecked Sendable {
    public private(set) var out = OutputBuffer(capacity: 1 << 16)
    public private(set) var err = OutputBuffer(capacity: 1024)
    public let stdoutIsTerminal: Bool
    public let stderrIsTerminal: Bool
    public let environment: [String: String]
    public let workingDirectory: String
    /// When true, output is kept in memory (tests); otherwise it is flushed to fds 1 and 2.
    public let capturing: Bool

    public init(capturing: Bool, stdoutIsTerminal: Bool = false, stderrIsTerminal: Bool = false,
                environment: [String: String] = [:], workingDirectory: String? = nil) {
        self.capturing = capturing
        self.stdoutIsTerminal = stdoutIsTerminal
        self.stderrIsTerminal = stderrIsTerminal
        self.environment = environment
        self.workingDirectory = workingDirectory ?? FileSystem.currentDirectory()
    }

    /// The process's own console.
    public static func system() -> Console {
        var env: [String: String] = [:]
        var p = environ
        while let entry = p.pointee {
            let s = String(cString: entry)
            if let eq = s.firstIndex(of: "=") { env[String(s[..<eq])] = String(s[s.index(after: eq)...]) }
            p += 1
        }
        return Console(capturing: false, stdoutIsTerminal: isatty(1) == 1, stderrIsTerminal: isatty(2) == 1, environment: env)
    }

    /// Colour only on a terminal, never with NO_COLOR set (https://no-color.org), forced by CLICOLOR_FORCE.
    public func colorAllowed(forStderr: Bool) -> Bool {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        if let force = environment["CLICOLOR_FORCE"], !force.isEmpty, force != "0" { return true }
        if environment["TERM"] == "dumb" { return false }
        return forStderr ? stderrIsTerminal : stdoutIsTerminal
    }

    /// A path given on the command line, as a path to open: relative ones are from the working folder.
    public func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileSystem.join(workingDirectory, path)
    }

    public func write(_ text: String) {
        out.append(text)
        flushIfLarge()
    }

    public func write(_ buffer: OutputBuffer) {
        out.append(buffer)
        flushIfLarge()
    }

    public func writeError(_ text: String) {
        err.append(text)
        if !capturing { flush() }
    }

    public func diagnostics(_ list: [Diagnostic]) {
        let renderer = TextDiagnosticRenderer(colored: colorAllowed(forStderr: true))
        writeError(renderer.render(list))
    }

    private func flushIfLarge() {
        if !capturing && out.count >= 1 << 16 { flush() }
    }

    public func flush() {
        guard !capturing else { return }
        out.write(to: 1)
        out.removeAll()
        err.write(to: 2)
        err.removeAll()
    }

    public var outputText: String { out.string }
    public var errorText: String { err.string }
}
