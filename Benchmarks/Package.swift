// swift-tools-version: 6.0
// Benchmarks for Accord, kept apart from the main package. The drivers (*.py) run these tools
// side by side with peers (rtoml, the Python cel package) in one run.
import PackageDescription

let package = Package(
    name: "AccordBenchmarks",
    dependencies: [.package(name: "Accord", path: "..")],
    targets: [
        .executableTarget(
            name: "accord-bench",
            dependencies: [.product(name: "AccordCore", package: "Accord")],
            swiftSettings: [.unsafeFlags(["-Ounchecked"], .when(configuration: .debug)),
                            .unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))],
            // As `accord` itself: AccordCore's release build asks for the static Swift runtime on Linux.
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-use-ld=lld"], .when(platforms: [.linux], configuration: .release))]
        ),
    ],
    swiftLanguageModes: [.v6]
)
