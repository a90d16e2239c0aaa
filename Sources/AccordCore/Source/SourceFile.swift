#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A point in a source file: 1-based line and column (the column counted in Unicode scalars),
/// and the 0-based UTF-8 byte offset.
package struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    package var line: Int
    package var column: Int
    package var offset: Int

    package init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    package static func < (a: SourceLocation, b: SourceLocation) -> Bool { a.offset < b.offset }
    package var description: String { "\(line):\(column)" }
}

/// A half-open range of UTF-8 byte offsets `[start, end)` in one file. Values and syntax nodes carry
/// spans; a `SourceFile` turns them into line and column when a message needs them.
package struct SourceSpan: Hashable, Sendable {
    // Stored as 32 bits: documents hold one span per key and value, and files over 1 GB are refused.
    private var lower: UInt32
    private var upper: UInt32

    package var start: Int {
        get { Int(lower) }
        set { lower = UInt32(clamping: newValue) }
    }

    package var end: Int {
        get { Int(upper) }
        set { upper = UInt32(clamping: newValue) }
    }

    package init(_ start: Int, _ end: Int) {
        lower = UInt32(clamping: start)
        upper = UInt32(clamping: max(start, end))
    }

    package static func point(_ offset: Int) -> SourceSpan { SourceSpan(offset, offset) }
    package var isEmpty: Bool { start == end }
    package func union(_ other: SourceSpan) -> SourceSpan {
        SourceSpan(min(start, other.start), max(end, other.end))
    }
}

/// The bytes of one file, with its line table. Immutable and shared between threads.
package final class SourceFile: Sendable {
    /// The path as the user gave it (or a name such as `<expression>`).
    package let path: String
    package let bytes: [UInt8]
    /// Byte offset of the first byte of each line; `lineStarts[0] == 0`.
    package let lineStarts: [Int]

    package init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        var starts = [0]
        starts.reserveCapacity(bytes.count / 32 + 1)
        bytes.withUnsafeBufferPointer { buf in
            // memchr finds each line break many bytes at a time.
            guard let base = buf.baseAddress else { return }
            var i = 0
            while i < buf.count, let found = memchr(base + i, 0x0A, buf.count - i) {
                i = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                starts.append(i)
            }
        }
        self.lineStarts = starts
    }

    package convenience init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// The 0-based index of the line holding `offset`.
    package func lineIndex(at offset: Int) -> Int {
        let offset = min(max(0, offset), bytes.count)
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// Line and column of a byte offset; the column counts Unicode scalars (UTF-8 lead bytes).
    package func location(at offset: Int) -> SourceLocation {
        let offset = min(max(0, offset), bytes.count)
        let index = lineIndex(at: offset)
        var column = 1
        var i = lineStarts[index]
        while i < offset {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        // An offset inside a multi-byte character belongs to that character's column.
        if offset < bytes.count, bytes[offset] & 0xC0 == 0x80, column > 1 { column -= 1 }
        return SourceLocation(line: index + 1, column: column, offset: offset)
    }

    /// The byte range of a 1-based line, without its line break.
    package func lineRange(_ line: Int) -> Range<Int> {
        let index = min(max(1, line), lineStarts.count) - 1
        let start = lineStarts[index]
        var end = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return start..<max(start, end)
    }

    /// The text of a 1-based line, invalid UTF-8 replaced.
    package func lineText(_ line: Int) -> String {
        String(decoding: bytes[lineRange(line)], as: UTF8.self)
    }

    package var lineCount: Int { lineStarts.count }
}

/// Why a file could not be read.
package struct FileReadError: Error, Sendable, CustomStringConvertible {
    package let path: String
    package let reason: String
    package var description: String { "\(path): \(reason)" }

    package init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

extension SourceFile {
    /// Reads a whole file with POSIX calls (no Foundation), refusing directories. `open`, when given,
    /// opens the path for reading (a descriptor, or -1 when it cannot so, and the path is then opened
    /// as a whole): the run layer opens briefs by their folder.
    package static func read(path: String, displayPath: String? = nil, open: ((String) -> Int32)? = nil) throws(FileReadError) -> SourceFile {
        SourceFile(path: displayPath ?? path, bytes: try readBytes(path: path, open: open))
    }

    /// Files larger than this are refused: spans are 32-bit and no brief or rule file comes close.
    package static let maxFileSize = 1 << 30

    package static func readBytes(path: String, open opener: ((String) -> Int32)? = nil) throws(FileReadError) -> [UInt8] {
        var fd = opener?(path) ?? -1
        // Without blocking: opening a pipe that no one writes to would wait for ever.
        if fd < 0 { fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC) }
        if fd < 0 { throw FileReadError(path: path, reason: describeErrno(errno)) }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) != 0 { throw FileReadError(path: path, reason: describeErrno(errno)) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw FileReadError(path: path, reason: "is a folder, not a file")
        default: throw FileReadError(path: path, reason: "is not a regular file (a device, a pipe or a socket)")
        }
        let expected = Int(info.st_size)
        if expected > maxFileSize { throw FileReadError(path: path, reason: "is larger than 1 GB") }
        // Read straight into the result. A regular file is read as large as it was when opened, in one
        // call; one whose size the system does not know (in /proc) reads on to its end.
        let sized = expected > 0
        var failure: Int32 = 0
        var result = [UInt8](unsafeUninitializedCapacity: expected + 1) { buffer, count in
            var total = 0
            while total < buffer.count {
                let n = Glibc.read(fd, buffer.baseAddress! + total, buffer.count - total)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if n == 0 { break }
                total += n
                if sized && total == expected { break }
            }
            count = total
        }
        if failure != 0 { throw FileReadError(path: path, reason: describeErrno(failure)) }
        if sized || result.count <= expected { return result }
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileReadError(path: path, reason: describeErrno(errno))
            }
            if n == 0 { break }
            result.append(contentsOf: chunk[0..<n])
            if result.count > maxFileSize { throw FileReadError(path: path, reason: "is larger than 1 GB") }
        }
        return result
    }

    package static func describeErrno(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case EACCES: return "permission denied"
        case EISDIR: return "is a folder, not a file"
        default: return String(cString: strerror(code))
        }
    }
}
