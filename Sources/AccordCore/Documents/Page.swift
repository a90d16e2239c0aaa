/// A document Accord writes for people after the diagnosis (the meeting's agenda, the written
/// agreement), as content without a format: `PageWriter` writes it as text, Markdown, HTML or JSON.
/// Every piece of text says its language when it is not the page's, so the HTML can mark it.
package struct Page: Sendable {
    /// `agenda`, `agreement`: the JSON report's `document`.
    package var kind: String
    package var title: [Words]
    package var language: String
    /// Lines under the title: the brief, the meeting, the verdict.
    package var lead: [[Words]] = []
    /// A warning across the top (a draft not ready to sign).
    package var banner: [Words]?
    package var sections: [Section] = []
    /// Facts for programs, first in the JSON report (`minutes`, `fingerprint`, `draft`).
    package var facts: [(key: String, value: Value)] = []
    /// The picture of the campaign's dates, when the brief has any.
    package var timeline: TimelinePicture?

    package init(kind: String, title: [Words], language: String) {
        self.kind = kind
        self.title = title
        self.language = language
    }
}

/// Text in one language; `nil` is the page's language.
package struct Words: Sendable, Hashable {
    package var text: String
    package var language: String?
    /// Text the brief's authors wrote, quoted as written (shown apart in HTML and Markdown).
    package var quoted: Bool
    /// The same as the pieces before it, in another language: set apart from them (" / ").
    package var translation: Bool

    package init(_ text: String, language: String? = nil, quoted: Bool = false, translation: Bool = false) {
        self.text = text
        self.language = language
        self.quoted = quoted
        self.translation = translation
    }
}

package struct Section: Sendable {
    /// Its title: one `Words` per language when the page is bilingual.
    package var title: [Words]
    /// `blockers`, `who`, `metrics`: stable, for the JSON report and for anchors.
    package var id: String
    /// Its share of the meeting, in an agenda.
    package var minutes: Int?
    package var blocks: [Block] = []

    package init(id: String, title: [Words], minutes: Int? = nil, blocks: [Block] = []) {
        self.id = id
        self.title = title
        self.minutes = minutes
        self.blocks = blocks
    }
}

package enum Block: Sendable {
    /// A paragraph: its pieces one after another.
    case paragraph([Words])
    /// A list; each item is its pieces, with a mark (`!` a gap or a blocker) and a note after it
    /// (the rule ids a question comes from).
    case list([Item], ordered: Bool)
    /// A heading inside a section (the party questions are for).
    case subheading([Words])
    case table(header: [[Words]], rows: [[[Words]]])
    /// A place for a party's decision maker to sign.
    case signature(party: [Words], name: String, title: String, labels: [[Words]])
    /// The timeline picture.
    case picture

    package struct Item: Sendable {
        package var words: [Words]
        package var gap: Bool
        package var note: String?

        package init(_ words: [Words], gap: Bool = false, note: String? = nil) {
            self.words = words
            self.gap = gap
            self.note = note
        }
    }
}
