/// Text in XML and HTML: markup characters as entities; control characters, which XML 1.0 cannot
/// hold at all, as U+FFFD.
package enum XMLText {
    /// `s` as element content, or as an attribute's value (quotes and line breaks escaped too).
    package static func escape(_ s: String, attribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "'" where attribute: out += "&apos;"
            case "\n" where attribute: out += "&#10;"
            case "\t", "\n", "\r": out.unicodeScalars.append(c)
            default:
                if c.value < 0x20 || (0xFFFE...0xFFFF).contains(c.value) || (0xD800...0xDFFF).contains(c.value) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out
    }
}

/// Text from a brief on one line of Markdown, with the characters Markdown would read escaped.
package enum MarkdownText {
    package static func escape(_ text: String) -> String {
        var out = ""
        for c in TerminalText.line(text) {
            if "\\`*_[]<>|#".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
