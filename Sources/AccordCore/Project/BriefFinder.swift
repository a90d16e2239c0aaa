/// Finds the briefs to check: files as given, folders searched for `*.brief.toml` and `*.brief.json`.
package enum BriefFinder {
    package static func isBriefName(_ name: String) -> Bool {
        name.hasSuffix(".brief.toml") || name.hasSuffix(".brief.json")
    }

    /// A check-in's results: `*.results.toml`, `*.results.json` or `*.csv`.
    package static func isResultsName(_ name: String) -> Bool {
        name.hasSuffix(".results.toml") || name.hasSuffix(".results.json") || name.lowercased().hasSuffix(".csv")
    }

    /// What `find` found.
    package struct Found {
        /// The brief files, each with the path to read and the path to show.
        package var files: [(read: String, display: String)] = []
        /// Paths given that cannot be used, each with why (an error: the run checks nothing there).
        package var unusable: [Diagnostic] = []
        /// Links a folder walk did not follow, each with why (notes).
        package var notes: [Diagnostic] = []
    }

    /// The brief files under `paths` (in the order given; a folder's sorted by their paths' bytes),
    /// with the paths that cannot be used: missing, not a regular file, or a folder (or a folder in
    /// it) that cannot be read. Each file comes with the path to read and the path to show: as given,
    /// or under the folder as given. Relative paths are read from `folder`.
    /// `matching`: the names of the files a folder is searched for (briefs by default; results files
    /// for a check-in).
    package static func find(_ paths: [String], from folder: String? = nil, matching: (String) -> Bool = isBriefName) -> Found {
        var found = Found()
        for path in paths {
            let read = folder.map { FileSystem.resolve(path, from: $0) } ?? path
            switch FileSystem.kind(read) {
            case .file:
                found.files.append((read, path))
            case .directory:
                // The folder's two spellings end in a slash once, not at every file.
                let readFolder = FileSystem.join(read, "")
                let shownFolder = path == "." ? "" : FileSystem.join(path, "")
                // Usually the same folder, and then the same text serves both.
                let shownAsRead = shownFolder == readFolder
                let walk = FileSystem.walk(read, maxFiles: 1_000_000)
                for relative in walk.files where matching(relative) {
                    let readPath = readFolder + relative
                    found.files.append((readPath, shownAsRead ? readPath : shownFolder + relative))
                }
                for error in walk.unreadable {
                    let shown = shownFolder + (error.path.hasPrefix(readFolder) ? String(error.path.dropFirst(readFolder.count)) : "")
                    found.unusable.append(.error("cannot read the folder \(shown.isEmpty ? path : shown): \(error.reason)",
                                                 help: "a check that skipped it would pass without checking its briefs"))
                }
                for (link, reason) in walk.skippedLinks {
                    found.notes.append(Diagnostic(.note, "not followed: \(shownFolder + link), \(reason)"))
                }
            case .other:
                found.unusable.append(.error("\(path) is not a regular file (a device, a pipe or a socket): only files and folders are read"))
            case .missing:
                found.unusable.append(.error("no such file or folder: \(path)"))
            }
        }
        // One folder lists each file once; only several paths can name a file twice.
        guard paths.count > 1 else { return found }
        var seen: Set<String> = []
        found.files = found.files.filter { seen.insert($0.read).inserted }
        return found
    }
}

/// How paths are shown: as given, without a leading "./".
package enum Display {
    package static func path(_ p: String) -> String {
        p.hasPrefix("./") ? String(p.dropFirst(2)) : p
    }
}
