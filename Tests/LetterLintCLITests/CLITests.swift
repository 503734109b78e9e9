import Foundation
import LetterLintFixtures
import Testing

/// The real `letterlint` binary, run in temporary folders; stdout, stderr and exit status
/// checked as a user or a script would see them.
struct CLI {
    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static let binary: URL = {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [here, here.deletingLastPathComponent()] {
            let url = candidate.appending(path: "letterlint")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appending(path: ".build/debug/letterlint")
    }()

    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: "corpus")

    @discardableResult
    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
                    in directory: URL? = nil) throws -> Output {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = nil
        for (k, v) in environment { env[k] = v }
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        let scratch = FileManager.default.temporaryDirectory.appending(path: "letterlint-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appending(path: "out"), errURL = scratch.appending(path: "err"), inURL = scratch.appending(path: "in")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        FileManager.default.createFile(atPath: inURL.path, contents: Data((stdin ?? "").utf8))
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = try FileHandle(forReadingFrom: inURL)
        try process.run()
        process.waitUntilExit()
        return Output(status: process.terminationStatus,
                      stdout: try String(contentsOf: outURL, encoding: .utf8),
                      stderr: try String(contentsOf: errURL, encoding: .utf8))
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appending(path: "letterlint-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

let clean = SampleLetter.clean

let risky = clean.replacingOccurrences(of: "Thank you for the chance", with: "I'll be joining Anthropic next month. Thank you for the chance")

@Suite("letterlint check")
struct CheckCLITests {
    @Test func cleanLetterExitsZero() throws {
        let out = try CLI.run(["check", "-"], stdin: clean)
        #expect(out.status == 0, "\(out.stdout)\(out.stderr)")
        #expect(out.stdout.contains("No findings"))
        #expect(out.stderr.isEmpty)
    }

    @Test func anErrorFindingExitsOneInCompilerStyle() throws {
        let out = try CLI.run(["check"], stdin: risky)
        #expect(out.status == 1)
        #expect(out.stdout.contains("<stdin>:5:1: error: "))
        #expect(out.stdout.contains("[competitor.next-employer]"))
        #expect(out.stdout.contains("^"))
    }

    @Test func failOnDecidesTheExitStatus() throws {
        let warningOnly = clean.replacingOccurrences(of: "Thank you for the chance", with: "My manager took credit for my work. Thank you for the chance")
        #expect(try CLI.run(["check", "-"], stdin: warningOnly).status == 0)
        #expect(try CLI.run(["check", "--fail-on", "warning", "-"], stdin: warningOnly).status == 1)
        #expect(try CLI.run(["check", "--fail-on", "never", "-"], stdin: risky).status == 0)
    }

    @Test func quietShowsOnlyFailingFindings() throws {
        let both = risky.replacingOccurrences(of: "Thank you for the chance", with: "My manager took credit for my work. Thank you for the chance")
        let out = try CLI.run(["check", "--quiet", "-"], stdin: both)
        #expect(out.status == 1)
        #expect(out.stdout.contains("competitor.next-employer"))
        #expect(!out.stdout.contains("grievance.credit-taking"))
        #expect(!out.stdout.contains("finding"))
    }

    @Test func jsonIsOneDocumentWithTheContractFields() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try risky.write(to: folder.appending(path: "b.txt"), atomically: true, encoding: .utf8)
        try clean.write(to: folder.appending(path: "a.md"), atomically: true, encoding: .utf8)
        let out = try CLI.run(["check", "--format", "json", "b.txt", "a.md"], in: folder)
        #expect(out.status == 1)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        let files = try #require(root["files"] as? [[String: Any]])
        #expect(files.map { $0["path"] as? String } == ["a.md", "b.txt"])
        let again = try CLI.run(["check", "--format", "json", "a.md", "b.txt"], in: folder)
        #expect(again.stdout == out.stdout)
    }

    @Test func aFolderIsSearchedForLetters() throws {
        let out = try CLI.run(["check", "--format", "json", "--fail-on", "never", CLI.corpus.appending(path: "finance").path])
        #expect(out.status == 0)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        let files = try #require(root["files"] as? [[String: Any]])
        #expect(files.count >= 10)
        #expect(files.allSatisfy { ($0["path"] as? String)?.hasSuffix(".expected") == false })
    }

    @Test func noColorWhenPipedOrNoColorSet() throws {
        #expect(!(try CLI.run(["check", "-"], stdin: risky).stdout.contains("\u{1B}[")))
        #expect(try CLI.run(["check", "--color", "always", "-"], stdin: risky).stdout.contains("\u{1B}["))
    }

    @Test func missingFileIsExitTwoWithAMessage() throws {
        let out = try CLI.run(["check", "/nonexistent/draft.txt"])
        #expect(out.status == 2)
        #expect(out.stderr.contains("/nonexistent/draft.txt: no such file or folder"))
    }

    @Test func binaryFileIsExitTwoAndTheRestIsChecked() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0, 0, 0, 1, 2, 3]).write(to: folder.appending(path: "photo.txt"))
        try risky.write(to: folder.appending(path: "draft.txt"), atomically: true, encoding: .utf8)
        let out = try CLI.run(["check", "photo.txt", "draft.txt"], in: folder)
        #expect(out.status == 2)
        #expect(out.stderr.contains("photo.txt: looks like a binary file"))
        #expect(out.stdout.contains("draft.txt:5:1: error"))
    }

    @Test func usageErrorsAreExitTwo() throws {
        let out = try CLI.run(["check", "--format", "yaml", "-"], stdin: clean)
        #expect(out.status == 2)
        #expect(out.stderr.contains("yaml"))
        #expect(try CLI.run(["check", "--no-such-flag"]).status == 2)
    }

    @Test func helpAndVersionExitZero() throws {
        let help = try CLI.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("check"))
        let version = try CLI.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    }

    @Test func employerFlagExemptsTheCurrentEmployer() throws {
        let text = clean.replacingOccurrences(of: "Northwind Analytics", with: "the research group")
            .replacingOccurrences(of: "Thank you for the chance", with: "I admire the research coming out of OpenAI. Thank you for the chance")
        let flagged = try CLI.run(["check", "--fail-on", "warning", "-"], stdin: text)
        #expect(flagged.stdout.contains("competitor.ai-lab"))
        let exempt = try CLI.run(["check", "--fail-on", "warning", "--employer", "OpenAI", "-"], stdin: text)
        #expect(!exempt.stdout.contains("competitor.ai-lab"), Comment(rawValue: exempt.stdout))
    }

    @Test func aSecretNeverReachesAnyOutput() throws {
        let key = "AKIAFAKEEXAMPLE12345"
        let text = clean.replacingOccurrences(of: "Thank you for the chance", with: "The deploy key is \(key) for now. Thank you for the chance")
        for format in ["human", "json"] {
            let out = try CLI.run(["check", "--format", format, "-"], stdin: text)
            #expect(out.status == 1)
            #expect(out.stdout.contains("disclosure.secret"))
            #expect(!out.stdout.contains(key) && !out.stderr.contains(key))
        }
        let debug = try CLI.run(["debug", "tokens", "-"], stdin: text)
        #expect(!debug.stdout.contains(key))
    }
}

@Suite("letterlint rules and user lexicons")
struct RulesCLITests {
    @Test func rulesListsEveryRuleAsTextAndJSON() throws {
        let text = try CLI.run(["rules"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("date.missing"))
        let json = try CLI.run(["rules", "--format", "json"])
        let rules = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(rules.count >= 40)
        for rule in rules {
            for key in ["id", "category", "severity", "description"] { #expect(rule[key] is String, "\(key) in \(rule)") }
        }
        #expect(text.stdout.split(separator: "\n").count == rules.count)
    }

    @Test func explainShowsReasonAndExamples() throws {
        let out = try CLI.run(["rules", "explain", "grievance.credit-taking"])
        #expect(out.status == 0)
        #expect(out.stdout.contains("Why: "))
        #expect(out.stdout.contains("Flagged:"))
        #expect(out.stdout.contains("«"))
        let missing = try CLI.run(["rules", "explain", "grievance.nope"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("grievance.credit-taking"))
    }

    @Test func explainNeverPrintsAnExampleSecret() throws {
        let out = try CLI.run(["rules", "explain", "disclosure.secret"])
        #expect(out.status == 0)
        #expect(!out.stdout.contains("FAKEfakeFAKE"))
    }

    @Test func bundledExamplesPassThroughTheCLI() throws {
        let out = try CLI.run(["rules", "test"])
        #expect(out.status == 0, "\(out.stdout)")
        #expect(out.stdout.contains(" passed, 0 failed"))
    }

    @Test func aBrokenUserLexiconIsFileLineAndExitTwo() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lexicon = """
            rules:
              - id: tone.mine
                kind: phrase
                severity: warning
                description: d
                message: m
                reason: r
                patterns:
                  - 'took (credit'
                examples: {flag: [x], pass: [y]}
            """
        try lexicon.write(to: folder.appending(path: "mine.yml"), atomically: true, encoding: .utf8)
        let out = try CLI.run(["check", "--lexicons", folder.path, "-"], stdin: clean)
        #expect(out.status == 2)
        #expect(out.stderr.contains("mine.yml:9: "))
        #expect(out.stderr.contains("missing closing parenthesis"))
        #expect(out.stdout.isEmpty)
    }

    @Test func aUserLexiconAddsRules() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lexicon = """
            rules:
              - id: competitor.house-list
                kind: names
                severity: error
                description: Our own list of rivals.
                message: This names a rival company.
                reason: House policy.
                names: [Initech, Globex Corporation]
                examples: {flag: [I am going to Initech], pass: [I am staying put]}
            """
        try lexicon.write(to: folder.appending(path: "house.yml"), atomically: true, encoding: .utf8)
        let text = clean.replacingOccurrences(of: "Thank you for the chance", with: "Globex   Corporation called. Thank you for the chance")
        let out = try CLI.run(["check", "--lexicons", folder.path, "-"], stdin: text)
        #expect(out.status == 1)
        #expect(out.stdout.contains("[competitor.house-list]"))
        let tested = try CLI.run(["rules", "test", folder.path])
        #expect(tested.status == 0)
        #expect(tested.stdout.contains("2 passed, 0 failed (1 rules)"))
    }

    @Test func aCatastrophicUserPatternEndsInBoundedTimeWithADiagnostic() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lexicon = """
            rules:
              - id: tone.evil
                kind: phrase
                severity: warning
                scope: document
                description: d
                message: m
                reason: r
                patterns:
                  - '(\\w+\\s?)*$'
                examples: {flag: [x], pass: ['!']}
            """
        try lexicon.write(to: folder.appending(path: "evil.yml"), atomically: true, encoding: .utf8)
        let attack = clean + String(repeating: "a ", count: 20000) + "!"
        let start = Date()
        let out = try CLI.run(["check", "--lexicons", folder.path, "-"], stdin: attack)
        #expect(Date().timeIntervalSince(start) < 60, "the match limit did not bound the run")
        #expect(out.status == 0)
        #expect(out.stderr.contains("tone.evil"))
        #expect(out.stderr.contains("limit"))
    }

    @Test func debugTokensShowsSectionsAndFacts() throws {
        let out = try CLI.run(["debug", "tokens", "-"], stdin: clean)
        #expect(out.status == 0)
        #expect(out.stdout.contains("salutation: 1:1"))
        #expect(out.stdout.contains("employer: Northwind Analytics"))
    }
}

@Suite("report formats from the command line")
struct FormatCLITests {
    @Test func githubLinesAreWellFormedAndOutputGoesToAFile() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try risky.write(to: folder.appending(path: "draft.txt"), atomically: true, encoding: .utf8)
        let github = try CLI.run(["check", "--format", "github", "draft.txt"], in: folder)
        #expect(github.status == 1)
        let lines = github.stdout.split(separator: "\n").filter { $0.hasPrefix("::") }
        #expect(!lines.isEmpty)
        for line in lines {
            #expect(line.range(of: #"^::(error|warning|notice) file=draft\.txt,line=\d+,col=\d+,endLine=\d+,endColumn=\d+(,title=[^:]*)?::.+$"#, options: .regularExpression) != nil, "\(line)")
        }
        let written = try CLI.run(["check", "--format", "sarif", "--output", "report.sarif", "draft.txt"], in: folder)
        #expect(written.status == 1)
        #expect(written.stdout.isEmpty)
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appending(path: "report.sarif"))) as? [String: Any])
        #expect(sarif["version"] as? String == "2.1.0")
        let unwritable = try CLI.run(["check", "--output", "/nonexistent/dir/report.txt", "draft.txt"], in: folder)
        #expect(unwritable.status == 2)
        #expect(unwritable.stderr.contains("cannot write the report"))
    }
}
