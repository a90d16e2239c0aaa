import AccordCore

/// One question of the intake, as an interview shows it.
public struct IntakePrompt: Sendable {
    /// The brief key the answer goes to: `campaign.name`, `creators.0.platforms`.
    public let key: String
    /// The question, in the interview's language.
    public let text: String
    /// The brief's section: `campaign`, `brand`, `creators`, ...
    public let section: String
    /// The values the answer is one (or several) of, when it is a choice: goals, kinds, parties.
    public let choices: [String]?
    /// The default, as it would be typed; taken with an empty answer.
    public let defaultAnswer: String?
    /// Whether the brief needs an answer (no default, no skipping).
    public let required: Bool
    /// This question's number, counting those answered.
    public let number: Int
    /// How many questions there are now: the count grows with each creator and metric added.
    public let total: Int
}

/// What the interview made of an answer.
public enum IntakeOutcome: Sendable, Equatable {
    /// Taken; `note`: advice to show (a fourth key metric).
    case accepted(note: String?)
    /// Not taken: why, and the fix where one is likely. The same question is asked again.
    case rejected(String)
}

/// Guided intake (`accord init`): asks for the brief one question at a time, checks each answer as it
/// is given (dates, goals, markets, platforms, with a did-you-mean), goes back on request, and writes
/// a brief whose comments teach the format. Made by `Checker.intake`.
///
/// ```swift
/// var intake = try checker.intake(language: "en")
/// while let question = intake.prompt {
///     print(question.text)
///     _ = intake.answer(readLine() ?? "")
/// }
/// try intake.write(to: "campaign.brief.toml", replacing: false)
/// ```
public struct Intake: Sendable {
    private var session: IntakeSession
    private let checker: Checker

    init(session: IntakeSession, checker: Checker) {
        self.session = session
        self.checker = checker
    }

    /// The next question, or nil when every question is answered or skipped.
    public var prompt: IntakePrompt? { session.next.map { present($0) } }

    private func present(_ q: IntakeQuestion) -> IntakePrompt {
        let progress = session.progress
        return IntakePrompt(key: q.key, text: session.prompt(q), section: q.section, choices: session.choices(q),
                            defaultAnswer: q.defaultValue.map(session.typed).flatMap { $0.isEmpty ? nil : $0 },
                            required: q.required && q.defaultValue == nil, number: progress.answered + 1, total: progress.total)
    }

    /// How a line-based interview shows `prompt`: the section's heading when it is the first of its
    /// section, the values it takes, then the question with its number and default, ending in ": ".
    /// Plain lines a screen reader reads in order; bold and dim only when `colored`.
    public func display(_ prompt: IntakePrompt, colored: Bool) -> String {
        var out = ""
        let title = session.sectionTitle(prompt.section)
        if !title.isEmpty, session.questions.first(where: { $0.section == prompt.section })?.key == prompt.key {
            out += "\n" + TerminalStyle.bold.paint(title, colored: colored) + "\n"
        }
        if let choices = prompt.choices, !choices.isEmpty {
            out += TerminalStyle.dim.paint("  " + choices.joined(separator: ", "), colored: colored) + "\n"
        }
        out += "[\(prompt.number)/\(prompt.total)] " + TerminalStyle.bold.paint(prompt.text, colored: colored)
        if let d = prompt.defaultAnswer { out += " [" + d + "]" }
        return out + ": "
    }

    /// How a line-based interview shows what it made of an answer: nothing when taken without a note.
    public func display(_ outcome: IntakeOutcome, colored: Bool) -> String {
        switch outcome {
        case .accepted(nil): return ""
        case .accepted(let note?): return TerminalStyle.green.paint(note, colored: colored) + "\n"
        case .rejected(let why): return TerminalStyle.red.paint(why, colored: colored) + "\n"
        }
    }

    /// How to answer, said once at the start of an interview.
    public var instructions: String { session.instructions }

    /// Reads `text` as the answer to `prompt`: empty takes the default or skips the question.
    public mutating func answer(_ text: String) -> IntakeOutcome {
        switch session.answer(text) {
        case .accepted(let note): return .accepted(note: note)
        case .rejected(let why): return .rejected(why)
        }
    }

    /// Takes back the last answer given (not one from the answers file); false when there is none.
    public mutating func back() -> Bool { session.back() }

    /// What a run with no one to ask lacks: the required questions with no answer and no default.
    public var missing: [IntakePrompt] { session.missing.map { present($0) } }

    /// Takes the remaining defaults and skips the other questions (no terminal to ask on).
    public mutating func takeDefaults() { session.takeDefaults() }

    /// The brief as it stands, as TOML with comments; `name`: the file it goes to, for its header.
    public func brief(named name: String) -> String { session.brief(file: name) }

    /// Why the brief cannot go to `path` (relative to the working folder): the file exists and
    /// `replacing` is false. Asked before the first question too, so that nobody answers in vain.
    public func refusal(writingTo path: String, replacing: Bool) -> AccordError? {
        guard !replacing, FileSystem.kind(FileSystem.resolve(path, from: checker.folder)) != .missing else { return nil }
        return AccordError("\(path) already exists; accord init does not overwrite it", help: "give --force to replace it, or another file name")
    }

    /// Writes the brief to `path` (relative to the working folder) atomically: a file is there
    /// complete or not at all. Throws when the file exists and `replacing` is false, when the brief
    /// would not validate (a value from the answers file of the wrong type), or when it cannot be
    /// written.
    public func write(to path: String, replacing: Bool) throws(AccordError) {
        if let refusal = refusal(writingTo: path, replacing: replacing) { throw refusal }
        let full = FileSystem.resolve(path, from: checker.folder)
        let text = brief(named: path)
        let result = try checker.check(text: text, path: path)
        guard result.problems.isEmpty else {
            // Only an answers file can hold a value of the wrong type: the interview checks its own.
            throw AccordError(AccordError("the brief made from the answers does not validate, so \(path) was not written; the lines below are of the brief it would have written",
                                          help: "correct the values in the answers file").problems + result.problems)
        }
        switch AtomicFile.create(full) {
        case .failure(let error):
            throw AccordError("cannot write \(path): \(error.reason)")
        case .success(let file):
            let written = Array(text.utf8).withUnsafeBytes { file.write($0) }
            guard written, file.commit() == nil else {
                let reason = file.failure ?? "the write failed"
                file.abandon()
                throw AccordError("cannot write \(path): \(reason)")
            }
        }
    }
}

extension Checker {
    /// An intake interview in `language` (en or ru; else the configuration's, else English), filled
    /// first from `answers`: a brief-shaped TOML or JSON file, partial allowed. Throws when the
    /// language is neither, or the answers file cannot be read or parsed (with its line and column).
    public func intake(language: String? = nil, answers: String? = nil) throws(AccordError) -> Intake {
        let lang = language ?? configuration.language ?? "en"
        guard lang == "en" || lang == "ru" else {
            throw AccordError("accord init asks its questions in English or Russian, not '\(lang)'", help: "give --lang en or --lang ru")
        }
        var file: ValueMap?
        if let answers {
            let source: SourceFile
            do throws(FileReadError) {
                source = try SourceFile.read(path: FileSystem.resolve(answers, from: folder), displayPath: answers)
            } catch {
                throw AccordError("cannot read \(answers): \(error.reason)")
            }
            let document: Document
            do throws(Diagnostic) {
                document = try Document.parse(source)
            } catch {
                throw AccordError([error])
            }
            guard let root = document.root.mapValue else {
                throw AccordError("\(answers) holds \(document.root.typeName), not a table in the brief's shape",
                                  help: "write the answers as a brief would: [campaign], [brand], [[creators]]...")
            }
            file = root
        }
        return Intake(session: IntakeSession(vocabulary: IntakeVocabulary(rules: try ruleSet), language: lang, answers: file), checker: self)
    }
}
