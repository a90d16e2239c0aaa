/// The files of one rule pack, from the binary (the built-in packs) or from a folder. A pack is:
///
///     pack.toml            name, description, version, disable = [...], examples_base = "...",
///                          languages = [...] (of its translations, beside English)
///     *.schema.toml        keys and types added to the brief format
///     *.rules              rules
///     data/**/*.toml       tables rules read as data.<folder>.<file>...
///     examples/            briefs that rule examples refer to
///
/// A pack reads only files inside its own folder.
package struct PackFiles: Sendable {
    package let name: String
    /// The folder as shown in messages: `Rules/core` for a built-in pack, the path given otherwise.
    package let root: String
    package let builtIn: Bool
    /// Files by path relative to the pack folder, sorted.
    package let files: [String: SourceFile]

    package init(name: String, root: String, builtIn: Bool, files: [String: SourceFile]) {
        self.name = name
        self.root = root
        self.builtIn = builtIn
        self.files = files
    }

    package var paths: [String] { files.keys.sorted() }

    /// The built-in packs, from the files compiled into the binary: `core` first, then by name.
    package static func builtIn() -> [PackFiles] {
        var byPack: [String: [String: SourceFile]] = [:]
        for (path, text) in BuiltinRules.files {
            let parts = path.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            byPack[parts[0], default: [:]][parts[1]] = SourceFile(path: "Rules/" + path, text: text)
        }
        return byPack.keys.sorted { a, b in a == "core" ? true : (b == "core" ? false : a < b) }
            .map { PackFiles(name: $0, root: "Rules/" + $0, builtIn: true, files: byPack[$0]!) }
    }

    /// A pack in a folder on disk. Links that lead outside the folder are not followed. `shownAs` is
    /// how messages name the folder (as the user wrote it), when `path` is resolved from elsewhere.
    package static func folder(_ path: String, shownAs: String? = nil) throws(FileReadError) -> PackFiles {
        let shown = shownAs ?? path
        guard FileSystem.kind(path) == .directory else {
            throw FileReadError(path: path, reason: FileSystem.kind(path) == .missing ? "no such folder" : "is not a folder")
        }
        var files: [String: SourceFile] = [:]
        let walk = FileSystem.walk(path)
        if let unreadable = walk.unreadable.first { throw unreadable }
        for relative in walk.files {
            let full = FileSystem.join(path, relative)
            guard relative.hasSuffix(".toml") || relative.hasSuffix(".rules") || relative.hasSuffix(".json") else { continue }
            files[relative] = try SourceFile.read(path: full, displayPath: FileSystem.join(shown, relative))
        }
        var name = path.split(separator: "/").last.map(String.init) ?? path
        if let manifest = files["pack.toml"], case .map(let m)? = try? TOMLReader.parse(manifest).root,
           case .string(let declared)? = m["name"] {
            name = declared
        }
        return PackFiles(name: name, root: shown, builtIn: false, files: files)
    }

    /// A file of the pack by a path relative to `base` (a folder inside the pack); nil when the path
    /// leaves the pack or names no file.
    package func file(_ relative: String, from base: String = "") -> SourceFile? {
        var parts = base.split(separator: "/").map(String.init)
        if relative.hasPrefix("/") { return nil }
        for part in relative.split(separator: "/") {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return files[parts.joined(separator: "/")]
    }
}

/// What a pack's manifest says.
package struct PackManifest: Sendable {
    package var name: String
    package var description: String = ""
    package var version: String = ""
    /// Rules of earlier packs to turn off, by id.
    package var disable: [(id: String, span: SourceSpan)] = []
    /// The brief that inline rule examples are laid over, relative to the pack.
    package var examplesBase: String?
    /// The results that inline examples of check-in rules are laid over, relative to the pack.
    package var examplesResults: String?
    /// The languages the pack's messages and questions are translated into, beside English: what
    /// `rules lint` expects of each rule. Nil when the manifest does not say.
    package var languages: [String]?
    package var file: SourceFile?

    static let keys = ["name", "description", "version", "disable", "examples_base", "examples_results", "languages"]

    static func read(_ pack: PackFiles, _ diagnostics: inout [Diagnostic]) -> PackManifest {
        var manifest = PackManifest(name: pack.name)
        guard let file = pack.files["pack.toml"] else { return manifest }
        manifest.file = file
        do throws(Diagnostic) {
            let document = try TOMLReader.parse(file)
            guard let t = TableReader(document, context: "the pack manifest", diagnostics: &diagnostics) else { return manifest }
            t.checkKeys(keys, &diagnostics)
            manifest.name = t.string("name", &diagnostics) ?? pack.name
            manifest.description = t.string("description", &diagnostics) ?? ""
            manifest.version = t.string("version", &diagnostics) ?? ""
            manifest.disable = (t.strings("disable", &diagnostics) ?? []).map { ($0.0, $0.1) }
            manifest.examplesBase = t.string("examples_base", &diagnostics)
            manifest.examplesResults = t.string("examples_results", &diagnostics)
            manifest.languages = t.strings("languages", &diagnostics)?.map(\.0)
        } catch {
            diagnostics.append(error)
        }
        return manifest
    }
}
