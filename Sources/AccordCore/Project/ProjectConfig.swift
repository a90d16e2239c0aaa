/// How one brief is checked: the engine's options and the thresholds, from the project config, the
/// override for the brief's path, and the command line.
package struct BriefPolicy: Sendable {
    package var options: CheckOptions
    package var thresholds: Thresholds

    package init(options: CheckOptions = CheckOptions(), thresholds: Thresholds = Thresholds()) {
        self.options = options
        self.thresholds = thresholds
    }
}

/// `.accord.toml`: a repository's settings for `accord check`, found from the working folder upward
/// (or given with `--config`). Paths in it are relative to its folder.
///
///     rules = ["packs/acme-de"]          # rule packs added to the built-in ones
///     disable = ["MK004"]                # rules turned off
///     fail-on = "warning"                # error (default), warning, info or none
///     min-score = 60
///     lang = "en"
///
///     [severity]                         # severities changed
///     MK005 = "info"
///
///     [[overrides]]                      # for briefs whose path matches
///     paths = ["briefs/archive/**"]
///     disable = ["PR003"]
///     severity = { TL010 = "info" }
///     fail-on = "none"
///
///     extends = "../agency/.accord.toml"  # a shared config (or a folder holding one), read first
///     exclude = ["briefs/drafts/**"]     # briefs a folder search leaves out
///     baseline = "accord-baseline.txt"   # used when --baseline is not given
package struct ProjectConfig: Sendable {
    package static let fileName = ".accord.toml"

    /// What the config, or one of its overrides, says about rules and thresholds.
    package struct RuleSettings: Sendable {
        package var disable: [String] = []
        package var severity: [String: Severity] = [:]
        /// Outer nil: not set; `.some(nil)`: "none".
        package var failOn: Severity?? = nil
        package var minScore: Int?

        /// These settings laid over a policy: rules turned off are added, severities and thresholds
        /// replace what they set.
        func apply(to policy: inout BriefPolicy) {
            policy.options.disabled.formUnion(disable)
            policy.options.severities.merge(severity) { $1 }
            if let failOn { policy.thresholds.failOn = failOn }
            if let minScore { policy.thresholds.minScore = minScore }
        }
    }

    package struct Override: Sendable {
        package var paths: [Glob] = []
        package var settings = RuleSettings()

        package func applies(to path: String) -> Bool { paths.contains { $0.matches(path) } }
    }

    package var file: SourceFile?
    /// The folder paths are relative to.
    package var root: String
    package var rules: [String] = []
    package var settings = RuleSettings()
    package var language: String?
    package var overrides: [Override] = []
    /// Briefs a folder search leaves out: globs on the path from `root`.
    package var exclude: [Glob] = []
    /// The baseline file, as a path from the working folder's view (absolute), when the config names one.
    package var baseline: String?
    /// Where each rule id is named (in this config or one it extends), for reporting ids no pack has.
    var ruleMentions: [(id: String, span: SourceSpan, file: SourceFile)] = []

    package init(root: String) { self.root = root }

    static let keys = ["extends", "rules", "disable", "severity", "fail-on", "min-score", "lang", "overrides", "exclude", "baseline"]
    static let overrideKeys = ["paths", "disable", "severity", "fail-on", "min-score"]

    /// The nearest `.accord.toml` in `folder` or a folder above it.
    package static func find(from folder: String) -> String? {
        var dir = FileSystem.realPath(folder) ?? folder
        while true {
            let candidate = FileSystem.join(dir, fileName)
            if FileSystem.kind(candidate) == .file { return candidate }
            guard let slash = dir.lastIndex(of: "/"), dir != "/" else { return nil }
            dir = slash == dir.startIndex ? "/" : String(dir[..<slash])
        }
    }

    /// Reads a config file, and those it extends; every problem is reported, unknown keys with the
    /// nearest known key. `chain`: the configs that extend this one, to refuse a cycle.
    package static func load(_ path: String, displayPath: String? = nil, chain: [String] = []) throws(DiagnosticList) -> ProjectConfig {
        let file: SourceFile
        do throws(FileReadError) {
            file = try SourceFile.read(path: path, displayPath: displayPath ?? path)
        } catch {
            throw DiagnosticList([.error("cannot read the config \(path): \(error.reason)", id: "config.unreadable")])
        }
        let real = FileSystem.realPath(path) ?? path
        return try parse(file, root: FileSystem.directory(of: real), chain: chain + [real])
    }

    package static func parse(_ file: SourceFile, root: String, chain: [String] = []) throws(DiagnosticList) -> ProjectConfig {
        var diagnostics: [Diagnostic] = []
        var config = ProjectConfig(root: root)
        config.file = file
        let document: Document
        do throws(Diagnostic) {
            document = try TOMLReader.parse(file)
        } catch {
            throw DiagnosticList([error])
        }
        guard let t = TableReader(document, context: ".accord.toml", diagnostics: &diagnostics) else { throw DiagnosticList(diagnostics) }
        t.checkKeys(keys, &diagnostics)
        config.rules = (t.strings("rules", &diagnostics) ?? []).map { $0.0 }
        var mentions: [(id: String, span: SourceSpan)] = []
        config.settings = readSettings(t, severityContext: "[severity]", &mentions, &diagnostics)
        config.exclude = (t.strings("exclude", &diagnostics) ?? []).map { Glob($0.0) }
        if let name = t.string("baseline", &diagnostics) { config.baseline = FileSystem.resolve(name, from: root) }
        if let lang = t.string("lang", &diagnostics) {
            if lang.count == 2, lang.allSatisfy({ $0 >= "a" && $0 <= "z" }) {
                config.language = lang
            } else {
                diagnostics.append(t.error("'lang' is a two-letter language code such as en or ru, not '\(lang)'", t.valueSpan("lang")))
            }
        }
        if let v = t.map["overrides"] {
            guard case .list(let list) = v else {
                diagnostics.append(t.error("'overrides' is a list of tables: write each as [[overrides]]", t.valueSpan("overrides")))
                throw DiagnosticList(diagnostics)
            }
            for (i, item) in list.items.enumerated() {
                let span = list.spans?[i] ?? t.valueSpan("overrides")
                guard case .map(let m) = item else {
                    diagnostics.append(t.error("each of 'overrides' is a table with paths = [...]", span))
                    continue
                }
                let o = TableReader(file: file, map: m, span: span, context: "[[overrides]]")
                o.checkKeys(overrideKeys, &diagnostics)
                var override = Override()
                guard let paths = o.strings("paths", &diagnostics), !paths.isEmpty else {
                    diagnostics.append(o.error("an override needs paths = [\"glob\", ...]: the briefs it applies to", span))
                    continue
                }
                override.paths = paths.map { Glob($0.0) }
                override.settings = readSettings(o, severityContext: "the override's severity", &mentions, &diagnostics)
                config.overrides.append(override)
            }
        }
        config.ruleMentions = mentions.map { ($0.id, $0.span, file) }
        if !diagnostics.isEmpty { throw DiagnosticList(diagnostics) }
        // What it extends, read first (a later one over an earlier); this config's settings are laid over theirs.
        var bases: [(String, SourceSpan)] = []
        if case .string(let one)? = t.map["extends"] { bases = [(one, t.valueSpan("extends"))] } else { bases = t.strings("extends", &diagnostics) ?? [] }
        if !diagnostics.isEmpty { throw DiagnosticList(diagnostics) }
        var merged: ProjectConfig?
        for (name, span) in bases {
            var path = FileSystem.resolve(name, from: root)
            if FileSystem.kind(path) == .directory { path = FileSystem.join(path, fileName) }
            let real = FileSystem.realPath(path) ?? path
            if chain.contains(real) {
                let start = FileSystem.directory(of: chain.first ?? real)
                let cycle = (chain + [real]).map { FileSystem.relative($0, to: start) ?? $0 }.joined(separator: " → ")
                throw DiagnosticList([t.error("the configs extend each other in a circle: \(cycle)", span, help: "remove one of the extends")])
            }
            guard FileSystem.kind(path) == .file else {
                throw DiagnosticList([t.error("extends names \(name), and there is no config there", span,
                                              help: "give the path of a .accord.toml, or of a folder that holds one, from this config's folder")])
            }
            // Shown by its real path: where it is, whichever config named it.
            let base = try load(path, displayPath: real, chain: chain)
            merged = merged.map { base.laid(over: $0) } ?? base
        }
        return merged.map { config.laid(over: $0) } ?? config
    }

    /// This config's settings over `base`'s: packs and overrides added after the base's, rules turned
    /// off added, severities and the single values (fail-on, min-score, lang, baseline) replacing
    /// theirs when set. The base's pack paths are made absolute, from its own folder.
    func laid(over base: ProjectConfig) -> ProjectConfig {
        var out = self
        out.rules = base.rules.map { FileSystem.resolve($0, from: base.root) } + rules
        out.settings.disable = base.settings.disable + settings.disable
        out.settings.severity = base.settings.severity.merging(settings.severity) { $1 }
        out.settings.failOn = settings.failOn ?? base.settings.failOn
        out.settings.minScore = settings.minScore ?? base.settings.minScore
        out.language = language ?? base.language
        out.overrides = base.overrides + overrides
        out.exclude = base.exclude + exclude
        out.baseline = baseline ?? base.baseline
        out.ruleMentions = base.ruleMentions + ruleMentions
        return out
    }

    /// Whether a folder search leaves out the brief at `path` (from `root`).
    package func excludes(_ path: String) -> Bool { exclude.contains { $0.matches(path) } }

    /// `disable`, `severity`, `fail-on` and `min-score` of the config or an override; the rule ids
    /// they name go to `mentions`.
    static func readSettings(_ t: TableReader, severityContext: String, _ mentions: inout [(id: String, span: SourceSpan)],
                             _ diagnostics: inout [Diagnostic]) -> RuleSettings {
        var settings = RuleSettings()
        let disabled = t.strings("disable", &diagnostics) ?? []
        settings.disable = disabled.map(\.0)
        mentions += disabled.map { ($0.0, $0.1) }
        if let severities = t.table("severity", context: severityContext, &diagnostics) {
            settings.severity = readSeverities(severities, &mentions, &diagnostics)
        }
        settings.failOn = readFailOn(t, &diagnostics)
        settings.minScore = readMinScore(t, &diagnostics)
        return settings
    }

    static func readSeverities(_ t: TableReader, _ mentions: inout [(id: String, span: SourceSpan)],
                               _ diagnostics: inout [Diagnostic]) -> [String: Severity] {
        var result: [String: Severity] = [:]
        for (i, key) in t.map.keys.enumerated() {
            guard case .string(let id) = key else { continue }
            let keySpan = t.map.spans?[i].key ?? t.span
            let valueSpan = t.map.spans?[i].value ?? t.span
            mentions.append((id, keySpan))
            guard case .string(let text) = t.map.values[i], let severity = Severity(rawValue: text) else {
                let given = t.map.values[i]
                let guess: String?
                if case .string(let text) = given { guess = Suggestions.closest(to: text, among: Severity.allCases.map(\.rawValue)) } else { guess = nil }
                diagnostics.append(t.error("the severity of \(id) is error, warning or info\(guess.map { "; did you mean '\($0)'?" } ?? "")", valueSpan,
                                           fixIt: guess.map { .init(span: valueSpan, replacement: "\"\($0)\"") }))
                continue
            }
            result[id] = severity
        }
        return result
    }

    static func readFailOn(_ t: TableReader, _ diagnostics: inout [Diagnostic]) -> Severity?? {
        guard let text = t.string("fail-on", &diagnostics) else { return nil }
        if text == "none" { return .some(nil) }
        if let s = Severity(rawValue: text) { return .some(s) }
        let allowed = ["error", "warning", "info", "none"]
        let guess = Suggestions.closest(to: text, among: allowed)
        diagnostics.append(t.error("'fail-on' is error, warning, info or none, not '\(text)'\(guess.map { "; did you mean '\($0)'?" } ?? "")",
                                   t.valueSpan("fail-on")))
        return nil
    }

    static func readMinScore(_ t: TableReader, _ diagnostics: inout [Diagnostic]) -> Int? {
        guard let n = t.int("min-score", &diagnostics) else { return nil }
        guard (0...100).contains(n) else {
            diagnostics.append(t.error("'min-score' is a number from 0 to 100, not \(n)", t.valueSpan("min-score")))
            return nil
        }
        return n
    }

    /// Warnings for rule ids that no loaded pack has, with the nearest id.
    package func unknownRules(_ rules: RuleSet) -> [Diagnostic] {
        let ids = rules.rules.map(\.id) + rules.packs.flatMap { $0.manifest.disable.map(\.id) }
        return ruleMentions.filter { !ids.contains($0.id) }.map { mention in
            .warning("no rule has the id '\(mention.id)'\(Suggestions.didYouMean(mention.id, among: ids))", id: "config.unknown-rule",
                     file: mention.file, span: mention.span)
        }
    }

    /// The policy for each brief by its path (relative to `root`): the config's settings, then each
    /// override that matches, in order, then what the command line set, which wins. The config's own
    /// settings are laid down once, so a long `disable` list costs once a run, not once a brief.
    package func policies(commandLine: CommandLineSettings) -> @Sendable (String) -> BriefPolicy {
        var base = BriefPolicy()
        base.options.language = commandLine.language ?? language ?? "en"
        base.options.costLimit = commandLine.costLimit ?? base.options.costLimit
        settings.apply(to: &base)
        return { [base, overrides] path in
            var policy = base
            for o in overrides where o.applies(to: path) { o.settings.apply(to: &policy) }
            if let failOn = commandLine.failOn { policy.thresholds.failOn = failOn }
            if let minScore = commandLine.minScore { policy.thresholds.minScore = minScore }
            return policy
        }
    }
}

/// What the command line set for `accord check`, which takes precedence over the config.
package struct CommandLineSettings: Sendable {
    /// Outer nil: not given; `.some(nil)`: `--fail-on none`.
    package var failOn: Severity?? = nil
    package var minScore: Int?
    package var language: String?
    package var costLimit: Int?

    package init() {}
}

/// The repository a path is in: the nearest folder above it with a `.git`.
package enum Repository {
    package static func root(from folder: String) -> String? {
        var dir = FileSystem.realPath(folder) ?? folder
        while true {
            if FileSystem.kind(FileSystem.join(dir, ".git")) != .missing { return dir }
            guard dir != "/", dir.contains("/") else { return nil }
            dir = FileSystem.directory(of: dir)
        }
    }
}
