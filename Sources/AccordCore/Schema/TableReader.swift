/// Reads a table of a configuration-like file (schema, pack manifest, project config) with typed
/// accessors. Wrong types and unknown keys become diagnostics at their positions, with did-you-mean.
package struct TableReader {
    package let file: SourceFile
    package let map: ValueMap
    /// Where the table itself is (its header, or the whole file for the root).
    package let span: SourceSpan
    /// How to name the table in messages: "the pack manifest", "tables.party".
    let context: String

    package init(file: SourceFile, map: ValueMap, span: SourceSpan, context: String) {
        self.file = file
        self.map = map
        self.span = span
        self.context = context
    }

    /// The root table of a document.
    package init?(_ document: Document, context: String, diagnostics: inout [Diagnostic]) {
        guard case .map(let m) = document.root else {
            diagnostics.append(.error("\(context) must be a table", file: document.file, span: document.rootSpan))
            return nil
        }
        self.init(file: document.file, map: m, span: SourceSpan(0, 0), context: context)
    }

    package func error(_ message: String, _ span: SourceSpan, help: String? = nil, fixIt: Diagnostic.FixIt? = nil) -> Diagnostic {
        .error(message, id: "config.invalid", file: file, span: span, help: help, fixIt: fixIt)
    }

    func keySpan(_ key: String) -> SourceSpan { map.keySpan(key) ?? span }
    package func valueSpan(_ key: String) -> SourceSpan { map.valueSpan(key) ?? span }

    /// Reports keys that are not in `allowed`.
    package func checkKeys(_ allowed: [String], _ diagnostics: inout [Diagnostic]) {
        for (i, key) in map.keys.enumerated() {
            guard case .string(let k) = key, !allowed.contains(k) else { continue }
            let keySpan = map.spans?[i].key ?? span
            let guess = Suggestions.closest(to: k, among: allowed)
            diagnostics.append(error("unknown key '\(k)' in \(context)\(guess.map { "; did you mean '\($0)'?" } ?? "")", keySpan,
                                     help: guess == nil ? "the keys are: \(allowed.joined(separator: ", "))" : nil,
                                     fixIt: guess.map { .init(span: keySpan, replacement: $0) }))
        }
    }

    package func string(_ key: String, _ diagnostics: inout [Diagnostic]) -> String? {
        guard let v = map[key] else { return nil }
        if case .string(let s) = v { return s }
        diagnostics.append(error("'\(key)' in \(context) must be text, not \(v.typeDisplayName)", valueSpan(key)))
        return nil
    }

    package func bool(_ key: String, _ diagnostics: inout [Diagnostic]) -> Bool? {
        guard let v = map[key] else { return nil }
        if case .bool(let b) = v { return b }
        diagnostics.append(error("'\(key)' in \(context) must be true or false, not \(v.typeDisplayName)", valueSpan(key)))
        return nil
    }

    package func int(_ key: String, _ diagnostics: inout [Diagnostic]) -> Int? {
        guard let v = map[key] else { return nil }
        if case .int(let i) = v { return Int(i) }
        diagnostics.append(error("'\(key)' in \(context) must be a whole number, not \(v.typeDisplayName)", valueSpan(key)))
        return nil
    }

    func number(_ key: String, _ diagnostics: inout [Diagnostic]) -> Double? {
        guard let v = map[key] else { return nil }
        switch v {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default:
            diagnostics.append(error("'\(key)' in \(context) must be a number, not \(v.typeDisplayName)", valueSpan(key)))
            return nil
        }
    }

    /// A list of strings, with the span of each.
    package func strings(_ key: String, _ diagnostics: inout [Diagnostic]) -> [(String, SourceSpan)]? {
        guard let v = map[key] else { return nil }
        guard case .list(let list) = v else {
            diagnostics.append(error("'\(key)' in \(context) must be a list of text, such as [\"a\", \"b\"]", valueSpan(key)))
            return nil
        }
        var result: [(String, SourceSpan)] = []
        for (i, item) in list.items.enumerated() {
            let itemSpan = list.spans?[i] ?? valueSpan(key)
            guard case .string(let s) = item else {
                diagnostics.append(error("'\(key)' in \(context) must hold text only, not \(item.typeDisplayName)", itemSpan))
                continue
            }
            result.append((s, itemSpan))
        }
        return result
    }

    /// A sub-table.
    package func table(_ key: String, context: String? = nil, _ diagnostics: inout [Diagnostic]) -> TableReader? {
        guard let v = map[key] else { return nil }
        guard case .map(let m) = v else {
            diagnostics.append(error("'\(key)' in \(self.context) must be a table", valueSpan(key)))
            return nil
        }
        return TableReader(file: file, map: m, span: keySpan(key), context: context ?? "\(self.context).\(key)")
    }

    /// Every entry whose value is a table, with its key and the key's span.
    func tables(_ diagnostics: inout [Diagnostic], childContext: (String) -> String) -> [(String, TableReader)] {
        var result: [(String, TableReader)] = []
        for (i, key) in map.keys.enumerated() {
            guard case .string(let k) = key else { continue }
            let keySpan = map.spans?[i].key ?? span
            guard case .map(let m) = map.values[i] else {
                diagnostics.append(error("'\(k)' in \(context) must be a table", map.spans?[i].value ?? span))
                continue
            }
            result.append((k, TableReader(file: file, map: m, span: keySpan, context: childContext(k))))
        }
        return result
    }
}
