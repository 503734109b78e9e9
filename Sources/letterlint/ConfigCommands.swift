import ArgumentParser
import Foundation
import LetterLint

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Write a commented starter .letterlint.yml in this folder.")

    @Flag(help: "Overwrite an existing .letterlint.yml.")
    var force = false

    func run() throws {
        let path = Configuration.fileName
        if FileManager.default.fileExists(atPath: path) && !force {
            Terminal.error("letterlint: \(path) already exists; use --force to overwrite it")
            throw ExitCode(2)
        }
        do { try Configuration.starter.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            Terminal.error("letterlint: cannot write \(path): \(error.localizedDescription)")
            throw ExitCode(2)
        }
        Terminal.out("Wrote \(path). Every setting in it is commented out; uncomment what you need.\n")
    }
}

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "config", abstract: "Print the effective configuration and where each value comes from.")

    @Option(help: ArgumentHelp("Use this configuration file instead of the nearest .letterlint.yml.", valueName: "file"))
    var config: String?

    @OptionGroup var linting: LintingOptions

    func run() throws {
        let session = CheckSession(flags: linting.flagSettings, explicitConfig: config)
        do {
            Terminal.out(try session.settings(forFolder: FileManager.default.currentDirectoryPath).describe())
        } catch {
            Terminal.error("letterlint: invalid configuration: \(error)")
            throw ExitCode(2)
        }
    }
}
