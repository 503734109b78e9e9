import Foundation
import Testing

/// `letterlint rewrite` and `letterlint draft`, run as a user runs them, and their output
/// run through `letterlint check`.
@Suite("letterlint rewrite and draft")
struct RewriteCLITests {
    static let today = ["--today", "2026-03-02"]

    /// `check --format json` on a text: the rule ids and excerpts of its findings.
    static func check(_ text: String, extra: [String] = []) throws -> [(rule: String, severity: String, excerpt: String)] {
        let out = try CLI.run(["check", "--format", "json", "--fail-on", "never"] + today + extra, stdin: text)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        let findings = try #require((root["files"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]])
        return findings.map { ($0["rule"] as? String ?? "", $0["severity"] as? String ?? "", $0["excerpt"] as? String ?? "") }
    }

    static let allFlags = ["--name", "Alex Kim", "--manager", "Priya", "--company", "Northwind Analytics",
                           "--role", "Machine Learning Engineer", "--last-day", "2026-04-10",
                           "--project", "fraud detection model", "--successor", "Sam"]

    @Test func rewriteKeepsTheFactsAndDropsWhatIsFlagged() throws {
        let draft = CLI.corpus.appending(path: "tech/credit-taking-and-next-employer.md").path
        let out = try CLI.run(["rewrite", draft, "--style", "closed-door", "--tone", "graceful", "--industry", "tech"] + Self.today)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.hasPrefix("Dear Colin,\n\nPlease accept this letter as formal notice of my resignation from my position as Machine Learning Engineer at Sablewood Labs. My last working day will be Friday, 20 March 2026.\n"))
        #expect(out.stdout.hasSuffix("\n\nRespectfully,\nInes Duarte\n"))
        #expect(!out.stdout.contains("Anthropic") && !out.stdout.contains("Derek"))
        #expect(out.stdout.contains("I will walk Lina through"))
        #expect(out.stderr.isEmpty, "\(out.stderr)")
        let findings = try Self.check(out.stdout)
        #expect(findings.filter { $0.severity != "info" }.isEmpty, "\(findings)")
    }

    @Test func aFactTheDraftLacksBecomesAPlaceholderThatCheckFlags() throws {
        let draft = CLI.corpus.appending(path: "finance/placeholder-template-fields.txt").path
        let out = try CLI.run(["rewrite", draft, "--style", "counter-offer", "--tone", "neutral"] + Self.today)
        #expect(out.status == 0)
        #expect(out.stdout.hasPrefix("Dear [Manager's name],\n"))
        #expect(out.stdout.contains("my position as Model Risk Analyst at [Company]."))
        #expect(out.stdout.hasSuffix("\nSamira Haddad\n"))
        #expect(out.stderr.contains("fill in the placeholders"))
        #expect(out.stderr.contains("your manager's name [Manager's name]"))
        let findings = try Self.check(out.stdout)
        #expect(findings.contains { $0.rule.hasPrefix("placeholder.") && $0.excerpt == "[Company]" })
        #expect(findings.filter { !$0.rule.hasPrefix("placeholder.") && $0.severity != "info" }.isEmpty, "\(findings)")
    }

    @Test func rewriteReadsTheFactsOfAnHTMLDraft() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = "<html><body><p>Dear Priya,</p><p>" + fixRisky.split(separator: "\n", omittingEmptySubsequences: true).dropFirst()
            .map { String($0) }.joined(separator: "</p><p>") + "</p></body></html>\n"
        try html.write(to: folder.appending(path: "draft.html"), atomically: true, encoding: .utf8)
        let out = try CLI.run(["rewrite", "draft.html", "--style", "closed-door", "--tone", "neutral"] + Self.today, in: folder)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.hasPrefix("Dear Priya,\n\nI am resigning from my position as Machine Learning Engineer at Northwind Analytics. My last working day will be Friday, 20 March 2026.\n"))
        #expect(!out.stdout.contains("<p>") && !out.stdout.contains("Anthropic"))
    }

    @Test func rewriteWritesToAFileAndNeedsAStyleAndATone() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try fixRisky.write(to: folder.appending(path: "draft.txt"), atomically: true, encoding: .utf8)
        let out = try CLI.run(["rewrite", "draft.txt", "--style", "open-door", "--tone", "positive", "--output", "letter.txt"] + Self.today, in: folder)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.isEmpty)
        let letter = try String(contentsOf: folder.appending(path: "letter.txt"), encoding: .utf8)
        #expect(letter.hasPrefix("Dear Priya,\n\nPlease accept this letter as my formal resignation"))
        #expect(letter.contains("Working on the fraud detection model with this team"))
        #expect(try CLI.run(["check"] + Self.today + ["letter.txt"], in: folder).status == 0)

        let noTone = try CLI.run(["rewrite", "draft.txt", "--style", "open-door"], in: folder)
        #expect(noTone.status == 2)
        #expect(noTone.stderr.contains("--tone"))
        let badStyle = try CLI.run(["rewrite", "draft.txt", "--style", "revolving-door", "--tone", "neutral"], in: folder)
        #expect(badStyle.status == 2)
        #expect(try CLI.run(["rewrite", "missing.txt", "--style", "open-door", "--tone", "neutral"], in: folder).status == 2)
    }

    @Test func aDraftWithEveryFlagPassesCheckCleanly() throws {
        for style in ["open-door", "closed-door", "counter-offer"] {
            for tone in ["positive", "neutral", "graceful", "grateful"] {
                let out = try CLI.run(["draft"] + Self.allFlags + ["--style", style, "--tone", tone, "--industry", "finance"] + Self.today)
                #expect(out.status == 0, "\(out.stderr)")
                #expect(out.stderr.isEmpty, "\(style)/\(tone): \(out.stderr)")
                #expect(out.stdout.contains("My last working day will be Friday, 10 April 2026."))
                let check = try CLI.run(["check", "--fail-on", "info"] + Self.today, stdin: out.stdout)
                #expect(check.status == 0, "\(style)/\(tone):\n\(check.stdout)")
            }
        }
    }

    @Test func withoutATerminalDraftNeverAsksAndLeavesPlaceholders() throws {
        let out = try CLI.run(["draft", "--name", "Alex Kim"] + Self.today, stdin: "Priya\nNorthwind\n")
        #expect(out.status == 0)
        #expect(!out.stderr.contains("Your job title there"), "asked a question without a terminal")
        #expect(out.stdout.hasPrefix("Dear [Manager's name],\n"))
        #expect(out.stdout.contains("my position as [Your role] at [Company]. My last working day will be [last working day]."))
        #expect(out.stdout.hasSuffix("\nAlex Kim\n"))
        #expect(out.stderr.contains("fill in the placeholders"))
        let check = try CLI.run(["check"] + Self.today, stdin: out.stdout)
        #expect(check.status == 1, "placeholders are errors until filled in")
    }

    @Test func aLastDayThatIsNotADateIsAUsageError() throws {
        let out = try CLI.run(["draft", "--last-day", "soon"])
        #expect(out.status == 2)
        #expect(out.stderr.contains("--last-day 'soon' is not a date"))
        #expect(out.stdout.isEmpty)
    }

    /// The interview on a real terminal: `script` gives letterlint a pseudo-terminal and
    /// types the answers (all of them up front; letterlint reads one line per question).
    @Test func onATerminalDraftAsksForWhatIsMissingOneQuestionAtATime() throws {
        let script = "/usr/bin/script"
        try #require(FileManager.default.isExecutableFile(atPath: script), "script (util-linux) gives the interview a terminal")
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let command = [CLI.binary.path, "draft", "--name", "'Alex Kim'", "--output", "letter.txt", "--today", "2026-03-02"].joined(separator: " ")
        let answers = "Priya\nNorthwind Analytics\nMachine Learning Engineer\nsoon\n2026-03-20\nfraud detection model\nSam\nretail\nclosed-door\ngrateful\n"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: script)
        process.arguments = ["-qec", command, "/dev/null"]
        process.currentDirectoryURL = folder
        let input = folder.appending(path: "answers"), transcript = folder.appending(path: "transcript")
        try Data(answers.utf8).write(to: input)
        FileManager.default.createFile(atPath: transcript.path, contents: nil)
        process.standardInput = try FileHandle(forReadingFrom: input)
        process.standardOutput = try FileHandle(forWritingTo: transcript)
        process.standardError = try FileHandle(forWritingTo: transcript)
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let screen = try String(contentsOf: transcript, encoding: .utf8)
        #expect(screen.contains("Who is the letter to?"))
        #expect(!screen.contains("Your name, as you sign"), "the name was given as a flag")
        #expect(screen.contains("That is not a date letterlint can put in a letter"))
        let letter = try String(contentsOf: folder.appending(path: "letter.txt"), encoding: .utf8)
        #expect(letter.hasPrefix("Dear Priya,\n\nI am writing to resign from my position as Machine Learning Engineer at Northwind Analytics. My last working day will be Friday, 20 March 2026.\n"))
        #expect(letter.contains("Working on the fraud detection model has been a highlight of my career."))
        #expect(letter.contains("I will walk Sam through each of them"))
        #expect(letter.hasSuffix("With appreciation,\nAlex Kim\n"))
    }
}
