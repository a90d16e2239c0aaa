/// Writes a `Page` as text, Markdown, HTML or JSON. Text from the brief is escaped wherever it lands.
package enum PageFormat: String, CaseIterable, Sendable {
    case text, markdown, html, json
}

/// HTML text: element content and attribute values alike.
package enum HTML {
    package static func escape(_ s: String) -> String { XMLText.escape(s, attribute: true) }
}

package enum PageWriter {
    package static func write(_ page: Page, as format: PageFormat, phrases: Phrasebook) -> String {
        switch format {
        case .text: return text(page, phrases)
        case .markdown: return markdown(page, phrases)
        case .html: return html(page, phrases)
        case .json: return json(page)
        }
    }

    /// Pieces joined as one line: each language's version of a phrase apart with " / ".
    static func plain(_ words: [Words]) -> String {
        joined(words.map { TerminalText.line($0.quoted ? "“\($0.text)”" : $0.text) }, words)
    }

    /// A translation is set apart from what it translates; other pieces run on.
    private static func joined(_ parts: [String], _ words: [Words]) -> String {
        var out = ""
        for (k, part) in parts.enumerated() {
            if k > 0 && words[k].translation { out += " / " }
            out += part
        }
        return out
    }

    // MARK: Text

    static func text(_ page: Page, _ phrases: Phrasebook) -> String {
        var o = ""
        let title = plain(page.title)
        o += title + "\n" + String(repeating: "=", count: min(80, title.count)) + "\n"
        for line in page.lead { o += plain(line) + "\n" }
        if let banner = page.banner { o += "\n!! " + plain(banner) + " !!\n" }
        for section in page.sections {
            let heading = plain(section.title) + (section.minutes.map { "  [\(phrases.text("minutes", in: page.language, ["n": String($0)]))]" } ?? "")
            o += "\n" + heading + "\n" + String(repeating: "-", count: min(80, heading.count)) + "\n"
            for block in section.blocks {
                switch block {
                case .paragraph(let words): o += plain(words) + "\n"
                case .subheading(let words):
                    let heading = plain(words)
                    o += "\n" + heading + (heading.hasSuffix("?") || heading.hasSuffix(":") ? "" : ":") + "\n"
                case .list(let items, let ordered):
                    for (k, item) in items.enumerated() {
                        o += (ordered ? "\(k + 1). " : "- ") + (item.gap ? "[!] " : "") + plain(item.words)
                        o += (item.note.map { " (\($0))" } ?? "") + "\n"
                    }
                case .table(let header, let rows):
                    o += textTable([header] + rows)
                case .signature(let party, let name, let title, let labels):
                    o += "\n" + plain(party) + "\n"
                    let values = [name, title, "", ""]
                    for (k, label) in labels.enumerated() {
                        o += "  " + plain(label) + ": " + (values[k].isEmpty ? "______________________" : TerminalText.line(values[k])) + "\n"
                    }
                case .picture:
                    break  // the dates and windows are listed beside it
                }
            }
        }
        for (key, value) in page.facts where key == "fingerprint" {
            o += "\n" + plain(phrases.words("fingerprint")) + ": " + (value.stringValue ?? "") + "\n"
        }
        return o
    }

    static func textTable(_ rows: [[[Words]]]) -> String {
        let cells = rows.map { $0.map(plain) }
        let widths = (0..<(cells.first?.count ?? 0)).map { c in min(40, cells.map { $0.count > c ? $0[c].count : 0 }.max() ?? 0) }
        var o = ""
        for (r, row) in cells.enumerated() {
            o += row.enumerated().map { c, cell in
                let shown = cell.count > 40 ? String(cell.prefix(39)) + "…" : cell
                return shown + String(repeating: " ", count: max(0, widths[c] - shown.count))
            }.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
            if r == 0 { o += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
        }
        return o
    }

    // MARK: Markdown

    static func md(_ words: [Words]) -> String {
        joined(words.map { $0.quoted ? "“" + MarkdownText.escape($0.text) + "”" : MarkdownText.escape($0.text) }, words)
    }

    static func markdown(_ page: Page, _ phrases: Phrasebook) -> String {
        var o = "# " + md(page.title) + "\n\n"
        for line in page.lead { o += md(line) + "  \n" }
        if let banner = page.banner { o += "\n> **" + md(banner) + "**\n" }
        for section in page.sections {
            o += "\n## " + md(section.title) + (section.minutes.map { " _(\($0) min)_" } ?? "") + "\n\n"
            for block in section.blocks {
                switch block {
                case .paragraph(let words): o += md(words) + "\n\n"
                case .subheading(let words): o += "### " + md(words) + "\n\n"
                case .list(let items, let ordered):
                    for (k, item) in items.enumerated() {
                        o += (ordered ? "\(k + 1). " : "- ") + (item.gap ? "**⚠** " : "") + md(item.words)
                        o += (item.note.map { " _(\(MarkdownText.escape($0)))_" } ?? "") + "\n"
                    }
                    o += "\n"
                case .table(let header, let rows):
                    o += "| " + header.map(md).joined(separator: " | ") + " |\n"
                    o += "|" + String(repeating: "---|", count: header.count) + "\n"
                    for row in rows { o += "| " + row.map(md).joined(separator: " | ") + " |\n" }
                    o += "\n"
                case .signature(let party, let name, let title, let labels):
                    o += "**" + md(party) + "**\n\n"
                    let values = [name, title, "", ""]
                    for (k, label) in labels.enumerated() {
                        o += "- " + md(label) + ": " + (values[k].isEmpty ? "________________" : MarkdownText.escape(values[k])) + "\n"
                    }
                    o += "\n"
                case .picture:
                    break  // `accord timeline --format svg` draws it, to embed beside the Markdown
                }
            }
        }
        for (key, value) in page.facts where key == "fingerprint" {
            o += "\n---\n\n" + md(phrases.words("fingerprint")) + ": `\(value.stringValue ?? "")`\n"
        }
        return o
    }

    // MARK: HTML

    static func h(_ words: [Words]) -> String {
        var parts: [String] = []
        for w in words {
            var t = HTML.escape(w.text)
            if w.quoted { t = "<q>" + t + "</q>" }
            if let language = w.language { t = "<span lang=\"\(HTML.escape(language))\">" + t + "</span>" }
            parts.append(t)
        }
        return joined(parts, words)
    }

    /// The pages' style sheet: light and dark, screen and A4.
    package static let style = """
        :root { color-scheme: light dark; --fg: #1f2328; --bg: #ffffff; --muted: #59636e; --line: #d1d9e0; --accent: #0969da;
                --warn-bg: #fff8c5; --warn-fg: #7d4e00; --bad-bg: #ffebe9; --bad-fg: #a40e26; }
        @media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #3d444d; --accent: #4493f8;
                --warn-bg: #3b2e00; --warn-fg: #f2cc60; --bad-bg: #490202; --bad-fg: #ff9492; } }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
        main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
        h1 { font-size: 1.8rem; line-height: 1.2; margin: 0 0 .5rem; }
        h2 { font-size: 1.25rem; margin: 2rem 0 .6rem; padding-bottom: .3rem; border-bottom: 1px solid var(--line); display: flex; gap: 1rem; align-items: baseline; }
        h2 .minutes { margin-left: auto; font-size: .9rem; font-weight: 600; color: var(--accent); white-space: nowrap; }
        h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
        .lead { color: var(--muted); margin: .1rem 0; }
        .banner { background: var(--bad-bg); color: var(--bad-fg); padding: .8rem 1rem; border-radius: 6px; font-weight: 700; margin: 1rem 0; }
        .gap { background: var(--warn-bg); color: var(--warn-fg); border-radius: 3px; padding: 0 .3rem; font-weight: 600; }
        .note { color: var(--muted); font-size: .85em; }
        q { font-style: italic; }
        table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92rem; }
        th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
        th { font-weight: 600; }
        .sign { display: inline-block; min-width: 17rem; margin: 0 1.5rem 1rem 0; padding: .8rem 1rem; border: 1px solid var(--line); border-radius: 6px; vertical-align: top; }
        .sign dl { display: grid; grid-template-columns: auto 1fr; gap: .4rem .8rem; margin: .5rem 0 0; }
        .sign dd { margin: 0; border-bottom: 1px solid var(--line); min-height: 1.4em; }
        figure { margin: 1rem 0; overflow-x: auto; }
        figure svg { width: 100%; height: auto; min-width: 40rem; }
        .fingerprint { font-family: ui-monospace, monospace; font-size: .8rem; color: var(--muted); word-break: break-all; }
        @page { size: A4; margin: 16mm 14mm; }
        @media print { body { font-size: 10.5pt; } main { max-width: none; padding: 0; } h2 { break-after: avoid; } table, .sign, figure { break-inside: avoid; } figure svg { min-width: 0; } }
        """

    static func html(_ page: Page, _ phrases: Phrasebook) -> String {
        var o = "<!DOCTYPE html>\n<html lang=\"\(HTML.escape(page.language))\">\n<head>\n<meta charset=\"utf-8\">\n"
        o += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        o += "<meta name=\"generator\" content=\"accord \(AccordVersion.current)\">\n"
        o += "<title>" + HTML.escape(plain(page.title)) + "</title>\n<style>\n" + style + "\n</style>\n</head>\n<body>\n<main>\n"
        o += "<header>\n<h1>" + h(page.title) + "</h1>\n"
        for line in page.lead { o += "<p class=\"lead\">" + h(line) + "</p>\n" }
        o += "</header>\n"
        if let banner = page.banner { o += "<p class=\"banner\" role=\"alert\">" + h(banner) + "</p>\n" }
        for section in page.sections {
            o += "<section id=\"\(HTML.escape(section.id))\">\n<h2><span>" + h(section.title) + "</span>"
            if let minutes = section.minutes { o += "<span class=\"minutes\">" + HTML.escape(phrases.text("minutes", in: page.language, ["n": String(minutes)])) + "</span>" }
            o += "</h2>\n"
            for block in section.blocks {
                switch block {
                case .paragraph(let words): o += "<p>" + h(words) + "</p>\n"
                case .subheading(let words): o += "<h3>" + h(words) + "</h3>\n"
                case .list(let items, let ordered):
                    o += ordered ? "<ol>\n" : "<ul>\n"
                    for item in items {
                        o += "<li>" + (item.gap ? "<span class=\"gap\">!</span> " : "") + h(item.words)
                        o += (item.note.map { " <span class=\"note\">(\(HTML.escape($0)))</span>" } ?? "") + "</li>\n"
                    }
                    o += ordered ? "</ol>\n" : "</ul>\n"
                case .table(let header, let rows):
                    o += "<table>\n<thead><tr>" + header.map { "<th scope=\"col\">" + h($0) + "</th>" }.joined() + "</tr></thead>\n<tbody>\n"
                    for row in rows { o += "<tr>" + row.map { "<td>" + h($0) + "</td>" }.joined() + "</tr>\n" }
                    o += "</tbody>\n</table>\n"
                case .signature(let party, let name, let title, let labels):
                    o += "<div class=\"sign\"><strong>" + h(party) + "</strong><dl>"
                    let values = [name, title, "", ""]
                    for (k, label) in labels.enumerated() { o += "<dt>" + h(label) + "</dt><dd>" + HTML.escape(values[k]) + "</dd>" }
                    o += "</dl></div>\n"
                case .picture:
                    if let timeline = page.timeline {
                        o += "<figure>\n" + timeline.svg(phrases: phrases, standalone: false) + "</figure>\n"
                    }
                }
            }
            o += "</section>\n"
        }
        for (key, value) in page.facts where key == "fingerprint" {
            o += "<footer><p class=\"fingerprint\">" + h(phrases.words("fingerprint")) + ": " + HTML.escape(value.stringValue ?? "") + "</p></footer>\n"
        }
        o += "</main>\n</body>\n</html>\n"
        return o
    }

    // MARK: JSON

    static func json(_ page: Page) -> String {
        var o = OutputBuffer(capacity: 8192)
        o.append("{\n  \"document\": ")
        o.appendJSONString(page.kind)
        for (key, value) in page.facts {
            o.append(",\n  ")
            o.appendJSONString(key)
            o.append(": ")
            JSONForm.write(value, into: &o, indent: 0)
        }
        o.append(",\n  \"language\": ")
        o.appendJSONString(page.language)
        o.append(",\n  \"title\": ")
        o.appendJSONString(plain(page.title))
        o.append(",\n  \"lead\": [")
        o.append(page.lead.map { jsonString(plain($0)) }.joined(separator: ", "))
        o.append("]")
        if let banner = page.banner {
            o.append(",\n  \"banner\": ")
            o.appendJSONString(plain(banner))
        }
        o.append(",\n  \"sections\": [")
        for (k, section) in page.sections.enumerated() {
            o.append(k == 0 ? "\n    {\"id\": " : ",\n    {\"id\": ")
            o.appendJSONString(section.id)
            o.append(", \"title\": ")
            o.appendJSONString(plain(section.title))
            if let minutes = section.minutes {
                o.append(", \"minutes\": ")
                o.append(int: minutes)
            }
            o.append(", \"blocks\": [")
            var first = true
            for block in section.blocks {
                guard let text = jsonBlock(block) else { continue }
                o.append(first ? "\n      " : ",\n      ")
                o.append(text)
                first = false
            }
            o.append(first ? "]}" : "\n    ]}")
        }
        o.append(page.sections.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
        return o.string
    }

    static func jsonString(_ s: String) -> String {
        var o = OutputBuffer(capacity: s.utf8.count + 2)
        o.appendJSONString(s)
        return o.string
    }

    static func jsonBlock(_ block: Block) -> String? {
        switch block {
        case .paragraph(let words): return "{\"text\": \(jsonString(plain(words)))}"
        case .subheading(let words): return "{\"heading\": \(jsonString(plain(words)))}"
        case .list(let items, _):
            let entries = items.map { item in
                "{\"text\": \(jsonString(plain(item.words)))" + (item.gap ? ", \"gap\": true" : "") + (item.note.map { ", \"note\": \(jsonString($0))" } ?? "") + "}"
            }
            return "{\"items\": [" + entries.joined(separator: ", ") + "]}"
        case .table(let header, let rows):
            return "{\"header\": [" + header.map { jsonString(plain($0)) }.joined(separator: ", ") + "], \"rows\": ["
                + rows.map { "[" + $0.map { jsonString(plain($0)) }.joined(separator: ", ") + "]" }.joined(separator: ", ") + "]}"
        case .signature(let party, let name, let title, _):
            return "{\"signature\": {\"party\": \(jsonString(plain(party))), \"name\": \(jsonString(name)), \"title\": \(jsonString(title))}}"
        case .picture:
            return nil
        }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}

