import Foundation
import Testing
@testable import LetterLint

@Suite("Fix: planner")
struct FixPlannerTests {
    static let options = LintOptions(today: ExampleRunner.defaultToday)
    static let planner = FixPlanner(linter: linter, options: options)

    /// The sentence of tech/credit-taking-and-next-employer.md that two rules flag.
    static let joining = fixLetter.replacingOccurrences(
        of: "Thank you for the chance",
        with: "I'll be joining Anthropic at the start of April. Thank you for the chance")

    @Test func overlappingFixesAreSkippedAndReported() throws {
        let outcome = Self.planner.fix(Self.joining)
        #expect(outcome.fixed == fixLetter.replacingOccurrences(
            of: "Thank you for the chance", with: "I have accepted a new opportunity. Thank you for the chance"))
        #expect(outcome.applied.map(\.ruleID) == ["competitor.next-employer"])
        let skipped = try #require(outcome.skipped.first)
        #expect(outcome.skipped.count == 1)
        #expect(skipped.ruleID == "competitor.ai-lab")
        #expect(skipped.supersededBy == "competitor.next-employer")
        // Positions are in the original text.
        let original = Array(Self.joining.utf8)
        #expect(String(decoding: original[skipped.range], as: UTF8.self) == "Anthropic")
        #expect(String(decoding: original[skipped.supersededRange!].prefix(13), as: UTF8.self) == "I'll be joini")
        #expect(outcome.remaining.isEmpty)
    }

    @Test func onlyTheChosenCategoriesAreFixed() {
        let letter = Self.joining.replacingOccurrences(of: "Thank you for the chance",
                                                      with: "My manager took credit for my work. Thank you for the chance")
        let grievanceOnly = FixPlanner(linter: linter, options: Self.options, categories: [.grievance]).fix(letter)
        #expect(grievanceOnly.applied.map(\.ruleID) == ["grievance.credit-taking"])
        #expect(grievanceOnly.fixed.contains("I'll be joining Anthropic"))
        #expect(!grievanceOnly.fixed.contains("took credit"))
        #expect(grievanceOnly.after.findings.contains { $0.ruleID == "competitor.next-employer" })
        let all = Self.planner.fix(letter)
        #expect(!all.fixed.contains("Anthropic") && !all.fixed.contains("took credit"))
    }

    @Test func aSecondLineAboutTheNextJobIsRemovedRatherThanRepeated() {
        let letter = fixLetter.replacingOccurrences(
            of: "Thank you for the chance",
            with: "I'll be joining Anthropic in April. In my new role I will lead the evaluation team. Thank you for the chance")
        let outcome = Self.planner.fix(letter)
        #expect(outcome.fixed.components(separatedBy: "I have accepted a new opportunity.").count == 2, "\(outcome.fixed)")
        #expect(!outcome.fixed.contains("evaluation team"))
        #expect(outcome.remaining.isEmpty)
        #expect(Self.planner.fix(outcome.fixed).fixed == outcome.fixed)
    }

    @Test func missingClausesAreInsertedWhereTheyBelong() {
        let bare = "# Resignation\n\nI am resigning from my position as Data Scientist at Halcyon Apps. My last working day will be Friday, 17 April 2026. Before I leave, I will document the churn model.\n"
        let outcome = Self.planner.fix(bare)
        // The greeting after the title, the closing and the name under it at the end.
        #expect(outcome.fixed.hasPrefix("# Resignation\n\nDear [Manager's name],\n\nI am resigning from my position as Data Scientist at Halcyon Apps."))
        #expect(outcome.fixed.hasSuffix(".\n\nSincerely,\n[Your name]\n"))
        #expect(Set(outcome.applied.map(\.ruleID)).isSuperset(of: ["structure.salutation", "structure.closing", "structure.signature"]))
        // Placeholders are left for the writer; they have no fix.
        #expect(outcome.after.findings.filter { $0.severity >= .warning }.map(\.ruleID) == ["placeholder.bracket", "placeholder.bracket"])
        #expect(outcome.remaining.isEmpty)
    }

    @Test func aMissingHandoffIsFilledWithTheIndustryAndTheSuccessor() {
        let letter = fixLetter.replacingOccurrences(of: "Before I leave, I will document the feature pipeline and brief Sam on the retraining jobs.",
                                                      with: "I enjoyed pairing with Sam on the validation reports at the bank.")
        let outcome = Self.planner.fix(letter)
        #expect(outcome.applied.map(\.ruleID) == ["handoff.missing"])
        #expect(outcome.fixed.contains("at the bank.\n\nBefore I leave, I will update the model risk documentation and validation reports, write down the data lineage of my models, and brief Sam on the monitoring dashboards.\n\nSincerely,"))
        let noName = letter.replacingOccurrences(of: "pairing with Sam on", with: "working on")
        #expect(Self.planner.fix(noName).fixed.contains("and brief whoever takes over my work on the monitoring dashboards."))
        #expect(Self.planner.fix(noName.replacingOccurrences(of: "the validation reports at the bank", with: "the reports")).fixed
            .contains("Before I leave, I will document my models and pipelines, transfer my access and ownership, and brief whoever takes over my work."))
    }

    @Test func factsFillTheReplacementButAreNotRepeatedInTheirOwnParagraph() {
        let elsewhere = fixLetter.replacingOccurrences(of: "Before I leave", with: "My manager took credit for my work. Before I leave")
        #expect(Self.planner.fix(elsewhere).fixed.contains("I am proud of my work on the fraud detection model and grateful to everyone who built it with me. Before I leave"))
        let same = fixLetter.replacingOccurrences(of: "with this team.", with: "with this team. My manager took credit for my work.")
        #expect(Self.planner.fix(same).fixed.contains("with this team. I am proud of the work I did here and grateful to the people I did it with."))
    }

    @Test func offsetsSurviveMultibyteTextAndCRLF() {
        func multibyte(_ text: String) -> String {
            text.replacingOccurrences(of: "Priya", with: "Zoë").replacingOccurrences(of: "Alex Kim", with: "Zoë Ångström")
                .replacingOccurrences(of: "Analytics.", with: "Analytics — Zürich.").replacingOccurrences(of: "\n", with: "\r\n")
        }
        let outcome = Self.planner.fix(multibyte(Self.joining))
        #expect(outcome.fixed == multibyte(fixLetter)
            .replacingOccurrences(of: "Thank you for the chance", with: "I have accepted a new opportunity. Thank you for the chance"))
        #expect(!outcome.fixed.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func aLoneCRLetterGetsLoneCRLineEndsInTheParagraphsAFixAdds() {
        // Old Mac editors and some exports end lines with a bare CR; an LF in the middle
        // would show as a broken line in them.
        let letter = "Dear Naomi,\r\rI am resigning from my role as ML engineer.\r\rBest,\rAlex\r"
        #expect(Document(text: letter).lineEnding == "\r")
        let outcome = Self.planner.fix(letter)
        #expect(outcome.applied.map(\.ruleID).contains("handoff.missing"))
        #expect(outcome.fixed.contains("\r\rBefore I leave"), "\(outcome.fixed)")
        #expect(!outcome.fixed.contains("\n"), "\(outcome.fixed)")
    }

    @Test func aFixThatRecreatesItsFindingStopsAndIsReported() throws {
        // A user rule whose own fix brings the flagged word back: fixing must end.
        let specs = try LexiconLoader.parse("""
            rules:
              - id: tone.echo
                kind: phrase
                severity: warning
                description: d
                message: m
                reason: r
                patterns: ['\\bawesome\\b']
                fix: {action: replace-match, title: Say it twice, text: 'awesome, awesome'}
                examples: {flag: [awesome], pass: [fine]}
            """, file: "echo.yml")
        let echo = Linter(ruleSet: try RuleSet(specs: specs))
        let outcome = FixPlanner(linter: echo).fix("It was awesome.")
        #expect(outcome.applied.count >= FixPlanner.maxRounds)
        #expect(!outcome.remaining.isEmpty)
        #expect(outcome.remaining.allSatisfy { $0.ruleID == "tone.echo" })
    }

    // MARK: Overlap and positions

    @Test func overlapRules() {
        func edit(_ r: Range<Int>) -> TextEdit { TextEdit(range: r, replacement: "x") }
        #expect(FixPlanner.conflicts(edit(0..<5), edit(4..<8)))
        #expect(!FixPlanner.conflicts(edit(0..<5), edit(5..<8)))
        #expect(FixPlanner.conflicts(edit(3..<3), edit(3..<3)), "two insertions at one place")
        #expect(FixPlanner.conflicts(edit(3..<3), edit(0..<5)), "an insertion inside a replacement")
        #expect(!FixPlanner.conflicts(edit(5..<5), edit(0..<5)), "an insertion at the end of a replacement")
        #expect(!FixPlanner.conflicts(edit(0..<0), edit(0..<5)), "an insertion at the start of a replacement")
        #expect(FixPlanner.conflicts([TextEdit(range: 0..<2, replacement: "Same.")], [TextEdit(range: 9..<12, replacement: " Same. ")]))
        #expect(!FixPlanner.conflicts([TextEdit(range: 0..<2, replacement: "")], [TextEdit(range: 9..<12, replacement: "")]))
    }

    @Test func positionsMapThroughEdits() {
        // "abcdefghij" → replace 2..<4 ("cd") with "XYZ", insert "!" at 7.
        let edits = [TextEdit(range: 2..<4, replacement: "XYZ"), TextEdit(range: 7..<7, replacement: "!")]
        #expect(FixApplier.apply(edits, to: "abcdefghij") == "abXYZefg!hij")
        #expect(FixPlanner.mapBack(1, through: edits) == 1)
        #expect(FixPlanner.mapBack(3, through: edits) == 2, "inside the replacement: where it started")
        #expect(FixPlanner.mapBack(5, through: edits) == 4)
        #expect(FixPlanner.mapBack(10, through: edits) == 8)
        #expect(FixPlanner.mapForward(4..<6, through: edits) == 5..<7)
        #expect(FixPlanner.mapForward(3..<5, through: edits) == 2..<6)
        #expect(FixPlanner.mapBack(9..<11, through: [edits][...]) == 7..<9)
    }
}
