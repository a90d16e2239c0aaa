extension TOMLParser {
    // MARK: Values

    mutating func parseValue() throws(Diagnostic) -> Value {
        if i < end, b[i] == 0x5B || b[i] == 0x7B { return try parseContainer() }
        return try parseScalar()
    }

    /// A value that is not an array or an inline table.
    mutating func parseScalar() throws(Diagnostic) -> Value {
        guard i < end else { throw error("expected a value, found the end of the file", at: i) }
        let c = b[i]
        switch c {
        case 0x22:
            if i + 2 < end, b[i + 1] == 0x22, b[i + 2] == 0x22 { return .string(try parseMultilineBasicString()) }
            return .string(try parseBasicString())
        case 0x27:
            if i + 2 < end, b[i + 1] == 0x27, b[i + 2] == 0x27 { return .string(try parseMultilineLiteralString()) }
            return .string(try parseLiteralString())
        case 0x74:
            if matchWord("true") { return .bool(true) }
        case 0x66:
            if matchWord("false") { return .bool(false) }
        case 0x30...0x39:
            if isDateAhead() { return try parseDateTime() }
            if isTimeAhead() { return try parseLocalTime() }
            return try parseNumber()
        case 0x2B, 0x2D, 0x69, 0x6E:
            return try parseNumber()
        case 0x0A, 0x0D, 0x23:
            throw error("expected a value after '='", at: i, help: "give the key a value, such as key = \"text\"")
        default:
            break
        }
        let start = i
        var j = i
        while j < end, TOMLParser.isBareKeyByte(b[j]) { j += 1 }
        if j > start {
            let word = String(decoding: UnsafeBufferPointer(rebasing: b[start..<j]), as: UTF8.self)
            let hint: String
            switch word.lowercased() {
            case "true", "false": hint = "booleans are lower case: \(word.lowercased())"
            case "inf", "nan": hint = "special floats are lower case: \(word.lowercased())"
            default: hint = "text values need quotes: \"\(word)\""
            }
            throw error("expected a value, found '\(word)'", at: start, length: j - start, help: hint)
        }
        throw error("expected a value, found \(found(at: start))", at: start)
    }

    /// Matches a keyword followed by a value terminator.
    mutating func matchWord(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard i + n <= end else { return false }
        let p = word.utf8Start
        for k in 0..<n where b[i + k] != p[k] { return false }
        if i + n < end, TOMLParser.isBareKeyByte(b[i + n]) { return false }
        i += n
        return true
    }

    // MARK: Strings

    /// Appends the UTF-8 of a scalar to the scratch buffer.
    mutating func appendScalar(_ v: UInt32) {
        let scalar = Unicode.Scalar(v)!
        for unit in UTF8.encode(scalar)! { scratch.append(unit) }
    }

    /// After a backslash at `i - 1`: one escape of a basic string.
    mutating func parseEscape() throws(Diagnostic) {
        let start = i - 1
        guard i < end else { throw error("unterminated string", at: start) }
        let c = b[i]
        i += 1
        switch c {
        case 0x62: scratch.append(0x08)
        case 0x74: scratch.append(0x09)
        case 0x6E: scratch.append(0x0A)
        case 0x66: scratch.append(0x0C)
        case 0x72: scratch.append(0x0D)
        case 0x65: scratch.append(0x1B)
        case 0x22: scratch.append(0x22)
        case 0x5C: scratch.append(0x5C)
        case 0x78, 0x75, 0x55:
            let count = c == 0x78 ? 2 : (c == 0x75 ? 4 : 8)
            var v: UInt32 = 0
            for k in 0..<count {
                guard i + k < end, let d = hexValue(b[i + k]) else {
                    throw error("'\\\(Character(Unicode.Scalar(c)))' needs \(count) hexadecimal digits", at: start, length: 2 + k + 1)
                }
                v = v &* 16 &+ UInt32(d)
            }
            i += count
            guard Unicode.Scalar(v) != nil else {
                throw error("'\\\(Character(Unicode.Scalar(c)))\(String(v, radix: 16, uppercase: true))' is not a Unicode scalar value",
                            at: start, length: 2 + count, help: "code points must be at most 10FFFF and not surrogates (D800-DFFF)")
            }
            appendScalar(v)
        default:
            i -= 1
            throw error("invalid escape sequence '\\\(found(at: i).trimmingQuotes)'", at: start, length: 2,
                        help: "escapes are \\b \\t \\n \\f \\r \\e \\\" \\\\ \\xHH \\uHHHH \\UHHHHHHHH; for a backslash write \\\\ or use a 'literal string'")
        }
    }

    func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }

    func controlCharacterError(_ at: Int, in kind: String) -> Diagnostic {
        error("control character U+\(hex4(UInt32(b[at]))) must be escaped in \(kind)", at: at,
              help: "write it as \\u\(hex4(UInt32(b[at])))", id: "toml.control")
    }

    /// `"..."`; at the opening quote.
    mutating func parseBasicString() throws(Diagnostic) -> String {
        let open = i
        i += 1
        let contentStart = i
        // Fast path: no escapes. Eight bytes at a time while none of them can end the string.
        let base = UnsafeRawPointer(b.baseAddress!)
        while i + 8 <= end, !ByteWords.mayHaveQuoteBackslashOrControl(base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { i += 8 }
        while i < end {
            let c = b[i]
            if c == 0x22 {
                let s = String(decoding: UnsafeBufferPointer(rebasing: b[contentStart..<i]), as: UTF8.self)
                i += 1
                return s
            }
            if c == 0x5C { break }
            if c == 0x0A || c == 0x0D { throw unterminated(open, "string") }
            if (c < 0x20 && c != 0x09) || c == 0x7F { throw controlCharacterError(i, in: "a string") }
            i += 1
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: b[contentStart..<i]))
        while i < end {
            let c = b[i]
            switch c {
            case 0x22:
                i += 1
                return String(decoding: scratch, as: UTF8.self)
            case 0x5C:
                i += 1
                try parseEscape()
            case 0x0A, 0x0D:
                throw unterminated(open, "string")
            default:
                if (c < 0x20 && c != 0x09) || c == 0x7F { throw controlCharacterError(i, in: "a string") }
                scratch.append(c)
                i += 1
            }
        }
        throw unterminated(open, "string")
    }

    func unterminated(_ open: Int, _ kind: String) -> Diagnostic {
        error("unterminated \(kind): no closing quote on this line", at: open,
              help: kind == "string" ? "close it with \" on the same line, or use \"\"\"multi-line strings\"\"\"" : nil)
    }

    /// `"""..."""`; at the opening delimiter.
    mutating func parseMultilineBasicString() throws(Diagnostic) -> String {
        let open = i
        i += 3
        skipFirstNewline()
        scratch.removeAll(keepingCapacity: true)
        while i < end {
            let c = b[i]
            switch c {
            case 0x22:
                var run = 0
                while i + run < end, b[i + run] == 0x22 { run += 1 }
                if run >= 3 {
                    if run > 5 {
                        throw error("too many quotes: at most two may stand just before the closing \"\"\"", at: i + 5)
                    }
                    for _ in 0..<(run - 3) { scratch.append(0x22) }
                    i += run
                    return String(decoding: scratch, as: UTF8.self)
                }
                for _ in 0..<run { scratch.append(0x22) }
                i += run
            case 0x5C:
                // A line-ending backslash trims the newline and the whitespace after it.
                var j = i + 1
                while j < end, b[j] == 0x20 || b[j] == 0x09 { j += 1 }
                if j < end, b[j] == 0x0A || (b[j] == 0x0D && j + 1 < end && b[j + 1] == 0x0A) {
                    i = j
                    while i < end {
                        if b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A {
                            i += 1
                        } else if b[i] == 0x0D, i + 1 < end, b[i + 1] == 0x0A {
                            i += 2
                        } else {
                            break
                        }
                    }
                } else {
                    i += 1
                    try parseEscape()
                }
            case 0x0D:
                guard i + 1 < end, b[i + 1] == 0x0A else { throw controlCharacterError(i, in: "a string") }
                scratch.append(0x0A)
                i += 2
            case 0x0A, 0x09:
                scratch.append(c)
                i += 1
            default:
                if c < 0x20 || c == 0x7F { throw controlCharacterError(i, in: "a string") }
                scratch.append(c)
                i += 1
            }
        }
        throw error("unterminated multi-line string: no closing \"\"\"", at: open, length: 3)
    }

    /// `'...'`; at the opening quote.
    mutating func parseLiteralString() throws(Diagnostic) -> String {
        let open = i
        i += 1
        let start = i
        while i < end {
            let c = b[i]
            if c == 0x27 {
                let s = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
                i += 1
                return s
            }
            if c == 0x0A || c == 0x0D { throw error("unterminated literal string: no closing ' on this line", at: open) }
            if (c < 0x20 && c != 0x09) || c == 0x7F {
                throw error("control character U+\(hex4(UInt32(c))) is not allowed in a literal string", at: i, id: "toml.control")
            }
            i += 1
        }
        throw error("unterminated literal string: no closing ' on this line", at: open)
    }

    /// `'''...'''`; at the opening delimiter.
    mutating func parseMultilineLiteralString() throws(Diagnostic) -> String {
        let open = i
        i += 3
        skipFirstNewline()
        scratch.removeAll(keepingCapacity: true)
        while i < end {
            let c = b[i]
            switch c {
            case 0x27:
                var run = 0
                while i + run < end, b[i + run] == 0x27 { run += 1 }
                if run >= 3 {
                    if run > 5 {
                        throw error("too many quotes: at most two may stand just before the closing '''", at: i + 5)
                    }
                    for _ in 0..<(run - 3) { scratch.append(0x27) }
                    i += run
                    return String(decoding: scratch, as: UTF8.self)
                }
                for _ in 0..<run { scratch.append(0x27) }
                i += run
            case 0x0D:
                guard i + 1 < end, b[i + 1] == 0x0A else {
                    throw error("a carriage return must be followed by a line feed", at: i, id: "toml.control")
                }
                scratch.append(0x0A)
                i += 2
            case 0x0A, 0x09:
                scratch.append(c)
                i += 1
            default:
                if c < 0x20 || c == 0x7F {
                    throw error("control character U+\(hex4(UInt32(c))) is not allowed in a literal string", at: i, id: "toml.control")
                }
                scratch.append(c)
                i += 1
            }
        }
        throw error("unterminated multi-line literal string: no closing '''", at: open, length: 3)
    }

    mutating func skipFirstNewline() {
        if i < end, b[i] == 0x0A {
            i += 1
        } else if i + 1 < end, b[i] == 0x0D, b[i + 1] == 0x0A {
            i += 2
        }
    }

    // MARK: Arrays and inline tables

    mutating func enterNested(_ open: Int) throws(Diagnostic) {
        depth += 1
        if depth > DocumentLimits.maxDepth {
            throw error("arrays and tables are nested more than \(DocumentLimits.maxDepth) deep", at: open,
                        help: "flatten the structure; no brief needs this much nesting", id: "toml.depth")
        }
    }

    /// An array or inline table open while `parseContainer` reads what is in it.
    private enum OpenContainer {
        /// `[` at `open`: the items so far, and where the item being read starts.
        case array(open: Int, items: [Value], spans: [SourceSpan], itemStart: Int, depth: Int)
        /// `{` at `open`, filling `table` (its dotted keys owned by `section`); `pending`, the key
        /// whose value is being read.
        case table(open: Int, table: Int, section: Int, expectingEntry: Bool, pending: PendingValue?, depth: Int)
    }

    /// An array or an inline table, however deeply nested, read with a stack of its own rather than
    /// by recursion: the depth of a document costs memory, not the thread's stack.
    mutating func parseContainer() throws(Diagnostic) -> Value {
        let outer = depth
        defer { depth = outer }
        var stack: [OpenContainer] = []
        try openContainer(&stack)
        // The value of the innermost container just closed, for the one around it.
        var closed: Value?
        while let top = stack.popLast() {
            // Consumed, so that the items taken out of it are not shared (and copied when added to).
            switch consume top {
            case .array(let open, var items, var spans, let itemStart, let level):
                if let value = closed {
                    closed = nil
                    items.append(value)
                    spans.append(SourceSpan(itemStart, i))
                    try afterArrayItem(open)
                }
                while true {
                    try skipBlank()
                    guard i < end else { throw error("unterminated array: no closing ']'", at: open) }
                    if b[i] == 0x5D {
                        i += 1
                        closed = .list(ValueList(items, spans: spans))
                        break
                    }
                    if b[i] == 0x2C {
                        throw error(items.isEmpty ? "expected a value before ','" : "expected a value between the commas", at: i)
                    }
                    if items.isEmpty {
                        // Room for a typical short list at once, rather than growing it 1, 2, 4.
                        items.reserveCapacity(4)
                        spans.reserveCapacity(4)
                    }
                    let start = i
                    if b[i] == 0x5B || b[i] == 0x7B {
                        stack.append(.array(open: open, items: items, spans: spans, itemStart: start, depth: level))
                        depth = level
                        try openContainer(&stack)
                        break
                    }
                    items.append(try parseScalar())
                    spans.append(SourceSpan(start, i))
                    try afterArrayItem(open)
                }
            case .table(let open, let table, let section, var expectingEntry, let pending, let level):
                if let value = closed, let pending {
                    closed = nil
                    finishKeyValue(pending, value)
                    expectingEntry = try afterTableEntry(open)
                }
                while true {
                    try skipBlank()
                    guard i < end else { throw error("unterminated inline table: no closing '}'", at: open) }
                    if b[i] == 0x7D {
                        i += 1
                        closed = finishTables(from: table)
                        break
                    }
                    if !expectingEntry {
                        throw error("expected ',' or '}' in the inline table, found \(found(at: i))", at: i)
                    }
                    if b[i] == 0x2C {
                        throw error("expected a key/value pair before ','", at: i)
                    }
                    let next = try startKeyValue(into: table, section: section)
                    if i < end, b[i] == 0x5B || b[i] == 0x7B {
                        stack.append(.table(open: open, table: table, section: section, expectingEntry: expectingEntry, pending: next, depth: level))
                        depth = next.depth
                        try openContainer(&stack)
                        break
                    }
                    finishKeyValue(next, try parseScalar())
                    expectingEntry = try afterTableEntry(open)
                }
            }
            if stack.isEmpty, let value = closed { return value }
        }
        throw error("internal error: no container was open", at: i)
    }

    /// Opens the array or inline table at `i` on `stack`, one level deeper than `depth`.
    private mutating func openContainer(_ stack: inout [OpenContainer]) throws(Diagnostic) {
        let open = i
        try enterNested(open)
        i += 1
        if b[open] == 0x5B {
            stack.append(.array(open: open, items: [], spans: [], itemStart: i, depth: depth))
        } else {
            sectionCount += 1
            tables.append(TOMLTable(origin: .header, depth: depth))
            stack.append(.table(open: open, table: tables.count - 1, section: sectionCount, expectingEntry: true, pending: nil, depth: depth))
        }
    }

    /// After an array's item: a `,`, or the `]` that comes next.
    private mutating func afterArrayItem(_ open: Int) throws(Diagnostic) {
        try skipBlank()
        guard i < end else { throw error("unterminated array: no closing ']'", at: open) }
        if b[i] == 0x2C {
            i += 1
        } else if b[i] != 0x5D {
            throw error("expected ',' or ']' in the array, found \(found(at: i))", at: i, help: "separate array values with commas")
        }
    }

    /// After an inline table's entry: whether a `,` came (another entry must follow).
    private mutating func afterTableEntry(_ open: Int) throws(Diagnostic) -> Bool {
        try skipBlank()
        guard i < end else { throw error("unterminated inline table: no closing '}'", at: open) }
        guard b[i] == 0x2C else { return false }
        i += 1
        return true
    }

    // MARK: Numbers

    @inline(__always) func digit(_ at: Int) -> Bool { at < end && b[at] >= 0x30 && b[at] <= 0x39 }

    mutating func parseNumber() throws(Diagnostic) -> Value {
        if let n = plainInteger() { return .int(n) }
        let start = i
        var j = i
        // The token: everything a number could be made of.
        while j < end {
            let c = b[j]
            if TOMLParser.isBareKeyByte(c) || c == 0x2B || c == 0x2E { j += 1 } else { break }
        }
        let token = UnsafeBufferPointer(rebasing: b[start..<j])
        i = j
        func fail(_ why: String, help: String? = nil) -> Diagnostic {
            error(why, at: start, length: max(1, j - start), help: help, id: "toml.number")
        }
        var k = 0
        var negative = false
        if token.first == 0x2B || token.first == 0x2D {
            negative = token[0] == 0x2D
            k = 1
        }
        let rest = token[k...]
        if rest.elementsEqual("inf".utf8) { return .double(negative ? -.infinity : .infinity) }
        if rest.elementsEqual("nan".utf8) { return .double(negative ? -Double.nan : .nan) }
        guard k < token.count else { throw fail("expected digits after the sign") }

        // Hexadecimal, octal, binary.
        if token.count >= k + 2, token[k] == 0x30, token[k + 1] == 0x78 || token[k + 1] == 0x6F || token[k + 1] == 0x62 {
            if k == 1 { throw fail("a sign is not allowed on hexadecimal, octal or binary integers") }
            let radix: Int64 = token[1] == 0x78 ? 16 : (token[1] == 0x6F ? 8 : 2)
            var value: Int64 = 0
            var lastWasDigit = false
            guard token.count > 2 else { throw fail("expected digits after the prefix") }
            for c in token[2...] {
                if c == 0x5F {
                    guard lastWasDigit else { throw fail("an underscore must stand between two digits") }
                    lastWasDigit = false
                    continue
                }
                guard let d = hexValue(c), Int64(d) < radix else {
                    throw fail("'\(Character(Unicode.Scalar(c)))' is not a base-\(radix) digit")
                }
                let (m, o1) = value.multipliedReportingOverflow(by: radix)
                let (a, o2) = m.addingReportingOverflow(Int64(d))
                if o1 || o2 { throw fail("integer does not fit in 64 bits") }
                value = a
                lastWasDigit = true
            }
            guard lastWasDigit else { throw fail("an underscore must stand between two digits") }
            return .int(value)
        }

        // Decimal integer or float: validate the grammar, collecting the digits without underscores.
        var clean: [UInt8] = negative ? [0x2D] : []
        var isFloat = false
        func digits(_ allowLeadingZero: Bool) throws(Diagnostic) {
            let first = k
            var lastWasDigit = false
            while k < token.count {
                let c = token[k]
                if c >= 0x30 && c <= 0x39 {
                    clean.append(c)
                    lastWasDigit = true
                } else if c == 0x5F {
                    guard lastWasDigit, k + 1 < token.count, token[k + 1] >= 0x30, token[k + 1] <= 0x39 else {
                        throw fail("an underscore must stand between two digits")
                    }
                    lastWasDigit = false
                } else {
                    break
                }
                k += 1
            }
            guard k > first else { throw fail("expected a digit") }
            if !allowLeadingZero, token[first] == 0x30, k - first > 1 {
                throw fail("leading zeros are not allowed", help: "write \(String(decoding: token[first...].drop(while: { $0 == 0x30 || $0 == 0x5F }), as: UTF8.self).isEmpty ? "0" : String(decoding: token[first...].drop(while: { $0 == 0x30 || $0 == 0x5F }), as: UTF8.self)) or quote it as text")
            }
        }
        try digits(false)
        if k < token.count, token[k] == 0x2E {
            isFloat = true
            clean.append(0x2E)
            k += 1
            guard k < token.count, token[k] >= 0x30, token[k] <= 0x39 else {
                throw fail("a decimal point must be followed by a digit", help: "write \(String(decoding: token[..<k], as: UTF8.self))0")
            }
            try digits(true)
        }
        if k < token.count, token[k] == 0x65 || token[k] == 0x45 {
            isFloat = true
            clean.append(0x65)
            k += 1
            if k < token.count, token[k] == 0x2B || token[k] == 0x2D {
                clean.append(token[k])
                k += 1
            }
            try digits(true)
        }
        guard k == token.count else {
            if token[k] == 0x3A || token[k] == 0x2D {
                throw fail("this is not a valid date, time or number", help: "dates are written 2026-03-18, times 09:30:00")
            }
            throw fail("'\(String(decoding: token, as: UTF8.self))' is not a valid number")
        }
        let text = String(decoding: clean, as: UTF8.self)
        if isFloat {
            guard let d = Double(text) else { throw fail("'\(String(decoding: token, as: UTF8.self))' is not a valid float") }
            return .double(d)
        }
        guard let v = Int64(text) else {
            throw fail("integer does not fit in 64 bits", help: "integers range from -9223372036854775808 to 9223372036854775807")
        }
        return .int(v)
    }

    /// The common case read in place, without building a token: a decimal integer of up to 18
    /// digits, with no underscore, no leading zero and nothing after it that a number could continue
    /// with. Anything else is left to the full grammar of `parseNumber`.
    mutating func plainInteger() -> Int64? {
        var p = i
        var negative = false
        if p < end, b[p] == 0x2D || b[p] == 0x2B {
            negative = b[p] == 0x2D
            p += 1
        }
        let first = p
        var value: Int64 = 0
        while p < end, p - first < 18, b[p] >= 0x30, b[p] <= 0x39 {
            value = value * 10 + Int64(b[p] - 0x30)
            p += 1
        }
        let count = p - first
        guard count > 0, count == 1 || b[first] != 0x30 else { return nil }
        if p < end, TOMLParser.isBareKeyByte(b[p]) || b[p] == 0x2B || b[p] == 0x2E { return nil }
        i = p
        return negative ? -value : value
    }

    // MARK: Dates and times

    /// `DDDD-` ahead: a date.
    func isDateAhead() -> Bool {
        i + 4 < end && digit(i) && digit(i + 1) && digit(i + 2) && digit(i + 3) && b[i + 4] == 0x2D
    }

    /// `DD:` ahead: a local time.
    func isTimeAhead() -> Bool {
        i + 2 < end && digit(i) && digit(i + 1) && b[i + 2] == 0x3A
    }

    func twoDigits(_ at: Int) -> Int? {
        guard digit(at), digit(at + 1) else { return nil }
        return Int(b[at] - 0x30) * 10 + Int(b[at + 1] - 0x30)
    }

    mutating func parseDateTime() throws(Diagnostic) -> Value {
        let start = i
        func fail(_ why: String, help: String? = nil) -> Diagnostic {
            var j = i
            while j < end, b[j] > 0x20, b[j] != 0x2C, b[j] != 0x5D, b[j] != 0x7D, b[j] != 0x23 { j += 1 }
            return error(why, at: start, length: max(1, j - start), help: help, id: "toml.datetime")
        }
        guard let century = twoDigits(i), let yearOfCentury = twoDigits(i + 2),
              i + 10 <= end, b[i + 4] == 0x2D, let month = twoDigits(i + 5), b[i + 7] == 0x2D, let day = twoDigits(i + 8)
        else { throw fail("dates are written YYYY-MM-DD", help: "for example 2026-03-18") }
        let year = century * 100 + yearOfCentury
        i += 10
        if digit(i) { throw fail("dates are written YYYY-MM-DD", help: "for example 2026-03-18") }
        guard (1...12).contains(month) else { throw fail("month \(month) does not exist") }
        guard let date = LocalDate(year: year, month: month, day: day) else {
            throw fail("day \(day) does not exist in \(year)-\(Digits.pad(month, 2))")
        }
        // A time follows after 'T', 't', or a space and two digits and a colon.
        let hasTime: Bool
        if i < end, b[i] == 0x54 || b[i] == 0x74 {
            hasTime = true
        } else if i + 3 < end, b[i] == 0x20, digit(i + 1), digit(i + 2), b[i + 3] == 0x3A {
            hasTime = true
        } else {
            hasTime = false
        }
        guard hasTime else { return .date(date) }
        i += 1
        let time = try parseTimeOfDay(start)
        // An offset makes it an instant.
        if i < end, b[i] == 0x5A || b[i] == 0x7A {
            i += 1
            return .timestamp(Timestamp(date: date, time: time, offsetSeconds: 0))
        }
        if i < end, b[i] == 0x2B || b[i] == 0x2D {
            let sign = b[i] == 0x2D ? -1 : 1
            guard let hh = twoDigits(i + 1), i + 3 < end, b[i + 3] == 0x3A, let mm = twoDigits(i + 4) else {
                throw fail("the offset must be written +HH:MM or -HH:MM, or Z for UTC")
            }
            guard hh <= 23, mm <= 59 else { throw fail("the offset \(Digits.pad(hh, 2)):\(Digits.pad(mm, 2)) is out of range") }
            i += 6
            return .timestamp(Timestamp(date: date, time: time, offsetSeconds: sign * (hh * 3600 + mm * 60)))
        }
        return .datetime(LocalDateTime(date: date, time: time))
    }

    mutating func parseLocalTime() throws(Diagnostic) -> Value {
        let start = i
        let time = try parseTimeOfDay(start)
        if i < end, b[i] == 0x5A || b[i] == 0x7A || b[i] == 0x2B || b[i] == 0x2D {
            throw error("a time of day without a date cannot have an offset", at: i, id: "toml.datetime")
        }
        return .time(time)
    }

    /// `HH:MM[:SS[.fraction]]` (seconds are optional in TOML 1.1).
    mutating func parseTimeOfDay(_ start: Int) throws(Diagnostic) -> LocalTime {
        func fail(_ why: String) -> Diagnostic {
            error(why, at: start, length: max(1, i - start), help: "times are written HH:MM:SS, for example 09:30:00", id: "toml.datetime")
        }
        guard let hour = twoDigits(i), i + 2 < end, b[i + 2] == 0x3A, let minute = twoDigits(i + 3) else {
            throw fail("expected a time HH:MM")
        }
        i += 5
        var second = 0
        var nanos = 0
        if i < end, b[i] == 0x3A {
            guard let s = twoDigits(i + 1) else { throw fail("expected two digits of seconds after ':'") }
            second = s
            i += 3
            if i < end, b[i] == 0x2E {
                i += 1
                guard digit(i) else { throw fail("expected digits after the decimal point") }
                var scale = 100_000_000
                while digit(i) {
                    nanos += Int(b[i] - 0x30) * scale  // digits past nanoseconds are truncated
                    scale /= 10
                    i += 1
                }
            }
        }
        if digit(i) { throw fail("too many digits in the time") }
        guard hour <= 23 else { throw fail("hour \(hour) is out of range (00-23)") }
        guard minute <= 59 else { throw fail("minute \(minute) is out of range (00-59)") }
        guard second <= 59 else { throw fail("second \(second) is out of range (00-59)") }
        return LocalTime(hour: hour, minute: minute, second: second, nanosecond: nanos)!
    }
}

extension String {
    /// `'x'` becomes `x`: for quoting a found-description inside another quote.
    var trimmingQuotes: String {
        if hasPrefix("'"), hasSuffix("'"), count >= 3 { return String(dropFirst().dropLast()) }
        return self
    }
}
