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
public struct OutputBuffer: Sendable {
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

    public init(capacity: Int = 256) {
        storage = Storage(capacity: capacity)
    }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.count == 0 }

    /// The bytes written, as an array (a copy).
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    public func withUnsafeBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.base, count: storage.count))
    }

    /// Empties the buffer, keeping its room.
    public mutating func removeAll() {
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
    public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        room(bytes.count).initialize(from: source, count: bytes.count)
        storage.count += bytes.count
    }

    @inline(__always) public mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }
    @inline(__always) public mutating func append(byte: UInt8) {
        room(1).initialize(to: byte)
        storage.count += 1
    }
    public mutating func append(_ other: OutputBuffer) { other.withUnsafeBytes { append($0) } }

    public mutating func append(int value: Int64) {
        if value == 0 {
            append(byte: 0x30)
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = value.magnitude
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buf in
            while n > 0 {
                buf[count] = UInt8(n % 10) + 0x30
                n /= 10
                count += 1
            }
            if value < 0 { append(byte: 0x2D) }
            for i in stride(from: count - 1, through: 0, by: -1) { append(byte: buf[i]) }
        }
    }

    public mutating func append(int value: Int) { append(int: Int64(value)) }

    /// A JSON string literal: quotes, backslashes and control characters escaped, the rest as UTF-8.
    /// The text is scanned eight bytes at a time, and runs that need no escape are copied in one go.
    public mutating func appendJSONString(_ text: String) {
        append(byte: 0x22)
        var text = text
        text.withUTF8 { utf8 in
            let n = utf8.count
            guard n > 0 else { return }
            let base = UnsafeRawPointer(utf8.baseAddress!)
            var start = 0
            var i = 0
            while i < n {
                if i + 8 <= n && !ByteWords.mayHaveQuoteBackslashOrControl(base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                    i += 8
                    continue
                }
                let b = utf8[i]
                if b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F {
                    if start < i { append(UnsafeBufferPointer(rebasing: utf8[start..<i])) }
                    start = i + 1
                    switch b {
                    case 0x22: append(byte: 0x5C); append(byte: 0x22)
                    case 0x5C: append(byte: 0x5C); append(byte: 0x5C)
                    case 0x0A: append(byte: 0x5C); append(byte: 0x6E)
                    case 0x0D: append(byte: 0x5C); append(byte: 0x72)
                    case 0x09: append(byte: 0x5C); append(byte: 0x74)
                    default: appendUnicodeEscape(UInt32(b))
                    }
                }
                i += 1
            }
            if start < n { append(UnsafeBufferPointer(rebasing: utf8[start...])) }
        }
        append(byte: 0x22)
    }

    /// `\uXXXX` with lower-case hex digits.
    public mutating func appendUnicodeEscape(_ value: UInt32) {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        append(byte: 0x5C)
        append(byte: 0x75)
        for shift in stride(from: 12, through: 0, by: -4) {
            append(byte: hex[Int((value >> UInt32(shift)) & 0xF)])
        }
    }

    public var string: String { withUnsafeBytes { String(decoding: $0, as: UTF8.self) } }

    /// Writes everything to a file descriptor (1 = standard output), retrying short writes.
    public func write(to fd: Int32) {
        withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += n
            }
        }
    }
}
