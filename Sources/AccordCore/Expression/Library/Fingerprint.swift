/// The fingerprint of what a brief's parties agree to, `sha256:` and a digest: the same however the
/// brief is written (TOML or JSON, key order, comments, number formats), different when anything
/// agreed changes. `accord agreement` prints it; `alignment.approved_fingerprint` records the one
/// every party approved; `agreementFingerprint(brief)` gives it to rules.
package enum AgreementFingerprint {
    /// What the parties agree to: the campaign, the parties, metrics, deliverables, dates and the
    /// disclosure. Not the meeting or who has approved (approving does not change what is agreed),
    /// nor the authors' own `x_` keys.
    package static let agreedSections = ["campaign", "brand", "agency", "creators", "metrics", "deliverables", "timeline", "compliance"]

    /// `sha256:` and the digest of the agreed content written canonically: keys sorted, numbers
    /// and dates as values (not as written), the tables of a list (metrics, creators, deliverables)
    /// in a canonical order, so formatting, key order, the order of sections, comments and TOML or
    /// JSON make no difference, and any change to what is agreed does.
    package static func of(_ root: ValueMap) -> String {
        var o = OutputBuffer(capacity: 4096)
        o.append("accord-agreement-2\n")
        for name in agreedSections {
            guard let value = root[name] else { continue }
            o.appendJSONString(name)
            o.append("=")
            if case .list(let tables) = value, tables.items.allSatisfy({ if case .map = $0 { return true } else { return false } }) {
                // The metrics, creators and deliverables in any order: moving one is not a change.
                let written = tables.items.map { item -> [UInt8] in
                    var one = OutputBuffer(capacity: 256)
                    canonical(item, into: &one)
                    return one.bytes
                }
                o.append("[")
                for (k, bytes) in written.sorted(by: { $0.lexicographicallyPrecedes($1) }).enumerated() {
                    if k > 0 { o.append(",") }
                    bytes.withUnsafeBufferPointer { o.append($0) }
                }
                o.append("]")
            } else {
                canonical(value, into: &o)
            }
            o.append("\n")
        }
        return "sha256:" + SHA256.hex(o.bytes)
    }

    /// A value written one way only. (A brief's tables are a few levels deep, as its schema allows.)
    static func canonical(_ value: Value, into o: inout OutputBuffer) {
        switch value {
        case .map(let m):
            var entries: [(String, Value)] = []
            for k in 0..<m.count {
                guard case .string(let key) = m.keys[k], !key.hasPrefix("x_"), !key.hasPrefix("x-"), key != "role" else { continue }
                entries.append((key, m.values[k]))
            }
            o.append("{")
            for (k, entry) in entries.sorted(by: { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }).enumerated() {
                if k > 0 { o.append(",") }
                o.appendJSONString(entry.0)
                o.append(":")
                canonical(entry.1, into: &o)
            }
            o.append("}")
        case .list(let l):
            o.append("[")
            for (k, item) in l.items.enumerated() {
                if k > 0 { o.append(",") }
                canonical(item, into: &o)
            }
            o.append("]")
        case .string(let s): o.appendJSONString(s)
        case .int(let n): o.append("n:\(Double(n))")
        case .double(let d): o.append("n:\(d)")
        case .bool(let b): o.append(b ? "true" : "false")
        default: o.append(PrintForm.string(value, pretty: false))
        }
    }
}

extension Library {
    static let fingerprints: [FunctionDefinition] = [
        FunctionDefinition(
            name: "agreementFingerprint",
            overloads: [global([.dyn], .string)],
            body: .costed { args, activation throws(EvalError) in
                guard args.count == 1, case .map(let root) = args[0] else { throw EvalError.noOverload("agreementFingerprint", args) }
                try activation.charge(100)
                return .string(AgreementFingerprint.of(root))
            },
            summary: "The sha256: fingerprint of what a brief's parties agree to (its campaign, parties, metrics, deliverables, timeline and disclosure), as accord agreement prints it: agreementFingerprint(brief).",
            origin: "Accord"),
    ]
}
