/// `accord rules lint`: what makes a rule hard to trust or to use, beyond what loading already
/// refuses (syntax, unknown names, wrong types, duplicate ids). Each problem points at the rule file
/// with a suggested fix:
///
/// - a rule that asks nobody anything, or has no example to fire on or to stay quiet on;
/// - a message or question without a translation into a language the pack speaks (it falls back
///   to English): the languages its manifest names in `languages`, or else those of the built-in
///   rules (Russian), and always those its other rules use;
/// - a read of a field a brief may lack, with no `has()` guarding it (`RuleSet.warnings`, which
///   every command that loads the pack shows);
/// - a data file of the pack that no rule reads (locales under `data/locales/` are read by Accord).
package enum RuleLint {
    package static func lint(_ rules: RuleSet, packs: Set<String>) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let linted = rules.rules.filter { packs.contains($0.pack) }
        func languages(of rules: [CompiledRule]) -> Set<String> {
            Set(rules.flatMap { $0.messageLanguages + $0.questionLanguages.flatMap { $0 } })
        }
        let builtInPacks = Set(rules.packs.filter { $0.files.builtIn }.map(\.manifest.name))
        let builtInLanguages = languages(of: rules.rules.filter { builtInPacks.contains($0.pack) })
        for pack in packs {
            let inPack = linted.filter { $0.pack == pack }
            let declared = rules.packs.first { $0.manifest.name == pack }?.manifest.languages
            let expected = languages(of: inPack).union(declared ?? Array(builtInLanguages)).subtracting(["en"]).sorted()
            for rule in inPack {
                problems += structure(rule)
                problems += translations(rule, languages: expected, declared: declared != nil)
            }
        }
        let lintedIDs = Set(linted.map(\.id))
        problems += rules.warnings.filter { lintedIDs.contains($0.ruleID) }.map(\.diagnostic)
        problems += unreadData(rules, packs: packs)
        return problems.sorted { a, b in
            (a.file?.path ?? "", a.span?.start ?? 0) < (b.file?.path ?? "", b.span?.start ?? 0)
        }
    }

    static func warning(_ rule: CompiledRule, _ message: String, span: SourceSpan? = nil, help: String) -> Diagnostic {
        .warning(message, id: "rules.lint", file: rule.file, span: span ?? rule.source.idSpan, help: help)
    }

    static func structure(_ rule: CompiledRule) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        if rule.source.asks.isEmpty {
            problems.append(warning(rule, "rule \(rule.id) asks nobody anything",
                                    help: "add a \"why?\" question for the party that can answer it: ask brand \"Why ...?\""))
        }
        if !rule.source.examples.contains(where: \.fires) {
            problems.append(warning(rule, "rule \(rule.id) has no example it fires on",
                                    help: "add: fires on \"\"\" ...the TOML that makes it fire... \"\"\" at the.field"))
        }
        if !rule.source.examples.contains(where: { !$0.fires }) {
            problems.append(warning(rule, "rule \(rule.id) has no example it stays quiet on",
                                    help: "add: quiet on \"\"\" ...the TOML of a brief without the problem... \"\"\""))
        }
        return problems
    }

    /// One problem for each text that lacks a language the pack speaks, naming all it lacks.
    static func translations(_ rule: CompiledRule, languages: [String], declared: Bool) -> [Diagnostic] {
        let orDeclare = declared ? "" : ", or name the languages the pack speaks in pack.toml: languages = [...]"
        func lacking(_ text: LocalizedSource) -> [String] {
            languages.filter { language in !text.translations.contains { $0.language == language } }
        }
        func named(_ missing: [String]) -> String {
            missing.count == 1 ? "'\(missing[0])' translation" : "translations into " + missing.joined(separator: ", ")
        }
        var problems: [Diagnostic] = []
        if let message = rule.source.message, case let missing = lacking(message), !missing.isEmpty {
            problems.append(warning(rule, "the message of \(rule.id) has no \(named(missing)); it will be shown in English",
                                    span: message.english.span, help: "add a line under it for each: \(missing[0]) \"...\"\(orDeclare)"))
        }
        for ask in rule.source.asks {
            let missing = lacking(ask.text)
            guard !missing.isEmpty else { continue }
            problems.append(warning(rule, "a question of \(rule.id) has no \(named(missing)); it will be asked in English",
                                    span: ask.text.english.span, help: "add a line under it for each: \(missing[0]) \"...\"\(orDeclare)"))
        }
        return problems
    }

    // MARK: Data never read

    static func unreadData(_ rules: RuleSet, packs: Set<String>) -> [Diagnostic] {
        let texts = rules.rules.flatMap { rule in rule.expressionTexts }
        var problems: [Diagnostic] = []
        for (files, _) in rules.packs where packs.contains(files.name) {
            // Locales and phrases are read by Accord itself, to write values and documents in their language.
            for path in files.paths where path.hasPrefix("data/") && !path.hasPrefix("data/locales/") && !path.hasPrefix("data/phrases/")
                && (path.hasSuffix(".toml") || path.hasSuffix(".json")) {
                var components = path.dropFirst("data/".count).split(separator: "/").map(String.init)
                components[components.count - 1] = String(components[components.count - 1].split(separator: ".").first ?? "")
                if !texts.contains(where: { reads($0, components) }) {
                    problems.append(.warning("no rule reads \(files.root)/\(path) (data.\(components.joined(separator: ".")))",
                                             id: "rules.lint", file: files.files[path], span: SourceSpan(0, 0),
                                             help: "use it in a rule, or remove the file"))
                }
            }
        }
        return problems
    }

    /// Whether an expression text reads a data file: names its whole path, or indexes a folder on
    /// the way to it (`data.markets[m]` reads every market).
    package static func reads(_ text: String, _ components: [String]) -> Bool {
        for k in 1...components.count {
            let prefix = "data." + components[..<k].joined(separator: ".")
            var search = text[...]
            while let found = search.range(of: prefix) {
                let next = search[found.upperBound...].first
                if next == "[" { return true }
                if k == components.count, next.map({ !($0.isLetter || $0.isNumber || $0 == "_") }) ?? true { return true }
                search = search[found.upperBound...]
            }
        }
        return false
    }
}

extension CompiledRule {
    /// The text of every expression of the rule, as written.
    package var expressionTexts: [String] {
        var ranges: [Range<Int>] = []
        if let each = source.each { ranges.append(each.range) }
        ranges += source.lets.map(\.range)
        if let when = source.when { ranges.append(when) }
        if let about = source.about { ranges.append(about) }
        ranges += source.asks.map(\.target)
        var texts = ranges.map { String(decoding: file.bytes[$0], as: UTF8.self) }
        let strings = [source.message].compactMap { $0 } + source.asks.map(\.text)
        for s in strings {
            for text in [s.english] + s.translations.map(\.text) {
                for part in text.parts { if case .expression(let r) = part { texts.append(String(decoding: file.bytes[r], as: UTF8.self)) } }
            }
        }
        return texts
    }
}
