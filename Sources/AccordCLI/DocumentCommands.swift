import Accord

/// What the document commands share: one brief, `--format`/`--output` pairs, the language, packs
/// and project config as `check` takes them.
enum DocumentCommand {
    static func options(_ kind: DocumentKind) -> [OptionSpec] {
        let formats = DocumentFormat.formats(of: kind)
        let creator: [OptionSpec] = kind == .creatorBrief ? [.value("creator", "ID", "the creator the brief is for (its id in the brief)")] : []
        return creator + [
            .value("format", "FORMAT", formats.map(\.rawValue).joined(separator: ", ") + " (\(formats[0].rawValue) by default)", repeatable: true,
                   choices: formats.map(\.rawValue)),
            .value("output", "FILE", "write the --format before it to FILE (replaced whole, or left as it was)", repeatable: true),
            .value("lang", "LANG", "language of the fixed wording: en (default), ru, de, fr, es, pt, ja or zh; questions follow each party's language",
                   choices: ["en", "ru", "de", "fr", "es", "pt", "ja", "zh"]),
            .value("rules", "DIR", "add a rule pack from a folder", repeatable: true),
            .value("config", "FILE", "read settings from FILE instead of the nearest .accord.toml"),
            .flag("no-config", "ignore .accord.toml"),
        ]
    }

    static func run(_ kind: DocumentKind, usage: String, _ args: ParsedArguments, console: Console) -> Int32 {
        func usageError(_ message: String, help: String? = nil) -> Int32 {
            AccordCommand.reportUsage(UsageError(message, help: help), usage: usage, console: console)
            return ExitCode.usage
        }
        guard args.positionals.count == 1 else {
            return usageError(args.positionals.isEmpty ? "which brief? Give its path" : "one brief at a time, not \(args.positionals.count)")
        }
        let formats = DocumentFormat.formats(of: kind)
        var configuration = Configuration(workingDirectory: console.workingDirectory)
        let outputs: [(format: DocumentFormat, file: String?)]
        do throws(UsageError) {
            outputs = try args.outputs(named: { name in DocumentFormat(rawValue: name).flatMap { formats.contains($0) ? $0 : nil } },
                                       names: formats.map(\.rawValue),
                                       forFile: { DocumentFormat(forFile: $0).flatMap { formats.contains($0) ? $0 : nil } },
                                       fallback: formats[0])
            configuration.projectFile = try args.projectFile()
            configuration.language = try args.language()
        } catch {
            return usageError(error.message, help: error.help)
        }
        configuration.rulePacks = args.all("rules")
        do throws(AccordError) {
            let checker = try Checker(configuration)
            console.problems(try checker.warnings())
            // SOURCE_DATE_EPOCH, the reproducible-builds convention, fixes the time a calendar is stamped with.
            let timestamp = console.environment["SOURCE_DATE_EPOCH"].flatMap { Int64($0) }
            // Every document is made before any file is written: a brief that cannot be used writes nothing.
            let written = try outputs.map { output throws(AccordError) in
                (try checker.document(kind, brief: args.positionals[0], format: output.format, timestamp: timestamp,
                                      creator: args.value("creator")), output.file)
            }
            for (text, file) in written {
                if let file {
                    try checker.write(text, to: file)
                } else {
                    console.write(text)
                }
            }
            return ExitCode.ok
        } catch {
            console.problems(error.problems)
            return ExitCode.usage
        }
    }
}

/// `accord agenda BRIEF`: the alignment meeting as a timed agenda.
enum AgendaCommand: Subcommand {
    static let name = "agenda"
    static let summary = "Write the alignment meeting's timed agenda from a brief and its findings"
    static let usage = "accord agenda [options] BRIEF"
    static let discussion = """
        A 30-45 minute meeting (alignment.meeting_minutes, else 45), its sections adding up to its
        length: what blocks the campaign (when its verdict is do-not-proceed), who must be there,
        the four questions with each party's answers and the gaps, the conflicts with their "why?"
        questions per party, the key metrics, the timeline worked back from the fixed dates, the
        market context, and the decisions to record.

        Exit status: 0 when the agenda was written; 2 when the brief cannot be used (it does not
        parse or validate, or a rule fails on it), a file cannot be written, or an option is wrong.

        Examples:
          accord agenda Samples/aurora.brief.toml
          accord agenda --format html --output agenda.html Samples/aurora.brief.toml
          accord agenda --lang ru --format markdown Samples/aurora.brief.toml > повестка.md
        """
    static let options = DocumentCommand.options(.agenda)

    static func run(_ args: ParsedArguments, console: Console) -> Int32 {
        DocumentCommand.run(.agenda, usage: usage, args, console: console)
    }
}

/// `accord agreement BRIEF`: what the parties agreed, for each to verify and sign.
enum AgreementCommand: Subcommand {
    static let name = "agreement"
    static let summary = "Write \"Here's what we agreed on\" from a brief, for every party to sign"
    static let usage = "accord agreement [options] BRIEF"
    static let discussion = """
        The business objective and north star, what cannot go wrong, each party's goals and why in
        its own words, the key metrics, the deliverables, the timeline with each party's windows,
        the market obligations, the check-ins, and a sign-off block for each party. Every heading
        and generated sentence is in each language the parties speak (--lang puts one first);
        the parties' own words are quoted as written.

        While an error finding is open, the agreement is marked as a draft not ready to sign and
        lists what must be settled first. Its fingerprint (sha256:...) is the same for the same
        agreed content however the brief is formatted (TOML or JSON, key order, comments), and
        changes when anything agreed changes.

        Exit status: 0 when the agreement was written (a draft too); 2 when the brief cannot be
        used, a file cannot be written, or an option is wrong.

        Examples:
          accord agreement Samples/well-aligned.brief.toml
          accord agreement --format html --output agreement.html Samples/aurora.brief.toml
          accord agreement --format json Samples/aurora.brief.toml | jq .fingerprint
        """
    static let options = DocumentCommand.options(.agreement)

    static func run(_ args: ParsedArguments, console: Console) -> Int32 {
        DocumentCommand.run(.agreement, usage: usage, args, console: console)
    }
}

/// `accord creator-brief BRIEF --creator ID`: the page a creator reads before ideating.
enum CreatorBriefCommand: Subcommand {
    static let name = "creator-brief"
    static let summary = "Write the one-page brief a creator reads before ideating, in the creator's language"
    static let usage = "accord creator-brief [options] --creator ID BRIEF"
    static let discussion = """
        What the campaign is for and why it matters, what success looks like and who measures it,
        the audience and how the creator's own fits, the deliverables and dates worked back from
        the fixed ones, what cannot go wrong, how to label the partnership in each market, and the
        open questions for this creator. In the creator's language (language in the brief), or
        --lang.

        Examples:
          accord creator-brief --creator jess Samples/aurora.brief.toml
          accord creator-brief --creator jess --format html --output jess.html Samples/aurora.brief.toml
        """
    static let options = DocumentCommand.options(.creatorBrief)

    static func run(_ args: ParsedArguments, console: Console) -> Int32 {
        DocumentCommand.run(.creatorBrief, usage: usage, args, console: console)
    }
}

/// `accord timeline BRIEF`: the campaign's dates as a picture, a calendar or text.
enum TimelineCommand: Subcommand {
    static let name = "timeline"
    static let summary = "Draw a brief's dates (SVG), or write them as a calendar (iCalendar) or text"
    static let usage = "accord timeline [options] BRIEF"
    static let discussion = """
        The key dates on a date axis, each creator's preparation window (needed against available),
        the review window before paid media, the organic time after launch, check-ins and the
        report, and the dates findings concern, marked with their rule ids.

        --format ics writes an RFC 5545 calendar: an all-day event for the meeting, each key date
        and each check-in, with UIDs that stay the same across revisions of the brief, so that
        importing it again moves the events instead of adding new ones.

        Examples:
          accord timeline Samples/aurora.brief.toml
          accord timeline --format svg --output aurora.svg Samples/aurora.brief.toml
          accord timeline --output aurora.ics Samples/aurora.brief.toml
        """
    static let options = DocumentCommand.options(.timeline)

    static func run(_ args: ParsedArguments, console: Console) -> Int32 {
        DocumentCommand.run(.timeline, usage: usage, args, console: console)
    }
}
