import AccordCore

extension Checker {
    /// Checks a brief's results at a check-in, as `accord checkin` does (`../shared/spec/lifecycle.md`):
    /// the readings and deliveries in `results` (files `*.results.toml`, `*.results.json` or `*.csv`,
    /// or folders of them, merged) against the brief's agreed metrics, thresholds, owners, sources
    /// and deliverables, by the pack's check-in rules (category `execution`). Writes `reports` as
    /// `check` does; the JSON report adds each metric's pace and status.
    ///
    /// - Parameters:
    ///   - asOf: the date of the check-in (`YYYY-MM-DD`), instead of the files' `as_of` (for CSV
    ///     alone, their latest reading's date).
    ///   - diagnostics: as for `check`: why the brief or the results could not be used, a rule that
    ///     failed, readings counted once that two files both hold (notes).
    /// - Throws: `AccordError` when the rules do not load, a path does not exist, `asOf` is not a
    ///   date, or a report cannot be written. Results that do not parse or check are not thrown:
    ///   the result says why, and the exit status is 2.
    public func checkin(brief path: String, results: [String], asOf: String? = nil, reports: [ReportRequest] = [],
                        diagnostics: (Problem) -> Void = { _ in }) throws(AccordError) -> CheckSummary {
        var date: LocalDate?
        if let asOf {
            guard let d = LocalDate(iso: asOf) else {
                throw AccordError("the check-in's date is a date such as 2026-04-10, not '\(asOf)'")
            }
            date = d
        }
        let ruleSet = try ruleSet
        for warning in try warnings() { diagnostics(warning) }
        let brief = BriefFinder.find([path], from: folder)
        let found = BriefFinder.find(results, from: folder, matching: BriefFinder.isResultsName)
        guard brief.unusable.isEmpty, found.unusable.isEmpty else { throw AccordError(brief.unusable + found.unusable) }
        guard let briefFile = brief.files.first else {
            throw AccordError("\(path) is a folder with no brief in it", help: "a check-in is about one brief: give its file")
        }
        guard brief.files.count == 1 else {
            throw AccordError("\(path) holds \(brief.files.count) briefs; a check-in is about one", help: "give the brief's file")
        }
        for note in found.notes { diagnostics(Problem(note)) }
        if found.files.isEmpty && !results.isEmpty {
            diagnostics(Problem(Diagnostic(.note, "no results found in \(results.joined(separator: ", ")) (files ending in .results.toml, .results.json or .csv)")))
        }

        let sinks = try ReportSinks(reports, workingDirectory: folder, inputs: [briefFile.read] + found.files.map(\.read))
        let reporters = reports.map { $0.format.reporter(ReportOptions(colored: $0.colored, showSuppressed: $0.showSuppressed)) }
        var context = ReportContext(rules: ruleSet, root: rootFolder)
        context.checkin = true
        let display = Display.path(briefFile.display)
        let relative = FileSystem.RelativePaths(to: rootFolder).relative(briefFile.read) ?? display
        var input = BriefInput(path: briefFile.read, display: display, relative: relative, policy: briefPolicy(relative))
        input.checkin = (found.files.map { ($0.read, Display.path($0.display)) }, date)
        let checked = input
        var kept: [BriefResult] = []
        var notes: [Diagnostic] = []
        let totals = CheckRunner.run(count: 1, input: { _ in checked }, rules: Replicas(ruleSet), context: context, reporters: reporters,
                                     threads: 1, each: { _, r in
                                         notes += r.checkin?.results.notes ?? []
                                         kept.append(BriefResult(r, failsRun: context.fails(r)))
                                     },
                                     problems: { _, list in list.forEach { diagnostics(Problem($0)) } },
                                     write: sinks.write)
        for note in notes { diagnostics(Problem(note)) }
        let unwritten = sinks.commit()
        guard unwritten.isEmpty else { throw AccordError(unwritten) }
        return CheckSummary(totals, results: kept, baselineEntriesWritten: nil)
    }
}
