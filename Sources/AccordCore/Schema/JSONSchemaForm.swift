/// The brief schema as a JSON Schema (draft 2020-12), for editors and validators that read one
/// (Taplo's `#:schema`, VS Code's `json.schemas`): the same tables, keys, types, allowed values,
/// ranges and descriptions the briefs are validated against, unknown keys refused. TOML dates are
/// strings of format `date` here, as a JSON brief writes them.
extension BriefSchema {
    package func jsonSchema(id: String = "https://accord.invalid/brief.schema.json") -> Value {
        var defs: [(String, Value)] = []
        for name in scalars.keys.sorted() {
            guard let s = scalars[name] else { continue }
            var pairs: [(String, Value)] = [("description", .string(s.doc))]
            pairs += Self.base(s.base)
            if let values = s.values { pairs.append(("enum", .list(values.map(Value.string)))) }
            if let pattern = s.patternText { pairs.append(("pattern", .string(pattern))) }
            defs.append((name, .map(ValueMap(pairs))))
        }
        for name in tables.keys.sorted() where tables[name] !== root {
            guard let t = tables[name] else { continue }
            defs.append((name, object(t)))
        }
        var top: [(String, Value)] = [
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string(id)),
            ("title", .string("Accord campaign brief")),
        ]
        if case .map(let body) = object(root) { top += body.stringKeys.map { ($0, body[$0] ?? .null) } }
        top.append(("$defs", .map(ValueMap(defs))))
        return .map(ValueMap(top))
    }

    private static func base(_ type: FieldType) -> [(String, Value)] {
        switch type {
        case .text: return [("type", .string("string"))]
        case .int: return [("type", .string("integer"))]
        case .number: return [("type", .string("number"))]
        case .bool: return [("type", .string("boolean"))]
        case .date: return [("type", .string("string")), ("format", .string("date"))]
        default: return []
        }
    }

    /// A table: its keys, those required, nothing else.
    private func object(_ t: Table) -> Value {
        var properties: [(String, Value)] = []
        for field in t.keys { properties.append((field.key, property(field))) }
        var pairs: [(String, Value)] = [("type", .string("object"))]
        if !t.doc.isEmpty { pairs.append(("description", .string(t.doc))) }
        pairs.append(("properties", .map(ValueMap(properties))))
        let required = t.keys.filter(\.required).map { Value.string($0.key) }
        if !required.isEmpty { pairs.append(("required", .list(required))) }
        pairs.append(("additionalProperties", .bool(false)))
        return .map(ValueMap(pairs))
    }

    private func property(_ field: Field) -> Value {
        var pairs = schema(field.type, field: field)
        if !field.doc.isEmpty { pairs.insert(("description", .string(field.doc)), at: 0) }
        return .map(ValueMap(pairs))
    }

    /// The schema of a value of `type`; a field's range applies to numbers, and to a list's items and a
    /// map's values.
    private func schema(_ type: FieldType, field: Field?) -> [(String, Value)] {
        var pairs: [(String, Value)]
        switch type {
        case .text, .int, .number, .bool, .date: pairs = Self.base(type)
        case .scalar(let s): pairs = [("$ref", .string("#/$defs/\(s.name)"))]
        case .table(let t): pairs = [("$ref", .string("#/$defs/\(t.name)"))]
        case .list(let e):
            pairs = [("type", .string("array")), ("items", .map(ValueMap(schema(e, field: field))))]
            if let n = field?.minItems { pairs.append(("minItems", .int(Int64(n)))) }
            return pairs
        case .map(let k, let v):
            return [("type", .string("object")), ("propertyNames", .map(ValueMap(schema(k, field: nil)))),
                    ("additionalProperties", .map(ValueMap(schema(v, field: field))))]
        }
        if case .int = type, let field { pairs += Self.range(field) }
        if case .number = type, let field { pairs += Self.range(field) }
        return pairs
    }

    private static func range(_ field: Field) -> [(String, Value)] {
        var pairs: [(String, Value)] = []
        if let min = field.min { pairs.append(("minimum", min == min.rounded() ? .int(Int64(min)) : .double(min))) }
        if let max = field.max { pairs.append(("maximum", max == max.rounded() ? .int(Int64(max)) : .double(max))) }
        return pairs
    }
}
