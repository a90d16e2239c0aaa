/// The print form of values (`../shared/spec/cli.md`): an expression-language literal that can be pasted
/// back into an expression. Short values print on one line; longer lists and maps one entry per line.
package enum PrintForm {
    /// Containers whose one-line form is longer than this are broken over lines.
    package static let lineWidth = 88

    package static func string(_ value: Value, pretty: Bool = true) -> String {
        var out = OutputBuffer()
        write(value, into: &out, pretty: pretty)
        return out.string
    }

    package static func write(_ value: Value, into out: inout OutputBuffer, pretty: Bool = true) {
        if pretty {
            writePretty(value, indent: 0, into: &out)
        } else {
            writeCompact(value, into: &out)
        }
    }

    static func writeCompact(_ value: Value, into out: inout OutputBuffer) {
        switch value {
        case .list(let list):
            out.append(byte: 0x5B)
            for (i, item) in list.items.enumerated() {
                if i > 0 { out.append(", ") }
                writeCompact(item, into: &out)
            }
            out.append(byte: 0x5D)
        case .map(let map):
            out.append(byte: 0x7B)
            for i in 0..<map.count {
                if i > 0 { out.append(", ") }
                writeCompact(map.keys[i], into: &out)
                out.append(": ")
                writeCompact(map.values[i], into: &out)
            }
            out.append(byte: 0x7D)
        default:
            writeScalar(value, into: &out)
        }
    }

    static func writePretty(_ value: Value, indent: Int, into out: inout OutputBuffer) {
        let items: Int
        switch value {
        case .list(let l): items = l.count
        case .map(let m): items = m.count
        default:
            writeScalar(value, into: &out)
            return
        }
        if items == 0 || fitsOnLine(value, budget: lineWidth - indent) {
            writeCompact(value, into: &out)
            return
        }
        let inner = String(repeating: "  ", count: indent / 2 + 1)
        let outer = String(repeating: "  ", count: indent / 2)
        switch value {
        case .list(let list):
            out.append("[\n")
            for (i, item) in list.items.enumerated() {
                out.append(inner)
                writePretty(item, indent: indent + 2, into: &out)
                out.append(i + 1 < list.count ? ",\n" : "\n")
            }
            out.append(outer + "]")
        case .map(let map):
            out.append("{\n")
            for i in 0..<map.count {
                out.append(inner)
                writeCompact(map.keys[i], into: &out)
                out.append(": ")
                writePretty(map.values[i], indent: indent + 2, into: &out)
                out.append(i + 1 < map.count ? ",\n" : "\n")
            }
            out.append(outer + "}")
        default:
            break
        }
    }

    /// Whether the one-line form is at most `budget` bytes, measured without building more than that.
    static func fitsOnLine(_ value: Value, budget: Int) -> Bool {
        var remaining = budget
        return measure(value, &remaining)
    }

    private static func measure(_ value: Value, _ remaining: inout Int) -> Bool {
        switch value {
        case .list(let list):
            remaining -= 2
            for item in list.items {
                remaining -= 2
                if remaining < 0 || !measure(item, &remaining) { return false }
            }
        case .map(let map):
            remaining -= 2
            for i in 0..<map.count {
                remaining -= 4
                if remaining < 0 || !measure(map.keys[i], &remaining) || !measure(map.values[i], &remaining) { return false }
            }
        case .string(let s):
            remaining -= s.utf8.count + 2
        default:
            var out = OutputBuffer(capacity: 32)
            writeScalar(value, into: &out)
            remaining -= out.count
        }
        return remaining >= 0
    }

    static func writeScalar(_ value: Value, into out: inout OutputBuffer) {
        switch value {
        case .null: out.append("null")
        case .bool(let b): out.append(b ? "true" : "false")
        case .int(let i): out.append(int: i)
        case .double(let d): out.append(double(d))
        case .string(let s): writeStringLiteral(s, into: &out)
        case .date(let d):
            // date("YYYY-MM-DD") reads four-digit years; a date beyond them is printed so that it reads back too.
            out.append((0...9999).contains(d.year) ? "date(\"\(d)\")" : "date(\(d.year), \(d.month), \(d.day))")
        case .time(let t): out.append("time(\"\(t)\")")
        case .datetime(let dt): out.append("datetime(\"\(dt)\")")
        case .timestamp(let t): out.append("timestamp(\"\(t)\")")
        case .duration(let d): out.append("duration(\"\(d)\")")
        case .list, .map: writeCompact(value, into: &out)
        }
    }

    /// The shortest decimal that reads back to the same double, always with `.` or an exponent.
    package static func double(_ d: Double) -> String {
        if d.isNaN { return "double(\"NaN\")" }
        if d.isInfinite { return d < 0 ? "double(\"-Infinity\")" : "double(\"Infinity\")" }
        return d.description  // Swift prints the shortest round-tripping form: 1.0, 0.1, 1e+100
    }

    /// A double-quoted literal with escapes for `"`, `\` and control characters: the same escapes as a
    /// JSON string, so it is written as one.
    package static func writeStringLiteral(_ s: String, into out: inout OutputBuffer) {
        out.appendJSONString(s)
    }

    package static func stringLiteral(_ s: String) -> String {
        var out = OutputBuffer(capacity: s.utf8.count + 2)
        writeStringLiteral(s, into: &out)
        return out.string
    }
}

/// Plain JSON for values: dates and times as ISO strings, durations as `"1.5s"`, and the
/// non-finite doubles as the strings `"NaN"`, `"Infinity"`, `"-Infinity"`.
package enum JSONForm {
    package static func string(_ value: Value, pretty: Bool = true) -> String {
        var out = OutputBuffer()
        write(value, into: &out, indent: pretty ? 0 : nil)
        return out.string
    }

    /// `indent` nil writes one line.
    package static func write(_ value: Value, into out: inout OutputBuffer, indent: Int?) {
        switch value {
        case .null: out.append("null")
        case .bool(let b): out.append(b ? "true" : "false")
        case .int(let i): out.append(int: i)
        case .double(let d):
            if d.isNaN {
                out.append("\"NaN\"")
            } else if d.isInfinite {
                out.append(d < 0 ? "\"-Infinity\"" : "\"Infinity\"")
            } else {
                out.append(d.description)
            }
        case .string(let s): out.appendJSONString(s)
        case .date(let d): out.appendJSONString(d.description)
        case .time(let t): out.appendJSONString(t.description)
        case .datetime(let t): out.appendJSONString(t.description)
        case .timestamp(let t): out.appendJSONString(t.description)
        case .duration(let d): out.appendJSONString(d.description)
        case .list(let list):
            if list.count == 0 {
                out.append("[]")
                return
            }
            out.append(byte: 0x5B)
            for (i, item) in list.items.enumerated() {
                if i > 0 { out.append(byte: 0x2C) }
                newline(&out, indent.map { $0 + 1 })
                write(item, into: &out, indent: indent.map { $0 + 1 })
            }
            newline(&out, indent)
            out.append(byte: 0x5D)
        case .map(let map):
            if map.count == 0 {
                out.append("{}")
                return
            }
            out.append(byte: 0x7B)
            for i in 0..<map.count {
                if i > 0 { out.append(byte: 0x2C) }
                newline(&out, indent.map { $0 + 1 })
                switch map.keys[i] {
                case .string(let s): out.appendJSONString(s)
                default: out.appendJSONString(PrintForm.string(map.keys[i], pretty: false))
                }
                out.append(indent == nil ? ":" : ": ")
                write(map.values[i], into: &out, indent: indent.map { $0 + 1 })
            }
            newline(&out, indent)
            out.append(byte: 0x7D)
        }
    }

    private static func newline(_ out: inout OutputBuffer, _ indent: Int?) {
        guard let indent else { return }
        out.append(byte: 0x0A)
        for _ in 0..<indent { out.append("  ") }
    }
}
