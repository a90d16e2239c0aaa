/// The static type of an expression, as the checker knows it. `dyn` is "not known until it runs":
/// anything goes statically and the evaluation checks.
package indirect enum CELType: Sendable, CustomStringConvertible {
    case dyn
    case null, bool, int, double, string
    case date, time, datetime, timestamp, duration
    case list(CELType)
    case map(CELType, CELType)
    /// A table with declared fields (a brief section, a data table).
    case object(ObjectType)

    package var description: String {
        switch self {
        case .dyn: return "dyn"
        case .null: return "null"
        case .bool: return "bool"
        case .int: return "int"
        case .double: return "double"
        case .string: return "string"
        case .date: return "date"
        case .time: return "time"
        case .datetime: return "datetime"
        case .timestamp: return "timestamp"
        case .duration: return "duration"
        case .list(let e): return "list(\(e))"
        case .map(let k, let v): return "map(\(k), \(v))"
        case .object(let o): return o.name
        }
    }

    package var isDyn: Bool {
        if case .dyn = self { return true }
        return false
    }

    /// Whether a value of type `self` may be passed where `expected` is wanted. `dyn` on either
    /// side is always fine; objects are maps with string keys.
    package func fits(_ expected: CELType) -> Bool {
        switch (self, expected) {
        case (.dyn, _), (_, .dyn): return true
        case (.null, .null), (.bool, .bool), (.int, .int), (.double, .double), (.string, .string),
             (.date, .date), (.time, .time), (.datetime, .datetime), (.timestamp, .timestamp), (.duration, .duration):
            return true
        case (.list(let a), .list(let b)): return a.fits(b)
        case (.map(let ak, let av), .map(let bk, let bv)): return ak.fits(bk) && av.fits(bv)
        case (.object, .map(let k, _)): return CELType.string.fits(k)
        case (.object(let a), .object(let b)): return a === b
        case (.null, .object), (.null, .map), (.null, .list): return false
        default: return false
        }
    }

    /// The type both `self` and `other` fit, or dyn.
    package func join(_ other: CELType) -> CELType {
        switch (self, other) {
        case (.list(let a), .list(let b)): return .list(a.join(b))
        case (.map(let ak, let av), .map(let bk, let bv)): return .map(ak.join(bk), av.join(bv))
        case (.object(let a), .object(let b)) where a === b: return self
        case (.dyn, _), (_, .dyn): return .dyn
        default: return self.fits(other) && other.fits(self) ? self : .dyn
        }
    }

    /// The static type of a value (lists and maps by their first element).
    package static func of(_ value: Value) -> CELType {
        switch value {
        case .null: return .null
        case .bool: return .bool
        case .int: return .int
        case .double: return .double
        case .string: return .string
        case .date: return .date
        case .time: return .time
        case .datetime: return .datetime
        case .timestamp: return .timestamp
        case .duration: return .duration
        case .list(let l):
            guard let first = l.items.first else { return .list(.dyn) }
            let t = l.items.dropFirst().reduce(of(first)) { $0.join(of($1)) }
            return .list(t)
        case .map(let m):
            guard m.count > 0 else { return .map(.dyn, .dyn) }
            var k = of(m.keys[0])
            var v = of(m.values[0])
            for i in 1..<m.count {
                k = k.join(of(m.keys[i]))
                v = v.join(of(m.values[i]))
            }
            return .map(k, v)
        }
    }
}

/// A table shape with named, typed fields: what `brand`, `timeline` or a data table is to the
/// checker. `open` shapes also allow keys they do not declare (they read as dyn).
package final class ObjectType: @unchecked Sendable {
    package struct Field: Sendable {
        package let name: String
        package let type: CELType
        package let doc: String
        /// A field that a value of the shape may lack (read it after `has()`), for shapes that are
        /// not the brief's (the brief schema says its own).
        package var mayBeAbsent = false
    }

    package let name: String
    package private(set) var fields: [Field] = []
    private var byName: [String: Int] = [:]
    package let open: Bool

    package init(name: String, open: Bool = false) {
        self.name = name
        self.open = open
    }

    /// Adds (or replaces) a field; only while declarations are being built, before any checking.
    package func add(_ name: String, _ type: CELType, doc: String = "", mayBeAbsent: Bool = false) {
        let field = Field(name: name, type: type, doc: doc, mayBeAbsent: mayBeAbsent)
        if let i = byName[name] {
            fields[i] = field
        } else {
            byName[name] = fields.count
            fields.append(field)
        }
    }

    package func field(_ name: String) -> Field? {
        byName[name].map { fields[$0] }
    }

    package var fieldNames: [String] { fields.map(\.name) }
}
