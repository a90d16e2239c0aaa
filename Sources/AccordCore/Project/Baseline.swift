/// Findings recorded at one point (`accord check --write-baseline FILE`), so that later runs
/// (`--baseline FILE`) report only new ones: the way to adopt Accord in a repository full of briefs
/// written before it. An entry is a finding's file (from the repository's root), rule and field
/// path: no line numbers, so entries survive edits elsewhere in the brief. The file is JSON, sorted,
/// with `/` in paths, the same on every machine.
package struct Baseline: Sendable {
    package struct Entry: Hashable, Comparable, Sendable {
        package let file: String
        package let rule: String
        package let path: String

        package init(file: String, rule: String, path: String) {
            self.file = file
            self.rule = rule
            self.path = path
        }

        /// `{"file": ..., "rule": ..., "path": ...}`: how baselines and JSON reports write an entry.
        package func appendJSON(to o: inout OutputBuffer) {
            o.append("{\"file\": ")
            o.appendJSONString(file)
            o.append(", \"rule\": ")
            o.appendJSONString(rule)
            o.append(", \"path\": ")
            o.appendJSONString(path)
            o.append("}")
        }

        package static func < (a: Entry, b: Entry) -> Bool {
            (a.file, a.rule, a.path) < (b.file, b.rule, b.path)
        }

        package init(_ finding: Finding, in report: BriefReport) {
            self.init(file: report.relativePath, rule: finding.rule.id, path: finding.path)
        }
    }

    /// How many times each entry occurs (the same rule can fire twice on one field).
    package var counts: [Entry: Int] = [:]

    package init(_ entries: [Entry] = []) {
        for e in entries { counts[e, default: 0] += 1 }
    }

    /// The entries of the briefs in `files` only (paths from the repository's root): what a run that
    /// checks those briefs can find again, or find gone.
    package func only(_ files: Set<String>) -> Baseline {
        var kept = Baseline()
        kept.counts = counts.filter { files.contains($0.key.file) }
        return kept
    }

    /// Every entry, as often as it occurs.
    package var entries: [Entry] {
        counts.flatMap { entry, n in Array(repeating: entry, count: n) }
    }

    /// The entries of one brief's file.
    package func entries(for file: String) -> [Entry: Int] {
        counts.filter { $0.key.file == file }
    }

    /// The baseline's text: stable, sorted, one finding per line.
    package static func render(_ entries: [Entry]) -> String {
        var o = OutputBuffer(capacity: 256 + entries.count * 96)
        o.append("{\n  \"version\": 1,\n  \"tool\": \"accord\",\n  \"findings\": [")
        for (k, e) in entries.sorted().enumerated() {
            o.append(k == 0 ? "\n    " : ",\n    ")
            e.appendJSON(to: &o)
        }
        o.append(entries.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
        return o.string
    }

    /// Reads a baseline file; a file that is not one is an error with its position.
    package static func read(_ path: String, displayPath: String? = nil) throws(DiagnosticList) -> Baseline {
        let file: SourceFile
        do throws(FileReadError) {
            file = try SourceFile.read(path: path, displayPath: displayPath ?? path)
        } catch {
            throw DiagnosticList([.error("cannot read the baseline \(path): \(error.reason)", id: "baseline.unreadable")])
        }
        let document: Document
        do throws(Diagnostic) {
            document = try JSONReader.parse(file)
        } catch {
            throw DiagnosticList([error])
        }
        func invalid(_ message: String, _ span: SourceSpan?) -> DiagnosticList {
            DiagnosticList([.error(message, id: "baseline.invalid", file: file, span: span ?? document.rootSpan,
                                   help: "write a new one with accord check --write-baseline \(path)")])
        }
        guard case .map(let root) = document.root, case .list(let list)? = root["findings"] else {
            throw invalid("this is not an Accord baseline: it has no \"findings\" list", nil)
        }
        var entries: [Entry] = []
        for (i, item) in list.items.enumerated() {
            guard case .map(let m) = item, case .string(let f)? = m["file"], case .string(let r)? = m["rule"], case .string(let p)? = m["path"] else {
                throw invalid("each finding of a baseline has \"file\", \"rule\" and \"path\" as text", list.spans?[i])
            }
            entries.append(Entry(file: f, rule: r, path: p))
        }
        return Baseline(entries)
    }

    /// Marks the findings of a report that `known` (this brief's entries) lists: suppressed, as
    /// known from the baseline; the others are new. Returns the entries it used.
    package static func apply(to report: BriefReport, known: [Entry: Int], name: String) -> (BriefReport, used: [Entry: Int]) {
        var left = known
        var used: [Entry: Int] = [:]
        var findings = report.findings
        for k in findings.indices where findings[k].suppression == nil {
            let entry = Entry(findings[k], in: report)
            if let n = left[entry], n > 0 {
                left[entry] = n - 1
                used[entry, default: 0] += 1
                findings[k].baselineState = .unchanged
                findings[k].suppression = Suppression(reason: "known from the baseline \(name)", location: nil, kind: "external")
            } else {
                findings[k].baselineState = .new
            }
        }
        return (report.with(findings: findings), used)
    }
}
