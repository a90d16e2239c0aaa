#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One value of the document model and of the expression language: what a brief, a data table or an
/// expression produces. Lists and maps read from a file carry the source spans of their elements and
/// keys, so every value read has a position.
package enum Value: Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case date(LocalDate)
    case time(LocalTime)
    case datetime(LocalDateTime)
    case timestamp(Timestamp)
    case duration(Duration)
    case list(ValueList)
    case map(ValueMap)

    /// The name of the value's type as the expression language spells it.
    package var typeName: String {
        switch self {
        case .null: return "null_type"
        case .bool: return "bool"
        case .int: return "int"
        case .double: return "double"
        case .string: return "string"
        case .date: return "date"
        case .time: return "time"
        case .datetime: return "datetime"
        case .timestamp: return "google.protobuf.Timestamp"
        case .duration: return "google.protobuf.Duration"
        case .list: return "list"
        case .map: return "map"
        }
    }

    package static func list(_ items: [Value]) -> Value { .list(ValueList(items)) }
}

/// A list, with the spans of its elements when it was read from a file.
package struct ValueList: Sendable {
    package var items: [Value]
    package var spans: [SourceSpan]?

    package init(_ items: [Value], spans: [SourceSpan]? = nil) {
        self.items = items
        self.spans = spans
    }

    package var count: Int { items.count }
}

/// A map with keys in document (or insertion) order. Maps read from files keep the spans of keys and values.
/// Small maps are scanned by a 32-bit hash of each key, so a lookup compares one key, not all of
/// them; larger ones get a hash index.
package final class ValueMap: Sendable {
    package let keys: [Value]
    package let values: [Value]
    /// The spans of each key and its value, for maps read from a file.
    package let spans: [EntrySpans]?
    private let index: KeyIndex?
    /// Without an index: the low 32 bits of each key's hash (`KeyIndex.hash`), in key order.
    private let hashes: [UInt32]

    /// Maps with more keys than this get a hash index.
    static let indexThreshold = 16

    /// Keys must already be unique (the readers and the map literal check that). A reader that has
    /// built an index while reading passes it along.
    init(keys: [Value], values: [Value], spans: [EntrySpans]?, index: KeyIndex?, hashes: [UInt32]? = nil) {
        self.keys = keys
        self.values = values
        self.spans = spans
        if let hashes, index == nil, keys.count <= ValueMap.indexThreshold {
            self.index = nil
            self.hashes = hashes
        } else if let index {
            self.index = index
            self.hashes = []
        } else if keys.count > ValueMap.indexThreshold {
            var built = KeyIndex(capacity: keys.count)
            for (i, k) in keys.enumerated() {
                if let h = KeyIndex.hash(k) { built.insert(hash: h, position: i) }
            }
            self.index = built
            self.hashes = []
        } else {
            self.index = nil
            self.hashes = keys.map { UInt32(truncatingIfNeeded: KeyIndex.hash($0) ?? 0) }
        }
    }

    package convenience init(keys: [Value], values: [Value], spans: [EntrySpans]? = nil) {
        self.init(keys: keys, values: values, spans: spans, index: nil)
    }

    package convenience init(_ pairs: [(String, Value)]) {
        self.init(keys: pairs.map { .string($0.0) }, values: pairs.map(\.1))
    }

    /// The keys (and their spans and index) of `other` with new values, one for each key.
    package init(keysOf other: ValueMap, values: [Value]) {
        precondition(values.count == other.keys.count, "one value for each key")
        keys = other.keys
        spans = other.spans
        index = other.index
        hashes = other.hashes
        self.values = values
    }

    /// This map with string keys added at its end (keys it does not have), keeping the hashes of its
    /// own keys rather than working them out again.
    package func adding(_ extra: [(key: String, value: Value, spans: EntrySpans)]) -> ValueMap {
        guard !extra.isEmpty else { return self }
        var keys = self.keys
        var values = self.values
        var spans = self.spans ?? Array(repeating: EntrySpans(key: SourceSpan(0, 0), value: SourceSpan(0, 0)), count: keys.count)
        keys.reserveCapacity(keys.count + extra.count)
        values.reserveCapacity(values.count + extra.count)
        spans.reserveCapacity(spans.count + extra.count)
        var hashes = index == nil ? self.hashes : nil
        for (key, value, entrySpans) in extra {
            keys.append(.string(key))
            values.append(value)
            spans.append(entrySpans)
            hashes?.append(UInt32(truncatingIfNeeded: KeyIndex.hash(string: key)))
        }
        return ValueMap(keys: keys, values: values, spans: spans, index: nil, hashes: hashes)
    }

    package static let empty = ValueMap(keys: [], values: [])

    package var count: Int { keys.count }

    /// The position of `key`, by CEL equality (an integral double finds an int key).
    package func indexOf(_ key: Value) -> Int? {
        if case .string(let s) = key { return indexOf(string: s) }
        guard let probe = MapKey(key), let h = KeyIndex.hash(key) else { return nil }
        if let index {
            return index.find(hash: h) { MapKey(keys[$0]) == probe }
        }
        let low = UInt32(truncatingIfNeeded: h)
        for i in 0..<hashes.count where hashes[i] == low && MapKey(keys[i]) == probe { return i }
        return nil
    }

    /// The position of a string key: the hot path of field selection.
    @inline(__always)
    package func indexOf(string key: String) -> Int? {
        indexOf(string: key, hash: KeyIndex.hash(string: key))
    }

    /// The position of a string key whose `KeyIndex.hash` is known (a field name, hashed once when compiled).
    @inline(__always)
    package func indexOf(string key: String, hash: UInt64) -> Int? {
        KeyIndex.position(of: key, hash: hash, keys: keys, index: index, hashes: hashes)
    }

    /// The position of a key whose hash was worked out once.
    @inline(__always)
    package func indexOf(_ key: HashedKey) -> Int? {
        indexOf(string: key.name, hash: key.hash)
    }

    /// A hash of key `i` that finds it again (`indexOf(string:hash:)` compares the low 32 bits,
    /// which the map keeps): nil when the map keeps an index instead, or the key is not a string.
    package func lookupHash(at i: Int) -> UInt64? {
        i < hashes.count ? UInt64(hashes[i]) : nil
    }

    package subscript(key: String) -> Value? {
        indexOf(string: key).map { values[$0] }
    }

    package func keySpan(_ key: String) -> SourceSpan? {
        guard let i = indexOf(string: key), let spans else { return nil }
        return spans[i].key
    }

    package func valueSpan(_ key: String) -> SourceSpan? {
        guard let i = indexOf(string: key), let spans else { return nil }
        return spans[i].value
    }

    /// Keys that are strings, in order: what "did you mean" suggestions draw from.
    package var stringKeys: [String] {
        keys.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
    }
}

/// Where one map entry's key and value stand.
package struct EntrySpans: Hashable, Sendable {
    package var key: SourceSpan
    package var value: SourceSpan

    package init(key: SourceSpan, value: SourceSpan) {
        self.key = key
        self.value = value
    }
}

/// A map key as CEL compares them: ints, bools and strings (by code points); integral doubles
/// act as ints. Null, doubles with a fraction, and containers are not keys.
package enum MapKey: Equatable, Sendable {
    case int(Int64)
    case bool(Bool)
    case string(String)

    package init?(_ value: Value) {
        switch value {
        case .int(let i): self = .int(i)
        case .bool(let b): self = .bool(b)
        case .string(let s): self = .string(s)
        case .double(let d):
            guard let i = Int64(exactly: d) else { return nil }
            self = .int(i)
        default: return nil
        }
    }

    package static func == (a: MapKey, b: MapKey) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.string(let x), .string(let y)): return TextCompare.equal(x, y)
        default: return false
        }
    }
}


extension Value {
    /// CEL equality: numbers compare across int and double, lists element-wise, maps by key sets;
    /// values of different types are unequal (never an error).
    package static func equal(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.double(let x), .double(let y)): return x == y
        case (.int(let x), .double(let y)): return Numeric.compare(x, y) == 0
        case (.double(let x), .int(let y)): return Numeric.compare(y, x) == 0
        case (.string(let x), .string(let y)): return TextCompare.equal(x, y)
        case (.date(let x), .date(let y)): return x == y
        case (.time(let x), .time(let y)): return x == y
        case (.datetime(let x), .datetime(let y)): return x == y
        case (.timestamp(let x), .timestamp(let y)): return x == y
        case (.duration(let x), .duration(let y)): return x == y
        case (.list(let x), .list(let y)):
            guard x.count == y.count else { return false }
            for i in 0..<x.count where !equal(x.items[i], y.items[i]) { return false }
            return true
        case (.map(let x), .map(let y)):
            guard x.count == y.count else { return false }
            for i in 0..<x.count {
                guard let j = y.indexOf(x.keys[i]), equal(x.values[i], y.values[j]) else { return false }
            }
            return true
        default:
            return false
        }
    }
}

/// Comparisons between ints and doubles that are exact even where a double cannot hold the int.
package enum Numeric {
    /// -1, 0, 1 comparing an int with a double; nil when the double is NaN. As CEL defines it (and
    /// cel-go does): doubles beyond the int range compare by sign, others by converting the int to
    /// double, so `9223372036854775807 >= 9223372036854775808.0` holds.
    package static func compare(_ i: Int64, _ d: Double) -> Int? {
        if d.isNaN { return nil }
        if d < -9_223_372_036_854_775_808.0 { return 1 }
        if d > 9_223_372_036_854_775_808.0 { return -1 }
        let x = Double(i)
        return x < d ? -1 : (x > d ? 1 : 0)
    }

    package static func compare(_ a: Double, _ b: Double) -> Int? {
        if a.isNaN || b.isNaN { return nil }
        return a < b ? -1 : (a > b ? 1 : 0)
    }
}

extension Value {
    /// The payload when the value is of that kind; nil otherwise (ints and doubles are both numbers).
    package var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    package var mapValue: ValueMap? { if case .map(let m) = self { return m } else { return nil } }
    package var listValue: ValueList? { if case .list(let l) = self { return l } else { return nil } }
    package var dateValue: LocalDate? { if case .date(let d) = self { return d } else { return nil } }
    package var numberValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }
}
