import Foundation

/// Regular expressions for `matches`, in RE2 syntax, matched in linear time by simulating the NFA
/// (a Pike VM) over Unicode code points, so that no pattern can make matching hang. Supports
/// literals, `.`, classes `[...]` with ranges and negation, `\d \w \s \D \W \S`, `\pL`-style
/// categories, anchors `^ $ \A \z \b \B`, groups `( )` and `(?: )`, flags `(?i) (?s) (?m)`,
/// alternation, and the quantifiers `* + ? {n} {n,} {n,m}` (lazy forms too).
package final class Regex: @unchecked Sendable {
    enum Instruction {
        case char(Matcher)
        case split(Int, Int)
        case jump(Int)
        case assert(Assertion)
        case match
    }

    enum Assertion {
        case lineStart, lineEnd, textStart, textEnd, wordBoundary, notWordBoundary
    }

    /// What one character position accepts.
    struct Matcher {
        let items: [ClassItem]
        let negated: Bool
        let caseInsensitive: Bool
        /// The answer for each ASCII character, worked out once: bit c of `ascii.0` (c < 64) or of
        /// `ascii.1` (64 <= c < 128). Most text a brief's patterns see is ASCII.
        private var ascii: (UInt64, UInt64) = (0, 0)

        init(items: [ClassItem], negated: Bool, caseInsensitive: Bool) {
            self.items = items
            self.negated = negated
            self.caseInsensitive = caseInsensitive
            for c in UInt32(0)..<128 where acceptsAny(Unicode.Scalar(c)!) {
                if c < 64 { ascii.0 |= 1 << UInt64(c) } else { ascii.1 |= 1 << UInt64(c - 64) }
            }
        }

        @inline(__always)
        func accepts(_ c: Unicode.Scalar) -> Bool {
            let v = c.value
            if v < 64 { return ascii.0 & (1 << UInt64(v)) != 0 }
            if v < 128 { return ascii.1 & (1 << UInt64(v - 64)) != 0 }
            return acceptsAny(c)
        }

        private func acceptsAny(_ c: Unicode.Scalar) -> Bool {
            var hit = items.contains { $0.contains(c) }
            if !hit, caseInsensitive {
                let lower = Regex.fold(c)
                let upper = Regex.upper(c)
                hit = items.contains { $0.contains(lower) || $0.contains(upper) }
            }
            return hit != negated
        }
    }

    enum ClassItem {
        case range(UInt32, UInt32)
        case any(dotAll: Bool)
        case digit, word, space
        case category(String)
        case not(Box)

        final class Box { let item: ClassItem; init(_ item: ClassItem) { self.item = item } }

        func contains(_ c: Unicode.Scalar) -> Bool {
            switch self {
            case .range(let lo, let hi): return c.value >= lo && c.value <= hi
            case .any(let dotAll): return dotAll || c != "\n"
            case .digit: return c.value >= 0x30 && c.value <= 0x39
            case .word: return Regex.isWord(c)
            case .space: return c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" || c == "\u{0B}"
            case .category(let name): return Regex.inCategory(c, name)
            case .not(let box): return !box.item.contains(c)
            }
        }
    }

    let program: [Instruction]
    package let pattern: String
    /// For `^...$` with only characters or classes between, each once or a fixed number of times,
    /// and at most one open repetition at the end (`^[A-Z]{2}$`, `^[a-z][a-z0-9_-]*$`): what each
    /// position accepts, so that a match is one pass without the simulation.
    let anchored: (prefix: [Matcher], tail: (matcher: Matcher, min: Int, max: Int?)?)?
    /// For a pattern that is one character or class (`[0-9]`): a match is any position it accepts.
    let single: Matcher?

    static let maxProgramSize = 20_000
    static let maxRepeat = 1000

    package init(_ pattern: String) throws(EvalError) {
        self.pattern = pattern
        var parser = RegexParser(Array(pattern.unicodeScalars))
        let node = try parser.parseAll()
        var builder = RegexCompiler()
        try builder.emit(node)
        builder.code.append(.match)
        program = builder.code
        anchored = Regex.anchoredSequence(node)
        if case .char(let m) = node { single = m } else { single = nil }
    }

    /// The pieces of a pattern of the `anchored` kind, or nil.
    static func anchoredSequence(_ node: RegexNode) -> (prefix: [Matcher], tail: (matcher: Matcher, min: Int, max: Int?)?)? {
        guard case .concat(let parts) = node, parts.count >= 2,
              case .assert(.textStart) = parts[0], case .assert(.textEnd) = parts[parts.count - 1] else { return nil }
        var prefix: [Matcher] = []
        var tail: (matcher: Matcher, min: Int, max: Int?)?
        for part in parts[1..<(parts.count - 1)] {
            guard tail == nil else { return nil }  // an open repetition must come last
            switch part {
            case .char(let m):
                prefix.append(m)
            case .repeated(.char(let m), let min, let max) where max == min:
                prefix += Array(repeating: m, count: min)
            case .repeated(.char(let m), let min, let max):
                tail = (m, min, max)
            default:
                return nil
            }
        }
        return (prefix, tail)
    }

    /// The patterns a thread has compiled: each thread keeps its own, so that a lookup takes no lock.
    final class Compiled {
        var patterns: [String: Regex] = [:]
    }

    static let compiled = ThreadLocal { Compiled() }

    /// Compiled patterns are kept (up to a few hundred on each thread), as rules apply the same
    /// pattern to many briefs.
    static func cached(_ pattern: String) throws(EvalError) -> Regex {
        let known = compiled.value
        if let hit = known.patterns[pattern] { return hit }
        let regex = try Regex(pattern)
        if known.patterns.count > 256 { known.patterns.removeAll() }
        known.patterns[pattern] = regex
        return regex
    }

    /// Whether `text` contains a match; each step of the simulation is charged to the budget.
    package func matches(_ text: String, activation: inout Activation) throws(EvalError) -> Bool {
        if let found = quickMatch(text) {
            try activation.charge(1 + text.utf8.count / 64)
            return found
        }
        return try simulate(text, activation: &activation)
    }

    /// Whether `text` contains a match, for the patterns that need no simulation (one class of
    /// characters, or a sequence anchored at both ends): their cost is one pass over the text, so no
    /// budget is needed. Nil for the others.
    package func quickMatch(_ text: String) -> Bool? {
        if let single {
            return text.unicodeScalars.contains { single.accepts($0) }
        }
        if let (prefix, tail) = anchored {
            var k = 0
            for c in text.unicodeScalars {
                if k < prefix.count {
                    guard prefix[k].accepts(c) else { return false }
                } else {
                    guard let tail, tail.matcher.accepts(c) else { return false }
                }
                k += 1
            }
            let rest = k - prefix.count
            guard rest >= 0 else { return false }
            guard let tail else { return rest == 0 }
            return rest >= tail.min && (tail.max.map { rest <= $0 } ?? true)
        }
        return nil
    }

    /// The general matcher: the program simulated over the text, each step charged to the budget.
    private func simulate(_ text: String, activation: inout Activation) throws(EvalError) -> Bool {
        let input = Array(text.unicodeScalars)
        var current = ThreadList(capacity: program.count)
        var next = ThreadList(capacity: program.count)
        var steps = 0
        for position in 0...input.count {
            // Unanchored search: a new thread may start at every position.
            if add(0, position, input, &current) { return true }
            if position == input.count { break }
            steps += current.count + 1
            if steps > 4096 {
                try activation.charge(steps / 64)
                steps = 0
            }
            next.clear()
            let c = input[position]
            for k in 0..<current.count {
                if case .char(let m) = program[current.items[k]], m.accepts(c) {
                    if add(current.items[k] + 1, position + 1, input, &next) { return true }
                }
            }
            swap(&current, &next)
        }
        try activation.charge(steps / 64 + 1)
        return false
    }

    /// The threads (instruction positions) alive at one input position. Instructions visited while
    /// building the list carry the list's generation, so clearing is one increment.
    struct ThreadList {
        var items: [Int]
        var mark: [Int]
        var generation = 1
        var count = 0

        init(capacity: Int) {
            items = [Int](repeating: 0, count: capacity)
            mark = [Int](repeating: 0, count: capacity)
        }

        mutating func clear() {
            generation += 1
            count = 0
        }
    }

    /// Follows jumps, splits and assertions from `pc`; returns true on reaching `match`.
    private func add(_ pc: Int, _ position: Int, _ input: [Unicode.Scalar], _ list: inout ThreadList) -> Bool {
        var stack = [pc]
        while let at = stack.popLast() {
            if list.mark[at] == list.generation { continue }
            list.mark[at] = list.generation
            switch program[at] {
            case .match:
                return true
            case .jump(let to):
                stack.append(to)
            case .split(let a, let b):
                stack.append(b)
                stack.append(a)
            case .assert(let a):
                if holds(a, position, input) { stack.append(at + 1) }
            case .char:
                list.items[list.count] = at
                list.count += 1
            }
        }
        return false
    }

    private func holds(_ a: Assertion, _ i: Int, _ input: [Unicode.Scalar]) -> Bool {
        switch a {
        case .textStart: return i == 0
        case .textEnd: return i == input.count
        case .lineStart: return i == 0 || input[i - 1] == "\n"
        case .lineEnd: return i == input.count || input[i] == "\n"
        case .wordBoundary, .notWordBoundary:
            let before = i > 0 && Regex.isWord(input[i - 1])
            let after = i < input.count && Regex.isWord(input[i])
            return (before != after) == (a == .wordBoundary)
        }
    }

    static func isWord(_ c: Unicode.Scalar) -> Bool {
        (c.value >= 0x30 && c.value <= 0x39) || (c.value >= 0x41 && c.value <= 0x5A) || (c.value >= 0x61 && c.value <= 0x7A) || c == "_"
    }

    static func upper(_ c: Unicode.Scalar) -> Unicode.Scalar {
        let upper = c.properties.uppercaseMapping.unicodeScalars
        return upper.count == 1 ? upper.first! : c
    }

    static func fold(_ c: Unicode.Scalar) -> Unicode.Scalar {
        let lower = c.properties.lowercaseMapping.unicodeScalars
        return lower.count == 1 ? lower.first! : c
    }

    static func inCategory(_ c: Unicode.Scalar, _ name: String) -> Bool {
        let category = c.properties.generalCategory
        switch name {
        case "L": return [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter].contains(category)
        case "Lu": return category == .uppercaseLetter
        case "Ll": return category == .lowercaseLetter
        case "N": return [.decimalNumber, .letterNumber, .otherNumber].contains(category)
        case "Nd": return category == .decimalNumber
        case "P": return [.connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
                          .initialPunctuation, .finalPunctuation, .otherPunctuation].contains(category)
        case "S": return [.mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol].contains(category)
        case "Z": return [.spaceSeparator, .lineSeparator, .paragraphSeparator].contains(category)
        case "Greek": return (0x370...0x3FF).contains(c.value) || (0x1F00...0x1FFF).contains(c.value)
        case "Cyrillic": return (0x400...0x52F).contains(c.value)
        case "Latin": return c.properties.isAlphabetic && c.value < 0x250
        case "Han": return (0x4E00...0x9FFF).contains(c.value) || (0x3400...0x4DBF).contains(c.value)
        default: return false
        }
    }
}

/// The parsed form of a pattern.
indirect enum RegexNode {
    case empty
    case char(Regex.Matcher)
    case assert(Regex.Assertion)
    case concat([RegexNode])
    case alternate([RegexNode])
    case repeated(RegexNode, min: Int, max: Int?)
}

struct RegexParser {
    let s: [Unicode.Scalar]
    var i = 0
    var caseInsensitive = false
    var dotAll = false
    var multiLine = false
    var depth = 0

    init(_ s: [Unicode.Scalar]) { self.s = s }

    func error(_ why: String) -> EvalError {
        EvalError("invalid regular expression '\(String(String.UnicodeScalarView(s)))': \(why)")
    }

    mutating func parseAll() throws(EvalError) -> RegexNode {
        let node = try parseAlternation()
        if i < s.count { throw error("unmatched ')'") }
        return node
    }

    mutating func parseAlternation() throws(EvalError) -> RegexNode {
        depth += 1
        defer { depth -= 1 }
        if depth > 100 { throw error("nested too deeply") }
        var branches = [try parseConcat()]
        while i < s.count, s[i] == "|" {
            i += 1
            branches.append(try parseConcat())
        }
        return branches.count == 1 ? branches[0] : .alternate(branches)
    }

    mutating func parseConcat() throws(EvalError) -> RegexNode {
        var items: [RegexNode] = []
        while i < s.count, s[i] != "|", s[i] != ")" {
            var atom = try parseAtom()
            atom = try parseQuantifiers(atom)
            items.append(atom)
        }
        return items.count == 1 ? items[0] : .concat(items)
    }

    mutating func parseQuantifiers(_ atom: RegexNode) throws(EvalError) -> RegexNode {
        var node = atom
        while i < s.count {
            let (lo, hi): (Int, Int?)
            switch s[i] {
            case "*": (lo, hi) = (0, nil); i += 1
            case "+": (lo, hi) = (1, nil); i += 1
            case "?": (lo, hi) = (0, 1); i += 1
            case "{":
                guard let counted = try parseCount() else { return node }
                (lo, hi) = counted
            default:
                return node
            }
            if case .assert = node { throw error("nothing to repeat") }
            if case .empty = node { throw error("nothing to repeat") }
            if i < s.count, s[i] == "?" { i += 1 }  // lazy: same result for matching
            if i < s.count, s[i] == "*" || s[i] == "+" { throw error("bad repetition operator") }
            node = .repeated(node, min: lo, max: hi)
        }
        return node
    }

    /// `{n}`, `{n,}`, `{n,m}`; nil (a literal brace) when it is not a count.
    mutating func parseCount() throws(EvalError) -> (Int, Int?)? {
        var j = i + 1
        func number() -> Int? {
            let start = j
            var v = 0
            while j < s.count, let d = TimeText.asciiDigit(s[j]) {
                v = min(v * 10 + Int(d), 100_000)
                j += 1
            }
            return j > start ? v : nil
        }
        guard let lo = number() else { return nil }
        var hi: Int? = lo
        if j < s.count, s[j] == "," {
            j += 1
            hi = number()
        }
        guard j < s.count, s[j] == "}" else { return nil }
        i = j + 1
        if lo > Regex.maxRepeat || (hi ?? 0) > Regex.maxRepeat { throw error("repeat count larger than \(Regex.maxRepeat)") }
        if let hi, hi < lo { throw error("invalid repeat count") }
        return (lo, hi)
    }

    func single(_ items: [Regex.ClassItem], negated: Bool = false) -> RegexNode {
        .char(Regex.Matcher(items: items, negated: negated, caseInsensitive: caseInsensitive))
    }

    mutating func parseAtom() throws(EvalError) -> RegexNode {
        let c = s[i]
        i += 1
        switch c {
        case ".": return single([.any(dotAll: dotAll)])
        case "^": return .assert(multiLine ? .lineStart : .textStart)
        case "$": return .assert(multiLine ? .lineEnd : .textEnd)
        case "(":
            if i < s.count, s[i] == "?" {
                i += 1
                var flags: [Unicode.Scalar] = []
                while i < s.count, s[i] != ")", s[i] != ":" {
                    flags.append(s[i])
                    i += 1
                }
                guard i < s.count else { throw error("missing ')'") }
                let saved = (caseInsensitive, dotAll, multiLine)
                var on = true
                for f in flags {
                    switch f {
                    case "i": caseInsensitive = on
                    case "s": dotAll = on
                    case "m": multiLine = on
                    case "U": break
                    case "-": on = false
                    case "P", "<": throw error("named groups are not supported")
                    default: throw error("unknown flag '\(f)'")
                    }
                }
                if s[i] == ")" {
                    i += 1
                    return .empty  // flags apply to the rest of the enclosing group
                }
                i += 1
                let inner = try parseAlternation()
                guard i < s.count, s[i] == ")" else { throw error("missing ')'") }
                i += 1
                (caseInsensitive, dotAll, multiLine) = saved
                return inner
            }
            let saved = (caseInsensitive, dotAll, multiLine)
            let inner = try parseAlternation()
            guard i < s.count, s[i] == ")" else { throw error("missing ')'") }
            i += 1
            (caseInsensitive, dotAll, multiLine) = saved
            return inner
        case ")": throw error("unmatched ')'")
        case "[": return try parseClass()
        case "\\": return try parseEscape(inClass: false).node(self)
        case "*", "+", "?": throw error("missing argument to repetition operator")
        default: return single([.range(c.value, c.value)])
        }
    }

    enum Escaped {
        case item(Regex.ClassItem)
        case assertion(Regex.Assertion)

        func node(_ p: RegexParser) -> RegexNode {
            switch self {
            case .item(let item): return p.single([item])
            case .assertion(let a): return .assert(a)
            }
        }
    }

    mutating func parseEscape(inClass: Bool) throws(EvalError) -> Escaped {
        guard i < s.count else { throw error("trailing backslash") }
        let c = s[i]
        i += 1
        switch c {
        case "d": return .item(.digit)
        case "D": return .item(.not(.init(.digit)))
        case "w": return .item(.word)
        case "W": return .item(.not(.init(.word)))
        case "s": return .item(.space)
        case "S": return .item(.not(.init(.space)))
        case "n": return .item(.range(0x0A, 0x0A))
        case "t": return .item(.range(0x09, 0x09))
        case "r": return .item(.range(0x0D, 0x0D))
        case "f": return .item(.range(0x0C, 0x0C))
        case "v": return .item(.range(0x0B, 0x0B))
        case "a": return .item(.range(0x07, 0x07))
        case "b" where !inClass: return .assertion(.wordBoundary)
        case "B" where !inClass: return .assertion(.notWordBoundary)
        case "A" where !inClass: return .assertion(.textStart)
        case "z" where !inClass: return .assertion(.textEnd)
        case "p", "P":
            var name = ""
            if i < s.count, s[i] == "{" {
                i += 1
                while i < s.count, s[i] != "}" {
                    name.unicodeScalars.append(s[i])
                    i += 1
                }
                guard i < s.count else { throw error("missing '}'") }
                i += 1
            } else if i < s.count {
                name = String(s[i])
                i += 1
            }
            let known = ["L", "Lu", "Ll", "N", "Nd", "P", "S", "Z", "Greek", "Cyrillic", "Latin", "Han"]
            guard known.contains(name) else { throw error("unknown character class \\p{\(name)}") }
            return .item(c == "p" ? .category(name) : .not(.init(.category(name))))
        case "x":
            var hex = ""
            if i < s.count, s[i] == "{" {
                i += 1
                while i < s.count, s[i] != "}" {
                    hex.unicodeScalars.append(s[i])
                    i += 1
                }
                i += 1
            } else {
                for _ in 0..<2 where i < s.count {
                    hex.unicodeScalars.append(s[i])
                    i += 1
                }
            }
            guard let v = UInt32(hex, radix: 16), Unicode.Scalar(v) != nil else { throw error("invalid \\x escape") }
            return .item(.range(v, v))
        default:
            if c.properties.isAlphabetic || ("0"..."9").contains(c) {
                throw error("invalid escape '\\\(c)'")
            }
            return .item(.range(c.value, c.value))
        }
    }

    mutating func parseClass() throws(EvalError) -> RegexNode {
        var negated = false
        if i < s.count, s[i] == "^" {
            negated = true
            i += 1
        }
        var items: [Regex.ClassItem] = []
        var first = true
        while true {
            guard i < s.count else { throw error("missing ']'") }
            let c = s[i]
            if c == "]" && !first {
                i += 1
                break
            }
            first = false
            var low: UInt32
            if c == "[", i + 1 < s.count, s[i + 1] == ":" {
                guard let close = (i..<s.count).first(where: { s[$0] == "]" && $0 > i + 1 && s[$0 - 1] == ":" }) else {
                    throw error("missing ':]'")
                }
                let name = String(String.UnicodeScalarView(s[(i + 2)..<(close - 1)]))
                i = close + 1
                switch name {
                case "alpha": items += [.range(0x41, 0x5A), .range(0x61, 0x7A)]
                case "digit": items.append(.digit)
                case "alnum": items += [.range(0x41, 0x5A), .range(0x61, 0x7A), .digit]
                case "space": items.append(.space)
                case "upper": items.append(.range(0x41, 0x5A))
                case "lower": items.append(.range(0x61, 0x7A))
                case "punct": items += [.range(0x21, 0x2F), .range(0x3A, 0x40), .range(0x5B, 0x60), .range(0x7B, 0x7E)]
                case "word": items.append(.word)
                default: throw error("unknown class [:\(name):]")
                }
                continue
            }
            i += 1
            if c == "\\" {
                switch try parseEscape(inClass: true) {
                case .item(.range(let lo, _)): low = lo
                case .item(let other):
                    items.append(other)
                    continue
                case .assertion: throw error("invalid escape in class")
                }
            } else {
                low = c.value
            }
            if i + 1 < s.count, s[i] == "-", s[i + 1] != "]" {
                i += 1
                var high: UInt32
                let h = s[i]
                i += 1
                if h == "\\" {
                    guard case .item(.range(let lo, _)) = try parseEscape(inClass: true) else { throw error("invalid range") }
                    high = lo
                } else {
                    high = h.value
                }
                guard low <= high else { throw error("invalid range") }
                if caseInsensitive {
                    for v in low...min(high, low + 0x400) {
                        if let u = Unicode.Scalar(v) {
                            let f = Regex.fold(u).value
                            items.append(.range(f, f))
                        }
                    }
                }
                items.append(.range(low, high))
            } else {
                items.append(.range(low, low))
            }
        }
        return .char(Regex.Matcher(items: items, negated: negated, caseInsensitive: caseInsensitive))
    }
}

struct RegexCompiler {
    var code: [Regex.Instruction] = []

    mutating func check() throws(EvalError) {
        if code.count > Regex.maxProgramSize { throw EvalError("regular expression is too large") }
    }

    mutating func emit(_ node: RegexNode) throws(EvalError) {
        try check()
        switch node {
        case .empty: break
        case .char(let m): code.append(.char(m))
        case .assert(let a): code.append(.assert(a))
        case .concat(let items): for item in items { try emit(item) }
        case .alternate(let branches):
            var jumps: [Int] = []
            for (k, branch) in branches.enumerated() {
                if k < branches.count - 1 {
                    let split = code.count
                    code.append(.split(split + 1, -1))
                    try emit(branch)
                    jumps.append(code.count)
                    code.append(.jump(-1))
                    code[split] = .split(split + 1, code.count)
                } else {
                    try emit(branch)
                }
            }
            for j in jumps { code[j] = .jump(code.count) }
        case .repeated(let inner, let lo, let hi):
            for _ in 0..<lo { try emit(inner) }
            if let hi {
                var exits: [Int] = []
                for _ in lo..<hi {
                    let split = code.count
                    code.append(.split(split + 1, -1))
                    exits.append(split)
                    try emit(inner)
                }
                for e in exits { code[e] = .split(e + 1, code.count) }
            } else {
                let split = code.count
                code.append(.split(split + 1, -1))
                try emit(inner)
                code.append(.jump(split))
                code[split] = .split(split + 1, code.count)
            }
        }
    }
}
