/// Reads JSON (RFC 8259) into the document model with the same spans as TOML. Strict: no comments,
/// no trailing commas, no duplicate keys; numbers without a fraction or exponent stay integers.
package enum JSONReader {
    package static func parse(_ file: SourceFile) throws(Diagnostic) -> Document {
        var result: Result<Document, Diagnostic>!
        file.bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(file: file, b: buffer)
            do throws(Diagnostic) {
                result = .success(try parser.parseDocument())
            } catch {
                result = .failure(error)
            }
        }
        return try result.get()
    }

    package static func parse(text: String, path: String = "<text>") throws(Diagnostic) -> Document {
        try parse(SourceFile(path: path, text: text))
    }
}

struct JSONParser {
    let file: SourceFile
    let b: UnsafeBufferPointer<UInt8>
    var i = 0
    var scratch: [UInt8] = []

    init(file: SourceFile, b: UnsafeBufferPointer<UInt8>) {
        self.file = file
        self.b = b
    }

    var end: Int { b.count }

    func error(_ message: String, at offset: Int, length: Int = 1, help: String? = nil, id: String = "json.syntax") -> Diagnostic {
        .error(message, id: id, file: file, span: SourceSpan(offset, min(end, offset + length)), help: help)
    }

    func found(at offset: Int) -> String {
        guard offset < end else { return "the end of the file" }
        let c = b[offset]
        switch c {
        case 0x0A: return "the end of the line"
        case 0x21...0x7E: return "'\(Character(Unicode.Scalar(c)))'"
        default:
            let s = String(decoding: UnsafeBufferPointer(rebasing: b[offset..<min(end, offset + 4)]), as: UTF8.self)
            if c >= 0x80, let scalar = s.unicodeScalars.first, scalar != "\u{FFFD}" { return "'\(scalar)'" }
            return "the byte 0x\(String(c, radix: 16, uppercase: true))"
        }
    }

    mutating func parseDocument() throws(Diagnostic) -> Document {
        if let bad = UTF8Validation.firstInvalidOffset(b) {
            let problem = UTF8Validation.problem(b, at: bad, format: "JSON")
            throw error(problem.message, at: bad, help: problem.help, id: "json.encoding")
        }
        if end >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
        skipWhitespace()
        guard i < end else { throw error("the file is empty: expected a JSON value", at: i) }
        let start = i
        let root = try parseValue()
        let rootSpan = SourceSpan(start, i)
        skipWhitespace()
        if i < end {
            throw error("unexpected \(found(at: i)) after the JSON value", at: i,
                        help: "a JSON file holds one value; wrap several in [ ] or { }")
        }
        return Document(file: file, root: root, rootSpan: rootSpan)
    }

    @inline(__always) mutating func skipWhitespace() {
        while i < end {
            let c = b[i]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { i += 1 } else { return }
        }
    }

    mutating func parseValue() throws(Diagnostic) -> Value {
        if i < end, b[i] == 0x7B || b[i] == 0x5B { return try parseContainer() }
        return try parseScalar()
    }

    /// A value that is not an array or an object.
    mutating func parseScalar() throws(Diagnostic) -> Value {
        guard i < end else { throw error("expected a value, found the end of the file", at: i) }
        switch b[i] {
        case 0x22: return .string(try parseString())
        case 0x2D, 0x30...0x39: return try parseNumber()
        case 0x74: if match("true") { return .bool(true) }
        case 0x66: if match("false") { return .bool(false) }
        case 0x6E: if match("null") { return .null }
        case 0x27: throw error("JSON strings use double quotes", at: i, help: "replace ' with \"")
        case 0x2F: throw error("JSON has no comments", at: i, help: "write briefs as TOML to keep comments")
        default: break
        }
        var j = i
        while j < end, (b[j] >= 0x61 && b[j] <= 0x7A) || (b[j] >= 0x41 && b[j] <= 0x5A) { j += 1 }
        if j > i {
            let word = String(decoding: UnsafeBufferPointer(rebasing: b[i..<j]), as: UTF8.self)
            let help: String? = ["True", "False", "TRUE", "FALSE"].contains(word) ? "JSON booleans are lower case"
                : (["NaN", "Infinity", "None", "undefined"].contains(word) ? "JSON has no \(word); use null or a number" : "text values need double quotes: \"\(word)\"")
            throw error("expected a value, found '\(word)'", at: i, length: j - i, help: help)
        }
        throw error("expected a value, found \(found(at: i))", at: i)
    }

    mutating func match(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard i + n <= end else { return false }
        for k in 0..<n where b[i + k] != word.utf8Start[k] { return false }
        if i + n < end, (b[i + n] >= 0x61 && b[i + n] <= 0x7A) || (b[i + n] >= 0x30 && b[i + n] <= 0x39) { return false }
        i += n
        return true
    }

    /// An array or object open while `parseContainer` reads what is in it.
    private enum OpenContainer {
        /// `[` at `open`: the items so far, and where the item being read starts.
        case array(open: Int, items: [Value], spans: [SourceSpan], itemStart: Int)
        /// `{` at `open`: the keys and values so far; `pending`, the key whose value is being read.
        case object(open: Int, keys: MapKeysBuilder, values: [Value], pending: (key: String, hash: UInt64, keySpan: SourceSpan, valueStart: Int)?)
    }

    /// An array or an object, however deeply nested, read with a stack of its own rather than by
    /// recursion: the depth of a document costs memory, not the thread's stack.
    mutating func parseContainer() throws(Diagnostic) -> Value {
        var stack: [OpenContainer] = []
        try openContainer(&stack)
        // The value of the innermost container just closed, for the one around it.
        var closed: Value?
        while let top = stack.popLast() {
            // Consumed, so that what is taken out of it is not shared (and copied when added to).
            switch consume top {
            case .array(let open, var items, var spans, let itemStart):
                if let value = closed {
                    closed = nil
                    items.append(value)
                    spans.append(SourceSpan(itemStart, i))
                    if try afterItem(open, closing: 0x5D) {
                        closed = .list(ValueList(items, spans: spans))
                        break
                    }
                }
                while true {
                    skipWhitespace()
                    guard i < end else { throw error("unterminated array: no closing ']'", at: open) }
                    if b[i] == 0x5D {
                        guard items.isEmpty else { throw error("trailing comma before ']'", at: i - 1, help: "remove the last comma") }
                        i += 1
                        closed = .list(ValueList([], spans: []))
                        break
                    }
                    let start = i
                    if b[i] == 0x5B || b[i] == 0x7B {
                        stack.append(.array(open: open, items: items, spans: spans, itemStart: start))
                        try openContainer(&stack)
                        break
                    }
                    items.append(try parseScalar())
                    spans.append(SourceSpan(start, i))
                    if try afterItem(open, closing: 0x5D) {
                        closed = .list(ValueList(items, spans: spans))
                        break
                    }
                }
            case .object(let open, var keys, var values, let pending):
                if let value = closed, let pending {
                    closed = nil
                    keys.append(pending.key, hash: pending.hash, keySpan: pending.keySpan, valueSpan: SourceSpan(pending.valueStart, i))
                    values.append(value)
                    if try afterItem(open, closing: 0x7D) {
                        closed = .map(keys.finish(values: values))
                        break
                    }
                }
                while true {
                    skipWhitespace()
                    guard i < end else { throw error("unterminated object: no closing '}'", at: open) }
                    if b[i] == 0x7D, values.isEmpty {
                        i += 1
                        closed = .map(ValueMap(keys: [], values: [], spans: []))
                        break
                    }
                    guard b[i] == 0x22 else {
                        if b[i] == 0x7D { throw error("trailing comma before '}'", at: i - 1, help: "remove the last comma") }
                        throw error("expected a key in double quotes, found \(found(at: i))", at: i)
                    }
                    let keyStart = i
                    let key = try parseString()
                    let keySpan = SourceSpan(keyStart, i)
                    let hash = KeyIndex.hash(string: key)
                    if let previous = keys.find(key, hash: hash) {
                        throw Diagnostic.error("key \"\(key)\" appears twice in this object", id: "json.duplicate-key", file: file, span: keySpan,
                                               notes: [.init("first defined here", file: file, span: keys.spans[previous].key)])
                    }
                    skipWhitespace()
                    guard i < end, b[i] == 0x3A else { throw error("expected ':' after the key, found \(found(at: i))", at: i) }
                    i += 1
                    skipWhitespace()
                    let valueStart = i
                    if i < end, b[i] == 0x5B || b[i] == 0x7B {
                        stack.append(.object(open: open, keys: keys, values: values, pending: (key, hash, keySpan, valueStart)))
                        try openContainer(&stack)
                        break
                    }
                    let value = try parseScalar()
                    keys.append(key, hash: hash, keySpan: keySpan, valueSpan: SourceSpan(valueStart, i))
                    values.append(value)
                    if try afterItem(open, closing: 0x7D) {
                        closed = .map(keys.finish(values: values))
                        break
                    }
                }
            }
            if stack.isEmpty, let value = closed { return value }
        }
        throw error("internal error: no container was open", at: i)
    }

    /// Opens the array or object at `i` on `stack`, one level deeper.
    private mutating func openContainer(_ stack: inout [OpenContainer]) throws(Diagnostic) {
        let open = i
        guard stack.count < DocumentLimits.maxDepth else {
            throw error("arrays and objects are nested more than \(DocumentLimits.maxDepth) deep", at: open,
                        help: "flatten the structure; no brief needs this much nesting", id: "json.depth")
        }
        i += 1
        stack.append(b[open] == 0x5B ? .array(open: open, items: [], spans: [], itemStart: i)
                                     : .object(open: open, keys: MapKeysBuilder(), values: [], pending: nil))
    }

    /// After an item or a member: a `,` (another must follow), or the `closing` bracket, read (true).
    private mutating func afterItem(_ open: Int, closing: UInt8) throws(Diagnostic) -> Bool {
        skipWhitespace()
        let (what, name) = closing == 0x5D ? ("array", "]") : ("object", "}")
        guard i < end else { throw error("unterminated \(what): no closing '\(name)'", at: open) }
        if b[i] == 0x2C {
            i += 1
            return false
        }
        guard b[i] == closing else { throw error("expected ',' or '\(name)' in the \(what), found \(found(at: i))", at: i) }
        i += 1
        return true
    }

    func hexDigit(_ c: UInt8) -> UInt32? {
        switch c {
        case 0x30...0x39: return UInt32(c - 0x30)
        case 0x41...0x46: return UInt32(c - 0x41 + 10)
        case 0x61...0x66: return UInt32(c - 0x61 + 10)
        default: return nil
        }
    }

    mutating func readHex4(_ escapeStart: Int) throws(Diagnostic) -> UInt32 {
        var v: UInt32 = 0
        for k in 0..<4 {
            guard i + k < end, let d = hexDigit(b[i + k]) else {
                throw error("'\\u' needs four hexadecimal digits", at: escapeStart, length: 2 + k + 1)
            }
            v = v * 16 + d
        }
        i += 4
        return v
    }

    mutating func parseString() throws(Diagnostic) -> String {
        let open = i
        i += 1
        let start = i
        while i < end {
            let c = b[i]
            if c == 0x22 {
                let s = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
                i += 1
                return s
            }
            if c == 0x5C { break }
            if c < 0x20 { throw controlError() }
            i += 1
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<i]))
        while i < end {
            let c = b[i]
            if c == 0x22 {
                i += 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if c < 0x20 { throw controlError() }
            guard c == 0x5C else {
                scratch.append(c)
                i += 1
                continue
            }
            let escapeStart = i
            i += 1
            guard i < end else { break }
            let e = b[i]
            i += 1
            switch e {
            case 0x22: scratch.append(0x22)
            case 0x5C: scratch.append(0x5C)
            case 0x2F: scratch.append(0x2F)
            case 0x62: scratch.append(0x08)
            case 0x66: scratch.append(0x0C)
            case 0x6E: scratch.append(0x0A)
            case 0x72: scratch.append(0x0D)
            case 0x74: scratch.append(0x09)
            case 0x75:
                var v = try readHex4(escapeStart)
                if v >= 0xD800 && v <= 0xDBFF {
                    guard i + 1 < end, b[i] == 0x5C, b[i + 1] == 0x75 else {
                        throw error("unpaired surrogate '\\u\(String(v, radix: 16))'", at: escapeStart, length: 6,
                                    help: "a high surrogate must be followed by a low surrogate \\uDC00-\\uDFFF")
                    }
                    let lowStart = i
                    i += 2
                    let low = try readHex4(lowStart)
                    guard low >= 0xDC00 && low <= 0xDFFF else {
                        throw error("unpaired surrogate '\\u\(String(v, radix: 16))'", at: escapeStart, length: 6)
                    }
                    v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                } else if v >= 0xDC00 && v <= 0xDFFF {
                    throw error("unpaired surrogate '\\u\(String(v, radix: 16))'", at: escapeStart, length: 6)
                }
                for unit in UTF8.encode(Unicode.Scalar(v)!)! { scratch.append(unit) }
            default:
                throw error("invalid escape '\\\(found(at: i - 1).trimmingQuotes)'", at: escapeStart, length: 2,
                            help: "JSON escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
            }
        }
        throw error("unterminated string: no closing '\"'", at: open)
    }

    func controlError() -> Diagnostic {
        let c = b[i]
        return error(c == 0x0A ? "unterminated string: a line break inside a string must be written \\n"
                               : "control character U+00\(String(c, radix: 16, uppercase: true)) must be escaped in a string", at: i)
    }

    mutating func parseNumber() throws(Diagnostic) -> Value {
        let start = i
        var isFloat = false
        func fail(_ why: String) -> Diagnostic {
            var j = i
            while j < end, b[j] > 0x20, b[j] != 0x2C, b[j] != 0x5D, b[j] != 0x7D { j += 1 }
            return error(why, at: start, length: max(1, j - start), id: "json.number")
        }
        if b[i] == 0x2D { i += 1 }
        guard i < end, b[i] >= 0x30, b[i] <= 0x39 else { throw fail("expected a digit") }
        if b[i] == 0x30 {
            i += 1
            if i < end, b[i] >= 0x30, b[i] <= 0x39 { throw fail("leading zeros are not allowed in JSON numbers") }
        } else {
            while i < end, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
        }
        if i < end, b[i] == 0x2E {
            isFloat = true
            i += 1
            guard i < end, b[i] >= 0x30, b[i] <= 0x39 else { throw fail("a decimal point must be followed by a digit") }
            while i < end, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
        }
        if i < end, b[i] == 0x65 || b[i] == 0x45 {
            isFloat = true
            i += 1
            if i < end, b[i] == 0x2B || b[i] == 0x2D { i += 1 }
            guard i < end, b[i] >= 0x30, b[i] <= 0x39 else { throw fail("an exponent needs digits") }
            while i < end, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
        if isFloat {
            return .double(Double(text) ?? .nan)
        }
        guard let v = Int64(text) else { throw fail("integer \(text) does not fit in 64 bits") }
        return .int(v)
    }
}
