/// One brief to check: where to read it, how to show it, and how to check it.
package struct BriefInput: Sendable {
    /// The path to read.
    package var path: String
    /// The path as reports show it (as given, without a leading `./`).
    package var display: String
    /// The path from the project's root, with `/` (SARIF, baselines, config globs).
    package var relative: String
    package var policy: BriefPolicy
    /// For a check-in: the results files (each read and shown) and the date that overrides theirs.
    package var checkin: (results: [(read: String, display: String)], asOf: LocalDate?)?
    /// The brief's bytes when it was not read from a file (standard input): `path` only names it.
    package var text: [UInt8]?

    package init(path: String, display: String? = nil, relative: String? = nil, policy: BriefPolicy = BriefPolicy()) {
        self.path = path
        self.display = display ?? path
        self.relative = relative ?? display ?? path
        self.policy = policy
    }
}

/// Runs `accord check`: the briefs are checked on all cores and each report's part for a brief is
/// rendered by the worker that checked it; parts are written in brief order as soon as they are
/// ready, so memory stays flat and output starts at once, however many briefs there are.
package enum CheckRunner {
    /// Checks `briefs` and writes every reporter's output through `write(reporterIndex, bytes)`;
    /// returns the totals. `each`, when given, gets every brief's report, in order, on the caller's
    /// thread; `problems`, why a brief could not be checked and the rules that failed on it. With a baseline, findings it knows are marked and left out of the counts;
    /// with `recordEntries`, the totals list every finding for a new baseline.
    package static func run(_ briefs: [BriefInput], rules: RuleSet, context: ReportContext, reporters: [any Reporter],
                            threads: Int? = nil, recordEntries: Bool = false,
                            write: (Int, OutputBuffer) -> Void) -> CheckTotals {
        run(count: briefs.count, input: { briefs[$0] }, rules: Replicas(rules), context: context, reporters: reporters, threads: threads,
            recordEntries: recordEntries, write: write)
    }

    /// As `run(_:rules:...)`, with brief `i`'s input worked out by `input(i)` on the worker that checks
    /// it: a run of many briefs starts checking without first working out every path and policy.
    package static func run(count: Int, input: @escaping @Sendable (Int) -> BriefInput, rules: Replicas, context: ReportContext,
                            reporters: [any Reporter], threads: Int? = nil, recordEntries: Bool = false,
                            each: ((Int, BriefReport) -> Void)? = nil,
                            problems: (Int, [Diagnostic]) -> Void = { _, _ in },
                            write: (Int, OutputBuffer) -> Void) -> CheckTotals {
        let context = context.writing(reporters)
        for (k, reporter) in reporters.enumerated() where !reporter.totalsFirst {
            var o = OutputBuffer(capacity: 256)
            reporter.header(context, &o)
            write(k, o)
        }
        // The parts of reporters whose header needs the totals, held until the end.
        var held = Array(repeating: [OutputBuffer](), count: reporters.count)
        func emit(_ k: Int, _ part: OutputBuffer) {
            if reporters[k].totalsFirst { held[k].append(part) } else { write(k, part) }
        }
        var known: [String: [Baseline.Entry: Int]] = [:]
        let baseline = context.baseline
        for (entry, n) in baseline?.entries.counts ?? [:] { known[entry.file, default: [:]][entry] = n }
        let byFile = known
        var totals = CheckTotals()
        var wrote = Array(repeating: false, count: reporters.count)
        let keepReports = each != nil
        Parallel.stream(count, threads: threads, worker: { k in
            // What a worker keeps for the whole run: its rule set, the folder it reads from, its scratch.
            let rules = rules.forWorker(k)
            let folders = FolderReader()
            let scratch = EngineScratch()
            return { i -> ([OutputBuffer], CheckTotals, BriefReport?, [Diagnostic]) in
                let input = input(i)
                var report: BriefReport
                do throws(FileReadError) {
                    let file: SourceFile
                    if let text = input.text {
                        file = SourceFile(path: input.display, bytes: text)
                    } else {
                        file = try SourceFile.read(path: input.path, displayPath: input.display, open: folders.openFile)
                    }
                    if let checkin = input.checkin {
                        let results = try checkin.results.map { r throws(FileReadError) in try SourceFile.read(path: r.read, displayPath: r.display) }
                        report = BriefChecker.checkin(file: file, results: results, asOf: checkin.asOf, rules: rules, options: input.policy.options)
                    } else {
                        report = BriefChecker.check(file: file, rules: rules, options: input.policy.options, scratch: scratch)
                    }
                } catch {
                    let shown = input.checkin?.results.first { $0.read == error.path }?.display ?? input.display
                    report = BriefChecker.unreadable(shown, error)
                }
                let used = settle(&report, input, rules: rules, baseline: baseline.map { ($0.name, byFile[input.relative] ?? [:]) })
                let parts = reporters.map { reporter in
                    var o = OutputBuffer(capacity: 8192)
                    reporter.brief(report, index: i, context, &o)
                    return o
                }
                var outcome = CheckTotals()
                outcome.add(report, context)
                outcome.baselineUsed = used
                if recordEntries {
                    outcome.entries = report.findings.filter { $0.suppression?.kind != "inSource" }.map { Baseline.Entry($0, in: report) }
                }
                // Handed to `each` on the caller's thread; otherwise freed here, by the worker.
                return (parts, outcome, keepReports ? report : nil, report.problems + report.failures.map(\.diagnostic))
            }
        }, consume: { i, result in
            if let report = result.2 { each?(i, report) }
            if !result.3.isEmpty { problems(i, result.3) }
            for (k, part) in result.0.enumerated() where !part.isEmpty {
                if wrote[k], !reporters[k].separator.isEmpty {
                    var separator = OutputBuffer(capacity: 8)
                    separator.append(reporters[k].separator)
                    emit(k, separator)
                }
                emit(k, part)
                wrote[k] = true
            }
            totals.add(result.1)
        })
        for (k, reporter) in reporters.enumerated() {
            if reporter.totalsFirst {
                var o = OutputBuffer(capacity: 256)
                reporter.header(context, totals: totals, &o)
                write(k, o)
                for part in held[k] { write(k, part) }
            }
            var o = OutputBuffer(capacity: 256)
            reporter.footer(totals, context, &o)
            write(k, o)
        }
        return totals
    }

    /// What every brief goes through once checked, in a run or alone: its thresholds and path from
    /// the root, its suppression comments, and `baseline`'s entries for its file (its name and
    /// them), of which it returns those the brief's findings matched.
    package static func settle(_ report: inout BriefReport, _ input: BriefInput, rules: RuleSet,
                               baseline: (name: String, known: [Baseline.Entry: Int])?) -> [Baseline.Entry: Int] {
        report.thresholds = input.policy.thresholds
        report.relativePath = input.relative
        Suppressions.apply(to: &report, rules: rules)
        guard let baseline else { return [:] }
        let used: [Baseline.Entry: Int]
        (report, used) = Baseline.apply(to: report, known: baseline.known, name: baseline.name)
        return used
    }

}
