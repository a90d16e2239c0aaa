/// Turns diagnostics into text. Plain and ANSI-coloured output share one layout:
///
///     Rules/timeline.rules:12:9: error: no field 'marekt' in brand; did you mean 'market'?
///        12 |   when brand.marekt == "RU"
///           |              ^~~~~~
///           |              market
///           = help: ...
package protocol DiagnosticRenderer {
    func render(_ diagnostic: Diagnostic) -> String
}

extension DiagnosticRenderer {
    package func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined()
    }
}

/// The standard renderer; `colored` adds ANSI colours for terminals.
package struct TextDiagnosticRenderer: DiagnosticRenderer, Sendable {
    package var colored: Bool
    /// Lines longer than this many columns are shown as a window around the span.
    package var maxLineColumns: Int

    package init(colored: Bool = false, maxLineColumns: Int = 160) {
        self.colored = colored
        self.maxLineColumns = maxLineColumns
    }

    package func render(_ d: Diagnostic) -> String {
        var out = ""
        out += header(d.severity.rawValue, d.message, file: d.file, span: d.span)
        if let file = d.file, let span = d.span {
            out += excerpt(file: file, span: span, replacement: d.fixIt.flatMap { $0.span == span ? $0.replacement : nil })
        }
        if let help = d.help {
            out += paint("  = help: ", .bold) + TerminalText.safe(help) + "\n"
        }
        for note in d.notes {
            if let file = note.file, let span = note.span {
                out += header("note", note.message, file: file, span: span)
                out += excerpt(file: file, span: span, replacement: nil)
            } else {
                out += paint("  = note: ", .bold) + TerminalText.safe(note.message) + "\n"
            }
        }
        return out
    }

    private func header(_ severity: String, _ message: String, file: SourceFile?, span: SourceSpan?) -> String {
        var place = ""
        if let file {
            place = file.path
            if let span {
                let loc = file.location(at: span.start)
                place += ":\(loc.line):\(loc.column)"
            }
            place += ": "
        }
        let color: TerminalStyle
        switch severity {
        case "error": color = .red
        case "warning": color = .yellow
        default: color = .cyan
        }
        return paint(TerminalText.safe(place), .bold) + paint(severity + ":", color) + " " + paint(TerminalText.line(message), .bold) + "\n"
    }

    private func excerpt(file: SourceFile, span: SourceSpan, replacement: String?) -> String {
        let start = file.location(at: span.start)
        let lineBytes = file.lineRange(start.line)
        var scalars = Array(String(decoding: file.bytes[lineBytes], as: UTF8.self).unicodeScalars)
        // The caret covers the span on its first line only; an empty span still gets one caret.
        let startIndex = min(start.column - 1, scalars.count)
        var endIndex = startIndex + 1
        if span.end > span.start {
            let endOnLine = min(span.end, lineBytes.upperBound)
            let endLoc = file.location(at: endOnLine)
            endIndex = max(startIndex + 1, endLoc.line == start.line ? endLoc.column - 1 : scalars.count)
        }
        var prefix = ""
        var from = 0
        if scalars.count > maxLineColumns {
            from = max(0, startIndex - maxLineColumns / 2)
            let to = min(scalars.count, from + maxLineColumns)
            if from > 0 { prefix = "..." }
            let suffix = to < scalars.count ? "..." : ""
            scalars = Array(scalars[from..<to]) + Array(suffix.unicodeScalars)
        }
        let caretStart = startIndex - from
        let caretEnd = min(max(caretStart + 1, endIndex - from), max(caretStart + 1, scalars.count))
        var shown = prefix
        var pad = String(repeating: " ", count: prefix.count)
        for (i, s) in scalars.enumerated() {
            let visible = visibleForm(s)
            shown += visible
            if i < caretStart {
                pad += s == "\t" ? "\t" : String(repeating: " ", count: displayWidth(s, visible))
            }
        }
        var marks = "^"
        if caretEnd - caretStart > 1 {
            var width = 0
            for i in (caretStart + 1)..<caretEnd where i < scalars.count {
                width += displayWidth(scalars[i], visibleForm(scalars[i]))
            }
            marks += String(repeating: "~", count: max(0, width))
        }
        let number = String(start.line)
        let gutter = String(repeating: " ", count: max(4, number.count + 1))
        var out = paint(String(repeating: " ", count: max(0, gutter.count - number.count)) + number + " | ", .blue)
        out += shown + "\n"
        out += paint(gutter + " | ", .blue) + pad + paint(marks, .green) + "\n"
        if let replacement {
            out += paint(gutter + " | ", .blue) + pad + paint(replacement, .green) + "\n"
        }
        return out
    }

    /// Control characters are shown as `?` so the excerpt stays on one line, the caret lines up, and
    /// nothing in a file can drive the terminal.
    private func visibleForm(_ s: Unicode.Scalar) -> String {
        if s == "\t" { return "\t" }
        return TerminalText.isControl(s) ? "?" : String(s)
    }

    private func displayWidth(_ s: Unicode.Scalar, _ visible: String) -> Int {
        if visible == "?" { return 1 }
        return TerminalWidth.of(s)
    }

    private func paint(_ text: String, _ style: TerminalStyle) -> String { style.paint(text, colored: colored) }
}

/// Text from files on its way to a terminal.
package enum TerminalText {
    /// C0 and C1 control characters, DEL, and the bidirectional overrides that can make a line read
    /// differently from what it is.
    package static func isControl(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// Text from a brief or a rule file shown on one line of a human report: control characters as
    /// `?`, a line break as `⏎`, so that no such text starts a line of its own (a line `::warning::`
    /// or `::stop-commands::` is a command to GitHub Actions), nor sends a terminal an escape.
    package static func line(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            switch s {
            case "\n", "\r": out.append("\u{23CE}")
            case "\t": out.append(" ")
            default: out.append(isControl(s) ? "?" : s)
            }
        }
        return String(out)
    }

    /// The text with control characters (other than line breaks and tabs) shown as `?`.
    package static func safe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) && $0 != "\n" && $0 != "\t" }) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars { out.append(isControl(s) && s != "\n" && s != "\t" ? "?" : s) }
        return String(out)
    }
}

/// How many terminal columns a scalar takes: 0 for combining marks, 2 for wide East Asian
/// characters and most emoji, 1 otherwise.
package enum TerminalWidth {
    package static func of(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        switch v {
        case 0x0300...0x036F, 0x0483...0x0489, 0x0591...0x05BD, 0x200B...0x200F, 0x20D0...0x20FF, 0xFE00...0xFE0F, 0xFE20...0xFE2F:
            return 0
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    package static func of(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + of($1) }
    }
}
