import AccordCore

/// The language server (`accord lsp`, LSP 3.17 over JSON-RPC with Content-Length framing): briefs
/// and rule files diagnosed as they are typed, with hover, completion, quick fixes and an outline.
/// It does no I/O: `receive` takes the bytes the client sent and returns the bytes to send back, and
/// `due` the debounced diagnostics whose time has come, so the loop around it (stdin and stdout in
/// `accord lsp`, a test's script) decides how to wait. A malformed message gets an error response
/// and the server reads on.
public final class LanguageServer {
    private let checker: Checker
    private var buffer: [UInt8] = []
    private var documents: [String: OpenDocument] = [:]
    /// Documents changed and not yet diagnosed, with when their diagnostics are due.
    private var pending: [String: Double] = [:]
    private var initialized = false
    private var shuttingDown = false
    /// Set by the `exit` notification: 0 after `shutdown`, 1 without it (as the protocol says).
    public private(set) var exitCode: Int32?
    /// Markets, platforms and languages for completing values: read from the rules' data once.
    private var knownValues: IntakeVocabulary?
    /// How long diagnostics wait after a change for the next one, in seconds: a burst of keystrokes
    /// is checked once.
    public let debounce: Double
    /// The largest message taken, in bytes; a larger one is answered with an error and skipped.
    public static let maximumMessage = 64 << 20

    private struct OpenDocument {
        var text: String
        var version: Value
        var report: BriefReport?
        var problems: [Diagnostic] = []
    }

    /// A server that checks with `checker` (its project config and packs) and waits `debounce`
    /// seconds after a change before diagnosing.
    public init(checker: Checker, debounce: Double = 0.01) {
        self.checker = checker
        self.debounce = debounce
    }

    /// When the next diagnostics are due (on the clock `now` is read from), or nil.
    public var nextDue: Double? { pending.values.min() }

    /// Takes bytes from the client at time `now` (seconds, any monotonic clock); returns what to send.
    public func receive(_ bytes: [UInt8], now: Double) -> [UInt8] {
        buffer += bytes
        var out: [UInt8] = []
        while let body = nextMessage(&out) {
            handle(body, now: now, into: &out)
            if exitCode != nil { break }
        }
        return out
    }

    /// The diagnostics due at `now`, as messages to send.
    public func due(now: Double) -> [UInt8] {
        var out: [UInt8] = []
        for (uri, when) in pending where when <= now {
            pending[uri] = nil
            publish(uri, into: &out)
        }
        return out
    }

    // MARK: Framing

    /// The next whole message's body taken from the buffer; nil when none is complete yet. A header
    /// without a usable Content-Length is answered with an error and dropped.
    private func nextMessage(_ out: inout [UInt8]) -> [UInt8]? {
        while true {
            guard let end = Self.find([13, 10, 13, 10], in: buffer) else {
                if buffer.count > 8192 {  // no header ends within any sane length: drop what came
                    buffer.removeAll()
                    send(error: -32700, "no message header ended within 8 KiB; the bytes were dropped", id: .null, into: &out)
                }
                return nil
            }
            let header = String(decoding: buffer[..<end], as: UTF8.self)
            var length: Int?
            for line in header.split(separator: "\r\n") {
                let parts = line.split(separator: ":", maxSplits: 1)
                if parts.count == 2, parts[0].lowercased() == "content-length" { length = Int(parts[1].trimmingCharacters(in: .whitespaces)) }
            }
            guard let length, length >= 0, length <= Self.maximumMessage else {
                buffer.removeSubrange(..<(end + 4))
                send(error: -32700, "a message header needs a Content-Length of at most \(Self.maximumMessage) bytes", id: .null, into: &out)
                continue
            }
            guard buffer.count >= end + 4 + length else { return nil }
            let body = Array(buffer[(end + 4)..<(end + 4 + length)])
            buffer.removeSubrange(..<(end + 4 + length))
            return body
        }
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if Array(haystack[i..<(i + needle.count)]) == needle { return i }
        }
        return nil
    }

    private func write(_ value: Value, into out: inout [UInt8]) {
        let body = Array(JSONForm.string(value, pretty: false).utf8)
        out += Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }

    private func send(result: Value, id: Value, into out: inout [UInt8]) {
        write(Self.object(["jsonrpc": .string("2.0"), "id": id, "result": result]), into: &out)
    }

    private func send(error code: Int, _ message: String, id: Value, into out: inout [UInt8]) {
        write(Self.object(["jsonrpc": .string("2.0"), "id": id,
                           "error": Self.object(["code": .int(Int64(code)), "message": .string(message)])]), into: &out)
    }

    private func notify(_ method: String, _ params: Value, into out: inout [UInt8]) {
        write(Self.object(["jsonrpc": .string("2.0"), "method": .string(method), "params": params]), into: &out)
    }

    static func object(_ pairs: KeyValuePairs<String, Value>) -> Value { .map(ValueMap(pairs.map { ($0.key, $0.value) })) }

    // MARK: Dispatch

    private func handle(_ body: [UInt8], now: Double, into out: inout [UInt8]) {
        let message: ValueMap
        do throws(Diagnostic) {
            guard let map = try JSONReader.parse(text: String(decoding: body, as: UTF8.self)).root.mapValue else {
                return send(error: -32600, "a message is a JSON object", id: .null, into: &out)
            }
            message = map
        } catch {
            return send(error: -32700, "the message is not JSON: \(error.message)", id: .null, into: &out)
        }
        let id = message["id"]
        guard let method = message["method"]?.stringValue else {
            if id != nil, message["result"] != nil || message["error"] != nil { return }  // a response to us: none expected
            return send(error: -32600, "a request needs a method", id: id ?? .null, into: &out)
        }
        let params = message["params"]?.mapValue
        if method == "exit" {
            exitCode = shuttingDown ? 0 : 1
            return
        }
        guard let id else {
            notification(method, params, now: now, into: &out)
            return
        }
        if !initialized && method != "initialize" {
            return send(error: -32002, "the server is not initialized: send initialize first", id: id, into: &out)
        }
        if shuttingDown {
            return send(error: -32600, "the server is shutting down: only exit is taken now", id: id, into: &out)
        }
        switch method {
        case "initialize":
            initialized = true
            send(result: Self.capabilities, id: id, into: &out)
        case "shutdown":
            shuttingDown = true
            send(result: .null, id: id, into: &out)
        case "textDocument/hover":
            send(result: hover(params), id: id, into: &out)
        case "textDocument/completion":
            send(result: completion(params), id: id, into: &out)
        case "textDocument/codeAction":
            send(result: codeActions(params), id: id, into: &out)
        case "textDocument/documentSymbol":
            send(result: symbols(params), id: id, into: &out)
        default:
            send(error: -32601, "accord lsp does not handle \(method)", id: id, into: &out)
        }
    }

    private func notification(_ method: String, _ params: ValueMap?, now: Double, into out: inout [UInt8]) {
        guard initialized, !shuttingDown, let document = params?["textDocument"]?.mapValue, let uri = document["uri"]?.stringValue else { return }
        switch method {
        case "textDocument/didOpen":
            documents[uri] = OpenDocument(text: document["text"]?.stringValue ?? "", version: document["version"] ?? .null)
            publish(uri, into: &out)
        case "textDocument/didChange":
            guard documents[uri] != nil else { return }
            // Full sync: the last change holds the whole text.
            if let text = params?["contentChanges"]?.listValue?.items.last?.mapValue?["text"]?.stringValue {
                documents[uri]?.text = text
                documents[uri]?.version = document["version"] ?? .null
                pending[uri] = now + debounce
            }
        case "textDocument/didClose":
            documents[uri] = nil
            pending[uri] = nil
            notify("textDocument/publishDiagnostics", Self.object(["uri": .string(uri), "diagnostics": .list([])]), into: &out)
        default:
            break
        }
    }

    static let capabilities: Value = object([
        "capabilities": object([
            "positionEncoding": .string("utf-16"),
            "textDocumentSync": object(["openClose": .bool(true), "change": .int(1)]),
            "hoverProvider": .bool(true),
            "completionProvider": object(["triggerCharacters": .list([.string("="), .string("\""), .string("["), .string(" ")])]),
            "codeActionProvider": object(["codeActionKinds": .list([.string("quickfix")])]),
            "documentSymbolProvider": .bool(true),
        ]),
        "serverInfo": object(["name": .string("accord"), "version": .string(AccordVersion.current)]),
    ])

    // MARK: Diagnostics

    private enum Kind { case brief, rules, other }

    private static func kind(_ uri: String) -> Kind {
        let lower = uri.lowercased()
        if lower.hasSuffix(".rules") { return .rules }
        if lower.hasSuffix(".toml") || lower.hasSuffix(".json") { return .brief }
        return .other
    }

    /// The path a URI names, for the brief's per-path settings and its messages.
    private static func path(_ uri: String) -> String {
        guard uri.hasPrefix("file://") else { return uri }
        return String(uri.dropFirst(7)).removingPercentEncoding ?? String(uri.dropFirst(7))
    }

    private func publish(_ uri: String, into out: inout [UInt8]) {
        guard var document = documents[uri] else { return }
        let file = SourceFile(path: Self.path(uri), text: document.text)
        var diagnostics: [Value] = []
        switch Self.kind(uri) {
        case .brief:
            guard let rules = try? checker.ruleSet else { return }
            let report = checker.settled(file, rules: rules)
            document.report = report
            document.problems = report.problems
            diagnostics = report.problems.map { lsp($0, file: file) }
                + report.findings.filter { !$0.isSuppressed }.map { lsp($0, file: file) }
        case .rules:
            guard let rules = try? checker.ruleSet else { return }
            document.problems = rules.diagnose(rulesFile: file)
            diagnostics = document.problems.map { lsp($0, file: file) }
        case .other:
            break
        }
        documents[uri] = document
        notify("textDocument/publishDiagnostics", Self.object(["uri": .string(uri), "version": document.version, "diagnostics": .list(diagnostics)]),
               into: &out)
    }

    private func lsp(_ d: Diagnostic, file: SourceFile) -> Value {
        let span = d.span ?? SourceSpan(0, 0)
        var pairs: [(String, Value)] = [("range", range(span, file)), ("severity", .int(d.severity == .error ? 1 : d.severity == .warning ? 2 : 3)),
                                        ("source", .string("accord")), ("message", .string(d.message + (d.help.map { "\nhelp: " + $0 } ?? "")))]
        if let id = d.id { pairs.append(("code", .string(id))) }
        return .map(ValueMap(pairs))
    }

    private func lsp(_ f: AccordCore.Finding, file: SourceFile) -> Value {
        let span = f.span ?? SourceSpan(f.location.offset, f.location.offset)
        let severity: Int64 = f.severity == .error ? 1 : f.severity == .warning ? 2 : 3
        let asked = f.questions.map { "\n• \($0.to): \($0.text)" }.joined()
        return Self.object(["range": range(span, file), "severity": .int(severity), "code": .string(f.rule.id), "source": .string("accord"),
                            "message": .string(f.rule.title + ": " + f.message + asked)])
    }

    // MARK: Positions (UTF-16, as LSP counts by default)

    private func range(_ span: SourceSpan, _ file: SourceFile) -> Value {
        Self.object(["start": position(span.start, file), "end": position(max(span.start, span.end), file)])
    }

    private func position(_ offset: Int, _ file: SourceFile) -> Value {
        let line = file.lineIndex(at: offset)
        let start = file.lineRange(line + 1).lowerBound
        let prefix = String(decoding: file.bytes[start..<min(max(start, offset), file.bytes.count)], as: UTF8.self)
        return Self.object(["line": .int(Int64(line)), "character": .int(Int64(prefix.utf16.count))])
    }

    /// The byte offset of an LSP position in `file`, clamped to the file.
    private func offset(_ position: ValueMap?, _ file: SourceFile) -> Int {
        let line = Int(position?["line"]?.numberValue ?? 0)
        let character = Int(position?["character"]?.numberValue ?? 0)
        guard line >= 0, line < file.lineCount else { return file.bytes.count }
        let range = file.lineRange(line + 1)
        let text = String(decoding: file.bytes[range], as: UTF8.self)
        var units = 0
        var bytes = 0
        for scalar in text.unicodeScalars {
            if units >= character { break }
            units += scalar.utf16.count
            bytes += scalar.utf8.count
        }
        return range.lowerBound + bytes
    }

    private func context(_ params: ValueMap?) -> (uri: String, document: OpenDocument, file: SourceFile, offset: Int)? {
        guard let uri = params?["textDocument"]?.mapValue?["uri"]?.stringValue, let document = documents[uri] else { return nil }
        let file = SourceFile(path: Self.path(uri), text: document.text)
        return (uri, document, file, offset(params?["position"]?.mapValue, file))
    }

    private func outline(_ file: SourceFile) -> BriefOutline? {
        guard let rules = try? checker.ruleSet else { return nil }
        let root = try? Document.parse(file, format: Document.format(forPath: file.path)).root
        return BriefOutline(file: file, root: root, schema: rules.schema)
    }

    // MARK: Hover, completion, code actions, symbols

    private func hover(_ params: ValueMap?) -> Value {
        guard let c = context(params), Self.kind(c.uri) == .brief, let outline = outline(c.file) else { return .null }
        var parts: [String] = []
        // A finding is shown anywhere on its line: on the key, its value or the comment after it.
        let line = c.file.lineIndex(at: c.offset)
        for finding in c.document.report?.findings ?? [] where !finding.isSuppressed {
            guard c.file.lineIndex(at: finding.span?.start ?? finding.location.offset) == line else { continue }
            var text = "**\(finding.rule.id)** \(finding.rule.title)\n\n\(finding.message)"
            if let because = finding.rule.source.because?.display(in: finding.rule.file) { text += "\n\n*Why it matters.* " + because }
            if let fix = finding.rule.source.fix?.display(in: finding.rule.file) { text += "\n\n*What to do.* " + fix }
            let sources = finding.rule.source.sources.map { $0.display(in: finding.rule.file) }
            if !sources.isEmpty { text += "\n\n*Sources.* " + sources.joined(separator: "; ") }
            parts.append(text)
        }
        if let key = outline.key(at: c.offset), let field = key.field { parts.insert(outline.describe(field, path: key.path), at: 0) }
        guard !parts.isEmpty else { return .null }
        return Self.object(["contents": Self.object(["kind": .string("markdown"), "value": .string(parts.joined(separator: "\n\n---\n\n"))])])
    }

    private func completion(_ params: ValueMap?) -> Value {
        guard let c = context(params), Self.kind(c.uri) == .brief, let outline = outline(c.file), let rules = try? checker.ruleSet else { return .list([]) }
        let line = c.file.lineIndex(at: c.offset)
        let before = String(decoding: c.file.bytes[c.file.lineRange(line + 1).lowerBound..<c.offset], as: UTF8.self)
        let section = outline.section(atLine: line)
        guard let table = outline.table(named: section.name) else { return .list([]) }
        var items: [Value] = []
        if let eq = before.firstIndex(of: "=") {
            // A value: what the field allows.
            let key = before[..<eq].trimmingCharacters(in: .whitespaces)
            guard let field = table.field(key) else { return .list([]) }
            let quoted = !["bool", "int", "number", "date"].contains(field.type.description)
            var values = outline.values(of: field.type) ?? []
            let scalar = field.type.description.filter { $0 != "[" && $0 != "]" }
            let vocabulary = vocabulary(rules)
            switch scalar {
            case "market": values = vocabulary.markets.keys.sorted()
            case "platform": values = vocabulary.platforms
            case "language": values = vocabulary.languages
            default: break
            }
            if ["owner", "creator"].contains(key) || key == "attendees" || key == "approved_by" { values = outline.partyIDs }
            let typedQuote = before.hasSuffix("\"")
            for v in values {
                let text = quoted && !typedQuote ? "\"\(v)\"" : v
                items.append(Self.object(["label": .string(v), "kind": .int(12), "insertText": .string(text)]))
            }
        } else {
            // A key of the table the cursor is in, not yet set there.
            for field in table.keys where !section.keys.contains(field.key) {
                items.append(Self.object(["label": .string(field.key), "kind": .int(10), "detail": .string(field.type.phrase),
                                          "documentation": .string(field.doc), "insertText": .string(field.key + " = ")]))
            }
        }
        return .list(items)
    }

    private func vocabulary(_ rules: RuleSet) -> IntakeVocabulary {
        if let knownValues { return knownValues }
        let made = IntakeVocabulary(rules: rules)
        knownValues = made
        return made
    }

    private func codeActions(_ params: ValueMap?) -> Value {
        guard let uri = params?["textDocument"]?.mapValue?["uri"]?.stringValue, let document = documents[uri] else { return .list([]) }
        let file = SourceFile(path: Self.path(uri), text: document.text)
        let range = params?["range"]?.mapValue
        let from = offset(range?["start"]?.mapValue, file)
        let to = offset(range?["end"]?.mapValue, file)
        func overlaps(_ span: SourceSpan?) -> Bool {
            guard let span else { return false }
            let line = file.lineIndex(at: span.start)
            return file.lineIndex(at: from) <= line && line <= file.lineIndex(at: to)
        }
        var actions: [Value] = []
        for problem in document.problems where overlaps(problem.span) {
            guard let fix = problem.fixIt else { continue }
            actions.append(action("Replace with '\(fix.replacement)'", uri: uri, edit: (fix.span, fix.replacement), file: file, preferred: true))
        }
        for finding in document.report?.findings ?? [] where !finding.isSuppressed && overlaps(finding.span) {
            // A comment line above the finding's line, its reason to fill in (a suppression without
            // one is not applied).
            let line = file.lineIndex(at: finding.span?.start ?? finding.location.offset)
            let start = file.lineRange(line + 1).lowerBound
            let indent = String(file.lineText(line + 1).prefix(while: { $0 == " " || $0 == "\t" }))
            actions.append(action("Suppress \(finding.rule.id) here, with a reason", uri: uri,
                                  edit: (SourceSpan(start, start), "\(indent)# accord-ignore \(finding.rule.id): \n"), file: file, preferred: false))
        }
        return .list(actions)
    }

    private func action(_ title: String, uri: String, edit: (span: SourceSpan, text: String), file: SourceFile, preferred: Bool) -> Value {
        let change = Self.object(["range": range(edit.span, file), "newText": .string(edit.text)])
        return Self.object(["title": .string(title), "kind": .string("quickfix"), "isPreferred": .bool(preferred),
                            "edit": Self.object(["changes": .map(ValueMap([(uri, .list([change]))]))])])
    }

    private func symbols(_ params: ValueMap?) -> Value {
        guard let uri = params?["textDocument"]?.mapValue?["uri"]?.stringValue, let document = documents[uri], Self.kind(uri) == .brief else {
            return .list([])
        }
        let file = SourceFile(path: Self.path(uri), text: document.text)
        guard let outline = outline(file) else { return .list([]) }
        func symbol(_ s: BriefOutline.Symbol) -> Value {
            // SymbolKind: Namespace 3, Object 19 (a party), Field 8 (a metric), Event 24 (a date).
            let kind: Int64 = s.kind == "party" ? 19 : s.kind == "metric" ? 8 : s.kind == "date" ? 24 : 3
            return Self.object(["name": .string(s.name), "detail": .string(s.detail), "kind": .int(kind), "range": range(s.span, file),
                                "selectionRange": range(s.selection, file), "children": .list(s.children.map(symbol))])
        }
        return .list(outline.symbols.map(symbol))
    }
}
