import Foundation

/// The report as Markdown, to paste into the shared agreement document: the verdict and scores, the
/// findings by category, and the questions for each party, ready for the alignment meeting.
package struct MarkdownReporter: Reporter {
    package static let identifier = "markdown"
    package static let fileExtensions: [String] = ["md", "markdown"]
    package static let summary = "Markdown, for the shared agreement document"

    package init(_ options: ReportOptions) {}

    package func brief(_ r: BriefReport, index: Int, _ context: ReportContext, _ o: inout OutputBuffer) {
        if index > 0 { o.append("\n---\n\n") }
        o.append("# \(context.title): \(escape(r.campaignName ?? r.path))\n\n")
        guard r.isUsable else {
            o.append("`\(r.path)` could not be checked:\n\n")
            for d in r.problems {
                let place = d.location.map { "line \($0.line), column \($0.column): " } ?? ""
                o.append("- \(place)\(escape(d.message))\n")
            }
            return
        }
        o.append("**Verdict: \(r.verdict.words)** · score \(r.scores.overall)/100 · `\(r.path)`\n\n")
        o.append("| " + r.categories.map(\.rawValue).joined(separator: " | ") + " |\n")
        o.append("|" + String(repeating: "---:|", count: r.categories.count) + "\n")
        o.append("| " + r.categories.map { String(r.scores.categories[$0]) }.joined(separator: " | ") + " |\n\n")
        if let progress = r.checkin { o.append(CheckinTable(progress).markdown(escape: escape)) }
        if let below = context.minimumScoreMessage(r) { o.append("**Fails the run:** \(below)\n\n") }
        let counted = r.findings.filter { !$0.isAgreed }
        if counted.isEmpty {
            o.append("No misalignment found.\n")
        } else {
            o.append("## Findings\n")
            for category in r.categories {
                let inCategory = counted.filter { $0.category == category }
                guard !inCategory.isEmpty else { continue }
                o.append("\n### \(category.heading)\n\n")
                for f in inCategory {
                    o.append("- **\(f.severity.rawValue.capitalized): \(escape(f.rule.title))** ")
                    o.append("(\(f.rule.id), `\(f.path)`, line \(f.location.line))  \n")
                    o.append("  " + escape(f.message).replacingOccurrences(of: "\n", with: "\n  ") + "\n")
                }
            }
        }
        if !r.questions.isEmpty {
            o.append("\n## \(r.questionsHeading)\n")
            var party: String?
            var number = 0
            for q in r.questions {
                if q.to != party {
                    party = q.to
                    number = 0
                    o.append("\n### For \(escape(r.brief?.partyLabel(id: q.to) ?? q.to))\(escape(r.unspokenNote(of: q.to)))\n\n")
                }
                number += 1
                if number == Questions.leading + 1 { o.append("\nMore questions:\n\n") }
                o.append("\(number). \(escape(q.text)) _(\(q.rules.joined(separator: ", ")))_\n")
            }
        }
        o.append(r.checkin == nil ? "\n## Agreed\n\n_Write here what the parties agreed, and send it to every party._\n"
                                  : "\n## Decided at the check-in\n\n_Write here what changes, who does it and by when, and send it to every party._\n")
    }



    func escape(_ text: String) -> String { MarkdownText.escape(text) }
}

extension Verdict {
    /// How the Markdown and HTML reports say it.
    var words: String {
        switch self {
        case .ready: return "ready to kick off"
        case .alignFirst: return "align first"
        case .doNotProceed: return "do not proceed"
        }
    }
}
