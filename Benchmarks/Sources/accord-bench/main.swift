// accord-bench: in-process timings of Accord's stages, printed as JSON lines for the drivers.
//
//   accord-bench toml FILE... [--repeat N]   read each TOML file N times; best time per file
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
default:
    fail("unknown mode \(mode)")
}
