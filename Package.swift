// swift-tools-version: 6.0
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
        // Build-time tool: turns the files under Rules/ into Swift source, so a copied binary carries them.
        .executableTarget(
            name: "embed-rules",
            path: "Sources/embed-rules"
        ),
        .plugin(
            name: "EmbedRules",
            capability: .buildTool(),
            dependencies: ["embed-rules"]
        ),
        .testTarget(
            name: "AccordCoreTests",
            dependencies: ["AccordCore"]
        ),
        .testTarget(
            name: "AccordCLITests",
            dependencies: ["AccordCLI", "AccordCore"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
