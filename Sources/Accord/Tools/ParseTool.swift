import AccordCore

/// `accord parse`: a document (a brief, or any TOML 1.1 or JSON file) as the rules see it.
package enum ParseTool {
    package enum Format: String, CaseIterable, Sendable {
        /// The print form of the expression language (dates as `date("...")`).
        case print
        /// Plain JSON.
        case json
    }

    /// Reads the document at `path`. A brief (`*.brief.toml`, `*.brief.json`) is also validated
    /// against the schema of the packs `check` would use, and printed as the rules see it; one that
    /// is not a valid brief is a failure (exit 1) with every problem.
    package static func run(_ path: String, format: Format, projectFile: Configuration.ProjectFile = .nearest,
                            workingDirectory: String) -> ToolResult {
        let document: Document
        switch ToolDocument(path, workingDirectory: workingDirectory) {
        case .document(let d): document = d
        case .failed(let result): return result
        }
        var root = document.root
        if BriefFinder.isBriefName(path) {
            let rules: RuleSet
            do throws(AccordError) {
                let project = try RuleLoading.projectConfig(projectFile, workingDirectory: workingDirectory)
                rules = try RuleLoading.load(extraPacks: RuleLoading.packs(of: project, workingDirectory: workingDirectory),
                                             workingDirectory: workingDirectory).get()
            } catch {
                return .failure(error.problems, status: 2)
            }
            do throws(DiagnosticList) {
                root = .map(try rules.schema.validate(document).root)
            } catch {
                return .failure(error.diagnostics.map(Problem.init))
            }
        }
        var out = OutputBuffer(capacity: document.file.bytes.count + 64)
        switch format {
        case .json: JSONForm.write(root, into: &out, indent: 0)
        case .print: PrintForm.write(root, into: &out)
        }
        out.append(byte: 0x0A)
        return ToolResult(output: out.bytes)
    }
}
