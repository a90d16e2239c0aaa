/// What has been measured and delivered so far, read from results files (`../shared/spec/lifecycle.md`,
/// checkin) and checked against the brief: every reading has a number, a date within the campaign and
/// no later than `as_of`, and a reader who is a party of the brief.
package struct Results: Sendable {
    /// A value read from a dashboard.
    package struct Reading: Sendable {
        /// The metric's name as the file writes it.
        package let written: String
        /// The brief's metric it is a reading of (`metrics[i]`), when one matches.
        package var metric: Int?
        package let value: Double
        package let date: LocalDate
        /// Who read it: `brand`, `agency` or a creator's id.
        package var by: String?
        package let source: String?
        /// `source` as names are matched (`TextOps.nameKey`), worked out once when the reading is checked.
        package var sourceKey: String?
        package let file: SourceFile
        package let span: SourceSpan
        /// Where its date and its reader are written (the reading's span when they are not).
        package var dateSpan: SourceSpan
        package var bySpan: SourceSpan

        /// `aurora.results.toml:12`: where it was read from, for messages.
        package var place: String { "\(file.path):\(file.location(at: span.start).line)" }
    }

    /// What was delivered: so many posts of a kind, on a platform, by a creator.
    package struct Delivery: Sendable {
        package let kind: String?
        package let platform: String?
        package let count: Int
        package let creator: String?
        package let date: LocalDate?
        package let file: SourceFile
        package let span: SourceSpan
    }

    /// The date of the check-in: the latest `as_of` of the files, `--as-of`, or for readings from CSV
    /// alone their latest date.
    package let asOf: LocalDate
    /// Readings, by date, then in the order the files list them.
    package let readings: [Results.Reading]
    package let delivered: [Results.Delivery]
    /// The files read, as shown.
    package let files: [String]
    /// What was read twice and counted once (an export that overlaps another), for standard error.
    package let notes: [Diagnostic]
}

extension Results {
    /// Reads and merges results files. `asOf` (from `--as-of`) overrides the files' dates. Every problem
    /// in every file is reported; an empty set of files is valid (nothing measured yet) when `asOf` is
    /// given or a file says `as_of`.
    package static func read(_ files: [SourceFile], brief: Brief, asOf given: LocalDate?) throws(DiagnosticList) -> Results {
        var diagnostics: [Diagnostic] = []
        var raw = RawResults()
        for file in files {
            if file.path.lowercased().hasSuffix(".csv") {
                raw.readCSV(file, &diagnostics)
            } else {
                do throws(Diagnostic) {
                    raw.read(try Document.parse(file), &diagnostics)
                } catch {
                    diagnostics.append(error)
                }
            }
        }
        return try merged(raw, diagnostics, files: files, brief: brief, asOf: given)
    }

    /// Results given as a document already read (a rule example's `[results]`).
    package static func read(_ document: Document, brief: Brief) throws(DiagnosticList) -> Results {
        var diagnostics: [Diagnostic] = []
        var raw = RawResults()
        raw.read(document, &diagnostics)
        return try merged(raw, diagnostics, files: [document.file], brief: brief, asOf: nil)
    }

    /// Every problem of reading the files and of checking what they hold, together.
    static func merged(_ raw: RawResults, _ diagnostics: [Diagnostic], files: [SourceFile], brief: Brief,
                       asOf given: LocalDate?) throws(DiagnosticList) -> Results {
        guard let asOf = given ?? raw.asOf?.date ?? raw.readings.map(\.date).max() else {
            if !diagnostics.isEmpty { throw DiagnosticList(diagnostics) }
            let shown = files.map(\.path).joined(separator: ", ")
            throw DiagnosticList([.error("the results in \(shown.isEmpty ? "no file" : shown) do not say what day the check-in is",
                                         id: "results.no-date", file: files.first,
                                         help: "add [checkin] as_of = YYYY-MM-DD, or give --as-of YYYY-MM-DD")])
        }
        do throws(DiagnosticList) {
            let results = try Results.checked(raw, asOf: asOf, asOfGiven: given != nil, brief: brief, files: files.map(\.path))
            if !diagnostics.isEmpty { throw DiagnosticList(diagnostics) }
            return results
        } catch {
            throw DiagnosticList((diagnostics + error.diagnostics).sorted { a, b in
                (a.file?.path ?? "", a.span?.start ?? 0) < (b.file?.path ?? "", b.span?.start ?? 0)
            })
        }
    }

    /// The merged readings checked against the brief: readers, dates, duplicates, metric names.
    static func checked(_ raw: RawResults, asOf: LocalDate, asOfGiven: Bool, brief: Brief, files: [String]) throws(DiagnosticList) -> Results {
        var diagnostics: [Diagnostic] = []
        var notes = raw.notes
        let facts = CampaignDates(brief)
        let partyIDs = brief.parties.compactMap { m -> String? in if case .string(let id)? = m["id"] { return id } else { return nil } }

        var readings: [Reading] = []
        // Readings of one metric, day, reader and source: the first, to find a second.
        var seen: [String: Int] = [:]
        for var r in raw.readings {
            var usable = true
            if r.date > asOf {
                diagnostics.append(.error("this reading is dated \(r.date), after the check-in's date \(asOf)", id: "results.after-as-of",
                                          file: r.file, span: r.dateSpan,
                                          help: asOfGiven ? "give a later --as-of, or check the reading's date"
                                                          : "as_of is the day of the check-in: make it \(r.date) or later, or check the reading's date"))
                usable = false
            } else if let range = facts.range, !(range.first...range.last).contains(r.date) {
                diagnostics.append(.error("this reading is dated \(r.date), outside the campaign (\(range.first) to \(range.last))",
                                          id: "results.outside-campaign", file: r.file, span: r.dateSpan,
                                          help: "check the date (the year, or the day and month the wrong way round)"))
                usable = false
            }
            if let by = r.by, !partyIDs.contains(by) {
                if let same = partyIDs.first(where: { $0.lowercased() == by.lowercased() }) {
                    r.by = same
                } else {
                    diagnostics.append(.error("no party of the brief is called '\(by)'\(Suggestions.didYouMean(by, among: partyIDs))",
                                              id: "results.unknown-party", file: r.file, span: r.bySpan,
                                              help: "'by' is who read it: \(partyIDs.joined(separator: ", "))"))
                    usable = false
                }
            }
            guard usable else { continue }
            let key = TextOps.nameKey(r.written)
            r.sourceKey = r.source.map(TextOps.nameKey)
            r.metric = facts.metric(named: key, sourceKey: r.sourceKey, by: r.by)
            let identity = "\(key)\u{0}\(r.date)\u{0}\(r.by ?? "")\u{0}\(r.sourceKey ?? "")"
            if let first = seen[identity] {
                let earlier = readings[first]
                if earlier.value == r.value {
                    notes.append(Diagnostic(.note, "\(r.written) on \(r.date) is read twice with the same value (\(r.place) and \(earlier.place)); it is counted once",
                                            id: "results.duplicate", file: r.file, span: r.span))
                } else {
                    diagnostics.append(.error("\(r.written) on \(r.date)\(r.by.map { " by \($0)" } ?? "")\(r.source.map { " from \($0)" } ?? "") is read twice, as \(Results.number(earlier.value)) and \(Results.number(r.value))",
                                              id: "results.conflicting-duplicate", file: r.file, span: r.span,
                                              help: "keep the right one; two readers or two sources should say 'by' or 'source'",
                                              notes: [.init("read first here", file: earlier.file, span: earlier.span)]))
                }
                continue
            }
            seen[identity] = readings.count
            readings.append(r)
        }
        if !diagnostics.isEmpty { throw DiagnosticList(diagnostics) }
        // By date; a stable sort keeps the files' order within a day.
        let order = readings.indices.sorted { (readings[$0].date, $0) < (readings[$1].date, $1) }
        return Results(asOf: asOf, readings: order.map { readings[$0] }, delivered: raw.delivered, files: files, notes: notes)
    }

    /// A number as messages write it: whole numbers without a decimal point.
    package static func number(_ d: Double) -> String {
        d.rounded() == d && abs(d) < 1e15 ? String(Int64(d)) : String(d)
    }
}

/// The dates of the brief that readings are checked against, and its metrics' names.
struct CampaignDates {
    /// The first and last day a reading can be dated: the earliest date of the timeline to the
    /// latest of the report and the end of every metric's window.
    let range: (first: LocalDate, last: LocalDate)?
    /// Each metric's name, source (as `TextOps.nameKey`) and owner.
    let metrics: [(name: String, source: String?, owner: String?)]

    init(_ brief: Brief) {
        var dates: [LocalDate] = []
        var launch: LocalDate?
        if case .map(let t)? = brief.root["timeline"] {
            for v in t.values { if case .date(let d) = v { dates.append(d) } }
            if case .date(let d)? = t["launch"] { launch = d }
        }
        var metrics: [(String, String?, String?)] = []
        var windows: [Int] = []
        for case .map(let m) in brief.root["metrics"]?.listValue?.items ?? [] {
            metrics.append((TextOps.nameKey(m["name"]?.stringValue ?? ""), m["source"]?.stringValue.map(TextOps.nameKey), m["owner"]?.stringValue))
            if let w = m["window_days"]?.numberValue { windows.append(Int(w)) }
        }
        if let launch, let longest = windows.max() { dates.append(launch.adding(days: longest)) }
        self.metrics = metrics
        if let first = dates.min(), let last = dates.max(), first < last { range = (first, last) } else { range = nil }
    }

    /// The metric a reading of `key` (a `TextOps.nameKey`) is of. Two metrics of one name (each
    /// party's "Reach") are told apart by the reading's source, then by its reader being the owner.
    func metric(named key: String, sourceKey: String?, by: String?) -> Int? {
        let candidates = metrics.indices.filter { metrics[$0].name == key }
        guard candidates.count > 1 else { return candidates.first }
        return candidates.first { sourceKey != nil && metrics[$0].source == sourceKey }
            ?? candidates.first { by != nil && metrics[$0].owner == by } ?? candidates.first
    }
}

/// Readings and deliveries as the files write them, before they are checked against the brief.
struct RawResults {
    var asOf: (date: LocalDate, file: SourceFile)?
    var readings: [Results.Reading] = []
    var delivered: [Results.Delivery] = []
    /// What was read and left aside: columns of a CSV export that are not a reading's.
    var notes: [Diagnostic] = []

    mutating func read(_ document: Document, _ diagnostics: inout [Diagnostic]) {
        let file = document.file
        guard let root = TableReader(document, context: "a results file", diagnostics: &diagnostics) else { return }
        root.checkKeys(["checkin", "readings", "delivered"], &diagnostics)
        var fileAsOf: LocalDate?
        if let checkin = root.table("checkin", context: "[checkin]", &diagnostics) {
            checkin.checkKeys(["as_of"], &diagnostics)
            fileAsOf = date(checkin, "as_of", &diagnostics)
            if checkin.map["as_of"] == nil {
                diagnostics.append(checkin.error("[checkin] has no as_of: the date of this check-in", checkin.span, help: "add as_of = YYYY-MM-DD"))
            }
        } else if root.map["checkin"] == nil {
            diagnostics.append(root.error("this results file has no [checkin] table with its as_of date", SourceSpan(0, 0),
                                          help: "begin it with [checkin] and as_of = YYYY-MM-DD, the date of the check-in"))
        }
        if let d = fileAsOf, asOf == nil || asOf!.date < d { asOf = (d, file) }
        for entry in tables(root, "readings", &diagnostics) {
            entry.checkKeys(["metric", "value", "date", "by", "source"], &diagnostics)
            let metric = required(entry, "metric", "the metric's name, as the brief writes it", &diagnostics) { t, k, d in t.string(k, &d) }
            let value = required(entry, "value", "the number read", &diagnostics) { t, k, d in number(t, k, &d) }
            let when = entry.map["date"] == nil ? fileAsOf : date(entry, "date", &diagnostics)
            let by = entry.string("by", &diagnostics)
            let source = entry.string("source", &diagnostics)
            guard let metric, let value, let when else { continue }
            readings.append(Results.Reading(written: metric, metric: nil, value: value, date: when, by: by, source: source,
                                            sourceKey: nil, file: file, span: entry.span, dateSpan: entry.map.valueSpan("date") ?? entry.span,
                                            bySpan: entry.map.valueSpan("by") ?? entry.span))
        }
        for entry in tables(root, "delivered", &diagnostics) {
            entry.checkKeys(["kind", "platform", "count", "creator", "date"], &diagnostics)
            let count = entry.int("count", &diagnostics) ?? 1
            if count < 0 { diagnostics.append(entry.error("'count' cannot be negative", entry.valueSpan("count"))) }
            delivered.append(Results.Delivery(kind: entry.string("kind", &diagnostics), platform: entry.string("platform", &diagnostics),
                                              count: count, creator: entry.string("creator", &diagnostics),
                                              date: entry.map["date"] == nil ? nil : date(entry, "date", &diagnostics),
                                              file: file, span: entry.span))
        }
    }

    /// `[[readings]]` or `[[delivered]]`: a list of tables, each with its span.
    func tables(_ root: TableReader, _ key: String, _ diagnostics: inout [Diagnostic]) -> [TableReader] {
        guard let v = root.map[key] else { return [] }
        guard case .list(let list) = v else {
            diagnostics.append(root.error("'\(key)' must be a list of tables: [[\(key)]]", root.valueSpan(key)))
            return []
        }
        var result: [TableReader] = []
        for (i, item) in list.items.enumerated() {
            let span = list.spans?[i] ?? root.valueSpan(key)
            guard case .map(let m) = item else {
                diagnostics.append(root.error("each of '\(key)' must be a table, not \(item.typeDisplayName)", span))
                continue
            }
            result.append(TableReader(file: root.file, map: m, span: span, context: "[[\(key)]]"))
        }
        return result
    }

    func required<T>(_ t: TableReader, _ key: String, _ what: String, _ diagnostics: inout [Diagnostic],
                     _ read: (TableReader, String, inout [Diagnostic]) -> T?) -> T? {
        guard t.map[key] != nil else {
            diagnostics.append(t.error("this reading has no '\(key)': \(what)", t.span, help: "add \(key) = ..."))
            return nil
        }
        return read(t, key, &diagnostics)
    }

    func number(_ t: TableReader, _ key: String, _ diagnostics: inout [Diagnostic]) -> Double? {
        switch t.map[key] {
        case .int(let i)?: return Double(i)
        case .double(let d)? where d.isFinite: return d
        case .string(let s)?:
            let help = NumberText.parse(s).map { "write it as a number, without quotes: \(key) = \(Results.number($0))" }
            diagnostics.append(t.error("'\(key)' must be a number, not text", t.valueSpan(key), help: help))
        case let v?: diagnostics.append(t.error("'\(key)' must be a number, not \(v.typeDisplayName)", t.valueSpan(key)))
        case nil: break
        }
        return nil
    }

    /// A date: a TOML date, or in JSON a "YYYY-MM-DD" string.
    func date(_ t: TableReader, _ key: String, _ diagnostics: inout [Diagnostic]) -> LocalDate? {
        switch t.map[key] {
        case .date(let d)?: return d
        case .string(let s)? where LocalDate(iso: s) != nil: return LocalDate(iso: s)
        case let v?:
            diagnostics.append(t.error("'\(key)' must be a date such as 2026-04-10, not \(v.typeDisplayName)", t.valueSpan(key)))
        case nil: break
        }
        return nil
    }

    /// A CSV file of readings: the header `date,metric,value,by,source` (in any order; `by` and
    /// `source` may be left out), one reading per line.
    mutating func readCSV(_ file: SourceFile, _ diagnostics: inout [Diagnostic]) {
        let table: CSVTable
        do throws(Diagnostic) {
            table = try CSVReader.parse(file)
        } catch {
            diagnostics.append(error)
            return
        }
        let columns = ["date", "metric", "value", "by", "source"]
        guard let header = table.records.first else { return }
        var position: [String: Int] = [:]
        // A misspelt column's name, once suggested, is not reported missing too.
        var suggested: Set<String> = []
        for (i, field) in header.enumerated() {
            let name = TextOps.trimmed(field.text).lowercased()
            guard columns.contains(name) else {
                // A misspelt column is an error; another column (notes, a campaign name) is left aside.
                if let guess = Suggestions.closest(to: name, among: columns) {
                    suggested.insert(guess)
                    diagnostics.append(.error("unknown column '\(field.text)'; did you mean '\(guess)'?", id: "results.csv-header",
                                              file: file, span: field.span, help: "the header is date,metric,value,by,source",
                                              fixIt: .init(span: field.span, replacement: guess)))
                } else {
                    notes.append(Diagnostic(.note, "the column '\(field.text)' is not read (a reading is date, metric, value, by and source)",
                                            id: "results.csv-column", file: file, span: field.span))
                }
                continue
            }
            if position[name] != nil {
                diagnostics.append(.error("the column '\(name)' is named twice", id: "results.csv-header", file: file, span: field.span))
            }
            position[name] = i
        }
        for name in ["date", "metric", "value"] where position[name] == nil && !suggested.contains(name) {
            diagnostics.append(.error("the header has no '\(name)' column", id: "results.csv-header", file: file,
                                      span: header.first.map { SourceSpan($0.span.start, header.last!.span.end) },
                                      help: "the header is date,metric,value,by,source"))
        }
        guard let dateColumn = position["date"], let metricColumn = position["metric"], let valueColumn = position["value"] else { return }
        let decimalComma = table.separator == 0x3B
        for record in table.records.dropFirst() {
            let span = SourceSpan(record[0].span.start, record[record.count - 1].span.end)
            guard record.count <= header.count else {
                diagnostics.append(.error("this line has \(record.count) fields, the header \(header.count)", id: "results.csv-row",
                                          file: file, span: record[header.count].span, help: "quote a field that holds a comma"))
                continue
            }
            func field(_ column: Int?) -> CSVTable.Field? {
                guard let column, column < record.count else { return nil }
                let f = record[column]
                return TextOps.trimmed(f.text).isEmpty ? nil : f
            }
            guard let dateField = field(dateColumn), let metricField = field(metricColumn), let valueField = field(valueColumn) else {
                let missing = [(dateColumn, "date"), (metricColumn, "metric"), (valueColumn, "value")].filter { field($0.0) == nil }.map(\.1)
                diagnostics.append(.error("this reading has no \(missing.joined(separator: ", "))", id: "results.csv-row", file: file, span: span))
                continue
            }
            guard let date = LocalDate(iso: TextOps.trimmed(dateField.text)) else {
                diagnostics.append(.error("'\(dateField.text)' is not a date", id: "results.csv-row", file: file, span: dateField.span,
                                          help: "write dates as YYYY-MM-DD, such as 2026-04-10"))
                continue
            }
            guard let value = NumberText.parse(valueField.text, decimalComma: decimalComma) else {
                diagnostics.append(.error("'\(valueField.text)' is not a number", id: "results.csv-row", file: file, span: valueField.span,
                                          help: "write the number alone: 18200, 18,200 or 4.5%"))
                continue
            }
            readings.append(Results.Reading(written: TextOps.trimmed(metricField.text), metric: nil, value: value, date: date,
                                            by: field(position["by"]).map { TextOps.trimmed($0.text) },
                                            source: field(position["source"]).map { TextOps.trimmed($0.text) }, sourceKey: nil, file: file, span: span,
                                            dateSpan: dateField.span, bySpan: field(position["by"])?.span ?? span))
        }
    }
}

/// Numbers as spreadsheets and dashboards export them: `18200`, `18,200`, `18 200`, `4.5%`, and with
/// `decimalComma` (a semicolon-separated file) `4,5`.
package enum NumberText {
    package static func parse(_ text: String, decimalComma: Bool = false) -> Double? {
        // Plain digits (nearly every value an export holds) need none of the work below.
        if !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) || $0 == 0x2E || $0 == 0x2D }), let d = Double(text) { return d }
        var s = TextOps.trimmed(text)
        if s.hasSuffix("%") { s.removeLast() }
        // Spaces (also no-break and thin ones) and underscores group thousands.
        s = String(s.unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "_" })
        if decimalComma {
            guard !s.contains(".") || !s.contains(",") else { return nil }
            s = String(s.map { $0 == "," ? "." : $0 })
        } else if s.contains(",") {
            // Commas group thousands: 1,234,567.5 and nothing else.
            let whole = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[0]
            let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
            guard groups.count > 1, (1...3).contains(groups[0].filter(\.isNumber).count),
                  groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
            s = String(s.filter { $0 != "," })
        }
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+" || $0 == "e" || $0 == "E") }),
              let d = Double(s), d.isFinite else { return nil }
        return d
    }
}
