import Foundation
import PackagePlugin

/// Compiles the `Rules` folder into AccordCore, so the built-in packs travel inside the binary and a
/// copied `accord` carries them. The target sees the folder through `Sources/AccordCore/BuiltinRules`
/// (a link to `Rules`, declared as a resource): that is what makes SwiftPM notice rule files being
/// added, changed or removed, and re-run this command.
@main
struct EmbedRules: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let module = target as? SourceModuleTarget else { return [] }
        let rules = module.directoryURL.appendingPathComponent("BuiltinRules")
        let inputs = module.sourceFiles.filter { $0.url.path.contains("/BuiltinRules/") }.map(\.url)
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedRules.swift")
        return [
            .buildCommand(
                displayName: "Embedding the built-in rule packs",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [context.package.directoryURL.appendingPathComponent("Plugins/EmbedRules/embed-rules.sh").path,
                            rules.path, output.path],
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
