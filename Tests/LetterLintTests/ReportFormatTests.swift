import Foundation
import Testing
@testable import LetterLint

/// Fixed letters for the reporter tests and goldens: a secret, a multibyte line, missing
/// clauses (zero-length findings), suggestions, CR LF line endings, a finding that spans
/// two lines, a reading note, a clean letter, and a path that needs percent-encoding.
enum ReportFixtures {
    static let secret = "sk-proj-FAKEfakeFAKEfake0123456789abcd9f2Q"
    static let mask = "sk-…9f2Q"

    /// Multibyte text before a grievance, a next employer, an API key, an apology and an
    /// exclamation run; no resignation statement, date or handoff.
    static let risky = """
        Dear Priya,

        Zoë — my manager took credit for my work. I'll be joining Anthropic in April.
        Our key is \(secret) if you need it.
        I am so sorry!!!

        Sincerely,
        Alex

        """

    /// CR LF line endings; no last working day and no handoff.
    static let crlf = "Dear Priya,\r\n\r\nI am resigning from my role at Northwind. Thank you for everything.\r\n\r\nBest regards,\r\nAlex\r\n"

    /// Hard-wrapped: the grievance starts at the end of one line and ends on the next.
    static let wrapped = """
        Dear Priya,

        I resign from my position at Northwind; my last day is 13 March 2026. My manager took
        credit for my work on the ranking model.
        I will document the pipeline and brief Sam.

        Best,
        Alex

        """

    /// A fixed "today", so date rules (a last day already passed) do not depend on the clock.
    static let checker = Checker(linter: linter, options: LintOptions(today: ExampleRunner.defaultToday))

    /// The reports, in an order that is not sorted by path (reporters sort).
    static let reports: [FileReport] = [
        checker.check(text: risky, path: "drafts/risky.txt"),
        checker.check(text: wrapped, path: "drafts/wrapped.md", notes: ["decoded from UTF-16"]),
        // Clean by construction, so the goldens keep a clean file whatever the rules become.
        checker.check(text: cleanLetter, path: "drafts/clean.txt").filtered { _ in false },
        checker.check(text: crlf, path: "drafts/Zoë letter.txt"),
    ]

    /// Only the rules that fire in the fixtures: keeps the SARIF golden about the reporter,
    /// not about every lexicon's wording. (Findings still come from the full rule set.)
    static let firedRules: RuleSet = {
        let ids = Set(reports.flatMap(\.findings).map(\.ruleID))
        do { return try RuleSet(specs: bundledRules.rules.filter { ids.contains($0.id) }.map(\.spec)) }
        catch { fatalError("fixture rules do not compile: \(error)") }
    }()

    /// A report with hand-made findings whose message, fix title and replacement all carry
    /// the secret's text, and markup characters everywhere, to test scrubbing and escaping.
    static func hostile(path: String = "odd & <dir>/\"quote\" 'n', colon: 100%.txt") -> FileReport {
        let text = "Dear Priya,\n\nMy token is \(secret) & <b>\"bold\"</b>.\n"
        let base = checker.check(text: text, path: path)
        let start = Array(text.utf8).count - Array("\(secret) & <b>\"bold\"</b>.\n".utf8).count
        let range = start..<start + secret.utf8.count
        let finding = Finding(ruleID: "disclosure.secret", category: .disclosure, severity: .error,
                              message: "Key \(secret) found; a <tag> & \"quotes\", 'apostrophes',\nnew line\r\nand 100% \u{1}control",
                              reason: "r", range: range, section: .body, secret: range,
                              fixes: [Fix(title: "Replace \(secret)", edits: [TextEdit(range: range, replacement: "<\(secret)>")])])
        let result = LintResult(document: base.result.document, facts: base.result.facts, findings: [finding], diagnostics: [])
        return FileReport(path: path, result: result, notes: ["note with \(secret)"])
    }
}

extension ReportFixtures {
    /// A report with hand-made findings of the given severity and category (fixable or
    /// not), for counting tests that must not change when the lexicons do.
    static func synthetic(_ path: String, _ kinds: [(Severity, Category, fixable: Bool)]) -> FileReport {
        let text = "Dear Priya,\n\nOne two three four five six seven eight nine ten eleven twelve.\n"
        let base = checker.check(text: text, path: path)
        let findings = kinds.enumerated().map { i, kind in
            let range = 13 + i..<14 + i
            return Finding(ruleID: "\(kind.1.rawValue).test", category: kind.1, severity: kind.0, message: "message \(i)",
                           reason: "reason", range: range, section: .body, secret: nil,
                           fixes: kind.fixable ? [Fix(title: "fix", edits: [TextEdit(range: range, replacement: "x")])] : [])
        }
        return FileReport(path: path, result: LintResult(document: base.result.document, facts: base.result.facts,
                                                         findings: findings, diagnostics: []))
    }
}

/// Set LETTERLINT_UPDATE_GOLDENS=1 to rewrite; otherwise compare byte for byte.
func checkReportGolden(_ actual: String, named name: String) throws -> (matches: Bool, path: String) {
    let file = repositoryRoot.appending(path: "Tests/LetterLintTests/Goldens/\(name)")
    if updatingGoldens {
        try actual.write(to: file, atomically: true, encoding: .utf8)
        return (true, file.path)
    }
    let expected = try String(contentsOf: file, encoding: .utf8)
    return (expected == actual, file.path)
}

// MARK: - Tests that hold for every format

@Suite("Report formats: goldens, determinism, secrets")
struct ReportFormatTests {
    static func render(_ format: ReportFormat, _ reports: [FileReport] = ReportFixtures.reports,
                       ruleSet: RuleSet = ReportFixtures.firedRules) -> String {
        format.render(reports, ruleSet: ruleSet, options: .init(color: false, summary: true, toolVersion: "0.1.0"))
    }

    @Test func theFixturesCoverWhatTheGoldensAreFor() throws {
        let all = ReportFixtures.reports.flatMap(\.findings)
        #expect(all.contains { $0.secret != nil })
        #expect(all.contains { $0.range.isEmpty && $0.isFixable }, "a missing clause with an inserting suggestion")
        #expect(all.contains { !$0.range.isEmpty && $0.isFixable })
        #expect(Set(all.map(\.severity)) == Set(Severity.allCases))
        let risky = try #require(ReportFixtures.reports.first { $0.path == "drafts/risky.txt" })
        #expect(risky.findings.contains { $0.ruleID == "grievance.credit-taking" && risky.location(of: $0.range.lowerBound).column == 18 })
        let wrapped = try #require(ReportFixtures.reports.first { $0.path == "drafts/wrapped.md" })
        let spanning = try #require(wrapped.findings.first { $0.ruleID == "grievance.credit-taking" })
        #expect(wrapped.location(of: spanning.range.lowerBound).line + 1 == wrapped.location(of: spanning.range.upperBound).line)
        #expect(ReportFixtures.reports.contains { $0.findings.isEmpty })
    }

    @Test("golden of", arguments: ReportFormat.allCases)
    func golden(_ format: ReportFormat) throws {
        let name = "report-\(format.rawValue).\(format.fileExtension)"
        let result = try checkReportGolden(Self.render(format), named: name)
        #expect(result.matches, "\(format) report changed; rerun with LETTERLINT_UPDATE_GOLDENS=1 and review the diff of \(result.path)")
    }

    @Test("same input, same bytes, in any order:", arguments: ReportFormat.allCases)
    func deterministic(_ format: ReportFormat) {
        let a = Self.render(format, ReportFixtures.reports)
        let b = Self.render(format, ReportFixtures.reports.reversed())
        let c = Self.render(format, ReportFixtures.reports.sorted { $0.path > $1.path })
        #expect(a == b)
        #expect(a == c)
    }

    @Test("never prints a secret:", arguments: ReportFormat.allCases)
    func noSecret(_ format: ReportFormat) {
        for reports in [ReportFixtures.reports, [ReportFixtures.hostile()]] {
            let out = Self.render(format, reports, ruleSet: bundledRules)
            #expect(!out.contains(ReportFixtures.secret))
            #expect(!out.contains("FAKEfakeFAKEfake"))
            #expect(!out.contains("0123456789abcd"))
        }
        // The mask is what stands in for it (the hand-made finding's message names it).
        #expect(Self.render(format, [ReportFixtures.hostile()], ruleSet: bundledRules).contains(ReportFixtures.mask))
    }

    @Test func humanForOneFileIsTheExistingReport() {
        let one = [ReportFixtures.reports[0]]
        #expect(Self.render(.human, one) == HumanReport.render(one, style: .init(color: false, summary: true)))
        let quiet = ReportFormat.human.render(one, ruleSet: bundledRules, options: .init(summary: false))
        #expect(quiet == HumanReport.render(one, style: .init(color: false, summary: false)))
    }

    @Test func humanForSeveralFilesEndsWithTheClosingSummary() {
        let out = Self.render(.human)
        let findings = HumanReport.render(ReportFormatOrder.sorted(ReportFixtures.reports), style: .init(color: false, summary: false))
        #expect(out == findings + HumanReport.closingSummary(ReportFixtures.reports))
        #expect(!out.contains("findings in 4 files:"), "the one-line summary is not repeated")
        let noSummary = ReportFormat.human.render(ReportFixtures.reports, ruleSet: bundledRules, options: .init(summary: false))
        #expect(noSummary == findings)
    }

    @Test func colorOnlyInHumanAndOnlyWhenAsked() {
        for format in ReportFormat.allCases {
            let out = format.render(ReportFixtures.reports, ruleSet: bundledRules, options: .init(color: true))
            #expect(out.contains("\u{1B}[") == (format == .human), "\(format)")
        }
    }

    @Test func jsonIsTheContractReport() {
        #expect(Self.render(.json) == JSONReport.render(ReportFixtures.reports, toolVersion: "0.1.0"))
    }

    @Test func formatNamesAreTheCommandLineValues() {
        #expect(ReportFormat.allCases.map(\.rawValue) == ["human", "gnu", "json", "sarif", "github", "junit", "checkstyle"])
        #expect(ReportFormat(rawValue: "sarif") == .sarif)
        #expect(ReportFormat(rawValue: "xml") == nil)
        #expect(ReportFormat.allCases.allSatisfy { !$0.help.isEmpty && !$0.fileExtension.isEmpty })
    }

    @Test("an empty run is still a valid report:", arguments: ReportFormat.allCases)
    func emptyRun(_ format: ReportFormat) {
        let out = Self.render(format, [])
        switch format {
        case .gnu, .github: #expect(out == "")
        case .human: #expect(out == "No findings in 0 files.\n")
        case .json: #expect(out.contains("\"files\": []"))
        case .sarif: #expect(out.contains("\"results\": []"))
        case .junit: #expect(out.contains("<testsuites name=\"letterlint\" tests=\"0\" failures=\"0\" errors=\"0\">"))
        case .checkstyle: #expect(out.hasSuffix("<checkstyle version=\"0.1.0\">\n</checkstyle>\n"))
        }
    }
}

/// Files by path, as every reporter orders them.
enum ReportFormatOrder {
    static func sorted(_ reports: [FileReport]) -> [FileReport] { reports.sorted { $0.path < $1.path } }
}

// MARK: - gnu

@Suite("Report format: gnu")
struct ReportGNUTests {
    @Test func oneLinePerFindingInGNUForm() throws {
        let out = GNUReport.render(ReportFixtures.reports)
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        let findings = ReportFixtures.reports.flatMap(\.findings).count
        let notes = ReportFixtures.reports.flatMap(\.notes).count
        #expect(lines.count == findings + notes)
        #expect(out.hasSuffix("\n"))
        let pattern = try Regex(#"^(.+):(\d+):(\d+): (error|warning|info): (.+) \[([a-z]+\.[a-z-]+)\]$"#)
        for line in lines where !line.contains(": note: ") {
            #expect(line.wholeMatch(of: pattern) != nil, "not GNU form: \(line)")
        }
        let credit = try #require(ReportFixtures.reports[0].findings.first { $0.ruleID == "grievance.credit-taking" })
        #expect(lines.contains("drafts/risky.txt:3:18: warning: \(credit.message) [grievance.credit-taking]"))
        #expect(lines.contains("drafts/wrapped.md: note: decoded from UTF-16"))
    }

    @Test func eachLineIsTheHumanReportsHeadline() {
        let human = HumanReport.render(ReportFixtures.reports, style: .init(color: false, summary: false))
        for line in GNUReport.render(ReportFixtures.reports).split(separator: "\n") where !line.contains(": note: ") {
            #expect(human.contains(line + "\n"), "\(line)")
        }
    }

    @Test func messagesAreFoldedToOneLine() {
        let out = GNUReport.render([ReportFixtures.hostile()])
        let findingLines = out.split(separator: "\n").filter { $0.contains("[disclosure.secret]") }
        #expect(findingLines.count == 1)
        #expect(findingLines.first?.contains("new line and 100%") == true)
        #expect(!out.contains("\r"))
    }
}

// MARK: - github

@Suite("Report format: github")
struct ReportGitHubTests {
    @Test func escapingFollowsTheActionsToolkit() {
        #expect(GitHubReport.data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b")
        #expect(GitHubReport.property("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext%3A a%2C b")
        #expect(GitHubReport.data("%0A") == "%250A", "an escape sequence in the text is not read as one")
        #expect(GitHubReport.property("Zoë — ok") == "Zoë — ok")
    }

    @Test func oneCommandPerFindingWithTheRightLevel() throws {
        let out = GitHubReport.render(ReportFixtures.reports)
        let lines = out.split(separator: "\n").map(String.init)
        let findings = ReportFixtures.reports.flatMap(\.findings)
        #expect(lines.count == findings.count + ReportFixtures.reports.flatMap(\.notes).count)
        #expect(lines.filter { $0.hasPrefix("::error ") }.count == findings.filter { $0.severity == .error }.count)
        #expect(lines.filter { $0.hasPrefix("::warning ") }.count == findings.filter { $0.severity == .warning }.count)
        #expect(lines.filter { $0.hasPrefix("::notice ") && $0.contains(",line=") }.count == findings.filter { $0.severity == .info }.count)
        #expect(lines.contains { $0.hasPrefix("::warning file=drafts/risky.txt,line=3,col=18,endLine=3,endColumn=36,title=grievance.credit-taking::") })
        #expect(lines.contains("::notice file=drafts/wrapped.md,title=letterlint::decoded from UTF-16"))
    }

    @Test func aFindingOverTwoLinesHasNoColumns() throws {
        let out = GitHubReport.render(ReportFixtures.reports)
        let line = try #require(out.split(separator: "\n").first { $0.contains("file=drafts/wrapped.md,") && $0.contains("credit-taking") })
        #expect(line.hasPrefix("::warning file=drafts/wrapped.md,line=3,endLine=4,title=grievance.credit-taking::"))
        #expect(!line.contains("col="))
    }

    @Test func aZeroLengthFindingStartsAndEndsAtTheSamePlace() throws {
        let out = GitHubReport.render(ReportFixtures.reports)
        let line = try #require(out.split(separator: "\n").first { $0.contains("Zoë letter.txt") && $0.contains("title=date.missing") })
        #expect(line.hasPrefix("::error file=drafts/Zoë letter.txt,line=3,col=42,endLine=3,endColumn=42,"))
    }

    @Test func propertiesAndMessagesAreEscaped() throws {
        let out = GitHubReport.render([ReportFixtures.hostile(path: "a,b:c%.txt")])
        let line = try #require(out.split(separator: "\n").first { $0.hasPrefix("::error ") })
        #expect(line.hasPrefix("::error file=a%2Cb%3Ac%25.txt,line=3,"))
        let message = String(line[line.range(of: "::", options: .backwards)!.upperBound...])
        #expect(message.contains("'apostrophes',%0Anew line%0D%0Aand 100%25"))
        // Exactly one line per command: nothing the message carried broke it.
        #expect(out.split(separator: "\n").count == 2)
        #expect(!out.contains("\r"))
    }
}

// MARK: - closing summary

@Suite("Report: closing summary")
struct ReportSummaryTests {
    @Test func countsBySeverityCategoryFixableAndFile() throws {
        let summary = ScanSummary(ReportFixtures.reports)
        let findings = ReportFixtures.reports.flatMap(\.findings)
        #expect(summary.files == 4)
        #expect(summary.findings == findings.count)
        #expect(summary.filesWithFindings == 3)
        for severity in Severity.allCases {
            #expect(summary.count(severity) == findings.filter { $0.severity == severity }.count)
        }
        for category in Category.allCases {
            #expect(summary.count(category) == findings.filter { $0.category == category }.count)
        }
        #expect(summary.fixable == findings.filter(\.isFixable).count)
        #expect(summary.perFile.map(\.path) == ["drafts/Zoë letter.txt", "drafts/clean.txt", "drafts/risky.txt", "drafts/wrapped.md"])
        let counts = summary.categories.map(\.count)
        #expect(counts == counts.sorted(by: >))
        #expect(summary.categories.allSatisfy { $0.count > 0 })
    }

    @Test func filesNeedingAttentionRankByErrorsThenWarnings() throws {
        let reports = [
            ReportFixtures.synthetic("b.txt", [(.error, .date, true), (.warning, .tone, false)]),
            ReportFixtures.synthetic("a.txt", [(.warning, .tone, false), (.info, .tone, false), (.info, .tone, false)]),
            ReportFixtures.synthetic("c.txt", [(.error, .legal, false), (.error, .disclosure, true)]),
            ReportFixtures.synthetic("a2.txt", [(.warning, .handoff, true), (.error, .date, true)]),   // ties with b.txt: path decides
            ReportFixtures.synthetic("d.txt", [(.warning, .tone, false), (.info, .tone, false), (.info, .tone, false), (.info, .tone, false)]),
            ReportFixtures.synthetic("0-clean.txt", []),
        ]
        let summary = ScanSummary(reports)
        #expect(summary.needingAttention(limit: 10).map(\.path) == ["c.txt", "a2.txt", "b.txt", "d.txt", "a.txt"])
        #expect(summary.needingAttention().map(\.path) == ["c.txt", "a2.txt", "b.txt"])
        #expect(summary.needingAttention(limit: 0).isEmpty)
        #expect(summary.count(.tone) == 8)
        #expect(summary.categories.map(\.category) == [.tone, .date, .disclosure, .legal, .handoff],
                "most findings first, ties in the contract's category order")
        #expect(summary.fixable == 4)
        let c = try #require(summary.perFile.first { $0.path == "c.txt" })
        #expect((c.error, c.warning, c.info, c.findings) == (2, 0, 0, 2))
    }

    @Test func closingSummaryText() {
        let text = HumanReport.closingSummary(ReportFixtures.reports)
        let s = ScanSummary(ReportFixtures.reports)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "Summary: \(s.findings) findings in 3 of 4 files (1 clean).")
        #expect(lines[1] == "  by severity: \(s.count(.error)) errors, \(s.count(.warning)) warnings, \(s.count(.info)) info")
        #expect(lines[2].hasPrefix("  by category: "))
        #expect(lines[3] == "  fixable: \(s.fixable) of \(s.findings) findings have a suggested fix")
        #expect(lines[4] == "  needs attention most:")
        #expect(lines[5].hasPrefix("    drafts/risky.txt  "))
        #expect(lines.last == "")
        #expect(text.hasSuffix("\n"))
        #expect(!text.contains("\u{1B}["))
        #expect(HumanReport.closingSummary(ReportFixtures.reports, color: true).contains("\u{1B}[1mSummary:"))
    }

    @Test func closingSummaryWithoutFindings() {
        let clean = [ReportFixtures.synthetic("a.txt", []), ReportFixtures.synthetic("b.txt", [])]
        #expect(HumanReport.closingSummary(clean) == "Summary: no findings in 2 files.\n")
        #expect(ScanSummary(clean).needingAttention().isEmpty)
    }

    @Test func closingSummaryOfAKnownRun() {
        let reports = [
            ReportFixtures.synthetic("drafts/long-name.txt", [(.warning, .tone, true)]),
            ReportFixtures.synthetic("b.txt", [(.error, .date, true), (.warning, .tone, false), (.info, .grievance, false)]),
            ReportFixtures.synthetic("clean.txt", []),
        ]
        #expect(HumanReport.closingSummary(reports) == """
            Summary: 4 findings in 2 of 3 files (1 clean).
              by severity: 1 error, 2 warnings, 1 info
              by category: tone 2, grievance 1, date 1
              fixable: 2 of 4 findings have a suggested fix
              needs attention most:
                b.txt                 1 error, 1 warning, 1 info
                drafts/long-name.txt  1 warning

            """)
        #expect(HumanReport.closingSummary(reports, attentionLimit: 1).hasSuffix("  needs attention most:\n    b.txt  1 error, 1 warning, 1 info\n"))
    }

    @Test func singularWords() {
        let one = [ReportFixtures.synthetic("a.txt", [(.warning, .tone, true)]), ReportFixtures.synthetic("b.txt", [])]
        let text = HumanReport.closingSummary(one)
        #expect(text.hasPrefix("Summary: 1 finding in 1 of 2 files (1 clean).\n  by severity: 1 warning\n"))
        #expect(text.contains("  fixable: 1 of 1 finding has a suggested fix\n"))
    }
}
