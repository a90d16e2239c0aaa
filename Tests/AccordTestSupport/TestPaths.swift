import AccordCore
import Foundation

/// Where the tests find the package and the public test material it carries: one place for every test target.
package enum TestPaths {
    /// The package's root folder, found from this file's location.
    package static let packageRoot: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        while let last = parts.last, last != "Tests" { parts.removeLast() }
        parts.removeLast()
        return parts.joined(separator: "/")
    }()

    /// The public test material the tests read (toml-test, the CEL cases, the SARIF schema), kept in
    /// the repository so that a plain clone passes `swift test` (Tests/Conformance/README.md).
    package static let conformance = packageRoot + "/Tests/Conformance"
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
