/// Runs the examples rules carry (`fires on` / `quiet on`): the tests of a rule, and its documentation.
///
/// An inline example is TOML laid over the pack's base brief (`examples_base` in pack.toml, a brief
/// on which no rule fires): tables merge key by key, arrays of tables element by element, other
/// values are replaced, and `remove = ["timeline.launch_why", "agency"]` deletes paths first.
package enum RuleExamples {
    package struct Result: Sendable {
        package let rule: CompiledRule
        package let example: ExampleSource
        package let passed: Bool
        /// What went wrong, when it did not pass.
        package let problem: String?
        /// The paths the rule fired at.
        package let firedAt: [String]
        /// Every rule that fired on the example brief (for coverage).
        package let firedRules: [String]
        /// The rule's own findings on the example (what a fires-on example shows a reader).
        package var findings: [Finding] = []
    }

    /// Runs the examples of the rules whose ids are in `only` (all when nil).
    /// `language`: the language of the findings' messages (questions follow each party's).
    package static func run(_ rules: RuleSet, only: Set<String>? = nil, language: String = "en") -> [Result] {
        var results: [Result] = []
        var options = CheckOptions()
        options.language = language
        for rule in rules.rules where only == nil || only!.contains(rule.id) {
            for example in rule.source.examples {
                results.append(run(example, of: rule, in: rules, options: options))
            }
        }
        return results
    }

    static func pack(of rule: CompiledRule, in rules: RuleSet) -> (files: PackFiles, manifest: PackManifest)? {
        rules.packs.first { pack in pack.files.files.values.contains { $0 === rule.file } }
    }

    /// The base brief for a pack's examples: its own, or the nearest earlier pack's.
    package static func baseDocument(for rule: CompiledRule, in rules: RuleSet) -> Document? {
        base(for: rule, in: rules, \.examplesBase)
    }

    /// A base a manifest names (`examples_base`, `examples_results`): the rule's pack's, or the
    /// nearest earlier pack's.
    static func base(for rule: CompiledRule, in rules: RuleSet, _ key: KeyPath<PackManifest, String?>) -> Document? {
        guard let own = pack(of: rule, in: rules) else { return nil }
        let candidates = [own] + rules.packs.reversed()
        for p in candidates {
            guard let path = p.manifest[keyPath: key], let file = p.files.file(path) else { continue }
            return try? TOMLReader.parse(file)
        }
        return nil
    }

    static func run(_ example: ExampleSource, of rule: CompiledRule, in rules: RuleSet, options: CheckOptions) -> Result {
        func fail(_ problem: String, fired: [String] = [], all: [String] = []) -> Result {
            Result(rule: rule, example: example, passed: false, problem: problem, firedAt: fired, firedRules: all)
        }
        var document: Document
        switch example.content {
        case .file(let name):
            let folder = rule.file.path.split(separator: "/").dropLast().joined(separator: "/")
            guard let pack = pack(of: rule, in: rules) else { return fail("the rule's pack is not loaded") }
            let relativeFolder = folder.hasPrefix(pack.files.root) ? String(folder.dropFirst(pack.files.root.count).drop(while: { $0 == "/" })) : ""
            guard let file = pack.files.file(name, from: relativeFolder) else {
                return fail("no example file '\(name)' in the pack")
            }
            do throws(Diagnostic) {
                document = try Document.parse(file)
            } catch {
                return fail("the example file does not parse: \(error.message)")
            }
        case .inline(let range):
            guard let base = baseDocument(for: rule, in: rules) else {
                return fail("the pack has no base brief for inline examples (examples_base in pack.toml)")
            }
            let overlay: Document
            do throws(Diagnostic) {
                overlay = try TOMLReader.parse(rule.file, range: range)
            } catch {
                return fail("the example is not valid TOML: \(error.message) (line \(error.location?.line ?? 0))")
            }
            var root = base.root
            // A check-in rule's example is laid over the base results too, under `results`.
            if rule.category == .execution, let results = Self.base(for: rule, in: rules, \.examplesResults) {
                root = Overlay.merge(root, .map(ValueMap([("results", results.root)])))
            }
            var removals: [String] = []
            if case .map(let m) = overlay.root, case .list(let list)? = m["remove"] {
                removals = list.items.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
            }
            for path in removals { root = Overlay.remove(path, from: root) }
            root = Overlay.merge(root, Overlay.without("remove", overlay.root))
            document = Document(file: rule.file, root: root, rootSpan: SourceSpan(range.lowerBound, range.upperBound))
        }
        // A check-in rule's example holds its results under `results`; the rest is the brief.
        var results: Document?
        if rule.category == .execution {
            results = Document(file: document.file, root: document.root.mapValue?["results"] ?? .map(ValueMap.empty), rootSpan: document.rootSpan)
            document = Document(file: document.file, root: Overlay.without("results", document.root), rootSpan: document.rootSpan)
        }
        let brief: Brief
        do throws(DiagnosticList) {
            brief = try rules.schema.validate(document)
        } catch {
            return fail("the example brief is not valid: " + error.diagnostics.map(\.message).joined(separator: "; "))
        }
        var options = options
        var checkin: [Value] = []
        if let results {
            do throws(DiagnosticList) {
                let read = try Results.read(results, brief: brief)
                checkin = CheckinScope.values(CheckinProgress(brief, read, policy: PacePolicy(data: rules.data)), brief: brief)
                options.checkin = true
            } catch {
                return fail("the example's results are not valid: " + error.diagnostics.map(\.message).joined(separator: "; "))
            }
        }
        let (findings, failures) = Engine.evaluate(brief, rules.enabled(by: options), of: rules, options: options, scratch: nil, checkin: checkin)
        if let failure = failures.first(where: { $0.rule.id == rule.id }) {
            return fail("the rule failed: \(failure.message)")
        }
        let fired = findings.filter { $0.rule.id == rule.id }.map(\.path)
        let all = Array(Set(findings.map(\.rule.id))).sorted()
        if example.fires {
            if fired.isEmpty { return fail("expected the rule to fire, but it stayed quiet", all: all) }
            if let at = example.at, !fired.contains(at.path) {
                return fail("expected a finding at \(at.path), but it fired at \(fired.joined(separator: ", "))", fired: fired, all: all)
            }
        } else if !fired.isEmpty {
            return fail("expected the rule to stay quiet, but it fired at \(fired.joined(separator: ", "))", fired: fired, all: all)
        }
        return Result(rule: rule, example: example, passed: true, problem: nil, firedAt: fired, firedRules: all,
                      findings: findings.filter { $0.rule.id == rule.id })
    }
}

/// Laying one document over another.
package enum Overlay {
    /// `inherit`: where a key `top` adds without a position of its own is taken to be (the table it
    /// goes into), so that a finding about it points there.
    package static func merge(_ base: Value, _ top: Value, inherit: EntrySpans? = nil) -> Value {
        switch (base, top) {
        case (.map(let a), .map(let b)):
            var keys = a.keys
            var values = a.values
            let zero = EntrySpans(key: SourceSpan(0, 0), value: SourceSpan(0, 0))
            var spans = a.spans ?? Array(repeating: zero, count: a.count)
            for i in 0..<b.count {
                if let j = a.indexOf(b.keys[i]) {
                    values[j] = merge(values[j], b.values[i], inherit: b.spans == nil ? spans[j] : nil)
                    spans[j] = b.spans?[i] ?? spans[j]
                } else {
                    keys.append(b.keys[i])
                    values.append(b.values[i])
                    spans.append(b.spans?[i] ?? inherit ?? zero)
                }
            }
            return .map(ValueMap(keys: keys, values: values, spans: spans))
        case (.list(let a), .list(let b)) where a.items.allSatisfy(isTable) && b.items.allSatisfy(isTable) && !b.items.isEmpty:
            var items = a.items
            for (i, item) in b.items.enumerated() {
                if i < items.count { items[i] = merge(items[i], item) } else { items.append(item) }
            }
            return .list(ValueList(items, spans: items.indices.map { i in
                (i < b.count ? b.spans?[i] : a.spans?[i]) ?? SourceSpan(0, 0)
            }))
        default:
            return top
        }
    }

    static func isTable(_ v: Value) -> Bool {
        if case .map = v { return true }
        return false
    }

    static func without(_ key: String, _ v: Value) -> Value {
        guard case .map(let m) = v, let i = m.indexOf(string: key) else { return v }
        var keys = m.keys
        var values = m.values
        var spans = m.spans
        keys.remove(at: i)
        values.remove(at: i)
        spans?.remove(at: i)
        return .map(ValueMap(keys: keys, values: values, spans: spans))
    }

    /// Removes `a.b[0].c` from a document.
    package static func remove(_ path: String, from root: Value) -> Value {
        var segments: [Substring] = []
        for part in path.split(separator: ".") {
            if let open = part.firstIndex(of: "[") {
                segments.append(part[..<open])
                segments.append(part[open...])
            } else {
                segments.append(part)
            }
        }
        return remove(segments[...], from: root)
    }

    static func remove(_ segments: ArraySlice<Substring>, from v: Value) -> Value {
        guard let first = segments.first else { return v }
        if first.hasPrefix("["), case .list(let l) = v, let i = Int(first.dropFirst().dropLast()), i >= 0, i < l.count {
            var items = l.items
            if segments.count == 1 {
                items.remove(at: i)
            } else {
                items[i] = remove(segments.dropFirst(), from: items[i])
            }
            return .list(ValueList(items, spans: items.indices.map { l.spans?[$0 < i || segments.count > 1 ? $0 : $0 + 1] ?? SourceSpan(0, 0) }))
        }
        guard case .map(let m) = v, let i = m.indexOf(string: String(first)) else { return v }
        if segments.count == 1 { return without(String(first), v) }
        var values = m.values
        values[i] = remove(segments.dropFirst(), from: values[i])
        return .map(ValueMap(keys: m.keys, values: values, spans: m.spans))
    }
}
