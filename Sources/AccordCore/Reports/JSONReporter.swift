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
        for (k, c) in Category.allCases.enumerated() {
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
