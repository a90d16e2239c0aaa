import Accord

/// `accord init [FILE]`: guided intake, one question at a time, then the brief and its check.
enum InitCommand: Subcommand {
    static let name = "init"
    static let summary = "Write a new brief by answering questions, then check it"
    static let usage = "accord init [options] [FILE]"
    static let discussion = """
        Asks for the campaign, the brand, each creator, up to three key metrics, what the creators
        deliver, the dates and the alignment meeting, one question at a time, checking each answer as
        it is given (dates, goals, markets, platforms, with a did-you-mean). Enter takes the default
        shown in [brackets] or skips a question; < goes back to the previous question. Then writes
        FILE (default campaign.brief.toml), with comments explaining each section, and prints the
        check of what it wrote. The file is written at the end, at once: stopping halfway (Ctrl-C, the
        end of input) leaves no file. (docs/init.md)

        --answers FILE fills what it can from a brief-shaped TOML or JSON file (partial allowed) and
        asks only for the rest. With no terminal on standard input nothing is asked: the defaults are
        taken, and when a required answer is missing the run fails listing what is missing, writing
        nothing.

        Exit status: 0 when the brief was written (whatever its check found); 2 when FILE exists and
        --force is not given, an answer needed is missing, the input ended, or an option or the
        answers file is wrong.

        Examples:
          accord init
          accord init --lang ru spring.brief.toml
          accord init --answers partial.toml --force campaign.brief.toml
        """
    static let options: [OptionSpec] = [
        .value("lang", "LANG", "ask in English (en, the default) or Russian (ru)", choices: ["en", "ru"]),
        .value("answers", "FILE", "answers to start from: a brief-shaped TOML or JSON file, partial allowed"),
        .flag("force", "replace FILE when it exists"),
    ]

    static func run(_ args: ParsedArguments, console: Console) -> Int32 {
        func fail(_ error: AccordError) -> Int32 {
            console.problems(error.problems)
            return ExitCode.usage
        }
        guard args.positionals.count <= 1 else {
            AccordCommand.reportUsage(UsageError("init writes one brief; give one file name"), usage: usage, console: console)
            return ExitCode.usage
        }
        let path = args.positionals.first ?? "campaign.brief.toml"
        if path.lowercased().hasSuffix(".json") {
            AccordCommand.reportUsage(UsageError("init writes TOML, with comments that explain the format", help: "name the file NAME.brief.toml"),
                                      usage: usage, console: console)
            return ExitCode.usage
        }
        let replacing = args.has("force")
        var intake: Intake
        do throws(AccordError) {
            let checker = try Checker(Configuration(workingDirectory: console.workingDirectory))
            intake = try checker.intake(language: args.value("lang") ?? "en", answers: args.value("answers"))
            // Refused before the first question, not after the last.
            if let refusal = intake.refusal(writingTo: path, replacing: replacing) { return fail(refusal) }
        } catch {
            return fail(error)
        }

        if console.stdinIsTerminal {
            let colored = console.colorAllowed(forStderr: false)
            console.write(intake.instructions + "\n")
            while let prompt = intake.prompt {
                console.write(intake.display(prompt, colored: colored))
                guard let line = console.readLine() else {
                    console.write("\n")
                    console.writeError("error: the input ended before the last question; nothing was written\n")
                    return ExitCode.usage
                }
                if line.trimmingCharacters(in: .whitespaces) == "<" {
                    if !intake.back() { console.write("\n") }
                    continue
                }
                console.write(intake.display(intake.answer(line), colored: colored))
            }
        } else {
            let missing = intake.missing
            guard missing.isEmpty else {
                var text = "error: no terminal to ask on, and the brief needs answers to:\n"
                for q in missing { text += "  \(q.key): \(q.text)\n" }
                text += "help: give them in --answers FILE (in the brief's shape), or run accord init in a terminal\n"
                console.writeError(text)
                return ExitCode.usage
            }
            intake.takeDefaults()
        }

        do throws(AccordError) {
            try intake.write(to: path, replacing: replacing)
        } catch {
            return fail(error)
        }
        console.write("\nWrote \(path). Its check:\n\n")
        _ = AccordCommand.run(["check", path, "--lang", args.value("lang") ?? "en"], console: console)
        return ExitCode.ok
    }
}
