import AccordCore

/// A format of `accord diff`'s report.
public enum RevisionFormat: String, Sendable, CaseIterable {
    /// Plain text, for a terminal.
    case text
    /// JSON, for programs (`../shared/spec/lifecycle.md`: `old`, `new`, `resolved`, `introduced`, `changed`).
    case json
    /// Markdown fit to post as a pull-request comment: the summary first, the details folded.
    case markdown
    /// GitHub Actions annotations on the new revision.
    case github
}

/// Two revisions of a brief compared (`Checker.diff`).
public struct Revision: Sendable {
    /// Findings of the old revision that the new one no longer has.
    public let resolved: [Finding]
    /// Findings the new revision brings (PR008 among them when agreed content changed without approval).
    public let introduced: [Finding]
    /// The fields that changed: the path in `check`'s dotted form and the change in words.
    public let changes: [(path: String, text: String)]
    /// Whether what the parties agree to changed (the agreement's fingerprint differs).
    public let agreedContentChanged: Bool
    /// The parties who must approve the new revision again: every party had approved the old one,
    /// and the new one changes what they agreed to without recording their approval again.
    public let mustApproveAgain: [String]
    /// 1 when a finding at or above the fail-on severity is introduced or agreed content changed
    /// without new approval; 0 otherwise.
    public let exitStatus: Int32
    private let revision: Box

    private final class Box: @unchecked Sendable {
        let revision: BriefRevision
        let phrases: Phrasebook
        let language: String
        init(_ revision: BriefRevision, _ phrases: Phrasebook, _ language: String) {
            self.revision = revision
            self.phrases = phrases
            self.language = language
        }
    }

    /// Nothing changed: the same fields and the same findings.
    public var isUnchanged: Bool { revision.revision.isUnchanged }

    /// The report in `format`.
    public func report(_ format: RevisionFormat) -> String {
        RevisionReport.write(revision.revision, as: RevisionReport.Format(rawValue: format.rawValue)!, phrases: revision.phrases,
                             language: revision.language)
    }

    init(_ r: BriefRevision, phrases: Phrasebook, language: String, failOn: AccordCore.Severity?) {
        revision = Box(r, phrases, language)
        resolved = r.resolved.map(Finding.init)
        introduced = r.introduced.map(Finding.init)
        changes = r.changes.map { ($0.path, $0.sentence(phrases, language)) }
        agreedContentChanged = r.agreedContentChanged
        mustApproveAgain = r.mustApproveAgain
        let failing = r.introduced.contains { f in failOn.map { f.severity >= $0 } ?? false }
        exitStatus = failing || !r.mustApproveAgain.isEmpty ? 1 : 0
    }
}

extension Checker {
    /// Compares two revisions of a brief, as `accord diff` does: each is a file (relative to the
    /// working directory) or `REV:PATH`, read from git as `git show REV:PATH` would. Both are checked
    /// as `check` would check them; when every party had approved `old` and `new` changes what they
    /// agreed to without recording their approval again (`alignment.approved_fingerprint` of the new
    /// content, or a later `approved_on`), `new` is checked as still carrying the old approval, so
    /// that rule PR008 finds the change and asks each party, in their language, about it.
    ///
    /// - Throws: `AccordError` when either side cannot be read, parsed or validated (the error says
    ///   which), git is missing or the revision does not exist, or the two are briefs of different
    ///   campaigns.
    public func diff(old: String, new: String) throws(AccordError) -> Revision {
        let rules = try ruleSet
        let oldFile = try side(old, "old")
        let newFile = try side(new, "new")
        let before = settled(oldFile, rules: rules)
        var after = settled(newFile, rules: rules)
        for (report, name, given) in [(before, "old", old), (after, "new", new)] where !report.isUsable || !report.failures.isEmpty {
            throw AccordError(report.problems.map(Problem.init) + report.failures.map { Problem($0.diagnostic) }
                              + [Problem.error("the \(name) revision, \(given), cannot be compared")])
        }
        let oldBrief = before.brief!, newBrief = after.brief!
        let names = [oldBrief, newBrief].map { b in
            (b.root["campaign"]?.mapValue?["name"]?.stringValue, b.root["brand"]?.mapValue?["name"]?.stringValue)
        }
        if names[0].0 != names[1].0 && names[0].1 != names[1].1 {
            throw AccordError("\(old) and \(new) are briefs of different campaigns (\(names[0].0 ?? "unnamed") of \(names[0].1 ?? "?"), \(names[1].0 ?? "unnamed") of \(names[1].1 ?? "?")): a diff of them would say nothing",
                              help: "compare two revisions of one brief: accord diff HEAD~1:\(new) \(new)")
        }
        // Approved before, changed since, not approved again, and no approval of its own recorded:
        // the new revision still carries the old approval, which PR008 finds out of date.
        let oldFingerprint = AgreementFingerprint.of(oldBrief.root)
        if BriefRevision.needsApprovalAgain(old: oldBrief, new: newBrief, oldFingerprint: oldFingerprint,
                                            newFingerprint: AgreementFingerprint.of(newBrief.root)),
           newBrief.root["alignment"]?.mapValue?["approved_fingerprint"] == nil {
            let carried = Value.map(ValueMap([("alignment", .map(ValueMap([("approved_fingerprint", .string(oldFingerprint))])))]))
            after = settled(newFile, rules: rules, overlay: carried)
        }
        let language = configuration.language ?? "en"
        let languages = [language] + newBrief.parties.compactMap { $0["language"]?.stringValue }
        let phrases = Phrasebook(rules: rules, languages: languages)
        return Revision(BriefRevision(old: before, new: after, written: newBrief, phrases: phrases), phrases: phrases, language: language,
                        failOn: after.thresholds.failOn)
    }

    /// One side of a diff: a file, or `REV:PATH` from git.
    private func side(_ given: String, _ name: String) throws(AccordError) -> SourceFile {
        if let (rev, path) = GitShow.revision(of: given, from: folder) {
            switch GitShow.read(rev: rev, path: path, in: folder) {
            case .success(let bytes): return SourceFile(path: given, bytes: bytes)
            case .failure(let error):
                throw AccordError("cannot read the \(name) revision \(given): \(error.reason)",
                                  help: error.reason.contains("git is not installed") ? "install git, or give the old brief as a file" : "check the revision and the path: git log -- \(path)")
            }
        }
        do throws(FileReadError) {
            return try SourceFile.read(path: FileSystem.resolve(given, from: folder), displayPath: given)
        } catch {
            throw AccordError("cannot read the \(name) revision \(given): \(error.reason)")
        }
    }
}
