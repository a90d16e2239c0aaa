/// A brief that has passed validation, as rules see it: numbers as doubles, dates as dates (also from
/// JSON strings), `role` and `id` added to every party, absent sections read as empty. It keeps the
/// source spans, so any value a finding is about can be turned back into a path and a position.
package final class Brief: @unchecked Sendable {
    package let document: Document
    package let schema: BriefSchema
    /// The brief as written, normalized.
    package let root: ValueMap
    /// The values of `schema.ruleVariables()`, in order.
    package let variables: [Value]
    /// Brand, agency (when present) and creators.
    package let parties: [ValueMap]

    init(document: Document, schema: BriefSchema, root: ValueMap, variables: [Value], parties: [ValueMap]) {
        self.document = document
        self.schema = schema
        self.root = root
        self.variables = variables
        self.parties = parties
    }

    package var file: SourceFile { document.file }

    /// Where a table of the brief came from: its path (`creators[0].decision_maker`) and the span of
    /// its header or key, whichever comes first. The tables are listed at the first question (briefs
    /// without findings never ask), and a path is spelled only for a table asked about; a brief is
    /// checked and reported on one thread at a time.
    package func origin(of map: ValueMap) -> (path: String, span: SourceSpan)? {
        if origins == nil {
            var list: [TableOrigin] = []
            Brief.collect(root, parent: -1, name: "", element: nil, span: SourceSpan(0, 0), into: &list)
            // A brief has a few dozen tables, searched in order; a brief with very many is indexed.
            var byTable: [ObjectIdentifier: Int]?
            if list.count > Brief.linearOrigins {
                byTable = Dictionary(minimumCapacity: list.count)
                for (k, origin) in list.enumerated() { byTable![origin.table] = k }
            }
            origins = (list, byTable)
        }
        let table = ObjectIdentifier(map)
        guard let (list, byTable) = origins,
              let k = byTable.map({ $0[table] }) ?? list.firstIndex(where: { $0.table == table }) else { return nil }
        return (Brief.path(of: k, in: list), list[k].span)
    }

    /// Up to this many tables are searched in order; more get a dictionary.
    static let linearOrigins = 64

    /// A table of the brief: the table it is in (-1: the brief itself), its key there, its position
    /// when it is an element of a list of tables, and where it starts.
    private struct TableOrigin {
        let table: ObjectIdentifier
        let parent: Int
        let name: String
        let element: Int?
        let span: SourceSpan
    }

    private var origins: (list: [TableOrigin], byTable: [ObjectIdentifier: Int]?)?

    private static func path(of k: Int, in list: [TableOrigin]) -> String {
        let origin = list[k]
        guard origin.parent >= 0 else { return origin.name }
        let parent = path(of: origin.parent, in: list)
        let own = parent.isEmpty ? origin.name : parent + "." + origin.name
        return origin.element.map { "\(own)[\($0)]" } ?? own
    }

    private static func collect(_ map: ValueMap, parent: Int, name: String, element: Int?, span: SourceSpan, into list: inout [TableOrigin]) {
        let k = list.count
        list.append(TableOrigin(table: ObjectIdentifier(map), parent: parent, name: name, element: element, span: span))
        for i in 0..<map.count {
            guard case .string(let key) = map.keys[i] else { continue }
            switch map.values[i] {
            case .map(let child):
                // A table starts at its header ([timeline]) or its key (decision_maker = {...}), whichever is first.
                let start = map.spans.map { SourceSpan(min($0[i].key.start, $0[i].value.start), $0[i].value.end) } ?? span
                collect(child, parent: k, name: key, element: nil, span: start, into: &list)
            case .list(let items):
                let keySpan = map.spans?[i].key ?? span
                for (e, item) in items.items.enumerated() {
                    if case .map(let child) = item {
                        collect(child, parent: k, name: key, element: e, span: items.spans?[e] ?? keySpan, into: &list)
                    }
                }
            default:
                continue
            }
        }
    }

    /// The party id of a party's table (`brand`, `agency`, or a creator's id), if it is one.
    package func partyID(of map: ValueMap) -> String? {
        guard parties.contains(where: { $0 === map }), case .string(let id)? = map["id"] else { return nil }
        return id
    }

    /// The party table with this id (`brand`, `agency`, or a creator's id).
    package func party(id: String) -> ValueMap? {
        parties.first { if case .string(let pid)? = $0["id"] { return pid == id } else { return false } }
    }

    /// The `name` a party gives itself, if any.
    package func partyName(id: String) -> String? {
        guard case .string(let name)? = party(id: id)?["name"] else { return nil }
        return name
    }

    /// `Jess Makes (jess)`: a party as reports and documents name it; the id alone when it has no name.
    package func partyLabel(id: String) -> String {
        partyName(id: id).map { "\($0) (\(id))" } ?? id
    }
}

extension BriefSchema {
    /// Validates a brief document against the schema; every problem is reported.
    package func validate(_ document: Document) throws(DiagnosticList) -> Brief {
        var v = BriefValidator(file: document.file, schema: self, isJSON: Document.format(forPath: document.file.path) == .json)
        guard case .map(let map) = document.root else {
            throw DiagnosticList([.error("a brief is a table of sections ([campaign], [brand], ...), not \(document.root.typeDisplayName)",
                                         id: "brief.type", file: document.file, span: document.rootSpan)])
        }
        let normalized = v.table(map, span: SourceSpan(0, 0), shape: root)
        if v.unlisted > 0 {
            v.diagnostics.append(.error("and \(v.unlisted) more problem\(v.unlisted == 1 ? "" : "s") in this brief, not listed", id: "brief.invalid",
                                        file: document.file, help: "fix the \(BriefLimits.maxProblems) above first"))
        }
        guard v.diagnostics.isEmpty, let rootMap = normalized else { throw DiagnosticList(v.diagnostics) }

        // Parties get their role and id; creators without an id get one.
        var creatorIDs: [String] = []
        var variables: [Value] = []
        var parties: [ValueMap] = []
        let keys = rootMap.keys
        var values = rootMap.values
        let creatorCount: Int
        if case .list(let creators)? = rootMap["creators"] { creatorCount = creators.count } else { creatorCount = 0 }
        for i in 0..<keys.count {
            guard case .string(let key) = keys[i] else { continue }
            switch (key, values[i]) {
            case ("brand", .map(let m)), ("agency", .map(let m)):
                let party = Brief.withRole(m, role: key, id: key)
                values[i] = .map(party)
            case ("creators", .list(let list)):
                var items: [Value] = []
                for (k, item) in list.items.enumerated() {
                    guard case .map(let m) = item else { continue }
                    var id = creatorCount == 1 ? "creator" : "creator\(k + 1)"
                    if case .string(let given)? = m["id"] { id = given }
                    if creatorIDs.contains(id) {
                        v.diagnostics.append(.error("two creators have the id '\(id)'", id: "brief.duplicate-id", file: document.file,
                                                    span: m.keySpan("id") ?? list.spans?[k] ?? SourceSpan(0, 0),
                                                    help: "give each creator its own id; questions and metric owners refer to it"))
                    }
                    creatorIDs.append(id)
                    items.append(.map(Brief.withRole(m, role: "creator", id: id)))
                }
                values[i] = .list(ValueList(items, spans: list.spans))
            default:
                break
            }
        }
        if !v.diagnostics.isEmpty { throw DiagnosticList(v.diagnostics) }
        let finalRoot = ValueMap(keysOf: rootMap, values: values)
        let sections = finalRoot.values
        for field in root.keys {
            if let i = finalRoot.indexOf(string: field.key) {
                variables.append(sections[i])
            } else {
                switch field.type {
                case .list: variables.append(.list(ValueList([])))
                default: variables.append(.map(ValueMap.empty))
                }
            }
        }
        for key in ["brand", "agency"] { if case .map(let m)? = finalRoot[key] { parties.append(m) } }
        if case .list(let creators)? = finalRoot["creators"] {
            for c in creators.items { if case .map(let m) = c { parties.append(m) } }
        }
        variables.append(.list(ValueList(parties.map { .map($0) })))
        variables.append(.map(finalRoot))
        return Brief(document: document, schema: self, root: finalRoot, variables: variables, parties: parties)
    }
}

extension Brief {
    /// The party's table with `role` and `id` added (keeping the spans of what was written).
    static func withRole(_ m: ValueMap, role: String, id: String) -> ValueMap {
        let tableSpan = m.spans?.first?.key ?? SourceSpan(0, 0)
        let at = EntrySpans(key: tableSpan, value: tableSpan)
        var extra: [(key: String, value: Value, spans: EntrySpans)] = []
        if m.indexOf(Brief.roleKey) == nil { extra.append((Brief.roleKey.name, .string(role), at)) }
        if m.indexOf(Brief.idKey) == nil { extra.append((Brief.idKey.name, .string(id), at)) }
        return m.adding(extra)
    }

    /// The keys Accord adds to parties.
    private static let roleKey = HashedKey("role"), idKey = HashedKey("id")
}

/// Checks a brief against the schema, building the normalized values.
struct BriefValidator {
    let file: SourceFile
    let schema: BriefSchema
    let isJSON: Bool
    var diagnostics: [Diagnostic] = []
    /// Problems found past `BriefLimits.maxProblems`, counted only.
    var unlisted = 0
    /// Where the value being checked is, from the brief's root: pushed and popped on the way down,
    /// and spelled out (`path()`) only for a message. (Closures that built it captured, and so
    /// retained, their parts at every level: 2% of a whole check.)
    var trail: [Step] = []

    enum Step {
        case key(String)       // a table's key: `campaign.name`
        case index(Int)        // a list's item: `metrics[0]`
        case mapValue(Value)   // a map's value: `audience_markets.RU`
        case mapKey(Value)     // a map's key: `audience_markets key 'RU'`
    }

    /// The dotted path of the value being checked ("" at the root).
    func path() -> String {
        var out = ""
        for step in trail {
            switch step {
            case .key(let key): out = out.isEmpty ? key : out + "." + key
            case .index(let i): out += "[\(i)]"
            case .mapValue(let key): out += ".\(Ops.keyText(key))"
            case .mapKey(let key): out += " key '\(Ops.keyText(key))'"
            }
        }
        return out
    }

    /// `body` with `step` on the trail.
    @inline(__always)
    mutating func at<T>(_ step: Step, _ body: (inout BriefValidator) -> T) -> T {
        trail.append(step)
        defer { trail.removeLast() }
        return body(&self)
    }

    mutating func report(_ message: String, _ span: SourceSpan, help: String? = nil, fixIt: Diagnostic.FixIt? = nil) {
        guard diagnostics.count < BriefLimits.maxProblems else {
            unlisted += 1
            return
        }
        diagnostics.append(.error(message, id: "brief.invalid", file: file, span: span, help: help, fixIt: fixIt))
    }

    /// A table of the brief, at the trail's end.
    mutating func table(_ map: ValueMap, span: SourceSpan, shape: BriefSchema.Table) -> ValueMap? {
        // Only a table in which a value changed (a number made a double, a JSON date read) is
        // rebuilt; the others are kept as read, with their storage.
        var rebuilt: [Value]?
        for i in 0..<map.count {
            guard case .string(let key) = map.keys[i] else {
                rebuilt?.append(map.values[i])
                continue
            }
            // Every table of the schema is sealed when the schema is built, so its fields have positions.
            let field = shape.fieldIndex(key, hash: map.lookupHash(at: i) ?? KeyIndex.hash(string: key))
            // Most values (a text, a bool, a date, a number in range) are kept as read: decided from
            // the field and the kind of value, without taking a copy of the value first.
            if let field, shape.quickChecks[field].keeps(map.values[i]) {
                rebuilt?.append(map.values[i])
                continue
            }
            let original = map.values[i]
            let checked = check(key, original, field: field, at: i, in: map, span: span, shape: shape)
            if rebuilt == nil && !Self.unchanged(original, checked) {
                rebuilt = Array(map.values[..<i])
                rebuilt!.reserveCapacity(map.count)
            }
            rebuilt?.append(checked)
        }
        for (field, hash) in shape.requiredKeys where map.indexOf(string: field.key, hash: hash) == nil {
            let parent = path()
            let place = parent.isEmpty ? "The brief" : "[\(sectionName(parent))]"
            report("\(place) has no '\(field.key)', which is required", span,
                   help: field.type.isTableList ? "add a [[\(field.key)]] section" : field.type.isTable ? "add a [\(field.key)] section" : "add \(field.key) = ...")
        }
        return rebuilt.map { ValueMap(keysOf: map, values: $0) } ?? map
    }

    /// One key of a table: its value checked against the schema field at position `field` of the
    /// table (as read when it is wrong), or the key reported when the table has no such field.
    mutating func check(_ key: String, _ value: Value, field k: Int?, at i: Int, in map: ValueMap, span: SourceSpan,
                        shape: BriefSchema.Table) -> Value {
        let keySpan = map.spans?[i].key ?? span
        let valueSpan = map.spans?[i].value ?? span
        if let k {
            if let accepted = shape.quickChecks[k].accept(value) { return accepted }
            let field = shape.sealedFields[k]
            return at(.key(key)) { $0.value(value, span: valueSpan, keySpan: keySpan, type: field.type, field: field) } ?? value
        }
        if key.hasPrefix("x_") || key.hasPrefix("x-") { return value }  // extension keys are the author's own
        if shape.derivedField(key) != nil {
            let path = at(.key(key)) { $0.path() }
            report("'\(key)' is set by Accord, not in the brief (\(path))", keySpan, help: "remove this key")
            return value
        }
        guard diagnostics.count < BriefLimits.maxProblems else {
            unlisted += 1
            return value
        }
        let known = shape.keys.map(\.key)
        let guess = Suggestions.closest(to: key, among: known)
        let parent = path()
        let place = parent.isEmpty ? "a brief" : (shape.name == "brief" ? parent : "[\(sectionName(parent))]")
        report("unknown key '\(key)' in \(place)\(guess.map { "; did you mean '\($0)'?" } ?? "")", keySpan,
               help: guess == nil ? "the keys of \(shape.name) are: \(known.joined(separator: ", ")); keys starting with x_ are free for your own use" : nil,
               fixIt: guess.map { .init(span: keySpan, replacement: $0) })
        return value
    }

    /// Whether validation gave back the value as read: the same table or list storage, the same number.
    static func unchanged(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.map(let x), .map(let y)): return x === y
        case (.list(let x), .list(let y)):
            return x.items.withUnsafeBufferPointer { p in y.items.withUnsafeBufferPointer { q in p.baseAddress == q.baseAddress } }
        case (.double(let x), .double(let y)): return x.bitPattern == y.bitPattern
        case (.string, .string), (.int, .int), (.bool, .bool), (.date, .date), (.null, .null): return true
        default: return false
        }
    }

    /// `creators[0].decision_maker` -> `creators.decision_maker`, for a header-like name.
    func sectionName(_ path: String) -> String {
        var out = ""
        var skipping = false
        for c in path {
            if c == "[" { skipping = true } else if c == "]" { skipping = false } else if !skipping { out.append(c) }
        }
        return out
    }

    /// A value at the trail's end, checked against its type; nil when it is wrong (reported).
    mutating func value(_ v: Value, span: SourceSpan, keySpan: SourceSpan, type: BriefSchema.FieldType, field: BriefSchema.Field) -> Value? {
        func wrong() -> Value? {
            let path = path()
            var help: String?
            if case .date = type {
                if case .string(let s) = v, LocalDate(iso: s) != nil { help = "remove the quotes: \(path.split(separator: ".").last ?? "") = \(s)" }
                if case .datetime = v { help = "a date has no time of day: write just the date, such as 2026-03-20" }
                if case .timestamp = v { help = "a date has no time or offset: write just the date, such as 2026-03-20" }
            }
            if case .int = type, case .double(let d) = v, d.rounded() == d, abs(d) < 1e15 { help = "write it without the decimal point: \(Int64(d))" }
            if case .int = type, case .string(let text) = v, let n = Int64(TextOps.trimmed(text)) {
                help = "remove the quotes: \(path.split(separator: ".").last ?? "") = \(n)"
            }
            if case .number = type, case .string(let text) = v, let n = Double(TextOps.trimmed(text)), n.isFinite {
                help = "remove the quotes: \(path.split(separator: ".").last ?? "") = \(TextOps.trimmed(text))"
            }
            if case .text = type, !(v.isContainer) { help = "put it in quotes: \"\(PrintForm.string(v, pretty: false))\"" }
            report("\(path) must be \(type.phrase), not \(v.humanTypeName)", span, help: help)
            return nil
        }
        switch type {
        case .text:
            guard case .string = v else { return wrong() }
            return v
        case .int:
            guard case .int(let i) = v else { return wrong() }
            checkRange(Double(i), field, span)
            return v
        case .number:
            let d: Double
            switch v {
            case .int(let i): d = Double(i)
            case .double(let x): d = x
            default: return wrong()
            }
            checkRange(d, field, span)
            return .double(d)
        case .bool:
            guard case .bool = v else { return wrong() }
            return v
        case .date:
            if case .date = v { return v }
            if isJSON, case .string(let s) = v {
                guard let d = LocalDate(iso: s) else {
                    report("\(path()) must be a date written YYYY-MM-DD, not \"\(s)\"", span)
                    return nil
                }
                return .date(d)
            }
            return wrong()
        case .scalar(let scalar):
            guard let base = value(v, span: span, keySpan: keySpan, type: scalar.base, field: field) else { return nil }
            if case .string(let s) = base {
                if let allowed = scalar.values, !allowed.contains(s) {
                    let guess = Suggestions.closest(to: s, among: allowed)
                    report("'\(s)' is not a \(scalar.name) (\(path()))\(guess.map { "; did you mean '\($0)'?" } ?? "")", span,
                           help: guess == nil ? "a \(scalar.name) is one of: \(allowed.joined(separator: ", "))" : nil,
                           fixIt: guess.map { .init(span: span, replacement: "\"\($0)\"") })
                } else if let pattern = scalar.pattern, !scalar.accepts(s, pattern) {
                    var help = "a \(scalar.name) is \(scalar.doc)"
                    if let example = scalar.example { help += ", such as \(example)" }
                    var fixIt: Diagnostic.FixIt?
                    if scalar.accepts(s.uppercased(), pattern) {
                        fixIt = .init(span: span, replacement: "\"\(s.uppercased())\"")
                        help = "write it in upper case: \"\(s.uppercased())\""
                    } else if scalar.accepts(s.lowercased(), pattern) {
                        fixIt = .init(span: span, replacement: "\"\(s.lowercased())\"")
                        help = "write it in lower case: \"\(s.lowercased())\""
                    }
                    report("'\(s)' is not a valid \(scalar.name) (\(path()))", span, help: help, fixIt: fixIt)
                }
            }
            return base
        case .list(let element):
            guard case .list(let list) = v else { return wrong() }
            if let minItems = field.minItems, list.count < minItems {
                report("\(path()) needs at least \(minItems) entr\(minItems == 1 ? "y" : "ies")", span)
            }
            if list.count > BriefLimits.maxItems {
                report("\(path()) has \(list.count) entries; a brief lists at most \(BriefLimits.maxItems)", span,
                       help: "split the campaign into several briefs; rules compare entries with each other, so their time grows with the square of a list")
                return v
            }
            // Most lists (goals, platforms, dates) are checked, not rewritten: they keep their storage.
            let rewrites = normalizes(element)
            var items: [Value] = []
            if rewrites { items.reserveCapacity(list.count) }
            for (i, item) in list.items.enumerated() {
                let itemSpan = list.spans?[i] ?? span
                let checked = at(.index(i)) { $0.value(item, span: itemSpan, keySpan: itemSpan, type: element, field: field) }
                if rewrites { items.append(checked ?? item) }
            }
            return rewrites ? .list(ValueList(items, spans: list.spans)) : v
        case .map(let keyType, let valueType):
            guard case .map(let map) = v else { return wrong() }
            var rebuilt: [Value]?
            for i in 0..<map.count {
                let kSpan = map.spans?[i].key ?? span
                let vSpan = map.spans?[i].value ?? span
                let key = map.keys[i]
                _ = at(.mapKey(key)) { $0.value(key, span: kSpan, keySpan: kSpan, type: keyType, field: field) }
                let original = map.values[i]
                let checked = at(.mapValue(key)) { $0.value(original, span: vSpan, keySpan: kSpan, type: valueType, field: field) } ?? original
                if rebuilt == nil && !Self.unchanged(original, checked) { rebuilt = Array(map.values[..<i]) }
                rebuilt?.append(checked)
            }
            return rebuilt.map { .map(ValueMap(keysOf: map, values: $0)) } ?? v
        case .table(let shape):
            guard case .map(let map) = v else {
                report("\(path()) must be a table (\(shape.name)), not \(v.humanTypeName)", span,
                       help: "write it as a [\(sectionName(path()))] section or an inline table { ... }")
                return nil
            }
            return table(map, span: keySpan, shape: shape).map { .map($0) }
        }
    }

    /// Whether values of this type can come out of validation different from how they were read:
    /// numbers become doubles, JSON dates become dates, tables and maps hold such values.
    func normalizes(_ type: BriefSchema.FieldType) -> Bool {
        switch type {
        case .text, .int, .bool: return false
        case .date: return isJSON
        case .scalar(let scalar): return normalizes(scalar.base)
        case .list(let element): return normalizes(element)
        case .map(_, let value): return normalizes(value)
        case .number, .table: return true
        }
    }

    mutating func checkRange(_ d: Double, _ field: BriefSchema.Field, _ span: SourceSpan) {
        if let min = field.min, d < min { report("\(path()) must be at least \(GoFormat.g(min)), not \(GoFormat.g(d))", span) }
        if let max = field.max, d > max { report("\(path()) must be at most \(GoFormat.g(max)), not \(GoFormat.g(d))", span) }
    }
}

extension BriefSchema.Scalar {
    func accepts(_ s: String, _ pattern: Regex) -> Bool {
        if let found = pattern.quickMatch(s) { return found }
        var budget = Activation(slots: [], costLimit: 100_000)
        return (try? pattern.matches(s, activation: &budget)) ?? false
    }
}

extension BriefSchema.FieldType {
    var isTableList: Bool {
        if case .list(.table) = self { return true }
        return false
    }

    var isTable: Bool {
        if case .table = self { return true }
        if case .list(.table) = self { return true }
        return false
    }
}

extension Value {
    var isContainer: Bool {
        switch self {
        case .list, .map: return true
        default: return false
        }
    }

    /// The kind of value, as a person reads it in a message.
    var humanTypeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "true/false"
        case .int: return "a whole number"
        case .double: return "a number with a decimal point"
        case .string: return "text"
        case .date: return "a date"
        case .time: return "a time of day"
        case .datetime: return "a date and time"
        case .timestamp: return "a date and time with an offset"
        case .duration: return "a duration"
        case .list: return "a list"
        case .map: return "a table"
        }
    }
}

/// Limits on what a brief may hold, beyond its schema.
package enum BriefLimits {
    /// Entries in one list (creators, metrics, deliverables...): far more than any campaign has, and
    /// few enough that rules which compare entries pairwise stay well under a second for a brief.
    package static let maxItems = 500
    /// Problems reported for one brief: past them, the rest are counted, not listed (a brief with a
    /// million unknown keys took 11 s and 1.8 GB to list them all).
    package static let maxProblems = 100
}
