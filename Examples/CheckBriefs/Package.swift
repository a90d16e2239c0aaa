// swift-tools-version: 6.1
// A program that uses Accord as a library, through its front door (docs/swift.md). With
// ACCORD_PACKAGE_URL set it depends on Accord by version, as any other package would: .ci/run points
// it at a tagged clone of this repository. Without it, on this repository's own folder.
import PackageDescription

let accord: (dependency: Package.Dependency, name: String)
if let url = Context.environment["ACCORD_PACKAGE_URL"] {
    // The package's name is the URL's last part, without ".git".
    let last = url.split(separator: "/").last.map(String.init) ?? "accord"
    accord = (.package(url: url, from: "0.1.0"), last.hasSuffix(".git") ? String(last.dropLast(4)) : last)
} else {
    // The package's name is its folder's.
    let root = Context.packageDirectory.split(separator: "/").dropLast(2)
    accord = (.package(path: "../.."), root.last.map(String.init) ?? "accord")
}

let package = Package(
    name: "CheckBriefs",
    platforms: [.macOS(.v13)],
    dependencies: [accord.dependency],
    targets: [
        .executableTarget(name: "check-briefs", dependencies: [.product(name: "Accord", package: accord.name)]),
    ],
    swiftLanguageModes: [.v6]
)
