#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Code-point comparison of strings. Swift's `==` treats canonically equivalent strings
/// ("é" and "e\u{301}") as equal; CEL, TOML and JSON compare code points.
package enum TextCompare {
    /// Equal code point for code point (not Swift's `==`, which also equates canonically equivalent
    /// forms). Keys and short texts are compared eight bytes at a time, without a call to memcmp.
    @inline(__always)
    package static func equal(_ a: String, _ b: String) -> Bool {
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
    package static func compare(_ a: String, _ b: String) -> Int {
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
