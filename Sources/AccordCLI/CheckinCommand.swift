import Accord

/// `accord checkin BRIEF RESULTS...`: results during the campaign, against what was agreed.
enum CheckinCommand: Subcommand {
    static let name = "checkin"
    static let summary = "Read results against the brief's agreed metrics at a check-in, with questions for the call"
    static let usage = "accord checkin [options] BRIEF RESULTS..."
    static let discussion = """
        RESULTS are files NAME.results.toml, NAME.results.json or NAME.csv, or folders searched
        for them; their readings and deliveries are merged. A results file says the check-in's date
        ([checkin] as_of); a CSV file (header date,metric,value,by,source) holds readings only, and
        the check-in's date is then its latest reading's, unless --as-of is given. With no results
        yet, give --as-of alone: every metric is not-started or no-data. (docs/checkin.md)

        Each agreed metric is paced from the launch to window_days after it (else to the report
        date): its expected value is the threshold times the share of that window gone by (a rate,
        such as a percentage, is expected at its threshold all along). Its status is met, on-track,
        behind, no-data or not-started. The check-in rules (category execution, in the packs like
        the others) find what is behind, met early, unread, read from two dashboards or another
        source, outputs on pace while an outcome lags, deliverables behind, a window ended
        short, and readings of metrics the brief does not have; each with "why?" questions in
        each party's language.

        Formats as for check (text, json with each metric's pace, markdown, html with a chart per
        metric, sarif, junit, github), so a scheduled CI job can run it.

        Exit status: 0 when no finding is at or above --fail-on and the score is at least
        --min-score; 1 otherwise; 2 when the brief or a results file cannot be used (it does not
        parse or validate, a reading has no number, is dated after the check-in or outside the
        campaign, or is read twice with two values), a path does not exist, or an option is wrong.

        Examples:
          accord checkin Samples/well-aligned.brief.toml Samples/results/well-aligned.results.toml
          accord checkin --format json Samples/two-dashboards.brief.json Samples/results/two-dashboards.csv
          accord checkin --as-of 2026-04-21 briefs/spring.brief.toml exports/*.csv
          accord checkin --format html --output checkin.html Samples/two-dashboards.brief.json exports/
        """
    static let options: [OptionSpec] = [
        .value("as-of", "DATE", "the check-in's date (YYYY-MM-DD), instead of the results files' as_of"),
    ] + CheckCommand.options.filter { !["baseline", "write-baseline", "threads", "allow-empty", "stdin-name"].contains($0.name) }

    static func run(_ args: ParsedArguments, console: Console) -> Int32 {
        func usageError(_ message: String, help: String? = nil) -> Int32 {
            AccordCommand.reportUsage(UsageError(message, help: help), usage: usage, console: console)
            return ExitCode.usage
        }
        guard let brief = args.positionals.first else {
            return usageError("which brief? Give its path, then the results", help: "accord checkin BRIEF RESULTS...")
        }
        let settings: (configuration: Configuration, reports: [ReportRequest])
        do throws(UsageError) {
            settings = try CheckCommand.reportSettings(args, console: console)
        } catch {
            return usageError(error.message, help: error.help)
        }
        let results = Array(args.positionals.dropFirst())
        if results.isEmpty && args.value("as-of") == nil {
            return usageError("which results? Give results files or folders after the brief",
                              help: "before any result is in, give --as-of DATE alone")
        }
        do throws(AccordError) {
            let checker = try Checker(settings.configuration)
            let summary = try checker.checkin(brief: brief, results: results, asOf: args.value("as-of"), reports: settings.reports) {
                console.problems([$0])
            }
            return summary.exitStatus
        } catch {
            console.problems(error.problems)
            return ExitCode.usage
        }
    }
}
