/// The declared shape of a brief: named scalar types (market, goal, ...) and tables (party, metric,
/// ...), read from the schema files of the packs. It validates briefs, gives rule expressions their
/// static types, and generates the brief format's documentation.
package final class BriefSchema: @unchecked Sendable {
    package indirect enum FieldType: CustomStringConvertible {
        case text, int, number, bool, date
        case scalar(Scalar)
        case table(Table)
        case list(FieldType)
        case map(FieldType, FieldType)

        package var description: String {
            switch self {
            case .text: return "text"
            case .int: return "int"
            case .number: return "number"
            case .bool: return "bool"
            case .date: return "date"
            case .scalar(let s): return s.name
            case .table(let t): return t.name
            case .list(let e): return "[\(e)]"
            case .map(let k, let v): return "{\(k): \(v)}"
            }
        }

        /// How a person reads the type in a message: "a date", "a list of goals".
        package var phrase: String {
            switch self {
            case .text: return "text"
            case .int: return "a whole number"
            case .number: return "a number"
            case .bool: return "true or false"
            case .date: return "a date (such as 2026-03-20)"
            case .scalar(let s): return "a \(s.name.replacingOccurrences(of: "_", with: " "))"
            case .table(let t): return "a table (\(t.name))"
            case .list(let e): return "a list of \(e.pluralPhrase)"
            case .map(let k, let v): return "a table from \(k.pluralPhrase) to \(v.pluralPhrase)"
            }
        }

        var pluralPhrase: String {
            switch self {
            case .text: return "text"
            case .int: return "whole numbers"
            case .number: return "numbers"
            case .bool: return "true or false"
            case .date: return "dates"
            case .scalar(let s): return s.name.replacingOccurrences(of: "_", with: " ") + "s"
            case .table(let t): return t.name + "s"
            case .list, .map: return phrase
            }
        }
    }

    /// A named kind of text (or number) with a pattern or a list of allowed values.
    package final class Scalar {
        package let name: String
        package let base: FieldType
        package let pattern: Regex?
        package let patternText: String?
        package let values: [String]?
        package let doc: String
        package let example: String?

        init(name: String, base: FieldType, pattern: Regex?, patternText: String?, values: [String]?, doc: String, example: String?) {
            self.name = name
            self.base = base
            self.pattern = pattern
            self.patternText = patternText
            self.values = values
            self.doc = doc
            self.example = example
        }
    }

    /// A key of a table. A class: validation looks fields up for every key of every brief, and
    /// passing a reference costs less than copying the description.
    package final class Field {
        package let key: String
        package let type: FieldType
        package let required: Bool
        package let doc: String
        package let min: Double?
        package let max: Double?
        package let minItems: Int?

        init(key: String, type: FieldType, required: Bool, doc: String, min: Double?, max: Double?, minItems: Int?) {
            self.key = key
            self.type = type
            self.required = required
            self.doc = doc
            self.min = min
            self.max = max
            self.minItems = minItems
        }
    }

    /// What validation can decide about a key's value at once: a value of the kind the field takes as
    /// it is (text, a whole number, true/false, a date), or a number to be read as a double, within
    /// the field's range. Anything else (named scalars, lists, tables, maps, a value of the wrong kind
    /// or out of range) takes the general path, which also explains what is wrong.
    struct QuickCheck {
        enum Kind { case text, int, number, bool, date, general }
        let kind: Kind
        let min: Double
        let max: Double

        init(_ field: Field) {
            switch field.type {
            case .text: kind = .text
            case .int: kind = .int
            case .number: kind = .number
            case .bool: kind = .bool
            case .date: kind = .date
            default: kind = .general
            }
            min = field.min ?? -.infinity
            max = field.max ?? .infinity
        }

        /// The value as validated, or nil for the general path. (NaN is in range, as `checkRange` has it.)
        @inline(__always)
        func accept(_ v: Value) -> Value? {
            if keeps(v) { return v }
            if kind == .number, case .int(let i) = v, inRange(Double(i)) { return .double(Double(i)) }
            return nil
        }

        /// Whether `accept` gives `v` back as it is.
        @inline(__always)
        func keeps(_ v: Value) -> Bool {
            switch (kind, v) {
            case (.text, .string), (.bool, .bool), (.date, .date): return true
            case (.int, .int(let i)): return inRange(Double(i))
            case (.number, .double(let d)): return inRange(d)
            default: return false
            }
        }

        @inline(__always)
        private func inRange(_ d: Double) -> Bool { !(d < min) && !(d > max) }
    }

    /// A table shape: its own keys, keys it inherits, and keys Accord derives for rules.
    package final class Table {
        package let name: String
        package internal(set) var doc: String
        package internal(set) var parent: Table?
        package internal(set) var ownKeys: [Field] = []
        package internal(set) var derived: [Field] = []

        init(name: String, doc: String) {
            self.name = name
            self.doc = doc
        }

        deinit { releaseSealedKeys() }

        private func releaseSealedKeys() {
            sealedNames.deinitialize()
            sealedNames.deallocate()
            sealedHashes.deallocate()
        }

        /// Inherited keys first, then its own.
        package var keys: [Field] { (parent?.keys ?? []) + ownKeys }
        package var allDerived: [Field] { (parent?.allDerived ?? []) + derived }

        /// Every key, with the low 32 bits of each name's hash and its quick check, built by `seal()`
        /// once the schema is complete.
        private(set) var sealedFields: [Field] = []
        /// The names and the low 32 bits of their hashes, in storage of their own: read from an array
        /// property of this class (which may change, as far as the compiler knows), each lookup
        /// retained and released the array.
        private var sealedNames = UnsafeMutableBufferPointer<String>(start: nil, count: 0)
        private var sealedHashes = UnsafeMutableBufferPointer<UInt32>(start: nil, count: 0)
        private(set) var quickChecks: [QuickCheck] = []
        private var sealed = false
        /// The required keys with their hashes, for checking a table without building `keys`.
        private var sealedRequired: [(field: Field, hash: UInt64)] = []

        var requiredKeys: [(field: Field, hash: UInt64)] {
            sealed ? sealedRequired : keys.filter(\.required).map { ($0, KeyIndex.hash(string: $0.key)) }
        }

        /// Builds the lookup by name; the table must not change afterwards.
        func seal() {
            let all = keys
            sealedFields = all
            releaseSealedKeys()
            sealedNames = .allocate(capacity: all.count)
            _ = sealedNames.initialize(from: all.map(\.key))
            sealedHashes = .allocate(capacity: all.count)
            _ = sealedHashes.initialize(from: all.map { UInt32(truncatingIfNeeded: KeyIndex.hash(string: $0.key)) })
            quickChecks = all.map(QuickCheck.init)
            sealedRequired = all.filter(\.required).map { ($0, KeyIndex.hash(string: $0.key)) }
            sealed = true
        }

        package func field(_ key: String) -> Field? {
            field(key, hash: KeyIndex.hash(string: key))
        }

        /// The field named `key`, whose `KeyIndex.hash` is `hash`.
        func field(_ key: String, hash: UInt64) -> Field? {
            if sealed { return fieldIndex(key, hash: hash).map { sealedFields[$0] } }
            return ownKeys.first { $0.key == key } ?? parent?.field(key)
        }

        /// The position in `sealedFields` (and `quickChecks`) of the field named `key`, whose
        /// `KeyIndex.hash` is `hash`: a table has a few dozen keys at most, scanned by hash.
        @inline(__always)
        func fieldIndex(_ key: String, hash: UInt64) -> Int? {
            let low = UInt32(truncatingIfNeeded: hash)
            for i in 0..<sealedHashes.count where sealedHashes[i] == low && TextCompare.equal(sealedNames[i], key) { return i }
            return nil
        }

        package func derivedField(_ key: String) -> Field? {
            derived.first { $0.key == key } ?? parent?.derivedField(key)
        }
    }

    package let scalars: [String: Scalar]
    package let tables: [String: Table]
    package let root: Table

    init(scalars: [String: Scalar], tables: [String: Table], root: Table) {
        for table in tables.values { table.seal() }
        self.scalars = scalars
        self.tables = tables
        self.root = root
    }

    // MARK: Static types for rules

    private var objectTypes: [String: ObjectType] = [:]

    /// The checker's view of a table: every key and derived key, typed.
    package func objectType(_ table: Table) -> ObjectType {
        if let cached = objectTypes[table.name] { return cached }
        let object = ObjectType(name: table.name)
        objectTypes[table.name] = object
        for field in table.keys + table.allDerived {
            object.add(field.key, celType(field.type), doc: field.doc)
        }
        return object
    }

    package func celType(_ type: FieldType) -> CELType {
        switch type {
        case .text: return .string
        case .int: return .int
        case .number: return .double
        case .bool: return .bool
        case .date: return .date
        case .scalar(let s): return celType(s.base)
        case .table(let t): return .object(objectType(t))
        case .list(let e): return .list(celType(e))
        case .map(let k, let v): return .map(celType(k), celType(v))
        }
    }

    /// The variables every rule may use, in slot order: each section of the brief, then `parties`
    /// (brand, agency, creators) and `brief` (the brief as written, for `has(brief.agency)`).
    package func ruleVariables() -> [(String, CELType)] {
        var vars = root.keys.map { ($0.key, celType($0.type)) }
        let partyType: CELType = tables["creator"].map { .object(objectType($0)) } ?? .dyn
        vars.append(("parties", .list(partyType)))
        vars.append(("brief", .object(objectType(root))))
        return vars
    }
}
