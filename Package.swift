// swift-tools-version: 6.1
import PackageDescription

/// The pipeline, one folder per stage in the order the data flows (see docs/architecture.md):
/// Source -> Document -> Expression -> Schema -> Rules -> Engine -> Project -> Reports -> Run.
/// The stages are one module: as a target each, their boundaries cost the check 18% more
/// instructions (Benchmarks/README.md). `.ci/check-layers` compiles each stage as a module of its own,
/// seeing only the stages before it, so the compiler still refuses a back edge or a stage reaching
/// past `package` access into another's internals.
let core: Target = .target(
    name: "AccordCore",
    // BuiltinRules links to the top-level Rules folder: declared here so that SwiftPM sees rule files
    // added, changed or removed, and the BuiltinRules plugin compiles them into the module. Copied as
    // a folder, not processed: processing flattens it, and two folders hold files of one name
    // (data/markets/RU.toml, data/holidays/RU.toml).
    resources: [.copy("BuiltinRules")],
    plugins: ["BuiltinRules"]
)

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
    targets: [
        core,
        // The front door: checking briefs as `accord check` does, through a small documented API.
        .target(name: "Accord", dependencies: ["AccordCore"]),
        // Commands, option parsing and terminal output; thin over the front door, testable in-process.
        .target(name: "AccordCLI", dependencies: ["Accord"], plugins: ["BuildInfo"]),
        .executableTarget(
            name: "accord",
            dependencies: ["AccordCLI", .target(name: "ThreadCache", condition: .when(traits: ["ThreadCache"]))]
        ),
        // In-process timings of the stages, for the drivers in Benchmarks/ (not a product).
        .executableTarget(name: "accord-bench", dependencies: ["Accord", "AccordCore"], path: "Benchmarks/Sources/accord-bench"),
        // A cache of freed memory for each thread, in front of glibc's allocator (C: it replaces `malloc`
        // and `free` for the whole process that links it). Only the executable links it, with the trait.
        .target(name: "ThreadCache"),
        // Embeds Rules/ into AccordCore before every build, so a copied binary carries the built-in packs;
        // in AccordCoreTests, writes a test per built-in rule that runs its examples.
        .plugin(name: "BuiltinRules", capability: .buildTool()),
        .plugin(name: "BuildInfo", capability: .buildTool()),
        // What the test targets share: where the package and ../shared are, field access on values.
        .target(name: "AccordTestSupport", dependencies: ["AccordCore"], path: "Tests/AccordTestSupport"),
        .testTarget(name: "AccordCoreTests", dependencies: ["AccordCore", "AccordTestSupport"], plugins: ["BuiltinRules"]),
        .testTarget(name: "AccordCLITests", dependencies: ["AccordCLI", "Accord", "AccordTestSupport"]),
        // The cache's own tests, built only with the trait (.ci/run runs them so, apart from the others).
        .testTarget(name: "ThreadCacheTests", dependencies: ["AccordTestSupport", .target(name: "ThreadCache", condition: .when(traits: ["ThreadCache"]))]),
    ],
    swiftLanguageModes: [.v6]
)
