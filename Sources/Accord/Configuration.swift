/// What a `Checker` checks with: where it stands, the project config, extra rule packs, thresholds,
/// the language, a baseline. Each setting left nil comes from the project config (`.accord.toml`), and
/// then from Accord's defaults; one given here wins over the config, as the command line does.
public struct Configuration: Sendable {
    /// Where the project config is read from.
    public enum ProjectFile: Sendable, Equatable {
        /// The nearest `.accord.toml` from the working directory upward, if there is one.
        case nearest
        /// This file (relative paths are from the working directory); it must exist.
        case file(String)
        /// No project config.
        case none
    }

    /// When a run fails on findings.
    public enum FailOn: Sendable, Equatable {
        /// On findings of this severity or worse.
        case severity(Severity)
        /// Never on findings (scores below `minimumScore` still fail it).
        case never
    }

    /// The folder relative paths are read from and the project config is searched from; the process's
    /// current folder when nil.
    public var workingDirectory: String?
    /// The project config to read: the nearest `.accord.toml` by default.
    public var projectFile: ProjectFile = .nearest
    /// Rule pack folders added to the built-in packs and those the project config names.
    public var rulePacks: [String] = []
    /// Error by default.
    public var failOn: FailOn?
    /// A run fails when a brief's overall or category score is below this (0-100).
    public var minimumScore: Int?
    /// The language of messages: a two-letter code such as `en` (the default) or `ru`. Questions follow
    /// each party's own language where the rule has a translation.
    public var language: String?
    /// A baseline file (`accord check --write-baseline`): findings it lists are reported as known and do
    /// not fail the run.
    public var baseline: String?
    /// How many threads check briefs; all cores when nil.
    public var threads: Int?
    /// Whether a check that finds no brief is fine. By default it is an error: an empty check in CI
    /// is a false green (a moved folder, a misspelled glob).
    public var allowEmpty = false

    /// Accord's defaults and the project config's settings, from `workingDirectory` (the process's
    /// current folder when nil).
    public init(workingDirectory: String? = nil) {
        self.workingDirectory = workingDirectory
    }
}
