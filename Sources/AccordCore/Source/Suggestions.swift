/// "Did you mean ...?" by edit distance, with a similarity floor so that unrelated words are not offered.
package enum Suggestions {
    /// The candidate closest to `word`, if it is close enough to be a likely typo.
    package static func closest<S: Sequence>(to word: String, among candidates: S) -> String? where S.Element == String {
        let target = Array(word.lowercased().unicodeScalars)
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != word {
            let d = distance(target, Array(candidate.lowercased().unicodeScalars))
            if d <= threshold(for: max(target.count, candidate.unicodeScalars.count)),
               best == nil || d < best!.distance || (d == best!.distance && candidate < best!.name) {
                best = (candidate, d)
            }
        }
        return best?.name
    }

    /// `" did you mean 'x'?"`-style suffix, or an empty string.
    package static func didYouMean<S: Sequence>(_ word: String, among candidates: S) -> String where S.Element == String {
        guard let match = closest(to: word, among: candidates) else { return "" }
        return "; did you mean '\(match)'?"
    }

    /// Edits allowed for a word of this length: one for short words, up to a third of longer ones.
    static func threshold(for length: Int) -> Int {
        switch length {
        case 0...3: return 1
        case 4...8: return 2
        default: return min(4, length / 3)
        }
    }

    /// Optimal string alignment distance (Levenshtein plus adjacent transpositions).
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
