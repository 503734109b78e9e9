import ArgumentParser
import Foundation
import LetterLint

struct DraftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draft",
        abstract: "Write a new letter from a few facts.",
        discussion: """
            Composes a complete letter from letterlint's templates. Give the facts as options; on \
            a terminal, letterlint asks for the ones you left out, one question at a time (press \
            Enter to skip one). It never asks when standard input is not a terminal, or with \
            --no-input: then a missing fact becomes a placeholder such as [Your role], which \
            'letterlint check' reports until you fill it in, and the kind, tone and industry \
            default to open-door, neutral and other.

            --last-day takes 2026-03-27 (written out as Friday, 27 March 2026) or a date as you \
            would write it (27 March 2026, March 27, 2026).
            """
    )

    @Option(help: ArgumentHelp("Your name, as you sign.", valueName: "name"))
    var name: String?

    @Option(help: ArgumentHelp("Your manager's name, for the greeting.", valueName: "name"))
    var manager: String?

    @Option(help: ArgumentHelp("The company you are leaving.", valueName: "name"))
    var company: String?

    @Option(help: ArgumentHelp("Your job title.", valueName: "title"))
    var role: String?

    @Option(name: .customLong("last-day"), help: ArgumentHelp("Your last working day.", valueName: "date"))
    var lastDay: String?

    @Option(help: ArgumentHelp("A project to thank the team for, in general terms (\"the fraud detection model\").", valueName: "text"))
    var project: String?

    @Option(help: ArgumentHelp("The colleague who takes over your work.", valueName: "name"))
    var successor: String?

    @Option(help: "The kind of letter: open-door, closed-door or counter-offer.")
    var style: LetterStyle?

    @Option(help: "The tone: positive, neutral, graceful or grateful.")
    var tone: LetterTone?

    @Flag(name: .customLong("no-input"), help: "Never ask questions, even on a terminal.")
    var noInput = false

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the letter to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Use this configuration file instead of the nearest .letterlint.yml.", valueName: "file"))
    var config: String?

    @OptionGroup var linting: LintingOptions

    func validate() throws {
        if let lastDay, LetterDates.lastDay(from: lastDay) == nil {
            throw ValidationError("--last-day '\(lastDay)' is not a date letterlint can put in a letter; use 2026-03-27 or 27 March 2026")
        }
    }

    func run() throws {
        let rules = try LetterRules.Cache(session: CheckSession(flags: linting.flagSettings, explicitConfig: config))
            .forLetter(at: (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent("letter.txt"))
        let options = rules.settings.lintOptions
        var values = TemplateValues()
        values[.name] = name
        values[.manager] = manager
        values[.company] = company
        values[.role] = role
        values[.lastDay] = lastDay.flatMap(LetterDates.lastDay(from:))
        values[.project] = project.map(DraftInterview.project)
        values[.successor] = successor
        var answers = DraftInterview.Answers(values: values, industry: options.industry, style: style, tone: tone)
        if !noInput && Terminal.inputIsInteractive {
            answers = DraftInterview.run(answers, ask: Terminal.ask, say: { Terminal.error($0) })
        }
        let composer = LetterComposer(library: try FixCommand.library(), linter: rules.linter, options: options,
                                      review: rules.review(pathExtension: "txt"))
        let letter = composer.compose(LetterComposer.Request(
            style: answers.style ?? DraftInterview.defaultStyle, tone: answers.tone ?? DraftInterview.defaultTone,
            industry: answers.industry ?? DraftInterview.defaultIndustry, values: answers.values))
        try ComposedLetterOutput.emit(letter, to: output)
    }
}

extension Terminal {
    /// Whether a person can answer questions: standard input is a terminal.
    static var inputIsInteractive: Bool { isatty(STDIN_FILENO) == 1 }

    /// Asks on standard error (standard output carries the letter) and reads one line;
    /// nil at the end of input.
    static func ask(_ question: String) -> String? {
        FileHandle.standardError.write(Data((question + " ").utf8))
        return readLine(strippingNewline: true)
    }
}
