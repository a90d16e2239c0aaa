// swift-tools-version: 6.1
import PackageDescription

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
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))],
            plugins: ["EmbedRules"]
        ),
        // Commands, option parsing and terminal output; thin over AccordCore, testable in-process.
        .target(
            name: "AccordCLI",
            dependencies: ["AccordCore"]
        ),
        .executableTarget(
            name: "accord",
            dependencies: ["AccordCLI"]
        ),
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
            dependencies: ["AccordCore", "AccordTestSupport"]
        ),
        .testTarget(
            name: "AccordCLITests",
            dependencies: ["AccordCLI", "AccordCore", "AccordTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
