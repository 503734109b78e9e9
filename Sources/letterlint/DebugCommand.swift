import ArgumentParser
import LetterLint

struct DebugCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "debug",
        abstract: "Show how letterlint reads a letter.",
        shouldDisplay: false,
        subcommands: [Tokens.self, Dates.self]
    )

    struct Tokens: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tokens",
            abstract: "Print the sections, paragraphs and sentences the tokenizer found, and the facts read from the letter.")

        @Argument(help: "A letter; '-' for standard input.")
        var path: String = "-"

        @OptionGroup var linting: LintingOptions

        func run() throws {
            let bytes: [UInt8]
            do { bytes = path == "-" ? InputFiles.readStandardInput() : try InputFiles.read(path) }
            catch { Terminal.error("letterlint: \(error)"); throw ExitCode(2) }
            let report: FileReport
            do { report = try Checker(linter: try linting.linter(), options: linting.lintOptions).check(bytes: bytes, path: path) }
            catch { Terminal.error("letterlint: \(error)"); throw ExitCode(2) }
            Terminal.out(TokenDump.render(report))
        }
    }

    struct Dates: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dates",
            abstract: "Print the dates found in a letter, what each is for and how each was resolved, and the notice they give.")

        @Argument(help: "A letter; '-' for standard input.")
        var path: String = "-"

        @OptionGroup var linting: LintingOptions

        func run() throws {
            let bytes: [UInt8]
            do { bytes = path == "-" ? InputFiles.readStandardInput() : try InputFiles.read(path) }
            catch { Terminal.error("letterlint: \(error)"); throw ExitCode(2) }
            let report: FileReport
            do { report = try Checker(linter: try linting.linter(), options: linting.lintOptions).check(bytes: bytes, path: path) }
            catch { Terminal.error("letterlint: \(error)"); throw ExitCode(2) }
            let document = report.result.document
            Terminal.out(DateDump.render(DateAnalysis(document: document, options: linting.lintOptions), in: document))
        }
    }
}
