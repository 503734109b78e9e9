import ArgumentParser
import Foundation
import LetterLint

extension ReportFormat: ExpressibleByArgument {}
extension FailThreshold: ExpressibleByArgument {}
extension ColorChoice: ExpressibleByArgument {}

/// Everything `check` and `scan` share.
struct CheckOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Letters or folders to check; '-' or nothing for standard input.", valueName: "path"))
    var paths: [String] = []

    @Option(help: ArgumentHelp("Report format: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "format"))
    var format: ReportFormat = .human

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(name: .customLong("fail-on"), help: "Exit with status 1 when a finding is at or above this severity: error, warning, info or never (default: error, or fail-on: in .letterlint.yml).")
    var failOn: FailThreshold?

    @Flag(name: .shortAndLong, help: "Report only findings at or above the --fail-on severity, no summary and no progress bar.")
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

    @Option(name: .shortAndLong, help: ArgumentHelp("Letters checked at once (default: one per core).", valueName: "n"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .customLong("max-file-size"), help: ArgumentHelp("Skip files larger than this many bytes, with a note.", valueName: "bytes"))
    var maxFileSize: Int = FolderWalker.defaultMaxFileSize

    @Flag(name: .customLong("follow-symlinks"), help: "Follow symbolic links when walking folders (loops are walked once).")
    var followSymlinks = false

    @Option(name: .customLong("stdin-format"), help: ArgumentHelp("The format of a letter read from standard input: txt, md, html, eml or docx.", valueName: "format"))
    var stdinFormat: String = "txt"

    @OptionGroup var linting: LintingOptions

    func validate() throws {
        if staged && !paths.isEmpty { throw ValidationError("--staged checks the index; give no paths with it") }
        if baseline != nil && writeBaseline != nil { throw ValidationError("use --baseline or --write-baseline, not both") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if InputFormat(name: stdinFormat) == nil {
            throw ValidationError("--stdin-format must be one of: \(InputFormat.stdinNames.joined(separator: ", "))")
        }
        if maxFileSize < 1 { throw ValidationError("--max-file-size must be a positive number of bytes") }
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check letters and report what to change.",
        discussion: """
            With no path, or '-', the letter is read from standard input. Folders are searched \
            recursively for letters, honouring .gitignore and .letterlintignore. Settings come \
            from the nearest .letterlint.yml (or --config), then flags.
            """
    )

    @OptionGroup var options: CheckOptions

    func run() throws {
        try CheckRun(options: options, progress: false).run()
    }
}

struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Check folders of letters, with a progress bar and a summary.",
        discussion: "The same as check, made for batches: a progress bar on a terminal (stderr) and a summary of what needs attention."
    )

    @OptionGroup var options: CheckOptions

    func run() throws {
        try CheckRun(options: options, progress: true).run()
    }
}

/// One run of check or scan: collect the letters, check them on all cores, report.
struct CheckRun {
    let options: CheckOptions
    let progress: Bool

    func run() throws {
        var flags = options.linting.flagSettings
        flags.failOn = options.failOn
        flags.baseline = options.baseline
        flags.ignoreBaseline = options.writeBaseline != nil
        let session = CheckSession(flags: flags, explicitConfig: options.config)
        let cwd = FileManager.default.currentDirectoryPath
        let settings: Settings
        do { settings = try session.settings(forFolder: cwd) } catch {
            Terminal.error("letterlint: invalid configuration: \(error)")
            throw ExitCode(2)
        }

        var problems = false
        var items: [BatchRunner.Item]
        if options.staged {
            items = try stagedItems(settings)
        } else {
            let targets = options.paths.isEmpty ? ["-"] : options.paths
            var walkOptions = FolderWalker.Options(include: settings.include.value.compactMap(Glob.init),
                                                   exclude: settings.exclude.value.compactMap(Glob.init),
                                                   maxFileSize: options.maxFileSize)
            walkOptions.followSymlinks = options.followSymlinks
            let walked = FolderWalker(options: walkOptions).walk(targets.filter { $0 != "-" })
            for error in walked.errors { Terminal.error("letterlint: \(error)"); problems = true }
            if !options.quiet { for note in walked.notes { Terminal.error("letterlint: note: \(note)") } }
            items = walked.files.map { BatchRunner.Item(path: $0, location: $0) }
            if targets.contains("-") {
                items.insert(BatchRunner.Item(path: "<stdin>", location: (cwd as NSString).appendingPathComponent("<stdin>"),
                                              bytes: InputFiles.readStandardInput(), format: InputFormat(name: options.stdinFormat)),
                             at: 0)
            }
        }

        let bar = progress && !options.quiet ? ProgressBar() : nil
        var onProgress: (@Sendable (Int, Int) -> Void)? = nil
        if let bar { onProgress = { done, total in bar.update(done: done, total: total) } }
        let outcomes = BatchRunner.run(items, session: session, jobs: options.jobs, maxFileSize: options.maxFileSize,
                                       progress: onProgress)
        bar?.finish()

        var reports: [FileReport] = []
        var locations: [String: String] = [:]
        for (item, outcome) in zip(items, outcomes) {
            switch outcome {
            case .report(let report):
                reports.append(report)
                locations[report.path] = item.location
            case .failed(let failure):
                Terminal.error("letterlint: \(failure)")
                if case .configuration = failure { throw ExitCode(2) }
                problems = true
            }
        }
        reports.sort { $0.path < $1.path }
        for report in reports {
            for diagnostic in report.result.diagnostics {
                Terminal.error("letterlint: \(report.path): warning: \(diagnostic.message)")
            }
            // JSON, SARIF and Checkstyle have no place for reading notes ("invalid bytes were
            // read as U+FFFD", "decoded from UTF-16"): they go to stderr rather than nowhere.
            if !options.quiet && [.json, .sarif, .checkstyle].contains(options.format) {
                for note in report.notes { Terminal.error("letterlint: \(report.path): note: \(note)") }
            }
        }

        if let file = options.writeBaseline {
            try writeBaseline(reports, locations: locations, to: file)
            if problems { throw ExitCode(2) }
            return
        }

        let threshold = settings.failOn.value.severity
        if options.quiet {
            reports = reports.map { $0.filtered { finding in threshold.map { finding.severity >= $0 } ?? false } }
        }
        let ruleSet: RuleSet
        do { ruleSet = try session.ruleSet(forFolder: cwd) } catch {
            Terminal.error("letterlint: invalid configuration: \(error)")
            throw ExitCode(2)
        }
        let color = options.output == nil && Terminal.wantsColor(options.color)
        let text = options.format.render(reports, ruleSet: ruleSet, options: .init(color: color, summary: !options.quiet))
        if let output = options.output {
            do { try text.write(toFile: output, atomically: true, encoding: .utf8) } catch {
                Terminal.error("letterlint: cannot write the report to \(output): \(error.localizedDescription)")
                throw ExitCode(2)
            }
        } else {
            Terminal.out(text)
        }

        if problems { throw ExitCode(2) }
        let failing = threshold.map { t in reports.flatMap(\.findings).filter { $0.severity >= t }.count } ?? 0
        if failing > 0 {
            if options.staged { Terminal.error(CheckRun.blockedFooter(failing, threshold: threshold!)) }
            throw ExitCode(1)
        }
    }

    private func writeBaseline(_ reports: [FileReport], locations: [String: String], to file: String) throws {
        var recorded = Baseline()
        let folder = (file as NSString).deletingLastPathComponent
        for report in reports {
            recorded.record(report, as: CheckSession.key(for: locations[report.path] ?? report.path, relativeTo: folder.isEmpty ? "." : folder))
        }
        do { try recorded.serialized().write(toFile: file, atomically: true, encoding: .utf8) } catch {
            Terminal.error("letterlint: cannot write \(file): \(error.localizedDescription)")
            throw ExitCode(2)
        }
        let count = reports.reduce(0) { $0 + $1.findings.count }
        Terminal.error("letterlint: recorded \(count) finding\(count == 1 ? "" : "s") in \(file)")
    }

    /// Staged letters, read from the index (so a partly staged file is judged as it will be
    /// committed), with paths relative to the repository root.
    private func stagedItems(_ settings: Settings) throws -> [BatchRunner.Item] {
        do {
            let repository = try GitRepository.discover(from: FileManager.default.currentDirectoryPath)
            let include = settings.include.value.compactMap(Glob.init)
            let exclude = settings.exclude.value.compactMap(Glob.init)
            let files = try repository.stagedFiles().filter { file in
                include.contains { $0.matches(file.path) } && !exclude.contains { $0.matches(file.path) }
            }
            let contents = try repository.blobs(files.map(\.blob))
            return files.map { file in
                BatchRunner.Item(path: file.path, location: (repository.root as NSString).appendingPathComponent(file.path),
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
