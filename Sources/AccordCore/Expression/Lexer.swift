/// A token of the expression language.
struct Token {
    enum Kind: Equatable {
        case end
        case identifier(String)
        /// A back-quoted field name: `` x.`/api/v1` ``.
        case quotedIdentifier(String)
        /// An integer literal's magnitude; the parser applies a leading minus (so -9223372036854775808 reads).
        case int(UInt64)
        case double(Double)
        case string(String)
        case symbol(Symbol)
    }

    enum Symbol: String {
        case lparen = "(", rparen = ")", lbracket = "[", rbracket = "]", lbrace = "{", rbrace = "}"
        case dot = ".", comma = ",", colon = ":", question = "?"
        case plus = "+", minus = "-", star = "*", slash = "/", percent = "%", bang = "!"
        case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
        case and = "&&", or = "||"
    }

    let kind: Kind
    let span: SourceSpan
}

/// Splits an expression into tokens. Works on a byte range of a `SourceFile`, so an expression inside a
/// rule file reports positions in that file.
package struct Lexer {
    let file: SourceFile
    let end: Int
    var i: Int
    /// In rule files `#` also starts a comment.
    var hashComments = false

    static let reservedWords: Set<String> = [
        "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let", "loop",
        "package", "namespace", "return", "var", "void",
    ]

    init(file: SourceFile, range: Range<Int>) {
        self.file = file
        self.i = range.lowerBound
        self.end = range.upperBound
    }

    func byte(_ at: Int) -> UInt8 { at < end ? file.bytes[at] : 0 }

    func error(_ message: String, _ span: SourceSpan, help: String? = nil) -> Diagnostic {
        .error(message, id: "expr.syntax", file: file, span: span, help: help)
    }

    mutating func skipTrivia() {
        while i < end {
            let c = file.bytes[i]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C {
                i += 1
            } else if (c == 0x2F && byte(i + 1) == 0x2F) || (c == 0x23 && hashComments) {
                while i < end, file.bytes[i] != 0x0A { i += 1 }
            } else {
                return
            }
        }
    }

    package static func isIdentStart(_ c: UInt8) -> Bool { (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || c == 0x5F }
    package static func isIdentByte(_ c: UInt8) -> Bool { isIdentStart(c) || (c >= 0x30 && c <= 0x39) }
    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    /// `afterOperand`: the previous token ended an operand, so `.5` is a dot, not a number.
    mutating func next(afterOperand: Bool) throws(Diagnostic) -> Token {
        skipTrivia()
        let start = i
        guard i < end else { return Token(kind: .end, span: SourceSpan(i, i)) }
        let c = file.bytes[i]
        func sym(_ s: Token.Symbol, _ length: Int = 1) -> Token {
            i += length
            return Token(kind: .symbol(s), span: SourceSpan(start, i))
        }
        switch c {
        case 0x28: return sym(.lparen)
        case 0x29: return sym(.rparen)
        case 0x5B: return sym(.lbracket)
        case 0x5D: return sym(.rbracket)
        case 0x7B: return sym(.lbrace)
        case 0x7D: return sym(.rbrace)
        case 0x2C: return sym(.comma)
        case 0x3A: return sym(.colon)
        case 0x3F: return sym(.question)
        case 0x2B: return sym(.plus)
        case 0x2D: return sym(.minus)
        case 0x2A: return sym(.star)
        case 0x2F: return sym(.slash)
        case 0x25: return sym(.percent)
        case 0x2E:
            if !afterOperand, Lexer.isDigit(byte(i + 1)) { return try number(start) }
            return sym(.dot)
        case 0x21: return byte(i + 1) == 0x3D ? sym(.notEqual, 2) : sym(.bang)
        case 0x3D:
            if byte(i + 1) == 0x3D { return sym(.equal, 2) }
            throw error("'=' is not an operator here", SourceSpan(i, i + 1), help: "to compare, write '=='")
        case 0x3C: return byte(i + 1) == 0x3D ? sym(.lessOrEqual, 2) : sym(.less)
        case 0x3E: return byte(i + 1) == 0x3D ? sym(.greaterOrEqual, 2) : sym(.greater)
        case 0x26:
            if byte(i + 1) == 0x26 { return sym(.and, 2) }
            throw error("'&' is not an operator", SourceSpan(i, i + 1), help: "for 'and', write '&&'")
        case 0x7C:
            if byte(i + 1) == 0x7C { return sym(.or, 2) }
            throw error("'|' is not an operator", SourceSpan(i, i + 1), help: "for 'or', write '||'")
        case 0x22, 0x27:
            return try string(start, raw: false)
        case 0x60:
            return try quotedIdentifier(start)
        case 0x30...0x39:
            return try number(start)
        default:
            break
        }
        if Lexer.isIdentStart(c) {
            // String prefixes: r"...", b"...", rb"...".
            var j = i
            var raw = false
            var bytes = false
            while j < end, j - i < 2, file.bytes[j] == 0x72 || file.bytes[j] == 0x52 || file.bytes[j] == 0x62 || file.bytes[j] == 0x42 {
                if file.bytes[j] == 0x72 || file.bytes[j] == 0x52 { raw = true } else { bytes = true }
                j += 1
            }
            if j > i, j < end, file.bytes[j] == 0x22 || file.bytes[j] == 0x27 {
                if bytes {
                    throw error("bytes literals are not supported", SourceSpan(start, j + 1), help: "use a string literal")
                }
                i = j
                return try string(start, raw: raw)
            }
            while i < end, Lexer.isIdentByte(file.bytes[i]) { i += 1 }
            let name = String(decoding: file.bytes[start..<i], as: UTF8.self)
            return Token(kind: .identifier(name), span: SourceSpan(start, i))
        }
        let text = String(decoding: file.bytes[start..<min(end, start + 4)], as: UTF8.self)
        let shown = text.unicodeScalars.first.map { $0.value < 0x20 || $0.value == 0x7F ? "U+\(String($0.value, radix: 16, uppercase: true))" : String($0) } ?? "?"
        var length = 1
        while start + length < end, file.bytes[start + length] & 0xC0 == 0x80 { length += 1 }
        throw error("unexpected character '\(shown)'", SourceSpan(start, start + length))
    }

    mutating func quotedIdentifier(_ start: Int) throws(Diagnostic) -> Token {
        i += 1
        let nameStart = i
        while i < end, file.bytes[i] != 0x60 {
            if file.bytes[i] == 0x0A { break }
            i += 1
        }
        guard i < end, file.bytes[i] == 0x60 else {
            throw error("unterminated back-quoted name", SourceSpan(start, start + 1))
        }
        let name = String(decoding: file.bytes[nameStart..<i], as: UTF8.self)
        i += 1
        return Token(kind: .quotedIdentifier(name), span: SourceSpan(start, i))
    }

    mutating func number(_ start: Int) throws(Diagnostic) -> Token {
        // Hexadecimal integers.
        if file.bytes[i] == 0x30, byte(i + 1) == 0x78 || byte(i + 1) == 0x58 {
            i += 2
            let digitsStart = i
            var value: UInt64 = 0
            var overflow = false
            while i < end, let d = Lexer.hexValue(file.bytes[i]) {
                let (m, o1) = value.multipliedReportingOverflow(by: 16)
                let (a, o2) = m.addingReportingOverflow(UInt64(d))
                overflow = overflow || o1 || o2
                value = a
                i += 1
            }
            guard i > digitsStart else { throw error("expected hexadecimal digits after '0x'", SourceSpan(start, i)) }
            return try finishInt(start, value, overflow)
        }
        var isDouble = false
        while i < end, Lexer.isDigit(file.bytes[i]) { i += 1 }
        if i < end, file.bytes[i] == 0x2E, Lexer.isDigit(byte(i + 1)) {
            isDouble = true
            i += 1
            while i < end, Lexer.isDigit(file.bytes[i]) { i += 1 }
        }
        if i < end, file.bytes[i] == 0x65 || file.bytes[i] == 0x45 {
            var j = i + 1
            if byte(j) == 0x2B || byte(j) == 0x2D { j += 1 }
            if Lexer.isDigit(byte(j)) {
                isDouble = true
                i = j
                while i < end, Lexer.isDigit(file.bytes[i]) { i += 1 }
            } else {
                throw error("expected digits in the exponent", SourceSpan(start, j))
            }
        }
        let text = String(decoding: file.bytes[start..<i], as: UTF8.self)
        if isDouble {
            guard let d = Double(text) else { throw error("invalid number '\(text)'", SourceSpan(start, i)) }
            if i < end, Lexer.isIdentStart(file.bytes[i]) {
                throw error("invalid number '\(text)\(Character(Unicode.Scalar(file.bytes[i])))'", SourceSpan(start, i + 1))
            }
            return Token(kind: .double(d), span: SourceSpan(start, i))
        }
        var value: UInt64 = 0
        var overflow = false
        for b in text.utf8 {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(b - 0x30))
            overflow = overflow || o1 || o2
            value = a
        }
        return try finishInt(start, value, overflow)
    }

    mutating func finishInt(_ start: Int, _ value: UInt64, _ overflow: Bool) throws(Diagnostic) -> Token {
        if i < end, file.bytes[i] == 0x75 || file.bytes[i] == 0x55 {
            throw error("unsigned integers are not supported", SourceSpan(start, i + 1), help: "write the number without the 'u'")
        }
        if i < end, Lexer.isIdentStart(file.bytes[i]) {
            var j = i
            while j < end, Lexer.isIdentByte(file.bytes[j]) { j += 1 }
            throw error("invalid number '\(String(decoding: file.bytes[start..<j], as: UTF8.self))'", SourceSpan(start, j))
        }
        if overflow || value > UInt64(Int64.max) + 1 {
            throw error("integer literal is out of range", SourceSpan(start, i),
                        help: "integers range from -9223372036854775808 to 9223372036854775807")
        }
        return Token(kind: .int(value), span: SourceSpan(start, i))
    }

    static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }

    /// A string literal starting at the quote at `i` (prefixes already consumed from `start`).
    mutating func string(_ start: Int, raw: Bool) throws(Diagnostic) -> Token {
        let quote = file.bytes[i]
        let triple = byte(i + 1) == quote && byte(i + 2) == quote
        i += triple ? 3 : 1
        var out: [UInt8] = []
        while true {
            guard i < end else {
                throw error("unterminated string literal", SourceSpan(start, min(end, start + (triple ? 3 : 1))),
                            help: "close it with \(triple ? String(repeating: Character(Unicode.Scalar(quote)), count: 3) : String(Character(Unicode.Scalar(quote))))")
            }
            let c = file.bytes[i]
            if c == quote {
                if !triple {
                    i += 1
                    break
                }
                if byte(i + 1) == quote && byte(i + 2) == quote {
                    i += 3
                    break
                }
            }
            if !triple && (c == 0x0A || c == 0x0D) {
                throw error("a line break is not allowed in a quoted string", SourceSpan(start, i),
                            help: "write \\n, or use a triple-quoted string")
            }
            if c == 0x5C && !raw {
                try escape(into: &out)
                continue
            }
            out.append(c)
            i += 1
        }
        return Token(kind: .string(String(decoding: out, as: UTF8.self)), span: SourceSpan(start, i))
    }

    mutating func escape(into out: inout [UInt8]) throws(Diagnostic) {
        let start = i
        let c = byte(i + 1)
        i += 2
        func append(_ v: UInt32) throws(Diagnostic) {
            guard let scalar = Unicode.Scalar(v) else {
                throw error("'\(String(decoding: file.bytes[start..<i], as: UTF8.self))' is not a valid code point", SourceSpan(start, i))
            }
            out.append(contentsOf: Array(String(scalar).utf8))
        }
        func hex(_ count: Int) throws(Diagnostic) -> UInt32 {
            var v: UInt32 = 0
            for k in 0..<count {
                guard let d = Lexer.hexValue(byte(i + k)) else {
                    throw error("escape needs \(count) hexadecimal digits", SourceSpan(start, min(end, i + k + 1)))
                }
                v = v << 4 | UInt32(d)
            }
            i += count
            return v
        }
        switch c {
        case 0x61: out.append(0x07)
        case 0x62: out.append(0x08)
        case 0x66: out.append(0x0C)
        case 0x6E: out.append(0x0A)
        case 0x72: out.append(0x0D)
        case 0x74: out.append(0x09)
        case 0x76: out.append(0x0B)
        case 0x5C, 0x27, 0x22, 0x60, 0x3F: out.append(c)
        case 0x78, 0x58: try append(try hex(2))
        case 0x75: try append(try hex(4))
        case 0x55: try append(try hex(8))
        case 0x30...0x33:
            guard byte(i) >= 0x30, byte(i) <= 0x37, byte(i + 1) >= 0x30, byte(i + 1) <= 0x37 else {
                throw error("an octal escape needs three digits 0-7", SourceSpan(start, min(end, i + 2)))
            }
            let v = UInt32(c - 0x30) * 64 + UInt32(byte(i) - 0x30) * 8 + UInt32(byte(i + 1) - 0x30)
            i += 2
            try append(v)
        default:
            i = min(i, end)
            throw error("invalid escape sequence '\(String(decoding: file.bytes[start..<min(end, start + 2)], as: UTF8.self))'",
                        SourceSpan(start, min(end, start + 2)),
                        help: "escapes are \\a \\b \\f \\n \\r \\t \\v \\\\ \\' \\\" \\` \\? \\xHH \\uHHHH \\UHHHHHHHH \\ooo; or use a raw string r'...'")
        }
    }
}
