import Foundation
import PackagePlugin

/// Generates code from the top-level `Rules` folder before every build.
///
/// - In AccordCore it compiles the folder into the module (`embed-rules.sh`), so the built-in packs
///   travel inside the binary and a copied `accord` carries them. The target sees the folder through
///   `Sources/AccordCore/BuiltinRules` (a link to `Rules`, declared as a resource): that is what makes
///   SwiftPM notice rule files being added, changed or removed, and re-run this command.
/// - In a test target it writes one test per built-in rule, running that rule's examples
///   (`rule-tests.sh`), so that `swift test --filter TL004` runs TL004's alone.
@main
struct BuiltinRules: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let module = target as? SourceModuleTarget else { return [] }
        let rules = context.package.directoryURL.appendingPathComponent("Rules")
        let forTests = module.kind == .test
        var inputs: [URL] = []
        if let walk = FileManager.default.enumerator(at: rules, includingPropertiesForKeys: nil) {
            for case let url as URL in walk where !url.hasDirectoryPath && (!forTests || url.pathExtension == "rules") {
                inputs.append(url)
            }
        }
        let script = forTests ? "rule-tests.sh" : "embed-rules.sh"
        let output = context.pluginWorkDirectoryURL.appendingPathComponent(forTests ? "BuiltinRuleExampleTests.swift" : "EmbeddedRules.swift")
        return [
            .buildCommand(
                displayName: forTests ? "Writing a test for each built-in rule" : "Embedding the built-in rule packs",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [context.package.directoryURL.appendingPathComponent("Plugins/BuiltinRules/" + script).path,
                            rules.path, output.path],
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
