/// Tests on eight bytes at a time, for scanning text quickly past the bytes that matter.
package enum ByteWords {
    /// Whether any of eight bytes may be a control character, `"`, `\` or DEL: what a JSON string
    /// escapes, and what ends or interrupts a TOML basic string. Never false when one is; sometimes
    /// true when none is, and then the bytes are looked at one by one.
    @inline(__always)
    package static func mayHaveQuoteBackslashOrControl(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
        let below20 = (w &- 0x2020_2020_2020_2020) & ~w & highs
        return (below20 | hasZeroByte(w ^ (ones &* 0x22)) | hasZeroByte(w ^ (ones &* 0x5C)) | hasZeroByte(w ^ (ones &* 0x7F))) != 0
    }

    /// Whether any of eight bytes may be a control character (a tab, a line end) or DEL: what ends or
    /// interrupts a TOML comment. Never false when one is.
    @inline(__always)
    package static func mayHaveControl(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let below20 = (w &- 0x2020_2020_2020_2020) & ~w & highs
        let x = w ^ (ones &* 0x7F)
        return (below20 | ((x &- ones) & ~x & highs)) != 0
    }
}

extension String {
    /// `body` on the text's UTF-8 bytes, read where they are (a text Swift made always can be:
    /// `withUTF8` would copy it first, and so retain it), or on a copy when they cannot be.
    @inline(__always)
    package func withBytesInPlace<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}
