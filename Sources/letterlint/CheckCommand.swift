import ArgumentParser
import Foundation
import LetterLint

enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    case human, json
}

enum FailOn: String, CaseIterable, ExpressibleByArgument {
    case error, warning, info, never

    var severity: Severity? { Severity(rawValue: rawValue) }
}

extension ColorChoice: ExpressibleByArgument {}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check letters and report what to change.",
        discussion: "With no path, or '-', the letter is read from standard input. A folder is searched for .txt, .md and .markdown files."
    )

    @Argument(help: ArgumentHelp("Letters or folders to check; '-' or nothing for standard input.", valueName: "path"))
    var paths: [String] = []

    @Option(help: "Report format: human or json.")
    var format: OutputFormat = .human

    @Option(name: .customLong("fail-on"), help: "Exit with status 1 when a finding is at or above this severity: error, warning, info or never.")
    var failOn: FailOn = .error

    @Flag(name: .shortAndLong, help: "Report only findings at or above the --fail-on severity, and no summary.")
    var quiet = false

    @Option(help: "Colour in human output: auto (on a terminal, unless NO_COLOR is set), always or never.")
    var color: ColorChoice = .auto

    @OptionGroup var linting: LintingOptions

    func run() throws {
        let checker = Checker(linter: try linting.linter(), options: linting.lintOptions)
        var reports: [FileReport] = []
        var problems = false

        let targets = paths.isEmpty ? ["-"] : paths
        let expanded = InputFiles.expand(targets.filter { $0 != "-" })
        for error in expanded.errors { Terminal.error("letterlint: \(error)"); problems = true }
        if targets.contains("-") {
            do { reports.append(try checker.check(bytes: InputFiles.readStandardInput(), path: "<stdin>")) }
            catch { Terminal.error("letterlint: \(error)"); problems = true }
        }
        for path in expanded.files {
            do { reports.append(try checker.check(bytes: try InputFiles.read(path), path: path)) }
            catch { Terminal.error("letterlint: \(error)"); problems = true }
        }
        reports.sort { $0.path < $1.path }

        for report in reports {
            for diagnostic in report.result.diagnostics {
                Terminal.error("letterlint: \(report.path): warning: \(diagnostic.message)")
            }
        }
        let threshold = failOn.severity
        if quiet {
            reports = reports.map { $0.filtered { finding in threshold.map { finding.severity >= $0 } ?? false } }
        }

        switch format {
        case .human:
            let style = HumanReport.Style(color: Terminal.wantsColor(color), summary: !quiet)
            Terminal.out(HumanReport.render(reports, style: style))
        case .json:
            Terminal.out(JSONReport.render(reports, toolVersion: LetterLintVersion.current))
        }

        if problems { throw ExitCode(2) }
        if let threshold, reports.flatMap(\.findings).contains(where: { $0.severity >= threshold }) {
            throw ExitCode(1)
        }
    }
}
