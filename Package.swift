// swift-tools-version: 6.1
import PackageDescription

/// The pipeline, one target per stage in the order the data flows; each stage sees only the stages
/// before it, so the compiler refuses a back edge. What stages share is `package`; `public` is only
/// the front door (`Accord`) and the types it returns.
let stages: [(name: String, summary: String)] = [
    ("AccordSource", "files, positions, diagnostics and their rendering, output buffers"),
    ("AccordDocument", "the document model; TOML 1.1 and JSON readers; the print form"),
    ("AccordExpression", "the expression language (CEL core + dates): parser, checker, evaluator, library"),
    ("AccordSchema", "the brief schema, validation, the brief as rules see it"),
    ("AccordRules", "rule files: parser, compiler, packs, templates, locales, lint; the built-in packs"),
    ("AccordEngine", "evaluation, findings, suppressions, scores, verdicts, questions; rule examples"),
    ("AccordProject", ".accord.toml, globs, baselines, finding briefs"),
    ("AccordReports", "the report formats and their registry"),
    ("AccordRun", "a run over many briefs: workers, rule-set replicas, scratch space, folder reading"),
]

/// Each stage depends on the one before it (and so, transitively, on all before it).
let stageTargets: [Target] = stages.enumerated().map { k, stage in
    let dependencies: [Target.Dependency] = k == 0 ? [] : [.target(name: stages[k - 1].name)]
    if stage.name == "AccordRules" {
        // BuiltinRules links to the top-level Rules folder: declared here so that SwiftPM sees rule
        // files added, changed or removed, and EmbedRules compiles them into the module.
        return .target(name: stage.name, dependencies: dependencies, resources: [.process("BuiltinRules")], plugins: ["EmbedRules"])
    }
    return .target(name: stage.name, dependencies: dependencies)
}

let package = Package(
    name: "Accord",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "accord", targets: ["accord"]),
        // The front door: what another Swift program depends on (docs/swift.md).
        .library(name: "Accord", targets: ["Accord"]),
    ],
    traits: [
        .trait(
            name: "ThreadCache",
            description: "Link the accord executable with a cache of freed memory for each thread, in front of glibc's malloc "
                + "(Sources/ThreadCache). Off by default; the release build in .ci/run and the README turns it on."
        ),
    ],
    dependencies: [],
    targets: stageTargets + [
        // The front door: checking briefs as `accord check` does, through a small documented API.
        .target(name: "Accord", dependencies: ["AccordRun"]),
        // Commands, option parsing and terminal output; thin over the front door, testable in-process.
        .target(name: "AccordCLI", dependencies: ["Accord"]),
        .executableTarget(
            name: "accord",
            dependencies: ["AccordCLI", .target(name: "ThreadCache", condition: .when(traits: ["ThreadCache"]))]
        ),
        // A cache of freed memory for each thread, in front of glibc's allocator (C: it replaces `malloc`
        // and `free` for the whole process that links it). Only the executable links it, with the trait.
        .target(name: "ThreadCache"),
        // Embeds Rules/ into AccordRules before every build, so a copied binary carries the built-in packs.
        .plugin(name: "EmbedRules", capability: .buildTool()),
        // What the test targets share: where the package and ../shared are, field access on values.
        .target(name: "AccordTestSupport", dependencies: ["AccordRun"], path: "Tests/AccordTestSupport"),
        .testTarget(name: "AccordCoreTests", dependencies: ["AccordRun", "AccordTestSupport"]),
        .testTarget(name: "AccordCLITests", dependencies: ["AccordCLI", "Accord", "AccordTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
