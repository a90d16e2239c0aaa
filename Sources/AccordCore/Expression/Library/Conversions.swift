/// Type conversions (`int()`, `double()`, `string()`, ...) with CEL's rules.
enum Conversions {
    static func toInt(_ v: Value) throws(EvalError) -> Value {
        switch v {
        case .int: return v
        case .double(let d):
            // Strictly inside the int range: -2^63 itself is refused, as cel-go does.
            guard d.isFinite, d > -9_223_372_036_854_775_808.0, d < 9_223_372_036_854_775_808.0 else {
                throw EvalError.range("int")
            }
            return .int(Int64(d.rounded(.towardZero)))
        case .string(let s):
            guard let i = parseInt(s) else { throw EvalError("cannot convert '\(s)' to int") }
            return .int(i)
        case .timestamp(let t): return .int(t.seconds)
        default: throw EvalError.noOverload("int", v)
        }
    }

    /// Decimal with an optional sign, as Go's strconv.ParseInt(s, 10, 64).
    static func parseInt(_ s: String) -> Int64? {
        var bytes = Substring(s).utf8[...]
        var negative = false
        if let first = bytes.first, first == 0x2B || first == 0x2D {
            negative = first == 0x2D
            bytes = bytes.dropFirst()
        }
        guard !bytes.isEmpty, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        var magnitude: UInt64 = 0
        for b in bytes {
            let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(b - 0x30))
            if o1 || o2 { return nil }
            magnitude = a
        }
        if negative {
            if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
            guard magnitude <= UInt64(Int64.max) else { return nil }
            return -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    static func toDouble(_ v: Value) throws(EvalError) -> Value {
        switch v {
        case .double: return v
        case .int(let i): return .double(Double(i))
        case .string(let s):
            guard let d = parseDouble(s) else { throw EvalError("cannot convert '\(s)' to double") }
            return .double(d)
        default: throw EvalError.noOverload("double", v)
        }
    }

    /// Decimal and exponent forms, and the special values, as Go's strconv.ParseFloat.
    static func parseDouble(_ s: String) -> Double? {
        var body = Substring(s)
        var sign = 1.0
        if let first = body.first, first == "+" || first == "-" {
            sign = first == "-" ? -1 : 1
            body = body.dropFirst()
        }
        switch body.lowercased() {
        case "inf", "infinity": return sign * .infinity
        case "nan": return .nan
        default: break
        }
        // Digits, an optional fraction, an optional exponent; nothing else.
        let b = Array(body.utf8)
        var i = 0
        var digits = 0
        while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1; digits += 1 }
        if i < b.count, b[i] == 0x2E {
            i += 1
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1; digits += 1 }
        }
        guard digits > 0 else { return nil }
        if i < b.count, b[i] == 0x65 || b[i] == 0x45 {
            i += 1
            if i < b.count, b[i] == 0x2B || b[i] == 0x2D { i += 1 }
            let expStart = i
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
            guard i > expStart else { return nil }
        }
        guard i == b.count, let d = Double(String(body)) else { return nil }
        return sign * d
    }

    static func toString(_ v: Value) throws(EvalError) -> Value {
        switch v {
        case .string: return v
        case .int(let i): return .string(String(i))
        case .double(let d): return .string(GoFormat.g(d))
        case .bool(let b): return .string(b ? "true" : "false")
        case .timestamp(let t): return .string(t.description)
        case .duration(let d): return .string(d.description)
        case .date(let d): return .string(d.description)
        case .time(let t): return .string(t.description)
        case .datetime(let t): return .string(t.description)
        default: throw EvalError.noOverload("string", v)
        }
    }

    static func toBool(_ v: Value) throws(EvalError) -> Value {
        switch v {
        case .bool: return v
        case .string(let s):
            switch s {
            case "1", "t", "T", "true", "TRUE", "True": return .bool(true)
            case "0", "f", "F", "false", "FALSE", "False": return .bool(false)
            default: throw EvalError("cannot convert '\(s)' to bool")
            }
        default: throw EvalError.noOverload("bool", v)
        }
    }

    static func toTimestamp(_ v: Value) throws(EvalError) -> Value {
        let t: Timestamp
        switch v {
        case .timestamp(let x): t = x
        case .int(let seconds): t = Timestamp(seconds: seconds)
        case .string(let s):
            guard let parsed = TimeText.timestamp(s) else { throw EvalError("cannot read '\(s)' as an RFC 3339 timestamp") }
            t = parsed
        default: throw EvalError.noOverload("timestamp", v)
        }
        guard t.isInCELRange else { throw EvalError.range("timestamp") }
        return .timestamp(t)
    }

    static func toDuration(_ v: Value) throws(EvalError) -> Value {
        switch v {
        case .duration: return v
        case .string(let s):
            return .duration(try TimeText.duration(s))
        default: throw EvalError.noOverload("duration", v)
        }
    }
}

/// Go's `%g` with the shortest precision, which cel-go uses for `string(double)`:
/// `123.456`, `-0.0045`, `1e+06`, `1.5e-07`.
package enum GoFormat {
    package static func g(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Inf" : "+Inf" }
        if d == 0 { return d.sign == .minus ? "-0" : "0" }
        let (digits, pointPosition) = shortestDigits(d.magnitude)
        let sign = d < 0 ? "-" : ""
        let exponent = pointPosition - 1
        // Go switches to the exponent form below 1e-4 and, with the shortest precision, from 1e+06.
        if exponent < -4 || exponent >= 6 {
            var mantissa = String(digits.first!)
            if digits.count > 1 { mantissa += "." + digits.dropFirst() }
            let e = abs(exponent)
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (e < 10 ? "0" : "") + String(e)
        }
        if pointPosition <= 0 {
            return sign + "0." + String(repeating: "0", count: -pointPosition) + digits
        }
        if pointPosition >= digits.count {
            return sign + digits + String(repeating: "0", count: pointPosition - digits.count)
        }
        let cut = digits.index(digits.startIndex, offsetBy: pointPosition)
        return sign + digits[..<cut] + "." + digits[cut...]
    }

    /// The shortest round-tripping decimal digits of a positive finite double (from Swift's own
    /// shortest printing) and where the decimal point goes: value = 0.DIGITS x 10^pointPosition.
    static func shortestDigits(_ d: Double) -> (String, Int) {
        let text = d.description  // e.g. "123.456", "1e-07", "1.2345678901234568e+17"
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var intPart = mantissa
        var fracPart: Substring = ""
        if let dot = mantissa.firstIndex(of: ".") {
            intPart = mantissa[..<dot]
            fracPart = mantissa[mantissa.index(after: dot)...]
        }
        var digits = String(intPart) + String(fracPart)
        var point = intPart.count + exponent
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            point -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        return (digits, point)
    }
}
