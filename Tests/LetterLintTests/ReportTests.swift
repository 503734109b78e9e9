import Foundation
import Testing
@testable import LetterLint

@Suite("Reports: JSON contract, human output, redaction")
struct ReportTests {
    static let risky = """
        Dear Priya,

        Zoë — my manager took credit for my work. I'll be joining Anthropic in April.
        Our key is sk-proj-FAKEfakeFAKEfake0123456789abcd9f2Q if you need it.

        Sincerely,
        Alex
        """

    func report(_ text: String, path: String = "drafts/a.txt") -> FileReport {
        Checker(linter: linter).check(text: text, path: path)
    }

    func json(_ reports: [FileReport]) throws -> [String: Any] {
        let text = JSONReport.render(reports, toolVersion: LetterLintVersion.current)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func jsonHasTheContractShape() throws {
        let root = try json([report(Self.risky)])
        let tool = try #require(root["tool"] as? [String: Any])
        #expect(tool["name"] as? String == "letterlint")
        #expect(tool["version"] as? String == "0.1.0")
        let files = try #require(root["files"] as? [[String: Any]])
        #expect(files.first?["path"] as? String == "drafts/a.txt")
        let findings = try #require(files.first?["findings"] as? [[String: Any]])
        #expect(!findings.isEmpty)
        let keys = ["rule", "category", "severity", "message", "line", "column", "endLine", "endColumn", "offset", "length", "excerpt", "suggestions"]
        for finding in findings { #expect(Set(finding.keys) == Set(keys)) }
        let summary = try #require(root["summary"] as? [String: Int])
        #expect(summary["files"] == 1)
        #expect(summary["findings"] == findings.count)
        #expect(summary["error"]! + summary["warning"]! + summary["info"]! == findings.count)
        // Findings are sorted by offset.
        let offsets = findings.compactMap { $0["offset"] as? Int }
        #expect(offsets == offsets.sorted())
    }

    @Test func jsonKeysAreInContractOrder() {
        let text = JSONReport.render([report(Self.risky)], toolVersion: "0.1.0")
        let order = ["\"tool\"", "\"files\"", "\"summary\""].map { text.range(of: $0)!.lowerBound }
        #expect(order == order.sorted())
        let findingOrder = ["\"rule\"", "\"category\"", "\"severity\"", "\"message\"", "\"line\"", "\"column\"", "\"endLine\"",
                            "\"endColumn\"", "\"offset\"", "\"length\"", "\"excerpt\"", "\"suggestions\""]
            .map { text.range(of: $0)!.lowerBound }
        #expect(findingOrder == findingOrder.sorted())
    }

    @Test func offsetsSliceTheTextAndPositionsCountCharacters() throws {
        let findings = try #require(try json([report(Self.risky)])["files"] as? [[String: Any]]).first!["findings"] as! [[String: Any]]
        let credit = try #require(findings.first { $0["rule"] as? String == "grievance.credit-taking" })
        let bytes = Array(Self.risky.utf8)
        let offset = credit["offset"] as! Int, length = credit["length"] as! Int
        let sliced = String(decoding: bytes[offset..<offset + length], as: UTF8.self)
        #expect(sliced.hasPrefix("took credit"))
        #expect(credit["line"] as? Int == 3)
        // "Zoë — my manager " is 17 characters, so the span starts in column 18.
        #expect(credit["column"] as? Int == 18)
        #expect(credit["excerpt"] as? String == sliced)
    }

    @Test func missingClauseHasZeroLengthAndAnInsertingSuggestion() throws {
        let text = "Dear Priya,\n\nI am resigning from my role at Northwind. Thank you.\n\nSincerely,\nAlex"
        let finding = try #require(findings(text, rule: "date.missing").first)
        #expect(finding.range.isEmpty)
        let edit = try #require(finding.fixes.first?.edits.first)
        #expect(edit.range.isEmpty)
        #expect(edit.range.lowerBound == finding.range.lowerBound)
        // It goes right after the sentence that says "I am resigning".
        #expect(finding.range.lowerBound == Array(text.utf8).firstIndex(of: UInt8(ascii: "."))! + 1)
        #expect(edit.replacement == " My last working day will be [last working day].")
    }

    @Test func aSecretIsNeverPrintedInFull() throws {
        let secret = "sk-proj-FAKEfakeFAKEfake0123456789abcd9f2Q"
        let r = report(Self.risky)
        #expect(r.findings.contains { $0.ruleID == "disclosure.secret" })
        let human = HumanReport.render([r], style: .init(color: false, summary: true))
        let json = JSONReport.render([r], toolVersion: "0.1.0")
        for output in [human, json, TokenDump.render(r)] {
            #expect(!output.contains(secret))
            #expect(!output.contains("FAKEfakeFAKEfake"))
        }
        #expect(json.contains("sk-…9f2Q"))
        #expect(human.contains("sk-…9f2Q"))
    }

    @Test func maskKeepsTooLittleToUse() {
        #expect(Redaction.mask("sk-proj-FAKEfakeFAKEfake0123456789abcd9f2Q") == "sk-…9f2Q")
        #expect(Redaction.mask("hunter2pass") == "…ss")
        #expect(Redaction.mask("abc") == "…")
    }

    @Test func humanOutputIsCompilerStyleWithACaret() throws {
        let text = "Dear Priya,\n\nZoë — he took credit for my work.\n"
        let out = HumanReport.render([report(text, path: "a.txt")], style: .init(color: false, summary: false))
        let lines = out.components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.hasPrefix("a.txt:3:10: warning: ") && $0.hasSuffix("[grievance.credit-taking]") })
        #expect(lines[index + 1].hasSuffix("| Zoë — he took credit for my work."))
        // The caret starts under "took" (character 10 of the line) in the snippet.
        let snippet = lines[index + 1], caret = lines[index + 2]
        let bar = snippet.firstIndex(of: "|")!
        let textStart = snippet.distance(from: snippet.startIndex, to: bar) + 2
        let caretStart = caret.distance(from: caret.startIndex, to: caret.firstIndex(of: "^")!)
        #expect(caretStart - textStart == 9)
        #expect(!out.contains("\u{1B}["))
    }

    @Test func aVeryLongLineIsShownAsAWindowAroundTheFinding() throws {
        // One paragraph of 60 KB, as a letter pasted without line breaks: each finding
        // shows the part of the line around it, not the whole line.
        let filler = String(repeating: "I enjoyed the work on the ranking models with Zoë and the team. ", count: 500)
        let text = "Dear Priya,\n\n" + filler + "Frankly, he took credit for my work. " + filler + "\n\nSincerely,\nAlex\n"
        let out = HumanReport.render([report(text, path: "a.txt")], style: .init(color: false, summary: false))
        let lines = out.components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.hasPrefix("a.txt:3:") && $0.hasSuffix("[grievance.credit-taking]") })
        let snippet = lines[index + 1], caret = lines[index + 2]
        #expect(snippet.hasSuffix("…"))
        #expect(snippet.utf8.count < HumanReport.snippetWidth + 100 && snippet.utf8.count > HumanReport.snippetContext)
        #expect(out.utf8.count < 40_000, "the report repeats the long line")
        // The caret still points at "took credit" inside the window.
        let textStart = snippet.distance(from: snippet.startIndex, to: snippet.firstIndex(of: "|")!) + 2
        let caretStart = caret.distance(from: caret.startIndex, to: caret.firstIndex(of: "^")!)
        let shown = Array(snippet.dropFirst(textStart))
        #expect(String(shown[(caretStart - textStart)...].prefix(11)) == "took credit", "\(snippet)")
        #expect(shown.first == "…")
        // A paragraph of ordinary length is shown whole.
        let short = HumanReport.render([report("Dear Priya,\n\n" + filler.prefix(600) + "He took credit for my work.\n", path: "b.txt")],
                                       style: .init(color: false, summary: false))
        #expect(!short.contains("…"))
    }

    @Test func colorOnlyWhenAsked() {
        let out = HumanReport.render([report(Self.risky)], style: .init(color: true, summary: true))
        #expect(out.contains("\u{1B}[31;1merror"))
    }

    @Test func sameInputSameBytes() {
        let a = JSONReport.render([report(Self.risky), report(cleanLetter, path: "b.txt")], toolVersion: "0.1.0")
        let b = JSONReport.render([report(cleanLetter, path: "b.txt"), report(Self.risky)], toolVersion: "0.1.0")
        #expect(a == b)
    }

    @Test func jsonEscapesControlCharacters() {
        #expect(JSON.string("a\"b\\c\nd\u{1}").serialized() == #""a\"b\\c\nd\u0001""#)
    }
}

@Suite("Letter facts")
struct LetterFactsTests {
    @Test func factsComeFromTheLetter() {
        let result = linter.lint(Document(text: cleanLetter))
        #expect(result.facts.employers == ["Northwind Analytics"])
        #expect(result.facts.manager == "Priya")
        #expect(result.facts.name == "Alex Kim")
        #expect(result.facts.role == "Machine Learning Engineer")
        #expect(result.facts.lastDay == "two weeks from today")
    }

    @Test func theNextEmployerIsNotMistakenForTheCurrentOne() {
        let text = "Dear Priya,\n\nI have accepted a new role at OpenAI. I resign from my position at Northwind.\n\nBest,\nAlex"
        let facts = linter.lint(Document(text: text)).facts
        #expect(facts.employers == ["Northwind"])
    }

    @Test func theCurrentEmployerIsNeverACompetitor() {
        let text = "Dear Priya,\n\nI am resigning from my role as Research Engineer at Google DeepMind. I loved my years at Google DeepMind.\n"
        #expect(findings(text, rule: "competitor.ai-lab").isEmpty)
        #expect(!findings(text, rule: "competitor.ai-lab", employers: []).contains { excerpt($0, in: text).contains("DeepMind") })
        let other = "Dear Priya,\n\nI am resigning from my role at Northwind. Many friends now work at Google DeepMind.\n"
        #expect(findings(other, rule: "competitor.ai-lab").count == 1)
        #expect(findings(other, rule: "competitor.ai-lab", employers: ["Google"]).isEmpty)
    }

    @Test func employerNamesCompareByWords() {
        var facts = LetterFacts()
        facts.employers = ["Google DeepMind"]
        #expect(facts.isEmployer("Google"))
        #expect(facts.isEmployer("DeepMind"))
        #expect(facts.isEmployer("google  deepmind"))
        #expect(!facts.isEmployer("OpenAI"))
        facts.employers = ["Acme Corp."]
        #expect(facts.isEmployer("Acme"))
    }
}

@Suite("Context decides")
struct ContextTests {
    @Test(arguments: [
        "Building the toxicity classifier with the trust and safety team was a highlight.",
        "I led the credit risk model rebuild and the fairness metrics review.",
        "We killed the training job when the loss diverged.",
        "The bias audit and our model drift dashboards are documented.",
        "I have no complaints about my time here.",
        "The adversarial robustness work taught me a great deal.",
        "Thank you for the chance to build the fraud detection model.",
    ])
    func mlVocabularyAndNegationsAreNotFindings(_ sentence: String) {
        let text = cleanLetter.replacingOccurrences(of: "Thank you for the chance to build the fraud detection model with this team.", with: sentence)
        let serious = findings(text).filter { $0.severity > .info }
        #expect(serious.isEmpty, "\(serious.map(\.ruleID))")
    }
}

@Suite("README")
struct ReadmeTests {
    @Test func ruleTableIsGeneratedFromTheLexicons() throws {
        let readme = repositoryRoot.appending(path: "README.md")
        var text = try String(contentsOf: readme, encoding: .utf8)
        let begin = "<!-- rules:begin (generated by `letterlint rules --format markdown`) -->\n"
        let end = "<!-- rules:end -->"
        let start = try #require(text.range(of: begin)), stop = try #require(text.range(of: end))
        let table = RuleCatalog.markdown(bundledRules.rules)
        if updatingGoldens {
            text.replaceSubrange(start.upperBound..<stop.lowerBound, with: table)
            try text.write(to: readme, atomically: true, encoding: .utf8)
            return
        }
        #expect(String(text[start.upperBound..<stop.lowerBound]) == table,
                "README rule table is stale; run LETTERLINT_UPDATE_GOLDENS=1 swift test --filter ReadmeTests")
    }
}

@Suite("Secrets")
struct SecretTests {
    @Test func theSecretGroupIsTakenFromThePatternThatMatched() throws {
        let text = """
            rules:
              - id: disclosure.test-secret
                kind: secret
                severity: error
                description: d
                message: m
                reason: r
                patterns:
                  - '(?<label>pin):\\s*(?<secret>\\d{4,})'
                  - '(?<secret>tok_[a-z0-9]{8,})'
                examples: {flag: ['pin: 123456'], pass: ['no pin']}
            """
        let rules = try RuleSet(specs: LexiconLoader.parse(text, file: "s.yml"))
        let found = Linter(ruleSet: rules).lint(Document(text: "pin: 123456 and tok_abcdef123")).findings
        #expect(found.map(\.secret) == [5..<11, 16..<29])
    }
}
