import Foundation
import Testing
@testable import LetterLint

@Suite("Configuration, policy and baselines")
struct ConfigTests {
    @Test func aFullConfigurationDecodes() throws {
        let text = """
            employer: Northwind Analytics
            competitors: [Initech]
            allow: ["Google Scholar"]
            industry: finance
            notice-days: 45
            disable: [tone, grievance.sarcasm]
            enable: [tone.profanity]
            severity:
              handoff.missing: error
              tone.apology: off
            lexicons: [team/]
            include: ["*.txt"]
            exclude: ["archive/**"]
            fail-on: warning
            baseline: base.json
            """
        let config = try Configuration.parse(text, file: "/repo/.letterlint.yml")
        #expect(config.employers?.value == ["Northwind Analytics"])
        #expect(config.employers?.origin == "/repo/.letterlint.yml:1")
        #expect(config.industry?.value == .finance)
        #expect(config.noticeDays?.value == 45)
        #expect(config.severity["tone.apology"]?.value == .off)
        #expect(config.lexicons?.value == ["/repo/team/"])
        #expect(config.baseline?.value == "/repo/base.json")
        #expect(config.failOn?.value == .warning)
    }

    @Test func aTypoIsAnErrorWithFileAndLine() throws {
        do {
            _ = try Configuration.parse("industry: tech\nemployeer: Acme\n", file: "c.yml")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("c.yml:2: unknown key 'employeer'"))
            #expect(error.description.contains("did you mean 'employer'"))
        }
        #expect(throws: LoadError.self) { try Configuration.parse("notice-days: soon\n", file: "c.yml") }
        #expect(throws: LoadError.self) { try Configuration.parse("industry: mining\n", file: "c.yml") }
        #expect(throws: LoadError.self) { try Configuration.parse("disable: [moods]\n", file: "c.yml") }
        #expect(throws: LoadError.self) { try Configuration.parse("severity:\n  tone.slang: loud\n", file: "c.yml") }
        #expect(throws: LoadError.self) { try Configuration.parse("include: ['[abc']\n", file: "c.yml") }
    }

    /// `.ci/fuzz` found `disable:` with no value crashing the reader: an empty name was split
    /// and its first piece read without a check. Each of these is a located error now.
    @Test(arguments: [
        ("employer: ['']\n", "c.yml:1: employer has an empty entry"),
        ("competitors: [Initech, '  ']\n", "c.yml:1: competitors has an empty entry"),
        ("allow: ''\n", "c.yml:1: allow has an empty entry"),
        ("lexicons:\n  - ''\n", "c.yml:2: lexicons has an empty entry"),
        ("disable: ['']\n", "c.yml:1: disable has an empty entry"),
        ("enable: ['.tone']\n", "c.yml:1: '.tone' is neither a category nor a rule id (category.name)"),
        ("disable: ['tone.']\n", "c.yml:1: 'tone.' is neither a category nor a rule id (category.name)"),
        ("severity:\n  '': error\n", "c.yml:2: '' is neither a category nor a rule id"),
        ("severity:\n  tone.: error\n", "c.yml:2: 'tone.' is neither a category nor a rule id"),
        ("baseline: ' '\n", "c.yml:1: baseline needs the path of a baseline file"),
    ])
    func anEmptyOrHalfNameIsALocatedError(text: String, message: String) {
        #expect(throws: LoadError.self) { try Configuration.parse(text, file: "c.yml") }
        do { _ = try Configuration.parse(text, file: "c.yml") } catch { #expect(error.description == message) }
    }

    @Test func aListKeyWithNoValueSetsNothing() throws {
        // The shape left behind when every entry under a key is commented out.
        let config = try Configuration.parse("industry: tech\ndisable:\n#  - tone.slang\nemployer: ~\nenable: null\n", file: "c.yml")
        #expect(config.industry?.value == .tech)
        #expect(config.disable == nil && config.employers == nil && config.enable == nil)
        // The fuzzer's own input: a garbled file ending in a bare `disable:`.
        let garbled = "# Se e\u{FFFD}employer: [NorthUnsafeRalytics, Northw$$$ind\u{FFFD}Rpetitors: [Initech]\n"
            + "allow: [\"took credi\n\u{FFFD}!t\"]\nindustry: finance\nnotice-days: 30\ndisable:"
        let parsed = try Configuration.parse(garbled, file: "c.yml")
        #expect(parsed.noticeDays?.value == 30 && parsed.disable == nil)
    }

    @Test func flagsWinOverTheFileAndListsAddUp() throws {
        let config = try Configuration.parse("employer: Acme\nindustry: retail\nfail-on: info\n", file: "c.yml")
        var flags = FlagSettings()
        flags.employers = ["Acme Labs"]
        flags.industry = .finance
        let settings = Settings(configuration: config, flags: flags)
        #expect(settings.employers.value == ["Acme", "Acme Labs"])
        #expect(settings.industry.value == .finance)
        #expect(settings.industry.origin == "--industry")
        #expect(settings.failOn.value == .info)
        #expect(settings.failOn.origin == "c.yml:3")
        #expect(settings.describe().contains("fail-on       info  (c.yml:3)"))
    }

    @Test func disabledRulesDoNotRunAndEnableOverridesACategory() throws {
        let text = cleanLetter.replacingOccurrences(of: "Thank you for the chance", with: "Tbh I'm gonna miss it!!! Thank you for the chance")
        var options = LintOptions()
        #expect(Set(linter.lint(Document(text: text), options: options).findings.map(\.category)).contains(.tone))
        options.disabled = ["tone"]
        #expect(!linter.lint(Document(text: text), options: options).findings.contains { $0.category == .tone })
        options.enabled = ["tone.exclamation"]
        #expect(linter.lint(Document(text: text), options: options).findings.map(\.ruleID) == ["tone.exclamation"])
    }

    @Test func policyChangesSeveritiesAndAllowsPhrases() {
        let text = cleanLetter.replacingOccurrences(of: "Thank you for the chance", with: "I enjoyed reading papers from Google DeepMind. Thank you for the chance")
        let report = Checker(linter: linter).check(text: text, path: "a.txt")
        #expect(report.findings.map(\.ruleID) == ["competitor.ai-lab"])
        let raised = Policy(severity: ["competitor": .error]).apply(report)
        #expect(raised.findings.first?.severity == .error)
        let specific = Policy(severity: ["competitor": .error, "competitor.ai-lab": .info]).apply(report)
        #expect(specific.findings.first?.severity == .info)
        #expect(Policy(allow: ["google   deepmind"]).apply(report).findings.isEmpty)
    }

    @Test func configuredCompetitorsAreReported() throws {
        let rules = try RuleSet.load(extraNames: [Settings.competitorRule: ["Initech"]])
        let text = cleanLetter.replacingOccurrences(of: "Thank you for the chance", with: "Initech called me. Thank you for the chance")
        #expect(Linter(ruleSet: rules).lint(Document(text: text)).findings.map(\.ruleID) == ["competitor.ai-lab"])
    }
}

@Suite("Baselines and directives")
struct SuppressionTests {
    let risky = cleanLetter.replacingOccurrences(of: "Thank you for the chance", with: "My manager took credit for my work. Thank you for the chance")

    @Test func aBaselineSurvivesUnrelatedEditsButNotNewFindings() throws {
        let report = Checker(linter: linter).check(text: risky, path: "a.txt")
        var baseline = Baseline()
        baseline.record(report, as: "a.txt")
        let serialized = baseline.serialized()
        #expect(!serialized.contains("took credit"))
        #expect(!serialized.contains("\"line\""))
        // Lines added above move the finding; it stays silenced.
        let moved = Checker(linter: linter).check(text: "Draft 2\n\n" + risky, path: "a.txt")
        #expect(baseline.filter(moved, as: "a.txt").findings.isEmpty)
        // A new problem still shows.
        let worse = risky.replacingOccurrences(of: "Sincerely,", with: "My boss is clueless.\n\nSincerely,")
        let remaining = baseline.filter(Checker(linter: linter).check(text: worse, path: "a.txt"), as: "a.txt").findings
        #expect(remaining.map(\.ruleID) == ["grievance.insult"])
        // Another file is not silenced by this file's entries.
        #expect(!baseline.filter(report, as: "b.txt").findings.isEmpty)
    }

    @Test func baselineRoundTripsThroughItsFile() throws {
        var baseline = Baseline()
        baseline.record(Checker(linter: linter).check(text: risky, path: "a.txt"), as: "drafts/a.txt")
        let file = FileManager.default.temporaryDirectory.appending(path: "baseline-\(UUID().uuidString).json")
        try baseline.serialized().write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(try Baseline.load(path: file.path) == baseline)
        try "{\"nope\": 1}".write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: LoadError.self) { try Baseline.load(path: file.path) }
    }

    @Test func directivesSuppressAndUnusedOnesAreReported() {
        let text = """
            Dear Priya,

            <!-- letterlint-disable-next-line grievance -->
            My manager took credit for my work.
            I'm gonna miss it.
            <!-- letterlint-disable tone.exclamation -->

            Sincerely,
            Alex
            """
        let report = Checker(linter: linter).check(text: text, path: "a.md")
        #expect(report.findings.contains { $0.ruleID == "grievance.credit-taking" })
        let filtered = Directives.apply(to: report, sourceText: text)
        #expect(!filtered.findings.contains { $0.ruleID == "grievance.credit-taking" })
        #expect(filtered.findings.contains { $0.ruleID == "tone.slang" })
        #expect(filtered.result.diagnostics.contains { $0.message.contains("letterlint-disable tone.exclamation on line 6 suppresses nothing") })
    }
}

@Suite("Globs and hashes")
struct GlobAndHashTests {
    @Test(arguments: [
        ("*.txt", "letter.txt", true), ("*.txt", "drafts/deep/letter.txt", true), ("*.txt", "letter.md", false),
        ("archive/**", "archive/2025/a.txt", true), ("archive/**", "drafts/archive/a.txt", false),
        ("**/old/*.md", "x/y/old/a.md", true), ("**/old/*.md", "old/a.md", true), ("/top.txt", "sub/top.txt", false),
        ("d?aft.txt", "draft.txt", true), ("[abc].txt", "b.txt", true), ("[!abc].txt", "b.txt", false),
        ("notes/", "notes", false),
    ])
    func globs(_ pattern: String, _ path: String, _ expected: Bool) throws {
        #expect(try #require(Glob(pattern)).matches(path) == expected)
    }

    @Test func directoryOnlyAndNegation() throws {
        #expect(try #require(Glob("notes/")).matches("notes", isDirectory: true))
        let rules = IgnoreRules(fileText: "# comment\n*.md\n!keep.md\n\n")
        #expect(rules.verdict("a.md", isDirectory: false) == true)
        #expect(rules.verdict("keep.md", isDirectory: false) == false)
        #expect(rules.verdict("a.txt", isDirectory: false) == nil)
    }

    @Test func sha256MatchesTheNISTVectors() {
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(String(repeating: "a", count: 1000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}
