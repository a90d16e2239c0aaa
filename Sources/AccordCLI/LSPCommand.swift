import Accord
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `accord lsp`: the language server on standard input and output.
enum LSPCommand: Subcommand {
    static let name = "lsp"
    static let summary = "Run the language server (LSP 3.17 over stdio) for briefs and rule files"
    static let usage = "accord lsp"
    static let discussion = """
        Speaks the Language Server Protocol on standard input and output, for an editor to start:
        diagnostics for briefs (*.toml, *.json: parse and schema errors, findings with their rule id)
        and rule files (*.rules: the rule compiler's errors) on open and on each change; hover on a key
        (what it means, its type and values) and on a finding (why it matters, what to do, the
        source); completion of keys and values; quick fixes (the did-you-mean, a suppression with
        its reason to fill in); the outline of parties, metrics and dates. Logs nothing to stdout.
        Editor setup: docs/editors.md.
        """
    static let options: [OptionSpec] = []

    static func run(_ args: ParsedArguments, console: Console) -> Int32 {
        let server: LanguageServer
        do throws(AccordError) {
            server = LanguageServer(checker: try Checker(Configuration(workingDirectory: console.workingDirectory)))
        } catch {
            console.problems(error.problems)
            return ExitCode.usage
        }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while server.exitCode == nil {
            let now = monotonic()
            let wait = server.nextDue.map { Int32(max(0, min(1_000, ($0 - now) * 1_000))) } ?? -1
            var poller = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, wait)
            if ready < 0 && errno == EINTR { continue }
            if ready > 0 {
                let n = read(0, &buffer, buffer.count)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return 1 }  // the client went away without exit
                console.write(server.receive(Array(buffer[..<n]), now: monotonic()))
            }
            console.write(server.due(now: monotonic()))
            console.flush()
        }
        console.flush()
        return server.exitCode ?? 1
    }

    static func monotonic() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
