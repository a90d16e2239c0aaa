/// The JSON report (`../shared/spec/cli.md`): the contract's fields, and a few more
/// (`title`, `language`, `suppressed`, `errors`, `tool`).
package struct JSONReporter: Reporter {
    package static let identifier = "json"
    package static let fileExtensions = ["json"]
    package static let summary = "the JSON report of ../shared/spec/cli.md, for scripts"

    package init(_ options: ReportOptions) {}

    package func header(_ context: ReportContext, _ o: inout OutputBuffer) {
        o.append("{\n  \"version\": 1,\n  \"tool\": {\"name\": \"accord\", \"version\": ")
        o.appendJSONString(AccordVersion.current)
        o.append("},\n  \"briefs\": [")
    }

    package var separator: String { "," }

    package func footer(_ s: CheckTotals, _ context: ReportContext, _ o: inout OutputBuffer) {
        o.append("\n  ],\n")
        o.append("  \"summary\": {\"briefs\": ")
        o.append(int: s.briefs)
        o.append(", \"findings\": ")
        o.append(int: s.findings)
        for sev in [Severity.error, .warning, .info] {
            o.append(", \"\(sev.rawValue)\": ")
            o.append(int: s.bySeverity[sev])
        }
        o.append(", \"suppressed\": ")
        o.append(int: s.suppressed)
        if let baseline = context.baseline {
            o.append(", \"known\": ")
            o.append(int: s.known)
            o.append(", \"baseline\": {\"file\": ")
            o.appendJSONString(baseline.name)
            o.append(", \"absent\": [")
            for (k, e) in context.absent(s).enumerated() {
                if k > 0 { o.append(", ") }
                e.appendJSON(to: &o)
            }
            o.append("]}")
        }
        o.append(", \"notices\": ")
        o.append(int: s.notices)
        o.append(", \"invalid\": ")
        o.append(int: s.invalid)
        o.append(", \"verdicts\": {")
        for (k, v) in [Verdict.ready, .alignFirst, .doNotProceed].enumerated() {
            if k > 0 { o.append(", ") }
            o.appendJSONString(v.rawValue)
            o.append(": ")
            o.append(int: s.byVerdict[v])
        }
        o.append("}}\n}\n")
    }

    package func brief(_ r: BriefReport, index: Int, _ context: ReportContext, _ o: inout OutputBuffer) {
        o.append("\n    {\n      \"file\": ")
        o.appendJSONString(r.path)
        if let title = r.campaignName {
            o.append(",\n      \"title\": ")
            o.appendJSONString(title)
        }
        guard r.isUsable else {
            o.append(",\n      \"valid\": false,\n      \"errors\": [")
            for (k, d) in r.problems.enumerated() {
                o.append(k == 0 ? "\n        " : ",\n        ")
                diagnostic(d, &o)
            }
            o.append("\n      ]\n    }")
            return
        }
        o.append(",\n      \"score\": ")
        o.append(int: r.scores.overall)
        let below = context.scoresBelowMinimum(r)
        if let minimum = below.first?.minimum {
            o.append(",\n      \"belowMinScore\": {\"minimum\": ")
            o.append(int: minimum)
            o.append(", \"scores\": {")
            for (k, s) in below.enumerated() {
                o.append(k == 0 ? "" : ", ")
                o.appendJSONString(s.name)
                o.append(": ")
                o.append(int: s.score)
            }
            o.append("}}")
        }
        o.append(",\n      \"verdict\": ")
        o.appendJSONString(r.verdict.rawValue)
        o.append(",\n      \"categories\": {")
        for (k, c) in r.categories.enumerated() {
            if k > 0 { o.append(", ") }
            o.appendJSONString(c.rawValue)
            o.append(": ")
            o.append(int: r.scores.categories[c])
        }
        o.append("},\n      \"findings\": [")
        for (k, f) in r.findings.enumerated() {
            o.append(k == 0 ? "\n" : ",\n")
            finding(f, &o)
        }
        o.append(r.findings.isEmpty ? "],\n" : "\n      ],\n")
        o.append("      \"questions\": [")
        for (k, q) in r.questions.enumerated() {
            o.append(k == 0 ? "\n        {\"to\": " : ",\n        {\"to\": ")
            o.appendJSONString(q.to)
            o.append(", \"text\": ")
            o.appendJSONString(q.text)
            o.append(", \"language\": ")
            o.appendJSONString(q.language)
            o.append(", \"rules\": [")
            for (j, id) in q.rules.enumerated() {
                if j > 0 { o.append(", ") }
                o.appendJSONString(id)
            }
            o.append("]}")
        }
        o.append(r.questions.isEmpty ? "]" : "\n      ]")
        if let progress = r.checkin { checkin(progress, &o) }
        if !r.notices.isEmpty {
            o.append(",\n      \"notices\": [")
            for (k, d) in r.notices.enumerated() {
                o.append(k == 0 ? "\n        " : ",\n        ")
                diagnostic(d, &o)
            }
            o.append("\n      ]")
        }
        if !r.failures.isEmpty {
            o.append(",\n      \"errors\": [")
            for (k, failure) in r.failures.enumerated() {
                o.append(k == 0 ? "\n        " : ",\n        ")
                diagnostic(failure.diagnostic, &o)
            }
            o.append("\n      ]")
        }
        o.append("\n    }")
    }

    func finding(_ f: Finding, _ o: inout OutputBuffer) {
        o.append("        {\"rule\": ")
        o.appendJSONString(f.rule.id)
        o.append(", \"category\": ")
        o.appendJSONString(f.category.rawValue)
        o.append(", \"severity\": ")
        o.appendJSONString(f.severity.rawValue)
        o.append(", \"weight\": ")
        o.append(int: f.weight)
        o.append(",\n         \"title\": ")
        o.appendJSONString(f.rule.title)
        o.append(",\n         \"message\": ")
        o.appendJSONString(f.message)
        o.append(",\n         \"locations\": [{\"path\": ")
        o.appendJSONString(f.path)
        o.append(", \"line\": ")
        o.append(int: f.location.line)
        o.append(", \"column\": ")
        o.append(int: f.location.column)
        o.append("}],\n         \"questions\": ")
        FindingQuestion.appendJSON(f.questions, withLanguage: true, to: &o)
        if let s = f.suppression {
            o.append(",\n         \"suppressed\": {\"reason\": ")
            o.appendJSONString(s.reason)
            o.append(", \"kind\": ")
            o.appendJSONString(s.kind)
            if let loc = s.location {
                o.append(", \"line\": ")
                o.append(int: loc.line)
            }
            o.append("}")
        }
        if let state = f.baselineState {
            o.append(",\n         \"baseline\": ")
            o.appendJSONString(state.rawValue)
        }
        o.append("}")
    }

    /// A check-in's `asOf`, `results`, `metrics` (`../shared/spec/lifecycle.md`), `deliverables`
    /// and `unknownReadings`.
    func checkin(_ p: CheckinProgress, _ o: inout OutputBuffer) {
        func number(_ d: Double?) {
            guard let d, d.isFinite else { return o.append("null") }
            o.append(Results.number((d * 1_000_000).rounded() / 1_000_000))
        }
        func date(_ d: LocalDate?) {
            if let d { o.appendJSONString(d.description) } else { o.append("null") }
        }
        func text(_ key: String, _ s: String?) {
            o.append(", \"\(key)\": ")
            if let s { o.appendJSONString(s) } else { o.append("null") }
        }
        func reading(_ r: Results.Reading) {
            o.append("{\"value\": ")
            number(r.value)
            o.append(", \"date\": ")
            date(r.date)
            text("by", r.by)
            text("source", r.source)
            text("file", r.file.path)
            o.append(", \"line\": ")
            o.append(int: r.file.location(at: r.span.start).line)
            o.append("}")
        }
        o.append(",\n      \"asOf\": ")
        date(p.results.asOf)
        o.append(",\n      \"results\": [")
        for (k, f) in p.results.files.enumerated() {
            if k > 0 { o.append(", ") }
            o.appendJSONString(f)
        }
        o.append("],\n      \"metrics\": [")
        for (k, m) in p.metrics.enumerated() {
            o.append(k == 0 ? "\n        {\"name\": " : ",\n        {\"name\": ")
            o.appendJSONString(m.name)
            o.append(", \"path\": \"metrics[\(m.index)]\"")
            text("kind", m.kind)
            o.append(", \"threshold\": ")
            number(m.threshold)
            text("unit", m.unit)
            o.append(", \"rate\": \(m.isRate)")
            text("owner", m.owner)
            text("source", m.source)
            o.append(",\n         \"start\": ")
            date(m.start)
            o.append(", \"end\": ")
            date(m.end)
            o.append(", \"share\": ")
            number(m.share)
            o.append(", \"expected\": ")
            number(m.expected)
            o.append(", \"status\": ")
            o.appendJSONString(m.status.rawValue)
            o.append(",\n         \"latest\": ")
            if let latest = m.latest { reading(latest) } else { o.append("null") }
            o.append(",\n         \"readings\": [")
            for (j, r) in m.readings.enumerated() {
                if j > 0 { o.append(", ") }
                reading(r)
            }
            o.append("]}")
        }
        o.append(p.metrics.isEmpty ? "]" : "\n      ]")
        o.append(",\n      \"deliverables\": [")
        for (k, d) in p.deliverables.enumerated() {
            o.append(k == 0 ? "\n        {\"path\": " : ",\n        {\"path\": ")
            o.appendJSONString("deliverables[\(d.index)]")
            text("kind", d.kind)
            text("platform", d.platform)
            text("creator", d.creator)
            o.append(", \"count\": ")
            o.append(int: d.count)
            o.append(", \"delivered\": ")
            o.append(int: d.delivered)
            o.append("}")
        }
        o.append(p.deliverables.isEmpty ? "]" : "\n      ]")
        o.append(",\n      \"unknownReadings\": [")
        for (k, r) in p.unknown.enumerated() {
            o.append(k == 0 ? "\n        {\"metric\": " : ",\n        {\"metric\": ")
            o.appendJSONString(r.written)
            o.append(", \"reading\": ")
            reading(r)
            o.append("}")
        }
        o.append(p.unknown.isEmpty ? "]" : "\n      ]")
    }

    func diagnostic(_ d: Diagnostic, _ o: inout OutputBuffer) {
        o.append("{\"message\": ")
        o.appendJSONString(d.message)
        if let file = d.file, let loc = d.location {
            o.append(", \"file\": ")
            o.appendJSONString(file.path)
            o.append(", \"line\": ")
            o.append(int: loc.line)
            o.append(", \"column\": ")
            o.append(int: loc.column)
        }
        o.append("}")
    }
}
