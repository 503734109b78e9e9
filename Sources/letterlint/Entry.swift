import ArgumentParser
import Foundation
import LetterLint

/// letterlint: checks draft resignation letters before they are sent.
@main
struct LetterLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "letterlint",
        abstract: "Check a draft resignation letter before you send it.",
        discussion: """
            letterlint reads a letter and flags what can hurt you after it is sent: grievances, \
            the name of your next employer, confidential or technical detail, legal claims, \
            unfilled template fields, tone problems, and a missing last day or handoff. \
            It never sends your letter anywhere.

            Exit status: 0 nothing at or above the failing severity, 1 findings at or above it, \
            2 usage error, unreadable input or invalid lexicon.
            """,
        version: LetterLintVersion.current,
        subcommands: [CheckCommand.self, ScanCommand.self, RulesCommand.self, HookCommand.self, InitCommand.self, ConfigCommand.self, FixCommand.self, RewriteCommand.self, DraftCommand.self, ChecklistCommand.self, DebugCommand.self],
        defaultSubcommand: CheckCommand.self
    )

    /// Runs the command and maps every outcome onto CONTRACT.md's exit statuses: a usage
    /// error is 2 (swift-argument-parser would say 64), help and version are 0.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            if exitCode(for: error) == .success { exit(withError: error) }
            Terminal.error(fullMessage(for: error))
            Foundation.exit(2)
        }
    }
}
