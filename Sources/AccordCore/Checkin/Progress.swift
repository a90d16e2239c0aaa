/// How far a campaign has come by a check-in: each agreed metric against its pace, each deliverable
/// against its count (`../shared/spec/lifecycle.md`, checkin).
///
/// A metric is measured from the launch until `window_days` after it (else until `timeline.report`).
/// A count (reach, sign-ups) is expected to grow in a line over that window: its expected value on a
/// day is the threshold times the share of the window gone by. A rate (its unit is one of the pack's
/// `rate_units`: percent, CTR, ROAS) is expected at its threshold all along. A count with no end (no
/// `window_days` and no report date) has no pace: it is met, or on-track while it has readings.
package struct CheckinProgress: Sendable {
    package struct Metric: Sendable {
        package enum Status: String, Sendable {
            case met, onTrack = "on-track", behind, noData = "no-data", notStarted = "not-started"
        }

        /// Its place in the brief: `metrics[index]`.
        package let index: Int
        package let name: String
        package let kind: String?
        package let threshold: Double?
        package let unit: String?
        /// The owner's party id, when the owner is a party of the brief.
        package let owner: String?
        package let source: String?
        package let start: LocalDate?
        package let end: LocalDate?
        /// Whether it is a rate, expected at its threshold all along.
        package let isRate: Bool
        /// The share of its window gone by at the check-in, 0 to 1.
        package let share: Double
        /// Its expected value by the check-in; nil without a threshold or a launch.
        package let expected: Double?
        package let latest: Results.Reading?
        /// The value expected on the latest reading's day, which decides `behind`.
        package let due: Double?
        package let status: Status
        /// Its readings, by date.
        package let readings: [Results.Reading]
        /// The latest reading of each reader and source.
        package let readers: [Results.Reading]
    }

    /// A line of the brief's `[[deliverables]]` and what has been delivered of it.
    package struct Deliverable: Sendable {
        package let index: Int
        package let kind: String?
        package let platform: String?
        package let creator: String?
        package let count: Int
        package let delivered: Int
    }

    package let results: Results
    /// The share of the campaign, from the launch to the report, gone by at the check-in.
    package let share: Double
    package let metrics: [Metric]
    package let deliverables: [Deliverable]
    /// Readings of a metric the brief does not have.
    package let unknown: [Results.Reading]

    package init(_ brief: Brief, _ results: Results, policy: PacePolicy) {
        self.results = results
        let asOf = results.asOf
        let timeline = brief.root["timeline"]?.mapValue
        let launch = timeline?["launch"]?.dateValue
        let report = timeline?["report"]?.dateValue
        var metrics: [Metric] = []
        var windowEnds: [LocalDate] = []
        for (i, value) in (brief.root["metrics"]?.listValue?.items ?? []).enumerated() {
            guard case .map(let m) = value else { continue }
            let window = m["window_days"]?.numberValue.map { Int($0) }
            let end = launch.flatMap { l in window.map { l.adding(days: $0) } ?? report }
            if let end { windowEnds.append(end) }
            let unit = m["unit"]?.stringValue
            let owner = m["owner"]?.stringValue.flatMap { brief.party(id: $0) != nil ? $0 : nil }
            metrics.append(Metric.paced(index: i, m, results.readings.filter { $0.metric == i }, start: launch, end: end,
                                        asOf: asOf, isRate: unit.map(policy.isRate) ?? false, owner: owner, policy: policy))
        }
        self.metrics = metrics
        share = Self.share(of: asOf, from: launch, to: report ?? windowEnds.max())
        unknown = results.readings.filter { $0.metric == nil }
        deliverables = Self.allocate(results.delivered, to: brief.root["deliverables"]?.listValue?.items ?? [])
    }

    /// The share of `start...end` gone by on `day`, 0 to 1 (0 without a start; 1 from the end on).
    static func share(of day: LocalDate, from start: LocalDate?, to end: LocalDate?) -> Double {
        guard let start, day > start else { return 0 }
        guard let end, end > start else { return 1 }
        return min(1, Double(day.daysSinceEpoch - start.daysSinceEpoch) / Double(end.daysSinceEpoch - start.daysSinceEpoch))
    }

    /// Each delivery counts toward the first line of the brief it fits (kind, platform and creator
    /// agree where both say) that still has room, else the first it fits.
    static func allocate(_ delivered: [Results.Delivery], to lines: [Value]) -> [Deliverable] {
        let tables = lines.compactMap(\.mapValue)
        var counts = [Int](repeating: 0, count: tables.count)
        func fits(_ d: Results.Delivery, _ m: ValueMap) -> Bool {
            func agree(_ given: String?, _ key: String) -> Bool {
                guard let given, let planned = m[key]?.stringValue else { return true }
                return given.lowercased() == planned.lowercased()
            }
            return agree(d.kind, "kind") && agree(d.platform, "platform") && agree(d.creator, "creator")
        }
        for d in delivered {
            let candidates = tables.indices.filter { fits(d, tables[$0]) }
            let target = candidates.first { counts[$0] < Int(tables[$0]["count"]?.numberValue ?? 1) } ?? candidates.first
            if let target { counts[target] += d.count }
        }
        return tables.indices.map { i in
            Deliverable(index: i, kind: tables[i]["kind"]?.stringValue, platform: tables[i]["platform"]?.stringValue,
                        creator: tables[i]["creator"]?.stringValue, count: Int(tables[i]["count"]?.numberValue ?? 1), delivered: counts[i])
        }
    }
}

extension CheckinProgress.Metric {
    static func paced(index: Int, _ m: ValueMap, _ readings: [Results.Reading], start: LocalDate?, end: LocalDate?,
                      asOf: LocalDate, isRate: Bool, owner: String?, policy: PacePolicy) -> Self {
        let threshold = m["threshold"]?.numberValue
        let source = m["source"]?.stringValue
        // The agreed source's latest reading; without one, the owner's; without one, the latest.
        let agreed = source.map(TextOps.nameKey)
        let latest = readings.last { r in agreed != nil && r.sourceKey == agreed }
            ?? readings.last { $0.by != nil && $0.by == owner } ?? readings.last
        var readers: [Results.Reading] = []
        for r in readings.reversed() where !readers.contains(where: { $0.by == r.by && $0.sourceKey == r.sourceKey }) {
            readers.insert(r, at: 0)
        }
        // Without a start there is no pace; without an end, only a rate has one.
        func expected(on day: LocalDate) -> Double? {
            guard let threshold, start != nil else { return nil }
            if isRate { return threshold }
            guard end != nil else { return nil }
            let e = threshold * CheckinProgress.share(of: day, from: start, to: end)
            return threshold.rounded() == threshold ? e.rounded() : e
        }
        let status: Status
        if let threshold, let latest, latest.value >= threshold {
            status = .met
        } else if let start, asOf < start {
            status = .notStarted
        } else if latest == nil {
            status = .noData
        } else if let latest, let due = expected(on: latest.date), latest.value < due * policy.behindBelow {
            // A reading is held to the pace of its own day: an old reading is not behind for being old.
            status = .behind
        } else {
            status = .onTrack
        }
        return Self(index: index, name: m["name"]?.stringValue ?? "metric \(index + 1)", kind: m["kind"]?.stringValue, threshold: threshold,
                    unit: m["unit"]?.stringValue, owner: owner, source: source, start: start, end: end, isRate: isRate,
                    share: CheckinProgress.share(of: asOf, from: start, to: end), expected: expected(on: asOf), latest: latest,
                    due: latest.flatMap { expected(on: $0.date) }, status: status, readings: readings, readers: readers)
    }
}

/// The packs' pacing settings (`data.checkin.pace`): data, not constants, so an agency can set its own.
package struct PacePolicy: Sendable {
    /// A metric is behind when its latest reading is below this share of the value expected by then
    /// (0.9: more than 10% short). 1 when no pack says.
    package var behindBelow: Double = 1
    /// Units of metrics that are rates, not counts (compared ignoring case and spacing).
    package var rateUnits: Set<String> = []

    package init(data: Value) {
        guard case .map(let pace)? = data.mapValue?["checkin"]?.mapValue?["pace"] else { return }
        if let b = pace["behind_below"]?.numberValue { behindBelow = b }
        for case .string(let u) in pace["rate_units"]?.listValue?.items ?? [] { rateUnits.insert(TextOps.nameKey(u)) }
    }

    func isRate(_ unit: String) -> Bool { rateUnits.contains(TextOps.nameKey(unit)) }
}
