import Foundation
import Testing
@testable import LetterLint

/// The structure checks (role and employer, length, gratitude) and the vague-handoff
/// check, run through the real linter.
@Suite("Structure and handoff checks")
struct StructureChecksTests {
    func run(_ text: String, industry: Industry? = nil, employers: [String] = []) -> LintResult {
        linter.lint(Document(text: text), options: LintOptions(employers: employers, today: ExampleRunner.defaultToday, industry: industry))
    }

    func findings(_ text: String, _ rule: String, industry: Industry? = nil, employers: [String] = []) -> [Finding] {
        run(text, industry: industry, employers: employers).findings.filter { $0.ruleID == rule }
    }

    // MARK: Role and employer

    @Test func aMissingEmployerIsInsertedAfterTheResignationWithTheRoleItFound() throws {
        let text = "Dear Priya,\n\nI am resigning from my role as a data scientist. My last day will be Friday, 13 March 2026.\n\nThank you.\n\nBest,\nAlex"
        let finding = try #require(findings(text, "structure.role-employer").first)
        #expect(finding.message == "The letter does not name your employer; say which position you are resigning from and at which company.")
        #expect(finding.range.isEmpty)
        #expect(finding.range.lowerBound == text.utf8.distance(from: text.startIndex, to: text.range(of: "data scientist.")!.upperBound))
        let edit = try #require(finding.fixes.first?.edits.first)
        #expect(edit.replacement == " I am leaving my position as data scientist at [Company].")
        let fixed = FixApplier.apply([edit], to: text)
        #expect(findings(fixed, "structure.role-employer").isEmpty, "an unfilled employer counts as named")
    }

    @Test func aKnownEmployerFillsTheSuggestionAndOnlyUnknownFactsArePlaceholders() throws {
        let text = "Dear Priya,\n\nPlease accept my resignation. My last day will be Friday, 13 March 2026.\n\nThank you.\n\nBest,\nAlex"
        let finding = try #require(findings(text, "structure.role-employer", employers: ["Northwind Analytics"]).first)
        #expect(finding.message.contains("does not name your position or your employer"))
        #expect(finding.fixes[0].edits[0].replacement == " I am leaving my position as [Your role] at Northwind Analytics.")
    }

    @Test func roleAndEmployerNamedAnywhereInTheLetterAreEnough() {
        let inSentence = "Dear Priya,\n\nI am resigning from my position as ML Engineer at Northwind Analytics.\n\nBest,\nAlex"
        #expect(findings(inSentence, "structure.role-employer").isEmpty)
        let inSignature = "Dear Priya,\n\nPlease accept my resignation.\n\nBest,\nAlex Kim\nStaff Data Scientist | Northwind Analytics"
        #expect(findings(inSignature, "structure.role-employer").isEmpty)
        let templated = "Dear Priya,\n\nI am resigning from my position as Data Scientist at <COMPANY>.\n\nBest,\nAlex"
        #expect(findings(templated, "structure.role-employer").isEmpty)
        let noResignation = "Dear Priya,\n\nMy last day will be Friday, 13 March 2026.\n\nBest,\nAlex"
        #expect(findings(noResignation, "structure.role-employer").isEmpty)
    }

    // MARK: Length

    /// A body of `count` words, in sentences of ten.
    func body(words count: Int) -> String {
        let vocabulary = ["the", "team", "model", "pipeline", "review", "data", "forecast", "release", "notes", "handover"]
        var sentences: [String] = []
        var n = 0
        while n < count {
            let length = min(10, count - n)
            let sentence = (0..<length).map { vocabulary[(n + $0) % vocabulary.count] }.joined(separator: " ")
            sentences.append(sentence.prefix(1).uppercased() + sentence.dropFirst() + ".")
            n += length
        }
        return sentences.joined(separator: " ")
    }

    @Test func fiveHundredWordsIsTheLimitAndTheFindingPointsWhereItIsPassed() throws {
        let atLimit = "Dear Priya,\n\n" + body(words: 500) + "\n\nBest,\nAlex"
        #expect(findings(atLimit, "structure.too-long").isEmpty)
        let over = "Dear Priya,\n\n" + body(words: 505) + "\n\nBest,\nAlex"
        let finding = try #require(findings(over, "structure.too-long").first)
        #expect(finding.message.hasPrefix("The letter runs to 505 words and passes 500 here;"))
        // Word 501 opens the 51st sentence of ten words.
        #expect(excerpt(finding, in: over) == "The team model pipeline review.")
    }

    // MARK: Gratitude

    @Test func aMissingThankYouNamesTheManagerAtTheEndOfTheResignationParagraph() throws {
        let text = "Dear Priya,\n\nI am resigning from my position as ML Engineer at Northwind. My last day will be Friday, 13 March 2026.\n\nBefore I leave, I will document the pipelines.\n\nBest,\nAlex"
        let finding = try #require(findings(text, "structure.gratitude").first)
        #expect(finding.severity == .info)
        #expect(finding.range.isEmpty)
        #expect(finding.range.lowerBound == text.utf8.distance(from: text.startIndex, to: text.range(of: "13 March 2026.")!.upperBound))
        let edit = try #require(finding.fixes.first?.edits.first)
        #expect(edit.replacement == " Thank you, Priya, for your support and for everything I have learned here.")
        #expect(findings(FixApplier.apply([edit], to: text), "structure.gratitude").isEmpty)
    }

    @Test func withoutAManagersNameTheThankYouHasNoPlaceholder() throws {
        let text = "To whom it may concern,\n\nI am resigning from my position as ML Engineer at Northwind.\n\nBest,\nAlex"
        let finding = try #require(findings(text, "structure.gratitude").first)
        #expect(finding.fixes[0].edits[0].replacement == " Thank you for your support and for everything I have learned here.")
    }

    // MARK: Handoff

    @Test(arguments: [
        (Industry.finance, "model risk documentation and validation reports", "complete the model risk documentation"),
        (Industry.tech, "model cards", "write model cards for the models I own"),
        (Industry.retail, "forecasting inputs, seasonality adjustments and retraining cadence", "document the forecasting inputs"),
        (Industry.other, "which model versions are in production", "document which model versions are in production"),
    ])
    func aVagueHandoffSuggestsTheIndustrysItems(_ industry: Industry, _ inMessage: String, _ inFix: String) throws {
        let text = "Dear Priya,\n\nI am resigning from my position as ML Engineer at Northwind. My last day will be Friday, 27 March 2026.\n\nI will do my best to help with the transition.\n\nThank you for everything.\n\nBest,\nAlex"
        let finding = try #require(findings(text, "handoff.vague", industry: industry).first)
        #expect(excerpt(finding, in: text) == "do my best to help")
        #expect(finding.message.contains(inMessage))
        let edit = try #require(finding.fixes.first?.edits.first)
        #expect(edit.replacement.hasPrefix("Before my last day, I will " + inFix))
        let fixed = FixApplier.apply([edit], to: text)
        #expect(!fixed.contains("do my best"), "the vague sentence is replaced")
        #expect(findings(fixed, "handoff.vague", industry: industry).isEmpty)
        #expect(findings(fixed, "handoff.missing", industry: industry).isEmpty)
    }

    @Test(arguments: [
        "I will help with the transition and write up a runbook for the serving stack.",
        "I will help with the transition and transfer my access to the model registry.",
        "I will help with the transition and brief Sam on the evaluation harness.",
        "I will help with the transition, including a knowledge transfer session for the team.",
        "I will help with the transition and hand over the labelling queue to Marisol.",
        "I will help with the transition until my successor is in place.",
        "I will help with the transition and document the retraining jobs.",
    ])
    func aConcreteCommitmentIsNotVague(_ sentence: String) {
        let text = "Dear Priya,\n\nI am resigning. My last day will be Friday, 27 March 2026.\n\n\(sentence)\n\nBest,\nAlex"
        #expect(findings(text, "handoff.vague").isEmpty)
    }

    // MARK: Missing clauses

    @Test func everyMissingClauseIsEmptyWhereItBelongsAndInsertsThere() throws {
        let text = "Dear Priya,\n\nPlease accept my resignation.\n\nBest,\nAlex"
        let missing = run(text).findings.filter { $0.range.isEmpty }
        #expect(Set(missing.map(\.ruleID)).isSuperset(of: ["date.missing", "structure.gratitude", "structure.role-employer", "handoff.missing"]))
        for finding in missing {
            let edit = try #require(finding.fixes.first?.edits.first, "\(finding.ruleID) has no suggestion")
            #expect(edit.range.isEmpty, "\(finding.ruleID)")
            #expect(!edit.replacement.trimmingCharacters(in: .whitespaces).isEmpty, "\(finding.ruleID)")
        }
        let after = try #require(text.range(of: "my resignation.")).upperBound
        let resignationEnd = text.utf8.distance(from: text.startIndex, to: after)
        for id in ["date.missing", "structure.role-employer", "structure.gratitude"] {
            #expect(missing.first { $0.ruleID == id }?.range.lowerBound == resignationEnd, "\(id)")
        }
    }
}
