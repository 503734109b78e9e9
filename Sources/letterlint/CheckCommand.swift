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

/// One run of check or scan: collect the letters, check them on all cores, and write the
/// report as they come, so memory stays flat however many letters there are: a report is
/// dropped once its text is written (or, with `--write-baseline`, once its findings are
/// recorded).
struct CheckRun {
    let options: CheckOptions
    let progress: Bool

    /// A failure to write the report, told apart from the run's own exits.
    private struct ReportWriteFailure: Error {
        let underlying: any Error
    }

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
        // The report lists files by path; checking them in that order lets it be written as
        // they come.
        items = BatchRunner.inReportOrder(items)
        session.jit = CheckSession.wantsJIT(for: items)

        // A broken configuration stops the run with nothing written, so find it before the
        // first letter is checked rather than halfway through the report.
        do { try session.prepare(locations: items.map(\.location)) } catch {
            Terminal.error("letterlint: invalid configuration: \(error)")
            throw ExitCode(2)
        }

        if let file = options.writeBaseline {
            let failed = try recordBaseline(items, session: session, to: file)
            if problems || failed { throw ExitCode(2) }
            return
        }

        let threshold = settings.failOn.value.severity
        let ruleSet: RuleSet
        do { ruleSet = try session.ruleSet(forFolder: cwd) } catch {
            Terminal.error("letterlint: invalid configuration: \(error)")
            throw ExitCode(2)
        }
        let file: AtomicReportFile?
        do { file = try options.output.map { try AtomicReportFile(path: $0) } } catch {
            Terminal.error("letterlint: cannot write the report to \(options.output ?? ""): \(error)")
            throw ExitCode(2)
        }
        let bar = makeProgressBar()
        let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1
        let color = options.output == nil && Terminal.wantsColor(options.color)
        let writer = ReportWriter(format: options.format, ruleSet: ruleSet, options: .init(color: color, summary: !options.quiet))
        let report = ReportStream(writer: writer) { text in
            if let file {
                try file.write(text)
            } else if stdoutIsTerminal, let bar {
                bar.clearingLine { Terminal.out(text) }
            } else {
                Terminal.out(text)
            }
        }

        var failing = 0
        do {
            let failed = try check(items, session: session, bar: bar) { _, checked in
                let shown = options.quiet ? checked.filtered { finding in threshold.map { finding.severity >= $0 } ?? false } : checked
                failing += threshold.map { t in shown.findings.filter { $0.severity >= t }.count } ?? 0
                do { try report.add(shown) } catch { throw ReportWriteFailure(underlying: error) }
            }
            if failed { problems = true }
            bar?.finish()
            do {
                try report.finish()
                try file?.commit()
            } catch {
                throw ReportWriteFailure(underlying: error)
            }
        } catch let failure as ReportWriteFailure {
            bar?.finish()
            file?.discard()
            Terminal.error("letterlint: cannot write the report to \(options.output ?? "standard output"): \(failure.underlying)")
            throw ExitCode(2)
        } catch {
            bar?.finish()
            file?.discard()
            throw error
        }

        if problems { throw ExitCode(2) }
        if failing > 0 {
            if options.staged { Terminal.error(CheckRun.blockedFooter(failing, threshold: threshold!)) }
            throw ExitCode(1)
        }
    }

    /// Checks `items` in order, reports on stderr what is not part of the report (letters
    /// that could not be checked, rule diagnostics, reading notes that the format has no
    /// place for) and hands each checked letter to `handle`, with its item. A configuration
    /// failure ends the run with status 2. Returns whether some letter could not be checked.
    private func check(_ items: [BatchRunner.Item], session: CheckSession, bar: ProgressBar?,
                       handle: (BatchRunner.Item, FileReport) throws -> Void) throws -> Bool {
        func say(_ message: String) {
            if let bar { bar.clearingLine { Terminal.error(message) } } else { Terminal.error(message) }
        }
        var onProgress: (@Sendable (Int, Int) -> Void)? = nil
        if let bar { onProgress = { done, total in bar.update(done: done, total: total) } }
        var failed = false
        try BatchRunner.stream(items, session: session, jobs: options.jobs, maxFileSize: options.maxFileSize,
                               progress: onProgress) { index, outcome in
            switch outcome {
            case .failed(let failure):
                say("letterlint: \(failure)")
                if case .configuration = failure { throw ExitCode(2) }
                failed = true
            case .report(let report):
                for diagnostic in report.result.diagnostics {
                    say("letterlint: \(report.path.shownAsPath): warning: \(diagnostic.message)")
                }
                // JSON, SARIF and Checkstyle have no place for reading notes ("invalid bytes were
                // read as U+FFFD", "decoded from UTF-16"): they go to stderr rather than nowhere.
                if !options.quiet && [.json, .sarif, .checkstyle].contains(options.format) {
                    for note in report.notes { say("letterlint: \(report.path.shownAsPath): note: \(note)") }
                }
                try handle(items[index], report)
            }
        }
        return failed
    }

    private func makeProgressBar() -> ProgressBar? {
        progress && !options.quiet ? ProgressBar() : nil
    }

    /// `--write-baseline`: checks every letter and records its findings, keeping only the
    /// baseline's entries; writes no report. Returns whether some letter could not be checked.
    private func recordBaseline(_ items: [BatchRunner.Item], session: CheckSession, to file: String) throws -> Bool {
        var recorded = Baseline()
        var count = 0
        let folder = (file as NSString).deletingLastPathComponent
        let bar = makeProgressBar()
        defer { bar?.finish() }
        let failed = try check(items, session: session, bar: bar) { item, report in
            recorded.record(report, as: CheckSession.key(for: item.location, relativeTo: folder.isEmpty ? "." : folder))
            count += report.findings.count
        }
        bar?.finish()
        do { try recorded.serialized().write(toFile: file, atomically: true, encoding: .utf8) } catch {
            Terminal.error("letterlint: cannot write \(file): \(error.localizedDescription)")
            throw ExitCode(2)
        }
        Terminal.error("letterlint: recorded \(count) finding\(count == 1 ? "" : "s") in \(file)")
        return failed
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
