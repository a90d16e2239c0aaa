#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// String functions: CEL's standard ones and its strings extension. Indexes count Unicode code points;
/// matching is by code points, not by Swift's grapheme clusters.
package enum TextOps {
    /// Whether a code point belongs to a word: a letter or a digit of any script, or a mark on one.
    static func isWordPart(_ c: Unicode.Scalar) -> Bool {
        switch c.properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return c.properties.isAlphabetic
        }
    }

    /// The runs of letters and digits of `s`, in lower case.
    static func words(_ s: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for c in s.unicodeScalars {
            if isWordPart(c) {
                current.append(c)
            } else if !current.isEmpty {
                words.append(String(current).lowercased())
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current).lowercased()) }
        return words
    }

    /// The disclosure labels in `s`: the parts between + , ; | / and line breaks, each without the
    /// value after a colon ("erid: 2Vtz..."), with hyphens and underscores as spaces, and only its
    /// words kept (no #, quotes or other punctuation), in lower case, one space between them.
    static func labels(_ s: String) -> [String] {
        let separators: Set<Unicode.Scalar> = ["+", ",", ";", "|", "/", "\n", "\r", "，", "、", "；"]
        var labels: [String] = []
        var part = String.UnicodeScalarView()
        func finish() {
            let name = String(part).split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let spaced = String(String.UnicodeScalarView(name.unicodeScalars.map { $0 == "-" || $0 == "_" ? " " : $0 }))
            let label = words(spaced).joined(separator: " ")
            if !label.isEmpty { labels.append(label) }
            part = String.UnicodeScalarView()
        }
        for c in s.unicodeScalars {
            if separators.contains(c) { finish() } else { part.append(c) }
        }
        finish()
        return labels
    }

    /// The byte offset of the first `needle` in `haystack` at or after `from`.
    static func find(_ haystack: [UInt8], _ needle: [UInt8], from: Int = 0) -> Int? {
        haystack.withUnsafeBufferPointer { h in needle.withUnsafeBufferPointer { n in find(h, n, from: from) } }
    }

    /// The same on bytes read in place: candidates found by their first byte (memchr), each
    /// compared whole (memcmp).
    static func find(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int? {
        if needle.isEmpty { return from <= haystack.count ? from : nil }
        guard haystack.count >= needle.count else { return nil }
        let h = haystack.baseAddress!
        let last = haystack.count - needle.count
        var i = from
        while i <= last {
            guard let hit = memchr(h + i, Int32(needle[0]), last - i + 1) else { return nil }
            i = h.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(h + i, needle.baseAddress!, needle.count) == 0 { return i }
            i += 1
        }
        return nil
    }

    /// Whether `needle`'s bytes occur in `haystack`'s, read in place.
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        var haystack = haystack
        var needle = needle
        return haystack.withUTF8 { h in needle.withUTF8 { n in find(h, n) != nil } }
    }

    /// Whether `text`'s bytes end with `suffix`'s.
    static func endsWith(_ text: String, _ suffix: String) -> Bool {
        var text = text
        var suffix = suffix
        return text.withUTF8 { t in
            suffix.withUTF8 { s in s.count <= t.count && (s.isEmpty || memcmp(t.baseAddress! + (t.count - s.count), s.baseAddress!, s.count) == 0) }
        }
    }

    /// The string with the ASCII letters in `from...through` (A-Z or a-z) turned to the other case;
    /// the same string when it has none.
    static func flippingCase(_ s: String, from low: UInt8, through high: UInt8) -> String {
        var s = s
        return s.withUTF8 { src in
            guard src.contains(where: { $0 >= low && $0 <= high }) else { return nil }
            return String(unsafeUninitializedCapacity: src.count) { dst in
                for i in 0..<src.count {
                    let b = src[i]
                    dst[i] = b >= low && b <= high ? b ^ 0x20 : b
                }
                return src.count
            }
        } ?? s
    }

    static func index(_ hay: [Unicode.Scalar], _ needle: [Unicode.Scalar], from: Int) -> Int? {
        guard needle.count <= hay.count else { return nil }
        var i = from
        while i + needle.count <= hay.count {
            if hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    /// Unicode white space as Go's unicode.IsSpace defines it, which CEL's trim() follows.
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// The string without white space (as `isSpace`) at either end; the same string when there is none.
    package static func trimmed(_ s: String) -> String {
        let view = s.unicodeScalars
        var lo = view.startIndex
        var hi = view.endIndex
        while lo < hi, isSpace(view[lo]) { lo = view.index(after: lo) }
        while hi > lo, isSpace(view[view.index(before: hi)]) { hi = view.index(before: hi) }
        if lo == view.startIndex && hi == view.endIndex { return s }
        return String(view[lo..<hi])
    }

    /// A name as names are matched (a metric in results, a source, `sameName`): lowercased, without
    /// white space, `_`, `-` and `.`. "First-time buyers" and "first_time  BUYERS" are the same.
    package static func nameKey(_ name: String) -> String {
        // ASCII names (nearly all) byte by byte: Unicode's whitespace property costs a check-in of
        // 10,000 readings a third of its time. In ASCII, white space is tab to carriage return and space.
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(name.utf8.count)
            for b in name.utf8 where !(0x09...0x0D).contains(b) && b != 0x20 && b != 0x5F && b != 0x2D && b != 0x2E {
                bytes.append((0x41...0x5A).contains(b) ? b + 0x20 : b)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        return String(name.lowercased().unicodeScalars.filter { !$0.properties.isWhitespace && !"_-.".unicodeScalars.contains($0) })
    }

    /// The number of code points: the UTF-8 bytes that do not continue a sequence.
    static func scalarCount(_ s: String) -> Int {
        var s = s
        return s.withUTF8 { bytes in
            var n = 0
            for b in bytes where b & 0xC0 != 0x80 { n += 1 }
            return n
        }
    }

    static func units(_ args: [Value]) -> Int {
        var n = 1
        for a in args { if case .string(let s) = a { n += s.utf8.count / 16 } }
        return n
    }
}

extension Library {
    /// A string method: checks the argument types, charges the budget, and runs `body` with the
    /// receiver and the other arguments.
    static func stringMethod(_ name: String, origin: String = "CEL", _ overloads: [FunctionOverload], _ summary: String,
                             _ body: @escaping @Sendable (String, [Value]) throws(EvalError) -> Value) -> FunctionDefinition {
        let arities = overloads.map(\.arity)
        return FunctionDefinition(name: name, overloads: overloads, body: .costed { args, activation throws(EvalError) in
            guard arities.contains(args.count), case .string(let s) = args[0] else { throw EvalError.noOverload(name, args) }
            try activation.charge(TextOps.units(args))
            let result = try body(s, args.count == 1 ? [] : Array(args[1...]))
            // What it built costs too, so that repeated growth runs out of budget, not of memory.
            if case .string(let built) = result { try activation.charge(built.utf8.count / 16) }
            return result
        }, summary: summary, origin: origin)
    }

    static func int(_ v: Value, _ name: String, _ args: [Value]) throws(EvalError) -> Int64 {
        guard case .int(let i) = v else { throw EvalError.noOverload(name, args) }
        return i
    }

    static func string(_ v: Value, _ name: String, _ args: [Value]) throws(EvalError) -> String {
        guard case .string(let s) = v else { throw EvalError.noOverload(name, args) }
        return s
    }

    static let strings: [FunctionDefinition] = [
        stringMethod("contains", [method(.string, [.string], .bool)], "Whether the string contains the other.") { s, a throws(EvalError) in
            .bool(TextOps.contains(s, try string(a[0], "contains", a)))
        },
        stringMethod("startsWith", [method(.string, [.string], .bool)], "Whether the string starts with the other.") { s, a throws(EvalError) in
            .bool(s.utf8.starts(with: try string(a[0], "startsWith", a).utf8))
        },
        stringMethod("endsWith", [method(.string, [.string], .bool)], "Whether the string ends with the other.") { s, a throws(EvalError) in
            .bool(TextOps.endsWith(s, try string(a[0], "endsWith", a)))
        },
        stringMethod("lowerAscii", origin: "CEL strings", [method(.string, [], .string)], "The string with A-Z turned to a-z; other letters unchanged.") { s, _ throws(EvalError) in
            .string(TextOps.flippingCase(s, from: 0x41, through: 0x5A))
        },
        stringMethod("upperAscii", origin: "CEL strings", [method(.string, [], .string)], "The string with a-z turned to A-Z; other letters unchanged.") { s, _ throws(EvalError) in
            .string(TextOps.flippingCase(s, from: 0x61, through: 0x7A))
        },
        stringMethod("trim", origin: "CEL strings", [method(.string, [], .string)], "The string without white space at either end.") { s, _ throws(EvalError) in
            .string(TextOps.trimmed(s))
        },
        stringMethod("charAt", origin: "CEL strings", [method(.string, [.int], .string)], "The character at a position counted from 0; the empty string just past the end.") { s, a throws(EvalError) in
            let i = try int(a[0], "charAt", a)
            let scalars = Array(s.unicodeScalars)
            guard i >= 0, i <= Int64(scalars.count) else { throw EvalError("index out of range: \(i)") }
            return .string(i == Int64(scalars.count) ? "" : String(scalars[Int(i)]))
        },
        stringMethod("indexOf", origin: "CEL strings", [method(.string, [.string], .int), method(.string, [.string, .int], .int)],
                     "The position of the first occurrence of the other string, from an optional start; -1 if none.") { s, a throws(EvalError) in
            let needle = Array(try string(a[0], "indexOf", a).unicodeScalars)
            let hay = Array(s.unicodeScalars)
            var from: Int64 = 0
            if a.count == 2 {
                from = try int(a[1], "indexOf", a)
                guard from >= 0, from <= Int64(hay.count) else { throw EvalError("index out of range: \(from)") }
            }
            return .int(Int64(TextOps.index(hay, needle, from: Int(from)) ?? -1))
        },
        stringMethod("lastIndexOf", origin: "CEL strings", [method(.string, [.string], .int), method(.string, [.string, .int], .int)],
                     "The position of the last occurrence of the other string, starting at or before an optional position; -1 if none.") { s, a throws(EvalError) in
            let needle = Array(try string(a[0], "lastIndexOf", a).unicodeScalars)
            let hay = Array(s.unicodeScalars)
            var last = Int64(hay.count)
            if a.count == 2 {
                last = try int(a[1], "lastIndexOf", a)
                guard last >= 0, last <= Int64(hay.count) else { throw EvalError("index out of range: \(last)") }
            }
            var i = min(Int(last), hay.count - needle.count)
            while i >= 0 {
                if hay[i..<(i + needle.count)].elementsEqual(needle) { return .int(Int64(i)) }
                i -= 1
            }
            return .int(-1)
        },
        stringMethod("substring", origin: "CEL strings", [method(.string, [.int], .string), method(.string, [.int, .int], .string)],
                     "The characters from a start position to an optional end position (exclusive).") { s, a throws(EvalError) in
            let scalars = Array(s.unicodeScalars)
            let start = try int(a[0], "substring", a)
            let end = a.count == 2 ? try int(a[1], "substring", a) : Int64(scalars.count)
            guard start >= 0, start <= Int64(scalars.count) else { throw EvalError("index out of range: \(start)") }
            guard end >= 0, end <= Int64(scalars.count) else { throw EvalError("index out of range: \(end)") }
            guard start <= end else { throw EvalError("invalid substring range. start: \(start), end: \(end)") }
            return .string(String(String.UnicodeScalarView(scalars[Int(start)..<Int(end)])))
        },
        stringMethod("replace", origin: "CEL strings", [method(.string, [.string, .string], .string), method(.string, [.string, .string, .int], .string)],
                     "The string with occurrences of the first argument replaced by the second, at most n of them when n is given (negative: all).") { s, a throws(EvalError) in
            let old = Array(try string(a[0], "replace", a).utf8)
            let new = Array(try string(a[1], "replace", a).utf8)
            var limit = a.count == 3 ? try int(a[2], "replace", a) : -1
            let hay = Array(s.utf8)
            var out: [UInt8] = []
            var i = 0
            if old.isEmpty {
                guard hay.count * (1 + new.count) + new.count <= ExpressionLimits.maxTextBytes else {
                    throw EvalError("replace would build a text of more than \(ExpressionLimits.maxTextBytes >> 20) MiB")
                }
                // As Go: an empty pattern matches before each character and at the end.
                var scalarStarts: [Int] = []
                for (k, b) in hay.enumerated() where b & 0xC0 != 0x80 { scalarStarts.append(k) }
                scalarStarts.append(hay.count)
                var previous = 0
                for start in scalarStarts {
                    out.append(contentsOf: hay[previous..<start])
                    if limit != 0 {
                        out.append(contentsOf: new)
                        limit -= 1
                    }
                    previous = start
                }
                return .string(String(decoding: out, as: UTF8.self))
            }
            // The size of the result, worked out before it is built.
            if new.count > old.count {
                var matches = 0
                var k = 0
                while Int64(matches) != limit, let found = TextOps.find(hay, old, from: k) {
                    matches += 1
                    k = found + old.count
                    guard hay.count + matches * (new.count - old.count) <= ExpressionLimits.maxTextBytes else {
                        throw EvalError("replace would build a text of more than \(ExpressionLimits.maxTextBytes >> 20) MiB")
                    }
                }
            }
            while limit != 0, let found = TextOps.find(hay, old, from: i) {
                out.append(contentsOf: hay[i..<found])
                out.append(contentsOf: new)
                i = found + old.count
                limit -= 1
            }
            out.append(contentsOf: hay[i...])
            return .string(String(decoding: out, as: UTF8.self))
        },
        stringMethod("split", origin: "CEL strings", [method(.string, [.string], .list(.string)), method(.string, [.string, .int], .list(.string))],
                     "The parts between occurrences of a separator, at most n parts when n is given (0: none, negative: all).") { s, a throws(EvalError) in
            let separator = Array(try string(a[0], "split", a).utf8)
            let limit = a.count == 2 ? try int(a[1], "split", a) : -1
            if limit == 0 { return .list([]) }
            let hay = Array(s.utf8)
            var parts: [Value] = []
            if separator.isEmpty {
                let scalars = Array(s.unicodeScalars)
                for (k, scalar) in scalars.enumerated() {
                    if limit > 0, Int64(parts.count) == limit - 1 {
                        parts.append(.string(String(String.UnicodeScalarView(scalars[k...]))))
                        return .list(parts)
                    }
                    parts.append(.string(String(scalar)))
                }
                return .list(parts)
            }
            var i = 0
            while limit < 0 || Int64(parts.count) < limit - 1, let found = TextOps.find(hay, separator, from: i) {
                parts.append(.string(String(decoding: hay[i..<found], as: UTF8.self)))
                i = found + separator.count
            }
            parts.append(.string(String(decoding: hay[i...], as: UTF8.self)))
            return .list(parts)
        },
        stringMethod("reverse", origin: "CEL strings", [method(.string, [], .string)], "The characters in reverse order.") { s, _ throws(EvalError) in
            .string(String(String.UnicodeScalarView(s.unicodeScalars.reversed())))
        },
        stringMethod("words", origin: "Accord", [method(.string, [], .list(.string))],
                     "The words of the string in lower case, in any script: runs of letters and digits (\"Reviews, 2x!\" gives [\"reviews\", \"2x\"]).") { s, _ throws(EvalError) in
            .list(TextOps.words(s).map { .string($0) })
        },
        stringMethod("labels", origin: "Accord", [method(.string, [], .list(.string))],
                     "The disclosure labels a text holds, as people write them: split at plus signs, commas, semicolons, bars, slashes and new lines, each in lower case without #, quotes or the value after a colon, hyphens as spaces (\"«Реклама» + erid: 2Vtz\" gives [\"реклама\", \"erid\"]).") { s, _ throws(EvalError) in
            .list(TextOps.labels(s).map { .string($0) })
        },
        FunctionDefinition(
            name: "join",
            overloads: [method(.list(.string), [], .string), method(.list(.string), [.string], .string)],
            body: .costed { args, activation throws(EvalError) in
                guard args.count == 1 || args.count == 2, case .list(let list) = args[0] else { throw EvalError.noOverload("join", args) }
                let separator = args.count == 2 ? try string(args[1], "join", args) : ""
                var parts: [String] = []
                parts.reserveCapacity(list.count)
                for item in list.items {
                    guard case .string(let s) = item else { throw EvalError("join() needs a list of strings, found \(item.typeDisplayName)") }
                    parts.append(s)
                }
                try activation.charge(1 + list.count + TextOps.units(args))
                return .string(parts.joined(separator: separator))
            },
            summary: "The strings of a list joined, with an optional separator: [\"a\", \"b\"].join(\", \").",
            origin: "CEL strings"),
        FunctionDefinition(
            name: "strings.quote",
            overloads: [global([.string], .string)],
            body: .one { v throws(EvalError) in
                guard case .string(let s) = v else { throw EvalError.noOverload("strings.quote", v) }
                var out = "\""
                for scalar in s.unicodeScalars {
                    switch scalar {
                    case "\u{07}": out += "\\a"
                    case "\u{08}": out += "\\b"
                    case "\u{0C}": out += "\\f"
                    case "\n": out += "\\n"
                    case "\r": out += "\\r"
                    case "\t": out += "\\t"
                    case "\u{0B}": out += "\\v"
                    case "\\": out += "\\\\"
                    case "\"": out += "\\\""
                    default: out.unicodeScalars.append(scalar)
                    }
                }
                return .string(out + "\"")
            },
            summary: "The string as a double-quoted literal with escapes.",
            origin: "CEL strings"),
    ]
}
