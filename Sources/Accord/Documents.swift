import AccordCore
#if canImport(Glibc)
import Glibc
#endif

/// A document for the partnership after the diagnosis (`../shared/spec/lifecycle.md`).
public enum DocumentKind: String, Sendable, CaseIterable {
    /// The alignment meeting: a timed agenda built from the findings.
    case agenda
    /// "Here's what we agreed on", bilingual, for every party to sign; a draft while an error is open.
    case agreement
    /// The one page a creator reads before ideating, in the creator's language.
    case creatorBrief = "creator-brief"
    /// The campaign's dates alone: a picture (SVG), a calendar (iCalendar), or text.
    case timeline
}

/// A format a document is written in. Not every document has every format: `formats(of:)` says.
public enum DocumentFormat: String, Sendable, CaseIterable {
    /// Plain text, for a terminal or an e-mail.
    case text
    /// Markdown, for a shared document or a wiki.
    case markdown
    /// One self-contained HTML page (inline CSS and SVG, nothing fetched), for the screen and A4.
    case html
    /// JSON, for programs.
    case json
    /// The timeline picture alone, to embed.
    case svg
    /// An RFC 5545 calendar of the key dates.
    case ics

    /// The format a file's extension names (`.md`, `.html`, `.json`, `.txt`, `.svg`, `.ics`), or nil.
    public init?(forFile path: String) {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch ext {
        case "txt": self = .text
        case "md", "markdown": self = .markdown
        case "html", "htm": self = .html
        case "json": self = .json
        case "svg": self = .svg
        case "ics": self = .ics
        default: return nil
        }
    }

    /// The formats `kind` is written in, its default first.
    public static func formats(of kind: DocumentKind) -> [DocumentFormat] {
        switch kind {
        case .agenda: return [.text, .markdown, .html, .json]
        case .agreement, .creatorBrief: return [.markdown, .html, .text, .json]
        case .timeline: return [.text, .svg, .ics]
        }
    }
}

extension Checker {
    /// Checks the brief at `path` (relative to the working directory) as `check` does and writes
    /// `kind` of it in `format`: the fixed wording in the configuration's language, each party's
    /// questions in its own. Throws when the brief cannot be read, does not parse or validate, a
    /// rule fails on it, or `kind` has no such format. `timestamp`: when the document is made, in
    /// seconds since 1970 (a calendar's DTSTAMP); now when nil. `creator`: the creator's id, for
    /// a creator brief.
    public func document(_ kind: DocumentKind, brief path: String, format: DocumentFormat, timestamp: Int64? = nil,
                         creator: String? = nil) throws(AccordError) -> String {
        guard DocumentFormat.formats(of: kind).contains(format) else {
            throw AccordError("\(kind.rawValue) is written as \(DocumentFormat.formats(of: kind).map(\.rawValue).joined(separator: ", ")), not \(format.rawValue)")
        }
        let rules = try ruleSet
        let file: SourceFile
        do throws(FileReadError) {
            file = try SourceFile.read(path: FileSystem.resolve(path, from: folder), displayPath: path)
        } catch {
            throw AccordError("cannot read \(path): \(error.reason)")
        }
        let report = settled(file, rules: rules)
        guard report.isUsable else { throw AccordError(report.problems) }
        guard report.failures.isEmpty else { throw AccordError(report.failures.map(\.diagnostic)) }
        let language = configuration.language
        switch kind {
        case .agenda:
            guard let (page, phrases) = Agenda.page(report, rules: rules, language: language) else { throw AccordError(report.problems) }
            return PageWriter.write(page, as: PageFormat(rawValue: format.rawValue)!, phrases: phrases)
        case .agreement:
            // Each finding's message in every language of the page: the brief checked once more for each.
            let translated: (String) -> BriefReport = { other in self.settled(file, rules: rules, language: other) }
            guard let (page, phrases) = Agreement.page(report, rules: rules, language: language, translated: translated) else {
                throw AccordError(report.problems)
            }
            return PageWriter.write(page, as: PageFormat(rawValue: format.rawValue)!, phrases: phrases)
        case .creatorBrief:
            let creators = CreatorBrief.creators(report)
            guard let creator else {
                throw AccordError("which creator? Give --creator ID", help: "the creators of \(path) are \(creators.joined(separator: ", "))")
            }
            guard let (page, phrases) = CreatorBrief.page(report, rules: rules, creator: creator, language: language) else {
                throw AccordError("\(path) has no creator '\(creator)'\(Suggestions.didYouMean(creator, among: creators))",
                                  help: "the creators of \(path) are \(creators.joined(separator: ", "))")
            }
            return PageWriter.write(page, as: PageFormat(rawValue: format.rawValue)!, phrases: phrases)
        case .timeline:
            guard let (picture, phrases) = TimelinePicture.alone(report, rules: rules, language: language) else {
                throw AccordError("\(path) has no dates to show", help: "add [timeline] dates (kickoff, content_due, launch, report) or [alignment] meeting")
            }
            switch format {
            case .svg: return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + picture.svg(phrases: phrases, standalone: true)
            case .ics: return picture.calendar(stamp: Self.calendarStamp(timestamp ?? Int64(time(nil))))
            default: return picture.text(phrases: phrases)
            }
        }
    }

    /// Writes `text` to `path` (relative to the working directory) atomically: the file keeps what it
    /// had until the whole text is written.
    public func write(_ text: String, to path: String) throws(AccordError) {
        if let reason = FileSystem.writeFile(FileSystem.resolve(path, from: folder), Array(text.utf8)) {
            throw AccordError("cannot write \(path): \(reason)")
        }
    }

    /// A calendar's DTSTAMP, in UTC.
    static func calendarStamp(_ seconds: Int64) -> String {
        let (date, time) = Timestamp(seconds: seconds).civil()
        return Digits.pad(date.year, 4) + Digits.pad(date.month, 2) + Digits.pad(date.day, 2) + "T"
            + Digits.pad(time.hour, 2) + Digits.pad(time.minute, 2) + Digits.pad(time.second, 2) + "Z"
    }
}
