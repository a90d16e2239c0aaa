/// The brief an intake makes, as TOML that teaches the format: each section opens with a comment on
/// what it is for, and each key the interview asked about carries its question as a comment. Keys
/// from an answers file that the interview does not know are written too, after the known ones.
enum BriefWriter {
    /// The sections in the order a brief reads; others follow in the order they came.
    static let sectionOrder = ["campaign", "brand", "agency", "creators", "metrics", "deliverables", "timeline", "alignment", "compliance", "budget"]

    static func write(_ session: IntakeSession, file name: String) -> String {
        let answers = session.answers
        let language = session.language
        // Keys in the interview's order (the plan's), then the rest in the order they came.
        let questions = session.questions  // the plan, built once for the whole brief
        let planned = questions.filter { !$0.isControl }.map(\.key)
        let rank = Dictionary(planned.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let keys = answers.answered.filter { !$0.hasPrefix("more.") }
            .enumerated().sorted { a, b in
                let ra = rank[a.element] ?? planned.count + a.offset
                let rb = rank[b.element] ?? planned.count + b.offset
                return ra < rb
            }.map(\.element)

        var out = language == "ru"
            ? "# Бриф кампании, записанный `accord init`. Проверка: accord check \(name)\n# Формат описан в docs/brief.md; каждый ключ объяснён комментарием над ним. Ненужное можно удалить.\n"
            : "# Campaign brief written by `accord init`. Check it with: accord check \(name)\n# The format is in docs/brief.md; each key is explained by the comment above it. Delete what you do not need.\n"

        var sections: [String] = []
        for key in keys {
            let top = String(key.split(separator: ".")[0])
            if !sections.contains(top) { sections.append(top) }
        }
        let arrival = sections
        sections.sort { (sectionOrder.firstIndex(of: $0) ?? 99, arrival.firstIndex(of: $0)!) < (sectionOrder.firstIndex(of: $1) ?? 99, arrival.firstIndex(of: $1)!) }

        for section in sections {
            let inSection = keys.filter { $0.split(separator: ".")[0] == section }
            let comment = IntakeTexts.sections[section].map { language == "ru" ? $0.ru : $0.en }
            if answers.arrays.contains(section) {
                // [[section]], one per index, in index order.
                let indices = Array(Set(inSection.compactMap { key -> Int? in
                    let parts = key.split(separator: ".")
                    return parts.count > 2 ? Int(parts[1]) : nil
                })).sorted()
                for (n, i) in indices.enumerated() {
                    out += "\n"
                    if n == 0, let comment { out += wrapComment(comment) }
                    out += "[[\(bareOrQuoted(section))]]\n"
                    let prefix = "\(section).\(i)."
                    var rows = inSection.filter { $0.hasPrefix(prefix) }.map { (String($0.dropFirst(prefix.count)), $0) }
                    if section == "deliverables", !rows.contains(where: { $0.0 == "creator" }), answers.fromFile.isDisjoint(with: rows.map(\.1)),
                       let id = answers["creators.\(i).id"]?.stringValue {
                        rows.append(("creator", ""))
                        out += table(rows, session: session, questions: questions, extra: ["creator": .string(id)])
                    } else {
                        out += table(rows, session: session, questions: questions)
                    }
                }
            } else {
                out += "\n"
                if let comment { out += wrapComment(comment) }
                out += "[\(bareOrQuoted(IntakeAnswers.unescape(section)))]\n"
                out += table(inSection.map { (String($0.dropFirst(section.count + 1)), $0) }, session: session, questions: questions)
            }
        }
        return out
    }

    /// The rows of one table: `rest` is the key within the table (`decision_maker.name` is part of an
    /// inline table), `key` the answer's key.
    private static func table(_ rows: [(rest: String, key: String)], session: IntakeSession, questions: [IntakeQuestion],
                              extra: [String: Value] = [:]) -> String {
        var out = ""
        var done: Set<String> = []
        for row in rows {
            let parts = row.rest.split(separator: ".", maxSplits: 1).map(String.init)
            let head = parts[0]
            if done.contains(head) { continue }
            done.insert(head)
            let value: Value
            var askedKey = row.key
            if parts.count > 1 {
                // An inline table: every answer under `head`.
                let prefix = String(row.key.dropLast(parts[1].count))
                let members = rows.filter { $0.key.hasPrefix(prefix) }.map { ($0.key.dropFirst(prefix.count), session.answers[$0.key] ?? .null) }
                value = .map(ValueMap(members.map { (IntakeAnswers.unescape(String($0.0)), $0.1) }))
                askedKey = String(prefix.dropLast())
            } else {
                value = extra[head] ?? session.answers[row.key] ?? .null
            }
            if let q = questions.first(where: { $0.key == askedKey || $0.key.hasPrefix(askedKey + ".") }), !row.key.isEmpty {
                // The question without what only the interview needs ("(Enter when there are no more)").
                let text = session.prompt(q)
                out += "# " + String(text[..<(text.range(of: " (Enter")?.lowerBound ?? text.endIndex)]) + "\n"
            }
            out += bareOrQuoted(IntakeAnswers.unescape(head)) + " = " + toml(value) + "\n"
        }
        return out
    }

    private static func wrapComment(_ text: String) -> String {
        var lines: [String] = []
        var line = "#"
        for word in text.split(separator: " ") {
            if line.count + word.count + 1 > 100 {
                lines.append(line)
                line = "#"
            }
            line += " " + word
        }
        lines.append(line)
        return lines.joined(separator: "\n") + "\n"
    }

    static func bareOrQuoted(_ key: String) -> String {
        let bare = !key.isEmpty && key.unicodeScalars.allSatisfy {
            ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "_" || $0 == "-"
        }
        return bare ? key : quoted(key)
    }

    /// A TOML basic string: a JSON string's escapes (quotes, backslashes, control characters) are
    /// TOML's too.
    static func quoted(_ s: String) -> String { PrintForm.stringLiteral(s) }

    /// A value as TOML: lists and tables inline.
    static func toml(_ value: Value) -> String {
        switch value {
        case .null: return "\"\""
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d):
            if d.isNaN { return "nan" }
            if d.isInfinite { return d < 0 ? "-inf" : "inf" }
            return PrintForm.double(d)
        case .string(let s): return quoted(s)
        case .date(let d): return d.description
        case .time(let t): return t.description
        case .datetime(let t): return t.description
        case .timestamp(let t): return t.description
        case .duration(let d): return quoted(d.description)
        case .list(let l): return "[" + l.items.map(toml).joined(separator: ", ") + "]"
        case .map(let m):
            let pairs = m.stringKeys.map { bareOrQuoted($0) + " = " + toml(m[$0] ?? .null) }
            return pairs.isEmpty ? "{}" : "{ " + pairs.joined(separator: ", ") + " }"
        }
    }
}
