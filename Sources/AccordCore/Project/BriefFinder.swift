/// Finds the briefs to check: files as given, folders searched for `*.brief.toml` and `*.brief.json`.
package enum BriefFinder {
    package static func isBriefName(_ name: String) -> Bool {
        name.hasSuffix(".brief.toml") || name.hasSuffix(".brief.json")
    }

    /// The brief files under `paths` (in the order given; a folder's sorted by their paths' bytes),
    /// and the paths that do not exist. Each file comes with the path to read and the path to show:
    /// as given, or under the folder as given. Relative paths are read from `folder`.
    package static func find(_ paths: [String], from folder: String? = nil) -> (files: [(read: String, display: String)], missing: [String]) {
        var files: [(read: String, display: String)] = []
        var missing: [String] = []
        for path in paths {
            let read = folder.map { path.hasPrefix("/") ? path : FileSystem.join($0, path) } ?? path
            switch FileSystem.kind(read) {
            case .file:
                files.append((read, path))
            case .directory:
                // The folder's two spellings end in a slash once, not at every file.
                let readFolder = FileSystem.join(read, "")
                let shownFolder = path == "." ? "" : FileSystem.join(path, "")
                // Usually the same folder, and then the same text serves both.
                let shownAsRead = shownFolder == readFolder
                for relative in FileSystem.walk(read, maxFiles: 1_000_000) where isBriefName(relative) {
                    let readPath = readFolder + relative
                    files.append((readPath, shownAsRead ? readPath : shownFolder + relative))
                }
            default:
                missing.append(path)
            }
        }
        // One folder lists each file once; only several paths can name a file twice.
        guard paths.count > 1 else { return (files, missing) }
        var seen: Set<String> = []
        return (files.filter { seen.insert($0.read).inserted }, missing)
    }
}

/// How paths are shown: as given, without a leading "./".
package enum Display {
    package static func path(_ p: String) -> String {
        p.hasPrefix("./") ? String(p.dropFirst(2)) : p
    }
}
