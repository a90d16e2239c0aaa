/// Reads comma-separated values (RFC 4180): fields separated by commas, a field in double quotes
/// may hold commas, line breaks and `""` for a quote; lines end in CRLF or LF. A file whose first
/// line has semicolons and no commas is read with semicolons (a spreadsheet saved in a locale that
/// writes decimal commas). A UTF-8 byte order mark is skipped. Every field keeps its span, for errors.
package struct CSVTable: Sendable {
    package struct Field: Sendable {
        package let text: String
        package let span: SourceSpan
        /// Whether it was written in quotes.
        package let quoted: Bool
    }

    package let file: SourceFile
    /// The records, the header first; a blank line is no record.
    package let records: [[Field]]
    /// `,` or `;`.
    package let separator: UInt8
}

package enum CSVReader {
    package static func parse(_ file: SourceFile) throws(Diagnostic) -> CSVTable {
        let b = file.bytes
        // Not UTF-8, or a NUL byte (valid UTF-8, but no spreadsheet writes one): not a CSV file.
        let invalid = b.withUnsafeBufferPointer { text in
            (UTF8Validation.firstInvalidOffset(text) ?? text.firstIndex(of: 0)).map { ($0, UTF8Validation.problem(text, at: $0, format: "CSV")) }
        }
        if let (bad, problem) = invalid {
            throw .error(problem.message, id: "csv.encoding", file: file, span: SourceSpan(bad, min(bad + 1, b.count)), help: problem.help)
        }
        var i = b.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let separator = detectSeparator(b, from: i)
        var records: [[CSVTable.Field]] = []
        var record: [CSVTable.Field] = []
        func error(_ message: String, _ at: Int, help: String? = nil) -> Diagnostic {
            .error(message, id: "csv.syntax", file: file, span: SourceSpan(at, min(at + 1, b.count)), help: help)
        }
        while i < b.count {
            let start = i
            var text: [UInt8] = []
            var quoted = false
            if b[i] == 0x22 {
                quoted = true
                i += 1
                while true {
                    guard i < b.count else {
                        throw error("this quoted field is not closed", start, help: "end it with a \" (a quote inside it is written \"\")")
                    }
                    if b[i] == 0x22 {
                        if i + 1 < b.count && b[i + 1] == 0x22 {
                            text.append(0x22)
                            i += 2
                            continue
                        }
                        i += 1
                        break
                    }
                    text.append(b[i])
                    i += 1
                }
                if i < b.count && b[i] != separator && b[i] != 0x0A && b[i] != 0x0D {
                    throw error("text after the closing quote of a field", i,
                                help: "put the whole field in quotes, and write a quote inside it as \"\"")
                }
            } else {
                while i < b.count && b[i] != separator && b[i] != 0x0A && b[i] != 0x0D {
                    if b[i] == 0x22 {
                        throw error("a quote inside a field that is not quoted", i, help: "quote the whole field and double the quote: \"say \"\"hi\"\"\"")
                    }
                    text.append(b[i])
                    i += 1
                }
            }
            // The whole file is UTF-8 (checked above), and a field ends at an ASCII byte.
            record.append(CSVTable.Field(text: String(decoding: text, as: UTF8.self), span: SourceSpan(start, i), quoted: quoted))
            if i < b.count && b[i] == separator {
                i += 1
                if i == b.count { record.append(CSVTable.Field(text: "", span: SourceSpan(i, i), quoted: false)) }
                continue
            }
            // The end of a record: CRLF, LF, a lone CR, or the end of the file.
            if i < b.count && b[i] == 0x0D { i += 1 }
            if i < b.count && b[i] == 0x0A { i += 1 }
            let blank = record.count == 1 && record[0].text.isEmpty && !record[0].quoted
            if !blank { records.append(record) }
            record = []
        }
        if !record.isEmpty { records.append(record) }
        return CSVTable(file: file, records: records, separator: separator)
    }

    /// `;` when the first line has semicolons outside quotes and no commas; `,` otherwise.
    static func detectSeparator(_ b: [UInt8], from start: Int) -> UInt8 {
        var commas = 0
        var semicolons = 0
        var inQuotes = false
        var i = start
        while i < b.count {
            let c = b[i]
            if c == 0x22 { inQuotes.toggle() }
            if !inQuotes {
                if c == 0x0A || c == 0x0D { break }
                if c == 0x2C { commas += 1 }
                if c == 0x3B { semicolons += 1 }
            }
            i += 1
        }
        return semicolons > 0 && commas == 0 ? 0x3B : 0x2C
    }
}
