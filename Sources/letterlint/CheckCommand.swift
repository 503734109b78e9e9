import ArgumentParser
import Foundation
import LetterLint

enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    case human, json
}

extension FailThreshold: ExpressibleByArgument {}
extension ColorChoice: ExpressibleByArgument {}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check letters and report what to change.",
        discussion: """
            With no path, or '-', the letter is read from standard input. A folder is searched for \
            letters. Settings come from the nearest .letterlint.yml (or --config), then flags.
            """
    )

    @Argument(help: ArgumentHelp("Letters or folders to check; '-' or nothing for standard input.", valueName: "path"))
    var paths: [String] = []

    @Option(help: "Report format: human or json.")
    var format: OutputFormat = .human

    @Option(name: .customLong("fail-on"), help: "Exit with status 1 when a finding is at or above this severity: error, warning, info or never (default: error, or fail-on: in .letterlint.yml).")
    var failOn: FailThreshold?

    @Flag(name: .shortAndLong, help: "Report only findings at or above the --fail-on severity, and no summary.")
    var quiet = false

    @Option(help: "Colour in human output: auto (on a terminal, unless NO_COLOR is set), always or never.")
    var color: ColorChoice = .auto

    @Flag(help: "Check the files staged for commit, as they will be committed (what the pre-commit hook runs).")
    var staged = false

    @Option(help: ArgumentHelp("Use this configuration file instead of the nearest .letterlint.yml.", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("Do not report findings recorded in this baseline file.", valueName: "file"))
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: ArgumentHelp("Record every current finding in this file (to adopt letterlint on existing drafts), and exit 0.", valueName: "file"))
    var writeBaseline: String?

    @OptionGroup var linting: LintingOptions

    func validate() throws {
        if staged && !paths.isEmpty { throw ValidationError("--staged checks the index; give no paths with it") }
        if baseline != nil && writeBaseline != nil { throw ValidationError("use --baseline or --write-baseline, not both") }
    }

    func run() throws {
        var flags = linting.flagSettings
        flags.failOn = failOn
        flags.baseline = baseline
        flags.ignoreBaseline = writeBaseline != nil
        let session = CheckSession(flags: flags, explicitConfig: config)
        let cwd = FileManager.default.currentDirectoryPath
        let settings: Settings
        do { settings = try session.settings(forFolder: cwd) } catch {
            Terminal.error("letterlint: invalid configuration: \(error)")
            throw ExitCode(2)
        }

        var inputs: [Input]
        var problems = false
        if staged {
            inputs = try stagedInputs(settings)
        } else {
            let targets = paths.isEmpty ? ["-"] : paths
            let expanded = InputFiles.expand(targets.filter { $0 != "-" })
            for error in expanded.errors { Terminal.error("letterlint: \(error)"); problems = true }
            inputs = expanded.files.map { Input(path: $0, location: $0, bytes: nil) }
            if targets.contains("-") { inputs.insert(Input(path: "<stdin>", location: "<stdin>", bytes: InputFiles.readStandardInput()), at: 0) }
        }

        var reports: [FileReport] = []
        for input in inputs {
            do {
                let bytes = try input.bytes ?? InputFiles.read(input.path)
                let location = input.location == "<stdin>" ? (cwd as NSString).appendingPathComponent("<stdin>") : input.location
                reports.append(try session.check(bytes: bytes, path: input.path, location: location))
            } catch let failure as CheckFailure {
                Terminal.error("letterlint: \(failure)")
                if case .configuration = failure { throw ExitCode(2) }
                problems = true
            } catch {
                Terminal.error("letterlint: \(error)")
                problems = true
            }
        }
        reports.sort { $0.path < $1.path }
        for report in reports {
            for diagnostic in report.result.diagnostics {
                Terminal.error("letterlint: \(report.path): warning: \(diagnostic.message)")
            }
        }

        if let writeBaseline {
            var recorded = Baseline()
            let folder = (writeBaseline as NSString).deletingLastPathComponent
            let locations = Dictionary(inputs.map { ($0.path, $0.location) }, uniquingKeysWith: { first, _ in first })
            for report in reports {
                let location = locations[report.path] ?? report.path
                recorded.record(report, as: CheckSession.key(for: location, relativeTo: folder.isEmpty ? "." : folder))
            }
            do { try recorded.serialized().write(toFile: writeBaseline, atomically: true, encoding: .utf8) } catch {
                Terminal.error("letterlint: cannot write \(writeBaseline): \(error.localizedDescription)")
                throw ExitCode(2)
            }
            let count = reports.reduce(0) { $0 + $1.findings.count }
            Terminal.error("letterlint: recorded \(count) finding\(count == 1 ? "" : "s") in \(writeBaseline)")
            if problems { throw ExitCode(2) }
            return
        }

        let threshold = settings.failOn.value.severity
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
        let failing = threshold.map { t in reports.flatMap(\.findings).filter { $0.severity >= t }.count } ?? 0
        if failing > 0 {
            if staged { Terminal.error(CheckCommand.blockedFooter(failing, threshold: threshold!)) }
            throw ExitCode(1)
        }
    }

    struct Input {
        let path: String
        let location: String
        let bytes: [UInt8]?
    }

    /// Staged letters, read from the index (so a partly staged file is judged as it will be
    /// committed), with paths relative to the repository root.
    private func stagedInputs(_ settings: Settings) throws -> [Input] {
        do {
            let repository = try GitRepository.discover(from: FileManager.default.currentDirectoryPath)
            let include = settings.include.value.compactMap(Glob.init)
            let exclude = settings.exclude.value.compactMap(Glob.init)
            let files = try repository.stagedFiles().filter { file in
                include.contains { $0.matches(file.path) } && !exclude.contains { $0.matches(file.path) }
            }
            let contents = try repository.blobs(files.map(\.blob))
            return files.map { file in
                Input(path: file.path, location: (repository.root as NSString).appendingPathComponent(file.path),
                      bytes: contents[file.blob] ?? [])
            }
        } catch {
            Terminal.error("letterlint: \(error)")
            throw ExitCode(2)
        }
    }

    static func blockedFooter(_ count: Int, threshold: Severity) -> String {
        """

        letterlint stopped this commit: \(count) finding\(count == 1 ? "" : "s") at or above \(threshold.rawValue).
          Fix:       edit the letter (or run `letterlint fix FILE`), then `git add` it again.
          Skip once: LETTERLINT_SKIP=1 git commit …   or   git commit --no-verify
          Baseline:  letterlint check --staged --write-baseline .letterlint-baseline.json,
                     then add `baseline: .letterlint-baseline.json` to .letterlint.yml
        """
    }
}
