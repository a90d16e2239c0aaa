import AccordCLI
import Foundation
import Testing

/// `accord completions` and `accord man`, generated from the option tables the parser reads.
@Suite struct CompletionsTests {
    /// What bash offers for the words typed, with the generated script loaded in a real bash.
    static func bash(_ words: String) throws -> [String] {
        let script = CLI.run(["completions", "bash"]).stdout
        let folder = CLI.scratch()
        CLI.write(script, to: folder + "/accord.bash")
        let run = try CLI.exec(["/bin/bash", "-c", "source \(folder)/accord.bash; COMP_WORDS=(\(words)); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); _accord; printf '%s\\n' \"${COMPREPLY[@]}\""],
                               executable: "/bin/bash")
        return run.stdout.split(separator: "\n").map(String.init)
    }

    @Test func bashOffersCommandsOptionsAndTheirValues() throws {
        #expect(try Self.bash("accord ch") == ["check", "checkin"])
        #expect(try Self.bash("accord check --fail-on w") == ["warning"])
        #expect(try Self.bash("accord timeline --format i") == ["ics"])
        #expect(try Self.bash("accord rules e") == ["explain"])
        // Every option of every command is offered after its command.
        for command in ["init", "check", "checkin", "diff", "agenda", "lsp", "rules"] {
            let help = CLI.run([command, "--help"]).stdout
            let offered = try Self.bash("accord \(command) --")
            let table = help.components(separatedBy: "\noptions:\n").last ?? ""
            for option in table.split(separator: "\n").compactMap({ $0.trimmingCharacters(in: .whitespaces).split(separator: " ").first })
                where option.hasPrefix("--") {
                #expect(offered.contains(String(option)), "\(command) \(option)")
            }
        }
    }

    @Test func zshAndFishScriptsNameEveryCommand() {
        let zsh = CLI.run(["completions", "zsh"]).stdout
        let fish = CLI.run(["completions", "fish"]).stdout
        #expect(zsh.hasPrefix("#compdef accord"))
        for command in ["init", "check", "lsp", "schema", "completions", "man"] {
            #expect(zsh.contains("'\(command):"), "\(command)")
            #expect(fish.contains("-a \(command) -d"), "\(command)")
        }
        #expect(fish.contains("-l format -d") && fish.contains("-x -a 'text json markdown"))
        #expect(CLI.run(["completions", "tcsh"]).status == 2)
    }

    @Test func theManPageHasEveryCommandAndOption() {
        let man = CLI.run(["man"]).stdout
        #expect(man.hasPrefix(".TH ACCORD 1"))
        for command in ["init", "check", "checkin", "diff", "lsp", "schema", "rules"] {
            #expect(man.contains(".SS \(command)\n"), "\(command)")
        }
        #expect(man.contains(".B \\-\\-fail\\-on \\fISEVERITY\\fR") || man.contains(".B \\-\\-fail-on \\fISEVERITY\\fR"))
    }

    @Test func eachRulesActionHasItsOwnHelp() {
        let lint = CLI.run(["rules", "lint", "--help"])
        #expect(lint.status == 0)
        #expect(lint.stdout.contains("usage: accord rules lint [DIR]..."))
        #expect(!lint.stdout.contains("--coverage"))  // test's option, not lint's
        let test = CLI.run(["rules", "test", "--help"]).stdout
        #expect(test.contains("usage: accord rules test") && test.contains("--coverage") && !test.contains("--category"))
    }
}

