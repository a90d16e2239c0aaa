// Checks the briefs under the paths given and prints, for each, its verdict, score and questions;
// writes a SARIF report beside them; then checks one brief held in memory, as an editor would.
// usage: check-briefs PATH... [--sarif FILE]
import Accord
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

var paths = Array(CommandLine.arguments.dropFirst())
var reports: [ReportRequest] = []
if let k = paths.firstIndex(of: "--sarif"), k + 1 < paths.count {
    reports.append(ReportRequest(ReportFormat(identifier: "sarif")!, to: .file(paths[k + 1])))
    paths.removeSubrange(k...(k + 1))
}

do throws(AccordError) {
    var configuration = Configuration()
    configuration.failOn = .severity(.error)
    let checker = try Checker(configuration)
    let summary = try checker.check(paths, reports: reports) { problem in print("\(problem.severity): \(problem.message)") }
    for brief in summary.results {
        guard let verdict = brief.verdict, let scores = brief.scores else {
            print("\(brief.path): cannot be checked: \(brief.problems.map(\.message).joined(separator: "; "))")
            continue
        }
        print("\(brief.path): \(verdict.rawValue), score \(scores.overall), timeline \(scores[.timeline]), "
              + "\(brief.findings.count) finding(s)")
        for finding in brief.findings where finding.severity == .error {
            print("  \(finding.rule) at line \(finding.position.line): \(finding.message)")
        }
        for question in brief.questions.prefix(2) {
            print("  ask \(question.party) (\(question.language)): \(question.text)")
        }
    }
    print("\(summary.briefs) brief(s), \(summary.findings) finding(s), \(summary.failing) failing; exit status \(summary.exitStatus)")

    let draft = """
        [campaign]
        name = "Draft"
        """
    let result = try checker.check(text: draft, path: "draft.brief.toml")
    print("draft.brief.toml: \(result.isUsable ? "checked" : "not a valid brief: " + (result.problems.first?.message ?? ""))")
} catch {
    for problem in error.problems { print(problem.rendered(), terminator: "") }
    exit(2)
}
exit(0)
