import ArgumentParser
import LetterLint

struct DebugCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "debug",
        abstract: "Show how letterlint reads a letter.",
        shouldDisplay: false,
        subcommands: [Tokens.self, Dates.self]
    )

    /// The letter a debug view shows, read in its own format and checked as `check` would.
    struct Letter: ParsableArguments {
        @Argument(help: "A letter (.txt, .md, .html, .eml or .docx); '-' for standard input as text.")
        var path: String = "-"

        @OptionGroup var linting: LintingOptions

        func report() throws -> FileReport {
            do {
                let bytes = path == "-" ? InputFiles.readStandardInput() : try InputFiles.read(path)
                let format = path == "-" ? InputFormat.text : InputFormat.of(path: path)
                return try Checker(linter: try linting.linter(), options: linting.lintOptions).check(bytes: bytes, path: path, format: format)
            } catch let error as ExitCode {
                throw error
            } catch {
                Terminal.error("letterlint: \(error)")
                throw ExitCode(2)
            }
        }
    }

    struct Tokens: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tokens",
            abstract: "Print the sections, paragraphs and sentences the tokenizer found, and the facts read from the letter.")

        @OptionGroup var letter: Letter

        func run() throws {
            Terminal.out(TokenDump.render(try letter.report()))
        }
    }

    struct Dates: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dates",
            abstract: "Print the dates found in a letter, what each is for and how each was resolved, and the notice they give.")

        @OptionGroup var letter: Letter

        func run() throws {
            let report = try letter.report()
            let document = report.result.document
            Terminal.out(DateDump.render(DateAnalysis(document: document, options: letter.linting.lintOptions), in: document))
        }
    }
}
