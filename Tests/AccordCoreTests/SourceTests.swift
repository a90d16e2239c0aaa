import Testing
import Foundation
@testable import AccordCore
import AccordTestSupport

@Suite struct SourceFileTests {
    @Test func locationsCountColumnsInUnicodeScalars() {
        // "ключ" is 4 scalars in 8 bytes; the emoji is 1 scalar in 4 bytes.
        let file = SourceFile(path: "t.toml", text: "a = 1\nключ = \"🐱x\"\n")
        let line2 = file.lineStarts[1]
        #expect(file.location(at: 0) == SourceLocation(line: 1, column: 1, offset: 0))
        #expect(file.location(at: line2).line == 2)
        #expect(file.location(at: line2 + 9).column == 6)  // after "ключ " (8 + 1 bytes): the '='
        #expect(file.location(at: line2 + 12).column == 9)  // the emoji, after `ключ = "`
        #expect(file.location(at: line2 + 16).column == 10)  // the 'x' after the 4-byte emoji
    }

    @Test(arguments: ["", "\n", "a", "a\n", "\n\n\nb", "a\r\nb\r\n", String(repeating: "ключ = 1\n", count: 300) + "x"])
    func lineStartsAreJustAfterEachLineBreak(text: String) {
        let bytes = Array(text.utf8)
        let expected = [0] + bytes.indices.filter { bytes[$0] == 0x0A }.map { $0 + 1 }
        #expect(SourceFile(path: "t", text: text).lineStarts == expected)
    }

    @Test func offsetInsideAMultibyteCharacterBelongsToIt() {
        let file = SourceFile(path: "t", text: "ж")
        #expect(file.location(at: 1).column == 1)
    }

    @Test func lineTextDropsTheLineBreakIncludingCR() {
        let file = SourceFile(path: "t", text: "one\r\ntwo\nthree")
        #expect(file.lineText(1) == "one")
        #expect(file.lineText(2) == "two")
        #expect(file.lineText(3) == "three")
        #expect(file.lineCount == 3)
    }

    @Test func readingAMissingFileOrAFolderFailsWithAReason() {
        #expect(throws: FileReadError.self) { try SourceFile.read(path: "/no/such/file.toml") }
        do {
            _ = try SourceFile.read(path: "/tmp")
            Issue.record("reading a folder succeeded")
        } catch {
            #expect(error.reason.contains("folder"))
        }
    }

    /// A `FolderReader` reads what opening each whole path reads: files of one folder one after
    /// another, of another folder, a bare name, a folder given as a file, and a file that is not
    /// there (with the same reason).
    @Test func aFolderReaderReadsWhatEachPathHolds() throws {
        let root = NSTemporaryDirectory() + "accord-folders-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/a/b", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        for (k, path) in ["/a/one.toml", "/a/two.toml", "/a/b/three.toml", "/four.toml"].enumerated() {
            try "n = \(k)\n".write(toFile: root + path, atomically: true, encoding: .utf8)
        }
        let reader = FolderReader()
        let paths = ["/a/one.toml", "/a/two.toml", "/a/b/three.toml", "/a/one.toml", "/four.toml", "/a/b", "/a/none.toml", "/none/x.toml"]
            .map { root + $0 } + ["no-such-file.toml", "/"]
        for path in paths {
            let direct: Result<[UInt8], FileReadError>
            do throws(FileReadError) { direct = .success(try SourceFile.read(path: path).bytes) } catch { direct = .failure(error) }
            let through: Result<[UInt8], FileReadError>
            do throws(FileReadError) { through = .success(try SourceFile.read(path: path, open: reader.openFile).bytes) } catch { through = .failure(error) }
            switch (direct, through) {
            case (.success(let a), .success(let b)): #expect(a == b, "\(path)")
            case (.failure(let a), .failure(let b)): #expect(a.reason == b.reason, "\(path)")
            default: Issue.record("\(path): \(direct) but \(through) through the folder")
            }
        }
    }
}

@Suite struct DiagnosticRendererTests {
    @Test func caretSitsUnderTheSpanAfterCyrillicText() {
        let file = SourceFile(path: "Rules/t.rules", text: "  when бренд.marekt == \"RU\"\n")
        let start = Array("  when бренд.".utf8).count
        let d = Diagnostic.error("no field 'marekt'; did you mean 'market'?", file: file, span: SourceSpan(start, start + 6))
        let text = TextDiagnosticRenderer().render(d)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "Rules/t.rules:1:14: error: no field 'marekt'; did you mean 'market'?")
        #expect(lines[1] == "   1 |   when бренд.marekt == \"RU\"")
        #expect(lines[2] == "     |              ^~~~~~")
    }

    @Test func fixItIsShownUnderTheCaretAndHelpAfter() {
        let file = SourceFile(path: "b.toml", text: "treshold = 5\n")
        let d = Diagnostic.error("unknown key", file: file, span: SourceSpan(0, 8), help: "did you mean 'threshold'?",
                                 fixIt: .init(span: SourceSpan(0, 8), replacement: "threshold"))
        let text = TextDiagnosticRenderer().render(d)
        #expect(text == """
            b.toml:1:1: error: unknown key
               1 | treshold = 5
                 | ^~~~~~~~
                 | threshold
              = help: did you mean 'threshold'?

            """)
    }

    @Test func wideCharactersTakeTwoColumnsInThePadding() {
        let file = SourceFile(path: "t", text: "汉字x\n")
        let d = Diagnostic.error("here", file: file, span: SourceSpan(6, 7))
        let caretLine = TextDiagnosticRenderer().render(d).split(separator: "\n")[2]
        #expect(caretLine == "     |     ^")
    }

    @Test func longLinesAreShownAsAWindowAroundTheSpan() {
        let text = String(repeating: "x", count: 100_000) + "!" + String(repeating: "y", count: 100_000)
        let file = SourceFile(path: "t", text: text)
        let d = Diagnostic.error("here", file: file, span: SourceSpan(100_000, 100_001))
        let rendered = TextDiagnosticRenderer().render(d)
        #expect(rendered.count < 600)
        let lines = rendered.split(separator: "\n").map(String.init)
        let bang = lines[1].firstIndex(of: "!").map { lines[1].distance(from: lines[1].startIndex, to: $0) }
        let caret = lines[2].firstIndex(of: "^").map { lines[2].distance(from: lines[2].startIndex, to: $0) }
        #expect(bang != nil && bang == caret)
    }

    @Test func controlCharactersInTheExcerptAreMadeVisible() {
        let file = SourceFile(path: "t", bytes: Array("a = \"x".utf8) + [0] + Array("y\"\n".utf8))
        let d = Diagnostic.error("nul", file: file, span: SourceSpan(6, 7))
        let lines = TextDiagnosticRenderer().render(d).split(separator: "\n").map(String.init)
        #expect(lines[1] == "   1 | a = \"x?y\"")
        #expect(lines[2] == "     |       ^")
    }

    @Test func colouredOutputWrapsPartsInANSICodes() {
        let file = SourceFile(path: "t", text: "x\n")
        let text = TextDiagnosticRenderer(colored: true).render(.error("bad", file: file, span: SourceSpan(0, 1)))
        #expect(text.contains("\u{1B}[1;31merror:\u{1B}[0m"))
        #expect(!TextDiagnosticRenderer().render(.error("bad", file: file, span: SourceSpan(0, 1))).contains("\u{1B}"))
    }
}

@Suite struct SuggestionTests {
    @Test(arguments: [
        ("marekt", ["market", "language", "name"], "market"),
        ("treshold", ["threshold", "unit", "owner"], "threshold"),
        ("breath_days", ["breathe_days", "prep_days"], "breathe_days"),
        ("Market", ["market", "name"], "market"),
    ])
    func suggestsTheClosestKnownName(word: String, candidates: [String], expected: String) {
        #expect(Suggestions.closest(to: word, among: candidates) == expected)
    }

    @Test func suggestsNothingForUnrelatedWords() {
        #expect(Suggestions.closest(to: "budget", among: ["market", "language"]) == nil)
        #expect(Suggestions.closest(to: "x", among: ["timeline"]) == nil)
    }

    @Test func countsATranspositionAsOneEdit() {
        #expect(Suggestions.distance(Array("ab".unicodeScalars), Array("ba".unicodeScalars)) == 1)
        #expect(Suggestions.distance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars)) == 3)
    }
}

@Suite struct FileSystemPathTests {
    /// The shortcut for paths that are already normal must agree with `normalize` on every shape.
    @Test func aPathIsNormalExactlyWhenNormalizingLeavesIt() {
        let parts = ["", ".", "..", "...", "a", ".a", "a.", "b..c"]
        var paths: [String] = ["/"]
        for x in parts { for y in parts { for z in parts { paths.append("/\(x)/\(y)/\(z)"); paths.append("/\(x)/\(y)") } } }
        paths += ["//", "/a/", "/a//b", "/a/b/", "/a/b/."]
        for path in paths {
            #expect(FileSystem.isNormal(path) == (FileSystem.normalize(path) == path), "\(path)")
        }
    }

    @Test func relativePathsAreFoundUnderTheFolderOnly() {
        let from = FileSystem.RelativePaths(to: "/work/repo/")
        #expect(from.relative("/work/repo/briefs/a.brief.toml") == "briefs/a.brief.toml")
        #expect(from.relative("/work/repo/./briefs/../b.brief.toml") == "b.brief.toml")
        #expect(from.relative("/work/repo") == ".")
        #expect(from.relative("/work/repository/a.brief.toml") == nil)
        #expect(FileSystem.RelativePaths(to: "/").relative("/a/b") == "a/b")
        #expect(from.relative("/work/repo/é/a.brief.toml") == "é/a.brief.toml")
    }

    /// Files come back sorted by their bytes whatever order the folder lists them in; hidden ones are skipped.
    @Test func aWalkListsFilesSortedByTheirBytes() throws {
        let root = NSTemporaryDirectory() + "accord-walk-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        let files = ["b/z.toml", "a-c.toml", "a/b.toml", "B.toml", "é.toml", "e.toml", "b/a/x.toml", ".hidden/h.toml", "b/.h.toml"]
        for file in files.shuffled() {
            let path = root + "/" + file
            try FileManager.default.createDirectory(atPath: FileSystem.directory(of: path), withIntermediateDirectories: true)
            #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        }
        #expect(FileSystem.walk(root).files == ["B.toml", "a-c.toml", "a/b.toml", "b/a/x.toml", "b/z.toml", "e.toml", "é.toml"])
        #expect(TextCompare.compare("a", "ab") < 0 && TextCompare.compare("ab", "a") > 0 && TextCompare.compare("", "") == 0)
    }

    /// Sorting by bytes keys each text by its first eight bytes: texts equal that far, shorter than
    /// that, or apart only after it still come in the order of their bytes.
    @Test func sortingByBytesLooksPastTheFirstEightBytes() {
        let texts = ["abcdefghZ", "abcdefgh", "abcdefghA", "abcdefgh/x", "abcdefg", "", "é", "e", "z", "a/b", "a.b", "Ab",
                     "b00010.brief.toml", "b00002.brief.toml", "дата.toml", "😀", "abcdefgh\u{7F}"]
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<5 {
            let sorted = FileSystem.sortedByBytes(texts.shuffled(using: &generator))
            #expect(sorted == texts.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        }
    }
}

@Suite struct ThreadLocalTests {
    final class Box { var n = 0 }

    @Test func eachThreadGetsItsOwnInstanceAndKeepsIt() {
        let local = ThreadLocal { Box() }
        let mine = local.value
        mine.n = 7
        #expect(local.value === mine)
        // The boxes themselves are kept, so that none is freed and its address taken by another's.
        let others = Locked<[Box]>([])
        let done = DispatchGroup()
        for _ in 0..<4 {
            done.enter()
            Thread {
                let box = local.value
                #expect(box.n == 0)
                #expect(local.value === box)
                others.write { $0.append(box) }
                done.leave()
            }.start()
        }
        done.wait()
        let ids = others.read { $0.map(ObjectIdentifier.init) }
        #expect(Set(ids).count == 4)
        #expect(!ids.contains(ObjectIdentifier(mine)))
        #expect(mine.n == 7)
    }

    /// Time zone offsets come from a cache of each thread's own, with more instants than it has slots:
    /// every answer is the time zone database's, asked twice.
    @Test func cachedZoneOffsetsAreTheDatabasesAnswers() throws {
        for zone in ["Europe/Moscow", "America/New_York", "Asia/Kolkata"] {
            let database = try #require(TimeZone(identifier: zone))
            for _ in 0..<2 {
                for step in 0..<6000 {
                    let seconds = Int64(1_735_689_600 + step * 43_200)  // every twelve hours, across DST changes
                    let expected = database.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds)))
                    #expect(try TimeZones.offsetSeconds(zone, at: Timestamp(seconds: seconds)) == expected)
                    #expect(try TimeZones.offsetSeconds(zone, at: Timestamp(seconds: seconds)) == expected)
                }
            }
        }
    }
}
