import Accord
import Foundation
import Testing

/// `accord lsp`: a scripted client, in-process against `LanguageServer` and over pipes against the
/// built binary.
@Suite struct LanguageServerTests {
    /// A client that frames messages, feeds them to the server, and reads back what it sent.
    final class Client {
        let server: LanguageServer
        var clock = 0.0
        private var inbox: [UInt8] = []
        private var nextID = 1

        init() throws {
            server = LanguageServer(checker: try Checker(Configuration(workingDirectory: CLI.packageRoot)))
        }

        static func frame(_ object: [String: Any]) throws -> [UInt8] {
            let body = try JSONSerialization.data(withJSONObject: object)
            return Array("Content-Length: \(body.count)\r\n\r\n".utf8) + Array(body)
        }

        func feed(_ bytes: [UInt8]) { inbox += server.receive(bytes, now: clock) }

        func notify(_ method: String, _ params: [String: Any]) throws {
            feed(try Self.frame(["jsonrpc": "2.0", "method": method, "params": params]))
        }

        /// Sends a request and returns its response.
        func request(_ method: String, _ params: [String: Any] = [:]) throws -> [String: Any] {
            let id = nextID
            nextID += 1
            feed(try Self.frame(["jsonrpc": "2.0", "id": id, "method": method, "params": params]))
            return try #require(messages().first { ($0["id"] as? Int) == id })
        }

        /// Lets time pass, so that debounced diagnostics are sent.
        func wait(_ seconds: Double) {
            clock += seconds
            inbox += server.due(now: clock)
        }

        /// Every message the server sent since the last call.
        func messages() throws -> [[String: Any]] {
            var out: [[String: Any]] = []
            while let end = LanguageServerTests.find(Array("\r\n\r\n".utf8), in: inbox) {
                let header = String(decoding: inbox[..<end], as: UTF8.self)
                let length = try #require(Int(header.replacingOccurrences(of: "Content-Length: ", with: "")))
                let body = Data(inbox[(end + 4)..<(end + 4 + length)])
                inbox.removeSubrange(..<(end + 4 + length))
                out.append(try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any]))
            }
            return out
        }

        func diagnostics() throws -> [[String: Any]] {
            let published = try messages().filter { ($0["method"] as? String) == "textDocument/publishDiagnostics" }
            let params = try #require(published.last?["params"] as? [String: Any])
            return try #require(params["diagnostics"] as? [[String: Any]])
        }

        func open(_ uri: String, _ text: String) throws {
            try notify("textDocument/didOpen", ["textDocument": ["uri": uri, "languageId": "toml", "version": 1, "text": text]])
        }

        func change(_ uri: String, _ text: String, version: Int) throws {
            try notify("textDocument/didChange", ["textDocument": ["uri": uri, "version": version], "contentChanges": [["text": text]]])
        }
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        return (0...(haystack.count - needle.count)).first { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }

    static let uri = "file:///tmp/spring.brief.toml"

    static func started() throws -> Client {
        let client = try Client()
        let response = try client.request("initialize", ["processId": NSNull(), "rootUri": NSNull(), "capabilities": [:]])
        let result = try #require(response["result"] as? [String: Any])
        #expect((result["capabilities"] as? [String: Any])?["hoverProvider"] as? Bool == true)
        try client.notify("initialized", [:])
        return client
    }

    static func line(_ text: String, startingWith prefix: String) throws -> Int {
        try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix(prefix) })
    }

    @Test func diagnosesOnOpenAndAfterEachChangeDebounced() throws {
        let client = try Self.started()
        let text = try CLI.sample("aurora")
        try client.open(Self.uri, text)
        let opened = try client.diagnostics()
        let codes = opened.compactMap { $0["code"] as? String }
        #expect(codes.contains("TL004") && codes.contains("GL001"))
        let tl004 = try #require(opened.first { ($0["code"] as? String) == "TL004" })
        #expect(tl004["severity"] as? Int == 1)
        #expect((tl004["message"] as? String)?.contains("preparation time") == true)

        // Two changes in a burst: nothing until the debounce has passed, then one set, of the last text.
        try client.change(Self.uri, text.replacingOccurrences(of: "[campaign]", with: "[campain]"), version: 2)
        try client.change(Self.uri, text.replacingOccurrences(of: "threshold = 50000", with: "treshold = 50000"), version: 3)
        #expect(try client.messages().isEmpty)
        client.wait(1)
        let changed = try client.diagnostics()
        let unknown = try #require(changed.first { ($0["message"] as? String)?.contains("did you mean 'threshold'") == true })
        let range = try #require(unknown["range"] as? [String: Any])
        #expect((range["start"] as? [String: Any])?["line"] as? Int == (try Self.line(text, startingWith: "threshold = 50000")))
        #expect(!changed.contains { ($0["message"] as? String)?.contains("campain") == true })
    }

    @Test func hoverExplainsKeysAndFindings() throws {
        let client = try Self.started()
        let text = try CLI.sample("aurora")
        try client.open(Self.uri, text)
        _ = try client.messages()
        let budget = try client.request("textDocument/hover", ["textDocument": ["uri": Self.uri],
                                                                "position": ["line": try Self.line(text, startingWith: "budget"), "character": 2]])
        let value = ((budget["result"] as? [String: Any])?["contents"] as? [String: Any])?["value"] as? String
        #expect(value?.contains("**campaign.budget** — a number") == true)
        let prep = try client.request("textDocument/hover", ["textDocument": ["uri": Self.uri],
                                                              "position": ["line": try Self.line(text, startingWith: "prep_days"), "character": 13]])
        let finding = ((prep["result"] as? [String: Any])?["contents"] as? [String: Any])?["value"] as? String
        #expect(finding?.contains("**TL004**") == true)
        #expect(finding?.contains("*Why it matters.*") == true && finding?.contains("*What to do.*") == true)
    }

    @Test func completesKeysOfTheTableAndValuesOfTheField() throws {
        let client = try Self.started()
        let text = "[campaign]\nname = \"x\"\n\n[brand]\nname = \"B\"\ngoals = [\n"
        try client.open(Self.uri, text)
        _ = try client.messages()
        let keys = try client.request("textDocument/completion", ["textDocument": ["uri": Self.uri], "position": ["line": 2, "character": 0]])
        let labels = (keys["result"] as? [[String: Any]])?.compactMap { $0["label"] as? String } ?? []
        #expect(labels.contains("markets") && labels.contains("budget"))
        #expect(!labels.contains("name"))  // already set in [campaign]
        let goals = try client.request("textDocument/completion", ["textDocument": ["uri": Self.uri], "position": ["line": 5, "character": 9]])
        let values = (goals["result"] as? [[String: Any]]) ?? []
        #expect(values.contains { $0["label"] as? String == "reach" && $0["insertText"] as? String == "\"reach\"" })
    }

    @Test func quickFixesTheDidYouMeanAndOffersASuppression() throws {
        let client = try Self.started()
        let text = try CLI.sample("aurora").replacingOccurrences(of: "threshold = 50000", with: "treshold = 50000")
        try client.open(Self.uri, text)
        _ = try client.messages()
        let line = try Self.line(text, startingWith: "treshold")
        let fixes = try client.request("textDocument/codeAction", ["textDocument": ["uri": Self.uri],
                                                                    "range": ["start": ["line": line, "character": 0], "end": ["line": line, "character": 3]],
                                                                    "context": ["diagnostics": []]])
        let actions = try #require(fixes["result"] as? [[String: Any]])
        let fix = try #require(actions.first { ($0["title"] as? String) == "Replace with 'threshold'" })
        let changes = ((fix["edit"] as? [String: Any])?["changes"] as? [String: Any])?[Self.uri] as? [[String: Any]]
        #expect(changes?.first?["newText"] as? String == "threshold")

        // A brief that validates has findings; each can be suppressed where it is.
        let clean = try CLI.sample("aurora")
        try client.change(Self.uri, clean, version: 2)
        client.wait(1)
        _ = try client.messages()
        let prep = try Self.line(clean, startingWith: "prep_days")
        let suppress = try client.request("textDocument/codeAction", ["textDocument": ["uri": Self.uri],
                                                                       "range": ["start": ["line": prep, "character": 0], "end": ["line": prep, "character": 0]],
                                                                       "context": ["diagnostics": []]])
        let titles = (suppress["result"] as? [[String: Any]])?.compactMap { $0["title"] as? String } ?? []
        #expect(titles.contains("Suppress TL004 here, with a reason"))
    }

    @Test func outlinesPartiesMetricsAndDates() throws {
        let client = try Self.started()
        try client.open(Self.uri, try CLI.sample("aurora"))
        _ = try client.messages()
        let response = try client.request("textDocument/documentSymbol", ["textDocument": ["uri": Self.uri]])
        let symbols = try #require(response["result"] as? [[String: Any]])
        let names = symbols.compactMap { $0["name"] as? String }
        #expect(names.starts(with: ["campaign", "brand", "creators", "metrics", "timeline"]))
        let metrics = symbols.first { $0["name"] as? String == "metrics" }?["children"] as? [[String: Any]]
        #expect(metrics?.compactMap { $0["name"] as? String } == ["Reach", "Posts published"])
        let timeline = symbols.first { $0["name"] as? String == "timeline" }?["children"] as? [[String: Any]]
        #expect(timeline?.contains { $0["name"] as? String == "launch" && $0["kind"] as? Int == 24 } == true)
    }

    @Test func ruleFilesGetTheCompilersDiagnostics() throws {
        let client = try Self.started()
        let rules = "rule XX001 \"A typo in a path\"\n  category goals\n  severity warning\n  when brand.marekt == \"US\"\n  about brand\n  message \"m\"\n"
        try client.open("file:///tmp/pack/mine.rules", rules)
        let diagnostics = try client.diagnostics()
        #expect(diagnostics.contains { ($0["message"] as? String)?.contains("marekt") == true })
    }

    @Test func followsTheLifecycleAndSurvivesGarbage() throws {
        let client = try Client()
        // Before initialize: an error, and the server stays up.
        let early = try client.request("textDocument/hover", [:])
        #expect((early["error"] as? [String: Any])?["code"] as? Int == -32002)
        _ = try client.request("initialize", ["capabilities": [:]])
        client.feed(Array("Content-Length: 9\r\n\r\n{not json".utf8))
        client.feed(Array("Content-Length: nine\r\n\r\n".utf8))
        client.feed(try Client.frame(["jsonrpc": "2.0", "id": 99, "params": [:]]))
        let errors = try client.messages().compactMap { ($0["error"] as? [String: Any])?["code"] as? Int }
        #expect(errors == [-32700, -32700, -32600])
        let unknown = try client.request("workspace/nothing")
        #expect((unknown["error"] as? [String: Any])?["code"] as? Int == -32601)
        // Still answering after all of it.
        #expect(try client.request("textDocument/hover", ["textDocument": ["uri": "file:///nowhere.toml"], "position": ["line": 0, "character": 0]])["result"] is NSNull)
        let shutdown = try client.request("shutdown")
        #expect(shutdown["result"] is NSNull)
        let late = try client.request("textDocument/hover", [:])
        #expect((late["error"] as? [String: Any])?["code"] as? Int == -32600)
        try client.notify("exit", [:])
        #expect(client.server.exitCode == 0)
    }

    /// Random bytes, broken frames and well-framed messages with random fields, 3,000 of them: the
    /// server answers what it can, never stops, and still serves a request after.
    @Test func survivesRandomInput() throws {
        var rng = SplitMix(seed: 0xACC0_2D)
        let client = try Self.started()
        let methods = ["textDocument/didOpen", "textDocument/didChange", "textDocument/hover", "textDocument/completion",
                       "textDocument/codeAction", "textDocument/documentSymbol", "initialize", "$/cancelRequest", "nothing"]
        let fragments: [Any] = [NSNull(), 0, -1, 1e300, "", "file:///x.brief.toml", "file:///x.rules", ["line": -5, "character": 1 << 40],
                                ["uri": "file:///x.toml", "text": "[campaign\n\u{0}"], [1, 2], "[[creators]]\nname = "]
        for _ in 0..<3_000 {
            switch rng.next() % 3 {
            case 0:
                client.feed((0..<(rng.next() % 64)).map { _ in UInt8(truncatingIfNeeded: rng.next()) })
            case 1:
                client.feed(Array("Content-Length: \(rng.next() % 40)\r\n\r\n".utf8) + (0..<(rng.next() % 40)).map { _ in UInt8(truncatingIfNeeded: rng.next() % 128) })
            default:
                var params: [String: Any] = [:]
                for key in ["textDocument", "position", "range", "contentChanges", "text", "uri"] where rng.next() % 2 == 0 {
                    params[key] = fragments[Int(rng.next() % UInt64(fragments.count))]
                }
                if rng.next() % 2 == 0 { params["textDocument"] = ["uri": "file:///x.brief.toml", "text": try CLI.sample("aurora"), "version": 1] }
                var message: [String: Any] = ["jsonrpc": "2.0", "method": methods[Int(rng.next() % UInt64(methods.count))], "params": params]
                if rng.next() % 2 == 0 { message["id"] = Int(rng.next() % 1000) }
                client.feed(try Client.frame(message))
            }
            client.wait(0.02)
        }
        // Whatever came before (a partial frame may still be buffered: end it), a request is answered.
        client.feed(Array(repeating: UInt8(ascii: " "), count: 64) + Array("\r\n\r\n".utf8))
        _ = try? client.messages()
        let symbols = try client.request("textDocument/documentSymbol", ["textDocument": ["uri": "file:///x.brief.toml"]])
        #expect(symbols["result"] != nil || symbols["error"] != nil)
        #expect(client.server.exitCode == nil)
    }

    /// A small, seeded generator: the same inputs on every run.
    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func exitWithoutShutdownIsOne() throws {
        let client = try Self.started()
        try client.notify("exit", [:])
        #expect(client.server.exitCode == 1)
    }

    /// The binary over pipes, as an editor starts it: garbage first, then a session, then exit.
    @Test func theBinaryServesOverStdio() throws {
        var input = Array("Content-Length: 5\r\n\r\n\u{0}\u{1}\u{2}\u{3}\u{4}".utf8)
        input += try Client.frame(["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": ["capabilities": [:]]])
        input += try Client.frame(["jsonrpc": "2.0", "method": "textDocument/didOpen",
                                   "params": ["textDocument": ["uri": Self.uri, "languageId": "toml", "version": 1, "text": try CLI.sample("aurora")]]])
        input += try Client.frame(["jsonrpc": "2.0", "id": 2, "method": "shutdown"])
        input += try Client.frame(["jsonrpc": "2.0", "method": "exit"])
        let run = try CLI.exec(["lsp"], stdin: Data(input))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\"code\":-32700"))
        #expect(run.stdout.contains("textDocument/publishDiagnostics") && run.stdout.contains("\"TL004\""))
        #expect(run.stderr.isEmpty)
    }
}
