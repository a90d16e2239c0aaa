/// `accord diff`'s report of a `BriefRevision`, in text, JSON (`../shared/spec/lifecycle.md`: `old`,
/// `new`, `resolved`, `introduced`, `changed`), Markdown (a pull-request comment: the summary first,
/// the details folded) or GitHub annotations.
package enum RevisionReport {
    package enum Format: String, CaseIterable, Sendable {
        case text, json, markdown, github
    }

    /// `language`: of the fixed wording and the changes' sentences (the findings' messages are in the
    /// language the briefs were checked in; questions in each party's).
    package static func write(_ r: BriefRevision, as format: Format, phrases: Phrasebook, language: String) -> String {
        let changes = r.changes.map { $0.sentence(phrases, language) }
        switch format {
        case .text: return text(r, changes)
        case .json: return json(r, changes)
        case .markdown: return markdown(r, changes)
        case .github: return github(r, changes)
        }
    }

    /// One line of the summary: `score 72 → 85, align-first → ready; 2 resolved, 1 introduced, 3 changes`.
    static func summary(_ r: BriefRevision) -> String {
        if r.isUnchanged { return "No change." }
        var parts = ["score \(r.old.scores.overall) → \(r.new.scores.overall)"]
        if r.old.verdict != r.new.verdict { parts.append("\(r.old.verdict.rawValue) → \(r.new.verdict.rawValue)") } else { parts.append(r.new.verdict.rawValue) }
        parts.append("\(r.resolved.count) resolved, \(r.introduced.count) introduced, \(r.changes.count) change\(r.changes.count == 1 ? "" : "s")")
        return parts.joined(separator: "; ")
    }

    /// What the revision means for the approval, or nil when there was none to keep.
    static func approval(_ r: BriefRevision) -> String? {
        guard r.approvedBefore, r.agreedContentChanged else { return nil }
        guard !r.mustApproveAgain.isEmpty else { return "What every party approved has changed, and the revision records their approval again." }
        let names = r.mustApproveAgain.map { r.new.brief?.partyLabel(id: $0) ?? $0 }
        return "What every party approved has changed without their approving it again: \(names.joined(separator: ", ")) must approve it again."
    }

    static func text(_ r: BriefRevision, _ changes: [String]) -> String {
        var o = "\(r.old.path) → \(r.new.path)\(r.new.campaignName.map { ": " + $0 } ?? "")\n  \(summary(r))\n"
        if r.isUnchanged { return o }
        if let approval = approval(r) { o += "  \(approval)\n" }
        if !changes.isEmpty {
            o += "\n  Changed\n"
            for (k, c) in r.changes.enumerated() { o += "    \(changes[k])  [\(c.path)]\n" }
        }
        func list(_ title: String, _ findings: [Finding], _ path: String) {
            guard !findings.isEmpty else { return }
            o += "\n  \(title)\n"
            for f in findings {
                o += "    \(path):\(f.location.line):\(f.location.column): \(f.severity.rawValue): \(f.rule.title) [\(f.rule.id)]\n      \(f.message)\n"
            }
        }
        list("Resolved", r.resolved, r.old.path)
        list("Introduced", r.introduced, r.new.path)
        let questions = r.introduced.flatMap { f in f.questions.map { (f.rule.id, $0) } }
        if !questions.isEmpty {
            o += "\n  Questions\n"
            for (rule, q) in questions { o += "    \(r.new.brief?.partyLabel(id: q.to) ?? q.to): \(q.text) [\(rule)]\n" }
        }
        return o
    }

    static func markdown(_ r: BriefRevision, _ changes: [String]) -> String {
        let e = MarkdownText.escape
        var o = "### Brief revision: \(e(r.new.campaignName ?? r.new.path))\n\n**\(e(summary(r)))**\n"
        if r.isUnchanged { return o }
        if let approval = approval(r) { o += "\n> **\(e(approval))**\n" }
        if !r.introduced.isEmpty {
            o += "\nIntroduced:\n\n"
            for f in r.introduced { o += "- **\(f.severity.rawValue)** \(e(f.rule.title)) (\(f.rule.id), `\(f.path)`)\n" }
        }
        if !r.resolved.isEmpty {
            o += "\nResolved:\n\n"
            for f in r.resolved { o += "- ~~\(e(f.rule.title))~~ (\(f.rule.id), `\(f.path)`)\n" }
        }
        o += "\n<details><summary>Details: \(changes.count) change\(changes.count == 1 ? "" : "s"), the findings' messages and questions</summary>\n\n"
        if !changes.isEmpty {
            o += "| field | change |\n|---|---|\n"
            for (k, c) in r.changes.enumerated() { o += "| `\(c.path)` | \(e(changes[k])) |\n" }
        }
        for f in r.introduced + r.resolved {
            o += "\n**\(f.rule.id)** \(e(f.message))\n"
            for q in f.questions where r.introduced.contains(where: { $0.rule.id == f.rule.id && $0.path == f.path }) {
                o += "- _\(e(r.new.brief?.partyLabel(id: q.to) ?? q.to))_: \(e(q.text))\n"
            }
        }
        o += "\nOld: `\(r.old.path)` (score \(r.old.scores.overall), \(r.old.verdict.rawValue), `\(r.oldFingerprint)`)  \n"
        o += "New: `\(r.new.path)` (score \(r.new.scores.overall), \(r.new.verdict.rawValue), `\(r.newFingerprint)`)\n\n</details>\n"
        return o
    }

    static func github(_ r: BriefRevision, _ changes: [String]) -> String {
        var o = OutputBuffer(capacity: 1024)
        let writer = GitHubReporter(ReportOptions())
        for f in r.introduced {
            // Agreed content changed without approval fails the diff whatever its severity: an error.
            let level = f.rule.id == ApprovalRule.id && !r.mustApproveAgain.isEmpty ? "error" : GitHubReporter.level(f.severity)
            writer.command(level, file: r.new.path, line: f.location.line, column: f.location.column,
                           title: "\(f.rule.id) \(f.rule.title) (introduced)", message: f.message, &o)
        }
        for f in r.resolved {
            writer.command("notice", file: r.new.path, line: nil, column: nil, title: "\(f.rule.id) resolved", message: f.message, &o)
        }
        if !changes.isEmpty {
            writer.command("notice", file: r.new.path, line: nil, column: nil, title: "Changed", message: changes.joined(separator: "\n"), &o)
        }
        return String(decoding: o.bytes, as: UTF8.self)
    }

    static func json(_ r: BriefRevision, _ changes: [String]) -> String {
        var o = OutputBuffer(capacity: 4096)
        o.append("{\n  \"version\": 1,\n  \"tool\": {\"name\": \"accord\", \"version\": ")
        o.appendJSONString(AccordVersion.current)
        o.append("},\n")
        for (name, report, fingerprint) in [("old", r.old, r.oldFingerprint), ("new", r.new, r.newFingerprint)] {
            o.append("  \"\(name)\": {\"file\": ")
            o.appendJSONString(report.path)
            o.append(", \"score\": ")
            o.append(int: report.scores.overall)
            o.append(", \"verdict\": ")
            o.appendJSONString(report.verdict.rawValue)
            o.append(", \"fingerprint\": ")
            o.appendJSONString(fingerprint)
            o.append("},\n")
        }
        o.append("  \"unchanged\": \(r.isUnchanged),\n  \"agreedContentChanged\": \(r.agreedContentChanged),\n")
        o.append("  \"approvedBefore\": \(r.approvedBefore),\n  \"mustApproveAgain\": [")
        for (k, id) in r.mustApproveAgain.enumerated() {
            if k > 0 { o.append(", ") }
            o.appendJSONString(id)
        }
        o.append("],\n")
        let reporter = JSONReporter(ReportOptions())
        for (name, findings) in [("resolved", r.resolved), ("introduced", r.introduced)] {
            o.append("  \"\(name)\": [")
            for (k, f) in findings.enumerated() {
                o.append(k == 0 ? "\n" : ",\n")
                reporter.finding(f, &o)
            }
            o.append(findings.isEmpty ? "],\n" : "\n  ],\n")
        }
        o.append("  \"changed\": [")
        for (k, c) in r.changes.enumerated() {
            o.append(k == 0 ? "\n    {\"path\": " : ",\n    {\"path\": ")
            o.appendJSONString(c.path)
            o.append(", \"old\": ")
            o.append(c.old.map(jsonValue) ?? "null")
            o.append(", \"new\": ")
            o.append(c.new.map(jsonValue) ?? "null")
            o.append(", \"agreed\": \(c.agreed), \"text\": ")
            o.appendJSONString(changes[k])
            o.append("}")
        }
        o.append(r.changes.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
        return String(decoding: o.bytes, as: UTF8.self)
    }

    static func jsonValue(_ v: Value) -> String {
        var o = OutputBuffer(capacity: 64)
        JSONForm.write(v, into: &o, indent: 0)
        return String(decoding: o.bytes, as: UTF8.self)
    }
}
