import Foundation

/// The result of checking one brief.
public struct BriefReport: Sendable {
    /// The path as shown in reports (relative, as given).
    public let path: String
    public let brief: Brief?
    /// Why the brief could not be checked: unreadable, not TOML/JSON, or not a valid brief.
    public let problems: [Diagnostic]
    public let findings: [Finding]
    public let failures: [RuleFailure]
    public let scores: Scores
    public let verdict: Verdict
    public let questions: [PartyQuestion]
    /// Problems with the brief's suppression comments: no reason, an unknown rule, nothing to suppress.
    public var notices: [Diagnostic] = []
    /// What decides the exit status for this brief (the config may differ by path).
    public var thresholds = Thresholds()
    /// The path from the repository's root (or the config's folder), with `/`: for SARIF and baselines.
    public var relativePath: String
    /// The rules that were evaluated on the brief (for JUnit's test cases).
    public var evaluated: [CompiledRule] = []

    public var isUsable: Bool { problems.isEmpty }

    public var campaignName: String? {
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
    public func with(findings: [Finding]) -> BriefReport {
        var copy = BriefReport(path: path, brief: brief, problems: problems, findings: findings, failures: failures)
        copy.notices = notices
        copy.thresholds = thresholds
        copy.relativePath = relativePath
        copy.evaluated = evaluated
        return copy
    }
}

public enum BriefChecker {
    /// Reads, validates and checks one brief file.
    /// `folders`: opens the file by its folder (`FolderReader`); without, by its whole path.
    public static func check(path: String, displayPath: String? = nil, rules: RuleSet, options: CheckOptions = CheckOptions(),
                             folders: FolderReader? = nil) -> BriefReport {
        let shown = displayPath ?? path
        let file: SourceFile
        do throws(FileReadError) {
            file = try SourceFile.read(path: path, displayPath: shown, through: folders)
        } catch {
            return BriefReport(path: shown, brief: nil, problems: [.error("cannot read \(shown): \(error.reason)", id: "brief.unreadable")],
                               findings: [], failures: [])
        }
        return check(file: file, rules: rules, options: options)
    }

    public static func check(file: SourceFile, rules: RuleSet, options: CheckOptions = CheckOptions()) -> BriefReport {
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
        let (findings, failures) = Engine.evaluate(brief, enabled, of: rules, options: options)
        var report = BriefReport(path: file.path, brief: brief, problems: [], findings: findings, failures: failures)
        report.evaluated = enabled
        return report
    }
}

/// Finds the briefs to check: files as given, folders searched for `*.brief.toml` and `*.brief.json`.
public enum BriefFinder {
    public static func isBriefName(_ name: String) -> Bool {
        name.hasSuffix(".brief.toml") || name.hasSuffix(".brief.json")
    }

    /// The brief files under `paths` (in the order given; a folder's sorted by their paths' bytes),
    /// and the paths that do not exist. Each file comes with the path to read and the path to show:
    /// as given, or under the folder as given. Relative paths are read from `folder`.
    public static func find(_ paths: [String], from folder: String? = nil) -> (files: [(read: String, display: String)], missing: [String]) {
        var files: [(read: String, display: String)] = []
        var missing: [String] = []
        for path in paths {
            let read = folder.map { path.hasPrefix("/") ? path : FileSystem.join($0, path) } ?? path
            switch FileSystem.kind(read) {
            case .file:
                files.append((read, path))
            case .directory:
                // The folder's two spellings end in a slash once, not at every file.
                let readFolder = FileSystem.join(read, "")
                let shownFolder = path == "." ? "" : FileSystem.join(path, "")
                // Usually the same folder, and then the same text serves both.
                let shownAsRead = shownFolder == readFolder
                for relative in FileSystem.walk(read, maxFiles: 1_000_000) where isBriefName(relative) {
                    let readPath = readFolder + relative
                    files.append((readPath, shownAsRead ? readPath : shownFolder + relative))
                }
            default:
                missing.append(path)
            }
        }
        // One folder lists each file once; only several paths can name a file twice.
        guard paths.count > 1 else { return (files, missing) }
        var seen: Set<String> = []
        return (files.filter { seen.insert($0.read).inserted }, missing)
    }
}
