/// An open-addressing hash index from map keys to their positions. Strings hash by their UTF-8
/// bytes with a cheap multiply-mix: large documents have tables of many thousands of keys, and
/// Swift's seeded SipHash per lookup dominated reading them. Built once by a reader and handed to
/// the finished `ValueMap`.
package struct KeyIndex: Sendable {
    /// Each slot: the low 32 bits of the key's hash, and the key's position + 1 (0 = empty). Probes
    /// compare the stored hash before touching the keys, and growing needs no rehashing.
    private var slots: [(hash: UInt32, entry: UInt32)]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: (0, 0), count: size)
        mask = size - 1
    }

    /// The position `matches` accepts among those stored under `hash`.
    @inline(__always)
    func find(hash: UInt64, _ matches: (Int) -> Bool) -> Int? {
        let h = UInt32(truncatingIfNeeded: hash)
        var slot = Int(h) & mask
        while true {
            let s = slots[slot]
            if s.entry == 0 { return nil }
            if s.hash == h, matches(Int(s.entry) - 1) { return Int(s.entry) - 1 }
            slot = (slot + 1) & mask
        }
    }

    /// Adds a position; the caller has checked that its key is not present.
    mutating func insert(hash: UInt64, position: Int) {
        if (count + 1) * 2 > slots.count {
            var bigger = KeyIndex(capacity: slots.count)
            for s in slots where s.entry != 0 { bigger.place(s.hash, s.entry) }
            self = bigger
        }
        place(UInt32(truncatingIfNeeded: hash), UInt32(position + 1))
    }

    private mutating func place(_ hash: UInt32, _ entry: UInt32) {
        var slot = Int(hash) & mask
        while slots[slot].entry != 0 { slot = (slot + 1) & mask }
        slots[slot] = (hash, entry)
        count += 1
    }

    package static func hash(string: String) -> UInt64 {
        string.withBytesInPlace(hash(bytes:))
    }

    private static func hash(bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var i = 0
        let n = bytes.count
        let base = UnsafeRawPointer(bytes.baseAddress)
        while i + 8 <= n {
            h = (h ^ base!.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        // A full avalanche: the index uses the low bits, which a multiply alone leaves to the first bytes.
        return mix(h ^ tail)
    }

    /// The position of a string key among `keys`: through `index` when there is one, else by the
    /// low 32 bits of each key's hash in `hashes`. Maps and the readers building them look up the same way.
    @inline(__always)
    static func position(of key: String, hash: UInt64, keys: [Value], index: KeyIndex?, hashes: [UInt32]) -> Int? {
        if let index {
            return index.find(hash: hash) { i in
                if case .string(let s) = keys[i] { return TextCompare.equal(s, key) }
                return false
            }
        }
        let low = UInt32(truncatingIfNeeded: hash)
        var i = 0
        while i < hashes.count {
            if hashes[i] == low, case .string(let s) = keys[i], TextCompare.equal(s, key) { return i }
            i += 1
        }
        return nil
    }

    /// The hash of a key as CEL compares keys (integral doubles as ints); nil for values that are not keys.
    static func hash(_ key: Value) -> UInt64? {
        switch key {
        case .string(let s): return hash(string: s)
        case .int(let i): return mix(UInt64(bitPattern: i))
        case .bool(let b): return b ? 0x5555 : 0xAAAA
        case .double(let d):
            guard let i = Int64(exactly: d) else { return nil }
            return mix(UInt64(bitPattern: i))
        default: return nil
        }
    }

    package static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The keys of a map being read, with their spans, the low bits of their hashes and, for large
/// maps, a growing index: shared by the TOML and JSON readers, which keep the values (or the tables
/// under construction) beside it. The finished map takes the hashes as they are.
struct MapKeysBuilder {
    private(set) var keys: [Value] = []
    private(set) var spans: [EntrySpans] = []
    private var hashes: [UInt32] = []
    private var index: KeyIndex?

    /// Room for a typical table, sections of a brief included, so that it does not grow 1, 2, 4, 8, 16.
    static let initialCapacity = 16

    var count: Int { keys.count }

    /// The position of `key`, whose `KeyIndex.hash(string:)` is `hash`. Mutating only so that a builder
    /// held by a class (`TOMLTable`) is searched where it is: read for a method that is not, it is
    /// copied first, which retains and releases its four arrays.
    mutating func find(_ key: String, hash: UInt64) -> Int? {
        KeyIndex.position(of: key, hash: hash, keys: keys, index: index, hashes: hashes)
    }

    /// Adds a key the caller has checked is new.
    mutating func append(_ key: String, hash: UInt64, keySpan: SourceSpan, valueSpan: SourceSpan) {
        if keys.isEmpty {
            keys.reserveCapacity(MapKeysBuilder.initialCapacity)
            spans.reserveCapacity(MapKeysBuilder.initialCapacity)
            hashes.reserveCapacity(MapKeysBuilder.initialCapacity)
        }
        keys.append(.string(key))
        spans.append(EntrySpans(key: keySpan, value: valueSpan))
        if index != nil {
            index!.insert(hash: hash, position: keys.count - 1)
        } else {
            hashes.append(UInt32(truncatingIfNeeded: hash))
            if keys.count > ValueMap.indexThreshold {
                var built = KeyIndex(capacity: keys.count * 2)
                for i in 0..<keys.count { built.insert(hash: KeyIndex.hash(keys[i]) ?? 0, position: i) }
                index = built
                hashes = []
            }
        }
    }

    /// The finished map. The builder's arrays move into it, leaving the builder empty.
    mutating func finish(values: consuming [Value]) -> ValueMap {
        var (keys, spans, hashes, index): ([Value], [EntrySpans], [UInt32], KeyIndex?) = ([], [], [], nil)
        swap(&keys, &self.keys)
        swap(&spans, &self.spans)
        swap(&hashes, &self.hashes)
        swap(&index, &self.index)
        return ValueMap(keys: keys, values: values, spans: spans, index: index, hashes: index == nil ? hashes : nil)
    }
}

/// A key name with its `KeyIndex.hash`, worked out once: for keys that code looks up in many maps.
package struct HashedKey: Sendable {
    package let name: String
    let hash: UInt64

    package init(_ name: String) {
        self.name = name
        hash = KeyIndex.hash(string: name)
    }
}
