/// What the intake made of an answer.
package enum IntakeReply: Sendable, Equatable {
    /// Taken; `note`: advice to show (a fourth metric).
    case accepted(note: String?)
    /// Not taken, and why, with the fix where one is likely; the same question is asked again.
    case rejected(String)
}

/// An intake interview (`accord init`): the next question, each answer read and checked as it is
/// given, going back, and the brief it makes.
package struct IntakeSession: Sendable {
    package let language: String
    let vocabulary: IntakeVocabulary
    private(set) var answers: IntakeAnswers
    /// Keys answered in the interview, in order: what going back undoes.
    private var history: [String] = []

    package init(vocabulary: IntakeVocabulary, language: String, answers file: ValueMap? = nil) {
        self.vocabulary = vocabulary
        self.language = language
        answers = file.map(IntakeAnswers.init(file:)) ?? IntakeAnswers()
    }

    package var questions: [IntakeQuestion] { IntakePlan.questions(answers, vocabulary: vocabulary) }

    /// The next question without an answer, or nil when the interview is done.
    package var next: IntakeQuestion? { questions.first { answers[$0.key] == nil } }

    /// How many questions are answered, and how many there are now (the count grows with creators).
    package var progress: (answered: Int, total: Int) {
        let all = questions
        return (all.filter { answers[$0.key] != nil }.count, all.count)
    }

    /// The question's text in the session's language, with the creator's or metric's name and number.
    package func prompt(_ q: IntakeQuestion) -> String {
        var text = IntakeTexts.text(IntakeTexts.questions, q.textID, language)
        let parts = q.key.split(separator: ".")
        if parts.count > 1, let index = Int(parts[1]) {
            text = text.replacingOccurrences(of: "{n}", with: String(index + 1))
            let name = q.section == "metrics" ? answers["metrics.\(index).name"]?.stringValue
                : answers["creators.\(index).name"]?.stringValue
            text = text.replacingOccurrences(of: "{name}", with: name ?? "")
        }
        return text
    }

    /// The values a question takes, to show beside it (goals, objectives, kinds), or nil.
    package func choices(_ q: IntakeQuestion) -> [String]? {
        switch q.kind {
        case .choice(let values, _): return values
        case .objective: return vocabulary.objectives
        case .goal, .goals: return vocabulary.goals
        case .party, .parties: return answers.partyIDs(before: creatorCount)
        default: return nil
        }
    }

    /// The default as the answer would be typed: `US, DE`, `yes`, `2027-03-18`.
    package func typed(_ value: Value) -> String {
        switch value {
        case .bool(let b): return language == "ru" ? (b ? "да" : "нет") : (b ? "yes" : "no")
        case .list(let l): return l.items.map(typed).joined(separator: ", ")
        case .double(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .int(let i): return String(i)
        case .string(let s): return s
        case .date(let d): return d.description
        default: return ""
        }
    }

    var creatorCount: Int {
        var n = 0
        while answers.has("creators.\(n).name") { n += 1 }
        return n
    }

    /// Reads `text` as the answer to the next question. Empty text takes the default, or skips an
    /// optional question.
    package mutating func answer(_ text: String) -> IntakeReply {
        guard let q = next else { return .accepted(note: nil) }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var note: String?
        let value: Value
        if trimmed.isEmpty {
            if let d = q.defaultValue {
                value = d
            } else if q.required {
                return .rejected(reply("needed"))
            } else {
                value = .null
            }
        } else {
            switch read(trimmed, as: q) {
            case .success(let v): value = v
            case .failure(let message): return .rejected(message.text)
            }
        }
        if q.key == "more.metrics.2", case .bool(true) = value {
            note = reply("three")
            answers[q.key] = .bool(false)
        } else {
            answers[q.key] = value
        }
        history.append(q.key)
        return .accepted(note: note)
    }

    /// Takes back the last answer given in the interview (and what followed from it); false when
    /// there is none.
    package mutating func back() -> Bool {
        guard let last = history.popLast() else { return false }
        answers[last] = nil
        // Answers to questions that no longer follow (a creator's, after "another creator?" is
        // taken back) go with it.
        let keys = Set(questions.map(\.key))
        for key in history.reversed() where !keys.contains(key) {
            answers[key] = nil
            history.removeAll { $0 == key }
        }
        return true
    }

    /// The required questions with no answer and no default: what a run with no terminal lacks.
    package var missing: [IntakeQuestion] {
        var session = self
        var lacking: [IntakeQuestion] = []
        while let q = session.next {
            if q.required && q.defaultValue == nil {
                lacking.append(q)
                session.answers[q.key] = .string("")  // counted once, and the interview goes on
            } else {
                _ = session.answer("")
            }
        }
        return lacking
    }

    /// Takes every remaining default and skips the rest (no terminal to ask on).
    package mutating func takeDefaults() {
        while let q = next {
            if case .rejected = answer("") { answers[q.key] = .null }
        }
    }

    /// A section's heading in the interview.
    package func sectionTitle(_ section: String) -> String {
        IntakeTexts.text(IntakeTexts.headings, section, language)
    }

    /// How to answer, said once at the start.
    package var instructions: String { IntakeTexts.text(IntakeTexts.replies, "instructions", language) }

    /// The brief as it stands, as TOML that teaches the format; `file`: its name, for the header.
    package func brief(file: String) -> String { BriefWriter.write(self, file: file) }

    // MARK: Reading answers

    private struct Refusal: Error { let text: String }

    private func reply(_ key: String, value: String = "", list: String = "") -> String {
        IntakeTexts.text(IntakeTexts.replies, key, language)
            .replacingOccurrences(of: "{value}", with: value).replacingOccurrences(of: "{list}", with: list)
    }

    private func refuse<T>(_ key: String, _ value: String, list: String = "", suggest: String? = nil) -> Result<T, Refusal> {
        var text = reply(key, value: value, list: list)
        if let suggest { text += " " + reply("didyoumean", value: suggest).capitalizedFirst }
        return .failure(Refusal(text: text))
    }

    private func read(_ text: String, as q: IntakeQuestion) -> Result<Value, Refusal> {
        switch q.kind {
        case .text:
            return .success(.string(text))
        case .whole:
            guard let n = Self.number(text), n >= 0, n == n.rounded(), n < 1e15 else { return refuse("whole", text) }
            return .success(.int(Int64(n)))
        case .number:
            guard let n = Self.number(text), n >= 0 else { return refuse("number", text) }
            return .success(n == n.rounded() && n < 1e15 ? .int(Int64(n)) : .double(n))
        case .date(let after, let before):
            guard let date = LocalDate(iso: text) else { return refuse("date", text) }
            for key in after { if let d = answers[key]?.dateValue, date < d { return refuse("after", date.description, list: d.description) } }
            for key in before { if let d = answers[key]?.dateValue, date > d { return refuse("before", date.description, list: d.description) } }
            return .success(.date(date))
        case .yesNo:
            switch text.lowercased() {
            case "y", "yes", "true", "д", "да": return .success(.bool(true))
            case "n", "no", "false", "н", "нет": return .success(.bool(false))
            default: return refuse("yesno", text)
            }
        case .choice(let values, let open):
            return choice(text, values, open: open, names: [:])
        case .objective:
            return choice(text, vocabulary.objectives, open: true, names: vocabulary.objectiveNames)
        case .goal:
            return goal(text).map(Value.string)
        case .goals:
            return items(text) { goal($0) }
        case .market:
            return market(text).map(Value.string)
        case .markets:
            return items(text) { market($0) }
        case .language:
            let lower = text.lowercased()
            if lower.count == 2, lower.allSatisfy({ $0 >= "a" && $0 <= "z" }) { return .success(.string(lower)) }
            if let code = vocabulary.languageNames[lower] { return .success(.string(code)) }
            return refuse("language", text, suggest: Suggestions.closest(to: lower, among: vocabulary.languageNames.keys))
        case .timezone:
            guard TimeZones.isKnown(text) else {
                return refuse("timezone", text, suggest: Suggestions.closest(to: text, among: TimeZones.names))
            }
            return .success(.string(text))
        case .platform:
            return platform(text).map(Value.string)
        case .platforms:
            return items(text) { platform($0) }
        case .currency:
            let upper = text.uppercased()
            guard upper.count == 3, upper.allSatisfy({ $0 >= "A" && $0 <= "Z" }) else { return refuse("currency", text) }
            return .success(.string(upper))
        case .id:
            let taken = answers.partyIDs(before: creatorCount)
            let valid = !text.isEmpty && text.unicodeScalars.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" || $0 == "_" }
            guard valid, !taken.contains(text), text != "agency" else { return refuse("id", text) }
            return .success(.string(text))
        case .party:
            return party(text).map(Value.string)
        case .parties:
            return items(text) { party($0) }
        }
    }

    /// One of `values`, by itself or by one of its `names`; `open`: or any text that is not a near
    /// miss of one of them.
    private func choice(_ text: String, _ values: [String], open: Bool, names: [String: String]) -> Result<Value, Refusal> {
        let lower = text.lowercased()
        if let exact = values.first(where: { $0.lowercased() == lower }) ?? names[lower] { return .success(.string(exact)) }
        let guess = Suggestions.closest(to: lower, among: values + Array(names.keys))
        if open && guess == nil { return .success(.string(text)) }
        return refuse("oneof", text, list: values.joined(separator: ", "), suggest: guess.map { names[$0] ?? $0 })
    }

    /// A list separated by commas, each item read by `one`.
    private func items(_ text: String, _ one: (String) -> Result<String, Refusal>) -> Result<Value, Refusal> {
        var out: [Value] = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
            switch one(part) {
            case .success(let v): if !out.contains(where: { $0.stringValue == v }) { out.append(.string(v)) }
            case .failure(let f): return .failure(f)
            }
        }
        return out.isEmpty ? refuse("needed", text) : .success(.list(out))
    }

    private func goal(_ text: String) -> Result<String, Refusal> {
        let lower = text.lowercased()
        if vocabulary.goals.contains(lower) { return .success(lower) }
        if let goal = vocabulary.goalNames[lower] { return .success(goal) }
        let guess = Suggestions.closest(to: lower, among: vocabulary.goals + Array(vocabulary.goalNames.keys))
        return refuse("oneof", text, list: vocabulary.goals.joined(separator: ", "), suggest: guess.map { vocabulary.goalNames[$0] ?? $0 })
    }

    private func market(_ text: String) -> Result<String, Refusal> {
        if let code = vocabulary.market(text) { return .success(code) }
        if text.count == 2, text.allSatisfy({ $0.isLetter && $0.isASCII }) { return .success(text.uppercased()) }
        let names = vocabulary.markets.values.flatMap(\.names)
        return refuse("market", text, suggest: Suggestions.closest(to: text.lowercased(), among: names).flatMap { vocabulary.market($0) })
    }

    private func platform(_ text: String) -> Result<String, Refusal> {
        let lower = text.lowercased()
        if vocabulary.platforms.contains(lower) { return .success(lower) }
        if let known = IntakeVocabulary.platformNames[lower] { return .success(known) }
        if let guess = Suggestions.closest(to: lower, among: vocabulary.platforms) {
            return refuse("oneof", text, list: vocabulary.platforms.joined(separator: ", "), suggest: guess)
        }
        return .success(lower)  // a platform the data does not know yet (MK009 asks about it)
    }

    private func party(_ text: String) -> Result<String, Refusal> {
        let ids = answers.partyIDs(before: creatorCount)
        if ids.contains(text) { return .success(text) }
        let byName = (0..<creatorCount).first { answers["creators.\($0).name"]?.stringValue?.lowercased() == text.lowercased() }
        if let c = byName, let id = answers["creators.\(c).id"]?.stringValue { return .success(id) }
        return refuse("party", text, list: ids.joined(separator: ", "), suggest: Suggestions.closest(to: text, among: ids))
    }

    /// A number as people type it: 40000, 40 000, 40,000, 40_000, 40k, 1.5m, 12,5 (a decimal comma).
    static func number(_ text: String) -> Double? {
        var t = text.lowercased().replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "_", with: "")
            .replacingOccurrences(of: "\u{00A0}", with: "")
        var factor = 1.0
        if t.hasSuffix("k") || t.hasSuffix("к") { factor = 1_000; t.removeLast() }
        else if t.hasSuffix("m") || t.hasSuffix("м") { factor = 1_000_000; t.removeLast() }
        // A comma followed by exactly three digits groups thousands; otherwise it is a decimal comma.
        let groups = t.split(separator: ",", omittingEmptySubsequences: false)
        if groups.count > 1 && groups.dropFirst().allSatisfy({ $0.count == 3 && $0.allSatisfy(\.isNumber) }) {
            t = groups.joined()
        } else {
            t = t.replacingOccurrences(of: ",", with: ".")
        }
        guard !t.isEmpty, t.allSatisfy({ $0.isNumber || $0 == "." }), let n = Double(t), n.isFinite else { return nil }
        return n * factor
    }
}

extension String {
    /// The text with its first letter upper case: a suggestion that starts a sentence.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
