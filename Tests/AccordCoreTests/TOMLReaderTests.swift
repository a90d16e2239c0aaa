import Testing
@testable import AccordCore

@Suite struct TOMLReaderTests {
    @Test func readsTheBriefExampleWithAllValueKinds() throws {
        let v = try Fixtures.toml("""
            [campaign]
            name = "Aurora Serum — US launch"
            budget = 40_000
            share = 0.62
            [timeline]
            kickoff = 2026-03-02
            at = 2026-03-02T09:00:00+03:00
            local = 2026-03-02T09:30
            alarm = 07:32
            launch_fixed = true
            [[creators]]
            id = "jess"
            audience_markets = { US = 0.62, CA = 0.11 }
            [[creators]]
            id = "ivan"
            """)
        #expect(v["campaign"]?["name"]?.printed == "\"Aurora Serum — US launch\"")
        #expect(v["campaign"]?["budget"]?.printed == "40000")
        #expect(v["campaign"]?["share"]?.printed == "0.62")
        #expect(v["timeline"]?["kickoff"]?.printed == "date(\"2026-03-02\")")
        #expect(v["timeline"]?["at"]?.printed == "timestamp(\"2026-03-02T06:00:00Z\")")
        #expect(v["timeline"]?["local"]?.printed == "datetime(\"2026-03-02T09:30:00\")")
        #expect(v["timeline"]?["alarm"]?.printed == "time(\"07:32:00\")")
        #expect(v["timeline"]?["launch_fixed"]?.printed == "true")
        #expect(v["creators"]?[1]?["id"]?.printed == "\"ivan\"")
        #expect(v["creators"]?[0]?["audience_markets"]?.printed == "{\"US\": 0.62, \"CA\": 0.11}")
    }

    @Test func keepsKeysInDocumentOrder() throws {
        let v = try Fixtures.toml("zeta = 1\nalpha = 2\n[m]\nb = 1\na = 2\n")
        guard case .map(let root) = v, case .map(let m)? = v["m"] else { Issue.record("not maps"); return }
        #expect(root.stringKeys == ["zeta", "alpha", "m"])
        #expect(m.stringKeys == ["b", "a"])
    }

    /// Keys read through a `TextCache` are the keys read without one, with the same hashes: every
    /// length the cache takes (1 to 16 bytes) and one past it, keys that end the file (where it
    /// reads byte by byte), keys met again, and more keys than the cache has slots (so that entries
    /// are replaced).
    @Test func keysReadThroughATextCacheAreTheKeysAsWritten() throws {
        var names: [String] = []
        for length in 1...17 { names.append(String(repeating: "k", count: length - 1) + "z") }
        for n in 0..<700 { names.append("key_\(n)") }
        let text = names.map { "\($0) = 1\n" }.joined() + "[t]\n" + names.prefix(20).map { "\($0) = 2\n" }.joined()
        let cache = TextCache()
        for _ in 0..<2 {
            let cached = try TOMLReader.parse(SourceFile(path: "k.toml", text: text), range: nil, texts: cache)
            let plain = try TOMLReader.parse(SourceFile(path: "k.toml", text: text), range: nil, texts: nil)
            guard case .map(let a) = cached.root, case .map(let b) = plain.root else { Issue.record("not maps"); return }
            #expect(a.stringKeys == b.stringKeys)
            #expect(a.stringKeys.prefix(names.count).elementsEqual(names))
            for name in names { #expect(a.indexOf(string: name) == b.indexOf(string: name)) }
            guard case .map(let t)? = a["t"] else { Issue.record("no t"); return }
            #expect(t.stringKeys == Array(names.prefix(20)))
        }
        // A key that ends the file, and one that differs from a cached key only in its last byte.
        for tail in ["[s]\nkz = 3", "[s]\nky = 3"] {
            let doc = try TOMLReader.parse(SourceFile(path: "e.toml", text: "kz = 1\n" + tail), range: nil, texts: cache)
            guard case .map(let s)? = doc.root["s"] else { Issue.record("no s"); return }
            #expect(s.stringKeys == [String(tail.suffix(6).prefix(2))])
        }
    }

    @Test func everyKeyAndValueCarriesItsSpan() throws {
        let text = "[brand]\nname = \"Аврора\"\ngoals = [\"reach\", \"awareness\"]\n"
        let doc = try TOMLReader.parse(text: text, path: "b.toml")
        guard case .map(let root) = doc.root, case .map(let brand)? = root["brand"] else { Issue.record("no brand"); return }
        let name = try #require(brand.keySpan("name"))
        #expect(doc.file.location(at: name.start) == SourceLocation(line: 2, column: 1, offset: 8))
        let value = try #require(brand.valueSpan("name"))
        #expect(String(decoding: doc.file.bytes[value.start..<value.end], as: UTF8.self) == "\"Аврора\"")
        guard case .list(let goals)? = brand["goals"] else { Issue.record("no goals"); return }
        let second = try #require(goals.spans?[1])
        #expect(doc.file.location(at: second.start).column == 19)
        let brandKey = try #require(root.keySpan("brand"))
        #expect(doc.file.location(at: brandKey.start).column == 2)
    }

    @Test func dottedKeysAndSubTablesFollowTheDefinitionRules() throws {
        // Allowed: a header inside a table made by dotted keys; defining a super-table afterwards.
        let v = try Fixtures.toml("[fruit]\napple.color = \"red\"\n[fruit.apple.texture]\nsmooth = true\n[x.y.z]\n[x]\nk = 1\n")
        #expect(v["fruit"]?["apple"]?["texture"]?["smooth"]?.printed == "true")
        #expect(v["x"]?["k"]?.printed == "1")
        // Refused: reopening dotted tables with a header, or adding to them from another section.
        #expect(Fixtures.tomlError("[fruit]\napple.color = \"red\"\n[fruit.apple]\n")?.message.contains("dotted keys") == true)
        #expect(Fixtures.tomlError("a.b = 1\n[a]\n")?.message.contains("dotted keys") == true)
        #expect(Fixtures.tomlError("[a.b.c]\nz = 9\n[a]\nb.c.t = 1\n")?.message.contains("[header]") == true)
        #expect(Fixtures.tomlError("p = { name = \"Nail\" }\np.edible = false\n")?.message.contains("inline table") == true)
        #expect(Fixtures.tomlError("fruits = []\n[[fruits]]\n")?.message.contains("already has a value") == true)
    }

    @Test func aDuplicateKeyPointsAtBothDefinitions() throws {
        let d = try #require(Fixtures.tomlError("name = \"Tom\"\nname = \"Pradyun\"\n"))
        #expect(d.message == "key 'name' is defined twice")
        #expect(d.location == SourceLocation(line: 2, column: 1, offset: 13))
        #expect(d.notes.first?.span == SourceSpan(0, 4))
    }

    @Test(arguments: [
        ("name = \"Tom\" last = \"x\"\n", 1, 14, "expected the end of the line, found 'l'"),
        ("v = 012\n", 1, 5, "leading zeros are not allowed"),
        ("d = 2026-02-30\n", 1, 5, "day 30 does not exist in 2026-02"),
        ("t = 24:00:00\n", 1, 5, "hour 24 is out of range (00-23)"),
        ("s = \"a\\qb\"\n", 1, 7, "invalid escape sequence '\\q'"),
        ("s = \"open\n", 1, 5, "unterminated string: no closing quote on this line"),
        ("a = [1, 2\n", 1, 5, "unterminated array: no closing ']'"),
        ("a = { b = 1, }\n", 0, 0, ""),
        ("x = True\n", 1, 5, "expected a value, found 'True'"),
        ("key: 1\n", 1, 4, "expected '=' after the key, found ':'"),
        ("n = 9223372036854775808\n", 1, 5, "integer does not fit in 64 bits"),
        ("[a]]\n", 1, 4, "expected the end of the line, found ']'"),
        ("а = 1\n", 1, 1, "expected a key, found 'а' (U+0430)"),
    ])
    func reportsWhatIsWrongAndWhere(text: String, line: Int, column: Int, message: String) {
        let d = Fixtures.tomlError(text)
        if message.isEmpty {
            #expect(d == nil, "TOML 1.1 allows this: \(text)")
            return
        }
        #expect(d?.message == message)
        #expect(d?.location?.line == line)
        #expect(d?.location?.column == column)
    }

    /// Comments are scanned eight bytes at a time: each ending, and each character a comment may
    /// not hold, is found at every position of comments of every length around that.
    @Test func aCommentEndsOrFailsWhereItsBytesSay() throws {
        for length in 0...20 {
            for position in 0..<max(length, 1) {
                let before = String(repeating: "é", count: position / 2) + String(repeating: "c", count: position % 2)
                let after = String(repeating: "d", count: max(0, length - position - 1))
                let ended = try TOMLReader.parse(text: "a = 1 #" + before + "\nb = 2\n")
                #expect(ended.comments == [SourceSpan(6, 7 + before.utf8.count)], "length \(length), at \(position)")
                for control in ["\u{1}", "\u{7F}", "\rx"] {  // a carriage return not before a line feed
                    let d = Fixtures.tomlError("a = 1 #" + before + control + after + "\nb = 2\n")
                    #expect(d?.location?.offset == 7 + before.utf8.count, "\(control.unicodeScalars.first!.value) at \(position)")
                }
                let tabbed = try TOMLReader.parse(text: "a = 1 #" + before + "\t" + after + "\n")
                #expect(tabbed.comments == [SourceSpan(6, 8 + before.utf8.count + after.utf8.count)])
            }
        }
    }

    @Test func timesWithoutSecondsAndTheNewEscapesOfTOML11() throws {
        let v = try Fixtures.toml("t = 14:15\ne = \"\\e[0m\\x41\"\ntbl = {\n  a = 1, # comment\n  b = 2,\n}\n")
        #expect(v["t"]?.printed == "time(\"14:15:00\")")
        #expect(v["e"]?.printed == "\"\\u001b[0mA\"")
        #expect(v["tbl"]?.printed == "{\"a\": 1, \"b\": 2}")
    }

    @Test func fractionsBeyondNanosecondsAreTruncatedNotRounded() throws {
        let v = try Fixtures.toml("t = 00:00:00.9999999999\n")
        #expect(v["t"]?.printed == "time(\"00:00:00.999999999\")")
    }

    @Test func collectsCommentsForSuppressions() throws {
        let doc = try TOMLReader.parse(text: "# one\na = 1 # two\ns = \"# not a comment\"\n")
        #expect(doc.comments.count == 2)
        let second = doc.comments[1]
        #expect(String(decoding: doc.file.bytes[second.start..<second.end], as: UTF8.self) == "# two")
    }
}

/// Inputs that must end in a clean error or a value: never a crash, a hang or a stack overflow.
@Suite struct ReaderRobustnessTests {
    @Test func invalidUTF8IsReportedAtItsByte() throws {
        let file = SourceFile(path: "b.toml", bytes: Array("a = \"ok\"\nb = \"".utf8) + [0xC3, 0x28] + Array("\"\n".utf8))
        #expect(throws: Diagnostic.self) { try TOMLReader.parse(file) }
        do { _ = try TOMLReader.parse(file) } catch {
            #expect(error.message.contains("not valid UTF-8"))
            #expect(error.location?.line == 2)
            #expect(error.location?.column == 6)
        }
        #expect(throws: Diagnostic.self) { try JSONReader.parse(SourceFile(path: "b.json", bytes: [0x22, 0xFF, 0x22])) }
    }

    @Test func overlongAndSurrogateEncodingsAreNotUTF8() {
        for bytes: [UInt8] in [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]] {
            let result = bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset($0) }
            #expect(result == 0, "\(bytes)")
        }
        let ok = Array("русский 🐱".utf8).withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset($0) }
        #expect(ok == nil)
    }

    @Test func nulBytesAreRefusedEverywhere() {
        for bytes in [Array("a = \"x".utf8) + [0] + Array("\"".utf8), [0], Array("# c".utf8) + [0], Array("a".utf8) + [0]] {
            #expect(throws: Diagnostic.self) { try TOMLReader.parse(SourceFile(path: "n.toml", bytes: bytes)) }
            #expect(throws: Diagnostic.self) { try JSONReader.parse(SourceFile(path: "n.json", bytes: bytes)) }
        }
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        let toml = try TOMLReader.parse(SourceFile(path: "b.toml", bytes: [0xEF, 0xBB, 0xBF] + Array("a = 1\n".utf8)))
        #expect(toml.root["a"]?.printed == "1")
        let json = try JSONReader.parse(SourceFile(path: "b.json", bytes: [0xEF, 0xBB, 0xBF] + Array("{\"a\": 1}".utf8)))
        #expect(json.root["a"]?.printed == "1")
    }

    @Test func hundredThousandNestedBracketsAreRefusedNotOverflowed() {
        let deepArray = "a = " + String(repeating: "[", count: 100_000)
        let deepTable = "a = " + String(repeating: "{b=", count: 100_000)
        for text in [deepArray, deepTable] {
            let d = Fixtures.tomlError(text)
            #expect(d?.id == "toml.depth")
        }
        do {
            _ = try JSONReader.parse(text: String(repeating: "[", count: 100_000))
            Issue.record("accepted")
        } catch {
            #expect(error.id == "json.depth")
        }
    }

    @Test func nestingUpToTheLimitIsRead() throws {
        let n = DocumentLimits.maxDepth - 1  // the document's root table is the first level
        let v = try Fixtures.toml("a = " + String(repeating: "[", count: n) + String(repeating: "]", count: n))
        #expect(v["a"] != nil)
    }

    @Test func aOneMegabyteLineIsRead() throws {
        let long = String(repeating: "x", count: 1_000_000)
        let v = try Fixtures.toml("a = \"\(long)\"\nb = [" + Array(repeating: "1", count: 100_000).joined(separator: ",") + "]\n")
        if case .string(let s)? = v["a"] { #expect(s.utf8.count == 1_000_000) } else { Issue.record("no string") }
        if case .list(let l)? = v["b"] { #expect(l.count == 100_000) } else { Issue.record("no list") }
    }

    @Test func aFiftyMegabyteFileIsRead() throws {
        var text = ""
        text.reserveCapacity(52_000_000)
        let chunk = String(repeating: "lorem ipsum ", count: 80_000)
        for i in 0..<50 {
            text += "[section\(i)]\nbody = '''\n\(chunk)\n'''\nn = \(i)\nlist = [1, 2.5, \"three\", 2026-01-01]\n"
        }
        #expect(text.utf8.count > 48_000_000)
        let doc = try TOMLReader.parse(text: text)
        #expect(doc.root["section49"]?["n"]?.printed == "49")
    }

    @Test func binaryGarbageEndsInADiagnostic() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let bytes = (0..<Int.random(in: 0..<400, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = try? TOMLReader.parse(SourceFile(path: "r.toml", bytes: bytes))
            _ = try? JSONReader.parse(SourceFile(path: "r.json", bytes: bytes))
        }
    }

    @Test func mutatedValidDocumentsNeverCrashTheReader() throws {
        let seed = Array("""
            [campaign]
            name = "A \\u00e9 \\x41"
            markets = ["US", 'RU', \"\"\"x\"\"\"]
            t = 2026-03-02T09:00:00.5+03:00
            n = [1_000, 0x1F, 1e5, -inf, { a.b = 1 }]
            [[c]]
            k = '''ml'''
            """.utf8)
        let alphabet = Array("[]{}=\"'.,#\n\\ 0123456789eE+-_:TZtfx".utf8)
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            var bytes = seed
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes[at] = alphabet.randomElement(using: &rng)!
                case 1: bytes.insert(alphabet.randomElement(using: &rng)!, at: at)
                default: bytes.remove(at: at)
                }
                if bytes.isEmpty { bytes = seed }
            }
            do {
                let doc = try TOMLReader.parse(SourceFile(path: "m.toml", bytes: bytes))
                _ = PrintForm.string(doc.root)
            } catch {
                #expect(error.span != nil)
                #expect(error.span!.start <= bytes.count)
            }
        }
    }

    @Test func bareKeyBytesAreExactlyTheOnesTOMLAllows() {
        // TOML 1.1: unquoted keys are made of A-Z, a-z, 0-9, '_' and '-'.
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-".utf8)
        for c in UInt8.min...UInt8.max {
            #expect(TOMLParser.isBareKeyByte(c) == allowed.contains(c), "byte \(c)")
        }
    }
}

/// Depth costs memory, not stack: documents nested to the limit are read, printed and freed on any
/// thread (these tests run on the test runner's own), and deeper ones are refused with an error.
@Suite struct DeepDocumentTests {
    /// Levels below the document's root table, which counts as the first.
    static let n = DocumentLimits.maxDepth - 1

    @Test func everyKindOfNestingReadsToTheLimitAndPrints() throws {
        let headers = "[" + Array(repeating: "t", count: Self.n).joined(separator: ".") + "]\nx = 1\n"
        let dotted = Array(repeating: "d", count: Self.n).joined(separator: ".") + " = 1\n"
        let arrays = "a = " + String(repeating: "[", count: Self.n) + String(repeating: "]", count: Self.n) + "\n"
        let inline = "i = " + String(repeating: "{k = ", count: Self.n) + "1" + String(repeating: "}", count: Self.n) + "\n"
        // Half headers, then dotted keys, inline tables and arrays in the value: the depths add up.
        let half = Self.n / 2
        let mixed = "[" + Array(repeating: "h", count: half).joined(separator: ".") + "]\n"
            + Array(repeating: "m", count: half / 2).joined(separator: ".") + " = "
            + String(repeating: "{k = [", count: half / 4 - 1) + "1" + String(repeating: "]}", count: half / 4 - 1) + "\n"
        for text in [headers, dotted, arrays, inline, mixed] {
            let document = try TOMLReader.parse(text: text)
            #expect(PrintForm.string(document.root, pretty: false).count > Self.n)
            var json = OutputBuffer()
            JSONForm.write(document.root, into: &json, indent: 0)
            #expect(try JSONReader.parse(text: json.string).root.printed == document.root.printed)
        }
    }

    @Test func deeperNestingIsAnErrorThatSaysWhy() {
        let cases = [
            "[" + Array(repeating: "t", count: 50_000).joined(separator: ".") + "]\n",
            Array(repeating: "d", count: 50_000).joined(separator: ".") + " = 1\n",
            "a = " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n",
            "i = " + String(repeating: "{k = ", count: 100_000) + "1" + String(repeating: "}", count: 100_000) + "\n",
        ]
        for text in cases {
            let error = Fixtures.tomlError(text)
            #expect(error?.id == "toml.depth")
            #expect(error?.message.contains("nested more than \(DocumentLimits.maxDepth) deep") == true)
        }
        #expect(throws: Diagnostic.self) { try JSONReader.parse(text: String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)) }
        #expect(throws: Diagnostic.self) { try JSONReader.parse(text: String(repeating: "{\"a\":", count: 100_000) + "1" + String(repeating: "}", count: 100_000)) }
        let json = String(repeating: "{\"a\":[", count: Self.n / 2) + "1" + String(repeating: "]}", count: Self.n / 2)
        #expect((try? JSONReader.parse(text: json)) != nil)
    }
}
