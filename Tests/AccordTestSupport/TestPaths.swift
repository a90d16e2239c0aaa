import AccordCore
import Foundation

/// Where the tests find the package and the project's shared folder: one place for both test targets.
package enum TestPaths {
    /// The package's root folder, found from this file's location.
    package static let packageRoot: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        while let last = parts.last, last != "Tests" { parts.removeLast() }
        parts.removeLast()
        return parts.joined(separator: "/")
    }()

    /// The project's shared folder (specifications, conformance suites, schemas): `ACCORD_SHARED`
    /// when set, else `../shared` beside the package, where `.ci/run` looks too.
    package static let shared = ProcessInfo.processInfo.environment["ACCORD_SHARED"] ?? packageRoot + "/../shared"
}

extension Value {
    /// Field access for tests: `v["a"]?["b"]`.
    package subscript(_ key: String) -> Value? {
        if case .map(let m) = self { return m[key] }
        return nil
    }

    package subscript(_ index: Int) -> Value? {
        if case .list(let l) = self, index < l.count { return l.items[index] }
        return nil
    }
}
