/// Short texts a reader has already decoded, with their hashes, found again by their bytes: bare keys.
/// A brief repeats a few dozen keys, and the briefs one worker reads one after another share them, so
/// a key met again takes its string and hash from here instead of being decoded, checked and hashed
/// anew. (Short string values were tried too: names vary from brief to brief, and decoding a short
/// string costs less than missing the cache.)
///
/// Each thread has its own (`thisThread`), so it is not locked.
final class TextCache {
    static let thisThread = ThreadLocal { TextCache() }

    /// A text of up to 16 bytes, as two little-endian words (unused bytes zero) and its length.
    private struct Entry {
        var low: UInt64 = 0
        var high: UInt64 = 0
        var count = 0
        var name = ""
        var hash: UInt64 = 0
    }

    /// Slots are chosen by the text's words; a text that lands on a taken slot replaces its entry.
    private static let slotBits = 9
    private let entries: UnsafeMutablePointer<Entry>

    /// Texts longer than this are decoded each time.
    static let maxLength = 16

    init() {
        entries = .allocate(capacity: 1 << TextCache.slotBits)
        entries.initialize(repeating: Entry(), count: 1 << TextCache.slotBits)
    }

    deinit {
        entries.deinitialize(count: 1 << TextCache.slotBits)
        entries.deallocate()
    }

    /// The text in `bytes[start..<start + count]` (at most `maxLength` bytes of well-formed UTF-8) and
    /// its `KeyIndex.hash`.
    @inline(__always)
    func text(in bytes: UnsafeBufferPointer<UInt8>, start: Int, count: Int) -> (name: String, hash: UInt64) {
        let (low, high) = TextCache.words(bytes, start: start, count: count)
        let mixed = (low &* 0x9E37_79B9_7F4A_7C15) ^ (high &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(count)
        let entry = entries + Int(truncatingIfNeeded: mixed >> UInt64(64 - TextCache.slotBits))
        if entry.pointee.count == count, entry.pointee.low == low, entry.pointee.high == high {
            return (entry.pointee.name, entry.pointee.hash)
        }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<start + count]), as: UTF8.self)
        let hash = KeyIndex.hash(string: name)
        entry.pointee = Entry(low: low, high: high, count: count, name: name, hash: hash)
        return (name, hash)
    }

    /// The text's bytes as two words: read eight at a time where the buffer has sixteen bytes from
    /// `start`, one at a time near its end.
    @inline(__always)
    private static func words(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, count: Int) -> (UInt64, UInt64) {
        if start + 16 <= bytes.count {
            let p = UnsafeRawPointer(bytes.baseAddress! + start)
            let low = p.loadUnaligned(as: UInt64.self)
            let high = p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            if count >= 8 { return (low, count == 16 ? high : high & ((1 << UInt64(8 * (count - 8))) - 1)) }
            return (low & ((1 << UInt64(8 * count)) - 1), 0)
        }
        var low: UInt64 = 0
        var high: UInt64 = 0
        for k in 0..<count {
            let byte = UInt64(bytes[start + k])
            if k < 8 { low |= byte << UInt64(8 * k) } else { high |= byte << UInt64(8 * (k - 8)) }
        }
        return (low, high)
    }
}
