/// Runs `accord check`: the briefs are checked on all cores and each report's part for a brief is
/// rendered by the worker that checked it; parts are written in brief order as soon as they are
/// ready, so memory stays flat and output starts at once, however many briefs there are.
public enum CheckRunner {
    /// Checks `paths` and writes every reporter's output through `write(reporterIndex, bytes)`;
    /// returns the totals. `adjust` sees each report before it is rendered (suppressions, baselines).
    public static func run(_ paths: [(path: String, display: String)], rules: RuleSet, options: CheckOptions,
                           context: ReportContext, reporters: [any Reporter], threads: Int? = nil,
                           adjust: @escaping @Sendable (BriefReport) -> BriefReport = { $0 },
                           write: (Int, OutputBuffer) -> Void) -> CheckTotals {
        for (k, reporter) in reporters.enumerated() {
            var o = OutputBuffer(capacity: 256)
            reporter.header(context, &o)
            write(k, o)
        }
        var totals = CheckTotals()
        Parallel.stream(paths.count, threads: threads, produce: { i -> ([OutputBuffer], CheckTotals) in
            let report = adjust(BriefChecker.check(path: paths[i].path, displayPath: paths[i].display, rules: rules, options: options))
            let parts = reporters.map { reporter in
                var o = OutputBuffer(capacity: 8192)
                reporter.brief(report, index: i, context, &o)
                return o
            }
            return (parts, CheckTotals([report], context))
        }, consume: { _, result in
            for (k, part) in result.0.enumerated() { write(k, part) }
            totals.add(result.1)
        })
        for (k, reporter) in reporters.enumerated() {
            var o = OutputBuffer(capacity: 256)
            reporter.footer(totals, context, &o)
            write(k, o)
        }
        return totals
    }
}
