/// The report as one self-contained HTML page (inline CSS and SVG, nothing fetched, no script), to
/// share on screen in the meeting or print on A4, light or dark: for each brief its verdict and
/// scores, its findings by category, the questions for each party, and its timeline picture.
package struct HTMLReporter: Reporter {
    package static let identifier = "html"
    package static let fileExtensions: [String] = ["html", "htm"]
    package static let summary = "one self-contained HTML page, with each brief's timeline picture"

    package init(_ options: ReportOptions) {}

    package func header(_ context: ReportContext, _ o: inout OutputBuffer) {
        o.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        o.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        o.append("<meta name=\"generator\" content=\"accord \(AccordVersion.current)\">\n")
        o.append("<title>\(context.title)</title>\n<style>\n" + PageWriter.style + "\n" + Self.style + "\n")
        if context.checkin { o.append(PaceChart.style + "\n") }
        o.append("</style>\n</head>\n<body>\n<main>\n")
        o.append("<header><h1>\(context.title)</h1></header>\n")
    }

    static let style = """
        .brief { margin-top: 2.5rem; }
        .brief > h2 { font-size: 1.5rem; border: 0; display: block; margin-bottom: .2rem; }
        .verdict { font-weight: 700; }
        .verdict.ready { color: #1a7f37; } .verdict.align-first { color: var(--warn-fg); } .verdict.do-not-proceed { color: var(--bad-fg); }
        .sev { display: inline-block; min-width: 4.2rem; font-size: .75rem; font-weight: 700; text-transform: uppercase; }
        .sev.error { color: var(--bad-fg); } .sev.warning { color: var(--warn-fg); } .sev.info { color: var(--accent); }
        .findings li { margin: .35rem 0; }
        .scores td, .scores th { text-align: center; }
        """

    package func brief(_ r: BriefReport, index: Int, _ context: ReportContext, _ o: inout OutputBuffer) {
        let e = HTML.escape
        o.append("<section class=\"brief\" id=\"brief-\(index + 1)\">\n<h2>\(e(r.campaignName ?? r.path))</h2>\n")
        guard r.isUsable else {
            o.append("<p class=\"lead\"><code>\(e(r.path))</code> could not be checked:</p>\n<ul>\n")
            for d in r.problems {
                let place = d.location.map { "line \($0.line), column \($0.column): " } ?? ""
                o.append("<li>\(e(place + d.message))</li>\n")
            }
            o.append("</ul>\n</section>\n")
            return
        }
        o.append("<p class=\"lead\"><span class=\"verdict \(r.verdict.rawValue)\">\(e(r.verdict.words))</span>")
        o.append(" · score \(r.scores.overall)/100 · <code>\(e(r.path))</code></p>\n")
        if let below = context.minimumScoreMessage(r) { o.append("<p class=\"banner\">Fails the run: \(e(below))</p>\n") }
        o.append("<table class=\"scores\"><thead><tr>")
        for c in r.categories { o.append("<th scope=\"col\">\(c.rawValue)</th>") }
        o.append("</tr></thead><tbody><tr>")
        for c in r.categories { o.append("<td>\(r.scores.categories[c])</td>") }
        o.append("</tr></tbody></table>\n")
        if let progress = r.checkin { checkin(progress, index: index, &o) }

        let counted = r.findings.filter { !$0.isAgreed }
        if counted.isEmpty {
            o.append("<p>No misalignment found.</p>\n")
        }
        for category in r.categories {
            let inCategory = counted.filter { $0.category == category }
            guard !inCategory.isEmpty else { continue }
            o.append("<h3>\(category.heading)</h3>\n<ul class=\"findings\">\n")
            for f in inCategory {
                o.append("<li><span class=\"sev \(f.severity.rawValue)\">\(f.severity.rawValue)</span> <strong>\(e(f.rule.title))</strong> ")
                o.append("<span class=\"note\">(\(e(f.rule.id)), <code>\(e(f.path))</code>, line \(f.location.line))</span><br>")
                o.append(f.language == "en" ? e(f.message) : "<span lang=\"\(e(f.language))\">\(e(f.message))</span>")
                o.append("</li>\n")
            }
            o.append("</ul>\n")
        }
        if !r.questions.isEmpty {
            o.append("<h3>\(r.questionsHeading)</h3>\n")
            var party: String?
            var number = 0
            for q in r.questions {
                if q.to != party {
                    if party != nil { o.append("</ol>\n") }
                    party = q.to
                    number = 0
                    o.append("<h4>For \(e(r.brief?.partyLabel(id: q.to) ?? q.to))\(e(r.unspokenNote(of: q.to)))</h4>\n<ol>\n")
                }
                number += 1
                if number == Questions.leading + 1 { o.append("</ol>\n<p class=\"note\">More questions</p>\n<ol start=\"\(number)\">\n") }
                let text = q.language == "en" ? e(q.text) : "<span lang=\"\(e(q.language))\">\(e(q.text))</span>"
                o.append("<li>\(text) <span class=\"note\">(\(e(q.rules.joined(separator: ", "))))</span></li>\n")
            }
            o.append("</ol>\n")
        }
        if let picture = TimelinePicture.of(r, rules: context.rules, phrases: context.phrases) {
            o.append("<h3>Timeline</h3>\n<figure>\n")
            o.append(picture.svg(phrases: context.phrases, standalone: false, id: "tl\(index + 1)"))
            o.append("</figure>\n")
        }
        o.append("</section>\n")
    }

    /// The check-in's metrics: a table, then a chart for each.
    func checkin(_ progress: CheckinProgress, index: Int, _ o: inout OutputBuffer) {
        let e = HTML.escape
        let table = CheckinTable(progress)
        o.append("<h3>\(e(table.heading))</h3>\n<table class=\"metrics\"><thead><tr><th scope=\"col\">metric</th><th scope=\"col\">status</th>")
        o.append("<th scope=\"col\">latest reading</th><th scope=\"col\">expected by now</th><th scope=\"col\">target</th></tr></thead><tbody>\n")
        for row in table.rows {
            o.append("<tr><th scope=\"row\">\(e(row.name))</th><td class=\"status \(row.status)\">\(row.status)</td><td>\(e(row.latest))</td>")
            o.append("<td>\(e(row.expected))</td><td>\(e(row.target))</td></tr>\n")
        }
        o.append("</tbody></table>\n")
        if !table.deliverables.isEmpty { o.append("<p><strong>Delivered:</strong> \(e(table.deliverables.joined(separator: "; ")))</p>\n") }
        let charts = progress.metrics.enumerated().compactMap { k, m in
            PaceChart.svg(m, asOf: progress.results.asOf, id: "pace\(index + 1)-\(k + 1)").map { (m.name, $0) }
        }
        guard !charts.isEmpty else { return }
        o.append("<div class=\"charts\">\n")
        for (name, svg) in charts { o.append("<figure><figcaption>\(e(name))</figcaption>\n\(svg)\n</figure>\n") }
        o.append("</div>\n")
    }

    package func footer(_ totals: CheckTotals, _ context: ReportContext, _ o: inout OutputBuffer) {
        o.append("<footer><p class=\"lead\">\(HTML.escape(TextReporter(ReportOptions()).summaryLine(totals).trimmingTrailingNewline()))</p></footer>\n")
        o.append("</main>\n</body>\n</html>\n")
    }
}

extension String {
    func trimmingTrailingNewline() -> String {
        hasSuffix("\n") ? String(dropLast()) : self
    }
}
