import ArgumentParser
import Foundation
import LetterLint

struct HookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook",
        abstract: "Install or remove the git pre-commit hook that checks staged letters.",
        subcommands: [Install.self, Uninstall.self]
    )

    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Install the pre-commit hook in this repository.")

        @Flag(help: "Keep an existing hook (as pre-commit.legacy) and run it before letterlint.")
        var chain = false

        @Flag(help: "Replace an existing hook that is not letterlint's.")
        var force = false

        func validate() throws {
            if chain && force { throw ValidationError("use --chain or --force, not both") }
        }

        func run() throws {
            do {
                let repository = try GitRepository.discover(from: FileManager.default.currentDirectoryPath)
                let mode: PreCommitHook.Mode = chain ? .chain : force ? .force : .refuseForeign
                switch try PreCommitHook.install(in: repository, mode: mode, executable: Executable.path) {
                case .installed(let path): Terminal.out("Installed the letterlint pre-commit hook in \(path).\n")
                case .unchanged(let path): Terminal.out("The letterlint pre-commit hook is already installed in \(path).\n")
                case .chained(let path, let legacy):
                    Terminal.out("Installed the letterlint pre-commit hook in \(path); your previous hook, kept as \(legacy), runs first.\n")
                case .replaced(let path): Terminal.out("Replaced the pre-commit hook in \(path) with letterlint's.\n")
                case .managedElsewhere(let tool, let file, let line):
                    Terminal.out("This repository's hooks are managed by \(tool). Add this to \(file):\n\n    \(line)\n")
                }
            } catch {
                Terminal.error("letterlint: \(error)")
                throw ExitCode(2)
            }
        }
    }

    struct Uninstall: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove letterlint's pre-commit hook (restoring a chained one).")

        func run() throws {
            do {
                let repository = try GitRepository.discover(from: FileManager.default.currentDirectoryPath)
                switch try PreCommitHook.uninstall(in: repository) {
                case .removed(let path): Terminal.out("Removed the letterlint pre-commit hook from \(path).\n")
                case .restored(let path, let legacy): Terminal.out("Removed the letterlint pre-commit hook and restored \(path) from \(legacy).\n")
                case .notInstalled(let path): Terminal.out("No letterlint pre-commit hook is installed (\(path)).\n")
                }
            } catch {
                Terminal.error("letterlint: \(error)")
                throw ExitCode(2)
            }
        }
    }
}

/// The absolute path of the running letterlint, for the hook to call.
enum Executable {
    static var path: String {
        let argument = CommandLine.arguments[0]
        if argument.contains("/") {
            return URL(fileURLWithPath: argument).standardizedFileURL.resolvingSymlinksInPath().path
        }
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(folder)/\(argument)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return argument
    }
}
