/// Suppression comments in a TOML brief, next to the field they concern:
///
///     media_buy = 2026-03-18  # accord-ignore TL002: the edits are done before the brief is sent
///
///     # accord-ignore TL010, TL011: the launch team works through the holidays, budget agreed
///     launch = 2027-01-05
///
///     # accord-ignore-file MK004: the parties have worked together for five years
///
/// A comment after a key covers the findings on that line; a comment on a line of its own covers
/// the next line that is not blank or a comment. `accord-ignore-file` covers the whole brief. The
/// reason after the colon is required. A suppression without a reason, naming a rule no pack has,
/// or covering no finding is reported as a notice; the findings it covers stay in the report, marked
/// suppressed, and no longer count.
package enum Suppressions {
    package static let marker = "accord-ignore"
    /// Names that are no rule reported one by one in a comment; the rest in one notice.
    static let maxUnknownReported = 5
    package static let fileMarker = "accord-ignore-file"

    /// One suppression comment.
    package struct Comment: Sendable {
        package let rules: [(id: String, span: SourceSpan)]
        package let reason: String?
        package let span: SourceSpan
        /// The line it covers; nil for the whole file.
        package let line: Int?
    }

    /// The suppression comments of a document, and problems with how they are written.
    package static func comments(in document: Document) -> (comments: [Comment], problems: [Diagnostic]) {
        let file = document.file
        var comments: [Comment] = []
        var problems: [Diagnostic] = []
        let b = file.bytes
        for span in document.comments {
            // After "#" and spaces: the marker, then the ids, then ":" and the reason.
            var i = span.start + 1
            while i < span.end, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
            let wholeFile: Bool
            if startsWith(fileMarker, b, at: i, end: span.end) {
                wholeFile = true
                i += fileMarker.utf8.count
            } else if startsWith(marker, b, at: i, end: span.end) {
                wholeFile = false
                i += marker.utf8.count
            } else {
                continue
            }
            // "accord-ignored" and the like are words of their own, not suppressions.
            guard i == span.end || b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x3A else { continue }
            let colon = b[i..<span.end].firstIndex(of: 0x3A)
            var reason: String?
            if let colon {
                let text = TextOps.trimmed(String(decoding: b[(colon + 1)..<span.end], as: UTF8.self))
                reason = text.isEmpty ? nil : text
            }
            var ids: [(id: String, span: SourceSpan)] = []
            let idsEnd = colon ?? span.end
            var k = i
            while k < idsEnd {
                while k < idsEnd, b[k] == 0x20 || b[k] == 0x09 || b[k] == 0x2C { k += 1 }
                let start = k
                while k < idsEnd, b[k] != 0x20, b[k] != 0x09, b[k] != 0x2C { k += 1 }
                if k > start { ids.append((String(decoding: b[start..<k], as: UTF8.self), SourceSpan(start, k))) }
            }
            if ids.isEmpty {
                problems.append(.warning("\(wholeFile ? fileMarker : marker) names no rule", id: "suppression.no-rule", file: file, span: span,
                                         help: "write the rule id and the reason: # \(marker) TL010: the team works through the holidays"))
                continue
            }
            let line = file.location(at: span.start).line
            let covered: Int? = wholeFile ? nil : coveredLine(after: span, line: line, in: file, comments: document.comments)
            comments.append(Comment(rules: ids, reason: reason, span: span, line: covered))
        }
        return (comments, problems)
    }

    static func startsWith(_ word: String, _ b: [UInt8], at i: Int, end: Int) -> Bool {
        let w = Array(word.utf8)
        return i + w.count <= end && b[i..<(i + w.count)].elementsEqual(w)
    }

    /// The line a comment covers: its own, if something comes before it on the line; else the next
    /// line that is not blank or only a comment.
    static func coveredLine(after span: SourceSpan, line: Int, in file: SourceFile, comments: [SourceSpan]) -> Int {
        let lineStart = file.lineRange(line).lowerBound
        if file.bytes[lineStart..<span.start].contains(where: { $0 != 0x20 && $0 != 0x09 }) { return line }
        var next = line + 1
        while next <= file.lineCount {
            let range = file.lineRange(next)
            let content = file.bytes[range].drop(while: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D })
            if let first = content.first, first != 0x23 { return next }
            next += 1
        }
        return line
    }

    /// Applies the brief's suppressions to its report: covered findings marked, and notices for
    /// suppressions that are unusable or unused. (In place: most briefs have none, and their report
    /// is then not copied.)
    package static func apply(to report: inout BriefReport, rules: RuleSet) {
        guard let brief = report.brief else { return }
        let (comments, problems) = Self.comments(in: brief.document)
        guard !comments.isEmpty || !problems.isEmpty else { return }
        let file = brief.document.file
        let ids = rules.rules.map(\.id)
        var notices = problems
        var findings = report.findings
        for comment in comments {
            // Each id once; the names that are no rule reported one by one up to a few, then together,
            // so that a comment with thousands of ids costs time in proportion to them.
            var seen: Set<String> = []
            var known: [(id: String, span: SourceSpan)] = []
            var unknown: [(id: String, span: SourceSpan)] = []
            for rule in comment.rules where seen.insert(rule.id).inserted {
                if rules.rule(rule.id) != nil { known.append(rule) } else { unknown.append(rule) }
            }
            for rule in unknown.prefix(maxUnknownReported) {
                notices.append(.warning("\(marker) names '\(rule.id)', which is not a rule\(Suggestions.didYouMean(rule.id, among: ids))",
                                        id: "suppression.unknown-rule", file: file, span: rule.span))
            }
            if unknown.count > maxUnknownReported {
                let rest = unknown.count - maxUnknownReported
                notices.append(.warning("\(marker) names \(rest) more that are not rules", id: "suppression.unknown-rule", file: file,
                                        span: unknown[maxUnknownReported].span, help: "accord rules list shows every rule"))
            }
            guard let reason = comment.reason else {
                notices.append(.warning("this suppression gives no reason, so it is not applied", id: "suppression.no-reason", file: file,
                                        span: comment.span,
                                        help: "write the reason after a colon: # \(marker) \(comment.rules.map(\.id).joined(separator: ", ")): why this is agreed"))
                continue
            }
            for rule in known {
                var used = false
                for k in findings.indices where findings[k].rule.id == rule.id && findings[k].suppression == nil
                    && (comment.line == nil || findings[k].location.line == comment.line) {
                    findings[k].suppression = Suppression(reason: reason, location: file.location(at: comment.span.start), kind: "inSource")
                    used = true
                }
                // A check-in rule's suppression is unused by `check`, and a brief rule's by a check-in.
                if !used && report.evaluated.contains(where: { $0.id == rule.id }) {
                    let place = comment.line.map { "on line \($0)" } ?? "in this brief"
                    notices.append(.warning("the suppression of \(rule.id) covers no finding \(place)", id: "suppression.unused", file: file,
                                            span: rule.span, help: "remove it if the misalignment is resolved"))
                }
            }
        }
        let newNotices = notices.sorted { ($0.span?.start ?? 0) < ($1.span?.start ?? 0) }
        report = report.with(findings: findings)
        report.notices += newNotices
    }
}
