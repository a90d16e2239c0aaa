// accord-bench: in-process timings of Accord's stages, printed as JSON lines for the drivers.
//
//   accord-bench toml FILE... [--repeat N]          read each TOML file N times; best time per file
//   accord-bench cel CONDITIONS DATA [--repeat N]   evaluations per second of each condition
//   accord-bench rules BRIEF [--repeat N] [--only RULE]
//                                                   microseconds per rule against one brief
//   accord-bench memory FOLDER [--repeat N]         resident memory after each of N checks (and check-ins) of FOLDER
import Accord
import AccordCore
#if canImport(Glibc)
import Glibc
#endif

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func fail(_ message: String) -> Never {
    var out = OutputBuffer()
    out.append("accord-bench: \(message)\n")
    out.write(to: 2)
    exit(2)
}

var args = Array(CommandLine.arguments.dropFirst())
var repeats = 5
if let r = args.firstIndex(of: "--repeat"), r + 1 < args.count {
    repeats = Int(args[r + 1]) ?? 5
    args.removeSubrange(r...(r + 1))
}
guard let mode = args.first else { fail("usage: accord-bench toml FILE... [--repeat N]") }

switch mode {
case "toml":
    for path in args.dropFirst() {
        guard let bytes = try? SourceFile.readBytes(path: path) else { fail("cannot read \(path)") }
        var best = Double.infinity
        for _ in 0..<repeats {
            let start = now()
            let file = SourceFile(path: path, bytes: bytes)
            guard (try? TOMLReader.parse(file)) != nil else { fail("\(path) does not parse") }
            best = min(best, now() - start)
        }
        print("{\"file\": \"\(path)\", \"seconds\": \(best)}")
    }
case "cel":
    // accord-bench cel CONDITIONS.txt DATA.json [--repeat N]: each condition compiled once, then
    // evaluated against the data N times; prints evaluations per second per condition.
    guard args.count == 3,
          let conditions = try? SourceFile.read(path: args[1]),
          let data = try? SourceFile.read(path: args[2]),
          case .map(let root)? = try? JSONReader.parse(data).root
    else { fail("usage: accord-bench cel CONDITIONS.txt DATA.json [--repeat N]") }
    var names: [(String, CELType)] = []
    var values: [Value] = []
    for i in 0..<root.count {
        guard case .string(let key) = root.keys[i] else { continue }
        names.append((key, CELType.of(root.values[i])))
        values.append(root.values[i])
    }
    let declarations = Declarations(strict: false, names)
    let lines = String(decoding: conditions.bytes, as: UTF8.self).split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    let iterations = repeats * 10_000
    for line in lines {
        guard let program = try? Compiler.compile(SourceFile(path: "<bench>", text: line), declarations: declarations) else {
            fail("does not compile: \(line)")
        }
        var activation = Activation(slots: values)
        var result = Value.null
        let start = now()
        for _ in 0..<iterations {
            activation.cost = 0
            guard let v = try? program.evaluate(&activation) else { fail("fails: \(line)") }
            result = v
        }
        let seconds = now() - start
        var out = OutputBuffer()
        out.append("{\"condition\": ")
        out.appendJSONString(line)
        out.append(", \"result\": ")
        out.appendJSONString(PrintForm.string(result, pretty: false))
        out.append(", \"per_second\": \(Double(iterations) / seconds)}\n")
        out.write(to: 1)
    }
case "rules":
    // accord-bench rules BRIEF [--repeat N]: the built-in rules, one at a time, against a brief;
    // prints microseconds per evaluation of each rule (with its findings), slowest first.
    var only: String?
    if let o = args.firstIndex(of: "--only"), o + 1 < args.count {
        only = args[o + 1]
        args.removeSubrange(o...(o + 1))
    }
    guard args.count == 2 else { fail("usage: accord-bench rules BRIEF [--repeat N] [--only RULE]") }
    guard let rules = try? RuleSet.load(PackFiles.builtIn()) else { fail("the built-in rules do not load") }
    let report = BriefChecker.check(path: args[1], rules: rules)
    guard let brief = report.brief else { fail("\(args[1]) is not a valid brief") }
    let allIDs = Set(rules.rules.map(\.id))
    var timings: [(String, Double, Int)] = []
    let iterations = repeats * 200
    // The cost of a run with every rule turned off, taken from each rule's time.
    var none = CheckOptions()
    none.disabled = allIDs
    let baseStart = now()
    for _ in 0..<iterations { _ = Engine.evaluate(brief, rules: rules, options: none) }
    let baseline = (now() - baseStart) / Double(iterations) * 1e6
    for rule in rules.rules where only == nil || rule.id == only {
        var options = CheckOptions()
        options.disabled = allIDs.subtracting([rule.id])
        var found = 0
        let start = now()
        for _ in 0..<iterations { found = Engine.evaluate(brief, rules: rules, options: options).findings.count }
        timings.append((rule.id, (now() - start) / Double(iterations) * 1e6 - baseline, found))
    }
    var total = 0.0
    for (id, micros, found) in timings.sorted(by: { $0.1 > $1.1 }) {
        total += micros
        print("{\"rule\": \"\(id)\", \"microseconds\": \(micros), \"findings\": \(found)}")
    }
    print("{\"total_microseconds\": \(total)}")
case "stages":
    // accord-bench stages BRIEF [--repeat N] [--only STAGE]: microseconds per brief in each stage of
    // `accord check` (--only runs one stage, for a profiler).
    var onlyStage: String?
    if let o = args.firstIndex(of: "--only"), o + 1 < args.count {
        onlyStage = args[o + 1]
        args.removeSubrange(o...(o + 1))
    }
    guard args.count == 2, let bytes = try? SourceFile.readBytes(path: args[1]) else { fail("usage: accord-bench stages BRIEF [--repeat N]") }
    guard let rules = try? RuleSet.load(PackFiles.builtIn()) else { fail("the built-in rules do not load") }
    let iterations = repeats * 1000
    let context = ReportContext(rules: rules)
    var times = [String: Double]()
    func measure(_ stage: String, _ body: () -> Void) {
        if let onlyStage, onlyStage != stage { return }
        let start = now()
        for _ in 0..<iterations { body() }
        times[stage] = (now() - start) / Double(iterations) * 1e6
    }
    let file = SourceFile(path: args[1], bytes: bytes)
    guard let document = try? Document.parse(file), let brief = try? rules.schema.validate(document) else { fail("\(args[1]) is not a valid brief") }
    measure("parse") { _ = try? Document.parse(SourceFile(path: args[1], bytes: bytes)) }
    measure("validate") { _ = try? rules.schema.validate(document) }
    measure("evaluate") { _ = Engine.evaluate(brief, rules: rules) }
    let report = BriefChecker.check(file: file, rules: rules)
    measure("report-json") {
        var o = OutputBuffer(capacity: 8192)
        JSONReporter(ReportOptions()).brief(report, index: 0, context, &o)
    }
    measure("all") {
        let r = BriefChecker.check(file: SourceFile(path: args[1], bytes: bytes), rules: rules)
        var o = OutputBuffer(capacity: 8192)
        JSONReporter(ReportOptions()).brief(r, index: 0, context, &o)
    }
    for stage in ["parse", "validate", "evaluate", "report-json", "all"] where times[stage] != nil {
        print("{\"stage\": \"\(stage)\", \"microseconds\": \(times[stage]!)}")
    }
case "memory":
    // accord-bench memory FOLDER [--repeat N]: checks FOLDER N times in this process through the front
    // door (the rules loaded each time, on every core, every report format written to memory) and
    // prints the resident memory after each round. A leak grows it round after round; LeakSanitizer
    // cannot tell (it does not follow Swift's enum payload pointers, whose spare bits hold the case).
    guard args.count == 2 else { fail("usage: accord-bench memory FOLDER [--repeat N]") }
    // glibc's malloc_trim (not in the Glibc module): freed memory goes back to the system before
    // each reading, so what stays resident is what is in use, not what the allocator kept.
    typealias Trim = @convention(c) (Int) -> Int32
    let trim = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim").map { unsafeBitCast($0, to: Trim.self) }
    func residentBytes() -> Int {
        _ = trim?(0)
        guard let statm = try? SourceFile.readBytes(path: "/proc/self/statm") else { return 0 }
        let fields = String(decoding: statm, as: UTF8.self).split(separator: " ")
        return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
    }
    for round in 1...repeats {
        do {
            let checker = try Checker(Configuration())
            let reports = ReportFormat.all.map { ReportRequest($0, to: .stream { _ in }) }
            let summary = try checker.check([args[1]], reports: reports)
            if summary.results.isEmpty { fail("no briefs in \(args[1])") }
            // And the check-in of each brief whose results are kept beside it (FOLDER/results, as in Samples).
            for brief in summary.results {
                let results = SampleResults.files(of: brief.path)
                if !results.isEmpty { _ = try checker.checkin(brief: brief.path, results: results, reports: reports) }
            }
        } catch {
            fail("\(error)")
        }
        print("{\"round\": \(round), \"resident_bytes\": \(residentBytes())}")
    }
default:
    fail("unknown mode \(mode)")
}
