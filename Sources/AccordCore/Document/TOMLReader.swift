/// Reads TOML 1.1.0 (https://toml.io/en/v1.1.0) into the document model, keeping a span for every key
/// and value. Works on UTF-8 bytes; the whole file is checked for well-formed UTF-8 first.
package enum TOMLReader {
    /// Reads the whole file, or a byte range of it (TOML written inside another file, such as a rule's
    /// example). Short bare keys come from this thread's `TextCache` when it has them.
    package static func parse(_ file: SourceFile, range: Range<Int>? = nil) throws(Diagnostic) -> Document {
        try parse(file, range: range, texts: TextCache.thisThread.value)
    }

    /// As `parse(_:range:)`, with short bare keys from `texts` (nil: each key decoded).
    static func parse(_ file: SourceFile, range: Range<Int>?, texts: TextCache?) throws(Diagnostic) -> Document {
        var result: Result<Document, Diagnostic>!
        file.bytes.withUnsafeBufferPointer { buffer in
            var parser = TOMLParser(file: file, bytes: buffer, range: range ?? 0..<buffer.count, texts: texts)
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

/// A table under construction. TOML allows a table to be reopened and extended, within rules about
/// how it was first defined; `Origin` records that. The parser keeps every table it builds in one
/// array (`TOMLParser.tables`) and names them by their index there: a child is always made after its
/// parent, so it has a larger index, and the tables are finished from the last to the first, without
/// recursion, however deep they nest. Being values in the parser's own array, they are changed with
/// no run-time exclusivity check (a class's properties would need one at every change).
struct TOMLTable {
    enum Origin {
        /// Created as the parent of a `[a.b]` header; may still be defined by its own header.
        case implicit
        /// Defined by a `[header]` or `[[header]]` (an array element).
        case header
        /// Created by a dotted key in the section numbered `section`; only that section may add to it.
        case dotted(section: Int)
    }

    /// A sub-table or an array of tables under construction, kept beside the values: an index into
    /// the parser's `tables` or `tableArrays`.
    enum Child {
        case table(Int)
        case tableArray(Int)
    }

    var origin: Origin
    var keys = MapKeysBuilder()
    /// The values in key order. A key whose value is a child holds a placeholder until the table is
    /// finished, so the finished map takes this array as it is, without copying a value.
    var values: [Value] = []
    /// The children, by their key's position (a table has few).
    var children: [(position: Int, child: Child)] = []
    /// The finished table, once `TOMLParser.finishTables` has reached it.
    var finished: Value = .null
    /// How deep in the document it is: the root 1, a table in it 2, an array of tables' element 3
    /// (as a JSON reader counts the objects and arrays around a value).
    let depth: Int

    init(origin: Origin, depth: Int) {
        self.origin = origin
        self.depth = depth
    }

    mutating func find(_ key: String, hash: UInt64) -> Int? { keys.find(key, hash: hash) }

    mutating func append(_ key: String, hash: UInt64, keySpan: SourceSpan, value: Value, valueSpan: SourceSpan) {
        if values.isEmpty { values.reserveCapacity(MapKeysBuilder.initialCapacity) }
        keys.append(key, hash: hash, keySpan: keySpan, valueSpan: valueSpan)
        values.append(value)
    }

    mutating func append(_ key: String, hash: UInt64, keySpan: SourceSpan, child: Child, valueSpan: SourceSpan) {
        children.append((values.count, child))
        append(key, hash: hash, keySpan: keySpan, value: .null, valueSpan: valueSpan)
    }

    /// The child at key position `i`, if the key holds one rather than a value.
    func child(at i: Int) -> Child? {
        children.first { $0.position == i }?.child
    }

    func keySpan(_ i: Int) -> SourceSpan { keys.spans[i].key }
}

/// An array of tables, built by `[[header]]`s: its elements, as indexes into the parser's `tables`.
struct TOMLTableArray {
    var tables: [Int] = []
    var spans: [SourceSpan] = []
}

struct TOMLParser {
    let file: SourceFile
    let b: UnsafeBufferPointer<UInt8>
    let end: Int
    var i = 0
    /// Every table under construction, the root first (see `TOMLTable`).
    var tables = [TOMLTable(origin: .header, depth: 1)]
    var tableArrays: [TOMLTableArray] = []
    /// The table that key/value lines currently go into.
    var current = 0
    /// Numbers the `[header]` sections (and inline tables), for the dotted-key rule.
    var section = 0
    var sectionCount = 0
    var depth = 0
    var comments: [SourceSpan] = []
    /// Reused for strings with escapes.
    var scratch: [UInt8] = []
    /// Held by the caller throughout the parse: read without a retain for each key.
    let texts: Unmanaged<TextCache>?

    let start: Int

    init(file: SourceFile, bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, texts: TextCache?) {
        self.file = file
        self.texts = texts.map { Unmanaged.passUnretained($0) }
        self.b = bytes
        self.start = range.lowerBound
        self.end = range.upperBound
        self.i = range.lowerBound
    }

    // MARK: Errors

    func error(_ message: String, at offset: Int, length: Int = 1, help: String? = nil, id: String = "toml.syntax") -> Diagnostic {
        .error(message, id: id, file: file, span: SourceSpan(offset, min(end, offset + length)), help: help)
    }

    /// A short description of what stands at `offset`, for "expected X, found Y" messages.
    func found(at offset: Int) -> String {
        guard offset < end else { return "the end of the file" }
        let c = b[offset]
        switch c {
        case 0x0A: return "the end of the line"
        case 0x0D: return offset + 1 < end && b[offset + 1] == 0x0A ? "the end of the line" : "a carriage return"
        case 0x09: return "a tab"
        case 0x20: return "a space"
        case 0x21...0x7E: return "'\(Character(Unicode.Scalar(c)))'"
        case 0..<0x20, 0x7F: return "the control character U+\(hex4(UInt32(c)))"
        default:
            let s = String(decoding: UnsafeBufferPointer(rebasing: b[offset..<min(end, offset + 4)]), as: UTF8.self)
            if let scalar = s.unicodeScalars.first, scalar != "\u{FFFD}" {
                return "'\(scalar)' (U+\(hex4(scalar.value)))"
            }
            return "a byte 0x\(String(c, radix: 16, uppercase: true))"
        }
    }

    func hex4(_ v: UInt32) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return s.count >= 4 ? s : String(repeating: "0", count: 4 - s.count) + s
    }

    // MARK: Document structure

    mutating func parseDocument() throws(Diagnostic) -> Document {
        let text = UnsafeBufferPointer(rebasing: b[start..<end])
        if let bad = UTF8Validation.firstInvalidOffset(text) {
            let problem = UTF8Validation.problem(text, at: bad, format: "TOML")
            throw error(problem.message, at: bad + start, help: problem.help, id: "toml.encoding")
        }
        if start == 0, end >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
        while true {
            skipWhitespace()
            guard i < end else { break }
            switch b[i] {
            case 0x0A:
                i += 1
            case 0x0D:
                try expectNewline()
            case 0x23:
                try skipComment()
            case 0x5B:
                try parseHeader()
                try expectLineEnd()
            default:
                try parseKeyValue(into: current, section: section)
                try expectLineEnd()
            }
        }
        return Document(file: file, root: finishTables(from: 0), rootSpan: SourceSpan(start, end), comments: comments)
    }

    /// Finishes table `first` and every table made after it (its descendants: a child is made after
    /// its parent), from the last to the first, so that each finds its children finished; returns
    /// table `first`'s value and removes them all.
    mutating func finishTables(from first: Int) -> Value {
        var k = tables.count - 1
        while k >= first {
            for (position, child) in tables[k].children {
                switch child {
                case .table(let t):
                    var value = Value.null
                    swap(&value, &tables[t].finished)
                    tables[k].values[position] = value
                case .tableArray(let a):
                    var items: [Value] = []
                    items.reserveCapacity(tableArrays[a].tables.count)
                    for t in tableArrays[a].tables {
                        items.append(.null)
                        swap(&items[items.count - 1], &tables[t].finished)
                    }
                    tables[k].values[position] = .list(ValueList(items, spans: tableArrays[a].spans))
                }
            }
            var values: [Value] = []
            swap(&values, &tables[k].values)
            tables[k].finished = .map(tables[k].keys.finish(values: values))
            k -= 1
        }
        var value = Value.null
        swap(&value, &tables[first].finished)
        tables.removeSubrange(first...)
        return value
    }

    @inline(__always) mutating func skipWhitespace() {
        while i < end, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
    }

    /// At a `\n` or `\r\n`: consumes it.
    mutating func expectNewline() throws(Diagnostic) {
        if b[i] == 0x0A {
            i += 1
        } else if b[i] == 0x0D, i + 1 < end, b[i + 1] == 0x0A {
            i += 2
        } else {
            throw error("a carriage return must be followed by a line feed", at: i, id: "toml.control")
        }
    }

    /// After a key/value or a header: optional whitespace and comment, then a newline or the end.
    mutating func expectLineEnd() throws(Diagnostic) {
        skipWhitespace()
        if i < end, b[i] == 0x23 { try skipComment() }
        guard i < end else { return }
        if b[i] == 0x0A || b[i] == 0x0D {
            try expectNewline()
            return
        }
        throw error("expected the end of the line, found \(found(at: i))", at: i,
                    help: "each key = value pair and each [table] header goes on a line of its own")
    }

    /// At `#`: skips to the end of the line, rejecting control characters.
    mutating func skipComment() throws(Diagnostic) {
        let start = i
        i += 1
        // Eight bytes at a time while none of them can end the comment or be wrong in it.
        let base = UnsafeRawPointer(b.baseAddress!)
        while i + 8 <= end, !ByteWords.mayHaveControl(base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { i += 8 }
        while i < end {
            let c = b[i]
            if c == 0x0A { break }
            if c == 0x0D {
                if i + 1 < end, b[i + 1] == 0x0A { break }
                throw error("a carriage return must be followed by a line feed", at: i, id: "toml.control")
            }
            if (c < 0x20 && c != 0x09) || c == 0x7F {
                throw error("control character U+\(hex4(UInt32(c))) is not allowed in a comment", at: i, id: "toml.control")
            }
            i += 1
        }
        comments.append(SourceSpan(start, i))
    }

    /// Whitespace, newlines and comments, as allowed inside arrays and inline tables.
    mutating func skipBlank() throws(Diagnostic) {
        while i < end {
            switch b[i] {
            case 0x20, 0x09: i += 1
            case 0x0A, 0x0D: try expectNewline()
            case 0x23: try skipComment()
            default: return
            }
        }
    }

    // MARK: Keys

    /// One part of a key, with its hash for the table lookups (computed once).
    typealias KeyPart = (name: String, span: SourceSpan, hash: UInt64)

    mutating func parseKey() throws(Diagnostic) -> [KeyPart] {
        var parts: [KeyPart] = []
        while true {
            skipWhitespace()
            parts.append(try parseSimpleKey())
            skipWhitespace()
            guard i < end, b[i] == 0x2E else { return parts }
            i += 1
        }
    }

    mutating func parseSimpleKey() throws(Diagnostic) -> KeyPart {
        let start = i
        guard i < end else { throw error("expected a key, found the end of the file", at: i) }
        switch b[i] {
        case 0x22:
            if i + 2 < end, b[i + 1] == 0x22, b[i + 2] == 0x22 {
                throw error("a multi-line string cannot be a key", at: i, length: 3)
            }
            let s = try parseBasicString()
            return (s, SourceSpan(start, i), KeyIndex.hash(string: s))
        case 0x27:
            if i + 2 < end, b[i + 1] == 0x27, b[i + 2] == 0x27 {
                throw error("a multi-line string cannot be a key", at: i, length: 3)
            }
            let s = try parseLiteralString()
            return (s, SourceSpan(start, i), KeyIndex.hash(string: s))
        default:
            while i < end, TOMLParser.isBareKeyByte(b[i]) { i += 1 }
            guard i > start else {
                if b[i] == 0x3D {
                    throw error("expected a key before '='", at: i, help: "write a name before the '=', such as name = \"value\"")
                }
                throw error("expected a key, found \(found(at: start))", at: start,
                            help: "bare keys may use A-Z, a-z, 0-9, '_' and '-'; put other characters in quotes")
            }
            if let texts, i - start <= TextCache.maxLength {
                let (name, hash) = texts._withUnsafeGuaranteedRef { $0.text(in: b, start: start, count: i - start) }
                return (name, SourceSpan(start, i), hash)
            }
            let name = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
            return (name, SourceSpan(start, i), KeyIndex.hash(string: name))
        }
    }

    @inline(__always) static func isBareKeyByte(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == 0x5F || c == 0x2D
    }

    func dotted(_ parts: ArraySlice<KeyPart>) -> String {
        parts.map { part in
            part.name.utf8.allSatisfy(TOMLParser.isBareKeyByte) && !part.name.isEmpty ? part.name : PrintForm.stringLiteral(part.name)
        }.joined(separator: ".")
    }

    // MARK: Tables

    /// `[a.b]` or `[[a.b]]`.
    mutating func parseHeader() throws(Diagnostic) {
        let start = i
        let isArray = i + 1 < end && b[i + 1] == 0x5B
        i += isArray ? 2 : 1
        let key = try parseKey()
        skipWhitespace()
        if isArray {
            guard i + 1 < end, b[i] == 0x5D, b[i + 1] == 0x5D else {
                throw error("expected ']]' to close the array-of-tables header, found \(found(at: i))", at: i)
            }
            i += 2
        } else {
            guard i < end, b[i] == 0x5D else {
                throw error("expected ']' to close the table header, found \(found(at: i))", at: i)
            }
            i += 1
        }
        let span = SourceSpan(start, i)
        sectionCount += 1
        section = sectionCount

        var table = 0
        for (n, part) in key.dropLast().enumerated() {
            table = try descend(table, part, path: key[...n], forHeader: true)
        }
        let last = key[key.count - 1]
        if let found = tables[table].find(last.name, hash: last.hash) {
            let previous = tables[table].keySpan(found)
            switch tables[table].child(at: found) {
            case .table(let existing)?:
                if isArray {
                    throw redefinition("cannot define '\(dotted(key[...]))' as an array of tables: it is already a table", key: last, previous: previous)
                }
                switch tables[existing].origin {
                case .implicit:
                    tables[existing].origin = .header
                    current = existing
                case .header:
                    throw redefinition("table '\(dotted(key[...]))' is defined twice", key: last, previous: previous)
                case .dotted:
                    throw redefinition("table '\(dotted(key[...]))' was already defined by dotted keys", key: last, previous: previous)
                }
            case .tableArray(let array)?:
                guard isArray else {
                    throw redefinition("cannot define '\(dotted(key[...]))' as a table: it is already an array of tables", key: last, previous: previous)
                }
                let element = try newTable(.header, depth: tables[table].depth + 2, for: last)
                tableArrays[array].tables.append(element)
                tableArrays[array].spans.append(span)
                current = element
            case nil:
                throw redefinition("cannot define '\(dotted(key[...]))' as a table: it already has a value", key: last, previous: previous)
            }
        } else {
            let created = try newTable(.header, depth: tables[table].depth + (isArray ? 2 : 1), for: last)
            if isArray {
                tableArrays.append(TOMLTableArray(tables: [created], spans: [span]))
                tables[table].append(last.name, hash: last.hash, keySpan: last.span, child: .tableArray(tableArrays.count - 1), valueSpan: span)
            } else {
                tables[table].append(last.name, hash: last.hash, keySpan: last.span, child: .table(created), valueSpan: span)
            }
            current = created
        }
    }

    /// Steps into `part` of `table` on the way to a header's or a dotted key's final part, creating
    /// tables as TOML allows.
    mutating func descend(_ table: Int, _ part: KeyPart, path: ArraySlice<KeyPart>, forHeader: Bool) throws(Diagnostic) -> Int {
        if let found = tables[table].find(part.name, hash: part.hash) {
            let previous = tables[table].keySpan(found)
            switch tables[table].child(at: found) {
            case .table(let t)?:
                if !forHeader {
                    switch tables[t].origin {
                    case .header:
                        throw redefinition("cannot add keys to table '\(dotted(path))' with dotted keys: it is defined by a [header]",
                                           key: part, previous: previous)
                    case .dotted(let owner) where owner != section:
                        throw redefinition("cannot add keys to table '\(dotted(path))' here: its dotted keys were written in another section",
                                           key: part, previous: previous)
                    case .implicit:
                        tables[t].origin = .dotted(section: section)
                    case .dotted:
                        break
                    }
                }
                return t
            case .tableArray(let array)?:
                if !forHeader {
                    throw redefinition("cannot add keys to '\(dotted(path))' with dotted keys: it is an array of tables",
                                       key: part, previous: previous)
                }
                return tableArrays[array].tables[tableArrays[array].tables.count - 1]
            case nil:
                if case .map = tables[table].values[found] {
                    throw redefinition("cannot add to '\(dotted(path))': an inline table is complete as written",
                                       key: part, previous: previous)
                }
                throw redefinition("cannot use '\(dotted(path))' as a table: it already has a value", key: part, previous: previous)
            }
        }
        let created = try newTable(forHeader ? .implicit : .dotted(section: section), depth: tables[table].depth + 1, for: part)
        tables[table].append(part.name, hash: part.hash, keySpan: part.span, child: .table(created), valueSpan: part.span)
        return created
    }

    /// A new table `depth` deep, made for `key`; refused past `DocumentLimits.maxDepth`.
    mutating func newTable(_ origin: TOMLTable.Origin, depth: Int, for key: KeyPart) throws(Diagnostic) -> Int {
        guard depth <= DocumentLimits.maxDepth else {
            throw .error("tables are nested more than \(DocumentLimits.maxDepth) deep", id: "toml.depth", file: file, span: key.span,
                         help: "flatten the structure; no brief needs this much nesting")
        }
        tables.append(TOMLTable(origin: origin, depth: depth))
        return tables.count - 1
    }

    func redefinition(_ message: String, key: KeyPart, previous: SourceSpan) -> Diagnostic {
        .error(message, id: "toml.redefinition", file: file, span: key.span,
               notes: [.init("first defined here", file: file, span: previous)])
    }

    /// `key = value` into `table`; dotted keys create tables owned by `section`.
    mutating func parseKeyValue(into table: Int, section: Int) throws(Diagnostic) {
        let pending = try startKeyValue(into: table, section: section)
        let outer = depth
        depth = pending.depth
        defer { depth = outer }
        finishKeyValue(pending, try parseValue())
    }

    /// A key read up to its `=`, whose value comes next: the table it goes into (dotted keys made),
    /// its last part, where the value starts, and the depth the value nests from.
    struct PendingValue {
        let table: Int
        let key: KeyPart
        let valueStart: Int
        let depth: Int
    }

    /// Reads `key =` for `table`: makes the tables a dotted key goes through (owned by `section`) and
    /// refuses a key defined twice, before the value is read.
    mutating func startKeyValue(into table: Int, section: Int) throws(Diagnostic) -> PendingValue {
        skipWhitespace()
        let first = try parseSimpleKey()
        skipWhitespace()
        guard i < end, b[i] == 0x2E else {
            // Most keys have one part: no array of parts is built for them.
            return try expectValue(of: CollectionOfOne(first), into: table)
        }
        i += 1
        var key = [first]
        key.append(contentsOf: try parseKey())
        let saved = self.section
        self.section = section
        defer { self.section = saved }
        var target = table
        for (n, part) in key.dropLast().enumerated() {
            target = try descend(target, part, path: key[...n], forHeader: false)
        }
        return try expectValue(of: key[...], into: target)
    }

    /// The `=` after `key` (all its parts), whose last part must be new in `table`.
    private mutating func expectValue<Key: Collection<KeyPart>>(of key: Key, into table: Int) throws(Diagnostic) -> PendingValue {
        guard i < end, b[i] == 0x3D else {
            if i < end, b[i] == 0x3A {
                throw error("expected '=' after the key, found ':'", at: i, help: "TOML uses '=' between a key and its value")
            }
            throw error("expected '=' after the key '\(dotted(ArraySlice(key)))', found \(found(at: i))", at: i)
        }
        i += 1
        skipWhitespace()
        let last = key[key.index(key.startIndex, offsetBy: key.count - 1)]
        if let existing = tables[table].find(last.name, hash: last.hash) {
            throw redefinition("key '\(dotted(ArraySlice(key)))' is defined twice", key: last, previous: tables[table].keySpan(existing))
        }
        // Arrays and inline tables in the value nest from the table's own depth.
        return PendingValue(table: table, key: last, valueStart: i, depth: tables[table].depth)
    }

    /// Adds the value read for `pending`, which ends here.
    mutating func finishKeyValue(_ pending: PendingValue, _ value: Value) {
        tables[pending.table].append(pending.key.name, hash: pending.key.hash, keySpan: pending.key.span, value: value,
                                     valueSpan: SourceSpan(pending.valueStart, i))
    }
}
