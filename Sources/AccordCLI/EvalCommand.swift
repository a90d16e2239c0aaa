import AccordCore

/// `accord eval`: evaluates one expression and prints its value.
enum EvalCommand: Subcommand {
    static let name = "eval"
    static let summary = "Evaluate an expression of the rule language and print its value"
    static let usage = "accord eval [--var NAME=EXPR]... [--brief FILE] [--] EXPR"
    static let discussion = """
        Prints the value in the print form (a literal you can paste back into an expression).
        --var binds NAME to the value of EXPR, an expression with no free variables.
        --brief binds the sections of a brief (campaign, brand, creators, timeline, ...) as rules see
        them, so you can try a condition against a real file:

            accord eval --brief Samples/aurora.brief.toml 'timeline.media_buy < timeline.content_due'

        Exits 1 with a message if the expression does not compile or its evaluation fails.
        """
    static let options: [OptionSpec] = [
        .value("var", "NAME=EXPR", "bind a variable", repeatable: true),
        .value("brief", "FILE", "bind the sections of a brief"),
        .value("cost-limit", "N", "stop an evaluation after N steps (default \(ExpressionLimits.defaultCostLimit))"),
    ]

    static func run(_ args: ParsedArguments, console: Console) -> Int32 {
        guard !args.positionals.isEmpty else {
            AccordCommand.reportUsage(UsageError("missing the EXPR to evaluate"), usage: usage, console: console)
            return ExitCode.usage
        }
        var costLimit = ExpressionLimits.defaultCostLimit
        if let text = args.value("cost-limit") {
            guard let n = Int(text), n > 0 else {
                AccordCommand.reportUsage(UsageError("--cost-limit needs a positive number, not '\(text)'"), usage: usage, console: console)
                return ExitCode.usage
            }
            costLimit = n
        }
        var names: [(String, CELType)] = []
        var values: [Value] = []

        if let path = args.value("brief") {
            let file: SourceFile
            do throws(FileReadError) {
                file = try SourceFile.read(path: path)
            } catch {
                console.writeError("error: cannot read \(error.path): \(error.reason)\n")
                return ExitCode.usage
            }
            do throws(Diagnostic) {
                let document = try Document.parse(file)
                guard case .map(let root) = document.root else {
                    console.writeError("error: \(path): a brief is a table of sections\n")
                    return ExitCode.failure
                }
                for i in 0..<root.count {
                    guard case .string(let key) = root.keys[i] else { continue }
                    names.append((key, CELType.of(root.values[i])))
                    values.append(root.values[i])
                }
                names.append(("brief", CELType.of(document.root)))
                values.append(document.root)
            } catch {
                console.diagnostics([error])
                return ExitCode.failure
            }
        }

        for binding in args.all("var") {
            guard let eq = binding.firstIndex(of: "=") else {
                AccordCommand.reportUsage(UsageError("--var needs NAME=EXPR, not '\(binding)'"), usage: usage, console: console)
                return ExitCode.usage
            }
            let name = String(binding[..<eq])
            // Qualified names such as a.b.c are allowed, as in CEL.
            let parts = name.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.allSatisfy({ part in part.utf8.first.map(Lexer.isIdentStart) == true && part.utf8.allSatisfy(Lexer.isIdentByte) }) else {
                AccordCommand.reportUsage(UsageError("'\(name)' is not a valid variable name"), usage: usage, console: console)
                return ExitCode.usage
            }
            let file = SourceFile(path: "<--var \(name)>", text: String(binding[binding.index(after: eq)...]))
            guard let value = evaluate(file, Declarations(strict: false), [], costLimit: costLimit, console: console) else {
                return ExitCode.failure
            }
            if let existing = names.firstIndex(where: { $0.0 == name }) {
                names[existing].1 = CELType.of(value)
                values[existing] = value
            } else {
                names.append((name, CELType.of(value)))
                values.append(value)
            }
        }

        let file = SourceFile(path: "<expression>", text: args.positionals.joined(separator: " "))
        guard let value = evaluate(file, Declarations(strict: false, names), values, costLimit: costLimit, console: console) else {
            return ExitCode.failure
        }
        var out = OutputBuffer()
        PrintForm.write(value, into: &out)
        out.append(byte: 0x0A)
        console.write(out)
        return ExitCode.ok
    }

    /// Compiles and evaluates, reporting problems; nil on failure.
    static func evaluate(_ file: SourceFile, _ declarations: Declarations, _ values: [Value], costLimit: Int, console: Console) -> Value? {
        let program: Program
        do throws(DiagnosticList) {
            program = try Compiler.compile(file, declarations: declarations)
        } catch {
            console.diagnostics(error.diagnostics)
            return nil
        }
        do throws(EvalError) {
            return try program.evaluate(values, costLimit: costLimit)
        } catch {
            console.diagnostics([program.diagnostic(error)])
            return nil
        }
    }
}
