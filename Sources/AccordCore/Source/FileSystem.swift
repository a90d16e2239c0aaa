#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Small file-system queries without Foundation.
package enum FileSystem {
    package static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    package enum Kind { case file, directory, missing, other }

    package static func kind(_ path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .file
        default: return .other
        }
    }

    /// Entries of a folder, sorted, without `.` and `..`.
    package static func list(_ path: String) -> [String] {
        entries(path).map(\.name)
    }

    /// Entries of a folder with their kinds, sorted, without `.` and `..`.
    package static func entries(_ path: String) -> [(name: String, kind: Kind)] {
        unsortedEntries(path).sorted { $0.name < $1.name }
    }

    /// Entries of a folder with their kinds, in the folder's order, without `.` and `..`. The kind
    /// comes from the folder listing when the file system gives it (no `stat` per entry), and from
    /// `stat` otherwise.
    private static func unsortedEntries(_ path: String) -> [(name: String, kind: Kind)] {
        ((try? readFolder(path)) ?? []).map { ($0.name, $0.kind) }
    }

    /// As `unsortedEntries`, with links kept as links (`isLink`, the kind of what they lead to), and
    /// the reason when the folder cannot be read.
    private static func readFolder(_ path: String) throws(FileReadError) -> [(name: String, kind: Kind, isLink: Bool)] {
        guard let dir = opendir(path) else { throw FileReadError(path: path, reason: SourceFile.describeErrno(errno)) }
        defer { closedir(dir) }
        var result: [(name: String, kind: Kind, isLink: Bool)] = []
        while let entry = readdir(dir) {
            // The name is read in place: a record is only as long as its name (`d_reclen`), so copying
            // the whole `d_name` field would read past the end of the last record in glibc's buffer.
            let name = String(cString: (UnsafeRawPointer(entry) + Self.nameOffset).assumingMemoryBound(to: CChar.self))
            guard name != "." && name != ".." else { continue }
            let kind: Kind
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): kind = .file
            case Int32(DT_DIR): kind = .directory
            case Int32(DT_UNKNOWN), Int32(DT_LNK): kind = FileSystem.kind(join(path, name))
            default: kind = .other
            }
            let isLink = Int32(entry.pointee.d_type) == Int32(DT_LNK)
                || (Int32(entry.pointee.d_type) == Int32(DT_UNKNOWN) && isSymbolicLink(join(path, name)))
            result.append((name, kind, isLink))
        }
        return result
    }

    private static let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!

    private static func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    /// The target of a path with every link resolved, or nil when it does not exist.
    package static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(decoding: UnsafeBufferPointer(start: UnsafeRawPointer(resolved).assumingMemoryBound(to: UInt8.self),
                                                    count: strlen(resolved)), as: UTF8.self)
    }

    /// What a folder walk found: the regular files, as paths relative to the folder, sorted by
    /// their bytes; and what it could not, or would not, take.
    package struct Walk {
        package var files: [String] = []
        /// Folders that could not be read (an error: a check that skipped them would pass unchecked).
        package var unreadable: [FileReadError] = []
        /// Links that lead out of the folder, or to a folder or file already walked (a loop, or a
        /// second name): not followed, so that each real file is taken once and nothing outside the
        /// tree is read.
        package var skippedLinks: [(path: String, reason: String)] = []
    }

    /// Every regular file below a folder; hidden entries are skipped. Each real folder is walked
    /// once, by the first name met (a link to a folder inside the tree is followed if the folder was
    /// not walked yet); a link to a file is not followed (the file is taken by its own name), nor is
    /// a link out of the tree.
    package static func walk(_ root: String, maxFiles: Int = 10_000) -> Walk {
        var walk = Walk()
        let realRoot = realPath(root) ?? root
        var seenFolders: Set<String> = [realRoot]
        // Each folder to walk, by its path from the root and its real path.
        var stack = [(relative: "", real: realRoot)]
        while let (relative, real) = stack.popLast(), walk.files.count < maxFiles {
            let dir = relative.isEmpty ? root : join(root, relative)
            let entries: [(name: String, kind: Kind, isLink: Bool)]
            do throws(FileReadError) {
                entries = try readFolder(dir)
            } catch {
                walk.unreadable.append(error)
                continue
            }
            // Files are taken in the folder's order and sorted once, at the end; folders are sorted
            // here, so that they are walked in the same order everywhere (which matters at `maxFiles`).
            var folders: [(relative: String, real: String)] = []
            for (name, kind, isLink) in entries where !name.hasPrefix(".") {
                let child = relative.isEmpty ? name : relative + "/" + name
                switch (kind, isLink) {
                case (.file, false):
                    walk.files.append(child)
                case (.directory, false):
                    let target = join(real, name)
                    if seenFolders.insert(target).inserted {
                        folders.append((child, target))
                    } else {
                        walk.skippedLinks.append((child, "a folder already walked through a link to it"))
                    }
                case (.directory, true), (.file, true):
                    guard let target = realPath(join(root, child)) else { continue }
                    guard target == realRoot || target.hasPrefix(join(realRoot, "")) else {
                        walk.skippedLinks.append((child, "a link to \(target), outside \(root)"))
                        continue
                    }
                    if kind == .file {
                        walk.skippedLinks.append((child, "a link to \(target), taken by its own name"))
                    } else if seenFolders.insert(target).inserted {
                        folders.append((child, target))
                    } else {
                        walk.skippedLinks.append((child, "a link to a folder already walked (a loop, or a second name for it)"))
                    }
                default:
                    break
                }
            }
            stack += folders.sorted { TextCompare.compare($0.relative, $1.relative) < 0 }
        }
        // By bytes, as `ls` sorts in the C locale: several times faster than Swift's Unicode order.
        walk.files = sortedByBytes(walk.files)
        return walk
    }

    /// Texts in the order of their UTF-8 bytes. Each is keyed by its first eight bytes, so that most
    /// comparisons are of two integers (names in one folder mostly differ early); equal keys, whole.
    static func sortedByBytes(_ texts: [String]) -> [String] {
        var keyed = texts.map { (key: leadingBytes($0), text: $0) }
        keyed.sort { $0.key != $1.key ? $0.key < $1.key : TextCompare.compare($0.text, $1.text) < 0 }
        return keyed.map(\.text)
    }

    /// The first eight bytes of a text, the first as the highest (zeros after a shorter text, which
    /// then comes first, as a path has no zero byte).
    private static func leadingBytes(_ text: String) -> UInt64 {
        func pack(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
            var key: UInt64 = 0
            for i in 0..<8 { key = key << 8 | UInt64(i < bytes.count ? bytes[i] : 0) }
            return key
        }
        return text.withBytesInPlace(pack)
    }

    /// The folder a path is in: `a/b/c.toml` -> `a/b`, `c.toml` -> `.`, `/c` -> `/`.
    package static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// `path` relative to the folder `base` when it is inside it (both made absolute first), else nil.
    package static func relative(_ path: String, to base: String) -> String? {
        RelativePaths(to: base).relative(path)
    }

    /// Paths made relative to one folder, which is made absolute and normal once (for the many files
    /// of one check).
    package struct RelativePaths: Sendable {
        /// The normal absolute folder, and it with a final `/`.
        private let root: String
        private let prefix: String

        package init(to base: String) {
            root = normalize(resolve(base, from: currentDirectory()))
            prefix = root == "/" ? "/" : root + "/"
        }

        package func relative(_ path: String) -> String? {
            let absolute = resolve(path, from: currentDirectory())
            let normal = isNormal(absolute) ? absolute : normalize(absolute)
            // Compared and cut as bytes, as the file system compares names; the cut is after a slash.
            if normal.utf8.elementsEqual(root.utf8) { return "." }
            guard normal.utf8.starts(with: prefix.utf8) else { return nil }
            return String(normal.utf8[normal.utf8.index(normal.startIndex, offsetBy: prefix.utf8.count)...])
        }
    }

    /// Whether an absolute path is already as `normalize` makes it: no empty, `.` or `..` part and
    /// no final slash.
    static func isNormal(_ path: String) -> Bool {
        if path == "/" { return true }
        // As bytes (iterating `utf8` costs dozens of instructions a byte).
        return path.withBytesInPlace(isNormal(bytes:))
    }

    private static func isNormal(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var partStart = true  // just after a slash
        var dots = 0  // how many dots the current part is, while it is only dots
        var onlyDots = true
        for i in bytes.indices.dropFirst() {  // after the leading slash
            if bytes[i] == UInt8(ascii: "/") {
                if partStart || (onlyDots && dots <= 2) { return false }
                partStart = true
                dots = 0
                onlyDots = true
            } else {
                partStart = false
                if bytes[i] == UInt8(ascii: ".") { dots += 1 } else { onlyDots = false }
            }
        }
        return !partStart && !(onlyDots && dots <= 2)
    }

    /// An absolute path without `.` and `..` parts or repeated slashes (links are not resolved).
    package static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// `path` as a path to open: relative ones are from `folder`.
    package static func resolve(_ path: String, from folder: String) -> String {
        path.hasPrefix("/") ? path : join(folder, path)
    }

    package static func join(_ a: String, _ b: String) -> String {
        if a.isEmpty || a == "." { return b }
        return a.hasSuffix("/") ? a + b : a + "/" + b
    }

    package static func close(_ fd: Int32) {
        _ = Glibc.close(fd)
    }

    /// Writes a whole file at once, atomically (see `AtomicFile`); the reason when it cannot.
    package static func writeFile(_ path: String, _ bytes: [UInt8]) -> String? {
        let file: AtomicFile
        switch AtomicFile.create(path) {
        case .success(let f): file = f
        case .failure(let reason): return reason.reason
        }
        if !bytes.withUnsafeBytes({ file.write($0) }) {
            file.abandon()
            return file.failure ?? "write failed"
        }
        return file.commit()
    }

    /// Runs `body` holding an exclusive advisory lock (`flock`) on the folder that holds `path`, so
    /// that two Accord processes reading, merging and rewriting a file there (a baseline) do it one
    /// after the other, and neither loses what the other wrote. Without the lock (a folder that
    /// cannot be opened, a file system without locks) `body` runs all the same.
    package static func withFolderLock<T, E: Error>(of path: String, _ body: () throws(E) -> T) throws(E) -> T {
        let fd = open(directory(of: path), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { if fd >= 0 { Glibc.close(fd) } }
        if fd >= 0 {
            while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
        }
        return try body()
    }

    /// Writes all of `bytes` to a file descriptor, through short writes and interruptions; nil when
    /// all was written, else the reason (`errno` in words).
    @discardableResult
    package static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32) -> String? {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return n < 0 ? SourceFile.describeErrno(errno) : "nothing could be written" }
            offset += n
        }
        return nil
    }
}
