/// Parses rule files (`*.rules`). A file is a sequence of rules; a rule is a `rule` line followed by
/// indented clauses; a clause runs until the next line indented no deeper than its keyword.
///
///     rule TL001 "Paid media starts before the content is ready"
///       category timeline
///       severity error
///       weight   15
///       when     has(timeline.media_buy) && has(timeline.content_due)
///                && timeline.media_buy < timeline.content_due
///       about    timeline.media_buy
///       message  "Paid media starts {timeline.media_buy}, before content is due {timeline.content_due}."
///       ask brand "Why must paid media start on {timeline.media_buy}: is a flight already booked?"
///         ru      "Почему платное продвижение должно начаться {timeline.media_buy}?"
///
/// `#` starts a comment, also inside expressions.
package struct RuleParser {
    let file: SourceFile
    let b: [UInt8]
    var diagnostics: [Diagnostic] = []

    package static func parse(_ file: SourceFile) -> (RuleFileSource, [Diagnostic]) {
        var parser = RuleParser(file: file, b: file.bytes)
        let rules = parser.parseFile()
        return (RuleFileSource(file: file, rules: rules), parser.diagnostics)
    }

    mutating func report(_ message: String, _ span: SourceSpan, help: String? = nil, fixIt: Diagnostic.FixIt? = nil) {
        diagnostics.append(.error(message, id: "rules.syntax", file: file, span: span, help: help, fixIt: fixIt))
    }

    // MARK: Lines

    /// A non-blank line that is not only a comment: where it starts, its indentation, and where its text starts.
    struct Line {
        let start: Int
        let end: Int
        let indent: Int
        let textStart: Int
    }

    func line(at start: Int) -> Line {
        var end = start
        while end < b.count, b[end] != 0x0A { end += 1 }
        var t = start
        while t < end, b[t] == 0x20 || b[t] == 0x09 { t += 1 }
        return Line(start: start, end: end, indent: t - start, textStart: t)
    }

    func isBlankOrComment(_ l: Line) -> Bool {
        l.textStart >= l.end || b[l.textStart] == 0x23 || (b[l.textStart] == 0x0D && l.textStart + 1 >= l.end)
    }

    /// Every line of the file.
    func allLines() -> [Line] {
        var result: [Line] = []
        var i = 0
        while i <= b.count {
            let l = line(at: i)
            result.append(l)
            if l.end >= b.count { break }
            i = l.end + 1
        }
        return result
    }

    func word(at i: Int) -> (String, Int) {
        var j = i
        while j < b.count, RuleParser.isWordByte(b[j]) { j += 1 }
        return (String(decoding: b[i..<j], as: UTF8.self), j)
    }

    static func isWordByte(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == 0x5F || c == 0x2D || c == 0x2E
    }

    // MARK: File and rules

    mutating func parseFile() -> [RuleSource] {
        let lines = allLines()
        var rules: [RuleSource] = []
        var k = 0
        while k < lines.count {
            let l = lines[k]
            if isBlankOrComment(l) {
                k += 1
                continue
            }
            let (first, _) = word(at: l.textStart)
            guard first == "rule" else {
                let guess = Suggestions.closest(to: first, among: ["rule"] + RuleKeyword.clauses)
                let span = SourceSpan(l.textStart, l.textStart + max(1, first.utf8.count))
                if RuleKeyword.clauses.contains(first) || guess.map(RuleKeyword.clauses.contains) == true {
                    report("'\(first)' must be indented under a rule", span, help: "start a rule with: rule ID \"title\"")
                } else {
                    report("expected 'rule', found '\(first.isEmpty ? String(decoding: b[l.textStart..<min(l.end, l.textStart + 1)], as: UTF8.self) : first)'"
                           + (guess == "rule" ? "; did you mean 'rule'?" : ""), span,
                           help: "a rule file holds rules: rule ID \"title\", then indented clauses")
                }
                k += 1
                // Skip to the next rule line.
                while k < lines.count, isBlankOrComment(lines[k]) || word(at: lines[k].textStart).0 != "rule" { k += 1 }
                continue
            }
            // The rule's clauses: the lines after it, up to the next line at or left of its indentation.
            var end = k + 1
            while end < lines.count {
                let m = lines[end]
                if !isBlankOrComment(m), m.indent <= l.indent, !startsWithTripleQuote(m) { break }
                end += 1
            }
            if let rule = parseRule(lines[k..<end]) { rules.append(rule) }
            k = end
        }
        return rules
    }

    func startsWithTripleQuote(_ l: Line) -> Bool {
        l.textStart + 2 < l.end && b[l.textStart] == 0x22 && b[l.textStart + 1] == 0x22 && b[l.textStart + 2] == 0x22
    }

    /// Groups a rule's lines into clauses: a clause is a keyword line and the lines indented deeper.
    func clauses(_ lines: ArraySlice<Line>) -> [(keywordLine: Line, end: Int)] {
        var result: [(Line, Int)] = []
        var k = lines.startIndex
        while k < lines.endIndex {
            let l = lines[k]
            if isBlankOrComment(l) {
                k += 1
                continue
            }
            var last = l
            var j = k + 1
            while j < lines.endIndex {
                let m = lines[j]
                if isBlankOrComment(m) {
                    j += 1
                    continue
                }
                if m.indent <= l.indent && !startsWithTripleQuote(m) { break }
                last = m
                j += 1
            }
            result.append((l, last.end))
            k = j
        }
        return result
    }

    mutating func parseRule(_ lines: ArraySlice<Line>) -> RuleSource? {
        let header = lines[lines.startIndex]
        var i = header.textStart + 4
        skipSpaces(&i, header.end)
        let (id, idEnd) = word(at: i)
        let idSpan = SourceSpan(i, idEnd)
        guard !id.isEmpty else {
            report("a rule needs an id after 'rule'", SourceSpan(i, i + 1), help: "for example: rule TL001 \"Paid media starts before the content is ready\"")
            return nil
        }
        i = idEnd
        skipSpaces(&i, header.end)
        var title = ""
        if i < header.end, b[i] == 0x22, let s = ruleString(&i, end: header.end, allowHoles: false) {
            title = s.plainText ?? ""
        } else {
            report("rule \(id) needs a title in quotes after its id", SourceSpan(i, i + 1),
                   help: "for example: rule \(id) \"Paid media starts before the content is ready\"")
        }
        expectEnd(&i, header.end, after: "the rule's title")
        var rule = RuleSource(id: id, idSpan: idSpan, title: title, span: SourceSpan(header.start, header.end))
        let body = lines.dropFirst()
        for (keywordLine, end) in clauses(body) {
            if keywordLine.indent <= header.indent {
                report("this line must be indented under the rule", SourceSpan(keywordLine.textStart, keywordLine.textStart + 1))
                continue
            }
            parseClause(&rule, keywordLine, end)
        }
        return rule
    }

    mutating func skipSpaces(_ i: inout Int, _ end: Int) {
        while i < end {
            if b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D {
                i += 1
            } else if b[i] == 0x23 {
                while i < end, b[i] != 0x0A { i += 1 }
            } else {
                return
            }
        }
    }

    mutating func expectEnd(_ i: inout Int, _ end: Int, after what: String) {
        skipSpaces(&i, end)
        if i < end {
            var j = i
            while j < end, b[j] != 0x0A { j += 1 }
            report("unexpected text after \(what)", SourceSpan(i, j))
        }
    }

    /// A byte range with surrounding white space removed.
    func trimmed(_ start: Int, _ end: Int) -> Range<Int> {
        var s = start
        var e = end
        while s < e, b[s] == 0x20 || b[s] == 0x09 || b[s] == 0x0A || b[s] == 0x0D { s += 1 }
        while e > s, b[e - 1] == 0x20 || b[e - 1] == 0x09 || b[e - 1] == 0x0A || b[e - 1] == 0x0D { e -= 1 }
        return s..<e
    }

    // MARK: Clauses

    mutating func parseClause(_ rule: inout RuleSource, _ line: Line, _ end: Int) {
        let (keyword, afterKeyword) = word(at: line.textStart)
        let keywordSpan = SourceSpan(line.textStart, afterKeyword)
        var i = afterKeyword
        skipSpaces(&i, end)
        func once<T>(_ existing: T?, _ name: String) -> Bool {
            if existing != nil {
                report("rule \(rule.id) has more than one '\(name)'", keywordSpan)
                return false
            }
            return true
        }
        func requireContent(_ what: String, example: String) -> Bool {
            if i >= end {
                report("'\(keyword)' needs \(what)", keywordSpan, help: "for example: \(example)")
                return false
            }
            return true
        }
        switch keyword {
        case "category", "severity":
            guard requireContent("a value", example: keyword == "category" ? "category timeline" : "severity warning") else { return }
            let (value, j) = word(at: i)
            let span = SourceSpan(i, j)
            let allowed = keyword == "category" ? RuleKeyword.categories : RuleKeyword.severities
            if !allowed.contains(value) {
                let guess = Suggestions.closest(to: value, among: allowed)
                report("'\(value)' is not a \(keyword)\(guess.map { "; did you mean '\($0)'?" } ?? "")", span,
                       help: "the \(keyword == "category" ? "categories" : "severities") are: \(allowed.joined(separator: ", "))",
                       fixIt: guess.map { .init(span: span, replacement: $0) })
            } else if keyword == "category" {
                if once(rule.category, keyword) { rule.category = (value, span) }
            } else if once(rule.severity, keyword) {
                rule.severity = (value, span)
            }
            i = j
            expectEnd(&i, end, after: "the \(keyword)")
        case "weight":
            guard requireContent("a number from 0 to 100", example: "weight 15") else { return }
            let (value, j) = word(at: i)
            let span = SourceSpan(i, j)
            if let w = Int(value), (0...100).contains(w) {
                if once(rule.weight, keyword) { rule.weight = (w, span) }
            } else {
                report("a weight is a whole number from 0 to 100, not '\(value)'", span,
                       help: "it sets how much the finding lowers the score: 0 not at all, 100 to zero")
            }
            i = j
            expectEnd(&i, end, after: "the weight")
        case "for":
            let (each, j) = word(at: i)
            guard each == "each" else {
                report("write 'for each NAME in LIST'", SourceSpan(i, max(j, i + 1)), help: "for example: for each c in creators")
                return
            }
            i = j
            skipSpaces(&i, end)
            let (name, k) = word(at: i)
            let nameSpan = SourceSpan(i, k)
            guard isIdentifier(name) else {
                report("'for each' needs a name for the element", SourceSpan(i, max(k, i + 1)), help: "for example: for each c in creators")
                return
            }
            i = k
            skipSpaces(&i, end)
            let (inWord, m) = word(at: i)
            guard inWord == "in" else {
                report("expected 'in' after 'for each \(name)'", SourceSpan(i, max(m, i + 1)), help: "for example: for each \(name) in creators")
                return
            }
            i = m
            skipSpaces(&i, end)
            guard i < end else {
                report("'for each \(name) in' needs a list", SourceSpan(m, m + 1), help: "for example: for each \(name) in creators")
                return
            }
            if once(rule.each.map { _ in 0 }, "for each") { rule.each = (name, nameSpan, trimmed(i, end)) }
        case "let":
            let (name, j) = word(at: i)
            let nameSpan = SourceSpan(i, j)
            guard isIdentifier(name) else {
                report("'let' needs a name", SourceSpan(i, max(j, i + 1)), help: "for example: let shared = brand.goals.filter(g, g in c.goals)")
                return
            }
            i = j
            skipSpaces(&i, end)
            guard i < end, b[i] == 0x3D, i + 1 >= end || b[i + 1] != 0x3D else {
                report("expected '=' after 'let \(name)'", SourceSpan(i, i + 1), help: "for example: let \(name) = brand.goals")
                return
            }
            i += 1
            skipSpaces(&i, end)
            guard i < end else {
                report("'let \(name) =' needs an expression", SourceSpan(i - 1, i))
                return
            }
            if rule.lets.contains(where: { $0.name == name }) {
                report("rule \(rule.id) defines '\(name)' twice", nameSpan)
                return
            }
            rule.lets.append((name, nameSpan, trimmed(i, end)))
        case "when":
            guard requireContent("a condition", example: "when timeline.media_buy < timeline.content_due") else { return }
            if once(rule.when, keyword) { rule.when = trimmed(i, end) }
        case "about":
            guard requireContent("the field the finding is about", example: "about timeline.media_buy") else { return }
            if once(rule.about, keyword) { rule.about = trimmed(i, end) }
        case "message":
            guard requireContent("a text in quotes", example: "message \"Paid media starts before the content is due.\"") else { return }
            guard let text = localized(&i, end) else { return }
            if once(rule.message.map { _ in 0 }, keyword) { rule.message = text }
        case "ask":
            guard requireContent("a party and a question", example: "ask brand \"Why must paid media start on {timeline.media_buy}?\"") else { return }
            let targetStart = i
            guard let quote = topLevelQuote(from: i, end: end), quote > targetStart else {
                report("'ask' needs a party, then the question in quotes", SourceSpan(i, i + 1),
                       help: "for example: ask brand \"Why ...?\" (the party is brand, agency, creators, or a name from 'for each')")
                return
            }
            let target = trimmed(targetStart, quote)
            i = quote
            guard let text = localized(&i, end) else { return }
            rule.asks.append((target, text, SourceSpan(line.textStart, afterKeyword)))
        case "because", "fix", "source":
            guard requireContent("a text in quotes", example: "\(keyword) \"...\"") else { return }
            guard i < end, b[i] == 0x22, let s = ruleString(&i, end: end, allowHoles: false) else {
                report("'\(keyword)' needs a text in quotes", SourceSpan(i, i + 1))
                return
            }
            expectEnd(&i, end, after: "the text")
            switch keyword {
            case "because": if once(rule.because, keyword) { rule.because = s }
            case "fix": if once(rule.fix, keyword) { rule.fix = s }
            default: rule.sources.append(s)
            }
        case "fires", "quiet":
            let (on, j) = word(at: i)
            guard on == "on" else {
                report("write '\(keyword) on' followed by the example", SourceSpan(i, max(j, i + 1)),
                       help: "for example: \(keyword) on \"\"\" ... TOML ... \"\"\"")
                return
            }
            i = j
            skipSpaces(&i, end)
            guard let example = example(&i, end, fires: keyword == "fires", span: SourceSpan(line.textStart, afterKeyword)) else { return }
            rule.examples.append(example)
        case "rule":
            report("a rule cannot hold another rule: write 'rule' at the start of the line", keywordSpan)
        default:
            let guess = Suggestions.closest(to: keyword, among: RuleKeyword.clauses)
            report("unknown clause '\(keyword)'\(guess.map { "; did you mean '\($0)'?" } ?? "")", keywordSpan,
                   help: guess == nil ? "the clauses are: \(RuleKeyword.clauses.joined(separator: ", "))" : nil,
                   fixIt: guess.map { .init(span: keywordSpan, replacement: $0) })
        }
    }

    func isIdentifier(_ s: String) -> Bool {
        guard let first = s.utf8.first, Lexer.isIdentStart(first) else { return false }
        return s.utf8.allSatisfy(Lexer.isIdentByte)
    }

    /// The first `"` outside brackets and single-quoted strings: where an `ask`'s question begins.
    func topLevelQuote(from start: Int, end: Int) -> Int? {
        var depth = 0
        var i = start
        while i < end {
            switch b[i] {
            case 0x28, 0x5B, 0x7B: depth += 1
            case 0x29, 0x5D, 0x7D: depth -= 1
            case 0x27:
                i += 1
                while i < end, b[i] != 0x27 {
                    if b[i] == 0x5C { i += 1 }
                    i += 1
                }
            case 0x22 where depth <= 0:
                return i
            default: break
            }
            i += 1
        }
        return nil
    }

    /// An English text and its translations: `"..."` then lines `ru "..."`.
    mutating func localized(_ i: inout Int, _ end: Int) -> LocalizedSource? {
        guard i < end, b[i] == 0x22, let english = ruleString(&i, end: end, allowHoles: true) else {
            report("expected a text in quotes", SourceSpan(i, i + 1))
            return nil
        }
        var result = LocalizedSource(english: english, translations: [])
        while true {
            skipSpaces(&i, end)
            guard i < end else { break }
            let (lang, j) = word(at: i)
            let langSpan = SourceSpan(i, j)
            guard lang.count == 2, lang.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else {
                report("expected a translation (a two-letter language code and a text, such as ru \"...\")", SourceSpan(i, max(j, i + 1)))
                return result
            }
            i = j
            skipSpaces(&i, end)
            guard i < end, b[i] == 0x22, let text = ruleString(&i, end: end, allowHoles: true) else {
                report("expected the \(lang) text in quotes after '\(lang)'", SourceSpan(i, i + 1))
                return result
            }
            if lang == "en" || result.translations.contains(where: { $0.language == lang }) {
                report("the \(lang) text is given twice", langSpan)
            }
            result.translations.append((lang, langSpan, text))
        }
        return result
    }

    /// An example: a `"""` block of TOML or a quoted file name, then optionally `at PATH`.
    mutating func example(_ i: inout Int, _ end: Int, fires: Bool, span: SourceSpan) -> ExampleSource? {
        guard i < end, b[i] == 0x22 else {
            report("expected the example: a \"\"\" block of TOML, or a brief file name in quotes", SourceSpan(i, i + 1))
            return nil
        }
        var content: ExampleSource.Content
        if i + 2 < end, b[i + 1] == 0x22, b[i + 2] == 0x22 {
            let start = i + 3
            var j = start
            while j + 2 < end, !(b[j] == 0x22 && b[j + 1] == 0x22 && b[j + 2] == 0x22) { j += 1 }
            guard j + 2 < end else {
                report("unterminated example: no closing \"\"\"", SourceSpan(i, i + 3))
                return nil
            }
            content = .inline(start..<j)
            i = j + 3
        } else {
            guard let name = ruleString(&i, end: end, allowHoles: false)?.plainText else { return nil }
            content = .file(name)
        }
        var at: (String, SourceSpan)?
        skipSpaces(&i, end)
        if i < end {
            let (word1, j) = word(at: i)
            if word1 == "at" {
                i = j
                skipSpaces(&i, end)
                var k = i
                while k < end, b[k] != 0x0A, b[k] != 0x20, b[k] != 0x23 { k += 1 }
                at = (String(decoding: b[i..<k], as: UTF8.self), SourceSpan(i, k))
                if k == i { report("'at' needs the path of the field, such as timeline.media_buy", SourceSpan(i, i + 1)) }
                i = k
            }
        }
        if !fires, let at { report("a quiet example has no field to point at", at.1) }
        expectEnd(&i, end, after: "the example")
        return ExampleSource(fires: fires, content: content, at: at, span: span)
    }

    // MARK: Strings

    /// A `"..."` or `"""..."""` string at `i`. Holes `{expression}` are kept as byte ranges; `{{` and `}}`
    /// are literal braces. A `"""` string is dedented, and its lines are joined with spaces (a blank
    /// line makes a new paragraph).
    mutating func ruleString(_ i: inout Int, end: Int, allowHoles: Bool) -> RuleString? {
        let open = i
        let triple = i + 2 < end && b[i + 1] == 0x22 && b[i + 2] == 0x22
        i += triple ? 3 : 1
        var parts: [RuleString.Part] = []
        var text: [UInt8] = []
        func flush() {
            if !text.isEmpty { parts.append(.text(String(decoding: text, as: UTF8.self))) }
            text.removeAll()
        }
        while true {
            guard i < end else {
                report("unterminated text: no closing \(triple ? "\"\"\"" : "\"")", SourceSpan(open, open + (triple ? 3 : 1)),
                       help: triple ? nil : "a text in \"...\" stays on one line; use \"\"\"...\"\"\" for longer texts")
                return nil
            }
            let c = b[i]
            if c == 0x22 {
                if !triple {
                    i += 1
                    break
                }
                if i + 2 < end, b[i + 1] == 0x22, b[i + 2] == 0x22 {
                    i += 3
                    break
                }
            }
            if c == 0x0A && !triple {
                report("unterminated text: no closing \" on this line", SourceSpan(open, open + 1),
                       help: "a text in \"...\" stays on one line; use \"\"\"...\"\"\" for longer texts")
                return nil
            }
            if c == 0x5C, i + 1 < end {
                let e = b[i + 1]
                switch e {
                case 0x22, 0x5C, 0x7B, 0x7D: text.append(e)
                case 0x6E: text.append(0x0A)
                case 0x74: text.append(0x09)
                default:
                    report("invalid escape '\\\(Character(Unicode.Scalar(e)))' in a text", SourceSpan(i, i + 2),
                           help: "escapes are \\\" \\\\ \\n \\t \\{ \\}")
                }
                i += 2
                continue
            }
            if c == 0x7B {
                if i + 1 < end, b[i + 1] == 0x7B {
                    text.append(0x7B)
                    i += 2
                    continue
                }
                guard let close = holeEnd(from: i + 1, end: end) else {
                    report("unclosed '{' in a text", SourceSpan(i, i + 1), help: "write {{ for a literal brace")
                    return nil
                }
                if !allowHoles {
                    report("no {expressions} here: this text is shown as written", SourceSpan(i, close + 1), help: "write {{ for a literal brace")
                } else {
                    flush()
                    let inner = trimmed(i + 1, close)
                    if inner.isEmpty { report("empty {} in a text", SourceSpan(i, close + 1)) }
                    parts.append(.expression(inner))
                }
                i = close + 1
                continue
            }
            if c == 0x7D, i + 1 < end, b[i + 1] == 0x7D {
                text.append(0x7D)
                i += 2
                continue
            }
            text.append(c)
            i += 1
        }
        flush()
        if triple { parts = fold(parts) }
        return RuleString(parts: parts, span: SourceSpan(open, i))
    }

    /// The offset of the `}` closing a hole that starts at `from`, skipping brackets and quoted strings.
    func holeEnd(from: Int, end: Int) -> Int? {
        var depth = 0
        var i = from
        while i < end {
            switch b[i] {
            case 0x28, 0x5B, 0x7B: depth += 1
            case 0x29, 0x5D: depth -= 1
            case 0x7D:
                if depth == 0 { return i }
                depth -= 1
            case 0x27, 0x22:
                let q = b[i]
                i += 1
                while i < end, b[i] != q, b[i] != 0x0A {
                    if b[i] == 0x5C { i += 1 }
                    i += 1
                }
            case 0x0A:
                return nil
            default: break
            }
            i += 1
        }
        return nil
    }

    /// Dedents a `"""` text and joins its lines with spaces; blank lines become paragraph breaks.
    /// Only white space at line breaks is removed, so a space before a `{hole}` stays.
    func fold(_ parts: [RuleString.Part]) -> [RuleString.Part] {
        var result: [RuleString.Part] = []
        for (n, part) in parts.enumerated() {
            guard case .text(let t) = part else {
                result.append(part)
                continue
            }
            var lines = t.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for k in lines.indices {
                if k > 0 { lines[k] = String(lines[k].drop(while: { $0 == " " || $0 == "\t" })) }
                if k < lines.count - 1 {
                    while let last = lines[k].last, last == " " || last == "\t" || last == "\r" { lines[k].removeLast() }
                }
            }
            if n == 0, lines.count > 1, lines[0].allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeFirst() }
            if n == parts.count - 1, lines.count > 1, lines[lines.count - 1].allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeLast() }
            var out = ""
            for (k, line) in lines.enumerated() {
                if k > 0 {
                    if line.isEmpty {
                        if !out.hasSuffix("\n\n") { out += "\n\n" }
                        continue
                    }
                    if !out.isEmpty, !out.hasSuffix("\n") { out += " " }
                }
                out += line
            }
            result.append(.text(out))
        }
        return result
    }
}
