import AccordCore

/// A problem Accord reports about its input: a brief or rule file that does not parse or validate, a
/// setting that is wrong, a path that does not exist. It names the file, line and column when it has
/// them, and renders as compilers print errors: `file:line:col: error: message`, the line, a caret.
public struct Problem: Error, Sendable, CustomStringConvertible {
    /// How serious a problem is.
    public enum Severity: String, Sendable {
        /// Accord could not use the input.
        case error
        /// Worth a look; the run goes on.
        case warning
        /// Information, such as a file written.
        case note
    }

    let diagnostic: Diagnostic

    package init(_ diagnostic: Diagnostic) {
        self.diagnostic = diagnostic
    }

    /// A problem with no place in a file.
    package static func error(_ message: String, help: String? = nil) -> Problem {
        Problem(.error(message, help: help))
    }

    /// How serious it is.
    public var severity: Severity {
        switch diagnostic.severity {
        case .error: return .error
        case .warning: return .warning
        case .note: return .note
        }
    }

    /// What is wrong, in one sentence.
    public var message: String { diagnostic.message }
    /// A stable identifier for the kind of problem, such as `toml.duplicate-key`.
    public var id: String? { diagnostic.id }
    /// The file as it was named, when the problem is in one.
    public var file: String? { diagnostic.file?.path }
    /// Where in the file, when the problem is in one.
    public var position: Position? { diagnostic.location.map(Position.init) }
    /// A suggestion, such as "did you mean 'campaign'?".
    public var help: String? { diagnostic.help }

    /// The problem as `accord` prints it: the place, the message, the source line with a caret under
    /// the span, notes and the suggested fix; ANSI colour when `colored`.
    public func rendered(colored: Bool = false) -> String {
        TextDiagnosticRenderer(colored: colored).render(diagnostic)
    }

    /// The problem as `rendered()` prints it, without colour.
    public var description: String { rendered() }
}

/// A place in a file: 1-based line and column (columns count characters, not bytes), 0-based byte offset.
public struct Position: Sendable, Hashable {
    /// The line, from 1.
    public let line: Int
    /// The column, from 1, in characters (a Cyrillic letter or an emoji is one column).
    public let column: Int
    /// The byte offset from the start of the file, from 0.
    public let offset: Int

    init(_ location: SourceLocation) {
        line = location.line
        column = location.column
        offset = location.offset
    }
}

/// Why Accord could not do what it was asked: input it cannot use (a rule pack that does not load, a
/// config file that does not validate, a path that does not exist, a file it cannot write). Every
/// problem found is listed, not only the first. `accord` exits with status 2 for it.
public struct AccordError: Error, Sendable, CustomStringConvertible {
    /// Every problem found, in the order found.
    public let problems: [Problem]

    package init(_ problems: [Problem]) {
        self.problems = problems
    }

    package init(_ diagnostics: [Diagnostic]) {
        problems = diagnostics.map(Problem.init)
    }

    package init(_ message: String, help: String? = nil) {
        problems = [.error(message, help: help)]
    }

    /// Every problem as `Problem.rendered()` prints it.
    public var description: String { problems.map { $0.rendered() }.joined() }
}
