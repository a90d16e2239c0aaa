/// A parsed expression: a node kind and the span of source it came from. Immutable once built.
package final class Expr: Sendable {
    package let kind: ExprKind
    package let span: SourceSpan
    /// Height of the tree below this node (1 for a leaf); bounded so that no later stage recurses too deep.
    package let height: Int

    init(_ kind: ExprKind, _ span: SourceSpan) {
        self.kind = kind
        self.span = span
        var h = 0
        kind.forEachChild { h = max(h, $0.height) }
        self.height = h + 1
    }
}

extension Expr {
    /// The names the expression uses that its own comprehensions do not bind.
    package var freeNames: Set<String> {
        var names: Set<String> = []
        collectFreeNames(bound: [], into: &names)
        return names
    }

    private func collectFreeNames(bound: Set<String>, into names: inout Set<String>) {
        switch kind {
        case .ident(let name):
            if !bound.contains(name) { names.insert(name) }
        case .comprehension(let c):
            c.range.collectFreeNames(bound: bound, into: &names)
            var inner = bound
            inner.insert(c.variable)
            if let value = c.value { inner.insert(value) }
            c.filter?.collectFreeNames(bound: inner, into: &names)
            c.body.collectFreeNames(bound: inner, into: &names)
        default:
            kind.forEachChild { $0.collectFreeNames(bound: bound, into: &names) }
        }
    }
}

package enum UnaryOperator: String, Sendable {
    case not = "!"
    case negate = "-"
}

package enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case `in` = "in"
}

/// The comprehension macros of CEL, with their one- and two-variable forms.
package enum MacroKind: String, Sendable {
    case all, exists, existsOne, map, filter, transformList, transformMap
}

package struct Comprehension: Sendable {
    package let kind: MacroKind
    package let range: Expr
    /// The element (lists) or key (maps); with two variables, the index or key.
    package let variable: String
    /// The second variable of the two-variable forms: the element or the value.
    package let value: String?
    /// `map(x, p, t)` and `transformList(i, v, p, t)` filter before transforming.
    package let filter: Expr?
    package let body: Expr
}

package indirect enum ExprKind: Sendable {
    case literal(Value)
    case ident(String)
    /// `operand.field`
    case select(Expr, field: String, fieldSpan: SourceSpan)
    /// `has(operand.field)`
    case presence(Expr, field: String, fieldSpan: SourceSpan)
    case index(Expr, Expr)
    /// A function `f(args)` or a method `target.f(args)`.
    case call(name: String, nameSpan: SourceSpan, target: Expr?, args: [Expr])
    case list([Expr])
    case map([(key: Expr, value: Expr)])
    case unary(UnaryOperator, Expr)
    /// `operatorSpan` is where the operator stands, for messages about it.
    case binary(BinaryOperator, Expr, Expr, operatorSpan: SourceSpan)
    case and(Expr, Expr)
    case or(Expr, Expr)
    case conditional(Expr, Expr, Expr)
    case comprehension(Comprehension)

    package func forEachChild(_ body: (Expr) -> Void) {
        switch self {
        case .literal, .ident: break
        case .select(let e, _, _), .presence(let e, _, _), .unary(_, let e): body(e)
        case .index(let a, let b), .binary(_, let a, let b, _), .and(let a, let b), .or(let a, let b):
            body(a)
            body(b)
        case .call(_, _, let target, let args):
            if let target { body(target) }
            args.forEach(body)
        case .list(let items): items.forEach(body)
        case .map(let entries):
            for e in entries {
                body(e.key)
                body(e.value)
            }
        case .conditional(let a, let b, let c):
            body(a)
            body(b)
            body(c)
        case .comprehension(let c):
            body(c.range)
            if let f = c.filter { body(f) }
            body(c.body)
        }
    }
}

/// Limits on expressions, so that no rule can exhaust the stack or run away with time.
package enum ExpressionLimits {
    /// Expressions nested (or chained) deeper than this are refused when parsed.
    package static let maxHeight = 100
    /// Longer expressions are refused when parsed.
    package static let maxLength = 100_000
    /// The default budget of one evaluation (see `Activation`).
    package static let defaultCostLimit = 1_000_000
    /// The largest text one step of an evaluation may build (16 MiB): a function that would build
    /// more (`replace` on a text that many times its size) fails at once, before it allocates.
    package static let maxTextBytes = 16 << 20
}
