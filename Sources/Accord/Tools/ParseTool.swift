import AccordCore

/// `accord parse`: a document (a brief, or any TOML 1.1 or JSON file) as the rules see it.
package enum ParseTool {
    package enum Format: String, CaseIterable, Sendable {
        /// The print form of the expression language (dates as `date("...")`).
        case print
        /// Plain JSON.
        case json
    }

    package static func run(_ path: String, format: Format, workingDirectory: String) -> ToolResult {
        let document: Document
        switch ToolDocument(path, workingDirectory: workingDirectory) {
        case .document(let d): document = d
        case .failed(let result): return result
        }
        var out = OutputBuffer(capacity: document.file.bytes.count + 64)
        switch format {
        case .json: JSONForm.write(document.root, into: &out, indent: 0)
        case .print: PrintForm.write(document.root, into: &out)
        }
        out.append(byte: 0x0A)
        return ToolResult(output: out.bytes)
    }
}
