/// Rule sets for the workers of a run: the first worker checks with the set itself, each other with
/// a replica of its own, the same packs loaded again (equal in every way, sharing no node, constant or
/// data table with the set). A worker that evaluates with its own replica never touches the reference
/// counts another core is changing: one set shared by two workers costs the check 13-20% more time.
package final class Replicas: @unchecked Sendable {
    package let rules: RuleSet
    private let lock = Locked<Pending<RuleSet>?>(nil)

    package init(_ rules: RuleSet) {
        self.rules = rules
    }

    /// Starts loading a replica on another core, for the second worker to take: a check that finds its
    /// briefs meanwhile gets that worker going without waiting for the rules to load again.
    package func prepare() {
        let pending = Pending { [rules] in Replicas.load(rules) }
        lock.write { $0 = pending }
    }

    /// The rule set worker `k` checks with.
    package func forWorker(_ k: Int) -> RuleSet {
        guard k > 0 else { return rules }
        var prepared: Pending<RuleSet>?
        lock.write { swap(&prepared, &$0) }
        return prepared?.value ?? Replicas.load(rules)
    }

    /// The same packs loaded again; the set itself should that fail, which it cannot once it has
    /// succeeded.
    private static func load(_ rules: RuleSet) -> RuleSet {
        (try? RuleSet.load(rules.packs.map(\.files))) ?? rules
    }
}
