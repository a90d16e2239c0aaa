/// The campaign's dates as a picture: the key dates on a date axis, the windows between them (each
/// creator's preparation, needed against available; the review before paid media; the organic
/// "breathe" time after launch), check-ins and the report, and the dates findings concern, marked
/// with their rule ids. Written as SVG (in HTML pages, or alone), as an iCalendar file and as text.
package struct TimelinePicture: Sendable {
    package struct Event: Sendable {
        /// `kickoff`, `launch`, `checkpoint-2`: stable, for calendar UIDs.
        package let key: String
        package let date: LocalDate
        package let label: String
        package let fixed: Bool
    }

    package struct Window: Sendable {
        package enum Kind: String, Sendable { case prep, review, breathe }
        package let kind: Kind
        package let label: String
        package let from: LocalDate
        package let to: LocalDate
        /// For a creator's preparation: the day the content would be ready, when later than `to`.
        package let needsUntil: LocalDate?
        /// For a creator: the party, and the days it needs (preparation) or wants (breathe).
        package var party: String? = nil
        package var days: Int? = nil
    }

    package struct Marker: Sendable {
        package let rule: String
        package let date: LocalDate
        package let severity: Severity
    }

    package var events: [Event] = []
    package var windows: [Window] = []
    package var markers: [Marker] = []
    /// The markets' non-working days and peak-price seasons within the picture's dates.
    package var periods: [MarketPeriod] = []
    package let campaign: String
    package let language: String

    /// The picture alone (`accord timeline`), in the language asked for or the campaign's, with
    /// the phrasebook it is written with; nil when the brief has no date.
    package static func alone(_ report: BriefReport, rules: RuleSet, language: String?) -> (TimelinePicture, Phrasebook)? {
        guard let brief = report.brief else { return nil }
        let phrases = Phrasebook.oneLanguage(rules, asked: language, brief: BriefFacts(brief))
        return of(report, rules: rules, phrases: phrases).map { ($0, phrases) }
    }

    /// The picture of a checked brief, in the phrasebook's main language; nil when it has no date.
    package static func of(_ report: BriefReport, rules: RuleSet, phrases: Phrasebook) -> TimelinePicture? {
        guard let brief = report.brief else { return nil }
        let facts = BriefFacts(brief)
        var picture = TimelinePicture(campaign: facts.campaignName, language: phrases.main)
        let launchFixed: Bool
        if case .bool(true)? = facts.section("timeline")?["launch_fixed"] { launchFixed = true } else { launchFixed = false }
        if case .date(let d)? = facts.section("alignment")?["meeting"] {
            picture.events.append(Event(key: "meeting", date: d, label: phrases.text("date_meeting", in: phrases.main), fixed: false))
        }
        for key in ["kickoff", "brief_approved", "content_due", "media_buy", "launch", "report"] {
            if let d = facts.date(key) {
                picture.events.append(Event(key: key, date: d, label: phrases.text("date_" + key, in: phrases.main),
                                            fixed: key == "launch" && launchFixed || key == "media_buy"))
            }
        }
        if case .list(let checkpoints)? = facts.section("timeline")?["checkpoints"] {
            for (k, value) in checkpoints.items.enumerated() {
                if case .date(let d) = value {
                    picture.events.append(Event(key: "checkpoint-\(k + 1)", date: d, label: phrases.text("date_checkpoint", in: phrases.main), fixed: false))
                }
            }
        }
        picture.events.sort { ($0.date, $0.key) < ($1.date, $1.key) }

        // Windows: what each creator needs against what the dates leave.
        let start = facts.date("brief_approved") ?? facts.date("kickoff")
        let deadline = facts.date("content_due") ?? facts.date("launch")
        for creator in facts.parties where creator.role == "creator" {
            let name = creator.name
            if let start, let deadline, let prep = BriefFacts.number(creator.table["prep_days"]) {
                let ready = start.adding(days: Int(prep))
                picture.windows.append(Window(kind: .prep, label: phrases.text("window_prep", in: phrases.main, ["party": name]),
                                              from: start, to: deadline, needsUntil: ready > deadline ? ready : nil, party: name, days: Int(prep)))
            }
            if let launch = facts.date("launch"), let breathe = BriefFacts.number(creator.table["breathe_days"]), breathe > 0 {
                picture.windows.append(Window(kind: .breathe, label: phrases.text("window_breathe", in: phrases.main, ["party": name]),
                                              from: launch, to: launch.adding(days: Int(breathe)), needsUntil: nil, party: name, days: Int(breathe)))
            }
        }
        if let due = facts.date("content_due"), let buy = facts.date("media_buy"), due <= buy {
            picture.windows.append(Window(kind: .review, label: phrases.text("window_review", in: phrases.main), from: due, to: buy, needsUntil: nil))
        }

        // Findings on a date, or on what decides one.
        for finding in report.findings where !finding.isAgreed {
            if let date = markedDate(finding.path, facts) {
                picture.markers.append(Marker(rule: finding.rule.id, date: date, severity: finding.severity))
            }
        }
        guard !picture.events.isEmpty else { return nil }
        // The markets the campaign reaches, and those its parties work from.
        var markets = BriefFacts.texts(facts.section("campaign")?["markets"])
        for party in facts.parties {
            if let market = BriefFacts.text(party.table["market"]), !markets.contains(market) { markets.append(market) }
        }
        let (from, to) = picture.range
        picture.periods = MarketCalendar.periods(rules, markets: markets, from: from, to: to, language: phrases.main)
        return picture
    }

    /// The date a finding's field stands for: a date of the timeline, or the deadline of a creator's
    /// preparation, or the launch for the organic time after it.
    private static func markedDate(_ path: String, _ facts: BriefFacts) -> LocalDate? {
        if path.hasPrefix("timeline.") {
            let key = String(path.dropFirst("timeline.".count).prefix { $0 != "." && $0 != "[" })
            if key == "media_buy_why" { return facts.date("media_buy") }
            if key == "launch_why" || key == "launch_fixed" { return facts.date("launch") }
            if key == "checkpoints" { return facts.date("launch") }
            return facts.date(key)
        }
        if path.hasSuffix(".prep_days") { return facts.date("content_due") ?? facts.date("launch") }
        if path.hasSuffix(".breathe_days") { return facts.date("launch") }
        return nil
    }

    /// The first and last day shown, a little beyond the dates.
    var range: (from: LocalDate, to: LocalDate) {
        var dates = events.map(\.date) + markers.map(\.date)
        for w in windows { dates += [w.from, w.to] + (w.needsUntil.map { [$0] } ?? []) }
        let first = dates.min() ?? LocalDate(daysSinceEpoch: 0)
        let last = dates.max() ?? first
        let margin = max(2, (last.daysSinceEpoch - first.daysSinceEpoch) / 20)
        return (first.adding(days: -margin), last.adding(days: margin))
    }

    // MARK: Text

    /// One line per date, in order, with the windows after.
    package func text(phrases: Phrasebook) -> String {
        let locale = phrases.locale(language)
        var out = ""
        for e in events {
            out += "\(e.date)  \(e.label)\(e.fixed ? " (\(phrases.text("fixed", in: language)))" : "")"
            let rules = markers.filter { $0.date == e.date }.map(\.rule)
            if !rules.isEmpty { out += "  [\(Self.unique(rules).joined(separator: ", "))]" }
            out += "\n"
        }
        for w in windows {
            out += "\(w.from) – \(w.to)  \(w.label)"
            if let needs = w.needsUntil { out += " (→ \(locale.format(.date(needs))))" }
            out += "\n"
        }
        for period in periods {
            out += "\(period.from) – \(period.to)  \(period.market) \(period.kind == .peak ? "$" : "×") \(period.name)\n"
        }
        return out
    }

    static func unique(_ items: [String]) -> [String] {
        var seen: Set<String> = []
        return items.filter { seen.insert($0).inserted }
    }

    // MARK: SVG

    /// The picture as an SVG element, self-contained (its colours follow the page's light or dark
    /// setting through `currentColor` and a style of its own), with a text alternative.
    /// `id`: what the ids of its title and description start with (unique on a page of several).
    package func svg(phrases: Phrasebook, standalone: Bool, id: String = "tl") -> String {
        let (from, to) = range
        let days = max(1, to.daysSinceEpoch - from.daysSinceEpoch)
        let width = 960.0, left = 16.0, right = 16.0
        let lanes = windows.count
        let axisY = 40.0
        func x(_ d: LocalDate) -> Double {
            left + (width - left - right) * Double(d.daysSinceEpoch - from.daysSinceEpoch) / Double(days)
        }
        // Markers in rows under the axis, each placed in the first row where it does not overlap.
        let pill = 40.0
        var rowEnds: [Double] = []
        var placedMarkers: [(Marker, row: Int)] = []
        for m in markers.sorted(by: { ($0.date, $0.rule) < ($1.date, $1.rule) }) {
            let mx = x(m.date)
            let row = rowEnds.firstIndex { $0 + 2 <= mx - pill / 2 } ?? rowEnds.count
            if row == rowEnds.count { rowEnds.append(mx + pill / 2) } else { rowEnds[row] = mx + pill / 2 }
            placedMarkers.append((m, row))
        }
        let laneTop = axisY + 12 + Double(rowEnds.count) * 17
        let laneHeight = 22.0
        let eventsTop = laneTop + Double(lanes) * laneHeight + 14
        let legendTop = eventsTop + Double(events.count) * 18 + 10
        let height = legendTop + Double(periods.count) * 16 + 8
        func f(_ v: Double) -> String { String(Int((v * 10).rounded())) == "0" ? "0" : Self.decimal(v) }
        let locale = phrases.locale(language)
        let alternative = phrases.text("picture_alt", in: language, ["list": events.map { "\($0.label) \(locale.format(.date($0.date)))" }.joined(separator: "; ")])
        var s = ""
        s += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\""
        s += standalone ? " width=\"\(f(width))\" height=\"\(f(height))\">\n" : ">\n"
        s += "<title id=\"\(id)-title\">\(HTML.escape(phrases.text("timeline_picture", in: language))): \(HTML.escape(campaign))</title>\n"
        s += "<desc id=\"\(id)-desc\">\(HTML.escape(alternative))</desc>\n"
        s += """
            <style>
            .timeline { font: 11px system-ui, sans-serif; color: #1f2328; }
            .timeline text { fill: currentColor; }
            .timeline .axis { stroke: currentColor; stroke-width: 1; opacity: .5; }
            .timeline .tick { stroke: currentColor; opacity: .25; }
            .timeline .prep { fill: #3b82f6; opacity: .35; }
            .timeline .short { fill: #dc2626; opacity: .45; }
            .timeline .review { fill: #a855f7; opacity: .35; }
            .timeline .breathe { fill: #16a34a; opacity: .35; }
            .timeline .event { fill: currentColor; }
            .timeline .fixed { fill: #dc2626; }
            .timeline .marker { fill: #dc2626; }
            .timeline .marker.warning { fill: #d97706; }
            .timeline .marker.info { fill: #2563eb; }
            .timeline .non-working { fill: currentColor; opacity: .12; }
            .timeline .peak { fill: #f59e0b; opacity: .22; }
            @media (prefers-color-scheme: dark) { .timeline { color: #e6edf3; } }
            </style>

            """
        // Month ticks.
        s += "<line class=\"axis\" x1=\"\(f(left))\" y1=\"\(f(axisY))\" x2=\"\(f(width - right))\" y2=\"\(f(axisY))\"/>\n"
        var month = LocalDate(year: from.year, month: from.month, day: 1) ?? from
        if month < from { month = LocalDate(year: month.month == 12 ? month.year + 1 : month.year, month: month.month % 12 + 1, day: 1) ?? to }
        var ticks = 0
        while month <= to && ticks < 60 {
            let tx = x(month)
            s += "<line class=\"tick\" x1=\"\(f(tx))\" y1=\"\(f(axisY - 6))\" x2=\"\(f(tx))\" y2=\"\(f(height - 8))\"/>\n"
            let nearEnd = tx > width - 120
            s += "<text x=\"\(f(nearEnd ? tx - 3 : tx + 3))\" y=\"\(f(axisY - 10))\"\(nearEnd ? " text-anchor=\"end\"" : "")>\(HTML.escape(Self.monthLabel(month, locale)))</text>\n"
            month = LocalDate(year: month.month == 12 ? month.year + 1 : month.year, month: month.month % 12 + 1, day: 1) ?? to.adding(days: 1)
            ticks += 1
        }
        // Each market's non-working days and peak seasons, shaded across the picture and named below it.
        for (k, period) in periods.enumerated() {
            let x1 = max(left, x(period.from)), x2 = min(width - right, x(period.to.adding(days: 1)))
            guard x2 > x1 else { continue }
            s += "<rect class=\"\(period.kind.rawValue)\" x=\"\(f(x1))\" y=\"\(f(axisY))\" width=\"\(f(x2 - x1))\" height=\"\(f(legendTop - axisY - 8))\"/>\n"
            let y = legendTop + Double(k) * 16 + 8
            s += "<rect class=\"\(period.kind.rawValue)\" x=\"\(f(left))\" y=\"\(f(y - 9))\" width=\"12\" height=\"12\"/>"
            let dates = locale.format(.date(period.from)) + (period.to == period.from ? "" : " – " + locale.format(.date(period.to)))
            let legend = HTML.escape(period.label(dates))
            s += "<text x=\"\(f(left + 18))\" y=\"\(f(y + 1))\">\(legend)</text>\n"
        }
        // Windows, one lane each.
        for (k, w) in windows.enumerated() {
            let y = laneTop + Double(k) * laneHeight
            let x1 = x(w.from), x2 = max(x(w.to), x1 + 2)
            s += "<rect class=\"\(w.kind.rawValue)\" x=\"\(f(x1))\" y=\"\(f(y))\" width=\"\(f(x2 - x1))\" height=\"14\" rx=\"3\"/>\n"
            if let needs = w.needsUntil {
                let x3 = x(needs)
                s += "<rect class=\"short\" x=\"\(f(x2))\" y=\"\(f(y))\" width=\"\(f(max(2, x3 - x2)))\" height=\"14\" rx=\"3\"/>\n"
            }
            s += "<text x=\"\(f(x1 + 4))\" y=\"\(f(y + 11))\">\(HTML.escape(w.label))</text>\n"
        }
        // Events, a line each, with their markers.
        for (k, e) in events.enumerated() {
            let ex = x(e.date)
            let y = eventsTop + Double(k) * 18
            s += "<line class=\"tick\" x1=\"\(f(ex))\" y1=\"\(f(axisY))\" x2=\"\(f(ex))\" y2=\"\(f(y - 4))\"/>\n"
            s += "<path class=\"\(e.fixed ? "fixed" : "event")\" d=\"M\(f(ex)) \(f(y - 9))l5 5-5 5-5-5z\"/>\n"
            let label = "\(e.label), \(locale.format(.date(e.date)))"
            let anchorEnd = ex > width * 0.6
            s += "<text x=\"\(f(anchorEnd ? ex - 8 : ex + 8))\" y=\"\(f(y))\"\(anchorEnd ? " text-anchor=\"end\"" : "")>\(HTML.escape(label))</text>\n"
        }
        for (m, row) in placedMarkers {
            let mx = x(m.date)
            let y = axisY + 6 + Double(row) * 17
            s += "<g class=\"marker \(m.severity.rawValue)\"><rect x=\"\(f(mx - pill / 2))\" y=\"\(f(y))\" width=\"\(f(pill))\" height=\"14\" rx=\"7\"/>"
            s += "<text x=\"\(f(mx))\" y=\"\(f(y + 10.5))\" text-anchor=\"middle\" style=\"fill:#fff;font-size:9px;font-weight:600\">\(HTML.escape(m.rule))</text></g>\n"
        }
        s += "</svg>\n"
        return s
    }

    /// A month's first day, as the locale writes dates ("1 March 2026", "1 марта 2026": the
    /// locales know months only as written after a day).
    static func monthLabel(_ d: LocalDate, _ locale: TextLocale) -> String {
        locale.format(.date(d))
    }

    static func decimal(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(abs(tenths % 10))"
    }

    // MARK: iCalendar

    /// The dates as an RFC 5545 calendar: an all-day event for each, with a UID made from the
    /// campaign and the event's key (not its date), so that importing a revision moves the events.
    /// `stamp`: the DTSTAMP, `YYYYMMDDTHHMMSSZ`.
    package func calendar(stamp: String) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Accord//Accord \(AccordVersion.current)//EN", "CALSCALE:GREGORIAN",
                     "X-WR-CALNAME:" + Self.icsText(campaign)]
        let slug = Self.slug(campaign)
        for e in events {
            let day = Self.icsDate(e.date)
            let next = Self.icsDate(e.date.adding(days: 1))
            lines += ["BEGIN:VEVENT", "UID:\(e.key)-\(slug)@accord", "DTSTAMP:\(stamp)", "DTSTART;VALUE=DATE:\(day)",
                      "DTEND;VALUE=DATE:\(next)", "SUMMARY:" + Self.icsText("\(e.label): \(campaign)"), "TRANSP:TRANSPARENT", "END:VEVENT"]
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    static func icsDate(_ d: LocalDate) -> String {
        Digits.pad(d.year, 4) + Digits.pad(d.month, 2) + Digits.pad(d.day, 2)
    }

    /// TEXT as RFC 5545 writes it: backslash, semicolon, comma and line breaks escaped.
    static func icsText(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n": out += "\\n"
            case "\r": break
            default:
                if let a = c.asciiValue, a < 0x20 || a == 0x7F { continue }
                out.append(c)
            }
        }
        return out
    }

    /// A content line folded at 75 octets (a CRLF and a space before each continuation), never
    /// inside a UTF-8 sequence.
    static func fold(_ line: String) -> String {
        let bytes = Array(line.utf8)
        guard bytes.count > 75 else { return line }
        var out: [UInt8] = []
        var count = 0
        var limit = 75
        var i = 0
        while i < bytes.count {
            var width = 1
            let b = bytes[i]
            if b >= 0xF0 { width = 4 } else if b >= 0xE0 { width = 3 } else if b >= 0xC0 { width = 2 }
            if count + width > limit {
                out += [0x0D, 0x0A, 0x20]
                count = 0
                limit = 74  // the space counts
            }
            out += bytes[i..<min(bytes.count, i + width)]
            count += width
            i += width
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The campaign's name in lower-case letters and digits, words joined by `-`, for UIDs.
    static func slug(_ s: String) -> String {
        var out = ""
        for scalar in s.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || (scalar >= "0" && scalar <= "9") {
                out.unicodeScalars.append(scalar)
            } else if !out.isEmpty && !out.hasSuffix("-") {
                out += "-"
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "campaign" : out
    }
}
