/// What decides a run's exit status for a brief.
package struct Thresholds: Sendable, Equatable {
    /// The lowest severity that fails the run; nil when findings never fail it.
    package var failOn: Severity? = .error
    package var minScore: Int?

    package init(failOn: Severity? = .error, minScore: Int? = nil) {
        self.failOn = failOn
        self.minScore = minScore
    }
}
