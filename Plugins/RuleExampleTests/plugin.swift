import Foundation
import PackagePlugin

/// Writes one test per built-in rule into the test target it is applied to, each running that rule's
/// examples: `swift test --filter TL004` runs TL004's alone. The rule ids are read from the `rule`
/// lines of the Rules folder's `*.rules` files, so a rule added there is a test at the next build.
@main
struct RuleExampleTests: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let rules = context.package.directoryURL.appendingPathComponent("Rules")
        var inputs: [URL] = []
        if let walk = FileManager.default.enumerator(at: rules, includingPropertiesForKeys: nil) {
            for case let url as URL in walk where url.pathExtension == "rules" { inputs.append(url) }
        }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("BuiltinRuleExampleTests.swift")
        return [
            .buildCommand(
                displayName: "Writing a test for each built-in rule",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [context.package.directoryURL.appendingPathComponent("Plugins/RuleExampleTests/rule-tests.sh").path,
                            rules.path, output.path],
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
