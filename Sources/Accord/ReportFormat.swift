import AccordCore

/// A report format `accord check` can write: text, JSON, Markdown, SARIF, JUnit, GitHub annotations.
public struct ReportFormat: Sendable, Hashable, CustomStringConvertible {
    /// The name `--format` takes, such as `sarif`.
    public let identifier: String
    /// File extensions (without the dot) that choose the format for an output file given no format.
    public let fileExtensions: [String]
    /// What it is for, in one line.
    public let summary: String

    /// Every format, in the order `accord check --help` lists them.
    public static var all: [ReportFormat] { ReportFormats.all.map(ReportFormat.init) }

    /// The format named `identifier`, or nil.
    public init?(identifier: String) {
        guard let type = ReportFormats.named(identifier) else { return nil }
        self.init(type)
    }

    /// The format a file's extension chooses (`.json`, `.sarif`, `.xml`, `.md`, `.txt`), or nil.
    public init?(forFile path: String) {
        guard let type = ReportFormats.forFile(path) else { return nil }
        self.init(type)
    }

    private init(_ type: any Reporter.Type) {
        identifier = type.identifier
        fileExtensions = type.fileExtensions
        summary = type.summary
    }

    /// The identifier.
    public var description: String { identifier }

    /// The reporter that writes it.
    func reporter(_ options: ReportOptions) -> any Reporter {
        ReportFormats.named(identifier)!.init(options)
    }
}

/// One report a run writes, as the briefs are checked: its format and where it goes.
public struct ReportRequest: Sendable {
    /// Where a report goes.
    public enum Destination: Sendable {
        /// A file, created or replaced (relative paths are from the working directory).
        case file(String)
        /// Handed over piece by piece, in order, on the thread that called `check`.
        case stream(@Sendable (UnsafeRawBufferPointer) -> Void)
    }

    /// The format it is written in.
    public var format: ReportFormat
    /// Where it goes.
    public var destination: Destination
    /// ANSI colour in a text report.
    public var colored = false
    /// Suppressed findings listed in a text report too.
    public var showSuppressed = false

    /// A report in `format` to `destination`.
    public init(_ format: ReportFormat, to destination: Destination, colored: Bool = false, showSuppressed: Bool = false) {
        self.format = format
        self.destination = destination
        self.colored = colored
        self.showSuppressed = showSuppressed
    }
}
