import Testing
@testable import AccordCore
import AccordTestSupport

@Suite struct JSONReaderTests {
    @Test func readsIntoTheSameModelKeepingIntegersAsIntegers() throws {
        let doc = try JSONReader.parse(text: #"{"n": 42, "big": -9223372036854775808, "f": 1.0, "e": 1e2, "s": "a\u00e9\ud83d\udc31", "l": [true, null], "o": {}}"#)
        #expect(doc.root["n"]?.printed == "42")
        #expect(doc.root["big"]?.printed == "-9223372036854775808")
        #expect(doc.root["f"]?.printed == "1.0")
        #expect(doc.root["e"]?.printed == "100.0")
        #expect(doc.root["s"]?.printed == "\"aé🐱\"")
        #expect(doc.root["l"]?.printed == "[true, null]")
        #expect(doc.root["o"]?.printed == "{}")
    }

    @Test func spansMatchTheTOMLReader() throws {
        let doc = try JSONReader.parse(text: "{\n  \"brand\": {\"market\": \"RU\"}\n}", path: "b.json")
        guard case .map(let brand)? = doc.root["brand"] else { Issue.record("no brand"); return }
        let span = try #require(brand.keySpan("market"))
        #expect(doc.file.location(at: span.start) == SourceLocation(line: 2, column: 13, offset: 14))
    }

    @Test(arguments: [
        (#"{"a": 1, "a": 2}"#, "key \"a\" appears twice in this object"),
        (#"[1, 2,]"#, "trailing comma before ']'"),
        (#"{"a": 01}"#, "leading zeros are not allowed in JSON numbers"),
        (#"{'a': 1}"#, "expected a key in double quotes, found '''"),
        (#"[NaN]"#, "expected a value, found 'NaN'"),
        (#""\ud800""#, "unpaired surrogate '\\ud800'"),
        (#"{"a": 99999999999999999999}"#, "integer 99999999999999999999 does not fit in 64 bits"),
        (#"{} {}"#, "unexpected '{' after the JSON value"),
        ("", "the file is empty: expected a JSON value"),
        ("\"a\nb\"", "unterminated string: a line break inside a string must be written \\n"),
    ])
    func refusesWhatRFC8259Refuses(text: String, message: String) {
        do {
            _ = try JSONReader.parse(text: text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.message == message)
            #expect(error.span != nil)
        }
    }
}

@Suite struct PrintFormTests {
    @Test(arguments: [
        (Value.double(1.0), "1.0"), (.double(0.1), "0.1"), (.double(1e100), "1e+100"), (.double(-0.0), "-0.0"),
        (.double(.nan), "double(\"NaN\")"), (.double(.infinity), "double(\"Infinity\")"),
        (.double(-.infinity), "double(\"-Infinity\")"), (.int(-7), "-7"), (.null, "null"), (.bool(false), "false"),
        (.string("a\"b\\c\n\u{1}é"), "\"a\\\"b\\\\c\\n\\u0001é\""),
        (.duration(Duration(seconds: 86400)!), "duration(\"86400s\")"),
        (.duration(Duration(nanoseconds: -1_500_000_000)), "duration(\"-1.5s\")"),
        (.timestamp(Timestamp(seconds: 1_234_567_890, nanos: 120_000_000)), "timestamp(\"2009-02-13T23:31:30.12Z\")"),
        (.date(LocalDate(year: 2026, month: 3, day: 18)!), "date(\"2026-03-18\")"),
        (.time(LocalTime(hour: 7, minute: 32, second: 0)!), "time(\"07:32:00\")"),
    ])
    func printsLiterals(value: Value, expected: String) {
        #expect(PrintForm.string(value) == expected)
    }

    @Test func everyPrintedDoubleReadsBackToTheSameDouble() {
        var rng = SeededGenerator.forTest()
        for _ in 0..<2000 {
            let d = Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &rng))
            guard d.isFinite else { continue }
            let printed = PrintForm.double(d)
            #expect(printed.contains(".") || printed.contains("e"))
            #expect(Double(printed) == d)
        }
    }

    @Test func longContainersBreakOverLinesShortOnesDoNot() {
        let short = Value.list([.int(1), .int(2)])
        #expect(PrintForm.string(short) == "[1, 2]")
        let long = Value.list((0..<40).map { .string("item \($0)") })
        let printed = PrintForm.string(long)
        #expect(printed.hasPrefix("[\n  \"item 0\",\n"))
        #expect(printed.hasSuffix("\n]"))
    }

    @Test func plainJSONWritesDatesAsStrings() {
        let v = Value.map(ValueMap([("d", .date(LocalDate(year: 2026, month: 3, day: 18)!)), ("n", .double(.nan))]))
        #expect(JSONForm.string(v, pretty: false) == #"{"d":"2026-03-18","n":"NaN"}"#)
    }
}

@Suite struct OutputBufferTests {
    /// JSON string escaping as the report contract spells it, one byte at a time.
    static func escapedByByte(_ text: String) -> String {
        var out: [UInt8] = [0x22]
        for b in text.utf8 {
            switch b {
            case 0x22: out += Array("\\\"".utf8)
            case 0x5C: out += Array("\\\\".utf8)
            case 0x0A: out += Array("\\n".utf8)
            case 0x0D: out += Array("\\r".utf8)
            case 0x09: out += Array("\\t".utf8)
            case 0..<0x20, 0x7F: out += Array(("\\u00" + (b < 0x10 ? "0" : "") + String(b, radix: 16)).utf8)
            default: out.append(b)
            }
        }
        return String(decoding: out + [0x22], as: UTF8.self)
    }

    @Test func escapesJSONStringsOfEveryLengthAsByteByByte() throws {
        var rng = SeededGenerator.forTest()
        let pieces = ["a", "é", "€", "🐱", "\"", "\\", "\n", "\r", "\t", "\u{1}", "\u{1F}", "\u{7F}", "plain text ", "ж"]
        // Lengths on both sides of the point where room stops being claimed for the worst case.
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 100, 4095, 4096, 4097, 9000] {
            var text = ""
            while text.utf8.count < length { text += pieces.randomElement(using: &rng)! }
            var buffer = OutputBuffer(capacity: 1)
            buffer.append("x")
            let shared = buffer  // a copy shares the storage until one of them writes
            buffer.appendJSONString(text)
            #expect(shared.string == "x")
            #expect(buffer.string == "x" + Self.escapedByByte(text))
            let parsed = try JSONReader.parse(text: String(buffer.string.dropFirst()))
            guard case .string(let back) = parsed.root else { Issue.record("not a string"); continue }
            #expect(back == text)
        }
    }

    /// Texts are scanned eight bytes at a time, and their last few as the last eight: a byte that
    /// needs an escape is found at every position, also one the last eight bytes share with the rest.
    @Test func escapesAByteThatNeedsItAtEveryPosition() {
        for length in 1...24 {
            for position in 0..<length {
                for special in ["\"", "\\", "\n", "\u{7F}", "\u{1}"] {
                    let text = String(repeating: "a", count: position) + special + String(repeating: "b", count: length - position - 1)
                    var buffer = OutputBuffer(capacity: 1)
                    buffer.appendJSONString(text)
                    #expect(buffer.string == Self.escapedByByte(text), "length \(length), at \(position)")
                }
            }
        }
    }

    @Test func writesIntegersAsDecimalDigits() {
        var rng = SeededGenerator.forTest()
        var values: [Int64] = [0, 1, -1, 9, 10, -10, 99, 100, Int64.max, Int64.min, Int64.min + 1]
        for _ in 0..<500 { values.append(Int64.random(in: Int64.min...Int64.max, using: &rng) >> Int64.random(in: 0...62, using: &rng)) }
        for v in values {
            var buffer = OutputBuffer(capacity: 1)
            buffer.append(int: v)
            #expect(buffer.string == String(v))
        }
    }
}
