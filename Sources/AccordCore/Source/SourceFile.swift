#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A point in a source file: 1-based line and column (the column counted in Unicode scalars),
/// and the 0-based UTF-8 byte offset.
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool { a.offset < b.offset }
    public var description: String { "\(line):\(column)" }
}

/// A half-open range of UTF-8 byte offsets `[start, end)` in one file. Values and syntax nodes carry
/// spans; a `SourceFile` turns them into line and column when a message needs them.
public struct SourceSpan: Hashable, Sendable {
    // Stored as 32 bits: documents hold one span per key and value, and files over 1 GB are refused.
    private var lower: UInt32
    private var upper: UInt32

    public var start: Int {
        get { Int(lower) }
        set { lower = UInt32(clamping: newValue) }
    }

    public var end: Int {
        get { Int(upper) }
        set { upper = UInt32(clamping: newValue) }
    }

    public init(_ start: Int, _ end: Int) {
        lower = UInt32(clamping: start)
        upper = UInt32(clamping: max(start, end))
    }

    public static func point(_ offset: Int) -> SourceSpan { SourceSpan(offset, offset) }
    public var isEmpty: Bool { start == end }
    public func union(_ other: SourceSpan) -> SourceSpan {
        SourceSpan(min(start, other.start), max(end, other.end))
    }
}

/// The bytes of one file, with its line table. Immutable and shared between threads.
public final class SourceFile: Sendable {
    /// The path as the user gave it (or a name such as `<expression>`).
    public let path: String
    public let bytes: [UInt8]
    /// Byte offset of the first byte of each line; `lineStarts[0] == 0`.
    public let lineStarts: [Int]

    public init(path: String, bytes: [UInt8]) {
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

    public convenience init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// The 0-based index of the line holding `offset`.
    public func lineIndex(at offset: Int) -> Int {
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
    public func location(at offset: Int) -> SourceLocation {
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
    public func lineRange(_ line: Int) -> Range<Int> {
        let index = min(max(1, line), lineStarts.count) - 1
        let start = lineStarts[index]
        var end = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return start..<max(start, end)
    }

    /// The text of a 1-based line, invalid UTF-8 replaced.
    public func lineText(_ line: Int) -> String {
        String(decoding: bytes[lineRange(line)], as: UTF8.self)
    }

    public var lineCount: Int { lineStarts.count }
}

/// Opens files by the folder they are in: the folder last used stays open, and a file in it is
/// opened by its name alone (`openat`), so the system does not walk the whole path again for each of
/// thousands of briefs in one folder. One for each thread that reads (it is not locked), for one run:
/// it holds its folder open until it is released. A file it cannot open that way, `readBytes` opens
/// by its whole path, as before.
public final class FolderReader {
    private var folder = ""
    private var folderFD: Int32 = -1

    public init() {}

    deinit { if folderFD >= 0 { close(folderFD) } }

    /// `path` opened for reading by its name in its folder: a file descriptor, or -1 when it cannot
    /// be opened so (a bare name, a folder that does not open, a name not found in it).
    func openFile(_ path: String) -> Int32 {
        let bytes = path.utf8
        guard let slash = bytes.lastIndex(of: 0x2F), slash != bytes.startIndex, bytes.index(after: slash) != bytes.endIndex else {
            return -1
        }
        let dir = String(path[..<slash])
        if dir != folder {
            if folderFD >= 0 { close(folderFD) }
            folder = dir
            folderFD = openFolder(dir)
        }
        guard folderFD >= 0 else { return -1 }
        return openat(folderFD, String(path[bytes.index(after: slash)...]), O_RDONLY)
    }
}

/// A folder opened only to look names up in: like `open` on a path in it, this needs only the
/// permission to search it (Linux's O_PATH), not to list it.
private func openFolder(_ path: String) -> Int32 {
    #if os(Linux)
    let pathOnly: Int32 = 0o10000000  // O_PATH, which Swift's Glibc module does not carry
    return open(path, pathOnly | O_DIRECTORY | O_CLOEXEC)
    #else
    return open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    #endif
}

/// Why a file could not be read.
public struct FileReadError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}

extension SourceFile {
    /// Reads a whole file with POSIX calls (no Foundation), refusing directories; through `folders`
    /// when given (see `FolderReader`).
    public static func read(path: String, displayPath: String? = nil, through folders: FolderReader? = nil) throws(FileReadError) -> SourceFile {
        SourceFile(path: displayPath ?? path, bytes: try readBytes(path: path, through: folders))
    }

    /// Files larger than this are refused: spans are 32-bit and no brief or rule file comes close.
    public static let maxFileSize = 1 << 30

    public static func readBytes(path: String, through folders: FolderReader? = nil) throws(FileReadError) -> [UInt8] {
        var fd = folders?.openFile(path) ?? -1
        if fd < 0 { fd = open(path, O_RDONLY) }
        if fd < 0 { throw FileReadError(path: path, reason: describeErrno(errno)) }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) != 0 { throw FileReadError(path: path, reason: describeErrno(errno)) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw FileReadError(path: path, reason: "is a folder, not a file") }
        let expected = Int(info.st_size)
        if expected > maxFileSize { throw FileReadError(path: path, reason: "is larger than 1 GB") }
        // Read straight into the result. A regular file is read as large as it was when opened, in one
        // call; a file whose size the system does not know (a pipe, /proc) reads on to its end.
        let sized = (info.st_mode & S_IFMT) == S_IFREG && expected > 0
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

    static func describeErrno(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case EACCES: return "permission denied"
        case EISDIR: return "is a folder, not a file"
        default: return String(cString: strerror(code))
        }
    }
}
