// libFuzzer harness for Accord's parsers, compiled with AccordCore's sources by .ci/fuzz (not part of
// the package's build): FUZZ_TARGET picks the parser, toml (the default), json, expression, rules or
// results (the bytes as a CSV export and as a results TOML file, read and paced against the base brief).
// Each input is parsed, and when it parses, printed and checked as far as the stage goes: any crash,
// hang, leak or memory error is a finding, and becomes a regression test (ReaderRobustnessTests).
#if canImport(Glibc)
import Glibc
#endif

private enum FuzzTarget: String {
    case toml, json, expression, rules, results

    static let chosen: FuzzTarget = {
        guard let name = getenv("FUZZ_TARGET").map({ String(cString: $0) }) else { return .toml }
        return FuzzTarget(rawValue: name) ?? .toml
    }()
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    switch FuzzTarget.chosen {
    case .toml:
        if let document = try? TOMLReader.parse(SourceFile(path: "fuzz.toml", bytes: bytes)) {
            _ = PrintForm.string(document.root, pretty: true)
        }
    case .json:
        if let document = try? JSONReader.parse(SourceFile(path: "fuzz.json", bytes: bytes)) {
            var out = OutputBuffer()
            JSONForm.write(document.root, into: &out, indent: 0)
        }
    case .expression:
        let file = SourceFile(path: "<fuzz>", bytes: bytes)
        if let program = try? Compiler.compile(file, declarations: Declarations(strict: false)) {
            _ = try? program.evaluate([], costLimit: 10_000)
        }
    case .rules:
        _ = RuleParser.parse(SourceFile(path: "fuzz.rules", bytes: bytes))
    case .results:
        for name in ["fuzz.csv", "fuzz.results.toml"] {
            if let read = try? Results.read([SourceFile(path: name, bytes: bytes)], brief: Fixture.brief, asOf: nil) {
                _ = CheckinScope.values(CheckinProgress(Fixture.brief, read, policy: PacePolicy(data: Fixture.rules.data)), brief: Fixture.brief)
            }
        }
    }
    return 0
}

/// The built-in rules and their examples' base brief, for the results target.
private enum Fixture {
    static let rules: RuleSet = try! RuleSet.load(PackFiles.builtIn())
    static let brief: Brief = {
        let file = PackFiles.builtIn()[0].file("examples/base.brief.toml")!
        return try! rules.schema.validate(try! TOMLReader.parse(file))
    }()
}
