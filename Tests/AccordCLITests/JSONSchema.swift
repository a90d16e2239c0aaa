import AccordCore

/// A JSON Schema (draft-04) validator for the keywords the SARIF 2.1.0 schema uses: `type`,
/// `properties`, `additionalProperties`, `required`, `items`, `minItems`, `uniqueItems`, `enum`,
/// `minimum`, `pattern`, `anyOf`, `oneOf`, `allOf`, `not` and local `$ref`s. Other keywords
/// (`format`, `default`, `description`) do not constrain a document and are ignored. Written for the
/// tests: the SARIF report must validate against the schema it claims.
struct JSONSchema {
    let root: Value

    init(_ root: Value) { self.root = root }

    /// Every violation, as "path: what is wrong".
    func validate(_ value: Value) -> [String] {
        var errors: [String] = []
        check(value, against: root, at: "$", &errors)
        return errors
    }

    func resolve(_ ref: String) -> Value? {
        guard ref.hasPrefix("#") else { return nil }
        var current = root
        for part in ref.dropFirst().split(separator: "/") where !part.isEmpty {
            let key = part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            guard case .map(let m) = current, let next = m[key] else { return nil }
            current = next
        }
        return current
    }

    func check(_ value: Value, against schema: Value, at path: String, _ errors: inout [String]) {
        guard case .map(let s) = schema else { return }
        if case .string(let ref)? = s["$ref"] {
            guard let target = resolve(ref) else {
                errors.append("\(path): unresolvable $ref \(ref)")
                return
            }
            check(value, against: target, at: path, &errors)
            return
        }
        if let type = s["type"] {
            let allowed: [String]
            switch type {
            case .string(let t): allowed = [t]
            case .list(let l): allowed = l.items.compactMap { if case .string(let t) = $0 { return t } else { return nil } }
            default: allowed = []
            }
            if !allowed.isEmpty, !allowed.contains(where: { Self.isType(value, $0) }) {
                errors.append("\(path): expected \(allowed.joined(separator: " or ")), found \(value.typeName)")
                return
            }
        }
        if case .list(let options)? = s["enum"], !options.items.contains(where: { Value.equal($0, value) }) {
            errors.append("\(path): \(PrintForm.string(value, pretty: false)) is not one of the allowed values")
        }
        if case .list(let all)? = s["allOf"] {
            for sub in all.items { check(value, against: sub, at: path, &errors) }
        }
        if case .list(let any)? = s["anyOf"] {
            if !any.items.contains(where: { sub in var e: [String] = []; check(value, against: sub, at: path, &e); return e.isEmpty }) {
                errors.append("\(path): matches none of anyOf")
            }
        }
        if case .list(let one)? = s["oneOf"] {
            let matching = one.items.filter { sub in var e: [String] = []; check(value, against: sub, at: path, &e); return e.isEmpty }.count
            if matching != 1 { errors.append("\(path): matches \(matching) of oneOf") }
        }
        if let not = s["not"] {
            var e: [String] = []
            check(value, against: not, at: path, &e)
            if e.isEmpty { errors.append("\(path): matches a schema it must not") }
        }
        switch value {
        case .map(let object):
            var properties: ValueMap?
            if case .map(let p)? = s["properties"] { properties = p }
            if case .list(let required)? = s["required"] {
                for case .string(let key) in required.items where object[key] == nil {
                    errors.append("\(path): required property '\(key)' is missing")
                }
            }
            for i in 0..<object.count {
                guard case .string(let key) = object.keys[i] else { continue }
                let child = "\(path).\(key)"
                if let sub = properties?[key] {
                    check(object.values[i], against: sub, at: child, &errors)
                } else if let additional = s["additionalProperties"] {
                    if case .bool(false) = additional {
                        errors.append("\(path): property '\(key)' is not allowed")
                    } else {
                        check(object.values[i], against: additional, at: child, &errors)
                    }
                }
            }
        case .list(let list):
            if case .int(let min)? = s["minItems"], list.count < Int(min) {
                errors.append("\(path): needs at least \(min) items, has \(list.count)")
            }
            if case .bool(true)? = s["uniqueItems"] {
                for i in 0..<list.count {
                    for j in (i + 1)..<max(i + 1, list.count) where Value.equal(list.items[i], list.items[j]) {
                        errors.append("\(path): items \(i) and \(j) are equal but must be unique")
                    }
                }
            }
            if let items = s["items"] {
                for (i, item) in list.items.enumerated() { check(item, against: items, at: "\(path)[\(i)]", &errors) }
            }
        case .int(let n):
            checkMinimum(Double(n), s, path, &errors)
        case .double(let d):
            checkMinimum(d, s, path, &errors)
        case .string(let text):
            if case .string(let pattern)? = s["pattern"], let regex = try? Regex(pattern) {
                var budget = Activation(slots: [], costLimit: 1_000_000)
                if (try? regex.matches(text, activation: &budget)) != true {
                    errors.append("\(path): '\(text)' does not match the pattern \(pattern)")
                }
            }
        default:
            break
        }
    }

    func checkMinimum(_ n: Double, _ s: ValueMap, _ path: String, _ errors: inout [String]) {
        let minimum: Double?
        switch s["minimum"] {
        case .int(let m)?: minimum = Double(m)
        case .double(let m)?: minimum = m
        default: minimum = nil
        }
        if let minimum, n < minimum { errors.append("\(path): \(n) is less than the minimum \(minimum)") }
    }

    static func isType(_ value: Value, _ type: String) -> Bool {
        switch (type, value) {
        case ("object", .map), ("array", .list), ("string", .string), ("boolean", .bool), ("null", .null): return true
        case ("integer", .int): return true
        case ("integer", .double(let d)): return d.rounded() == d
        case ("number", .int), ("number", .double): return true
        default: return false
        }
    }
}
