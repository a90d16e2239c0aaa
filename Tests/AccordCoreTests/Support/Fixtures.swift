import AccordCore
import Foundation

/// Paths to the package and to `../shared`, found from this file's location.
enum Fixtures {
    static let packageRoot: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        while let last = parts.last, last != "Tests" { parts.removeLast() }
        parts.removeLast()
        return parts.joined(separator: "/")
    }()

    /// The project's shared folder (specifications, conformance suites, schemas): `ACCORD_SHARED`
    /// when set, else `../shared` beside the package, where `.ci/run` looks too.
    static let shared = ProcessInfo.processInfo.environment["ACCORD_SHARED"] ?? packageRoot + "/../shared"

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
    /// Field access for tests: `v["a"]?["b"]`.
    subscript(_ key: String) -> Value? {
        if case .map(let m) = self { return m[key] }
        return nil
    }

    subscript(_ index: Int) -> Value? {
        if case .list(let l) = self, index < l.count { return l.items[index] }
        return nil
    }

    var printed: String { PrintForm.string(self, pretty: false) }
}
