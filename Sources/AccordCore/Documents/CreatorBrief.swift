/// `accord creator-brief --creator ID`: the one page a creator asks for before ideating ("a super
/// clear brief that explains not just the what, but the why… tell me the audience upfront"), in the
/// creator's language: what the campaign is for and why, what success looks like and who measures
/// it, the audience and how the creator's own fits, deliverables and dates worked back from the
/// fixed ones, what cannot go wrong, the disclosure for each market, the open questions for them.
package enum CreatorBrief {
    /// The creator ids of the brief, for a did-you-mean.
    package static func creators(_ report: BriefReport) -> [String] {
        report.brief.map { BriefFacts($0).parties.filter { $0.role == "creator" }.map(\.id) } ?? []
    }

    /// The page for creator `id`; nil when the brief has no such creator.
    package static func page(_ report: BriefReport, rules: RuleSet, creator id: String, language: String?) -> (Page, Phrasebook)? {
        guard let brief = report.brief else { return nil }
        let facts = BriefFacts(brief)
        guard let creator = facts.parties.first(where: { $0.role == "creator" && $0.id == id }) else { return nil }
        let phrases = Phrasebook(rules: rules, languages: [language ?? creator.language ?? "en"])
        let p = MeetingText(phrases: phrases, facts: facts)
        let campaign = facts.section("campaign")
        let brand = facts.parties.first { $0.role == "brand" }
        var page = Page(kind: "creator-brief", title: [phrases.word("creator_brief"), Words(": "), Words(facts.campaignName)], language: phrases.main)
        page.lead = [[phrases.word("for_creator", ["name": p.partyLabel(id)])], [Words(report.path)]]
        page.timeline = TimelinePicture.of(report, rules: rules, phrases: phrases)
        var sections: [Section] = []

        // What it is for, and why.
        var objective: [Block.Item] = [p.answer(phrases.text("objective", in: phrases.main), BriefFacts.text(campaign?["business_objective"]))]
        if let brand {
            objective.append(p.answer(phrases.text("cb_why", in: phrases.main, ["brand": brand.name]), BriefFacts.text(brand.table["why"])))
        }
        objective.append(p.answer(phrases.text("north_star", in: phrases.main), BriefFacts.text(campaign?["north_star"])))
        sections.append(Section(id: "objective", title: [phrases.word("cb_objective")], blocks: [.list(objective, ordered: false)]))

        // Success, and who measures it: the key metrics, this creator's marked.
        var success = p.metricsTable(agreement: false)
        let mine = facts.list("metrics").compactMap { m -> String? in BriefFacts.text(m["owner"]) == id ? BriefFacts.text(m["name"]) : nil }
        if !mine.isEmpty { success.append(.paragraph([phrases.word("cb_yours"), Words(": " + mine.joined(separator: ", "))])) }
        sections.append(Section(id: "success", title: [phrases.word("cb_success")], blocks: success))

        // The audience, and how this creator's fits.
        let markets = BriefFacts.texts(creator.table["markets"]).isEmpty ? BriefFacts.texts(campaign?["markets"]) : BriefFacts.texts(creator.table["markets"])
        var audience: [Block.Item] = []
        audience.append(markets.isEmpty ? .init([phrases.word("cb_markets", ["list": phrases.text("gap", in: phrases.main)])], gap: true)
                        : .init([phrases.word("cb_markets", ["list": markets.joined(separator: ", ")])]))
        if let ages = BriefFacts.text(campaign?["audience_ages"]) { audience.append(.init([phrases.word("cb_ages", ["ages": ages])])) }
        let shares: ValueMap?
        if case .map(let m)? = creator.table["audience_markets"] { shares = m } else { shares = nil }
        for market in markets {
            if let share = BriefFacts.number(shares?[market]) {
                audience.append(.init([phrases.word("cb_fit_market", ["share": String(Int((share * 100).rounded())), "market": market])], gap: share < 0.25))
            } else {
                audience.append(.init([phrases.word("cb_fit_unknown", ["market": market])], gap: true))
            }
        }
        if let ages = BriefFacts.text(creator.table["audience_ages"]) { audience.append(.init([phrases.word("cb_your_ages", ["ages": ages])])) }
        sections.append(Section(id: "audience", title: [phrases.word("cb_audience")], blocks: [.list(audience, ordered: false)]))

        // Deliverables and dates.
        var work: [Block] = []
        let deliverables = facts.list("deliverables").filter { BriefFacts.text($0["creator"]) == nil || BriefFacts.text($0["creator"]) == id }
        if deliverables.isEmpty {
            work.append(.paragraph([phrases.word("deliverables_none")]))
        } else {
            work.append(.table(header: ["col_kind", "col_platform", "col_count"].map { [phrases.word($0)] }, rows: deliverables.map { d in
                [[Words(BriefFacts.text(d["kind"]) ?? "—")], [Words(BriefFacts.text(d["platform"]) ?? "—")],
                 [Words(BriefFacts.number(d["count"]).map { String(Int($0)) } ?? "—")]]
            }))
        }
        if let picture = page.timeline {
            let own = TimelinePicture(events: picture.events, windows: picture.windows.filter { $0.party == nil || $0.party == creator.name },
                                      markers: picture.markers, campaign: picture.campaign, language: picture.language)
            page.timeline = own
            work.append(.subheading([phrases.word("cb_dates")]))
            work += p.timeline(own, findings: [])
        }
        sections.append(Section(id: "deliverables", title: [phrases.word("cb_deliverables")], blocks: work))
        sections.append(Section(id: "cannot_go_wrong", title: [phrases.word("cannot_go_wrong")],
                                blocks: [.list([p.answer(phrases.text("campaign_answer", in: phrases.main), BriefFacts.text(campaign?["cannot_go_wrong"]))], ordered: false)]))

        // How to label the partnership in each market.
        var disclosure: [Block.Item] = []
        if case .map(let data) = rules.data, case .map(let byMarket)? = data["markets"] {
            for market in markets {
                guard case .map(let m)? = byMarket[market], case .map(let d)? = m["disclosure"], let label = BriefFacts.text(d["label"]) else { continue }
                let summary = BriefFacts.text(d["summary"]) ?? ""
                disclosure.append(.init([Words(phrases.text("cb_disclosure_market", in: phrases.main, ["market": market, "label": label, "summary": summary]),
                                               language: phrases.main == "en" ? nil : "en")], note: BriefFacts.text(d["source"])))
            }
        }
        let label = BriefFacts.text(facts.section("compliance")?["ad_label"])
        disclosure.append(label.map { .init([phrases.word("cb_disclosure_brief", ["label": $0])]) } ?? .init([phrases.word("disclosure_none")], gap: true))
        sections.append(Section(id: "disclosure", title: [phrases.word("cb_disclosure")], blocks: [.list(disclosure, ordered: false)]))

        // The questions for this creator.
        let questions = report.questions.filter { $0.to == id }
        sections.append(Section(id: "questions", title: [phrases.word("cb_questions")], blocks: questions.isEmpty
            ? [.paragraph([phrases.word("cb_questions_none")])]
            : [.list(questions.map { .init([Words($0.text, language: $0.language == phrases.main ? nil : $0.language)], note: $0.rules.joined(separator: ", ")) }, ordered: true)]))
        page.sections = sections
        page.facts = [("creator", .string(id)), ("brief", .string(report.path)), ("open_questions", .int(Int64(questions.count)))]
        return (page, phrases)
    }
}
