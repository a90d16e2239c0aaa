import Foundation

/// A brief as an editor sees it while it is written: which key or table a position is in, what the
/// schema says of that key, what may be typed there, and the outline of parties, metrics and dates.
/// Works on text that does not parse too (completion while typing): the table at a line is read from
/// the headers above it.
package struct BriefOutline {
    package let file: SourceFile
    /// The parsed document, when the text parses.
    package let root: ValueMap?
    package let schema: BriefSchema

    package init(file: SourceFile, root: Value?, schema: BriefSchema) {
        self.file = file
        self.root = root?.mapValue
        self.schema = schema
    }

    /// A key of the document: its path (`["creators", "0", "platforms"]`), the schema's field for it,
    /// and the spans of its key and value.
    package struct Key {
        package let path: [String]
        package let field: BriefSchema.Field?
        package let keySpan: SourceSpan
        package let valueSpan: SourceSpan
    }

    /// The key whose name or value holds `offset`, the innermost one.
    package func key(at offset: Int) -> Key? {
        guard let root else { return nil }
        return key(in: root, table: schema.root, path: [], offset: offset)
    }

    private func key(in map: ValueMap, table: BriefSchema.Table?, path: [String], offset: Int) -> Key? {
        guard let spans = map.spans else { return nil }
        for i in 0..<map.count {
            guard let name = map.keys[i].stringValue, i < spans.count else { continue }
            let span = spans[i]
            let field = table?.field(name)
            let here = Key(path: path + [name], field: field, keySpan: span.key, valueSpan: span.value)
            if span.key.start <= offset && offset <= span.key.end { return here }
            if case .map(let inner) = map.values[i], let found = key(in: inner, table: Self.table(of: field?.type), path: path + [name], offset: offset) {
                return found
            }
            if case .list(let list) = map.values[i], let itemSpans = list.spans {
                for (k, item) in list.items.enumerated() where k < itemSpans.count {
                    guard case .map(let inner) = item, itemSpans[k].start <= offset, offset <= itemSpans[k].end else { continue }
                    if let found = key(in: inner, table: Self.table(of: field?.type), path: path + [name, String(k)], offset: offset) {
                        return found
                    }
                }
            }
            if span.value.start <= offset && offset <= span.value.end { return here }
        }
        return nil
    }

    /// The table a field's values are: `party` for `brand`, `creator` for `creators`.
    static func table(of type: BriefSchema.FieldType?) -> BriefSchema.Table? {
        switch type {
        case .table(let t)?: return t
        case .list(let e)?: return table(of: e)
        default: return nil
        }
    }

    /// The schema's table for a dotted table header (`campaign`, `creators`, `brand.decision_maker`).
    package func table(named name: String) -> BriefSchema.Table? {
        var table: BriefSchema.Table? = schema.root
        for part in name.split(separator: ".") { table = Self.table(of: table?.field(String(part))?.type) }
        return table
    }

    /// The table header above a 0-based line (`[[creators]]` → "creators"), "" before any, and the
    /// keys already set under it, up to the next header.
    package func section(atLine line: Int) -> (name: String, keys: Set<String>) {
        var name = ""
        var start = 0
        var index = min(line, file.lineCount - 1)
        while index >= 0 {
            if let header = Self.header(file.lineText(index + 1)) {
                name = header
                start = index + 1
                break
            }
            index -= 1
        }
        var keys: Set<String> = []
        var k = start
        while k < file.lineCount {
            let text = file.lineText(k + 1)
            if k > line, Self.header(text) != nil { break }
            if let eq = text.firstIndex(of: "="), !text.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
                keys.insert(text[..<eq].trimmingCharacters(in: .whitespaces))
            }
            k += 1
        }
        return (name, keys)
    }

    /// `[name]` or `[[name]]` at the start of a line: the name.
    static func header(_ line: String) -> String? {
        let t = line.trimmingCharacters(in: .whitespaces)
        guard t.hasPrefix("["), let close = t.firstIndex(of: "]") else { return nil }
        let name = t[t.index(after: t.startIndex)..<close].trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
        return name.isEmpty ? nil : name
    }

    /// How the schema describes a field, in Markdown: its key, type and meaning, the values it takes.
    package func describe(_ field: BriefSchema.Field, path: [String]) -> String {
        var text = "**\(path.filter { Int($0) == nil }.joined(separator: "."))** — \(field.type.phrase)"
        if field.required { text += ", required" }
        if !field.doc.isEmpty { text += "\n\n" + field.doc }
        if let values = values(of: field.type) { text += "\n\nOne of: " + values.map { "`\($0)`" }.joined(separator: ", ") }
        return text
    }

    /// The values a type allows, when it lists them (goals, roles, kinds).
    package func values(of type: BriefSchema.FieldType) -> [String]? {
        switch type {
        case .scalar(let s): return s.values
        case .list(let e): return values(of: e)
        case .bool: return ["true", "false"]
        default: return nil
        }
    }

    /// The parties' ids the brief has: brand, agency, each creator's id.
    package var partyIDs: [String] {
        guard let root else { return ["brand"] }
        var ids = ["brand"]
        if root["agency"] != nil { ids.append("agency") }
        for item in root["creators"]?.listValue?.items ?? [] { if let id = item.mapValue?["id"]?.stringValue { ids.append(id) } }
        return ids
    }

    /// A symbol of the outline: a party, a metric, a date, each with its span.
    package struct Symbol {
        package let name: String
        package let detail: String
        /// party, metric, date or section.
        package let kind: String
        package let span: SourceSpan
        package let selection: SourceSpan
        package let children: [Symbol]
    }

    /// The outline: each section, with the parties, metrics and dates in it.
    package var symbols: [Symbol] {
        guard let root, let spans = root.spans else { return [] }
        var out: [Symbol] = []
        for i in 0..<root.count {
            guard let name = root.keys[i].stringValue, i < spans.count else { continue }
            let span = spans[i]
            let whole = SourceSpan(span.key.start, max(span.key.end, span.value.end))
            switch root.values[i] {
            case .map(let table):
                let children = (table.spans ?? []).indices.compactMap { k -> Symbol? in
                    guard let key = table.keys[k].stringValue, case .date(let d) = table.values[k], let s = table.spans?[k] else { return nil }
                    return Symbol(name: key, detail: d.description, kind: "date", span: SourceSpan(s.key.start, s.value.end), selection: s.key, children: [])
                }
                let title = table["name"]?.stringValue
                out.append(Symbol(name: name, detail: title ?? "", kind: ["brand", "agency"].contains(name) ? "party" : "section",
                                  span: whole, selection: span.key, children: children))
            case .list(let list):
                let children = list.items.indices.compactMap { k -> Symbol? in
                    guard let item = list.items[k].mapValue, let itemSpan = list.spans?[k] else { return nil }
                    let label = item["id"]?.stringValue ?? item["name"]?.stringValue ?? "\(name)[\(k)]"
                    return Symbol(name: label, detail: item["name"]?.stringValue ?? "", kind: name == "creators" ? "party" : name == "metrics" ? "metric" : "section",
                                  span: itemSpan, selection: itemSpan, children: [])
                }
                out.append(Symbol(name: name, detail: "", kind: "section", span: whole, selection: span.key, children: children))
            default:
                break
            }
        }
        return out
    }
}
