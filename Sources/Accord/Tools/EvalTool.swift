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
    /// order; a later one replaces an earlier of the same name). With `brief`, the brief is validated
    /// against the schema of the packs `check` would use (and `packs`), and its sections, `parties`,
    /// `brief` and the packs' `data` are bound as rules see them; the expression is then checked as a
    /// rule's condition is (an unknown field is an error with a suggestion).
    package static func run(_ expression: String, variables: [(name: String, expression: String)], brief: String?,
                            packs: [String] = [], projectFile: Configuration.ProjectFile = .nearest,
                            costLimit: Int, workingDirectory: String) -> ToolResult {
        var declarations = Declarations(strict: false)
        var values: [Value] = []

        if let path = brief {
            let document: Document
            switch ToolDocument(path, workingDirectory: workingDirectory) {
            case .document(let d): document = d
            case .failed(let result): return result
            }
            let rules: RuleSet
            do throws(AccordError) {
                let project = try RuleLoading.projectConfig(projectFile, workingDirectory: workingDirectory)
                rules = try RuleLoading.load(extraPacks: RuleLoading.packs(of: project, workingDirectory: workingDirectory) + packs,
                                             workingDirectory: workingDirectory).get()
            } catch {
                return .failure(error.problems, status: 2)
            }
            do throws(DiagnosticList) {
                let validated = try rules.schema.validate(document)
                // The slots as the engine fills them: the brief's variables, then `data`.
                declarations = rules.declarations.extended()
                values = validated.variables + [rules.data]
            } catch {
                return .failure(error.diagnostics.map(Problem.init))
            }
        }

        for (name, text) in variables {
            let file = SourceFile(path: "<--var \(name)>", text: text)
            let value: Value
            switch evaluate(file, Declarations(strict: false), [], costLimit: costLimit) {
            case .success(let v): value = v
            case .failure(let error): return .failure(error.problems)
            }
            let slot = declarations.declare(name, CELType.of(value))
            if slot < values.count { values[slot] = value } else { values.append(value) }
        }

        let file = SourceFile(path: "<expression>", text: expression)
        switch evaluate(file, declarations, values, costLimit: costLimit) {
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
