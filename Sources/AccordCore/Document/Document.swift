/// A file read into the document model: the root value (a map for TOML, any value for JSON), its
/// source, and the comments (TOML only), which suppressions are read from.
package struct Document: Sendable {
    package let file: SourceFile
    package let root: Value
    package let rootSpan: SourceSpan
    /// Spans of `#` comments, including the `#`, in document order.
    package let comments: [SourceSpan]

    package init(file: SourceFile, root: Value, rootSpan: SourceSpan, comments: [SourceSpan] = []) {
        self.file = file
        self.root = root
        self.rootSpan = rootSpan
        self.comments = comments
    }

    package enum Format: String, Sendable {
        case toml, json
    }

    /// The format a path's extension implies: `.json` is JSON, anything else TOML.
    package static func format(forPath path: String) -> Format {
        path.lowercased().hasSuffix(".json") ? .json : .toml
    }

    /// Reads a file in the format its name implies.
    package static func parse(_ file: SourceFile, format: Format? = nil) throws(Diagnostic) -> Document {
        switch format ?? Document.format(forPath: file.path) {
        case .toml: return try TOMLReader.parse(file)
        case .json: return try JSONReader.parse(file)
        }
    }
}

/// Limits shared by the readers so that no input can exhaust the stack.
package enum DocumentLimits {
    /// Arrays and tables (headers, dotted keys, inline tables, JSON objects) nested deeper than this
    /// are refused with an error. Far deeper than any brief, and than the 1,000 levels other TOML
    /// readers are tested with; low enough that every walk over a document that recurses (freeing it,
    /// printing it, validating it, comparing values) stays well inside a thread's stack.
    package static let maxDepth = 2_000
}

/// Checks UTF-8 well-formedness (no overlong forms, surrogates or code points past U+10FFFF).
package enum UTF8Validation {
    /// Why a file whose byte at `bad` is not UTF-8 cannot be read as `format` (TOML, JSON), and how
    /// to fix it: a UTF-16 file (its byte order mark) and a binary file (a NUL byte early on, as git
    /// tells them) are named as such.
    package static func problem(_ b: UnsafeBufferPointer<UInt8>, at bad: Int, format: String) -> (message: String, help: String) {
        if b.count >= 2, (b[0], b[1]) == (0xFF, 0xFE) || (b[0], b[1]) == (0xFE, 0xFF) {
            return ("the file is UTF-16, not UTF-8", "\(format) files must be UTF-8; re-save the file as UTF-8")
        }
        if b[..<min(b.count, 8000)].contains(0) {
            return ("the file is binary, not \(format) text", "check the path: Accord reads text files (briefs NAME.brief.toml or NAME.brief.json, results NAME.results.toml or NAME.csv)")
        }
        return ("the file is not valid UTF-8 (byte 0x\(String(b[bad], radix: 16, uppercase: true)))", "\(format) files must be UTF-8; re-save the file as UTF-8")
    }

    /// The offset of the first byte that is not part of well-formed UTF-8, or nil.
    package static func firstInvalidOffset(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let n = b.count
        while i < n {
            // Skip ASCII eight bytes at a time.
            while i + 8 <= n {
                let word = UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            guard i < n else { break }
            let c = b[i]
            if c < 0x80 {
                i += 1
                continue
            }
            let need: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lower = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: need = 2
            case 0xED: need = 2; upper = 0x9F
            case 0xF0: need = 3; lower = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; upper = 0x8F
            default: return i
            }
            guard i + need < n else { return i }
            if b[i + 1] < lower || b[i + 1] > upper { return i }
            for k in 2...(need + 1) where k <= need {
                if b[i + k] & 0xC0 != 0x80 { return i }
            }
            i += need + 1
        }
        return nil
    }
}
