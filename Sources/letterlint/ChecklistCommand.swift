import ArgumentParser
import LetterLint

extension ChecklistReport.Format: ExpressibleByArgument {}

struct ChecklistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checklist",
        abstract: "Print the pre-departure and handover checklist for an industry.",
        discussion: """
            What to hand over before your last day: the list for every AI and ML role (models in \
            production, experiments, access, scheduled jobs, monitoring) and your industry's own. \
            --format markdown prints task lists to paste into a handover document.
            """
    )

    @Option(help: "Your industry: tech, finance, retail or other.")
    var industry: Industry

    @Option(help: "text or markdown.")
    var format: ChecklistReport.Format = .text

    func run() throws {
        let library = try FixCommand.library()
        Terminal.out(ChecklistReport.render(library.checklists(for: industry), industry: industry, format: format))
    }
}
