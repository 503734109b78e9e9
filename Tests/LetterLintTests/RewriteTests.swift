import Foundation
import Testing
@testable import LetterLint

@Suite("Rewrite")
struct RewriteTests {
    static let options = LintOptions(today: ExampleRunner.defaultToday)
    static let library: TemplateLibrary = TemplateLibraryTests.library
    static let composer = LetterComposer(library: library, linter: linter, options: options)

    /// Corpus letters with something to flag: what `rewrite` is for.
    static let riskyLetters = FixCorpusTests.letters.filter { !($0 as NSString).lastPathComponent.hasPrefix("clean-") }

    static func rewrite(_ text: String, _ style: LetterStyle, _ tone: LetterTone, industry: Industry? = nil) -> (draft: LintResult, letter: LetterComposer.Letter) {
        var options = Self.options
        options.industry = industry
        let composer = LetterComposer(library: library, linter: linter, options: options)
        let draft = linter.lint(Document(text: text), options: options)
        let request = LetterComposer.Request(style: style, tone: tone, industry: industry ?? draft.facts.industry ?? .other,
                                             values: TemplateValues(facts: draft.facts), lineEnding: draft.document.lineEnding)
        return (draft, composer.compose(request))
    }

    @Test("rewrite passes check in every style and tone, for", arguments: riskyLetters)
    func rewriteOfARiskyLetterPassesCheck(_ letter: String) throws {
        let text = try FixCorpusTests.read(letter).text
        for style in LetterStyle.allCases {
            for tone in LetterTone.allCases {
                let industry = Industry(rawValue: String(letter.prefix { $0 != "/" }))
                let (draft, rewritten) = Self.rewrite(text, style, tone, industry: industry)
                // Checked as the user checks it: no --employer, the employer read from the letter.
                var options = Self.options
                options.industry = industry
                let result = linter.lint(Document(text: rewritten.text), options: options)
                let placeholders = Set(rewritten.missing.map(TemplateValues.placeholder(for:)))
                // The rewrite keeps the writer's last day as the draft gives it, so what the
                // notice and date checks say about that day (too soon, a weekend, no year) is
                // still said: it is the writer's decision, not a rewrite's.
                let lastDay = rewritten.facts.filter { $0.slot == .lastDay && !$0.isPlaceholder }.map(\.range)
                for finding in result.findings where finding.severity >= .warning {
                    let excerpt = result.document.slice(finding.range)
                    let aboutTheLastDay = (finding.category == .notice || finding.category == .date)
                        && lastDay.contains { $0.overlaps(finding.range) }
                    let allowed = (finding.category == .placeholder && placeholders.contains(excerpt)) || aboutTheLastDay
                    #expect(allowed, "\(letter) \(style.rawValue)/\(tone.rawValue): \(finding.ruleID) at \"\(excerpt)\"\n\(rewritten.text)")
                }
                // Placeholders only for facts the draft lacked.
                for slot in rewritten.missing {
                    #expect(TemplateValues(facts: draft.facts)[slot] == nil || rewritten.dropped.contains { $0.slot == slot },
                            "\(letter): placeholder for \(slot) although the draft gives it")
                }
                if let lastDay = draft.facts.lastDay {
                    #expect(rewritten.text.contains("My last working day will be \(TemplateValues.lastDayPhrase(lastDay))."), "\(letter): lost the last day")
                }
                if let manager = draft.facts.manager {
                    #expect(rewritten.text.hasPrefix("Dear \(manager),"), "\(letter): lost the manager")
                }
                #expect(rewritten.text.hasSuffix(draft.document.lineEnding + (draft.facts.name ?? "[Your name]") + draft.document.lineEnding))
            }
        }
    }

    @Test func nothingFlaggedInTheDraftSurvives() throws {
        let text = try FixCorpusTests.read("tech/credit-taking-and-next-employer.md").text
        let (draft, letter) = Self.rewrite(text, .openDoor, .positive, industry: .tech)
        #expect(!letter.text.contains("Anthropic"))
        #expect(!letter.text.contains("Derek"))
        #expect(!letter.text.contains("took credit"))
        #expect(draft.facts.project == "the document retrieval system")
        #expect(letter.text.contains("Working on the document retrieval system with this team"))
        #expect(letter.text.contains("I will walk Lina through the scheduled training jobs"))
        #expect(letter.text.hasPrefix("Dear Colin,\n\nPlease accept this letter as my formal resignation from my position as Machine Learning Engineer at Sablewood Labs. My last working day will be Friday, 20 March 2026.\n\n"))
        #expect(letter.text.hasSuffix("\n\nWarm regards,\nInes Duarte\n"))
    }

    @Test func aFactThatARuleFlagsIsLeftOut() {
        var values = TemplateLibraryTests.allFacts
        values[.project] = "the Anthropic evaluation pipeline"
        let letter = Self.composer.compose(.init(style: .closedDoor, tone: .positive, industry: .tech, values: values))
        #expect(!letter.text.contains("Anthropic"))
        #expect(letter.text.contains("I am proud of what the team achieved together."))
        #expect(letter.dropped.map(\.slot) == [.project])
        #expect(letter.dropped.first?.ruleID.hasPrefix("competitor.") == true)
        #expect(linter.lint(Document(text: letter.text), options: Self.options).findings.isEmpty)
    }

    @Test func aMissingFactBecomesAPlaceholderThatCheckReports() {
        var values = TemplateLibraryTests.allFacts
        values[.role] = nil
        values[.lastDay] = nil
        let letter = Self.composer.compose(.init(style: .counterOffer, tone: .neutral, industry: .finance, values: values))
        #expect(letter.missing == [.role, .lastDay])
        #expect(letter.text.contains("my position as [Your role] at Northwind Analytics. My last working day will be [last working day]."))
        let ids = linter.lint(Document(text: letter.text), options: Self.options).findings.map(\.ruleID)
        #expect(ids == ["placeholder.bracket", "placeholder.bracket"])
    }

    @Test func aCRLFDraftGivesACRLFLetter() throws {
        let text = fixLetter.replacingOccurrences(of: "\n", with: "\r\n")
        let letter = Self.rewrite(text, .closedDoor, .neutral).letter
        #expect(letter.text.contains("Dear Priya,\r\n\r\nI am resigning"))
        #expect(!letter.text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(letter.text.hasSuffix("Sincerely,\r\nAlex Kim\r\n"))
    }

    // MARK: Draft

    @Test func aDraftWithEveryFactIsClean() {
        for style in LetterStyle.allCases {
            for tone in LetterTone.allCases {
                let letter = Self.composer.compose(.init(style: style, tone: tone, industry: .retail, values: TemplateLibraryTests.allFacts))
                #expect(letter.missing.isEmpty && letter.dropped.isEmpty)
                #expect(linter.lint(Document(text: letter.text), options: Self.options).findings.isEmpty, "\(letter.text)")
            }
        }
    }

    @Test func aNoticeWrittenAsEffectiveReadsAsALastDay() {
        #expect(TemplateValues.lastDayPhrase("effective immediately") == "today")
        #expect(TemplateValues.lastDayPhrase("effective as of 30 April 2026") == "30 April 2026")
        #expect(TemplateValues.lastDayPhrase("effective two weeks from today") == "two weeks from today")
        #expect(TemplateValues.lastDayPhrase("Friday, 13 March 2026") == "Friday, 13 March 2026")
    }

    @Test func lastDaysAreWrittenOutOrKeptAsTyped() {
        #expect(LetterDates.lastDay(from: "2026-03-27") == "Friday, 27 March 2026")
        #expect(LetterDates.lastDay(from: " 27 March 2026 ") == "27 March 2026")
        #expect(LetterDates.lastDay(from: "March 27, 2026") == "March 27, 2026")
        #expect(LetterDates.lastDay(from: "Friday, 27 March 2026") == "Friday, 27 March 2026")
        #expect(LetterDates.lastDay(from: "2026-02-30") == nil)
        #expect(LetterDates.lastDay(from: "soon") == nil)
        #expect(LetterDates.lastDay(from: "next Friday") == nil)
        #expect(LetterDates.lastDay(from: "31 April 2026") == nil)
        #expect(LetterDates.lastDay(from: "13th of March 2026") == "13th of March 2026")
        #expect(LetterDates.longForm(CivilDate(year: 2026, month: 3, day: 2)!) == "Monday, 2 March 2026")
    }

    @Test func theInterviewAsksOnlyWhatIsMissingOneQuestionAtATime() {
        var asked: [String] = []
        var said: [String] = []
        var answers = ["Alex Kim", "Northwind Analytics", "Machine Learning Engineer", "soon", "2026-03-13",
                       "fraud detection model", "Sam", "banking", "finance", "", "grateful"][...]
        let start = DraftInterview.Answers(values: TemplateValues([.manager: "Priya"]), style: nil, tone: nil)
        let result = DraftInterview.run(start, ask: { question in
            asked.append(question)
            return answers.popFirst()
        }, say: { said.append($0) })
        #expect(answers.isEmpty)
        // The manager was given, so it was never asked; "soon" and "banking" were asked again.
        #expect(!asked.contains(DraftInterview.prompt(.manager)))
        #expect(asked.filter { $0 == DraftInterview.prompt(.lastDay) }.count == 2)
        #expect(asked.filter { $0 == DraftInterview.prompt(.industry) }.count == 2)
        #expect(said.count == 3, "a greeting and two explanations: \(said)")
        #expect(result.values[.name] == "Alex Kim")
        #expect(result.values[.manager] == "Priya")
        #expect(result.values[.lastDay] == "Friday, 13 March 2026")
        #expect(result.values[.project] == "the fraud detection model")
        #expect(result.values[.successor] == "Sam")
        #expect(result.industry == .finance)
        #expect(result.style == nil, "skipped: the default applies")
        #expect(result.tone == .grateful)
    }

    @Test func theInterviewEndsAtTheEndOfInputAndAsksNothingWhenAllIsGiven() {
        var count = 0
        let partial = DraftInterview.run(DraftInterview.Answers(), ask: { _ in count += 1; return count == 1 ? "Alex Kim" : nil }, say: { _ in })
        #expect(count == 2)
        #expect(partial.values[.name] == "Alex Kim")
        #expect(partial.missing.first == .manager)
        var full = DraftInterview.Answers(values: TemplateLibraryTests.allFacts, industry: .tech, style: .closedDoor, tone: .neutral)
        full = DraftInterview.run(full, ask: { _ in Issue.record("asked although nothing is missing"); return nil }, say: { _ in Issue.record("spoke") })
        #expect(full.missing.isEmpty)
    }
}
