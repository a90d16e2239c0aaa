import AccordCore

/// What a tool of the command line produced: the text for standard output, the problems for standard
/// error, and the exit status (`../shared/spec/cli.md`: 0 all good, 1 a failure the tool found, 2
/// input it could not use). The CLI only prints it.
package struct ToolResult: Sendable {
    package var output: [UInt8] = []
    package var problems: [Problem] = []
    package var status: Int32 = 0

    package init(output: [UInt8] = [], problems: [Problem] = [], status: Int32 = 0) {
        self.output = output
        self.problems = problems
        self.status = status
    }

    package init(_ text: String, status: Int32 = 0) {
        self.init(output: Array(text.utf8), status: status)
    }

    package static func failure(_ problems: [Problem], status: Int32 = 1) -> ToolResult {
        ToolResult(problems: problems, status: status)
    }
}

/// The document a tool reads, or the result that says why it cannot: a file that cannot be read
/// (exit status 2), or is not valid TOML or JSON (exit status 1).
enum ToolDocument {
    case document(Document)
    case failed(ToolResult)

    init(_ path: String, workingDirectory: String) {
        do throws(FileReadError) {
            let file = try SourceFile.read(path: CommandSupport.resolve(path, from: workingDirectory), displayPath: path)
            do throws(Diagnostic) {
                self = .document(try Document.parse(file))
            } catch {
                self = .failed(.failure([Problem(error)]))
            }
        } catch {
            self = .failed(.failure([.error("cannot read \(path): \(error.reason)")], status: 2))
        }
    }
}

/// Small things every command needs: the version, did-you-mean, paths.
package enum CommandSupport {
    package static var version: String { AccordVersion.current }

    /// `"; did you mean 'x'?"`, or nothing when no candidate is close enough.
    package static func didYouMean(_ word: String, among candidates: [String]) -> String {
        Suggestions.didYouMean(word, among: candidates)
    }

    package static func closest(to word: String, among candidates: [String]) -> String? {
        Suggestions.closest(to: word, among: candidates)
    }

    package static func currentDirectory() -> String { FileSystem.currentDirectory() }

    /// `path` from `folder` when relative.
    package static func resolve(_ path: String, from folder: String) -> String {
        FileSystem.resolve(path, from: folder)
    }

    /// Writes all of `bytes` to a file descriptor (1 for standard output, 2 for standard error);
    /// nil when it did, else why not.
    @discardableResult
    package static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32) -> String? {
        FileSystem.writeAll(bytes, to: fd)
    }

    package static func isFolder(_ path: String) -> Bool { FileSystem.kind(path) == .directory }
    package static func exists(_ path: String) -> Bool { FileSystem.kind(path) != .missing }
}
