/// Path patterns of the project config: `*` matches within one folder name, `**` across folders
/// (`briefs/**/*.brief.toml`, `legacy/**`), `?` one character, `[abc]` and `[a-z]` one of a set.
/// Paths are relative to the config's folder, with `/` between folders.
package struct Glob: Sendable, CustomStringConvertible {
    package let pattern: String
    private let parts: [Substring]

    package init(_ pattern: String) {
        var p = pattern
        while p.hasPrefix("./") { p.removeFirst(2) }
        self.pattern = p
        parts = p.split(separator: "/", omittingEmptySubsequences: true)
    }

    package var description: String { pattern }

    package func matches(_ path: String) -> Bool {
        var p = path
        while p.hasPrefix("./") { p.removeFirst(2) }
        let names = p.split(separator: "/", omittingEmptySubsequences: true)
        var memo: [Int: Bool] = [:]
        return match(0, 0, names, &memo)
    }

    /// Whether parts[i...] match names[j...]; memoized on (i, j) so `**` never backtracks exponentially.
    private func match(_ i: Int, _ j: Int, _ names: [Substring], _ memo: inout [Int: Bool]) -> Bool {
        let key = i * (names.count + 1) + j
        if let known = memo[key] { return known }
        let result: Bool
        if i == parts.count {
            result = j == names.count
        } else if parts[i] == "**" {
            // Zero or more folder names.
            result = match(i + 1, j, names, &memo) || (j < names.count && match(i, j + 1, names, &memo))
        } else {
            result = j < names.count && Glob.matchName(Array(parts[i].unicodeScalars), Array(names[j].unicodeScalars)) && match(i + 1, j + 1, names, &memo)
        }
        memo[key] = result
        return result
    }

    /// One folder or file name against one part of the pattern (no `/` on either side).
    static func matchName(_ p: [Unicode.Scalar], _ s: [Unicode.Scalar]) -> Bool {
        // Iterative matching with one backtrack point for the last `*`: linear in practice.
        var pi = 0, si = 0
        var star = -1, mark = 0
        while si < s.count {
            if pi < p.count {
                let pc = p[pi]
                if pc == "*" {
                    star = pi
                    mark = si
                    pi += 1
                    continue
                }
                if pc == "?" {
                    pi += 1
                    si += 1
                    continue
                }
                if pc == "[", let (inSet, next) = matchClass(p, pi, s[si]) {
                    if inSet {
                        pi = next
                        si += 1
                        continue
                    }
                } else if pc == s[si] {
                    pi += 1
                    si += 1
                    continue
                }
            }
            guard star >= 0 else { return false }
            pi = star + 1
            mark += 1
            si = mark
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    /// `[...]` at `p[at]`: whether `c` is in the set, and where the pattern goes on; nil when the
    /// bracket is not closed (then it is an ordinary character).
    static func matchClass(_ p: [Unicode.Scalar], _ at: Int, _ c: Unicode.Scalar) -> (Bool, Int)? {
        var i = at + 1
        var negated = false
        if i < p.count, p[i] == "!" || p[i] == "^" {
            negated = true
            i += 1
        }
        var found = false
        var first = true
        while i < p.count, p[i] != "]" || first {
            first = false
            if i + 2 < p.count, p[i + 1] == "-", p[i + 2] != "]" {
                if p[i].value <= c.value && c.value <= p[i + 2].value { found = true }
                i += 3
            } else {
                if p[i] == c { found = true }
                i += 1
            }
        }
        guard i < p.count else { return nil }
        return (found != negated, i + 1)
    }
}
