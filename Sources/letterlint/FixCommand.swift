import ArgumentParser
import Foundation
import LetterLint
import PCRE2

/// Categories for `--only`, given as `grievance,competitor` or repeated.
struct CategoryList: ExpressibleByArgument {
    let categories: [LetterLint.Category]

    init?(argument: String) {
        var found: [LetterLint.Category] = []
        for part in argument.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
            guard let category = LetterLint.Category(rawValue: part) else { return nil }
            found.append(category)
        }
        guard !found.isEmpty else { return nil }
        categories = found
    }

    static var allValueStrings: [String] { LetterLint.Category.allCases.map(\.rawValue) }
}

struct FixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fix",
        abstract: "Apply the suggested fixes: show them as a diff, or write them.",
        discussion: """
            Prints a unified diff of every suggested edit; --write applies them in place. With no \
            path, or '-', the letter is read from standard input and the fixed letter is written \
            to standard output. Fixes that would overlap are applied one after the other, and a \
            fix made unnecessary by another is skipped and reported. Fixing a fixed letter \
            changes nothing.

            Lines that hold a credential are masked in the diff, so such a diff is for reading; \
            use --write to apply it.

            Exit status: 0 when the fixed letters have nothing at or above --fail-on (default \
            error), 1 when they still have (placeholders to fill in, for instance), 2 on a usage \
            error or a letter that cannot be read or written.
            """
    )

    @Argument(help: ArgumentHelp("Letters or folders to fix; '-' or nothing for standard input.", valueName: "path"))
    var paths: [String] = []

    @Flag(help: "Apply the fixes to the files instead of printing a diff.")
    var write = false

    @Option(name: .customLong("only"), help: ArgumentHelp("Only fix findings of these categories, comma-separated (e.g. grievance,competitor).", valueName: "categories"))
    var only: [CategoryList] = []

    @Option(name: .customLong("fail-on"), help: "Exit with status 1 when a fixed letter still has a finding at or above this severity: error, warning, info or never (default: error, or fail-on: in .letterlint.yml).")
    var failOn: FailThreshold?

    @Option(help: ArgumentHelp("Use this configuration file instead of the nearest .letterlint.yml.", valueName: "file"))
    var config: String?

    @OptionGroup var linting: LintingOptions

    func run() throws {
        let categories = only.isEmpty ? nil : Set(only.flatMap(\.categories))
        var flags = linting.flagSettings
        flags.failOn = failOn
        let rules = LetterRules.Cache(session: CheckSession(flags: flags, explicitConfig: config))
        var problems = false
        var remainingAboveThreshold = false

        func fix(_ file: LetterFile, location: String) throws -> FixPlanner.Outcome {
            guard let mask = LetterFile.lintableText(forPath: location) else {
                throw NotFixable(path: file.path)
            }
            let context = try rules.forLetter(at: location)
            let planner = FixPlanner(linter: context.linter, options: context.settings.lintOptions, categories: categories,
                                     review: context.review(pathExtension: (location as NSString).pathExtension), mask: mask)
            let outcome = planner.fix(file.text)
            if let threshold = context.settings.failOn.value.severity, outcome.after.findings.contains(where: { $0.severity >= threshold }) {
                remainingAboveThreshold = true
            }
            return outcome
        }

        let targets = paths.isEmpty ? ["-"] : paths
        // Letters named on the command line are fixed or refused; in a folder, letters in a
        // format fix cannot write back (HTML, e-mail, Word) are passed over with a note.
        var files: [String] = []
        var passedOver: [String] = []
        for target in targets where target != "-" {
            let expanded = InputFiles.expand([target])
            for error in expanded.errors { Terminal.error("letterlint: \(error)"); problems = true }
            var isFolder: ObjCBool = false
            let inFolder = FileManager.default.fileExists(atPath: target, isDirectory: &isFolder) && isFolder.boolValue
            for file in expanded.files {
                if inFolder && LetterFile.lintableText(forPath: file) == nil { passedOver.append(file) } else { files.append(file) }
            }
        }
        if !passedOver.isEmpty {
            Terminal.error("letterlint: note: fix edits plain-text and Markdown letters; passed over \(passedOver.joined(separator: ", "))")
        }

        if targets.contains("-") {
            do {
                let file = try LetterFile(path: "<stdin>", bytes: InputFiles.readStandardInput())
                let outcome = try fix(file, location: (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent("<stdin>"))
                // A letter that still holds a credential is not echoed: that would print it.
                if outcome.after.findings.contains(where: { $0.secret != nil }) {
                    Terminal.error("letterlint: <stdin>: a credential is still in the fixed letter, so it is not printed; run 'letterlint check' to see where")
                    problems = true
                } else {
                    report(outcome, path: "<stdin>", verb: "applied")
                    Terminal.out(bytes: file.encode(outcome.fixed))
                }
            } catch let error as ExitCode {
                throw error
            } catch {
                Terminal.error("letterlint: \(error)")
                problems = true
            }
        }
        for path in files {
            do {
                let file = try LetterFile.read(path)
                let outcome = try fix(file, location: path)
                if write {
                    let written = try file.write(outcome.fixed)
                    report(outcome, path: path, verb: written ? "applied" : nil)
                } else {
                    Terminal.out(outcome.diff(path: path))
                    report(outcome, path: path, verb: "suggested")
                }
            } catch let error as ExitCode {
                throw error
            } catch {
                Terminal.error("letterlint: \(error)")
                problems = true
            }
        }
        if problems { throw ExitCode(2) }
        if remainingAboveThreshold { throw ExitCode(1) }
    }

    /// The template library must load and every `{phrasing:…}` in a lexicon fix must exist.
    static func checkTemplates(_ ruleSet: RuleSet) throws {
        do {
            let library = try TemplateLibrary.bundled()
            try library.checkReferences(in: ruleSet.rules.map(\.spec))
        } catch {
            Terminal.error("letterlint: invalid template: \(error)")
            throw ExitCode(2)
        }
    }

    /// What happened to one letter, on stderr: the fixes, those skipped, what is left.
    private func report(_ outcome: FixPlanner.Outcome, path: String, verb: String?) {
        let path = path.shownAsPath
        let document = outcome.before.document
        func at(_ range: Range<Int>) -> String {
            let l = document.location(of: range.lowerBound)
            return "\(l.line):\(l.column)"
        }
        if let verb, !outcome.applied.isEmpty {
            let n = outcome.applied.count
            let rules = Array(Set(outcome.applied.map(\.ruleID))).sorted().joined(separator: ", ")
            Terminal.error("\(path): \(n) fix\(n == 1 ? "" : "es") \(verb) (\(rules))")
        } else if outcome.applied.isEmpty {
            Terminal.error("\(path): nothing to fix")
        }
        for skip in outcome.skipped {
            let other = (skip.supersededBy ?? "another rule") + (skip.supersededRange.map { " at \(at($0))" } ?? "")
            let why = skip.wasMissingClause ? "the fix for \(other) gave the letter what it lacked"
                                            : "it overlaps the fix for \(other), which rewrote the same text"
            Terminal.error("\(path):\(at(skip.range)): note: skipped the fix for \(skip.ruleID): \(why)")
        }
        for finding in outcome.remaining {
            let l = outcome.after.document.location(of: finding.range.lowerBound)
            Terminal.error("\(path):\(l.line):\(l.column): warning: the fix for \(finding.ruleID) did not resolve it; edit this by hand")
        }
        let left = outcome.after.findings.filter { !$0.isFixable }
        if !left.isEmpty {
            let ids = Array(Set(left.map(\.ruleID))).sorted().joined(separator: ", ")
            Terminal.error("\(path): \(left.count) finding\(left.count == 1 ? "" : "s") need\(left.count == 1 ? "s" : "") your own words (\(ids)); run 'letterlint check' to see \(left.count == 1 ? "it" : "them")")
        }
    }
}

extension Terminal {
    /// A letter as bytes: its own encoding (a BOM, UTF-16) is kept when it is echoed back.
    static func out(bytes: [UInt8]) {
        FileHandle.standardOutput.write(Data(bytes))
    }
}

/// A letter whose text is extracted from another format: an edit of the text cannot be
/// written back into the file.
struct NotFixable: Error, CustomStringConvertible {
    let path: String
    var description: String {
        "\(path): fix edits plain-text and Markdown letters; for HTML, e-mail and Word files, run 'letterlint check' and make the changes in your editor"
    }
}

/// The rules and options `check` uses for a letter: the nearest `.letterlint.yml` (or
/// `--config`) under the command-line flags, so `fix`, `rewrite` and `draft` see exactly
/// what `check` reports.
struct LetterRules {
    let linter: Linter
    let settings: Settings

    /// The configuration's severities and allowed phrases and, where the format has
    /// comments, inline directives: what `check` does after the rules.
    func review(pathExtension: String) -> @Sendable (LintResult) -> LintResult {
        let policy = settings.policy
        let directives = Directives.supported(pathExtension: pathExtension)
        return { result in
            var report = policy.apply(FileReport(path: "", result: result))
            if directives { report = Directives.apply(to: report, sourceText: result.document.text) }
            return report.result
        }
    }

    /// One compiled rule set per configuration file.
    final class Cache {
        let session: CheckSession
        private var loaded: [String: LetterRules] = [:]

        init(session: CheckSession) { self.session = session }

        /// The rules for the letter at `location`; exit status 2 for a broken configuration,
        /// lexicon or template.
        func forLetter(at location: String) throws -> LetterRules {
            let folder = (location as NSString).deletingLastPathComponent
            let settings: Settings
            do { settings = try session.settings(forFolder: folder.isEmpty ? "." : folder) } catch {
                Terminal.error("letterlint: invalid configuration: \(error)")
                throw ExitCode(2)
            }
            if let cached = loaded[settings.configFile ?? ""] { return cached }
            let ruleSet: RuleSet
            do { ruleSet = try settings.ruleSet() } catch {
                Terminal.error("letterlint: invalid lexicon: \(error)")
                throw ExitCode(2)
            }
            try FixCommand.checkTemplates(ruleSet)
            var limits = MatchLimits.default
            limits.match = settings.matchLimit
            let rules = LetterRules(linter: Linter(ruleSet: ruleSet, limits: limits), settings: settings)
            loaded[settings.configFile ?? ""] = rules
            return rules
        }
    }
}
