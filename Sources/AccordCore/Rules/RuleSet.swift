import Foundation

/// Every rule of every pack, checked and compiled once; evaluated against any number of briefs.
package final class RuleSet: @unchecked Sendable {
    package let packs: [(files: PackFiles, manifest: PackManifest)]
    package let schema: BriefSchema
    /// `data`: the data tables of all packs, by folder and file name.
    package let data: Value
    package let rules: [CompiledRule]
    /// The variables rules see: the brief's sections, `parties`, `brief`, `data`.
    package let declarations: Declarations
    /// What check-in rules (category `execution`) see: those, then `CheckinScope`'s names.
    package let checkinDeclarations: Declarations
    /// The rules `check` evaluates, and those a check-in does (category `execution`).
    package let briefRules: [CompiledRule]
    package let checkinRules: [CompiledRule]
    /// Slots an evaluation needs (variables, `for each` elements, comprehension variables).
    package let slotCount: Int
    /// The parsed rule files, for tools that look at rules as written.
    package let sources: [(pack: PackFiles, file: RuleFileSource)]
    /// What loading found wrong without refusing the rules: reads of fields a brief may lack that
    /// nothing guards (`UnguardedReads`), each failing its rule on every brief without the field.
    package let warnings: [(ruleID: String, diagnostic: Diagnostic)]

    /// How values are written in each language: English and Russian, and those packs add.
    package let locales: [String: TextLocale]
    /// The same locales, searched when rendering (a handful, compared faster than hashed).
    private let localeList: [TextLocale]

    init(packs: [(files: PackFiles, manifest: PackManifest)], schema: BriefSchema, data: Value, rules: [CompiledRule],
         declarations: Declarations, checkinDeclarations: Declarations, slotCount: Int, sources: [(pack: PackFiles, file: RuleFileSource)],
         locales: [String: TextLocale] = TextLocale.builtIn) {
        self.locales = locales
        // The built-in rules are not looked at: a test keeps them free of unguarded reads, and
        // looking costs every run 4% of a 500-brief check's instructions.
        let builtIn = Set(packs.filter { $0.files.builtIn }.map(\.manifest.name))
        warnings = rules.filter { !builtIn.contains($0.pack) }.flatMap { rule in
            UnguardedReads.find(in: rule, schema: schema, declarations: declarations).map { read in
                // A check-in rule's read of the results' names (not a brief section) may miss from the results.
                let root = String(read.path.prefix { $0 != "." && $0 != "[" })
                let whole = rule.category == .execution && schema.root.keys.allSatisfy { $0.key != root } ? "a check-in's results" : "a brief"
                let one = whole == "a brief" ? "a brief" : "a check-in"
                return (rule.id, Diagnostic.warning("\(read.path) may be missing from \(whole), and nothing in \(rule.id) checks it with has(): the rule fails on \(one) without it",
                                   id: "rules.unguarded-read", file: read.file, span: read.span,
                                   help: "guard it: has(\(read.path)) && ... in 'when', or has(\(read.path)) ? \(read.path) : ... where it is read"))
            }
        }
        self.localeList = Array(locales.values)
        self.packs = packs
        self.schema = schema
        self.data = data
        self.rules = rules
        self.declarations = declarations
        self.checkinDeclarations = checkinDeclarations
        briefRules = rules.filter { $0.category != .execution }
        checkinRules = rules.filter { $0.category == .execution }
        self.slotCount = slotCount
        self.sources = sources
    }

    package func rule(_ id: String) -> CompiledRule? { rules.first { $0.id == id } }

    /// What the rule compiler says of one rules file read against this rule set's schema and data, as
    /// an editor shows it while the file is written: its syntax and type errors.
    package func diagnose(rulesFile file: SourceFile) -> [Diagnostic] {
        let (source, diagnostics) = RuleParser.parse(file)
        return diagnostics + source.rules.enumerated().flatMap { order, rule in
            Self.compile(rule, file: file, order: order, pack: "editor", declarations: declarations,
                         checkinDeclarations: checkinDeclarations).diagnostics
        }
    }

    /// One rule compiled against the brief's names, or a check-in rule (category execution) against
    /// the check-in's; a brief rule's use of a check-in name is reported with where it is known.
    static func compile(_ rule: RuleSource, file: SourceFile, order: Int, pack: String, declarations: Declarations,
                        checkinDeclarations: Declarations) -> (rule: CompiledRule?, diagnostics: [Diagnostic], nextSlot: Int) {
        let checkin = rule.category?.0 == Category.execution.rawValue
        var compiler = RuleCompiler(file: file, global: checkin ? checkinDeclarations : declarations,
                                    firstSlot: checkinDeclarations.names.count + 1, pack: pack)
        let compiled = compiler.compile(rule, order: order)
        return (compiled, checkin ? compiler.diagnostics : compiler.diagnostics.map(pointingToCheckin), compiler.nextSlot)
    }

    /// The rules a check with `options` evaluates: the brief's, or with `options.checkin` the
    /// check-in's, but those turned off.
    package func enabled(by options: CheckOptions) -> [CompiledRule] {
        let rules = options.checkin ? checkinRules : briefRules
        return options.disabled.isEmpty ? rules : rules.filter { !options.disabled.contains($0.id) }
    }

    /// The languages some rule's message is written in, English first, then in order.
    package var messageLanguages: [String] {
        ["en"] + Set(rules.flatMap(\.messageLanguages)).subtracting(["en"]).sorted()
    }

    /// The locale for a language, English when no pack has it.
    package func locale(_ language: String) -> TextLocale {
        localeList.first { $0.language == language } ?? .english
    }

    /// Loads packs in order; a later pack may replace a rule of an earlier one (same id) or turn it
    /// off (`disable` in its manifest). Every problem in every file is reported.
    package static func load(_ packs: [PackFiles]) throws(DiagnosticList) -> RuleSet {
        var diagnostics: [Diagnostic] = []
        let manifests = packs.map { PackManifest.read($0, &diagnostics) }

        // The brief schema: every pack's *.schema.toml, in pack order.
        var loader = SchemaLoader()
        for pack in packs {
            for path in pack.paths where path.hasSuffix(".schema.toml") {
                do throws(Diagnostic) {
                    loader.add(try TOMLReader.parse(pack.files[path]!))
                } catch {
                    diagnostics.append(error)
                }
            }
        }
        let schema: BriefSchema
        do throws(DiagnosticList) {
            schema = try loader.build()
        } catch {
            throw DiagnosticList(diagnostics + error.diagnostics)
        }

        // Data: data/<folders>/<file>.toml becomes data.<folders>.<file>; later packs add and override.
        var data = Value.map(ValueMap.empty)
        var locales = TextLocale.builtIn
        for pack in packs {
            for path in pack.paths where path.hasPrefix("data/") && (path.hasSuffix(".toml") || path.hasSuffix(".json")) {
                do throws(Diagnostic) {
                    let document = try Document.parse(pack.files[path]!)
                    var components = path.dropFirst(5).split(separator: "/").map(String.init)
                    let last = components.removeLast()
                    components.append(String(last[..<(last.lastIndex(of: ".") ?? last.endIndex)]))
                    data = DataTree.insert(document.root, at: components[...], into: data)
                    // data/locales/<code>.toml: how values are written in that language.
                    if components.count == 2, components[0] == "locales",
                       let t = TableReader(document, context: "the locale \(components[1])", diagnostics: &diagnostics),
                       let locale = TextLocale.read(components[1], from: t, &diagnostics) {
                        locales[components[1]] = locale
                    }
                } catch {
                    diagnostics.append(error)
                }
            }
        }
        let dataType = DataTypes.infer(data, name: "data")
        let declarations = Declarations(strict: true, schema.ruleVariables())
        declarations.declareConstant("data", dataType, value: data)
        let checkinDeclarations = declarations.extended()
        let metricType = declarations.slot("metrics").flatMap { slot -> CELType? in
            if case .list(let t) = declarations.types[slot] { return t } else { return nil }
        } ?? .dyn
        for (name, type) in CheckinScope.variables(metric: metricType) { checkinDeclarations.declare(name, type) }

        // Rule sources, with replacement by id across packs.
        var sources: [(pack: PackFiles, file: RuleFileSource)] = []
        var ordered: [(pack: PackFiles, file: SourceFile, rule: RuleSource)] = []
        for (p, pack) in packs.enumerated() {
            var idsInPack: [String: SourceSpan] = [:]
            for path in pack.paths where path.hasSuffix(".rules") {
                let (parsed, problems) = RuleParser.parse(pack.files[path]!)
                diagnostics += problems
                sources.append((pack, parsed))
                for rule in parsed.rules {
                    if let first = idsInPack[rule.id] {
                        diagnostics.append(.error("rule id \(rule.id) is used twice in pack \(manifests[p].name)", id: "rules.duplicate-id",
                                                  file: parsed.file, span: rule.idSpan,
                                                  notes: [.init("first used here", file: ordered.first { $0.rule.id == rule.id }?.file, span: first)]))
                        continue
                    }
                    idsInPack[rule.id] = rule.idSpan
                    if let existing = ordered.firstIndex(where: { $0.rule.id == rule.id }) {
                        ordered[existing] = (pack, parsed.file, rule)  // a later pack replaces the rule in place
                    } else {
                        ordered.append((pack, parsed.file, rule))
                    }
                }
            }
            for (id, span) in manifests[p].disable {
                if let index = ordered.firstIndex(where: { $0.rule.id == id }) {
                    ordered.remove(at: index)
                } else if let file = manifests[p].file {
                    let guess = Suggestions.closest(to: id, among: ordered.map(\.rule.id))
                    diagnostics.append(.error("pack \(manifests[p].name) disables rule \(id), which no earlier pack has\(guess.map { "; did you mean '\($0)'?" } ?? "")",
                                              id: "rules.unknown-id", file: file, span: span))
                }
            }
        }

        var rules: [CompiledRule] = []
        var slotCount = checkinDeclarations.names.count + 1
        for (order, entry) in ordered.enumerated() {
            let compiled = compile(entry.rule, file: entry.file, order: order, pack: manifests[packs.firstIndex { $0.root == entry.pack.root }!].name,
                                   declarations: declarations, checkinDeclarations: checkinDeclarations)
            if let rule = compiled.rule { rules.append(rule) }
            diagnostics += compiled.diagnostics
            slotCount = max(slotCount, compiled.nextSlot)
        }
        if !diagnostics.isEmpty { throw DiagnosticList(diagnostics) }
        return RuleSet(packs: Array(zip(packs, manifests)), schema: schema, data: data, rules: rules, declarations: declarations,
                       checkinDeclarations: checkinDeclarations, slotCount: slotCount, sources: sources, locales: locales)
    }
}

extension RuleSet {
    /// A brief rule's use of a check-in name (`progress`) is unknown; the help says where it is known.
    static func pointingToCheckin(_ d: Diagnostic) -> Diagnostic {
        let names = checkinNames
        guard let name = names.first(where: { d.message == "unknown name '\($0)'" }) else { return d }
        var d = d
        d.help = "'\(name)' is known to check-in rules: give the rule 'category execution' (docs/checkin.md)"
        return d
    }

    static let checkinNames = CheckinScope.variables(metric: .dyn).map(\.0)
}

/// Builds the `data` tree.
enum DataTree {
    static func insert(_ value: Value, at path: ArraySlice<String>, into tree: Value) -> Value {
        guard let first = path.first else { return merge(tree, value) }
        guard case .map(let m) = tree else { return insert(value, at: path, into: .map(ValueMap.empty)) }
        var keys = m.keys
        var values = m.values
        if let i = m.indexOf(string: first) {
            values[i] = insert(value, at: path.dropFirst(), into: values[i])
        } else {
            keys.append(.string(first))
            values.append(insert(value, at: path.dropFirst(), into: .map(ValueMap.empty)))
        }
        return .map(ValueMap(keys: keys, values: values))
    }

    /// Tables merge key by key (the newer value wins); anything else is replaced.
    static func merge(_ old: Value, _ new: Value) -> Value {
        guard case .map(let a) = old, case .map(let b) = new else { return new }
        var keys = a.keys
        var values = a.values
        for i in 0..<b.count {
            if let j = a.indexOf(b.keys[i]) {
                values[j] = merge(values[j], b.values[i])
            } else {
                keys.append(b.keys[i])
                values.append(b.values[i])
            }
        }
        return .map(ValueMap(keys: keys, values: values))
    }
}

/// Static types of data tables, so that a misspelled data field is caught when rules load: a table
/// whose values are all tables is a dictionary (`data.markets[m]`) of one record type with the
/// fields of all of them, as is a table keyed by dates (`2026-01-01 = 3`) of its values; other
/// tables are records. Values that stand in the same place (a dictionary's entries, a list's items,
/// one field of each record) get one type together: records merge field by field, a field some of
/// them lack may be absent, and lists merge item by item.
enum DataTypes {
    static func infer(_ value: Value, name: String) -> CELType {
        shape([value], name: name)
    }

    /// The one type of `values`, which stand in the same place.
    static func shape(_ values: [Value], name: String) -> CELType {
        guard let first = values.first else { return .dyn }
        var maps: [ValueMap] = []
        var lists: [Value] = []
        var allLists = true
        for v in values {
            switch v {
            case .map(let m): maps.append(m)
            case .list(let l): lists.append(contentsOf: l.items)
            default: allLists = false
            }
        }
        if maps.count == values.count {
            let filled = maps.filter { $0.count > 0 }
            if name != "data" && !filled.isEmpty {
                // A table keyed by dates is a dictionary of its values, whatever they are.
                if filled.allSatisfy({ $0.keys.allSatisfy(isDateKey) }) {
                    return .map(.string, shape(filled.flatMap(\.values), name: name))
                }
                if filled.allSatisfy({ m in m.keys.allSatisfy(isDictionaryKey) && m.values.allSatisfy { if case .map = $0 { return true } else { return false } } }) {
                    return .map(.string, shape(filled.flatMap(\.values), name: "\(name) entry"))
                }
            }
            // Each field's values, in the order fields first appear. Records of a list mostly have
            // the same keys in the same order: those reuse the previous record's columns unhashed.
            var order: [String] = []
            var columns: [[Value]] = []
            var column: [String: Int] = [:]
            var previous: [Value] = []
            var slots: [Int] = []
            for m in maps {
                let same = m.keys.count == previous.count && zip(m.keys, previous).allSatisfy { a, b in
                    if case .string(let x) = a, case .string(let y) = b { return x == y } else { return false }
                }
                if !same {
                    slots = []
                    for key in m.keys {
                        guard case .string(let k) = key else { return values.dropFirst().reduce(CELType.of(first)) { $0.join(CELType.of($1)) } }
                        if let c = column[k] { slots.append(c) } else {
                            column[k] = columns.count
                            slots.append(columns.count)
                            order.append(k)
                            columns.append([])
                        }
                    }
                    previous = m.keys
                }
                for i in 0..<m.count { columns[slots[i]].append(m.values[i]) }
            }
            let object = ObjectType(name: name)
            for (c, k) in order.enumerated() {
                object.add(k, shape(columns[c], name: name == "data" ? "data.\(k)" : k), mayBeAbsent: columns[c].count < maps.count)
            }
            return .object(object)
        }
        if allLists && maps.isEmpty {
            return .list(lists.isEmpty ? .dyn : shape(lists, name: name))
        }
        return values.dropFirst().reduce(CELType.of(first)) { $0.join(CELType.of($1)) }
    }

    /// Keys like `2026-01-01`: the entries of a dictionary by dates.
    static func isDateKey(_ key: Value) -> Bool {
        guard case .string(let s) = key, s.utf8.count == 10 else { return false }
        return s.utf8.enumerated().allSatisfy { i, c in i == 4 || i == 7 ? c == UInt8(ascii: "-") : (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) }
    }

    /// Keys like `RU`, `US`, `instagram`, `2026`: entries of a dictionary rather than fields of a record.
    static func isDictionaryKey(_ key: Value) -> Bool {
        guard case .string(let s) = key else { return false }
        return s.count <= 12
    }
}

/// Checks and compiles one rule.
struct RuleCompiler {
    let file: SourceFile
    let global: Declarations
    let pack: String
    var diagnostics: [Diagnostic] = []
    /// Where the next program's comprehension variables start: every program of a rule gets its own range.
    var nextSlot: Int

    /// `firstSlot`: the first slot after every variable any rule sees (the check-in's names too), so
    /// that a brief rule's comprehension variables never share a slot with them.
    init(file: SourceFile, global: Declarations, firstSlot: Int, pack: String) {
        self.file = file
        self.global = global
        self.pack = pack
        self.nextSlot = firstSlot
    }

    mutating func report(_ message: String, _ span: SourceSpan, help: String? = nil, id: String = "rules.invalid") {
        diagnostics.append(.error(message, id: id, file: file, span: span, help: help))
    }

    mutating func program(_ range: Range<Int>, _ declarations: Declarations, _ aliases: [String: Alias]) -> Program? {
        do throws(DiagnosticList) {
            let p = try Compiler.compile(file, range: range, declarations: declarations, aliases: aliases, hashComments: true,
                                         firstSlot: nextSlot)
            nextSlot = max(nextSlot, p.slotCount)
            return p
        } catch {
            diagnostics += error.diagnostics
            return nil
        }
    }

    mutating func program(_ expr: Expr, _ declarations: Declarations, _ aliases: [String: Alias]) -> Program? {
        do throws(DiagnosticList) {
            let p = try Compiler.compile(expr, file: file, declarations: declarations, aliases: aliases, firstSlot: nextSlot)
            nextSlot = max(nextSlot, p.slotCount)
            return p
        } catch {
            diagnostics += error.diagnostics
            return nil
        }
    }

    mutating func compile(_ r: RuleSource, order: Int) -> CompiledRule? {
        let before = diagnostics.count
        let category = r.category.flatMap { Category(rawValue: $0.0) }
        let severity = r.severity.flatMap { Severity(rawValue: $0.0) }
        if r.category == nil { report("rule \(r.id) has no category", r.idSpan, help: "add: category goals (or metrics, timeline, market, audience, process, execution)") }
        if r.severity == nil { report("rule \(r.id) has no severity", r.idSpan, help: "add: severity warning (or error, info)") }
        if r.when == nil { report("rule \(r.id) has no 'when' condition", r.idSpan, help: "add: when <condition>") }
        if r.about == nil { report("rule \(r.id) does not say what field it is about", r.idSpan, help: "add: about <field>, such as about timeline.media_buy") }
        if r.message == nil { report("rule \(r.id) has no message", r.idSpan, help: "add: message \"...\"") }

        let declarations = global.extended()
        var each: (slot: Int, range: Program)?
        if let e = r.each, let range = program(e.range, global, [:]) {
            var elementType = CELType.dyn
            switch range.type {
            case .list(let t): elementType = t
            case .dyn: break
            default: report("'for each' needs a list, but this is \(range.type)", SourceSpan(e.range.lowerBound, e.range.upperBound))
            }
            let slot = declarations.declare(e.name, elementType)
            each = (slot, range)
        }
        var aliases: [String: Alias] = [:]
        // The names whose value changes from one element of `for each` to the next.
        var perElement: Set<String> = r.each.map { [$0.name] } ?? []
        var compiledLets: [(name: String, program: Program)] = []
        for l in r.lets {
            if declarations.slot(l.name) != nil || aliases[l.name] != nil {
                report("'\(l.name)' is already a name here; choose another", l.nameSpan)
                continue
            }
            guard let p = program(l.range, declarations, aliases) else {
                // The let's own error is reported; its uses should not be reported again as unknown names.
                aliases[l.name] = Alias(node: FailNode("'\(l.name)' could not be compiled", l.nameSpan), type: .dyn)
                continue
            }
            let varies = !p.expression.freeNames.isDisjoint(with: perElement)
            if varies { perElement.insert(l.name) }
            aliases[l.name] = Compiler.alias(p, slot: nextSlot, perElement: varies)
            compiledLets.append((l.name, p))
            nextSlot += 1
        }
        var condition: Program?
        if let when = r.when, let p = program(when, declarations, aliases) {
            if !p.type.fits(.bool) {
                report("the condition must be true or false, but this is \(p.type)", SourceSpan(when.lowerBound, when.upperBound))
            }
            condition = p
        }
        let about = r.about.flatMap { aboutPath($0, declarations, aliases) }
        let message = r.message.flatMap { localized($0, declarations, aliases) }
        var questions: [(Program, LocalizedTemplate)] = []
        for ask in r.asks {
            guard let target = program(ask.target, declarations, aliases), let text = localized(ask.text, declarations, aliases) else { continue }
            if !Self.isPartyType(target.type) {
                report("'ask' needs a party: brand, agency, creators, a party from 'for each', or party ids; this is \(target.type)",
                       SourceSpan(ask.target.lowerBound, ask.target.upperBound))
            }
            questions.append((target, text))
        }
        guard diagnostics.count == before, let category, let severity, let condition, let about, let message else { return nil }
        return CompiledRule(id: r.id, title: r.title, category: category, severity: severity, weight: r.weight?.0 ?? 10, pack: pack,
                            file: file, source: r, order: order, each: each, condition: condition, about: about, message: message,
                            questions: questions, lets: compiledLets)
    }

    static func isPartyType(_ t: CELType) -> Bool {
        switch t {
        case .dyn, .string, .object: return true
        case .list(let e): return isPartyType(e)
        default: return false
        }
    }

    mutating func localized(_ source: LocalizedSource, _ declarations: Declarations, _ aliases: [String: Alias]) -> LocalizedTemplate? {
        guard let english = template(source.english, declarations, aliases) else { return nil }
        var translations: [(language: String, template: Template)] = []
        for t in source.translations {
            guard let compiled = template(t.text, declarations, aliases) else { continue }
            translations.removeAll { $0.language == t.language }
            translations.append((t.language, compiled))
        }
        return LocalizedTemplate(english: english, translations: translations)
    }

    mutating func template(_ s: RuleString, _ declarations: Declarations, _ aliases: [String: Alias]) -> Template? {
        var parts: [Template.Part] = []
        var ok = true
        for part in s.parts {
            switch part {
            case .text(let t): parts.append(.text(t))
            case .expression(let range):
                if let p = program(range, declarations, aliases) { parts.append(.expression(p)) } else { ok = false }
            }
        }
        return ok ? Template(parts: parts, span: s.span) : nil
    }

    /// Splits `about x.f[i].g` into its root and steps.
    mutating func aboutPath(_ range: Range<Int>, _ declarations: Declarations, _ aliases: [String: Alias]) -> AboutPath? {
        let expr: Expr
        do throws(Diagnostic) {
            expr = try ExpressionParser.parse(file, range: range, hashComments: true)
        } catch {
            diagnostics.append(error)
            return nil
        }
        // The whole path must check (a misspelled field is an error here too).
        guard program(expr, declarations, aliases) != nil else { return nil }
        var segments: [AboutPath.Segment] = []
        var cursor = expr
        while true {
            switch cursor.kind {
            case .select(let operand, let field, _):
                segments.insert(.field(field), at: 0)
                cursor = operand
                continue
            case .index(let operand, let key):
                guard let p = program(key, declarations, aliases) else { return nil }
                segments.insert(.index(p), at: 0)
                cursor = operand
                continue
            case .ident(let name):
                guard let root = program(cursor, declarations, aliases) else { return nil }
                let text = String(decoding: file.bytes[range], as: UTF8.self)
                return AboutPath(rootName: name, root: root, segments: segments, text: text)
            default:
                report("'about' names a field of the brief, such as timeline.media_buy or c.prep_days", expr.span)
                return nil
            }
        }
    }
}
