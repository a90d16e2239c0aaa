import AccordCore

/// `accord eval`: one expression of the rule language, evaluated and printed in the print form.
package enum EvalTool {
    package static let defaultCostLimit = ExpressionLimits.defaultCostLimit

    /// Whether `name` can be bound as a variable: identifiers joined by dots (`a.b.c`), as in CEL.
    package static func isVariableName(_ name: String) -> Bool {
        name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
            part.utf8.first.map(Lexer.isIdentStart) == true && part.utf8.allSatisfy(Lexer.isIdentByte)
        }
    }

    /// Evaluates `expression` with `variables` bound (each an expression with no free variables, in
    /// order; a later one replaces an earlier of the same name), and the sections of `brief` when given.
    package static func run(_ expression: String, variables: [(name: String, expression: String)], brief: String?,
                            costLimit: Int, workingDirectory: String) -> ToolResult {
        var names: [(String, CELType)] = []
        var values: [Value] = []

        if let path = brief {
            let document: Document
            switch ToolDocument(path, workingDirectory: workingDirectory) {
            case .document(let d): document = d
            case .failed(let result): return result
            }
            guard case .map(let root) = document.root else {
                return .failure([.error("\(path): a brief is a table of sections")])
            }
            for i in 0..<root.count {
                guard case .string(let key) = root.keys[i] else { continue }
                names.append((key, CELType.of(root.values[i])))
                values.append(root.values[i])
            }
            names.append(("brief", CELType.of(document.root)))
            values.append(document.root)
        }

        for (name, text) in variables {
            let file = SourceFile(path: "<--var \(name)>", text: text)
            let value: Value
            switch evaluate(file, Declarations(strict: false), [], costLimit: costLimit) {
            case .success(let v): value = v
            case .failure(let error): return .failure(error.problems)
            }
            if let existing = names.firstIndex(where: { $0.0 == name }) {
                names[existing].1 = CELType.of(value)
                values[existing] = value
            } else {
                names.append((name, CELType.of(value)))
                values.append(value)
            }
        }

        let file = SourceFile(path: "<expression>", text: expression)
        switch evaluate(file, Declarations(strict: false, names), values, costLimit: costLimit) {
        case .success(let value):
            var out = OutputBuffer()
            PrintForm.write(value, into: &out)
            out.append(byte: 0x0A)
            return ToolResult(output: out.bytes)
        case .failure(let error):
            return .failure(error.problems)
        }
    }

    /// Compiles and evaluates.
    private static func evaluate(_ file: SourceFile, _ declarations: Declarations, _ values: [Value],
                                 costLimit: Int) -> Result<Value, AccordError> {
        let program: Program
        do throws(DiagnosticList) {
            program = try Compiler.compile(file, declarations: declarations)
        } catch {
            return .failure(AccordError(error.diagnostics))
        }
        do throws(EvalError) {
            return .success(try program.evaluate(values, costLimit: costLimit))
        } catch {
            return .failure(AccordError([program.diagnostic(error)]))
        }
    }
}
