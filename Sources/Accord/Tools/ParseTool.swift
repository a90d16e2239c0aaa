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
        let file: SourceFile
        do throws(FileReadError) {
            file = try SourceFile.read(path: CommandSupport.resolve(path, from: workingDirectory), displayPath: path)
        } catch {
            return .failure([.error("cannot read \(path): \(error.reason)")], status: 2)
        }
        do throws(Diagnostic) {
            let document = try Document.parse(file)
            var out = OutputBuffer(capacity: file.bytes.count + 64)
            switch format {
            case .json: JSONForm.write(document.root, into: &out, indent: 0)
            case .print: PrintForm.write(document.root, into: &out)
            }
            out.append(byte: 0x0A)
            return ToolResult(output: out.bytes)
        } catch {
            return .failure([Problem(error)])
        }
    }
}
