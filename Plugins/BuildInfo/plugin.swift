import Foundation
import PackagePlugin

/// Writes `BuildInfo.commit` (the commit the build is made from) for `accord --version`, from the
/// repository's `.git` folder; it runs again when HEAD or the branch's ref changes.
@main
struct BuildInfoPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let git = root.appendingPathComponent(".git")
        var inputs = [git.appendingPathComponent("HEAD"), git.appendingPathComponent("packed-refs")]
        if let head = try? String(contentsOf: inputs[0], encoding: .utf8), head.hasPrefix("ref: ") {
            inputs.append(git.appendingPathComponent(head.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("BuildInfo.swift")
        return [
            .buildCommand(
                displayName: "Writing the commit for accord --version",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [root.appendingPathComponent("Plugins/BuildInfo/build-info.sh").path, root.path, output.path],
                inputFiles: inputs.filter { FileManager.default.fileExists(atPath: $0.path) },
                outputFiles: [output]
            )
        ]
    }
}
