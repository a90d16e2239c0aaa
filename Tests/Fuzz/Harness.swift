// libFuzzer harness for Accord's parsers, compiled with AccordCore's sources by .ci/fuzz (not part of
// the package's build): FUZZ_TARGET picks the parser, toml (the default), json, expression or rules.
// Each input is parsed, and when it parses, printed and checked as far as the stage goes: any crash,
// hang, leak or memory error is a finding, and becomes a regression test (ReaderRobustnessTests).
#if canImport(Glibc)
import Glibc
#endif

private enum FuzzTarget: String {
    case toml, json, expression, rules

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
    }
    return 0
}
