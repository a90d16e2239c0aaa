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
        if !capturing && out.bytes.count > 1 << 20 { flush() }
    }

    public func flush() {
        guard !capturing else { return }
        out.write(to: 1)
        out.bytes.removeAll(keepingCapacity: true)
        err.write(to: 2)
        err.bytes.removeAll(keepingCapacity: true)
    }

    public var outputText: String { out.string }
    public var errorText: String { err.string }
}

/// Small file-system queries without Foundation.
public enum FileSystem {
    public static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public enum Kind { case file, directory, missing, other }

    public static func kind(_ path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .file
        default: return .other
        }
    }

    /// Entries of a folder, sorted, without `.` and `..`.
    public static func list(_ path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    public static func join(_ a: String, _ b: String) -> String {
        if a.isEmpty || a == "." { return b }
        return a.hasSuffix("/") ? a + b : a + "/" + b
    }

    public static func writeFile(_ path: String, _ bytes: [UInt8]) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n <= 0 { if errno == EINTR { continue }; return false }
            offset += n
        }
        return true
    }
}
