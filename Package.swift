// swift-tools-version: 6.1
import PackageDescription

/// Release builds on Linux link the Swift runtime and Foundation into the binary (see `accord` below);
/// the modules are compiled for it too, so that they ask for the static libraries.
let staticRuntime: SwiftSetting = .unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))

let package = Package(
    name: "Accord",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "accord", targets: ["accord"]),
        .library(name: "AccordCore", targets: ["AccordCore"]),
    ],
    dependencies: [],
    targets: [
        // The pipeline: text -> document -> checked rules -> findings -> report.
        .target(
            name: "AccordCore",
            // BuiltinRules links to the top-level Rules folder: declared here so that SwiftPM sees
            // rule files added, changed or removed, and EmbedRules compiles them into the binary.
            resources: [.process("BuiltinRules")],
            // Release builds skip the run-time exclusivity checks on class properties (debug builds,
            // which the tests use, keep them): they cost a tenth of the time of reading a brief.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)), staticRuntime],
            plugins: ["EmbedRules"]
        ),
        // Commands, option parsing and terminal output; thin over AccordCore, testable in-process.
        .target(
            name: "AccordCLI",
            dependencies: ["AccordCore"],
            swiftSettings: [staticRuntime]
        ),
        // Release builds on Linux link the Swift runtime and Foundation into the binary: a copied
        // `accord` runs where no Swift is installed, and it starts in 2 ms instead of 6 (no shared
        // libraries to bind). The binary is larger (about 60 MB stripped, most of it ICU's data).
        .executableTarget(
            name: "accord",
            dependencies: ["AccordCLI", "ThreadCache"],
            swiftSettings: [staticRuntime],
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-use-ld=lld"], .when(platforms: [.linux], configuration: .release))]
        ),
        // A cache of freed memory for each thread, in front of glibc's allocator (C: it replaces
        // `malloc` and `free` for the whole process). Linked into the binary and the tests.
        // DWARF 4, as the Swift modules have it: valgrind 3.19 gives up on a binary that mixes in 5.
        .target(name: "ThreadCache", cSettings: [.unsafeFlags(["-gdwarf-4"])]),
        // Embeds Rules/ into AccordCore before every build, so a copied binary carries the built-in packs.
        .plugin(
            name: "EmbedRules",
            capability: .buildTool()
        ),
        // What both test targets share: where the package and ../shared are, field access on values.
        .target(
            name: "AccordTestSupport",
            dependencies: ["AccordCore"],
            path: "Tests/AccordTestSupport"
        ),
        .testTarget(
            name: "AccordCoreTests",
            // ThreadCache too: the tests then run on the allocator the binary uses.
            dependencies: ["AccordCore", "AccordTestSupport", "ThreadCache"]
        ),
        .testTarget(
            name: "AccordCLITests",
            dependencies: ["AccordCLI", "AccordCore", "AccordTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
