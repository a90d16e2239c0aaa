#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A growing UTF-8 byte buffer for reports and printed values: cheaper than building Strings
/// piece by piece, and written to a file descriptor in one call.
public struct OutputBuffer: Sendable {
    public var bytes: [UInt8]

    public init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    @inline(__always) public mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }
    @inline(__always) public mutating func append(byte: UInt8) { bytes.append(byte) }
    public mutating func append(_ other: OutputBuffer) { bytes.append(contentsOf: other.bytes) }

    public mutating func append(int value: Int64) {
        if value == 0 {
            bytes.append(0x30)
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
            if value < 0 { bytes.append(0x2D) }
            for i in stride(from: count - 1, through: 0, by: -1) { bytes.append(buf[i]) }
        }
    }

    public mutating func append(int value: Int) { append(int: Int64(value)) }

    /// A JSON string literal: quotes, backslashes and control characters escaped, the rest as UTF-8.
    /// The text is scanned eight bytes at a time, and runs that need no escape are copied in one go.
    public mutating func appendJSONString(_ text: String) {
        bytes.append(0x22)
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
                    if start < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i])) }
                    start = i + 1
                    switch b {
                    case 0x22: bytes.append(0x5C); bytes.append(0x22)
                    case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
                    case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
                    case 0x0D: bytes.append(0x5C); bytes.append(0x72)
                    case 0x09: bytes.append(0x5C); bytes.append(0x74)
                    default: appendUnicodeEscape(UInt32(b))
                    }
                }
                i += 1
            }
            if start < n { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...])) }
        }
        bytes.append(0x22)
    }

    /// `\uXXXX` with lower-case hex digits.
    public mutating func appendUnicodeEscape(_ value: UInt32) {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        bytes.append(0x5C)
        bytes.append(0x75)
        for shift in stride(from: 12, through: 0, by: -4) {
            bytes.append(hex[Int((value >> UInt32(shift)) & 0xF)])
        }
    }

    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Writes everything to a file descriptor (1 = standard output), retrying short writes.
    public func write(to fd: Int32) {
        bytes.withUnsafeBytes { raw in
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
