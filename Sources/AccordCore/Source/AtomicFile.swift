#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written atomically: the bytes go to a new temporary file in the same folder, which takes
/// the file's name only once everything was written and flushed (`commit`). Until then the file keeps
/// what it had, and a run that is killed, or fails to write, leaves it as it was (and at worst a
/// `.NAME.accord-XXXXXX` file beside it). A path that names a device or a pipe (`/dev/stdout`, a
/// FIFO) is written as it is: there is no file to replace. Not locked: a read, merge and rewrite
/// (a baseline) takes `FileSystem.withFolderLock` around it.
package final class AtomicFile {
    /// The file's path.
    package let path: String
    /// The temporary file, or nil when writing to the path itself (a device or a pipe).
    private let temporary: String?
    private var fd: Int32
    /// Why writing failed, once it has.
    package private(set) var failure: String?

    private init(path: String, temporary: String?, fd: Int32) {
        self.path = path
        self.temporary = temporary
        self.fd = fd
    }

    /// Creates the temporary file beside `path`; the reason when it cannot (the folder does not
    /// exist or cannot be written, `path` is a folder).
    package static func create(_ path: String) -> Result<AtomicFile, FileReadError> {
        switch FileSystem.kind(path) {
        case .directory:
            return .failure(FileReadError(path: path, reason: "is a folder, not a file"))
        case .other:
            let fd = open(path, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { return .failure(FileReadError(path: path, reason: SourceFile.describeErrno(errno))) }
            return .success(AtomicFile(path: path, temporary: nil, fd: fd))
        case .file, .missing:
            break
        }
        let folder = path.contains("/") ? FileSystem.directory(of: path) : "."
        let name = path.split(separator: "/").last.map(String.init) ?? path
        var template = Array(FileSystem.join(folder, "." + name + ".accord-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return .failure(FileReadError(path: path, reason: SourceFile.describeErrno(errno))) }
        // mkstemp makes the file readable by its owner alone; a report is as readable as any file.
        var mask = umask(0)
        umask(mask)
        mask = ~mask & 0o666
        fchmod(fd, mode_t(mask))
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return .success(AtomicFile(path: path, temporary: temporary, fd: fd))
    }

    /// Appends bytes; false once a write has failed (`failure` says why).
    @discardableResult
    package func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard failure == nil, fd >= 0 else { return false }
        failure = FileSystem.writeAll(bytes, to: fd)
        return failure == nil
    }

    /// Flushes the file and gives it its name; nil when it did, else why not (the temporary file is
    /// then removed and the old file left as it was).
    package func commit() -> String? {
        guard fd >= 0 else { return failure ?? "already closed" }
        if let temporary {
            if failure == nil, fsync(fd) != 0 { failure = SourceFile.describeErrno(errno) }
            if Glibc.close(fd) != 0, failure == nil { failure = SourceFile.describeErrno(errno) }
            fd = -1
            if failure == nil, rename(temporary, path) != 0 { failure = SourceFile.describeErrno(errno) }
            if failure != nil { unlink(temporary) }
        } else {
            if Glibc.close(fd) != 0, failure == nil { failure = SourceFile.describeErrno(errno) }
            fd = -1
        }
        return failure
    }

    /// Removes the temporary file; the old file stays as it was.
    package func abandon() {
        guard fd >= 0 else { return }
        _ = Glibc.close(fd)
        fd = -1
        if let temporary { unlink(temporary) }
    }

    deinit { abandon() }
}
