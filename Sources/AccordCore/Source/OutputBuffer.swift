#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A growing UTF-8 byte buffer for reports and printed values: cheaper than building Strings
/// piece by piece, and written to a file descriptor in one call. It keeps its own storage rather
/// than a `[UInt8]`: appending a run of bytes to an array went through the generic sequence copy,
/// which cost more than the copy itself for the short runs reports are made of. A copy of a buffer
/// shares the storage until one of them writes.
package struct OutputBuffer: Sendable {
    private var storage: Storage

    /// The bytes written so far (`count` of them, from `base`) and room for more.
    private final class Storage: @unchecked Sendable {
        var base: UnsafeMutablePointer<UInt8>
        var count = 0
        var capacity: Int

        init(capacity: Int) {
            self.capacity = Swift.max(capacity, 16)
            base = .allocate(capacity: self.capacity)
        }

        deinit { base.deallocate() }

        func copy(capacity: Int) -> Storage {
            let copy = Storage(capacity: capacity)
            copy.base.initialize(from: base, count: count)
            copy.count = count
            return copy
        }

        func grow(to newCapacity: Int) {
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            bigger.initialize(from: base, count: count)
            base.deallocate()
            base = bigger
            capacity = newCapacity
        }
    }

    package init(capacity: Int = 256) {
        storage = Storage(capacity: capacity)
    }

    package var count: Int { storage.count }
    package var isEmpty: Bool { storage.count == 0 }

    /// The bytes written, as an array (a copy).
    package var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    package func withUnsafeBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.base, count: storage.count))
    }

    /// Empties the buffer, keeping its room.
    package mutating func removeAll() {
        if isKnownUniquelyReferenced(&storage) { storage.count = 0 } else { storage = Storage(capacity: storage.capacity) }
    }

    /// Makes room for `n` more bytes in storage of this buffer's own, and returns where they go.
    @inline(__always)
    private mutating func room(_ n: Int) -> UnsafeMutablePointer<UInt8> {
        if !isKnownUniquelyReferenced(&storage) {
            storage = storage.copy(capacity: Swift.max(storage.capacity, storage.count + n))
        } else if storage.capacity - storage.count < n {
            storage.grow(to: Swift.max(storage.capacity * 2, storage.count + n))
        }
        return storage.base + storage.count
    }

    /// Appends bytes from memory the caller holds.
    @inline(__always)
    package mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        room(bytes.count).initialize(from: source, count: bytes.count)
        storage.count += bytes.count
    }

    @inline(__always) package mutating func append(_ text: String) {
        text.withBytesInPlace { append($0) }
    }
    @inline(__always) package mutating func append(byte: UInt8) {
        room(1).initialize(to: byte)
        storage.count += 1
    }
    package mutating func append(_ other: OutputBuffer) { other.withUnsafeBytes { append($0) } }

    package mutating func append(int value: Int64) {
        // At most 19 digits and a sign: room is claimed once, and the digits written back to front.
        var n = value.magnitude
        var digits = 1
        var rest = n / 10
        while rest > 0 { digits += 1; rest /= 10 }
        let length = digits + (value < 0 ? 1 : 0)
        let out = room(length)
        if value < 0 { out.initialize(to: 0x2D) }
        var i = length - 1
        repeat {
            (out + i).initialize(to: UInt8(n % 10) + 0x30)
            n /= 10
            i -= 1
        } while n > 0
        storage.count += length
    }

    package mutating func append(int value: Int) { append(int: Int64(value)) }

    /// A JSON string literal: quotes, backslashes and control characters escaped, the rest as UTF-8.
    /// The text is scanned eight bytes at a time, and runs that need no escape are copied in one go.
    package mutating func appendJSONString(_ text: String) {
        text.withBytesInPlace { appendJSONString(utf8: $0) }
    }

    private mutating func appendJSONString(utf8: UnsafeBufferPointer<UInt8>) {
        let n = utf8.count
        // Room is claimed once, and the bytes written through a pointer, not checked for each run:
        // for the worst case (every byte a `\u00XX`) in a short text, as counted in a long one.
        let out = room((n <= 4096 ? n * 6 : OutputBuffer.jsonEscapedLength(utf8)) + 2)
        out.initialize(to: 0x22)
        var written = 1
        if n > 0 {
            let base = UnsafeRawPointer(utf8.baseAddress!)
            var start = 0
            var i = 0
            while i < n {
                if i + 8 <= n {
                    if !ByteWords.mayHaveQuoteBackslashOrControl(base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                        i += 8
                        continue
                    }
                } else if n >= 8 && !ByteWords.mayHaveQuoteBackslashOrControl(base.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)) {
                    break  // the last eight bytes, and so the few left of them, need no escape
                }
                let b = utf8[i]
                if OutputBuffer.jsonEscapeLength(b) > 0 {
                    if start < i {
                        (out + written).initialize(from: utf8.baseAddress! + start, count: i - start)
                        written += i - start
                    }
                    start = i + 1
                    written += OutputBuffer.writeJSONEscape(b, at: out + written)
                }
                i += 1
            }
            if start < n {
                (out + written).initialize(from: utf8.baseAddress! + start, count: n - start)
                written += n - start
            }
        }
        (out + written).initialize(to: 0x22)
        storage.count += written + 1
    }

    /// How many bytes `b` takes in a JSON string when escaped (a control character, `"`, `\` or
    /// DEL); 0 for a byte written as it is.
    @inline(__always)
    private static func jsonEscapeLength(_ b: UInt8) -> Int {
        switch b {
        case 0x22, 0x5C, 0x0A, 0x0D, 0x09: return 2
        case 0..<0x20, 0x7F: return 6
        default: return 0
        }
    }

    /// The length of `utf8` written as the inside of a JSON string.
    private static func jsonEscapedLength(_ utf8: UnsafeBufferPointer<UInt8>) -> Int {
        utf8.reduce(0) { $0 + Swift.max(1, jsonEscapeLength($1)) }
    }

    /// Writes the JSON escape of byte `b` (one whose `jsonEscapeLength` is not 0) at `out`; returns its length.
    private static func writeJSONEscape(_ b: UInt8, at out: UnsafeMutablePointer<UInt8>) -> Int {
        out.initialize(to: 0x5C)
        switch b {
        case 0x22: (out + 1).initialize(to: 0x22)
        case 0x5C: (out + 1).initialize(to: 0x5C)
        case 0x0A: (out + 1).initialize(to: 0x6E)
        case 0x0D: (out + 1).initialize(to: 0x72)
        case 0x09: (out + 1).initialize(to: 0x74)
        default:
            let hex: StaticString = "0123456789abcdef"
            (out + 1).initialize(to: 0x75)
            (out + 2).initialize(to: 0x30)
            (out + 3).initialize(to: 0x30)
            (out + 4).initialize(to: hex.utf8Start[Int(b >> 4)])
            (out + 5).initialize(to: hex.utf8Start[Int(b & 0xF)])
            return 6
        }
        return 2
    }

    package var string: String { withUnsafeBytes { String(decoding: $0, as: UTF8.self) } }

    /// Writes the bytes to a file descriptor; nil when all were written, else why not.
    @discardableResult
    package func write(to fd: Int32) -> String? {
        withUnsafeBytes { FileSystem.writeAll(UnsafeRawBufferPointer($0), to: fd) }
    }
}
