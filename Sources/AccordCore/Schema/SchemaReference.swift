extension BriefSchema {
    /// The brief format in Markdown, generated from the schema (docs/brief.md embeds it, and a test
    /// keeps the two equal): the named types, then every table reachable from the brief.
    package func referenceMarkdown() -> String {
        var out = "### Types\n\n| type | what it is |\n|---|---|\n"
        out += "| `text` | a string |\n| `int` | a whole number |\n| `number` | a whole number or a decimal |\n"
        out += "| `bool` | `true` or `false` |\n| `date` | a local date, `2026-03-18` (in JSON the string `\"2026-03-18\"`) |\n"
        for name in scalars.keys.sorted() {
            let s = scalars[name]!
            var what = s.doc
            if let values = s.values { what += ": one of " + values.map { "`\($0)`" }.joined(separator: ", ") }
            if let example = s.example { what += ", such as \(example)" }
            if let pattern = s.patternText { what += " (pattern `\(pattern)`)" }
            out += "| `\(name)` | \(Self.cell(what)) |\n"
        }
        out += "\n`[T]` is a list of T; `{K: V}` a table whose keys are K and values V.\n"

        // The tables, in the order a brief is read: sections first, then the tables inside them.
        var order: [Table] = []
        var queue = [root]
        while !queue.isEmpty {
            let table = queue.removeFirst()
            guard !order.contains(where: { $0 === table }) else { continue }
            order.append(table)
            for field in table.keys {
                if let inner = Self.innerTable(field.type) { queue.append(inner) }
            }
            if let parent = table.parent { queue.append(parent) }
        }
        for table in order {
            out += "\n### " + (table === root ? "The brief" : "`\(table.name)`") + "\n\n"
            out += Self.cell(table.doc) + "\n"
            if let parent = table.parent {
                out += "\nEvery key of `\(parent.name)`, and:\n"
            }
            out += "\n| key | type | meaning |\n|---|---|---|\n"
            for field in table.ownKeys {
                var type = "`\(field.type)`"
                if field.required { type += ", **required**" }
                var meaning = field.doc
                if let minItems = field.minItems { meaning += (meaning.isEmpty ? "" : "; ") + "at least \(minItems)" }
                if let min = field.min, let max = field.max {
                    meaning += (meaning.isEmpty ? "" : "; ") + "\(GoFormat.g(min)) to \(GoFormat.g(max))"
                } else if let min = field.min {
                    meaning += (meaning.isEmpty ? "" : "; ") + "at least \(GoFormat.g(min))"
                }
                out += "| `\(field.key)` | \(type) | \(Self.cell(meaning)) |\n"
            }
            if !table.derived.isEmpty {
                out += "\nAdded by Accord for rules (a brief that sets them is refused): "
                out += table.derived.map { "`\($0.key)` (\($0.doc))" }.joined(separator: ", ") + ".\n"
            }
        }
        return out
    }

    static func innerTable(_ type: FieldType) -> Table? {
        switch type {
        case .table(let t): return t
        case .list(let e): return innerTable(e)
        case .map(_, let v): return innerTable(v)
        default: return nil
        }
    }

    /// Text that is safe in a Markdown table cell.
    package static func cell(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "|": out += "\\|"
            case "\n": out += " "
            default: out.append(c)
            }
        }
        return out
    }
}
