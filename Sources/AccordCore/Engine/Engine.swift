/// What one worker's evaluations keep from one brief to the next: the activation, so that a brief
/// does not allocate, fill and free its slots and its record of the `let`s anew. The run layer gives
/// each worker one; it is not locked, so it belongs to one thread at a time.
package final class EngineScratch {
    fileprivate var activation: Activation?

    package init() {}
}

/// Evaluates a rule set against a validated brief.
package enum Engine {
    package static func evaluate(_ brief: Brief, rules: RuleSet, options: CheckOptions = CheckOptions()) -> (findings: [Finding], failures: [RuleFailure]) {
        evaluate(brief, rules.enabled(by: options), of: rules, options: options, scratch: nil)
    }

    /// `evaluate(_:rules:options:)` for rules the caller has already chosen (`RuleSet.enabled(by:)`),
    /// with the activation `scratch` kept from the brief before, when given.
    /// `checkin`: the values of `CheckinScope.variables`, for check-in rules.
    static func evaluate(_ brief: Brief, _ enabled: [CompiledRule], of rules: RuleSet,
                         options: CheckOptions, scratch: EngineScratch?, checkin: [Value] = []) -> (findings: [Finding], failures: [RuleFailure]) {
        // The brief's variables and the data tables go in the activation's first slots. Kept slots are
        // safe to reuse: `let`s from the brief before are stale (rounds only grow), and every other
        // slot is written before it is read.
        var activation = scratch?.activation.take() ?? Activation(slots: [], costLimit: options.costLimit)
        activation.restart(variables: brief.variables, data: rules.data, slotCount: rules.slotCount, costLimit: options.costLimit)
        // The check-in's names follow `data` (RuleSet.checkinDeclarations).
        for (k, value) in checkin.enumerated() { activation.slots[rules.declarations.names.count + k] = value }
        defer { scratch?.activation = activation }
        var findings: [Finding] = []
        var failures: [RuleFailure] = []
        for rule in enabled {
            do throws(EvalError) {
                try evaluate(rule, brief, rules, &activation, options, into: &findings)
            } catch {
                failures.append(RuleFailure(rule: rule, message: error.message, span: error.span, brief: brief.file.path))
            }
        }
        // Sorted in place: elements are moved, not copied, and compared where they are.
        findings.sort { $0.importanceKey < $1.importanceKey }
        return (findings, failures)
    }

    /// One rule's findings for the brief. (A function of its own, so that the rule is lent to it: its
    /// programs are then read without being retained for each element.)
    private static func evaluate(_ rule: CompiledRule, _ brief: Brief, _ rules: RuleSet, _ activation: inout Activation,
                                 _ options: CheckOptions, into findings: inout [Finding]) throws(EvalError) {
        activation.startRule()
        guard let each = rule.each else {
            if try holds(rule.condition, &activation) {
                findings.append(try finding(rule, element: nil, brief, rules, &activation, options))
            }
            return
        }
        let range = try each.range.evaluate(&activation)
        guard case .list(let list) = range else {
            throw EvalError("'for each' needs a list, but this is \(range.typeDisplayName)", span: each.range.expression.span)
        }
        for i in list.items.indices {
            activation.slots[each.slot] = list.items[i]
            activation.startElement()
            if try holds(rule.condition, &activation) {
                findings.append(try finding(rule, element: i, brief, rules, &activation, options))
            }
        }
    }

    /// The order findings are reported in: errors first, then heavier, then by rule, then by element.
    package static func importance(_ a: Finding, _ b: Finding) -> Bool {
        a.importanceKey < b.importanceKey
    }

    static func holds(_ condition: Program, _ activation: inout Activation) throws(EvalError) -> Bool {
        switch try condition.evaluate(&activation) {
        case .bool(let b): return b
        case let v: throw EvalError("the condition gave \(v.typeDisplayName), not true or false", span: condition.expression.span)
        }
    }

    static func finding(_ rule: CompiledRule, element: Int?, _ brief: Brief, _ rules: RuleSet, _ activation: inout Activation,
                        _ options: CheckOptions) throws(EvalError) -> Finding {
        let (template, language) = rule.message.pick(options.language)
        let message = try template.render(&activation, locale: rules.locale(language))
        let (path, span) = try resolve(rule.about, brief, &activation)
        var questions: [FindingQuestion] = []
        for q in rule.questions {
            for party in try partyTargets(try q.target.evaluate(&activation), brief, q.target) {
                let preferred: String?
                if case .string(let lang)? = party.map?["language"] { preferred = lang } else { preferred = options.language }
                let (t, lang) = q.text.pick(preferred)
                questions.append(FindingQuestion(to: party.id, text: try t.render(&activation, locale: rules.locale(lang)), language: lang))
            }
        }
        let location = span.map { brief.file.location(at: $0.start) } ?? SourceLocation(line: 1, column: 1, offset: 0)
        var finding = Finding(rule: rule, severity: options.severities.isEmpty ? rule.severity : options.severities[rule.id] ?? rule.severity, message: message, path: path,
                       location: location, span: span, questions: questions, element: element)
        finding.language = language
        return finding
    }

    /// The parties an `ask` addresses: party tables, party ids, or lists of them.
    static func partyTargets(_ v: Value, _ brief: Brief, _ target: Program) throws(EvalError) -> [(id: String, map: ValueMap?)] {
        switch v {
        case .map(let m):
            guard let id = brief.partyID(of: m) else {
                throw EvalError("'ask' needs a party (brand, agency or a creator), not another table", span: target.expression.span)
            }
            return [(id, m)]
        case .string(let id):
            guard let party = brief.party(id: id) else {
                throw EvalError("no party has the id '\(id)'", span: target.expression.span)
            }
            return [(id, party)]
        case .list(let l):
            var result: [(String, ValueMap?)] = []
            for item in l.items {
                for t in try partyTargets(item, brief, target) where !result.contains(where: { $0.0 == t.id }) { result.append(t) }
            }
            return result
        default:
            throw EvalError("'ask' needs a party, not \(v.typeDisplayName)", span: target.expression.span)
        }
    }

    /// The path and position of what `about` names. A missing key points at its closest existing parent.
    static func resolve(_ about: AboutPath, _ brief: Brief, _ activation: inout Activation) throws(EvalError) -> (String, SourceSpan?) {
        let rootValue = try about.root.evaluate(&activation)
        var path = about.rootName
        var span: SourceSpan?
        if case .map(let m) = rootValue, let origin = brief.origin(of: m) {
            path = origin.path
            span = origin.span
        } else if let i = brief.root.indexOf(string: about.rootName) {
            span = brief.root.spans?[i].key
        }
        var current: Value? = rootValue
        for segment in about.segments {
            switch segment {
            case .field(let name):
                path = path.isEmpty ? name : path + "." + name
                if case .map(let m)? = current, let i = m.indexOf(string: name) {
                    span = m.spans?[i].key ?? span
                    current = m.values[i]
                    // A table of the brief reached through a computed value: its own path and position.
                    if case .map(let child) = m.values[i], let origin = brief.origin(of: child) {
                        path = origin.path
                        span = origin.span
                    }
                } else {
                    current = nil
                }
            case .index(let program):
                let key = try program.evaluate(&activation)
                if case .string(let name) = key {
                    path = path.isEmpty ? name : path + "." + name
                } else {
                    path += "[\(PrintForm.string(key, pretty: false))]"
                }
                if case .list(let l)? = current, case .int(let k) = key, k >= 0, k < Int64(l.count) {
                    span = l.spans?[Int(k)] ?? span
                    current = l.items[Int(k)]
                } else if case .map(let m)? = current, let i = m.indexOf(key) {
                    span = m.spans?[i].key ?? span
                    current = m.values[i]
                } else {
                    current = nil
                }
                if case .map(let child)? = current, let origin = brief.origin(of: child) {
                    path = origin.path
                    span = origin.span
                }
            }
        }
        return (path, span)
    }
}

