import Foundation
import Testing

/// docs/authoring.md, followed to the letter: its files are written to a scratch folder in order,
/// and each `$ accord ...` line of its console blocks is run there, its output compared with the
/// lines below it (`...` stands for any number of lines).
@Suite struct AuthoringGuideTests {
    enum Step {
        case file(path: String, text: String)
        case command(args: [String], expected: [String])
    }

    static func steps(_ markdown: String) -> [Step] {
        var steps: [Step] = []
        var lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)[...]
        while let line = lines.popFirst() {
            guard line.hasPrefix("```") else { continue }
            let info = line.dropFirst(3)
            var body: [Substring] = []
            while let l = lines.popFirst(), !l.hasPrefix("```") { body.append(l) }
            if let range = info.range(of: "file=") {
                let path = String(info[range.upperBound...].split(separator: " ").first ?? "")
                steps.append(.file(path: path, text: body.joined(separator: "\n") + "\n"))
            } else if info == "console" {
                var current: [String]?
                var expected: [String] = []
                for l in body {
                    if l.hasPrefix("$ ") {
                        if let current { steps.append(.command(args: current, expected: expected)) }
                        current = l.dropFirst(2).split(separator: " ").map(String.init)
                        expected = []
                    } else {
                        expected.append(String(l))
                    }
                }
                if let current { steps.append(.command(args: current, expected: expected)) }
            }
        }
        return steps
    }

    /// Whether `actual` is `expected`, where a line `...` in `expected` matches any run of lines.
    static func matches(_ expected: ArraySlice<String>, _ actual: ArraySlice<String>) -> Bool {
        guard let first = expected.first else { return actual.isEmpty }
        if first == "..." {
            return (actual.startIndex...actual.endIndex).contains { matches(expected.dropFirst(), actual[$0...]) }
        }
        guard let a = actual.first, a == first else { return false }
        return matches(expected.dropFirst(), actual.dropFirst())
    }

    @Test func theGuideWorksAsWritten() throws {
        let guide = try String(contentsOfFile: CLI.packageRoot + "/docs/authoring.md", encoding: .utf8)
        let steps = Self.steps(guide)
        #expect(steps.filter { if case .command = $0 { true } else { false } }.count >= 8)
        let dir = CLI.scratch()
        for step in steps {
            switch step {
            case .file(let path, let text):
                let full = dir + "/" + path
                try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                CLI.write(text, to: full)
            case .command(let args, let expected):
                #expect(args.first == "accord")
                let run = CLI.run(Array(args.dropFirst()), cwd: dir)
                var actual = (run.stderr + run.stdout).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                if actual.last == "" { actual.removeLast() }
                if !Self.matches(expected[...], actual[...]) {
                    Issue.record("""
                        docs/authoring.md: `\(args.joined(separator: " "))` printed:
                        \(actual.joined(separator: "\n"))
                        instead of:
                        \(expected.joined(separator: "\n"))
                        """)
                }
            }
        }
    }
}
