import Accord
#if canImport(Glibc)
import Glibc
#endif

/// Exit statuses shared by every command (`../shared/spec/cli.md`).
package enum ExitCode {
    package static let ok: Int32 = 0
    /// `check`: a finding at or above --fail-on or a score below --min-score; `parse`: invalid document;
    /// `eval`: the expression failed; `rules`: a test or lint failed.
    package static let failure: Int32 = 1
    /// Unusable input or a usage mistake.
    package static let usage: Int32 = 2
}

/// A subcommand: its name, help, options, and what it does.
package protocol Subcommand: Sendable {
    static var name: String { get }
    static var summary: String { get }
    static var usage: String { get }
    static var discussion: String { get }
    static var options: [OptionSpec] { get }
    /// The words a command takes as its first argument (`rules list`), for help and completion.
    static var actions: [String] { get }
    /// The help for the command line given (an action's own help, for a command with actions).
    static func helpText(for positionals: [String]) -> String
    static func run(_ args: ParsedArguments, console: Console) -> Int32
}

extension Subcommand {
    package static var discussion: String { "" }
    package static var actions: [String] { [] }
    package static func helpText(for positionals: [String]) -> String { helpText() }

    static func helpText() -> String {
        var text = "\(summary)\n\nusage: \(usage)\n"
        if !discussion.isEmpty { text += "\n" + discussion + "\n" }
        text += "\noptions:\n" + ArgumentParser.helpText(options + AccordCommand.commonOptions)
        return text
    }
}

/// The `accord` command: dispatches to subcommands, handles --help and --version.
package enum AccordCommand {
    package static let version = CommandSupport.version

    /// Options every command takes, after its own.
    static let commonOptions: [OptionSpec] = [
        .value("color", "WHEN", "colour: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces it), always or never",
               choices: Console.ColorMode.allCases.map(\.rawValue)),
        .flag("help", "show this help"),
    ]

    static let subcommands: [any Subcommand.Type] = [
        InitCommand.self, CheckCommand.self, LSPCommand.self, SchemaCommand.self, CompletionsCommand.self, ManCommand.self, CheckinCommand.self, DiffCommand.self, AgendaCommand.self, AgreementCommand.self, CreatorBriefCommand.self, TimelineCommand.self, ParseCommand.self, EvalCommand.self, RulesCommand.self,
    ]

    /// Runs with the process's console and exits.
    package static func main() -> Never {
        let console = Console.system()
        var status = run(Array(CommandLine.arguments.dropFirst()), console: console)
        console.flush()
        if let reason = console.outputFailure {
            console.writeError("error: cannot write to standard output: \(reason)\n")
            status = ExitCode.usage
        }
        exit(status)
    }

    package static func run(_ arguments: [String], console: Console) -> Int32 {
        guard let first = arguments.first else {
            console.writeError(overview())
            return ExitCode.usage
        }
        switch first {
        case "--help", "-h", "help":
            if arguments.count > 1, let sub = subcommands.first(where: { $0.name == arguments[1] }) {
                console.write(sub.helpText())
            } else {
                console.write(overview())
            }
            return ExitCode.ok
        case "--version", "-V", "version":
            console.write("accord \(version) (commit \(BuildInfo.commit))\n")
            return ExitCode.ok
        default:
            break
        }
        guard let sub = subcommands.first(where: { $0.name == first }) else {
            var message = "error: unknown command '\(first)'"
            if let guess = CommandSupport.closest(to: first, among: subcommands.map { $0.name }) {
                message += "; did you mean '\(guess)'?"
            }
            console.writeError(message + "\n\n" + overview())
            return ExitCode.usage
        }
        let rest = Array(arguments.dropFirst())
        do throws(UsageError) {
            let parsed = try ArgumentParser.parse(rest, options: sub.options + commonOptions)
            if let when = parsed.value("color") {
                guard let mode = Console.ColorMode(rawValue: when) else {
                    throw UsageError("--color takes auto, always or never, not '\(when)'")
                }
                console.colorMode = mode
            }
            if parsed.has("help") {
                console.write(sub.helpText(for: parsed.positionals))
                return ExitCode.ok
            }
            return sub.run(parsed, console: console)
        } catch {
            reportUsage(error, usage: sub.usage, console: console)
            return ExitCode.usage
        }
    }

    /// Prints what a tool produced and returns its exit status.
    static func show(_ result: ToolResult, console: Console) -> Int32 {
        console.write(result.output)
        console.problems(result.problems)
        return result.status
    }

    static func reportUsage(_ error: UsageError, usage: String, console: Console) {
        var text = "error: \(error.message)\n"
        if let help = error.help { text += "help: \(help)\n" }
        text += "usage: \(usage)\n"
        console.writeError(text)
    }

    static func overview() -> String {
        var text = """
        accord \(version): finds misalignments in a campaign brief before kickoff, and follows the partnership after it.

        usage: accord <command> [options]

        commands:

        """
        let width = (subcommands.map { $0.name.count }.max() ?? 8) + 2
        for sub in subcommands {
            text += "  " + sub.name.padding(toLength: width) + sub.summary + "\n"
        }
        text += """

        Run 'accord <command> --help' for a command's options.
        Start with: accord check Samples

        """
        return text
    }
}

extension String {
    func padding(toLength n: Int) -> String {
        count >= n ? self + " " : self + String(repeating: " ", count: n - count)
    }
}
