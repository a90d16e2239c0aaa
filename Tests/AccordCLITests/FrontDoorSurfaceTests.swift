import Foundation
import Testing
import AccordTestSupport

/// The library's public surface is the front door (Sources/Accord) and nothing else, and every public
/// symbol there carries a documentation comment.
@Suite struct FrontDoorSurfaceTests {
    /// The Swift files under a folder of Sources, each as its lines.
    static func sources(_ folder: String) throws -> [(path: String, lines: [String])] {
        let root = TestPaths.packageRoot + "/Sources/" + folder
        let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        return try files.sorted().map { name in
            ("Sources/\(folder)/\(name)", try String(contentsOfFile: root + "/" + name, encoding: .utf8).components(separatedBy: "\n"))
        }
    }

    /// A declaration line: `public ...`, or an enum's `case` (not a `case` of a `switch`).
    static func isPublicDeclaration(_ line: String) -> Bool {
        let s = line.trimmingCharacters(in: .whitespaces)
        return s.hasPrefix("public ") || (s.hasPrefix("case ") && !s.hasPrefix("case .") && !s.hasPrefix("case let") && !s.hasPrefix("case \"") && !s.hasSuffix(":"))
    }

    @Test func onlyTheFrontDoorIsPublic() throws {
        for folder in ["AccordCore", "AccordCLI", "accord"] {
            for (path, lines) in try Self.sources(folder) {
                for (k, line) in lines.enumerated() where line.trimmingCharacters(in: .whitespaces).hasPrefix("public ") || line.contains(" public ") {
                    guard !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") else { continue }
                    Issue.record("\(path):\(k + 1): public outside the front door: \(line)")
                }
            }
        }
    }

    @Test func everyPublicSymbolOfTheFrontDoorIsDocumented() throws {
        var declarations = 0
        for (path, lines) in try Self.sources("Accord") where !path.contains("/Tools/") {
            var insidePublicEnum = false
            for (k, line) in lines.enumerated() {
                let s = line.trimmingCharacters(in: .whitespaces)
                if s.hasPrefix("public enum ") { insidePublicEnum = true }
                if s.hasPrefix("public struct ") || s.hasPrefix("private ") || s.hasPrefix("init(") { insidePublicEnum = insidePublicEnum && !s.hasPrefix("public struct ") }
                guard s.hasPrefix("public ") || (insidePublicEnum && Self.isPublicDeclaration(line) && s.hasPrefix("case ")) else { continue }
                declarations += 1
                var j = k - 1
                while j >= 0, lines[j].trimmingCharacters(in: .whitespaces).hasPrefix("@") { j -= 1 }
                #expect(j >= 0 && lines[j].trimmingCharacters(in: .whitespaces).hasPrefix("///"),
                        "\(path):\(k + 1): no documentation comment on \(s)")
            }
        }
        #expect(declarations > 50)
    }
}
