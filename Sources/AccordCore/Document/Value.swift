#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One value of the document model and of the expression language: what a brief, a data table or an
/// expression produces. Lists and maps read from a file carry the source spans of their elements and
/// keys, so every value read has a position.
public enum Value: Sendable {
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
    public var typeName: String {
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

    public static func list(_ items: [Value]) -> Value { .list(ValueList(items)) }
}

/// A list, with the spans of its elements when it was read from a file.
public struct ValueList: Sendable {
    public var items: [Value]
    public var spans: [SourceSpan]?

    public init(_ items: [Value], spans: [SourceSpan]? = nil) {
        self.items = items
        self.spans = spans
    }

    public var count: Int { items.count }
}

/// A map with keys in document (or insertion) order. Maps read from files keep the spans of keys and values.
/// Small maps are scanned by a 32-bit hash of each key, so a lookup compares one key, not all of
/// them; larger ones get a hash index.
public final class ValueMap: Sendable {
    public let keys: [Value]
    public let values: [Value]
    /// The spans of each key and its value, for maps read from a file.
    public let spans: [EntrySpans]?
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

    public convenience init(keys: [Value], values: [Value], spans: [EntrySpans]? = nil) {
        self.init(keys: keys, values: values, spans: spans, index: nil)
    }

    public convenience init(_ pairs: [(String, Value)]) {
        self.init(keys: pairs.map { .string($0.0) }, values: pairs.map(\.1))
    }

    /// The keys (and their spans and index) of `other` with new values, one for each key.
    public init(keysOf other: ValueMap, values: [Value]) {
        precondition(values.count == other.keys.count, "one value for each key")
        keys = other.keys
        spans = other.spans
        index = other.index
        hashes = other.hashes
        self.values = values
    }

    /// This map with string keys added at its end (keys it does not have), keeping the hashes of its
    /// own keys rather than working them out again.
    func adding(_ extra: [(key: String, value: Value, spans: EntrySpans)]) -> ValueMap {
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

    public static let empty = ValueMap(keys: [], values: [])

    public var count: Int { keys.count }

    /// The position of `key`, by CEL equality (an integral double finds an int key).
    public func indexOf(_ key: Value) -> Int? {
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
    public func indexOf(string key: String) -> Int? {
        indexOf(string: key, hash: KeyIndex.hash(string: key))
    }

    /// The position of a string key whose `KeyIndex.hash` is known (a field name, hashed once when compiled).
    @inline(__always)
    public func indexOf(string key: String, hash: UInt64) -> Int? {
        KeyIndex.position(of: key, hash: hash, keys: keys, index: index, hashes: hashes)
    }

    /// Whether key `i` is `key`, whose `KeyIndex.hash` is `hash` (false for a position out of range,
    /// and for a map with an index, which keeps no hashes).
    @inline(__always)
    func hasKey(_ key: String, hash: UInt64, at i: Int) -> Bool {
        guard i < hashes.count, hashes[i] == UInt32(truncatingIfNeeded: hash), case .string(let s) = keys[i] else { return false }
        return TextCompare.equal(s, key)
    }

    /// The position of a key whose hash was worked out once.
    @inline(__always)
    func indexOf(_ key: HashedKey) -> Int? {
        indexOf(string: key.name, hash: key.hash)
    }

    /// A hash of key `i` that finds it again (`indexOf(string:hash:)` compares the low 32 bits,
    /// which the map keeps): nil when the map keeps an index instead, or the key is not a string.
    func lookupHash(at i: Int) -> UInt64? {
        i < hashes.count ? UInt64(hashes[i]) : nil
    }

    public subscript(key: String) -> Value? {
        indexOf(string: key).map { values[$0] }
    }

    public func keySpan(_ key: String) -> SourceSpan? {
        guard let i = indexOf(string: key), let spans else { return nil }
        return spans[i].key
    }

    public func valueSpan(_ key: String) -> SourceSpan? {
        guard let i = indexOf(string: key), let spans else { return nil }
        return spans[i].value
    }

    /// Keys that are strings, in order: what "did you mean" suggestions draw from.
    public var stringKeys: [String] {
        keys.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
    }
}

/// Where one map entry's key and value stand.
public struct EntrySpans: Hashable, Sendable {
    public var key: SourceSpan
    public var value: SourceSpan

    public init(key: SourceSpan, value: SourceSpan) {
        self.key = key
        self.value = value
    }
}

/// A map key as CEL compares them: ints, bools and strings (by code points); integral doubles
/// act as ints. Null, doubles with a fraction, and containers are not keys.
public enum MapKey: Equatable, Sendable {
    case int(Int64)
    case bool(Bool)
    case string(String)

    public init?(_ value: Value) {
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

    public static func == (a: MapKey, b: MapKey) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.string(let x), .string(let y)): return TextCompare.equal(x, y)
        default: return false
        }
    }
}

/// Code-point comparison of strings. Swift's `==` treats canonically equivalent strings
/// ("é" and "e\u{301}") as equal; CEL, TOML and JSON compare code points.
public enum TextCompare {
    /// Equal code point for code point (not Swift's `==`, which also equates canonically equivalent
    /// forms). Keys and short texts are compared eight bytes at a time, without a call to memcmp.
    @inline(__always)
    public static func equal(_ a: String, _ b: String) -> Bool {
        // The same representation (a short string stored inline, or the same buffer) is the same text.
        if unsafeBitCast(a, to: (UInt64, UInt64).self) == unsafeBitCast(b, to: (UInt64, UInt64).self) { return true }
        let n = a.utf8.count
        if n != b.utf8.count { return false }
        if n == 0 { return true }
        // Read where they are (a text made by Swift always can be); otherwise byte by byte.
        let inPlace = a.utf8.withContiguousStorageIfAvailable { pa in
            b.utf8.withContiguousStorageIfAvailable { pb in equal(bytes: pa, pb) }
        }
        if let same = inPlace ?? nil { return same }
        return a.utf8.elementsEqual(b.utf8)
    }

    /// Equal bytes, of two buffers of the same length; eight at a time.
    private static func equal(bytes pa: UnsafeBufferPointer<UInt8>, _ pb: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = pa.count
        let p = UnsafeRawPointer(pa.baseAddress!)
        let q = UnsafeRawPointer(pb.baseAddress!)
        if p == q { return true }
        if n > 64 { return memcmp(p, q, n) == 0 }
        var i = 0
        while i + 8 <= n {
            if p.loadUnaligned(fromByteOffset: i, as: UInt64.self) != q.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i += 8
        }
        while i < n {
            if p.load(fromByteOffset: i, as: UInt8.self) != q.load(fromByteOffset: i, as: UInt8.self) { return false }
            i += 1
        }
        return true
    }

    /// -1, 0 or 1 by UTF-8 bytes, which orders by code points.
    public static func compare(_ a: String, _ b: String) -> Int {
        // Read where they are (a text made by Swift always can be): `withUTF8` would copy them first.
        let inPlace = a.utf8.withContiguousStorageIfAvailable { pa in
            b.utf8.withContiguousStorageIfAvailable { pb in compare(bytes: pa, pb) }
        }
        if let order = inPlace ?? nil { return order }
        // Otherwise byte by byte (copies made for `withUTF8` here retained both texts on every call).
        var x = a.utf8.makeIterator(), y = b.utf8.makeIterator()
        while true {
            switch (x.next(), y.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case let (p?, q?): if p != q { return p < q ? -1 : 1 }
            }
        }
    }

    private static func compare(bytes pa: UnsafeBufferPointer<UInt8>, _ pb: UnsafeBufferPointer<UInt8>) -> Int {
        let n = min(pa.count, pb.count)
        let c = n == 0 ? 0 : memcmp(pa.baseAddress!, pb.baseAddress!, n)
        if c != 0 { return c < 0 ? -1 : 1 }
        return pa.count == pb.count ? 0 : (pa.count < pb.count ? -1 : 1)
    }
}

extension Value {
    /// CEL equality: numbers compare across int and double, lists element-wise, maps by key sets;
    /// values of different types are unequal (never an error).
    public static func equal(_ a: Value, _ b: Value) -> Bool {
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
public enum Numeric {
    /// -1, 0, 1 comparing an int with a double; nil when the double is NaN. As CEL defines it (and
    /// cel-go does): doubles beyond the int range compare by sign, others by converting the int to
    /// double, so `9223372036854775807 >= 9223372036854775808.0` holds.
    public static func compare(_ i: Int64, _ d: Double) -> Int? {
        if d.isNaN { return nil }
        if d < -9_223_372_036_854_775_808.0 { return 1 }
        if d > 9_223_372_036_854_775_808.0 { return -1 }
        let x = Double(i)
        return x < d ? -1 : (x > d ? 1 : 0)
    }

    public static func compare(_ a: Double, _ b: Double) -> Int? {
        if a.isNaN || b.isNaN { return nil }
        return a < b ? -1 : (a > b ? 1 : 0)
    }
}
