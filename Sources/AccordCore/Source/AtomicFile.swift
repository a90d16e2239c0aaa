import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written atomically: the bytes go to a new temporary file in the same folder, which takes
/// the file's name only once everything was written and flushed (`commit`). Until then the file keeps
/// what it had, and a run that is killed, or fails to write, leaves it as it was (an interrupted one
/// removes its temporary file; one killed by SIGKILL leaves a `.NAME.accord-XXXXXX` file beside it). A path that names a device or a pipe (`/dev/stdout`, a
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
    /// Where `Interrupted` keeps the temporary file's name, to remove it if the run is interrupted.
    private var slot: Int?

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
        // The name is kept for the signal handler before the file exists (an interrupt between
        // creating and remembering it would leave it behind), so it is chosen here, not by mkstemp.
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        for _ in 0..<100 {
            let temporary = FileSystem.join(folder, "." + name + ".accord-" + String((0..<6).map { _ in letters.randomElement()! }))
            let slot = Interrupted.remember(temporary)
            // As readable as any file the user makes (open applies the umask).
            let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            guard fd >= 0 else {
                let code = errno
                Interrupted.forget(slot)
                if code == EEXIST { continue }
                return .failure(FileReadError(path: path, reason: SourceFile.describeErrno(code)))
            }
            let file = AtomicFile(path: path, temporary: temporary, fd: fd)
            file.slot = slot
            return .success(file)
        }
        return .failure(FileReadError(path: path, reason: "no free name for a temporary file beside it"))
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
            Interrupted.forget(slot)
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
        Interrupted.forget(slot)
    }

    deinit { abandon() }
}

/// The temporary files being written, removed when the process is interrupted (SIGINT, SIGTERM,
/// SIGHUP) before they take their names: Ctrl-C during a long report leaves nothing behind. The
/// handler then ends the process by the same signal, as if it had not been caught. A signal the
/// process ignores (`nohup`) stays ignored.
///
/// Invariant: the handler only reads the table and calls `unlink`, `signal` and `raise`, which are
/// safe in a signal handler; the table is allocated once and its slots hold C strings that are
/// freed only after being taken out of it, under the lock that writers hold.
enum Interrupted {
    static let capacity = 64
    nonisolated(unsafe) static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let table = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        table.initialize(repeating: nil, count: capacity)
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            var old = sigaction()
            sigaction(sig, nil, &old)
            if unsafeBitCast(old.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { continue }
            signal(sig) { sig in
                for k in 0..<Interrupted.capacity {
                    if let path = Interrupted.slots[k] { unlink(path) }
                }
                signal(sig, SIG_DFL)
                raise(sig)
            }
        }
        return table
    }()
    static let lock = NSLock()

    /// Keeps `path` for the handler; nil when the table is full (the file is then not removed).
    static func remember(_ path: String) -> Int? {
        let table = slots
        lock.lock()
        defer { lock.unlock() }
        guard let k = (0..<capacity).first(where: { table[$0] == nil }) else { return nil }
        table[k] = strdup(path)
        return k
    }

    static func forget(_ slot: Int?) {
        guard let slot else { return }
        lock.lock()
        let path = slots[slot]
        slots[slot] = nil
        lock.unlock()
        free(path)
    }
}
