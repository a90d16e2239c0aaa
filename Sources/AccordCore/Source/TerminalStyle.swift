/// Text styled for a terminal with ANSI SGR codes, when colour is allowed (on a terminal, never with
/// NO_COLOR: the caller decides).
package enum TerminalStyle: String, Sendable {
    case bold = "1", dim = "2", red = "1;31", yellow = "1;33", green = "1;32", cyan = "1;36", blue = "1;34", magenta = "35"

    /// `text` in this style when `colored`, else as it is.
    package func paint(_ text: String, colored: Bool) -> String {
        colored && !text.isEmpty ? "\u{1B}[\(rawValue)m\(text)\u{1B}[0m" : text
    }
}
