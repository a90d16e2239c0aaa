/// A message about a place in a file, kept apart from how it is shown (see `DiagnosticRenderer`).
package struct Diagnostic: Error, Sendable {
    package enum Severity: String, Sendable, Comparable {
        case error, warning, note

        private var rank: Int {
            switch self {
            case .error: return 2
            case .warning: return 1
            case .note: return 0
            }
        }
        package static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    /// A secondary message, optionally pointing elsewhere ("first defined here").
    package struct Note: Sendable {
        package var message: String
        package var file: SourceFile?
        package var span: SourceSpan?

        package init(_ message: String, file: SourceFile? = nil, span: SourceSpan? = nil) {
            self.message = message
            self.file = file
            self.span = span
        }
    }

    /// A replacement that would fix the problem, shown under the caret.
    package struct FixIt: Sendable {
        package var span: SourceSpan
        package var replacement: String

        package init(span: SourceSpan, replacement: String) {
            self.span = span
            self.replacement = replacement
        }
    }

    package var severity: Severity
    package var message: String
    /// A stable identifier for the kind of problem, such as `toml.duplicate-key`.
    package var id: String?
    package var file: SourceFile?
    package var span: SourceSpan?
    /// A one-line suggestion printed after the source excerpt ("help: ...").
    package var help: String?
    package var notes: [Note]
    package var fixIt: FixIt?

    package init(
        _ severity: Severity, _ message: String, id: String? = nil, file: SourceFile? = nil,
        span: SourceSpan? = nil, help: String? = nil, notes: [Note] = [], fixIt: FixIt? = nil
    ) {
        self.severity = severity
        self.message = message
        self.id = id
        self.file = file
        self.span = span
        self.help = help
        self.notes = notes
        self.fixIt = fixIt
    }

    package static func error(
        _ message: String, id: String? = nil, file: SourceFile? = nil, span: SourceSpan? = nil,
        help: String? = nil, notes: [Note] = [], fixIt: FixIt? = nil
    ) -> Diagnostic {
        Diagnostic(.error, message, id: id, file: file, span: span, help: help, notes: notes, fixIt: fixIt)
    }

    package static func warning(
        _ message: String, id: String? = nil, file: SourceFile? = nil, span: SourceSpan? = nil,
        help: String? = nil, notes: [Note] = [], fixIt: FixIt? = nil
    ) -> Diagnostic {
        Diagnostic(.warning, message, id: id, file: file, span: span, help: help, notes: notes, fixIt: fixIt)
    }

    package var location: SourceLocation? {
        guard let file, let span else { return nil }
        return file.location(at: span.start)
    }
}

/// Several diagnostics thrown together (a stage that reports every problem it finds).
package struct DiagnosticList: Error, Sendable {
    package var diagnostics: [Diagnostic]
    package init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}
