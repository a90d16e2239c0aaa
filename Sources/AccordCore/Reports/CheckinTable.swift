/// What the reports of a check-in show beside the findings: each agreed metric's latest reading
/// against its pace and threshold, and the deliverables against the brief's counts; for HTML a chart
/// per metric. One set of rows, written by the text, Markdown and HTML reporters alike.
struct CheckinTable {
    struct Row {
        let name: String
        let status: String
        /// `640 (26 May 2026, brand, Shopify)`, or `none yet`.
        let latest: String
        /// By the check-in: `1,400`, or `-` when there is no pace.
        let expected: String
        /// `3,000 by 11 June 2026`.
        let target: String
    }

    let asOf: String
    /// `40% of the campaign gone by`, or nil before the launch.
    let gone: String?
    let rows: [Row]
    /// `video on youtube by nora: 1 of 1`.
    let deliverables: [String]

    init(_ p: CheckinProgress, locale: TextLocale = .english) {
        func n(_ d: Double) -> String { locale.format(.double(d)) }
        func day(_ d: LocalDate) -> String { locale.format(.date(d)) }
        asOf = day(p.results.asOf)
        gone = p.share > 0 ? "\(Int(p.share * 100))% of the campaign gone by" : nil
        rows = p.metrics.map { m in
            let latest = m.latest.map { r in
                n(r.value) + " (" + ([day(r.date)] + [r.by, r.source].compactMap { $0 }).joined(separator: ", ") + ")"
            } ?? "none yet"
            let target = m.threshold.map { t in n(t) + (m.isRate ? " throughout" + (m.end.map { ", to " + day($0) } ?? "") : (m.end.map { " by " + day($0) } ?? "")) } ?? "no threshold"
            let expected = m.status == .notStarted ? "-" : m.expected.map(n) ?? "-"
            return Row(name: m.name, status: m.status.rawValue, latest: latest, expected: expected, target: target)
        }
        deliverables = p.deliverables.map { d in
            let what = [d.kind ?? "deliverable", d.platform.map { "on \($0)" }, d.creator.map { "by \($0)" }].compactMap { $0 }.joined(separator: " ")
            return "\(what): \(d.delivered) of \(d.count)"
        }
    }

    /// `Metrics as of 26 May 2026 (40% of the campaign gone by)`.
    var heading: String { "Metrics as of \(asOf)" + (gone.map { " (\($0))" } ?? "") }

    func text(paint: (String, String) -> String) -> String {
        let nameWidth = min(36, rows.map(\.name.count).max() ?? 0)
        var o = "\n  " + paint(heading, "bold") + "\n"
        for r in rows {
            let name = r.name.count < nameWidth ? r.name + String(repeating: " ", count: nameWidth - r.name.count) : r.name
            o += "    \(name)  \(paint(r.status, r.status)): \(r.latest); expected \(r.expected) by now, \(r.target)\n"
        }
        if !deliverables.isEmpty { o += "    Delivered: " + deliverables.joined(separator: "; ") + "\n" }
        return o
    }

    func markdown(escape: (String) -> String) -> String {
        var o = "## \(escape(heading))\n\n| metric | status | latest reading | expected by now | target |\n|---|---|---|---:|---|\n"
        for r in rows {
            o += "| \(escape(r.name)) | \(r.status) | \(escape(r.latest)) | \(escape(r.expected)) | \(escape(r.target)) |\n"
        }
        if !deliverables.isEmpty { o += "\n**Delivered:** " + escape(deliverables.joined(separator: "; ")) + "\n" }
        return o + "\n"
    }
}

/// A small chart of one metric for the HTML report: its readings (a line per reader and source)
/// against the pace line from zero at the start to the threshold at the end of its window, the
/// threshold, and the check-in's day.
enum PaceChart {
    static func svg(_ m: CheckinProgress.Metric, asOf: LocalDate, id: String, locale: TextLocale = .english) -> String? {
        guard !m.readings.isEmpty || (m.start != nil && m.threshold != nil) else { return nil }
        let dates = m.readings.map(\.date) + [m.start, m.end, asOf].compactMap { $0 }
        let from = dates.min()!, to = max(dates.max()!, from.adding(days: 1))
        let top = max(m.threshold ?? 0, m.readings.map(\.value).max() ?? 0, 1) * 1.1
        let width = 360.0, height = 150.0, left = 8.0, right = 8.0, plotTop = 14.0, plotBottom = 120.0
        func x(_ d: LocalDate) -> Double {
            left + (width - left - right) * Double(d.daysSinceEpoch - from.daysSinceEpoch) / Double(to.daysSinceEpoch - from.daysSinceEpoch)
        }
        func y(_ v: Double) -> Double { plotBottom - (plotBottom - plotTop) * max(0, v) / top }
        func f(_ v: Double) -> String { String(Double(Int((v * 10).rounded())) / 10) }
        func n(_ d: Double) -> String { locale.format(.double(d)) }
        func day(_ d: LocalDate) -> String { locale.format(.date(d)) }
        let e = HTML.escape
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"pace\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\">\n"
        let summary = "\(m.name): " + (m.latest.map { "latest \(n($0.value)) on \(day($0.date))" } ?? "no reading yet")
            + (m.expected.map { ", expected \(n($0)) by \(day(asOf))" } ?? "") + (m.threshold.map { ", target \(n($0))" } ?? "") + ", \(m.status.rawValue)"
        s += "<title id=\"\(id)-title\">\(e(m.name)): readings against the pace</title>\n<desc id=\"\(id)-desc\">\(e(summary))</desc>\n"
        s += "<line class=\"axis\" x1=\"\(f(left))\" y1=\"\(f(plotBottom))\" x2=\"\(f(width - right))\" y2=\"\(f(plotBottom))\"/>\n"
        if let t = m.threshold {
            s += "<line class=\"threshold\" x1=\"\(f(left))\" y1=\"\(f(y(t)))\" x2=\"\(f(width - right))\" y2=\"\(f(y(t)))\"/>\n"
            s += "<text class=\"label\" x=\"\(f(left + 2))\" y=\"\(f(y(t) - 3))\">target \(e(n(t)))</text>\n"
            if let start = m.start {
                let end = m.end ?? to
                let (y0, y1) = m.isRate ? (y(t), y(t)) : (y(0), y(t))
                s += "<line class=\"paceline\" x1=\"\(f(x(start)))\" y1=\"\(f(y0))\" x2=\"\(f(x(end)))\" y2=\"\(f(y1))\"/>\n"
            }
        }
        s += "<line class=\"today\" x1=\"\(f(x(asOf)))\" y1=\"\(f(plotTop - 6))\" x2=\"\(f(x(asOf)))\" y2=\"\(f(plotBottom))\"/>\n"
        // One series per reader and source, the agreed one drawn last (on top).
        var series: [(key: String, readings: [Results.Reading])] = []
        for r in m.readings {
            let key = (r.by ?? "") + " · " + (r.source ?? "")
            if let i = series.firstIndex(where: { $0.key == key }) { series[i].readings.append(r) } else { series.append((key, [r])) }
        }
        let agreed = m.source.map(TextOps.nameKey)
        series.sort { a, b in (a.readings[0].sourceKey == agreed ? 1 : 0) < (b.readings[0].sourceKey == agreed ? 1 : 0) }
        for (k, line) in series.enumerated() {
            let main = agreed != nil && line.readings[0].sourceKey == agreed || series.count == 1
            let cls = main ? "series" : "series other\(k % 2)"
            let points = line.readings.map { "\(f(x($0.date))),\(f(y($0.value)))" }.joined(separator: " ")
            if line.readings.count > 1 { s += "<polyline class=\"\(cls)\" points=\"\(points)\"/>\n" }
            for r in line.readings where line.readings.count <= 40 || r.date == line.readings.last!.date {
                s += "<circle class=\"\(cls)\" cx=\"\(f(x(r.date)))\" cy=\"\(f(y(r.value)))\" r=\"2.5\"/>\n"
            }
        }
        s += "<text class=\"label\" x=\"\(f(left))\" y=\"\(f(height - 14))\">\(e(day(from)))</text>\n"
        s += "<text class=\"label end\" x=\"\(f(width - right))\" y=\"\(f(height - 14))\">\(e(day(to)))</text>\n"
        if series.count > 1 {
            let legend = series.reversed().enumerated().map { $0.offset == 0 ? "solid: " + $0.element.key : "dashed: " + $0.element.key }
            s += "<text class=\"label\" x=\"\(f(left))\" y=\"\(f(height - 2))\">\(e(legend.joined(separator: "; ")))</text>\n"
        }
        return s + "</svg>"
    }

    static let style = """
        .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr)); gap: 1rem; }
        .charts figure { margin: 0; }
        .charts figcaption { font-weight: 600; }
        .charts figure svg.pace { width: 100%; height: auto; min-width: 0; }
        svg.pace .axis { stroke: var(--line); }
        svg.pace .threshold { stroke: var(--muted); stroke-dasharray: 4 3; }
        svg.pace .paceline { stroke: var(--muted); stroke-width: 1.5; }
        svg.pace .today { stroke: var(--accent); stroke-dasharray: 2 2; }
        svg.pace polyline { fill: none; stroke-width: 2; }
        svg.pace .series { stroke: var(--accent); fill: var(--accent); }
        svg.pace polyline.series { fill: none; }
        svg.pace .other0, svg.pace .other1 { stroke: var(--warn-fg); fill: var(--warn-fg); }
        svg.pace polyline.other0, svg.pace polyline.other1 { fill: none; stroke-dasharray: 5 3; }
        svg.pace .label { font-size: 10px; fill: var(--muted); }
        svg.pace .label.end { text-anchor: end; }
        .status { font-weight: 700; white-space: nowrap; }
        .status.behind, .status.no-data { color: var(--bad-fg); } .status.met, .status.on-track { color: #1a7f37; }
        """
}
