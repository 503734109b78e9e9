import Foundation
import PackagePlugin

/// Compiles the package's `Lexicons/` folder into the `LetterLint` module: lexicon-embedder
/// decodes every lexicon and template file and analyses every bundled pattern at build time,
/// and writes the result as Swift source. The binary needs no resource bundle and does no
/// YAML parsing or pattern analysis at start-up.
///
/// The command's inputs are every lexicon file under `Lexicons/` (templates included), so
/// editing one reruns the tool, and every folder there, so adding a file does too. Both are
/// needed because SwiftPM re-invokes this plugin only when it re-plans the build (a change
/// to Package.swift, or files added to or removed from a target's sources), not when
/// `Lexicons/` changes: the list the plugin last made can miss a file just added, which is
/// also why the tool walks the folder itself rather than being handed the list. (A file
/// deleted since then is a missing input until the next re-plan; `touch Package.swift`
/// forces one.) SwiftPM also makes the tool executable an input, so a change to LexiconKit
/// that changes the tool regenerates the tables. Files that are not lexicons (the READMEs)
/// are not inputs: they do not change the output.
@main
struct EmbedLexicons: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL.appending(path: "Lexicons")
        let (files, folders) = lexiconFiles(under: root)
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedLexicons.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) lexicon files",
                executable: try context.tool(named: "lexicon-embedder").url,
                arguments: [root.path, output.path],
                inputFiles: files + folders,
                outputFiles: [output]
            ),
        ]
    }

    /// The `.yml`/`.yaml` files below `root`, at any depth, and the folders (`root` itself
    /// included), each in path order. lexicon-embedder reads the same files.
    private func lexiconFiles(under root: URL) -> (files: [URL], folders: [URL]) {
        var files: [URL] = []
        var folders: [URL] = [root]
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey])
        while let url = walker?.nextObject() as? URL {
            if (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
                folders.append(url)
            } else if ["yml", "yaml"].contains(url.pathExtension) {
                files.append(url)
            }
        }
        return (files.sorted { $0.path < $1.path }, folders.sorted { $0.path < $1.path })
    }
}
