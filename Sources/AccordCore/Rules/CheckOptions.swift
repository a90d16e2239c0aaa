/// How a check runs: the report language, rules turned off or re-graded, the evaluation budget.
package struct CheckOptions: Sendable {
    /// The language of messages (questions use each party's own language where there is a translation).
    package var language: String = "en"
    package var disabled: Set<String> = []
    package var severities: [String: Severity] = [:]
    package var costLimit: Int = ExpressionLimits.defaultCostLimit
    /// Evaluate the check-in's rules (category `execution`, with the results in scope) instead of the brief's.
    package var checkin = false

    package init() {}
}
