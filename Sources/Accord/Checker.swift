import AccordCore

/// Checks campaign briefs as `accord check` does: the front door to Accord.
///
/// ```swift
/// import Accord
///
/// let checker = try Checker(Configuration(workingDirectory: "/path/to/repo"))
/// let summary = try checker.check(["briefs"])
/// for brief in summary.results {
///     print(brief.path, brief.verdict?.rawValue ?? "unusable", brief.scores?.overall ?? 0)
///     for finding in brief.findings { print(finding.rule, finding.message) }
/// }
/// ```
///
/// Making a checker reads the project config and starts loading the rule packs on another core; the
/// first `check` waits for them. A checker can check any number of times, from one thread at a time.
public struct Checker: Sendable {
    /// What the checker was made with.
    public let configuration: Configuration
    private let workingDirectory: String
    private let project: ProjectConfig?
    /// The folder repository-relative paths start from (SARIF, baselines, config globs).
    private let root: String
    private let rules: Pending<Result<Replicas, AccordError>>
    private let baseline: (name: String, entries: Baseline)?
    private let policy: @Sendable (String) -> BriefPolicy

    /// Reads the project config and the baseline, and starts loading the rule packs.
    /// Throws when a setting is out of range, or the project config or the baseline cannot be used.
    public init(_ configuration: Configuration) throws(AccordError) {
        self.configuration = configuration
        let cwd = configuration.workingDirectory ?? FileSystem.currentDirectory()
        workingDirectory = cwd

        var settings = CommandLineSettings()
        switch configuration.failOn {
        case .severity(let s)?: settings.failOn = .some(s.stage)
        case .never?: settings.failOn = .some(nil)
        case nil: break
        }
        if let n = configuration.minimumScore {
            guard (0...100).contains(n) else { throw AccordError("the minimum score is a number from 0 to 100, not \(n)") }
            settings.minScore = n
        }
        if let lang = configuration.language {
            guard lang.count == 2, lang.allSatisfy({ $0 >= "a" && $0 <= "z" }) else {
                throw AccordError("the language is a two-letter code such as en or ru, not '\(lang)'")
            }
            settings.language = lang
        }
        if let n = configuration.threads, n < 1 { throw AccordError("the number of threads is at least 1, not \(n)") }

        // The project config, and the root that repository-relative paths start from.
        project = try RuleLoading.projectConfig(configuration.projectFile, workingDirectory: cwd)
        root = project?.root ?? Repository.root(from: cwd) ?? cwd

        // --baseline, else the config's `baseline` (when its file exists: a first --write-baseline makes it).
        let configured = project?.baseline.flatMap { FileSystem.kind($0) == .missing ? nil : FileSystem.relative($0, to: cwd) ?? $0 }
        if let given = configuration.baseline ?? configured {
            do throws(DiagnosticList) {
                baseline = (given, try Baseline.read(FileSystem.resolve(given, from: cwd), displayPath: given))
            } catch {
                throw AccordError(error.diagnostics)
            }
        } else {
            baseline = nil
        }
        policy = (project ?? ProjectConfig(root: root)).policies(commandLine: settings)

        // The rules load on another core while the caller goes on (and `check` finds the briefs), and
        // so does a replica of them for a second worker.
        let packs = RuleLoading.packs(of: project, workingDirectory: cwd) + configuration.rulePacks
        let workers = Parallel.threadCount(configuration.threads)
        rules = Pending {
            RuleLoading.load(extraPacks: packs, workingDirectory: cwd).map { rules in
                let replicas = Replicas(rules)
                if workers > 1 { replicas.prepare() }
                return replicas
            }
        }
    }

    /// Checks the briefs under `paths` (brief files, or folders searched for `*.brief.toml` and
    /// `*.brief.json`; relative paths are from the working directory) and writes `reports` as the
    /// briefs are checked, on all cores, in the order the paths are given.
    ///
    /// - Parameters:
    ///   - keepResults: whether `CheckSummary.results` lists every brief's result; a run that only
    ///     writes reports keeps memory flat without them.
    ///   - writeBaseline: a file to write the run's findings to, for `Configuration.baseline`.
    ///   - standardInput: the brief that the path `-` stands for (an editor's buffer, a pipe), with the
    ///     path it is shown as and its per-path settings are chosen by (`--stdin-name`).
    ///   - diagnostics: what is found on the way, as it comes, for standard error: why a brief could
    ///     not be checked and a rule that failed on one (errors: the reports say so too, but a report
    ///     may go to a file), a rule the project config names that no pack has and a rule's read of a
    ///     field a brief may lack with nothing guarding it (warnings), no briefs
    ///     found or the baseline written (notes).
    /// - Throws: `AccordError` when the rule packs do not load, a path does not exist, or a report or
    ///   the baseline cannot be written. A brief that cannot be checked is not an error: its result
    ///   says why, and the exit status is 2.
    public func check(_ paths: [String], reports: [ReportRequest] = [], keepResults: Bool = true,
                      writeBaseline: String? = nil, standardInput: (text: String, name: String)? = nil,
                      diagnostics: (Problem) -> Void = { _ in }) throws(AccordError) -> CheckSummary {
        let paths = paths.isEmpty ? ["."] : paths
        let fromStdin = paths.contains("-")
        if fromStdin && standardInput == nil { throw AccordError("the path - stands for standard input, and there is none to read") }
        let found = BriefFinder.find(paths.filter { $0 != "-" }, from: workingDirectory)
        // The config's `exclude`, on each brief's path from the root.
        let fromRoot = FileSystem.RelativePaths(to: root)
        let files = found.files.filter { file in
            guard let project, !project.exclude.isEmpty else { return true }
            return !project.excludes(fromRoot.relative(file.read) ?? Display.path(file.display))
        }
        if files.count < found.files.count {
            diagnostics(Problem(Diagnostic(.note, "\(found.files.count - files.count) brief(s) left out by exclude in \(ProjectConfig.fileName)")))
        }
        let replicas = try rules.value.get()
        let ruleSet = replicas.rules
        for warning in try warnings() { diagnostics(warning) }
        guard found.unusable.isEmpty else { throw AccordError(found.unusable) }
        for note in found.notes { diagnostics(Problem(note)) }
        if files.isEmpty && !fromStdin {
            let what = "no brief matched \(paths.joined(separator: ", ")) (files ending in .brief.toml or .brief.json)"
            guard configuration.allowEmpty else {
                throw AccordError(what, help: "give the briefs' paths; with --allow-empty a run that finds none succeeds")
            }
            diagnostics(Problem(Diagnostic(.note, what)))
        }

        // Open every report file before checking anything, so that a bad path costs nothing.
        let sinks = try ReportSinks(reports, workingDirectory: workingDirectory, inputs: files.map(\.read))
        let reporters = reports.map { $0.format.reporter(ReportOptions(colored: $0.colored, showSuppressed: $0.showSuppressed)) }
        // A run that checks some of the briefs (a pre-commit hook's staged ones) finds only their
        // entries of a baseline again, or gone; the others' stay as they are.
        var checked: Set<String> = []
        if baseline != nil || writeBaseline != nil {
            checked = Set(files.map { fromRoot.relative($0.read) ?? Display.path($0.display) })
        }
        let context = ReportContext(rules: ruleSet, root: root, baseline: baseline.map { ($0.name, $0.entries.only(checked)) })
        let policy = policy
        let stdin = fromStdin ? standardInput.map { (bytes: Array($0.text.utf8), name: Display.path($0.name)) } : nil
        let folder = workingDirectory
        let input: @Sendable (Int) -> BriefInput = { i in
            if i >= files.count, let stdin {
                // Standard input, after the files: named, and its settings chosen, by its --stdin-name.
                let relative = fromRoot.relative(FileSystem.resolve(stdin.name, from: folder)) ?? stdin.name
                var brief = BriefInput(path: stdin.name, display: stdin.name, relative: relative, policy: policy(relative))
                brief.text = stdin.bytes
                return brief
            }
            let display = Display.path(files[i].display)
            let relative = fromRoot.relative(files[i].read) ?? display
            return BriefInput(path: files[i].read, display: display, relative: relative, policy: policy(relative))
        }
        var results: [BriefResult] = []
        let totals = CheckRunner.run(count: files.count + (stdin == nil ? 0 : 1), input: input, rules: replicas, context: context, reporters: reporters,
                                     threads: configuration.threads, recordEntries: writeBaseline != nil,
                                     each: keepResults ? { _, r in results.append(BriefResult(r, failsRun: context.fails(r))) } : nil,
                                     problems: { _, list in list.forEach { diagnostics(Problem($0)) } },
                                     write: sinks.write)
        let unwritten = sinks.commit()
        guard unwritten.isEmpty else { throw AccordError(unwritten) }

        var written: Int?
        if let path = writeBaseline {
            let target = FileSystem.resolve(path, from: workingDirectory)
            // The entries of briefs this run did not check are kept from the baseline already there;
            // read and rewritten under a lock, so that a concurrent run's entries are not lost.
            let kept = try FileSystem.withFolderLock(of: target) { () throws(AccordError) -> [Baseline.Entry] in
                var kept: [Baseline.Entry] = []
                if FileSystem.kind(target) != .missing {
                    do throws(DiagnosticList) {
                        kept = try Baseline.read(target, displayPath: path).entries.filter { !checked.contains($0.file) }
                    } catch {
                        throw AccordError(error.diagnostics + [.error("the baseline \(path) was left as it was", help: "remove it to write a new one")])
                    }
                }
                if let reason = FileSystem.writeFile(target, Array(Baseline.render(totals.entries + kept).utf8)) {
                    throw AccordError("cannot write the baseline \(path): \(reason)")
                }
                return kept
            }
            written = totals.entries.count
            let n = totals.entries.count
            let others = kept.isEmpty ? "" : " (and kept \(kept.count) of briefs not checked in this run)"
            diagnostics(Problem(Diagnostic(.note, "wrote \(n) finding\(n == 1 ? "" : "s") to the baseline \(path)\(others)")))
        }
        return CheckSummary(totals, results: results, baselineEntriesWritten: written)
    }

    /// Checks one brief given as text, as an editor holds it: `path` names it in the results and
    /// decides its per-path settings, and its extension (`.json` or not) how it is read.
    public func check(text: String, path: String) throws(AccordError) -> BriefResult {
        let rules = try rules.value.get().rules
        let report = settled(SourceFile(path: path, text: text), rules: rules)
        return BriefResult(report, failsRun: ReportContext(rules: rules, root: root, baseline: baseline).fails(report))
    }

    /// A brief's file checked as a run checks it: its policy, suppressions and baseline entries;
    /// with `language`, its messages in that language instead of the configured one.
    func settled(_ file: SourceFile, rules: RuleSet, language: String? = nil, overlay: Value? = nil) -> BriefReport {
        let path = file.path
        let relative = FileSystem.RelativePaths(to: root).relative(FileSystem.resolve(path, from: workingDirectory)) ?? path
        var input = BriefInput(path: path, relative: relative, policy: policy(relative))
        if let language { input.policy.options.language = language }
        var report = BriefChecker.check(file: file, rules: rules, options: input.policy.options, overlay: overlay)
        _ = CheckRunner.settle(&report, input, rules: rules, baseline: baseline.map { ($0.name, $0.entries.entries(for: relative)) })
        return report
    }

    /// The rules, once loaded.
    var ruleSet: RuleSet {
        get throws(AccordError) { try rules.value.get().rules }
    }

    /// What the settings and the rules warn of whatever is checked: a rule the project config names
    /// that no pack has, a pack's own warnings, and a language no rule speaks (its messages fall back
    /// to English). `check` and `checkin` report them; other commands ask for them.
    /// - Throws: `AccordError` when the rule packs do not load.
    public func warnings() throws(AccordError) -> [Problem] {
        let ruleSet = try ruleSet
        var found = (project?.unknownRules(ruleSet) ?? []).map { Problem($0) }
        found += ruleSet.warnings.map { Problem($0.diagnostic) }
        if let language = configuration.language ?? project?.language, case let spoken = ruleSet.messageLanguages,
           !spoken.contains(language) {
            found.append(Problem(.warning("no rule speaks '\(language)': messages are in English",
                                          help: "the rules speak " + spoken.joined(separator: ", ") + "; a pack adds a language (docs/authoring.md)")))
        }
        return found
    }

    /// Where relative paths are from.
    var folder: String { workingDirectory }
    /// The folder repository-relative paths start from.
    var rootFolder: String { root }
    /// The settings for the brief at `relative` (from the root): the config's and the command line's.
    func briefPolicy(_ relative: String) -> BriefPolicy { policy(relative) }
}

/// The report files and streams of one run, opened before it starts. Files are written atomically
/// (`AtomicFile`): each keeps what it had until the run has written the whole report.
final class ReportSinks {
    private enum Sink {
        case file(AtomicFile, shown: String)
        case stream(@Sendable (UnsafeRawBufferPointer) -> Void)
    }

    private var sinks: [Sink] = []

    /// Refuses two reports to one file, and a report over a brief the run reads, before anything is
    /// written: `inputs` are the paths of the briefs to check.
    init(_ reports: [ReportRequest], workingDirectory: String, inputs: [String]) throws(AccordError) {
        // The briefs' real paths, worked out only when a report goes to a file (each costs a few
        // system calls, which a run of 10,000 briefs to standard output need not pay).
        let toFiles = reports.contains { if case .file = $0.destination { return true } else { return false } }
        let briefs = toFiles ? Set(inputs.map { FileSystem.realPath($0) ?? FileSystem.normalize($0) }) : []
        var targets: [String: String] = [:]
        for report in reports {
            guard case .file(let shown) = report.destination else { continue }
            let path = FileSystem.resolve(shown, from: workingDirectory)
            let real = FileSystem.realPath(path) ?? FileSystem.normalize(path)
            if let other = targets[real] {
                throw AccordError("two reports would be written to one file: \(other) and \(shown)", help: "give each --output a file of its own")
            }
            if briefs.contains(real) {
                throw AccordError("the report \(shown) would replace a brief this run checks", help: "write the report to another file")
            }
            targets[real] = shown
        }
        for report in reports {
            switch report.destination {
            case .file(let shown):
                switch AtomicFile.create(FileSystem.resolve(shown, from: workingDirectory)) {
                case .success(let file): sinks.append(.file(file, shown: shown))
                case .failure(let error):
                    abandon()
                    throw AccordError("cannot write \(shown): \(error.reason)")
                }
            case .stream(let handler):
                sinks.append(.stream(handler))
            }
        }
    }

    func write(_ k: Int, _ part: OutputBuffer) {
        part.withUnsafeBytes { bytes in
            switch sinks[k] {
            case .file(let file, _): file.write(UnsafeRawBufferPointer(bytes))
            case .stream(let handler): handler(UnsafeRawBufferPointer(bytes))
            }
        }
    }

    /// Gives every report file its name; the files that could not be written, with why.
    func commit() -> [Problem] {
        var problems: [Problem] = []
        for case .file(let file, let shown) in sinks {
            if let reason = file.commit() { problems.append(.error("cannot write \(shown): \(reason)")) }
        }
        return problems
    }

    /// Leaves every report file as it was.
    func abandon() {
        for case .file(let file, _) in sinks { file.abandon() }
    }
}

/// Loading the built-in packs and any others, and the project config that names packs.
package enum RuleLoading {
    /// The project config `file` names, from `workingDirectory`; nil for none.
    package static func projectConfig(_ file: Configuration.ProjectFile, workingDirectory cwd: String) throws(AccordError) -> ProjectConfig? {
        var path: String?
        var shown: String?
        switch file {
        case .nearest:
            path = ProjectConfig.find(from: cwd)
            shown = path.map { FileSystem.relative($0, to: cwd) ?? $0 }
        case .file(let given):
            let resolved = FileSystem.resolve(given, from: cwd)
            guard FileSystem.kind(resolved) == .file else { throw AccordError("no such config file: \(resolved)") }
            path = resolved
            shown = given
        case .none:
            break
        }
        do throws(DiagnosticList) {
            return try path.map { p throws(DiagnosticList) in try ProjectConfig.load(p, displayPath: shown) }
        } catch {
            throw AccordError(error.diagnostics)
        }
    }

    /// The pack folders a project config names, as paths from `workingDirectory`.
    package static func packs(of project: ProjectConfig?, workingDirectory cwd: String) -> [String] {
        guard let project else { return [] }
        let folder = FileSystem.relative(project.root, to: cwd) ?? project.root
        return project.rules.map { FileSystem.resolve($0, from: folder) }
    }

    /// `extraPacks`: pack folders as the user wrote them (relative ones are from `workingDirectory`).
    package static func load(extraPacks: [String], workingDirectory: String) -> Result<RuleSet, AccordError> {
        var packs = PackFiles.builtIn()
        for path in extraPacks {
            do throws(FileReadError) {
                let read = FileSystem.resolve(path, from: workingDirectory)
                packs.append(try PackFiles.folder(read, shownAs: Display.path(path)))
            } catch {
                return .failure(AccordError("cannot read rule pack \(error.path): \(error.reason)"))
            }
        }
        do throws(DiagnosticList) {
            return .success(try RuleSet.load(packs))
        } catch {
            let n = error.diagnostics.count
            let summary = Diagnostic.error("the rules could not be loaded (\(n) problem\(n == 1 ? "" : "s"))")
            return .failure(AccordError(error.diagnostics + [summary]))
        }
    }
}

extension Checker {
    /// The brief format as a JSON Schema (draft 2020-12), generated from the schema briefs are
    /// validated against (the built-in packs' and the project's): for editors and validators.
    public func briefJSONSchema() throws(AccordError) -> String {
        JSONForm.string(try ruleSet.schema.jsonSchema(), pretty: true) + "\n"
    }
}
