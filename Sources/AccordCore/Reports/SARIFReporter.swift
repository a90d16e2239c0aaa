/// SARIF 2.1.0 (`--format sarif`), for GitHub code scanning and other SARIF viewers: one run, a
/// descriptor for every rule loaded, a result per finding at its repository-relative file, line
/// and column, with a fingerprint that ignores line numbers (so an alert survives edits elsewhere
/// in the brief), and the baseline state when there is one.
///
/// Suppressed findings, and those a baseline knows, are left out unless `showSuppressed`
/// (`--show-suppressed`): GitHub code scanning does not read SARIF's `suppressions` (it is not in
/// the subset GitHub supports) and opens an alert for every result it is given, so the SARIF that
/// docs/ci.md uploads must not carry them (github/codeql-action#1230). With `--show-suppressed`
/// they are there, each with its `suppressions` entry (kind `inSource` or `external`, and the
/// reason), for viewers that honour them.
package struct SARIFReporter: Reporter {
    package static let identifier = "sarif"
    package static let fileExtensions: [String] = ["sarif"]
    package static let summary = "SARIF 2.1.0, for GitHub code scanning and other SARIF viewers"

    /// Whether suppressed and baseline-known findings are results too.
    let showSuppressed: Bool

    package init(_ options: ReportOptions) { showSuppressed = options.showSuppressed }

    /// Descriptors that are not rules of a pack: problems with a brief or with a suppression comment.
    static let invalidBrief = "accord/invalid-brief"
    static let suppressionNotice = "accord/suppression"
    static let ruleFailure = "accord/rule-failure"
    static let belowMinimumScore = "accord/min-score"

    package func header(_ context: ReportContext, _ o: inout OutputBuffer) {
        o.append("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n")
        o.append("      \"tool\": {\n        \"driver\": {\n          \"name\": \"Accord\",\n          \"version\": ")
        o.appendJSONString(AccordVersion.current)
        o.append(",\n          \"semanticVersion\": ")
        o.appendJSONString(AccordVersion.current)
        o.append(",\n          \"rules\": [")
        var first = true
        for rule in context.runRules {
            o.append(first ? "\n" : ",\n")
            first = false
            descriptor(rule, &o)
        }
        for (id, title, level) in [(Self.invalidBrief, "The brief cannot be read or is not a valid brief", "error"),
                                   (Self.suppressionNotice, "A suppression comment gives no reason, names an unknown rule, or covers no finding", "warning"),
                                   (Self.ruleFailure, "A rule failed while it was evaluated against the brief", "error"),
                                   (Self.belowMinimumScore, "A score of the brief is below the minimum (--min-score)", "error")] {
            o.append(",\n            {\"id\": ")
            o.appendJSONString(id)
            o.append(", \"shortDescription\": {\"text\": ")
            o.appendJSONString(title)
            o.append("}, \"fullDescription\": {\"text\": ")
            o.appendJSONString(title + ".")
            o.append("}, \"help\": {\"text\": ")
            o.appendJSONString(title + ": see the message for what to change.")
            o.append(", \"markdown\": ")
            o.appendJSONString(title + ": see the message for what to change.")
            o.append("}, \"defaultConfiguration\": {\"level\": \"\(level)\"}}")
        }
        o.append("\n          ]\n        }\n      },\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [")
    }

    func descriptor(_ rule: CompiledRule, _ o: inout OutputBuffer) {
        o.append("            {\"id\": ")
        o.appendJSONString(rule.id)
        o.append(", \"name\": ")
        o.appendJSONString(rule.id)
        o.append(",\n             \"shortDescription\": {\"text\": ")
        o.appendJSONString(rule.title)
        o.append("},\n             \"fullDescription\": {\"text\": ")
        o.appendJSONString(rule.because.map { "\(rule.title). \($0)" } ?? rule.title)
        var text = rule.title + "."
        var markdown = "**\(rule.title)**"
        if let because = rule.because {
            text += "\n\nWhy it matters: " + because
            markdown += "\n\n**Why it matters.** " + because
        }
        if let fix = rule.fix {
            text += "\n\nWhat to do: " + fix
            markdown += "\n\n**What to do.** " + fix
        }
        if !rule.sources.isEmpty {
            text += "\n\nSources: " + rule.sources.joined(separator: "; ")
            markdown += "\n\n**Sources.** " + rule.sources.joined(separator: "; ")
        }
        o.append("},\n             \"help\": {\"text\": ")
        o.appendJSONString(text)
        o.append(", \"markdown\": ")
        o.appendJSONString(markdown)
        o.append("},\n             \"defaultConfiguration\": {\"level\": ")
        o.appendJSONString(Self.level(rule.severity))
        o.append("},\n             \"properties\": {\"category\": ")
        o.appendJSONString(rule.category.rawValue)
        o.append(", \"weight\": ")
        o.append(int: rule.weight)
        o.append(", \"pack\": ")
        o.appendJSONString(rule.pack)
        o.append(", \"tags\": [")
        o.appendJSONString(rule.category.rawValue)
        o.append(", \"alignment\"]}}")
    }

    static func level(_ s: Severity) -> String {
        switch s {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    package var separator: String { "," }

    package func brief(_ r: BriefReport, index: Int, _ context: ReportContext, _ o: inout OutputBuffer) {
        var wrote = false
        func start() {
            o.append(wrote ? ",\n" : "\n")
            wrote = true
        }
        let uri = Self.uri(r.relativePath)
        guard r.isUsable else {
            for d in r.problems {
                start()
                plain(ruleId: Self.invalidBrief, level: "error", message: d.message, uri: uri, at: d.location, &o)
            }
            return
        }
        for f in r.findings where showSuppressed || (!f.isSuppressed && f.baselineState != .unchanged) {
            start()
            result(f, r, context, uri: uri, &o)
        }
        if let below = context.minimumScoreMessage(r) {
            start()
            plain(ruleId: Self.belowMinimumScore, level: "error", message: below, uri: uri, at: nil, &o)
        }
        for d in r.notices {
            start()
            plain(ruleId: Self.suppressionNotice, level: "warning", message: d.message, uri: uri, at: d.location, &o)
        }
        for failure in r.failures {
            start()
            let d = failure.diagnostic
            plain(ruleId: Self.ruleFailure, level: "error", message: d.message, uri: Self.uri(failure.rule.file.path),
                  at: d.location, &o)
        }
    }

    /// `"physicalLocation": {...}`: a line and column of a file under the source root.
    /// A file under the source root is a relative reference with the base id `%SRCROOT%`; one outside
    /// it (an absolute path) an absolute `file:` URI with no base id (SARIF §3.4.4).
    func physicalLocation(uri: String, line: Int, column: Int, _ o: inout OutputBuffer) {
        o.append("\"physicalLocation\": {\"artifactLocation\": {\"uri\": ")
        if uri.hasPrefix("/") {
            o.appendJSONString("file://" + uri)
            o.append("}, \"region\": {\"startLine\": ")
        } else {
            o.appendJSONString(uri)
            o.append(", \"uriBaseId\": \"%SRCROOT%\"}, \"region\": {\"startLine\": ")
        }
        o.append(int: line)
        o.append(", \"startColumn\": ")
        o.append(int: column)
        o.append("}}")
    }

    /// A result that is not a finding: a problem at a place in a file.
    func plain(ruleId: String, level: String, message: String, uri: String, at location: SourceLocation?, _ o: inout OutputBuffer) {
        o.append("        {\"ruleId\": ")
        o.appendJSONString(ruleId)
        o.append(", \"level\": \"\(level)\", \"message\": {\"text\": ")
        o.appendJSONString(message)
        o.append("},\n         \"locations\": [{")
        physicalLocation(uri: uri, line: location?.line ?? 1, column: location?.column ?? 1, &o)
        o.append("}],\n         \"partialFingerprints\": {\"accordFinding/v1\": ")
        o.appendJSONString(Self.fingerprint([ruleId, uri, message]))
        o.append("}}")
    }

    func result(_ f: Finding, _ r: BriefReport, _ context: ReportContext, uri: String, _ o: inout OutputBuffer) {
        o.append("        {\"ruleId\": ")
        o.appendJSONString(f.rule.id)
        if let index = context.runRules.firstIndex(where: { $0.id == f.rule.id }) {
            o.append(", \"ruleIndex\": ")
            o.append(int: index)
        }
        o.append(", \"level\": ")
        o.appendJSONString(Self.level(f.severity))
        o.append(",\n         \"message\": {\"text\": ")
        o.appendJSONString(f.message)
        o.append("},\n         \"locations\": [{")
        physicalLocation(uri: uri, line: f.location.line, column: f.location.column, &o)
        o.append(", \"logicalLocations\": [{\"fullyQualifiedName\": ")
        o.appendJSONString(f.path)
        o.append(", \"kind\": \"member\"}]}],\n         \"partialFingerprints\": {\"accordFinding/v1\": ")
        o.appendJSONString(Self.fingerprint([f.rule.id, r.relativePath, f.path, String(f.element ?? -1)]))
        o.append("}")
        if let s = f.suppression {
            o.append(",\n         \"suppressions\": [{\"kind\": ")
            o.appendJSONString(s.kind)
            o.append(", \"justification\": ")
            o.appendJSONString(s.reason)
            if let loc = s.location {
                o.append(", \"location\": {")
                physicalLocation(uri: uri, line: loc.line, column: loc.column, &o)
                o.append("}")
            }
            o.append("}]")
        }
        if let state = f.baselineState {
            o.append(",\n         \"baselineState\": ")
            o.appendJSONString(state.rawValue)
        }
        o.append(",\n         \"properties\": {\"category\": ")
        o.appendJSONString(f.category.rawValue)
        o.append(", \"weight\": ")
        o.append(int: f.weight)
        o.append(", \"questions\": ")
        FindingQuestion.appendJSON(f.questions, withLanguage: false, to: &o)
        o.append("}}")
    }

    package func footer(_ totals: CheckTotals, _ context: ReportContext, _ o: inout OutputBuffer) {
        o.append("\n      ]")
        o.append(",\n      \"invocations\": [{\"executionSuccessful\": ")
        o.append(totals.invalid == 0 && totals.failures == 0 ? "true" : "false")
        o.append("}]\n    }\n  ]\n}\n")
    }

    /// A stable fingerprint of the parts: hex of a 64-bit hash (the same on every machine).
    static func fingerprint(_ parts: [String]) -> String {
        let h = KeyIndex.hash(string: parts.joined(separator: "\u{1F}"))
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// A relative path as a URI reference: each byte outside the unreserved set and `/` percent-encoded.
    static func uri(_ path: String) -> String {
        var out = ""
        for b in path.utf8 {
            switch b {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2D, 0x2E, 0x5F, 0x7E, 0x2F:
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                let hex = String(b, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
