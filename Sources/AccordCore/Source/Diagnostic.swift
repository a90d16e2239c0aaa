/// A message about a place in a file, kept apart from how it is shown (see `DiagnosticRenderer`).
public struct Diagnostic: Error, Sendable {
    public enum Severity: String, Sendable, Comparable {
        case error, warning, note

        private var rank: Int {
            switch self {
            case .error: return 2
            case .warning: return 1
            case .note: return 0
            }
        }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    /// A secondary message, optionally pointing elsewhere ("first defined here").
    public struct Note: Sendable {
        public var message: String
        public var file: SourceFile?
        public var span: SourceSpan?

        public init(_ message: String, file: SourceFile? = nil, span: SourceSpan? = nil) {
            self.message = message
            self.file = file
            self.span = span
        }
    }

    /// A replacement that would fix the problem, shown under the caret.
    public struct FixIt: Sendable {
        public var span: SourceSpan
        public var replacement: String

        public init(span: SourceSpan, replacement: String) {
            self.span = span
            self.replacement = replacement
        }
    }

    public var severity: Severity
    public var message: String
    /// A stable identifier for the kind of problem, such as `toml.duplicate-key`.
    public var id: String?
    public var file: SourceFile?
    public var span: SourceSpan?
    /// A one-line suggestion printed after the source excerpt ("help: ...").
    public var help: String?
    public var notes: [Note]
    public var fixIt: FixIt?

    public init(
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

    public static func error(
        _ message: String, id: String? = nil, file: SourceFile? = nil, span: SourceSpan? = nil,
        help: String? = nil, notes: [Note] = [], fixIt: FixIt? = nil
    ) -> Diagnostic {
        Diagnostic(.error, message, id: id, file: file, span: span, help: help, notes: notes, fixIt: fixIt)
    }

    public static func warning(
        _ message: String, id: String? = nil, file: SourceFile? = nil, span: SourceSpan? = nil,
        help: String? = nil, notes: [Note] = [], fixIt: FixIt? = nil
    ) -> Diagnostic {
        Diagnostic(.warning, message, id: id, file: file, span: span, help: help, notes: notes, fixIt: fixIt)
    }

    public var location: SourceLocation? {
        guard let file, let span else { return nil }
        return file.location(at: span.start)
    }
}

/// Several diagnostics thrown together (a stage that reports every problem it finds).
public struct DiagnosticList: Error, Sendable {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}
