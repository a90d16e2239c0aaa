/// The answers so far, by key (`campaign.name`, `creators.0.platforms`, `brand.decision_maker.name`):
/// those read from an answers file, then those given in the interview. A question skipped with Enter
/// holds `.null`. Keys of the file the interview does not ask about are kept, so that nothing the
/// user wrote is lost from the brief. A dot inside a key of the file is kept as `․` (U+2024) here.
package struct IntakeAnswers: Sendable {
    private var values: [String: Value] = [:]
    /// Keys in the order they were first set: the file's order, then the interview's.
    private(set) var order: [String] = []
    /// Keys set from the answers file.
    private(set) var fromFile: Set<String> = []
    /// Top-level keys that are arrays of tables (`[[creators]]`).
    private(set) var arrays: Set<String> = ["creators", "metrics", "deliverables"]

    init() {}

    /// The answers in a brief-shaped document: tables flattened to keys, lists of scalars kept whole.
    init(file root: ValueMap) {
        for key in root.stringKeys {
            guard let value = root[key] else { continue }
            if let list = value.listValue, !list.items.isEmpty, list.items.allSatisfy({ $0.mapValue != nil }) {
                arrays.insert(key)
                for (i, item) in list.items.enumerated() { flatten(item, at: "\(key).\(i)") }
            } else {
                flatten(value, at: Self.escape(key))
            }
        }
        fromFile = Set(order)
    }

    private mutating func flatten(_ value: Value, at key: String) {
        if let map = value.mapValue, map.count > 0 {
            for k in map.stringKeys { if let v = map[k] { flatten(v, at: key + "." + Self.escape(k)) } }
        } else {
            self[key] = value
        }
    }

    static func escape(_ key: String) -> String { key.replacingOccurrences(of: ".", with: "\u{2024}") }
    static func unescape(_ key: String) -> String { key.replacingOccurrences(of: "\u{2024}", with: ".") }

    package subscript(key: String) -> Value? {
        get { values[key] }
        set {
            if newValue != nil, values[key] == nil { order.append(key) }
            if newValue == nil { order.removeAll { $0 == key } }
            values[key] = newValue
        }
    }

    /// Whether the key holds an answer (not skipped).
    func has(_ key: String) -> Bool {
        if let v = values[key], case .null = v { return false }
        return values[key] != nil
    }

    /// Every key that holds an answer, in order.
    var answered: [String] { order.filter { has($0) } }

    /// The parties' ids: brand, agency when the brief has one, and the first `count` creators'.
    func partyIDs(before count: Int) -> [String] {
        var ids = ["brand"]
        if order.contains(where: { $0.hasPrefix("agency.") }) { ids.append("agency") }
        for c in 0..<count { if let id = values["creators.\(c).id"]?.stringValue { ids.append(id) } }
        return ids
    }

    /// A short id from a name: its first word, lower case, in ASCII letters and digits
    /// ("Jess Makes" → jess), numbered when taken.
    static func slug(_ name: String, taken: [String]) -> String {
        let word = name.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "_" }).first.map(String.init) ?? name
        var base = String(word.lowercased().unicodeScalars.filter { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") }.map(Character.init))
        if base.isEmpty || ["brand", "agency"].contains(base) { base = "creator" }
        var candidate = base
        var n = 2
        while taken.contains(candidate) {
            candidate = base + String(n)
            n += 1
        }
        return candidate
    }
}
