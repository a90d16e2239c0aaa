// swift-tools-version: 6.1
// A program that uses Accord as a library, through its front door: it depends on Accord by version,
// as any other package would. ACCORD_PACKAGE_URL says where Accord's repository is (.ci/run points
// it at a tagged local clone); see docs/swift.md.
import PackageDescription

let accord = Context.environment["ACCORD_PACKAGE_URL"] ?? "https://github.com/accord-alignment/accord.git"

let package = Package(
    name: "CheckBriefs",
    platforms: [.macOS(.v13)],
    dependencies: [.package(url: accord, from: "0.1.0")],
    targets: [
        .executableTarget(name: "check-briefs", dependencies: [.product(name: "Accord", package: "accord")]),
    ],
    swiftLanguageModes: [.v6]
)
