import Foundation
import PackagePlugin

/// Embeds every lexicon and template file under the package's `Lexicons/` folder into
/// the `LetterLint` module as Swift source, so the binary needs no resource bundle.
@main
struct EmbedLexicons: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL.appending(path: "Lexicons")
        let inputs = lexiconFiles(under: root)
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedLexicons.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) lexicon files",
                executable: try context.tool(named: "lexicon-embedder").url,
                arguments: [root.path, output.path],
                inputFiles: inputs,
                outputFiles: [output]
            ),
        ]
    }

    private func lexiconFiles(under root: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }
            .filter { ["yml", "yaml"].contains($0.pathExtension) }
            .sorted { $0.path < $1.path }
    }
}
