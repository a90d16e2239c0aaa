#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens files by the folder they are in: the folder last used stays open, and a file in it is
/// opened by its name alone (`openat`), so the system does not walk the whole path again for each of
/// thousands of briefs in one folder. One for each thread that reads (it is not locked), for one run:
/// it holds its folder open until it is released. A file it cannot open that way, `readBytes` opens
/// by its whole path, as before.
final class FolderReader {
    private var folder = ""
    private var folderFD: Int32 = -1

    init() {}

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
        return openat(folderFD, String(path[bytes.index(after: slash)...]), O_RDONLY | O_NONBLOCK | O_CLOEXEC)
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
