import ArgumentParser
import Foundation
import LetterLint

extension LetterStyle: ExpressibleByArgument {}
extension LetterTone: ExpressibleByArgument {}

struct RewriteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rewrite",
        abstract: "Compose a clean letter from a draft, keeping only its facts.",
        discussion: """
            Reads the draft's facts (your name, your manager, the company, your role, the last \
            working day, a project named at a high level, the colleague taking over) and writes a \
            complete letter of the chosen kind and tone from letterlint's templates. Nothing else \
            of the draft is kept, so nothing it flags can survive. A fact the draft does not give \
            becomes a placeholder such as [Your role], which 'letterlint check' reports until you \
            fill it in.

            Styles: open-door (leave on good terms, open to working together again), closed-door \
            (a clean break), counter-offer (the decision is final, no figures). Tones: positive, \
            neutral, graceful (sensitive circumstances), grateful (a long, mentor-rich tenure). \
            The handover paragraph follows --industry (tech, finance, retail or other); without \
            it, the industry the draft's words point to, or a general one.
            """
    )

    @Argument(help: ArgumentHelp("The draft letter; '-' for standard input.", valueName: "path"))
    var path: String

    @Option(help: "The kind of letter: open-door, closed-door or counter-offer.")
    var style: LetterStyle

    @Option(help: "The tone: positive, neutral, graceful or grateful.")
    var tone: LetterTone

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the letter to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Use this configuration file instead of the nearest .letterlint.yml.", valueName: "file"))
    var config: String?

    @OptionGroup var linting: LintingOptions

    func run() throws {
        // Any format check reads: only the draft's facts are needed, not its bytes.
        let extracted: ExtractedText
        do {
            let bytes = path == "-" ? InputFiles.readStandardInput() : try InputFiles.read(path)
            let format = path == "-" ? InputFormat.text : InputFormat.of(path: path)
            do { extracted = try format.extract(bytes) } catch {
                Terminal.error("letterlint: \(path == "-" ? "<stdin>" : path): \(error)")
                throw ExitCode(2)
            }
        } catch let error as InputError {
            Terminal.error("letterlint: \(error)")
            throw ExitCode(2)
        }
        let location = path == "-" ? (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent("<stdin>") : path
        let rules = try LetterRules.Cache(session: CheckSession(flags: linting.flagSettings, explicitConfig: config)).forLetter(at: location)
        var options = rules.settings.lintOptions
        let draftOptions: LintOptions = {
            var o = options
            if o.letterDate == nil { o.letterDate = extracted.letterDate }
            return o
        }()
        let draft = rules.linter.lint(Document(text: extracted.text), options: draftOptions)
        options.letterDate = draftOptions.letterDate
        let composer = LetterComposer(library: try FixCommand.library(), linter: rules.linter, options: options,
                                      review: rules.review(pathExtension: "txt"))
        let request = LetterComposer.Request(style: style, tone: tone,
                                             industry: options.industry ?? draft.facts.industry ?? .other,
                                             values: TemplateValues(facts: draft.facts),
                                             lineEnding: draft.document.lineEnding)
        try ComposedLetterOutput.emit(composer.compose(request), to: output)
    }
}

/// Writing a composed letter and telling the writer what it still needs.
enum ComposedLetterOutput {
    static func emit(_ letter: LetterComposer.Letter, to output: String?) throws {
        if let output {
            do { try LetterFile.create(output, text: letter.text) } catch {
                Terminal.error("letterlint: \(error)")
                throw ExitCode(2)
            }
        } else {
            Terminal.out(letter.text)
        }
        for fact in letter.dropped {
            Terminal.error("letterlint: note: left out \(describe(fact.slot)) \"\(fact.shown)\" because \(fact.ruleID) flags it")
        }
        if !letter.missing.isEmpty {
            let list = letter.missing.map { "\(describe($0)) \(TemplateValues.placeholder(for: $0))" }.joined(separator: ", ")
            Terminal.error("letterlint: note: fill in the placeholders for what letterlint could not find: \(list)")
        }
    }

    static func describe(_ slot: TemplateSlot) -> String {
        switch slot {
        case .name: return "your name"
        case .manager: return "your manager's name"
        case .company: return "the company"
        case .role: return "your role"
        case .lastDay: return "the last working day"
        case .project: return "the project"
        case .successor: return "the colleague taking over"
        }
    }
}

extension FixCommand {
    /// The bundled template library, or exit status 2 with its `file:line` error.
    static func library() throws -> TemplateLibrary {
        do { return try TemplateLibrary.bundled() } catch {
            Terminal.error("letterlint: invalid template: \(error)")
            throw ExitCode(2)
        }
    }
}
