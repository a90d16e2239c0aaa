/// Two revisions of a brief compared (`accord diff`, `../shared/spec/lifecycle.md`): the findings a
/// revision resolved and introduced, matched by rule and by what they are about (a metric by its name,
/// a creator by id), not by line; the fields that changed, said in the brief's terms; and whether it
/// changed what every party had approved without their approving it again.
package struct BriefRevision {
    /// A field that changed: its path in `check`'s dotted form (in the new revision, or the old one
    /// for a field removed), and its values before and after (nil: not there).
    package struct Change {
        package let path: String
        package let old: Value?
        package let new: Value?
        /// Who or what it belongs to, as people name it: `Sign-ups` for `metrics[1]`, `Jess Makes` for `creators[0]`.
        package let owner: String?
        /// Its key: `threshold`, `launch`.
        package let key: String
        /// Whether it is part of what the parties agree to (`AgreementFingerprint.agreedSections`).
        package let agreed: Bool
    }

    package let old: BriefReport
    package let new: BriefReport
    package let resolved: [Finding]
    package let introduced: [Finding]
    package let changes: [Change]
    package let oldFingerprint: String
    package let newFingerprint: String
    /// Whether every party had approved the old revision.
    package let approvedBefore: Bool
    /// With `approvedBefore` and agreed content changed: the parties who must approve again (none
    /// when the new revision records their approval of it).
    package let mustApproveAgain: [String]

    package var agreedContentChanged: Bool { oldFingerprint != newFingerprint }
    package var isUnchanged: Bool { changes.isEmpty && resolved.isEmpty && introduced.isEmpty }

    /// The parties of a brief (ids) that its `alignment.approved_by` names, by id or by role.
    package static func approvers(_ brief: Brief) -> (all: [String], approved: [String]) {
        let approvedBy = brief.root["alignment"]?.mapValue?["approved_by"]?.listValue?.items.compactMap(\.stringValue) ?? []
        var all: [String] = []
        var approved: [String] = []
        for party in brief.parties {
            guard let id = party["id"]?.stringValue else { continue }
            all.append(id)
            if approvedBy.contains(id) || party["role"]?.stringValue.map(approvedBy.contains) == true { approved.append(id) }
        }
        return (all, approved)
    }

    /// Whether the new revision records that every party approved it as it stands: its
    /// `approved_fingerprint` is its own fingerprint (`newFingerprint`), or (without one) its
    /// `approved_on` is later than the old revision's, with every party in `approved_by`.
    package static func approvedAgain(old: Brief, new: Brief, newFingerprint: String) -> Bool {
        let (all, approved) = approvers(new)
        guard Set(all).isSubset(of: approved) else { return false }
        let alignment = new.root["alignment"]?.mapValue
        if let recorded = alignment?["approved_fingerprint"]?.stringValue {
            return recorded == newFingerprint
        }
        guard let on = alignment?["approved_on"]?.dateValue else { return false }
        guard let before = old.root["alignment"]?.mapValue?["approved_on"]?.dateValue else { return true }
        return on > before
    }

    /// Whether every party approved `old` and `new` changes what they agreed to (the fingerprints
    /// differ) without recording their approval again.
    package static func needsApprovalAgain(old: Brief, new: Brief, oldFingerprint: String, newFingerprint: String) -> Bool {
        let (all, approved) = approvers(old)
        return !all.isEmpty && Set(all).isSubset(of: approved) && oldFingerprint != newFingerprint
            && !approvedAgain(old: old, new: new, newFingerprint: newFingerprint)
    }

    /// `phrases`: for the changes said to the parties who must approve again, in their languages.
    /// `written`: the new brief as written, when `new` was checked with something laid over it (the
    /// approval carried from the old revision); the changes are between what was written.
    package init(old: BriefReport, new: BriefReport, written: Brief? = nil, phrases: Phrasebook) {
        self.old = old
        self.new = new
        let oldBrief = old.brief!, newBrief = new.brief!
        oldFingerprint = AgreementFingerprint.of(oldBrief.root)
        newFingerprint = AgreementFingerprint.of(newBrief.root)
        let (all, approved) = Self.approvers(oldBrief)
        approvedBefore = !all.isEmpty && Set(all).isSubset(of: approved)
        mustApproveAgain = Self.needsApprovalAgain(old: oldBrief, new: newBrief, oldFingerprint: oldFingerprint, newFingerprint: newFingerprint)
            ? Self.approvers(newBrief).all : []
        let oldKeys = old.findings.filter { !$0.isSuppressed }.map { Identity.key($0, in: oldBrief) }
        let newKeys = new.findings.filter { !$0.isSuppressed }.map { Identity.key($0, in: newBrief) }
        var remaining = oldKeys
        var introduced: [Finding] = []
        for (k, finding) in new.findings.filter({ !$0.isSuppressed }).enumerated() {
            if let i = remaining.firstIndex(of: newKeys[k]) { remaining.remove(at: i) } else { introduced.append(finding) }
        }
        var unmatched = newKeys
        var resolved: [Finding] = []
        for (k, finding) in old.findings.filter({ !$0.isSuppressed }).enumerated() {
            if let i = unmatched.firstIndex(of: oldKeys[k]) { unmatched.remove(at: i) } else { resolved.append(finding) }
        }
        self.resolved = resolved
        let changes = Identity.changes(oldBrief, written ?? newBrief)
        self.changes = changes
        // The parties asked to approve again are told what changed, each in the language asked in.
        let agreed = changes.filter(\.agreed)
        self.introduced = introduced.map { finding in
            guard finding.rule.id == ApprovalRule.id, !agreed.isEmpty else { return finding }
            var told = finding
            told.questions = finding.questions.map { q in
                let list = agreed.prefix(8).map { $0.sentence(phrases, q.language) }.joined(separator: "; ") + (agreed.count > 8 ? "; …" : "")
                return FindingQuestion(to: q.to, text: q.text + " " + phrases.text("diff_approve_again", in: q.language, ["changes": list]), language: q.language)
            }
            return told
        }
    }
}

/// Tables of a brief known by who or what they are rather than by their place in a list.
enum Identity {
    /// The lists whose tables have an identity, and how to read it.
    static func identity(of list: String, _ table: ValueMap) -> String? {
        switch list {
        case "metrics": return table["name"]?.stringValue
        case "creators": return table["id"]?.stringValue
        case "deliverables":
            return ["creator", "kind", "platform"].map { table[$0]?.stringValue ?? "" }.joined(separator: "/")
        default: return nil
        }
    }

    /// A finding as revisions match it: its rule and its path with every list index replaced by the
    /// identity of the table there (`metrics[Sign-ups].threshold`).
    static func key(_ f: Finding, in brief: Brief) -> String {
        f.rule.id + " " + identified(f.path, in: brief)
    }

    static func identified(_ path: String, in brief: Brief) -> String {
        var out = ""
        var rest = Substring(path)
        while let open = rest.firstIndex(of: "["), let close = rest[open...].firstIndex(of: "]") {
            let list = rest[..<open]
            out += list
            let name = String(list.split(separator: ".").last ?? "")
            if let i = Int(rest[rest.index(after: open)..<close]), out.split(separator: ".").count == 1,
               let table = brief.root[name]?.listValue?.items[safe: i]?.mapValue, let id = identity(of: name, table) {
                out += "[" + id + "]"
            } else {
                out += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// Every field that differs, section by section: tables key by key, lists of identified tables
    /// table by table (one added or removed whole is one change), other values whole.
    static func changes(_ old: Brief, _ new: Brief) -> [BriefRevision.Change] {
        var result: [BriefRevision.Change] = []
        var sections: [String] = []
        for key in new.root.keys + old.root.keys {
            if case .string(let k) = key, !sections.contains(k) { sections.append(k) }
        }
        for section in sections {
            let agreed = AgreementFingerprint.agreedSections.contains(section)
            let a = old.root[section], b = new.root[section]
            if case .list(let la)? = a, case .list(let lb)? = b,
               la.items.allSatisfy({ $0.mapValue != nil }), lb.items.allSatisfy({ $0.mapValue != nil }), !la.items.isEmpty || !lb.items.isEmpty {
                result += listChanges(section, la.items.compactMap(\.mapValue), lb.items.compactMap(\.mapValue), agreed: agreed)
            } else {
                // A party's fields belong to it by name.
                let party = ["brand", "agency"].contains(section) ? (b ?? a)?.mapValue?["name"]?.stringValue : nil
                result += valueChanges(section, owner: party, key: section, a, b, agreed: agreed)
            }
        }
        return result
    }

    static func listChanges(_ section: String, _ old: [ValueMap], _ new: [ValueMap], agreed: Bool) -> [BriefRevision.Change] {
        var result: [BriefRevision.Change] = []
        let oldIDs = old.map { identity(of: section, $0) }
        let newIDs = new.map { identity(of: section, $0) }
        for (i, table) in new.enumerated() {
            let id = newIDs[i]
            // Matched by identity; a list without one (or an identity not found) by place.
            let j = id.flatMap { oldIDs.firstIndex(of: $0) } ?? (id == nil && i < old.count ? i : nil)
            let path = "\(section)[\(i)]"
            let owner = name(of: table) ?? id
            if let j {
                result += valueChanges(path, owner: owner, key: section, .map(old[j]), .map(table), agreed: agreed)
            } else {
                result.append(.init(path: path, old: nil, new: .map(table), owner: owner, key: section, agreed: agreed))
            }
        }
        for (j, table) in old.enumerated() {
            let matched = oldIDs[j].map { newIDs.contains($0) } ?? (j < new.count)
            if !matched {
                result.append(.init(path: "\(section)[\(j)]", old: .map(table), new: nil, owner: name(of: table) ?? oldIDs[j],
                                    key: section, agreed: agreed))
            }
        }
        return result
    }

    /// How people name a table of a list: its name; a deliverable as "reel on instagram by jess".
    static func name(of table: ValueMap) -> String? {
        if let name = table["name"]?.stringValue { return name }
        guard let kind = table["kind"]?.stringValue else { return nil }
        return kind + (table["platform"]?.stringValue.map { " on " + $0 } ?? "") + (table["creator"]?.stringValue.map { " by " + $0 } ?? "")
    }

    static func valueChanges(_ path: String, owner: String?, key: String, _ a: Value?, _ b: Value?, agreed: Bool) -> [BriefRevision.Change] {
        switch (a, b) {
        case (.map(let x)?, .map(let y)?):
            var result: [BriefRevision.Change] = []
            var keys: [String] = []
            for k in y.keys + x.keys {
                // The parties' derived role and id, and the authors' own x_ keys, are not content.
                if case .string(let s) = k, !keys.contains(s), s != "role", !s.hasPrefix("x_"), !s.hasPrefix("x-") { keys.append(s) }
            }
            for k in keys {
                result += valueChanges(path + "." + k, owner: owner ?? path, key: k, x[k], y[k], agreed: agreed)
            }
            return result
        case (nil, nil):
            return []
        default:
            if let a, let b, Value.equal(a, b) { return [] }
            return [.init(path: path, old: a, new: b, owner: owner, key: key, agreed: agreed)]
        }
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}

extension BriefRevision.Change {
    /// The change said in the brief's terms, in `language`: "the threshold of Sign-ups rose from
    /// 3,000 to 4,000", "the launch moved from 10 June 2026 to 17 June 2026, 7 days later".
    package func sentence(_ phrases: Phrasebook, _ language: String) -> String {
        let locale = phrases.locale(language)
        func text(_ key: String, _ arguments: [String: String]) -> String { phrases.text(key, in: language, arguments) }
        func value(_ v: Value) -> String {
            if case .map(let m) = v { return m["name"]?.stringValue ?? m["id"]?.stringValue ?? "{…}" }
            return locale.format(v)
        }
        // A table of a list added or removed whole.
        if path.hasSuffix("]"), let kind = ["metrics": "diff_metric", "creators": "diff_creator", "deliverables": "diff_deliverable"][key] {
            let what = text(kind, ["name": owner ?? path])
            return text(old == nil ? "diff_table_added" : "diff_table_removed", ["what": what])
        }
        let fieldKey = "field_" + key
        let field = phrases.text(fieldKey, in: language) == fieldKey ? key.replacingUnderscores : phrases.text(fieldKey, in: language)
        let what: String
        if path.hasPrefix("metrics["), let owner {
            what = text("diff_of", ["field": field, "owner": text("diff_metric", ["name": owner])])
        } else if path.hasPrefix("creators["), let owner {
            what = text("diff_of", ["field": field, "owner": owner])
        } else if path.hasPrefix("deliverables["), let owner {
            what = text("diff_of", ["field": field, "owner": text("diff_deliverable", ["name": owner])])
        } else if let section = path.split(separator: ".").first, ["brand", "agency"].contains(String(section)), path.contains(".") {
            what = text("diff_of", ["field": field, "owner": owner ?? String(section)])
        } else {
            what = text("diff_field", ["field": field])
        }
        switch (old, new) {
        case (nil, let b?): return text("diff_added", ["what": what, "new": value(b)])
        case (let a?, nil): return text("diff_removed", ["what": what, "old": value(a)])
        case (let a?, let b?):
            if let x = a.numberValue, let y = b.numberValue {
                return text(y > x ? "diff_rose" : "diff_fell", ["what": what, "old": value(a), "new": value(b)])
            }
            if let x = a.dateValue, let y = b.dateValue {
                let days = y.daysSinceEpoch - x.daysSinceEpoch
                return text(days > 0 ? "diff_later" : "diff_earlier",
                            ["what": what, "old": value(a), "new": value(b), "days": text("days_n", ["n": String(abs(days))])])
            }
            return text("diff_changed", ["what": what, "old": value(a), "new": value(b)])
        default: return what
        }
    }
}

extension String {
    var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
}

/// The rule that finds agreed content changed after every party approved it (in the core pack).
package enum ApprovalRule {
    package static let id = "PR008"
}
