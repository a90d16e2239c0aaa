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
    /// For a check-in: the results and where each metric and deliverable stands.
    package var checkin: CheckinProgress?

    /// How reports head its questions.
    package var questionsHeading: String { checkin == nil ? "Questions for the alignment meeting" : "Questions for the check-in call" }

    /// The categories it is scored in: a brief's six, or a check-in's `execution`.
    package var categories: [Category] { checkin == nil ? Category.brief : [.execution] }

    package var isUsable: Bool { problems.isEmpty }

    /// The language of `party` when its questions could not be asked in it (no rule speaks it), so
    /// that the report says once why they are in English; nil when they are in its language.
    package func unspokenLanguage(of party: String) -> String? {
        guard case .string(let language)? = brief?.party(id: party)?["language"], language != "en",
              questions.contains(where: { $0.to == party && $0.language != language }) else { return nil }
        return language
    }

    /// `, asked in English: Accord's questions are not written in vi`, for a party header.
    package func unspokenNote(of party: String) -> String {
        unspokenLanguage(of: party).map { ": asked in English, as Accord's questions are not written in \($0)" } ?? ""
    }

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
        copy.checkin = checkin
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
    /// `overlay`: tables laid over the brief as read (`Overlay.merge`) before it is validated: what
    /// `accord diff` carries from the revision before (the approval it had).
    package static func check(file: SourceFile, rules: RuleSet, options: CheckOptions = CheckOptions(),
                              scratch: EngineScratch? = nil, overlay: Value? = nil) -> BriefReport {
        let brief: Brief
        switch validated(file, rules: rules, overlay: overlay) {
        case .success(let b): brief = b
        case .failure(let unusable): return unusable.report
        }
        let enabled = rules.enabled(by: options)
        let (findings, failures) = Engine.evaluate(brief, enabled, of: rules, options: options, scratch: scratch)
        var report = BriefReport(path: file.path, brief: brief, problems: [], findings: findings, failures: failures)
        report.evaluated = enabled
        report.language = options.language
        return report
    }

    /// The brief in `file`, parsed and validated; or the report of a brief that could not be.
    static func validated(_ file: SourceFile, rules: RuleSet, overlay: Value? = nil) -> Result<Brief, Unusable> {
        var document: Document
        do throws(Diagnostic) {
            document = try Document.parse(file)
            if let overlay {
                document = Document(file: file, root: Overlay.merge(document.root, overlay), rootSpan: document.rootSpan, comments: document.comments)
            }
        } catch {
            return .failure(Unusable(BriefReport(path: file.path, brief: nil, problems: [error], findings: [], failures: [])))
        }
        do throws(DiagnosticList) {
            return .success(try rules.schema.validate(document))
        } catch {
            return .failure(Unusable(BriefReport(path: file.path, brief: nil, problems: error.diagnostics, findings: [], failures: [])))
        }
    }

    /// Checks a brief's results at a check-in: its check-in rules (category `execution`) with the
    /// results in scope. `results` are the results files; `asOf` overrides their date. Results that
    /// do not read or check are problems of the report, as a brief's are.
    package static func checkin(file: SourceFile, results: [SourceFile], asOf: LocalDate?, rules: RuleSet,
                                options: CheckOptions = CheckOptions()) -> BriefReport {
        let brief: Brief
        switch validated(file, rules: rules) {
        case .success(let b): brief = b
        case .failure(let unusable): return unusable.report
        }
        let read: Results
        do throws(DiagnosticList) {
            read = try Results.read(results, brief: brief, asOf: asOf)
        } catch {
            return BriefReport(path: file.path, brief: nil, problems: error.diagnostics, findings: [], failures: [])
        }
        var options = options
        options.checkin = true
        let progress = CheckinProgress(brief, read, policy: PacePolicy(data: rules.data))
        let enabled = rules.enabled(by: options)
        let (findings, failures) = Engine.evaluate(brief, enabled, of: rules, options: options, scratch: nil,
                                                   checkin: CheckinScope.values(progress, brief: brief))
        var report = BriefReport(path: file.path, brief: brief, problems: [], findings: findings, failures: failures)
        report.evaluated = enabled
        report.language = options.language
        report.checkin = progress
        return report
    }

    /// A brief's report that says why it cannot be used (as an error, so that it can travel in a `Result`).
    struct Unusable: Error {
        let report: BriefReport
        init(_ report: BriefReport) { self.report = report }
    }
}
