import Testing
@testable import AccordCore

/// toml-test (Tests/Conformance/toml, TOML 1.1.0 file list) run in-process: every valid document
/// must read to exactly the value its tagged JSON describes, every invalid one must be refused with
/// a diagnostic that has a position.
@Suite struct TOMLConformanceTests {
    static let suite = Fixtures.conformance + "/toml"
    static let cases = Fixtures.lines(suite + "/files-toml-1.1.0").filter { $0.hasSuffix(".toml") }
    static let valid = cases.filter { $0.hasPrefix("valid/") }
    static let invalid = cases.filter { $0.hasPrefix("invalid/") }

    @Test func theFileListIsComplete() {
        #expect(Self.valid.count == 220, "toml-test read from \(Self.suite) (ACCORD_SHARED)")
        #expect(Self.invalid.count == 492, "toml-test read from \(Self.suite) (ACCORD_SHARED)")
    }

    @Test(arguments: valid)
    func validDocumentReadsToItsExpectedValue(_ path: String) throws {
        let document = try TOMLReader.parse(try Fixtures.read(Self.suite + "/" + path))
        let expectedFile = try Fixtures.read(Self.suite + "/" + path.dropLast(5) + ".json")
        let expected = try TaggedJSON.untag(try JSONReader.parse(expectedFile).root)
        #expect(StrictValue.same(document.root, expected), "got \(document.root.printed)\nwant \(expected.printed)")
    }

    @Test(arguments: invalid)
    func invalidDocumentIsRefusedWithAPosition(_ path: String) throws {
        let file = try Fixtures.read(Self.suite + "/" + path)
        do {
            let document = try TOMLReader.parse(file)
            Issue.record("accepted an invalid document: \(document.root.printed)")
        } catch {
            #expect(error.file === file)
            #expect(error.span != nil)
            #expect(!error.message.isEmpty)
        }
    }
}

/// toml-test's tagged JSON (`{"type": "integer", "value": "42"}`) turned into values.
enum TaggedJSON {
    struct BadFixture: Error { let what: String }

    static func untag(_ v: Value) throws -> Value {
        switch v {
        case .list(let l):
            return .list(ValueList(try l.items.map(untag)))
        case .map(let m):
            if m.count == 2, case .string(let type)? = m["type"], case .string(let text)? = m["value"] {
                return try scalar(type, text)
            }
            return .map(ValueMap(keys: m.keys, values: try m.values.map(untag)))
        default:
            throw BadFixture(what: "unexpected \(v.printed)")
        }
    }

    static func scalar(_ type: String, _ text: String) throws -> Value {
        switch type {
        case "string": return .string(text)
        case "bool": return .bool(text == "true")
        case "integer":
            guard let i = Int64(text) else { throw BadFixture(what: text) }
            return .int(i)
        case "float":
            switch text {
            case "nan", "+nan", "-nan": return .double(.nan)
            case "inf", "+inf": return .double(.infinity)
            case "-inf": return .double(-.infinity)
            default:
                guard let d = Double(text) else { throw BadFixture(what: text) }
                return .double(d)
            }
        case "date-local":
            guard let d = LocalDate(iso: text) else { throw BadFixture(what: text) }
            return .date(d)
        case "time-local":
            return .time(try time(text))
        case "datetime-local":
            let (d, t) = try split(text)
            return .datetime(LocalDateTime(date: d, time: try time(t)))
        case "datetime":
            var (d, rest) = try split(text)
            var offset = 0
            if rest.hasSuffix("Z") || rest.hasSuffix("z") {
                rest.removeLast()
            } else {
                let tail = String(rest.suffix(6))
                let sign = tail.hasPrefix("-") ? -1 : 1
                let parts = tail.dropFirst().split(separator: ":").compactMap { Int($0) }
                guard parts.count == 2 else { throw BadFixture(what: text) }
                offset = sign * (parts[0] * 3600 + parts[1] * 60)
                rest.removeLast(6)
            }
            return .timestamp(Timestamp(date: d, time: try time(rest), offsetSeconds: offset))
        default:
            throw BadFixture(what: "type \(type)")
        }
    }

    static func split(_ text: String) throws -> (LocalDate, String) {
        let chars = Array(text)
        guard chars.count > 11, let d = LocalDate(iso: String(chars[0..<10])) else { throw BadFixture(what: text) }
        return (d, String(chars[11...]))
    }

    static func time(_ text: String) throws -> LocalTime {
        let main = text.split(separator: ".", maxSplits: 1)
        let hms = main[0].split(separator: ":").compactMap { Int($0) }
        var nanos = 0
        if main.count == 2 {
            let digits = String((String(main[1]) + "000000000").prefix(9))
            nanos = Int(digits) ?? 0
        }
        guard hms.count >= 2, let t = LocalTime(hour: hms[0], minute: hms[1], second: hms.count > 2 ? hms[2] : 0, nanosecond: nanos)
        else { throw BadFixture(what: text) }
        return t
    }
}

/// Equality that also requires the same kind (1 is not 1.0) and treats NaN as equal to NaN.
enum StrictValue {
    static func same(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.double(let x), .double(let y)): return (x.isNaN && y.isNaN) || (x == y && x.sign == y.sign)
        case (.list(let x), .list(let y)):
            return x.count == y.count && zip(x.items, y.items).allSatisfy { same($0, $1) }
        case (.map(let x), .map(let y)):
            guard x.count == y.count else { return false }
            for i in 0..<x.count {
                guard let j = y.indexOf(x.keys[i]), same(x.values[i], y.values[j]) else { return false }
            }
            return true
        case (.int, .int), (.string, .string), (.bool, .bool), (.null, .null), (.date, .date), (.time, .time),
             (.datetime, .datetime), (.timestamp, .timestamp), (.duration, .duration):
            return Value.equal(a, b)
        default:
            return false
        }
    }
}
