/// What kind of answer a question takes, and so how it is read and checked.
package enum IntakeKind: Sendable, Equatable {
    case text
    case whole
    case number
    /// A date, on or after the dates at `after` and on or before those at `before` (keys), when given.
    case date(after: [String], before: [String])
    case yesNo
    /// One of the values; `open`: or any text that is not a near miss of one.
    case choice([String], open: Bool)
    case goal, goals, market, markets, language, timezone, platform, platforms, currency
    /// A business objective: one of the known ones, by key or name in any language, or free text.
    case objective
    /// A creator's id: short, unique, not a role.
    case id
    /// One, or several, of the brief's parties (brand, agency, creators' ids).
    case party, parties
}

/// One question of the intake: the brief key its answer goes to (`creators.0.name`), how it is read,
/// whether the brief needs it, and the default offered.
package struct IntakeQuestion: Sendable {
    package let key: String
    package let kind: IntakeKind
    package let required: Bool
    package let defaultValue: Value?
    /// Answers that steer the interview (another creator?) and are not written to the brief.
    package var isControl: Bool { key.hasPrefix("more.") }

    /// The key with each number replaced by `#`: the question's text id.
    package var textID: String {
        key.split(separator: ".").map { $0.allSatisfy(\.isNumber) ? "#" : String($0) }.joined(separator: ".")
    }
    /// The section the key is in: `campaign`, `creators`, ...
    package var section: String { String(key.split(separator: ".").first ?? "") }
}

/// The questions, in the order a strategist asks them, given what is answered so far: how many
/// creators and metrics there are follows from the answers.
enum IntakePlan {
    static func questions(_ answers: IntakeAnswers, vocabulary: IntakeVocabulary) -> [IntakeQuestion] {
        var list: [IntakeQuestion] = []
        func ask(_ key: String, _ kind: IntakeKind, required: Bool = false, default value: Value? = nil) {
            list.append(IntakeQuestion(key: key, kind: kind, required: required, defaultValue: value))
        }
        func string(_ key: String) -> String? { answers[key]?.stringValue }
        func yes(_ key: String) -> Bool { if case .bool(true)? = answers[key] { return true } else { return false } }

        ask("campaign.name", .text, required: true)
        ask("campaign.business_objective", .objective)
        ask("campaign.north_star", .text)
        ask("campaign.cannot_go_wrong", .text)
        ask("campaign.markets", .markets, required: true)
        let firstMarket = answers["campaign.markets"]?.listValue?.items.first?.stringValue
        ask("campaign.budget", .number)
        if answers.has("campaign.budget") {
            ask("campaign.currency", .currency, default: firstMarket.flatMap(IntakeVocabulary.currency(of:)).map(Value.string))
        }

        // A party's market, language and time zone: defaults from the market it works in.
        func party(_ prefix: String, market fallback: String?) {
            ask("\(prefix).market", .market, default: fallback.map(Value.string))
            let profile = string("\(prefix).market").flatMap { vocabulary.markets[$0] }
            ask("\(prefix).language", .language, default: profile?.language.map(Value.string))
            ask("\(prefix).timezone", .timezone, default: profile?.timezone.map(Value.string))
        }
        ask("brand.name", .text, required: true)
        party("brand", market: firstMarket)
        ask("brand.goals", .goals)
        ask("brand.success", .text)
        ask("brand.why", .text)
        ask("brand.decision_maker.name", .text)
        if answers.has("brand.decision_maker.name") {
            ask("brand.decision_maker.title", .text)
            ask("brand.decision_maker.present", .yesNo, default: .bool(true))
        }

        var creators = 0
        repeat {
            let c = "creators.\(creators)"
            ask("\(c).name", .text, required: true)
            let name = string("\(c).name")
            ask("\(c).id", .id, default: name.map { .string(IntakeAnswers.slug($0, taken: answers.partyIDs(before: creators))) })
            party(c, market: firstMarket)
            ask("\(c).platforms", .platforms)
            ask("\(c).followers", .whole)
            ask("\(c).goals", .goals, default: answers["brand.goals"])
            ask("\(c).success", .text)
            ask("\(c).why", .text)
            ask("\(c).prep_days", .whole, default: .int(14))
            ask("\(c).breathe_days", .whole)
            creators += 1
            if !answers.has("creators.\(creators).name") { ask("more.creators.\(creators - 1)", .yesNo, default: .bool(false)) }
        } while answers.has("creators.\(creators).name") || yes("more.creators.\(creators - 1)")

        // Up to three key metrics; a fourth is met with advice, not a question.
        let firstGoal = answers["brand.goals"]?.listValue?.items.first
        var metric = 0
        while true {
            let m = "metrics.\(metric)"
            ask("\(m).name", .text)
            guard let name = answers[m + ".name"], name.stringValue != nil else { break }
            ask("\(m).kind", .choice(vocabulary.metricKinds, open: false), default: .string("outcome"))
            ask("\(m).serves", .goal, default: firstGoal)
            ask("\(m).why", .text)
            ask("\(m).threshold", .number)
            ask("\(m).unit", .text)
            ask("\(m).owner", .party, default: .string("brand"))
            ask("\(m).source", .text)
            ask("\(m).window_days", .whole)
            metric += 1
            if answers.has("metrics.\(metric).name") { continue }
            ask("more.metrics.\(metric - 1)", .yesNo, default: .bool(metric < 3))
            if !yes("more.metrics.\(metric - 1)") || metric >= 3 { break }
        }

        // One line of deliverables for each creator, unless the answers file lists them already.
        if !answers.fromFile.contains(where: { $0.hasPrefix("deliverables.") }) {
            for c in 0..<creators {
                let d = "deliverables.\(c)"
                ask("\(d).count", .whole)
                if answers.has("\(d).count") {
                    ask("\(d).kind", .choice(vocabulary.deliverableKinds, open: false), default: .string("post"))
                    ask("\(d).platform", .platform, default: answers["creators.\(c).platforms"]?.listValue?.items.first)
                }
            }
        }

        ask("timeline.kickoff", .date(after: [], before: []))
        ask("timeline.brief_approved", .date(after: ["timeline.kickoff"], before: []))
        ask("timeline.content_due", .date(after: ["timeline.brief_approved", "timeline.kickoff"], before: []))
        ask("timeline.launch", .date(after: ["timeline.content_due", "timeline.brief_approved", "timeline.kickoff"], before: []), required: true)
        ask("timeline.launch_fixed", .yesNo, default: .bool(false))
        ask("timeline.media_buy", .date(after: ["timeline.content_due"], before: []))
        ask("timeline.report", .date(after: ["timeline.launch", "timeline.media_buy"], before: []))
        ask("alignment.meeting", .date(after: [], before: ["timeline.kickoff", "timeline.launch"]))
        ask("alignment.meeting_minutes", .whole, default: .int(45))
        ask("alignment.attendees", .parties, default: .list(answers.partyIDs(before: creators).map(Value.string)))
        let label = answers["campaign.markets"]?.listValue?.items.compactMap { $0.stringValue.flatMap { vocabulary.markets[$0]?.label } }.first
        ask("compliance.ad_label", .text, default: label.map(Value.string))
        return list
    }
}
