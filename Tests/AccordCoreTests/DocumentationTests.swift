import Foundation
import Testing
@testable import AccordCore

/// Documents that are generated in part from the code stay equal to it. Run with ACCORD_RECORD=1
/// to rewrite the generated parts after a change.
@Suite struct DocumentationTests {
    static let record = ProcessInfo.processInfo.environment["ACCORD_RECORD"] == "1"

    /// Checks (or rewrites) the text between the BEGIN/END GENERATED markers named `name`.
    static func checkGenerated(_ path: String, _ name: String, _ generated: String) throws {
        let full = Fixtures.packageRoot + "/" + path
        let text = try String(contentsOfFile: full, encoding: .utf8)
        guard let begin = text.range(of: "<!-- BEGIN GENERATED: \(name)"),
              let beginLineEnd = text[begin.upperBound...].firstIndex(of: "\n"),
              let end = text.range(of: "<!-- END GENERATED: \(name)")
        else {
            Issue.record("\(path) has no generated block '\(name)'")
            return
        }
        let current = String(text[text.index(after: beginLineEnd)..<end.lowerBound])
        if record {
            let updated = String(text[...beginLineEnd]) + generated + String(text[end.lowerBound...])
            try updated.write(toFile: full, atomically: true, encoding: .utf8)
        } else {
            #expect(current == generated, "\(path) is out of date: run ACCORD_RECORD=1 swift test")
        }
    }

    @Test func theFunctionReferenceListsEveryFunction() throws {
        try Self.checkGenerated("docs/expressions.md", "functions", Library.referenceTable())
    }
}
