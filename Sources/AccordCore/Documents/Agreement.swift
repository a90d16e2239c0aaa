/// `accord agreement`: "Here's what we agreed on", for every party to verify and sign
/// (`../shared/spec/lifecycle.md`). The fixed wording and the generated sentences are in every
/// language the parties speak (those with phrases); the parties' own words are quoted as written.
/// While an error finding is open the page is a draft, with what must be settled first. A
/// fingerprint of the agreed content tells a later revision whether what was signed has changed.
package enum Agreement {
    /// `translated(language)`: the brief checked with its messages in `language`, for the
    /// findings the page lists in every language it is written in.
    package static func page(_ report: BriefReport, rules: RuleSet, language: String?,
                             translated: ((String) -> BriefReport)? = nil) -> (Page, Phrasebook)? {
        guard let brief = report.brief else { return nil }
        let facts = BriefFacts(brief)
        let wanted = [language].compactMap { $0 } + facts.languages + ["en"]
        let phrases = Phrasebook(rules: rules, languages: wanted)
        let p = MeetingText(phrases: phrases, facts: facts)
        let campaign = facts.section("campaign")
        var page = Page(kind: "agreement", title: phrases.words("agreement") + [Words(": "), Words(facts.campaignName)], language: phrases.main)
        page.lead.append([Words(report.path)])
        page.timeline = TimelinePicture.of(report, rules: rules, phrases: phrases)
        // The findings in the page's language first (a rule without that translation stays in English).
        // The brief as checked in each language of the page; checked again only for a language it was not.
        func checked(in language: String) -> BriefReport {
            language == report.language ? report : translated?(language) ?? report
        }
        let primary = checked(in: phrases.main)
        let open = primary.findings.filter { !$0.isAgreed && $0.severity == .error }
        let draft = !open.isEmpty
        var sections: [Section] = []
        if draft {
            page.banner = phrases.words("draft")
            let others = phrases.languages.dropFirst().map { checked(in: $0).findings }
            sections.append(Section(id: "draft", title: phrases.words("draft_intro"), blocks: [
                .list(open.map { f in
                    var words = [p.title(f), Words(": "), p.message(f)]
                    for findings in others {
                        if let same = findings.first(where: { $0.rule.id == f.rule.id && $0.path == f.path && $0.element == f.element }), same.language != f.language {
                            words.append(Words(same.message, language: same.language == phrases.main ? nil : same.language, translation: true))
                        }
                    }
                    return .init(words, gap: true, note: f.rule.id)
                }, ordered: false),
            ]))
        }

        // What the campaign is for, in the brief's own words.
        var objective: [Block.Item] = []
        for (key, field) in [("objective", "business_objective"), ("north_star", "north_star"), ("cannot_go_wrong", "cannot_go_wrong")] {
            let text = BriefFacts.text(campaign?[field])
            objective.append(.init(phrases.words(key) + [Words(": ")] + (text.map { [Words($0, quoted: true)] } ?? phrases.words("gap")), gap: text == nil))
        }
        sections.append(Section(id: "objective", title: phrases.words("objective"), blocks: [.list(objective, ordered: false)]))

        // Each party's goals, success and why.
        var goals: [Block] = []
        for party in facts.parties {
            goals.append(.subheading([Words(p.partyLabel(party.id))]))
            let listed = BriefFacts.texts(party.table["goals"])
            var items: [Block.Item] = [.init(phrases.words("goals") + [Words(": "), listed.isEmpty ? phrases.word("gap") : Words(listed.joined(separator: ", "))], gap: listed.isEmpty)]
            for (key, field) in [("success", "success"), ("why", "why")] {
                let text = BriefFacts.text(party.table[field])
                items.append(.init(phrases.words(key) + [Words(": ")] + (text.map { [Words($0, quoted: true)] } ?? [phrases.word("gap")]), gap: text == nil))
            }
            goals.append(.list(items, ordered: false))
        }
        sections.append(Section(id: "goals", title: phrases.words("goals"), blocks: goals))
        sections.append(Section(id: "metrics", title: phrases.words("metrics"), blocks: p.metricsTable(agreement: true)))

        // Deliverables.
        let deliverables = facts.list("deliverables")
        sections.append(Section(id: "deliverables", title: phrases.words("deliverables"), blocks: deliverables.isEmpty
            ? [.paragraph(phrases.words("deliverables_none"))]
            : [.table(header: ["col_kind", "col_platform", "col_count", "col_creator"].map { phrases.words($0) }, rows: deliverables.map { d in
                [[Words(BriefFacts.text(d["kind"]) ?? "—")], [Words(BriefFacts.text(d["platform"]) ?? "—")],
                 [Words(BriefFacts.number(d["count"]).map { String(Int($0)) } ?? "—")], [Words(BriefFacts.text(d["creator"]).map(p.partyLabel) ?? "—")]]
            })]))

        // The timeline, with each party's windows in every language.
        var timeline: [Block] = []
        if let picture = page.timeline {
            timeline.append(.picture)
            timeline.append(.list(picture.events.map { e in
                .init(phrases.languages.map { language in
                    Words(p.date(e.date, in: language) + " — " + phrases.text("date_" + (e.key.hasPrefix("checkpoint") ? "checkpoint" : e.key), in: language)
                          + (e.fixed ? " (" + phrases.text("fixed", in: language) + ")" : ""), language: language == phrases.main ? nil : language, translation: language != phrases.main)
                })
            }, ordered: false))
            if !picture.windows.isEmpty {
                timeline.append(.subheading(phrases.words("windows")))
                let perLanguage = phrases.languages.map { p.windows(picture, in: $0) }
                timeline.append(.list(perLanguage[0].indices.map { k in
                    .init(perLanguage.flatMap { $0[k].words }, gap: perLanguage[0][k].gap)
                }, ordered: false))
            }
        } else {
            timeline.append(.paragraph(phrases.words("timeline_none")))
        }
        sections.append(Section(id: "timeline", title: phrases.words("timeline"), blocks: timeline))

        // Market obligations: the ad disclosure.
        let label = BriefFacts.text(facts.section("compliance")?["ad_label"])
        let markets = BriefFacts.texts(campaign?["markets"])
        var obligations: [Block.Item] = []
        if !markets.isEmpty { obligations.append(.init(phrases.words("markets_list") { _ in ["list": markets.joined(separator: ", ")] })) }
        obligations.append(label.map { l in .init(phrases.words("disclosure") { _ in ["label": l] }) } ?? .init(phrases.words("disclosure_none"), gap: true))
        obligations += p.periods(page.timeline, in: phrases.main)
        sections.append(Section(id: "obligations", title: phrases.words("obligations"), blocks: [.list(obligations, ordered: false)]))

        // Check-ins and the report.
        let checkpoints: [LocalDate]
        if case .list(let l)? = facts.section("timeline")?["checkpoints"] {
            checkpoints = l.items.compactMap { if case .date(let d) = $0 { return d } else { return nil } }
        } else {
            checkpoints = []
        }
        var checkins: [Block.Item] = checkpoints.map { d in .init(phrases.languages.map { Words(p.date(d, in: $0), language: $0 == phrases.main ? nil : $0, translation: $0 != phrases.main) }) }
        if checkins.isEmpty { checkins.append(.init(phrases.words("checkins_none"), gap: true)) }
        if let reportDate = facts.date("report") {
            checkins.append(.init(phrases.words("report_on") { ["date": p.date(reportDate, in: $0)] }))
        }
        sections.append(Section(id: "checkins", title: phrases.words("checkins"), blocks: [.list(checkins, ordered: false)]))

        // Sign-off, a block per party: its decision maker's name and title, the date.
        let labels = ["sign_name", "sign_title", "sign_date", "sign_signature"].map { phrases.words($0) }
        sections.append(Section(id: "signoff", title: phrases.words("signoff"), blocks: facts.parties.map { party in
            let dm = party.decisionMaker
            return .signature(party: phrases.words("signed_for") { _ in ["party": p.partyLabel(party.id)] },
                              name: BriefFacts.text(dm?["name"]) ?? "", title: BriefFacts.text(dm?["title"]) ?? "", labels: labels)
        }))
        page.sections = sections
        page.facts = [("fingerprint", .string(fingerprint(brief))), ("draft", .bool(draft)), ("brief", .string(report.path)),
                      ("languages", .list(ValueList(phrases.languages.map { .string($0) })))]
        return (page, phrases)
    }

    /// The fingerprint of what the parties agree to (`AgreementFingerprint`).
    package static func fingerprint(_ brief: Brief) -> String {
        AgreementFingerprint.of(brief.root)
    }
}
