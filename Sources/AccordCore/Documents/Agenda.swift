/// `accord agenda`: the alignment meeting, 30-45 minutes, as a timed agenda built from the brief and
/// its findings, in the order a strategist runs it (`../shared/spec/lifecycle.md`): what blocks the
/// campaign (when its verdict is do-not-proceed), who must be there, the four questions with each
/// party's answers and the gaps, the conflicts and their "why?" questions per party, the key
/// metrics, the timeline worked back from the fixed dates, the market context, the decisions to record.
package enum Agenda {
    /// The meeting's length when the brief does not give one.
    package static let defaultMinutes = 45

    package static func page(_ report: BriefReport, rules: RuleSet, language: String?) -> (Page, Phrasebook)? {
        guard let brief = report.brief else { return nil }
        let facts = BriefFacts(brief)
        let phrases = Phrasebook.oneLanguage(rules, asked: language, brief: facts)
        let p = MeetingText(phrases: phrases, facts: facts)
        var page = Page(kind: "agenda", title: [phrases.word("agenda"), Words(": "), Words(facts.campaignName, quoted: false)], language: phrases.main)
        let minutes = min(120, max(10, Int(BriefFacts.number(facts.section("alignment")?["meeting_minutes"]) ?? Double(defaultMinutes))))
        if case .date(let day)? = facts.section("alignment")?["meeting"] {
            page.lead.append([phrases.word("meeting_on", ["date": p.date(day), "minutes": String(minutes)])])
        } else {
            page.lead.append([phrases.word("meeting_unscheduled", ["minutes": String(minutes)])])
        }
        page.lead.append(p.verdictLine(report))
        page.timeline = TimelinePicture.of(report, rules: rules, phrases: phrases)

        // Sections with their weights: the meeting's minutes are shared out by them.
        var sections: [(Section, weight: Int)] = []
        let open = report.findings.filter { !$0.isAgreed }
        if report.verdict == .doNotProceed {
            let blockers = open.filter { $0.severity == .error }
            sections.append((Section(id: "blockers", title: [phrases.word("blockers")], blocks: [
                .paragraph([phrases.word("blockers_intro")]),
                .list(blockers.map { .init([p.title($0), Words(": "), p.message($0)], gap: true, note: $0.rule.id) }, ordered: false),
            ]), 4))
        }
        sections.append((Section(id: "who", title: [phrases.word("who")], blocks: p.whoMustBeThere()), 3))
        sections.append((Section(id: "questions", title: [phrases.word("four_questions")], blocks: p.fourQuestions()), 8))
        var conflicts: [Block] = []
        var party: String?
        var asked: [Block.Item] = []
        func flush() {
            if let party {
                conflicts.append(.subheading([phrases.word("questions_for", ["party": p.partyLabel(party)])]))
                conflicts.append(.list(Array(asked.prefix(Questions.leading)), ordered: true))
                if asked.count > Questions.leading {
                    conflicts.append(.paragraph([phrases.word("more_questions")]))
                    conflicts.append(.list(Array(asked.dropFirst(Questions.leading)), ordered: false))
                }
            }
            asked = []
        }
        for q in report.questions {
            if q.to != party {
                flush()
                party = q.to
            }
            asked.append(.init([Words(q.text, language: q.language == phrases.main ? nil : q.language)], note: q.rules.joined(separator: ", ")))
        }
        flush()
        if conflicts.isEmpty { conflicts = [.paragraph([phrases.word("conflicts_none")])] }
        sections.append((Section(id: "conflicts", title: [phrases.word("conflicts")], blocks: conflicts), 5 + min(10, report.questions.count / 2)))
        sections.append((Section(id: "metrics", title: [phrases.word("metrics")], blocks: p.metricsTable(agreement: false)), 5))
        sections.append((Section(id: "timeline", title: [phrases.word("timeline")], blocks: p.timeline(page.timeline, findings: open)), page.timeline == nil ? 2 : 5))
        sections.append((Section(id: "market", title: [phrases.word("market")], blocks: p.market(findings: open, picture: page.timeline)), 3))
        var decisions: [Block.Item] = [.init([phrases.word("decision_writer")]), .init([phrases.word("decision_approval")])]
        for f in open where f.severity == .error {
            decisions.append(.init([phrases.word("decision_settle", ["title": f.rule.title, "rule": f.rule.id])], gap: true))
        }
        sections.append((Section(id: "decisions", title: [phrases.word("decisions")], blocks: [.list(decisions, ordered: true)]), 4))

        let shares = share(minutes, by: sections.map(\.weight))
        page.sections = zip(sections, shares).map { entry, m in
            var section = entry.0
            section.minutes = m
            return section
        }
        page.facts = [("minutes", .int(Int64(minutes))), ("brief", .string(report.path)), ("verdict", .string(report.verdict.rawValue)),
                      ("score", .int(Int64(report.scores.overall)))]
        return (page, phrases)
    }

    /// `total` minutes shared out in proportion to `weights`, each part at least one minute, the
    /// parts adding up to `total` exactly (largest remainders first).
    package static func share(_ total: Int, by weights: [Int]) -> [Int] {
        guard !weights.isEmpty else { return [] }
        let sum = max(1, weights.reduce(0, +))
        let spare = max(0, total - weights.count)
        var parts = weights.map { 1 + spare * $0 / sum }
        let remainders = weights.enumerated().map { ($0.offset, spare * $0.element % sum) }.sorted { ($0.1, -$0.0) > ($1.1, -$1.0) }
        var left = total - parts.reduce(0, +)
        for (index, _) in remainders where left > 0 {
            parts[index] += 1
            left -= 1
        }
        return parts
    }
}

/// The pieces the meeting's documents share: who decides, the four questions, the metrics, dates.
struct MeetingText {
    let phrases: Phrasebook
    let facts: BriefFacts

    var language: String { phrases.main }

    func date(_ d: LocalDate, in language: String? = nil) -> String {
        phrases.format(.date(d), in: language ?? self.language)
    }

    /// A finding's rule title (rules are titled in English).
    func title(_ f: Finding) -> Words {
        Words(f.rule.title, language: language == "en" ? nil : "en")
    }

    /// A finding's message, marked with its language when it is not the page's.
    func message(_ f: Finding) -> Words {
        Words(f.message, language: f.language == language ? nil : f.language)
    }

    func partyLabel(_ id: String) -> String {
        facts.brief.partyLabel(id: id)
    }

    func verdictLine(_ report: BriefReport) -> [Words] {
        let verdict: String
        switch report.verdict {
        case .ready: verdict = "verdict_ready"
        case .alignFirst: verdict = "verdict_align_first"
        case .doNotProceed: verdict = "verdict_do_not_proceed"
        }
        return [phrases.word("verdict"), Words(": "), phrases.word(verdict), Words(" · "),
                phrases.word("score", ["score": String(report.scores.overall)]), Words(" · "), Words(report.path)]
    }

    /// Decision makers missing from the meeting first, then those who will be there, then attendees.
    func whoMustBeThere() -> [Block] {
        let attendees = BriefFacts.texts(facts.section("alignment")?["attendees"])
        var missing: [Block.Item] = []
        var present: [Block.Item] = []
        for party in facts.parties {
            guard let dm = party.decisionMaker, let name = BriefFacts.text(dm["name"]) else {
                missing.append(.init([phrases.word("who_no_decision_maker", ["party": partyLabel(party.id)])], gap: true))
                continue
            }
            let title = BriefFacts.text(dm["title"]) ?? "—"
            let absent: Bool
            if case .bool(false)? = dm["present"] { absent = true } else { absent = !attendees.isEmpty && !attendees.contains(party.id) && !attendees.contains(party.role) }
            let words = [phrases.word(absent ? "who_missing" : "who_present", ["name": name, "title": title, "party": partyLabel(party.id)])]
            if absent { missing.append(.init(words, gap: true)) } else { present.append(.init(words)) }
        }
        var blocks: [Block] = [.list(missing + present, ordered: false)]
        blocks.append(.paragraph([attendees.isEmpty ? phrases.word("attendees_none")
                                  : phrases.word("attendees", ["list": attendees.map(partyLabel).joined(separator: ", ")])]))
        return blocks
    }

    /// A party's answer: its own words, quoted; a gap when it gives none.
    func answer(_ label: String, _ text: String?) -> Block.Item {
        guard let text else { return .init([Words(label + ": "), phrases.word("gap")], gap: true) }
        return .init([Words(label + ": "), Words(text, quoted: true)])
    }

    func fourQuestions() -> [Block] {
        let campaign = facts.section("campaign")
        let brief = phrases.text("campaign_answer", in: language)
        var blocks: [Block] = []
        // What are we trying to accomplish? The objective, and each party's goals and why.
        var accomplish = [answer(brief, BriefFacts.text(campaign?["business_objective"]))]
        for party in facts.parties {
            let goals = BriefFacts.texts(party.table["goals"])
            let why = BriefFacts.text(party.table["why"])
            if goals.isEmpty {
                accomplish.append(.init([Words(partyLabel(party.id) + ": "), phrases.word("gap")], gap: true))
            } else {
                var words = [Words(partyLabel(party.id) + ": "), Words(goals.joined(separator: ", "))]
                if let why { words += [Words(" — "), Words(why, quoted: true)] }
                accomplish.append(.init(words, gap: why == nil))
            }
        }
        blocks += [.subheading([phrases.word("q_accomplish")]), .list(accomplish, ordered: false)]
        // How will we know it worked? Each party's success, and the metrics.
        var know = facts.parties.map { answer(partyLabel($0.id), BriefFacts.text($0.table["success"])) }
        let metrics = facts.list("metrics").compactMap { BriefFacts.text($0["name"]) }
        know.append(metrics.isEmpty ? .init([phrases.word("metrics_none")], gap: true)
                    : .init([phrases.word("metrics"), Words(": " + metrics.joined(separator: ", "))]))
        blocks += [.subheading([phrases.word("q_know")]), .list(know, ordered: false)]
        blocks += [.subheading([phrases.word("q_three_months")]), .list([answer(brief, BriefFacts.text(campaign?["north_star"]))], ordered: false)]
        blocks += [.subheading([phrases.word("q_cannot_go_wrong")]), .list([answer(brief, BriefFacts.text(campaign?["cannot_go_wrong"]))], ordered: false)]
        return blocks
    }

    /// The key metrics as a table; in the agreement with unit and window too.
    func metricsTable(agreement: Bool, languages: [String]? = nil) -> [Block] {
        let metrics = facts.list("metrics")
        guard !metrics.isEmpty else { return [.paragraph([phrases.word("metrics_none")])] }
        let columns = agreement ? ["col_metric", "col_why", "col_threshold", "col_unit", "col_owner", "col_source", "col_window"]
                                : ["col_metric", "col_why", "col_threshold", "col_owner", "col_source"]
        let header = columns.map { phrases.words($0) }
        let gap = phrases.word("gap_mark")
        let rows: [[[Words]]] = metrics.map { m in
            let threshold = BriefFacts.number(m["threshold"]).map { v -> String in
                let shown = phrases.format(v == v.rounded() && abs(v) < 1e15 ? .int(Int64(v)) : .double(v), in: language)
                return agreement ? shown : shown + (BriefFacts.text(m["unit"]).map { " " + $0 } ?? "")
            }
            var cells: [[Words]] = [
                [Words(BriefFacts.text(m["name"]) ?? "?", quoted: false)],
                BriefFacts.text(m["why"]).map { [Words($0, quoted: true)] } ?? [gap],
                threshold.map { [Words($0)] } ?? [gap],
            ]
            if agreement { cells.append(BriefFacts.text(m["unit"]).map { [Words($0)] } ?? [Words("—")]) }
            cells.append(BriefFacts.text(m["owner"]).map { [Words(partyLabel($0))] } ?? [gap])
            cells.append(BriefFacts.text(m["source"]).map { [Words($0)] } ?? [gap])
            if agreement {
                cells.append(BriefFacts.number(m["window_days"]).map { [Words(phrases.text("days_n", in: language, ["n": String(Int($0))]))] }
                             ?? (facts.date("report").map { [Words("→ " + date($0))] } ?? [Words("—")]))
            }
            return cells
        }
        return [.table(header: header, rows: rows)]
    }

    /// The key dates in order, the picture, and what the timing findings already propose.
    func timeline(_ picture: TimelinePicture?, findings: [Finding]) -> [Block] {
        guard let picture else { return [.paragraph([phrases.word("timeline_none")])] }
        var blocks: [Block] = [.picture]
        blocks.append(.list(picture.events.map { e in
            .init([Words(date(e.date) + " — " + e.label + (e.fixed ? " (" + phrases.text("fixed", in: language) + ")" : ""))],
                  note: TimelinePicture.unique(picture.markers.filter { $0.date == e.date }.map(\.rule)).joined(separator: ", ").nilIfEmpty)
        }, ordered: false))
        blocks.append(.list(windows(picture, in: language), ordered: false))
        let options = findings.filter { $0.category == .timeline }
        if !options.isEmpty {
            blocks.append(.subheading([phrases.word("options_from_findings")]))
            blocks.append(.list(options.map { .init([message($0)], note: $0.rule.id) }, ordered: false))
        }
        return blocks
    }

    /// Each window in words: a creator's preparation needed against available, the review before
    /// paid media, the organic time after launch.
    func windows(_ picture: TimelinePicture, in language: String) -> [Block.Item] {
        picture.windows.map { w in
            let span = w.to.daysSinceEpoch - w.from.daysSinceEpoch
            var arguments = ["party": w.party ?? "", "from": date(w.from, in: language), "to": date(w.to, in: language)]
            switch w.kind {
            case .prep:
                arguments["days"] = String(w.days ?? span)
                arguments["available"] = String(span)
                return .init([Words(phrases.text("prep_window", in: language, arguments), language: language == self.language ? nil : language, translation: language != self.language)],
                             gap: w.needsUntil != nil)
            case .review:
                arguments["days"] = String(span)
                return .init([Words(phrases.text("review_window", in: language, arguments), language: language == self.language ? nil : language, translation: language != self.language)])
            case .breathe:
                arguments["days"] = String(w.days ?? span)
                return .init([Words(phrases.text("breathe_window", in: language, arguments), language: language == self.language ? nil : language, translation: language != self.language)])
            }
        }
    }

    /// The markets' non-working days and peak seasons within the campaign's dates, in `language`.
    func periods(_ picture: TimelinePicture?, in language: String) -> [Block.Item] {
        (picture?.periods ?? []).map { period in
            let dates = date(period.from, in: language) + (period.to == period.from ? "" : " – " + date(period.to, in: language))
            return .init([Words(period.label(dates))], note: period.kind == .peak ? phrases.text("peak_season", in: language) : nil)
        }
    }

    func market(findings: [Finding], picture: TimelinePicture?) -> [Block] {
        let campaign = facts.section("campaign")
        let markets = BriefFacts.texts(campaign?["markets"])
        var items: [Block.Item] = []
        items.append(markets.isEmpty ? .init([phrases.word("markets_list", ["list": phrases.text("gap", in: language)])], gap: true)
                     : .init([phrases.word("markets_list", ["list": markets.joined(separator: ", ")])]))
        let languages = facts.languages
        if !languages.isEmpty { items.append(.init([phrases.word("languages_list", ["list": languages.joined(separator: ", ")])])) }
        let label = BriefFacts.text(facts.section("compliance")?["ad_label"])
        items.append(label.map { .init([phrases.word("disclosure", ["label": $0])]) } ?? .init([phrases.word("disclosure_none")], gap: true))
        var blocks: [Block] = [.list(items + periods(picture, in: language), ordered: false)]
        let context = findings.filter { $0.category == .market || $0.category == .audience }
        if !context.isEmpty { blocks.append(.list(context.map { .init([message($0)], note: $0.rule.id) }, ordered: false)) }
        return blocks
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
