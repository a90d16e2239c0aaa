import AccordCore
import AccordTestSupport
import Foundation

/// Paths to the package and to the conformance material in Tests/Conformance (see `TestPaths`), and readers for test inputs.
enum Fixtures {
    static let packageRoot = TestPaths.packageRoot
    static let conformance = TestPaths.conformance

    static func read(_ path: String) throws -> SourceFile {
        try SourceFile.read(path: path)
    }

    static func toml(_ text: String) throws -> Value {
        try TOMLReader.parse(text: text).root
    }

    /// The diagnostic a TOML text must fail with.
    static func tomlError(_ text: String) -> Diagnostic? {
        do {
            _ = try TOMLReader.parse(text: text, path: "t.toml")
            return nil
        } catch {
            return error
        }
    }

    static func lines(_ path: String) -> [String] {
        guard let file = try? SourceFile.read(path: path) else { return [] }
        return String(decoding: file.bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}

extension Value {
    var printed: String { PrintForm.string(self, pretty: false) }
}
