/// The names a check-in rule (category `execution`) sees beside the brief's (docs/rules-language.md,
/// "Names a check-in rule can use"): their types, for checking rules when they load, and their
/// values for one check-in. The two are written side by side here, field for field.
package enum CheckinScope {
    /// The names and types, in slot order. `metric`: the type of one of the brief's `metrics`.
    package static func variables(metric: CELType) -> [(String, CELType)] {
        let reading = ObjectType(name: "reading")
        reading.add("metric", .string, doc: "the metric's name as the results file writes it")
        reading.add("value", .double, doc: "the number read")
        reading.add("date", .date, doc: "the day it was read")
        reading.add("by", .string, doc: "who read it: brand, agency or a creator's id (may be absent)", mayBeAbsent: true)
        reading.add("source", .string, doc: "the dashboard it was read from (may be absent)", mayBeAbsent: true)
        reading.add("place", .string, doc: "the file and line it comes from: results.csv:12")

        let progress = ObjectType(name: "metric progress")
        progress.add("name", .string, doc: "the metric's name in the brief")
        progress.add("index", .int, doc: "its place in the brief: metrics[p.index]")
        progress.add("metric", metric, doc: "the brief's metric itself: its why, owner, source and so on")
        progress.add("owner", .string, doc: "the owner's party id, when the owner is a party (absent otherwise)", mayBeAbsent: true)
        progress.add("start", .date, doc: "the first day it is measured: the launch (absent without one)", mayBeAbsent: true)
        progress.add("end", .date, doc: "the last day: window_days after the launch, else the report date (may be absent)", mayBeAbsent: true)
        progress.add("share", .double, doc: "the share of its window gone by at the check-in, 0 to 1")
        progress.add("rate", .bool, doc: "whether it is a rate (percent, CTR...), expected at its threshold all along")
        progress.add("expected", .double, doc: "its expected value by the check-in (absent without a threshold or a launch)", mayBeAbsent: true)
        progress.add("latest", .object(reading), doc: "its latest reading (absent when there is none)", mayBeAbsent: true)
        progress.add("due", .double, doc: "the value expected on the latest reading's day, which decides behind (absent with expected or latest)", mayBeAbsent: true)
        progress.add("status", .string, doc: "met, on-track, behind, no-data or not-started")
        progress.add("readings", .list(.object(reading)), doc: "its readings, by date")
        progress.add("readers", .list(.object(reading)), doc: "the latest reading of each reader and source")

        let checkin = ObjectType(name: "checkin")
        checkin.add("as_of", .date, doc: "the day of the check-in")
        checkin.add("share", .double, doc: "the share of the campaign, from the launch to the report, gone by")
        checkin.add("files", .list(.string), doc: "the results files read")

        let delivery = ObjectType(name: "delivery")
        for key in ["kind", "platform", "creator"] { delivery.add(key, .string, doc: "as the results file says (may be absent)", mayBeAbsent: true) }
        delivery.add("count", .int, doc: "how many")
        delivery.add("date", .date, doc: "when (may be absent)", mayBeAbsent: true)

        let deliverable = ObjectType(name: "deliverable progress")
        deliverable.add("index", .int, doc: "its place in the brief: deliverables[d.index]")
        for key in ["kind", "platform", "creator"] { deliverable.add(key, .string, doc: "as the brief says (may be absent)", mayBeAbsent: true) }
        deliverable.add("count", .int, doc: "how many the brief asks for")
        deliverable.add("delivered", .int, doc: "how many have been delivered")

        return [("checkin", .object(checkin)), ("progress", .list(.object(progress))), ("delivered", .list(.object(delivery))),
                ("deliverables_progress", .list(.object(deliverable))), ("unknown_readings", .list(.object(reading)))]
    }

    /// The values of `variables`, in the same order, for one check-in.
    package static func values(_ p: CheckinProgress, brief: Brief) -> [Value] {
        let metrics = brief.root["metrics"]?.listValue?.items ?? []
        let checkin = record([("as_of", .date(p.results.asOf)), ("share", .double(p.share)),
                              ("files", .list(p.results.files.map(Value.string)))])
        let progress = p.metrics.map { m in
            record([("name", .string(m.name)), ("index", .int(Int64(m.index))), ("metric", metrics[m.index]),
                    ("owner", m.owner.map(Value.string)), ("start", m.start.map(Value.date)), ("end", m.end.map(Value.date)),
                    ("share", .double(m.share)), ("rate", .bool(m.isRate)), ("expected", m.expected.map(Value.double)),
                    ("latest", m.latest.map(reading)), ("due", m.due.map(Value.double)),
                    ("status", .string(m.status.rawValue)),
                    ("readings", .list(m.readings.map(reading))), ("readers", .list(m.readers.map(reading)))])
        }
        let delivered = p.results.delivered.map { d in
            record([("kind", d.kind.map(Value.string)), ("platform", d.platform.map(Value.string)),
                    ("creator", d.creator.map(Value.string)), ("count", .int(Int64(d.count))), ("date", d.date.map(Value.date))])
        }
        let deliverables = p.deliverables.map { d in
            record([("index", .int(Int64(d.index))), ("kind", d.kind.map(Value.string)), ("platform", d.platform.map(Value.string)),
                    ("creator", d.creator.map(Value.string)), ("count", .int(Int64(d.count))), ("delivered", .int(Int64(d.delivered)))])
        }
        return [checkin, .list(progress), .list(delivered), .list(deliverables), .list(p.unknown.map(reading))]
    }

    static func reading(_ r: Results.Reading) -> Value {
        record([("metric", .string(r.written)), ("value", .double(r.value)), ("date", .date(r.date)),
                ("by", r.by.map(Value.string)), ("source", r.source.map(Value.string)), ("place", .string(r.place))])
    }

    /// A table of the fields that have a value (an absent one is missing, for `has()`).
    static func record(_ fields: [(String, Value?)]) -> Value {
        .map(ValueMap(fields.compactMap { k, v in v.map { (k, $0) } }))
    }
}
