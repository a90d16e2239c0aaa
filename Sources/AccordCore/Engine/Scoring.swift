/// Scores and verdicts (docs/scoring.md).
///
/// Each finding takes a share of what is left: its weight times a factor for its severity (error 1,
/// warning 0.5, info 0). A category's score is 100 times the product of (1 - share) over its
/// findings, rounded down; the overall score is the same product over all findings. So 100 means no
/// misalignment found, every further finding lowers a score or leaves it, and the order of findings
/// does not matter. Suppressed findings do not count.
package struct Scores: Sendable {
    package let overall: Int
    package let categories: CategoryScores

    package static func severityFactor(_ s: Severity) -> Double {
        switch s {
        case .error: return 1.0
        case .warning: return 0.5
        case .info: return 0.0
        }
    }

    package init(_ findings: [Finding]) {
        var overall = 1.0
        var byCategory = [Double](repeating: 1.0, count: Category.allCases.count)
        for finding in findings where !finding.isAgreed {
            let share = Double(min(100, max(0, finding.weight))) / 100 * Scores.severityFactor(finding.severity)
            overall *= 1 - share
            byCategory[finding.category.position] *= 1 - share
        }
        self.overall = Scores.percent(overall)
        categories = CategoryScores(byCategory.map(Scores.percent))
    }

    static func percent(_ fraction: Double) -> Int {
        Int((fraction * 100 + 1e-9).rounded(.down))
    }
}

/// A score for each category, kept in `Category.allCases` order.
package struct CategoryScores: Sendable, Equatable {
    package let values: [Int]

    init(_ values: [Int]) { self.values = values }

    package subscript(_ category: Category) -> Int { values[category.position] }
}

extension Category {
    /// The category's place in `allCases`.
    var position: Int {
        switch self {
        case .goals: return 0
        case .metrics: return 1
        case .timeline: return 2
        case .market: return 3
        case .audience: return 4
        case .process: return 5
        case .execution: return 6
        }
    }
}

/// What to do with the partnership.
package enum Verdict: String, Sendable {
    /// Safe to kick off: no error anywhere, no warning on goals, metrics or timeline.
    case ready
    /// Resolve the findings at the alignment meeting first.
    case alignFirst = "align-first"
    /// The parties cannot be aligned on goals as written (an error in goals): the agency rule,
    /// "if you can't align on goals, don't proceed".
    case doNotProceed = "do-not-proceed"

    package init(_ findings: [Finding]) {
        var verdict = Verdict.ready
        for i in findings.indices where !findings[i].isAgreed {
            switch (findings[i].severity, findings[i].category) {
            case (.error, .goals): self = .doNotProceed; return
            case (.error, _), (.warning, .goals), (.warning, .metrics), (.warning, .timeline), (.warning, .execution):
                verdict = .alignFirst
            default: break
            }
        }
        self = verdict
    }
}

/// A question for one party, asked once however many findings raise it.
package struct PartyQuestion: Sendable {
    package let to: String
    package let text: String
    package let language: String
    /// The rules that raise it, most important first.
    package let rules: [String]
    package let severity: Severity
}

package enum Questions {
    /// How many of a party's questions lead every report and agenda, by weight; the rest follow
    /// under "More questions" (a meeting gets through about three per party).
    package static let leading = 3

    /// Gathers the questions of all findings: grouped by party (brand, agency, then creators in the
    /// brief's order, then any other), most important first within a party, each asked once.
    package static func gather(_ findings: [Finding], partyOrder: [String]) -> [PartyQuestion] {
        struct Entry {
            var question: FindingQuestion
            let hash: UInt64
            let rank: Int
            var rules: [String]
            /// The most important finding that asks it, by its index.
            var best: Int
        }
        var entries: [Entry] = []
        // Each question is taken once.
        for (n, finding) in findings.enumerated() where !finding.isAgreed {
            for q in finding.questions {
                let hash = KeyIndex.hash(string: q.text)
                if let i = entries.firstIndex(where: { $0.hash == hash && $0.question.to == q.to && $0.question.text == q.text }) {
                    if !entries[i].rules.contains(finding.rule.id) { entries[i].rules.append(finding.rule.id) }
                    if Engine.importance(finding, findings[entries[i].best]) { entries[i].best = n }
                } else {
                    let rank = partyOrder.firstIndex(of: q.to) ?? partyOrder.count
                    entries.append(Entry(question: q, hash: hash, rank: rank, rules: [finding.rule.id], best: n))
                }
            }
        }
        entries.sort { a, b in
            if a.rank != b.rank { return a.rank < b.rank }
            if a.question.to != b.question.to { return a.question.to < b.question.to }
            return Engine.importance(findings[a.best], findings[b.best])
        }
        return entries.map { PartyQuestion(to: $0.question.to, text: $0.question.text, language: $0.question.language,
                                           rules: $0.rules, severity: findings[$0.best].severity) }
    }
}
