import Foundation

/// The result of checking one brief.
package struct BriefReport: Sendable {
    /// The path as shown in reports (relative, as given).
    package let path: String
    package let brief: Brief?
    /// Why the brief could not be checked: unreadable, not TOML/JSON, or not a valid brief.
    package let problems: [Diagnostic]
    package let findings: [Finding]
    package let failures: [RuleFailure]
    package let scores: Scores
    package let verdict: Verdict
    package let questions: [PartyQuestion]
    /// Problems with the brief's suppression comments: no reason, an unknown rule, nothing to suppress.
    package var notices: [Diagnostic] = []
    /// What decides the exit status for this brief (the config may differ by path).
    package var thresholds = Thresholds()
    /// The path from the repository's root (or the config's folder), with `/`: for SARIF and baselines.
    package var relativePath: String
    /// The rules that were evaluated on the brief (for JUnit's test cases).
    package var evaluated: [CompiledRule] = []
    /// The language its messages and questions were asked for (a rule without that translation
    /// speaks English).
    package var language = "en"

    package var isUsable: Bool { problems.isEmpty }

    package var campaignName: String? {
        if case .map(let c)? = brief?.root["campaign"], case .string(let name)? = c["name"] { return name }
        return nil
    }

    init(path: String, brief: Brief?, problems: [Diagnostic], findings: [Finding], failures: [RuleFailure]) {
        self.path = path
        self.relativePath = path
        self.brief = brief
        self.problems = problems
        self.findings = findings
        self.failures = failures
        self.scores = Scores(findings)
        self.verdict = Verdict(findings)
        let partyOrder = brief?.parties.compactMap { m -> String? in if case .string(let id)? = m["id"] { return id } else { return nil } } ?? []
        self.questions = Questions.gather(findings, partyOrder: partyOrder)
    }

    /// Recomputes scores, verdict and questions after findings changed (suppressions, baselines).
    package func with(findings: [Finding]) -> BriefReport {
        var copy = BriefReport(path: path, brief: brief, problems: problems, findings: findings, failures: failures)
        copy.notices = notices
        copy.thresholds = thresholds
        copy.relativePath = relativePath
        copy.evaluated = evaluated
        copy.language = language
        return copy
    }
}

package enum BriefChecker {
    /// Reads, validates and checks one brief file.
    package static func check(path: String, displayPath: String? = nil, rules: RuleSet, options: CheckOptions = CheckOptions()) -> BriefReport {
        let shown = displayPath ?? path
        do throws(FileReadError) {
            return check(file: try SourceFile.read(path: path, displayPath: shown), rules: rules, options: options)
        } catch {
            return unreadable(shown, error)
        }
    }

    /// The report for a brief that could not be read.
    package static func unreadable(_ shown: String, _ error: FileReadError) -> BriefReport {
        BriefReport(path: shown, brief: nil, problems: [.error("cannot read \(shown): \(error.reason)", id: "brief.unreadable")],
                    findings: [], failures: [])
    }

    /// `scratch`: what the worker kept from the brief it checked before (see `EngineScratch`).
    package static func check(file: SourceFile, rules: RuleSet, options: CheckOptions = CheckOptions(),
                              scratch: EngineScratch? = nil) -> BriefReport {
        let document: Document
        do throws(Diagnostic) {
            document = try Document.parse(file)
        } catch {
            return BriefReport(path: file.path, brief: nil, problems: [error], findings: [], failures: [])
        }
        let brief: Brief
        do throws(DiagnosticList) {
            brief = try rules.schema.validate(document)
        } catch {
            return BriefReport(path: file.path, brief: nil, problems: error.diagnostics, findings: [], failures: [])
        }
        let enabled = rules.enabled(by: options)
        let (findings, failures) = Engine.evaluate(brief, enabled, of: rules, options: options, scratch: scratch)
        var report = BriefReport(path: file.path, brief: brief, problems: [], findings: findings, failures: failures)
        report.evaluated = enabled
        report.language = options.language
        return report
    }
}
