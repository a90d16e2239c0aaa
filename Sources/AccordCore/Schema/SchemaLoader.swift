/// Builds a `BriefSchema` from schema files, in order: the core pack's, then extensions from other
/// packs, which may add scalars, tables, and keys to existing tables.
package struct SchemaLoader {
    struct PendingField {
        let table: String
        let key: String
        let typeText: String
        let typeSpan: SourceSpan
        let keySpan: SourceSpan
        let file: SourceFile
        let required: Bool
        let doc: String
        let min: Double?
        let max: Double?
        let minItems: Int?
        let derived: Bool
    }

    struct PendingScalar {
        let name: String
        let base: String
        let baseSpan: SourceSpan
        let file: SourceFile
        let pattern: String?
        let patternSpan: SourceSpan
        let values: [String]?
        let doc: String
        let example: String?
    }

    var scalars: [String: PendingScalar] = [:]
    var tableOrder: [String] = []
    var tableDocs: [String: String] = [:]
    var extends: [String: (name: String, span: SourceSpan, file: SourceFile)] = [:]
    var fields: [PendingField] = []
    var tableSpans: [String: (SourceSpan, SourceFile)] = [:]
    package private(set) var diagnostics: [Diagnostic] = []

    package init() {}

    static let fieldAttributes = ["type", "required", "doc", "min", "max", "min_items"]

    /// Reads one schema file.
    package mutating func add(_ document: Document) {
        guard let root = TableReader(document, context: "the schema", diagnostics: &diagnostics) else { return }
        root.checkKeys(["scalars", "tables"], &diagnostics)
        if let scalarsTable = root.table("scalars", &diagnostics) {
            for (name, t) in scalarsTable.tables(&diagnostics, childContext: { "scalars.\($0)" }) {
                t.checkKeys(["base", "pattern", "values", "doc", "example"], &diagnostics)
                scalars[name] = PendingScalar(
                    name: name, base: t.string("base", &diagnostics) ?? "text", baseSpan: t.valueSpan("base"), file: document.file,
                    pattern: t.string("pattern", &diagnostics), patternSpan: t.valueSpan("pattern"),
                    values: t.strings("values", &diagnostics)?.map(\.0), doc: t.string("doc", &diagnostics) ?? "",
                    example: t.string("example", &diagnostics))
            }
        }
        guard let tablesTable = root.table("tables", &diagnostics) else { return }
        for (name, t) in tablesTable.tables(&diagnostics, childContext: { "tables.\($0)" }) {
            t.checkKeys(["doc", "extends", "keys", "derived"], &diagnostics)
            if !tableOrder.contains(name) {
                tableOrder.append(name)
                tableSpans[name] = (t.span, document.file)
            }
            if let doc = t.string("doc", &diagnostics) { tableDocs[name] = doc }
            if let parent = t.string("extends", &diagnostics) { extends[name] = (parent, t.valueSpan("extends"), document.file) }
            for (section, derived) in [("keys", false), ("derived", true)] {
                guard let keys = t.table(section, &diagnostics) else { continue }
                for (i, key) in keys.map.keys.enumerated() {
                    guard case .string(let k) = key else { continue }
                    let keySpan = keys.map.spans?[i].key ?? keys.span
                    let valueSpan = keys.map.spans?[i].value ?? keys.span
                    switch keys.map.values[i] {
                    case .string(let typeText):
                        fields.append(PendingField(table: name, key: k, typeText: typeText, typeSpan: valueSpan, keySpan: keySpan,
                                                   file: document.file, required: false, doc: "", min: nil, max: nil, minItems: nil,
                                                   derived: derived))
                    case .map(let spec):
                        let f = TableReader(file: document.file, map: spec, span: keySpan, context: "tables.\(name).\(section).\(k)")
                        f.checkKeys(SchemaLoader.fieldAttributes, &diagnostics)
                        guard let typeText = f.string("type", &diagnostics) else {
                            diagnostics.append(f.error("key '\(k)' of table '\(name)' needs a type", keySpan,
                                                       help: "write \(k) = { type = \"text\" }"))
                            continue
                        }
                        fields.append(PendingField(table: name, key: k, typeText: typeText, typeSpan: f.valueSpan("type"), keySpan: keySpan,
                                                   file: document.file, required: f.bool("required", &diagnostics) ?? false,
                                                   doc: f.string("doc", &diagnostics) ?? "", min: f.number("min", &diagnostics),
                                                   max: f.number("max", &diagnostics), minItems: f.int("min_items", &diagnostics),
                                                   derived: derived))
                    default:
                        diagnostics.append(keys.error("key '\(k)' of table '\(name)' must be a type or a table such as { type = \"text\" }", valueSpan))
                    }
                }
            }
        }
    }

    /// Resolves names and builds the schema; every problem found is reported.
    package func build() throws(DiagnosticList) -> BriefSchema {
        var diagnostics = self.diagnostics
        var builtScalars: [String: BriefSchema.Scalar] = [:]
        for (name, s) in scalars.sorted(by: { $0.key < $1.key }) {
            let base: BriefSchema.FieldType
            switch s.base {
            case "text": base = .text
            case "int": base = .int
            case "number": base = .number
            default:
                diagnostics.append(.error("a scalar's base is text, int or number, not '\(s.base)'", id: "schema.type", file: s.file, span: s.baseSpan))
                base = .text
            }
            var regex: Regex?
            if let p = s.pattern {
                do throws(EvalError) {
                    regex = try Regex(p)
                } catch {
                    diagnostics.append(.error(error.message, id: "schema.pattern", file: s.file, span: s.patternSpan))
                }
            }
            builtScalars[name] = BriefSchema.Scalar(name: name, base: base, pattern: regex, patternText: s.pattern, values: s.values,
                                                    doc: s.doc, example: s.example)
        }
        var tables: [String: BriefSchema.Table] = [:]
        for name in tableOrder { tables[name] = BriefSchema.Table(name: name, doc: tableDocs[name] ?? "") }
        for (name, parent) in extends {
            guard let p = tables[parent.name] else {
                diagnostics.append(.error("table '\(name)' extends '\(parent.name)', which is not defined\(Suggestions.didYouMean(parent.name, among: tableOrder))",
                                          id: "schema.type", file: parent.file, span: parent.span))
                continue
            }
            // Refuse cycles.
            var cursor: BriefSchema.Table? = p
            var cyclic = false
            while let c = cursor {
                if c.name == name {
                    cyclic = true
                    break
                }
                cursor = c.parent
            }
            if cyclic {
                diagnostics.append(.error("table '\(name)' extends itself through '\(parent.name)'", id: "schema.type", file: parent.file, span: parent.span))
            } else {
                tables[name]!.parent = p
            }
        }
        let knownNames = ["text", "int", "number", "bool", "date"] + builtScalars.keys.sorted() + tableOrder
        for f in fields {
            guard let table = tables[f.table] else { continue }
            var parser = TypeExpressionParser(text: f.typeText, scalars: builtScalars, tables: tables)
            guard let type = parser.parse() else {
                let problem = parser.problem ?? "is not a type"
                let guess = parser.unknownName.flatMap { Suggestions.closest(to: $0, among: knownNames) }
                diagnostics.append(.error("'\(f.typeText)' \(problem)\(guess.map { "; did you mean '\($0)'?" } ?? "")", id: "schema.type",
                                          file: f.file, span: f.typeSpan,
                                          help: "types are text, int, number, bool, date, [T], {K: V}, or one of: \(knownNames.dropFirst(5).joined(separator: ", "))"))
                continue
            }
            // A key may take the place of a key its parent derives (a creator writes its own id).
            if table.field(f.key) != nil || (f.derived && table.derivedField(f.key) != nil) {
                diagnostics.append(.error("table '\(f.table)' already has a key '\(f.key)'", id: "schema.duplicate", file: f.file, span: f.keySpan))
                continue
            }
            let field = BriefSchema.Field(key: f.key, type: type, required: f.required, doc: f.doc, min: f.min, max: f.max, minItems: f.minItems)
            if f.derived { table.derived.append(field) } else { table.ownKeys.append(field) }
        }
        guard let root = tables["brief"] else {
            diagnostics.append(.error("the schema has no 'brief' table", id: "schema.root",
                                      file: fields.first?.file ?? SourceFile(path: "<schema>", text: ""), span: SourceSpan(0, 0)))
            throw DiagnosticList(diagnostics)
        }
        if !diagnostics.isEmpty { throw DiagnosticList(diagnostics) }
        return BriefSchema(scalars: builtScalars, tables: tables, root: root)
    }
}

/// Reads type expressions: `text`, `market`, `[goal]`, `{market: number}`.
struct TypeExpressionParser {
    let chars: [Character]
    let scalars: [String: BriefSchema.Scalar]
    let tables: [String: BriefSchema.Table]
    var i = 0
    var problem: String?
    var unknownName: String?

    init(text: String, scalars: [String: BriefSchema.Scalar], tables: [String: BriefSchema.Table]) {
        chars = Array(text)
        self.scalars = scalars
        self.tables = tables
    }

    mutating func parse() -> BriefSchema.FieldType? {
        guard let t = type() else { return nil }
        skipSpaces()
        if i != chars.count {
            problem = "has extra text after the type"
            return nil
        }
        return t
    }

    mutating func skipSpaces() { while i < chars.count, chars[i] == " " { i += 1 } }

    mutating func type() -> BriefSchema.FieldType? {
        skipSpaces()
        guard i < chars.count else {
            problem = "is not a type"
            return nil
        }
        if chars[i] == "[" {
            i += 1
            guard let element = type() else { return nil }
            skipSpaces()
            guard i < chars.count, chars[i] == "]" else {
                problem = "is missing a closing ']'"
                return nil
            }
            i += 1
            return .list(element)
        }
        if chars[i] == "{" {
            i += 1
            guard let key = type() else { return nil }
            skipSpaces()
            guard i < chars.count, chars[i] == ":" else {
                problem = "needs ':' between the key and value types, as {market: number}"
                return nil
            }
            i += 1
            guard let value = type() else { return nil }
            skipSpaces()
            guard i < chars.count, chars[i] == "}" else {
                problem = "is missing a closing '}'"
                return nil
            }
            i += 1
            return .map(key, value)
        }
        let start = i
        while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" { i += 1 }
        let name = String(chars[start..<i])
        switch name {
        case "text": return .text
        case "int": return .int
        case "number": return .number
        case "bool": return .bool
        case "date": return .date
        default:
            if let s = scalars[name] { return .scalar(s) }
            if let t = tables[name] { return .table(t) }
            problem = name.isEmpty ? "is not a type" : "names an unknown type '\(name)'"
            unknownName = name.isEmpty ? nil : name
            return nil
        }
    }
}
