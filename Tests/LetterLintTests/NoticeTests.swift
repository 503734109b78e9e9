import Testing
@testable import LetterLint

/// Findings of one rule under fixed options (never the system date unless a test says so).
func dateFindings(_ text: String, rule: String, today: String = "2026-03-02", industry: Industry? = nil,
                  noticeDays: Int? = nil, letterDate: String? = nil) -> [Finding] {
    var options = LintOptions(today: CivilDate(iso: today)!, industry: industry, noticeDays: noticeDays)
    options.letterDate = letterDate.flatMap { CivilDate(iso: $0) }
    return linter.lint(Document(text: text), options: options).findings.filter { $0.ruleID == rule }
}

/// A letter around one sentence that states the last day.
func letter(_ dateSentence: String, header: String = "") -> String {
    """
    \(header)Dear Priya,

    I am resigning from my position as Model Risk Analyst at Halcyon Bank. \(dateSentence)

    Thank you for the chance to work on the credit risk models with this team.

    Before I leave, I will complete the validation reports and walk Dana through the monitoring dashboards.

    Sincerely,
    Alex Kim
    """
}

@Suite("Notice checks")
struct NoticeTests {
    // MARK: The acceptance cases

    @Test func financeLetterLeavingOnThe13thGivesElevenDaysAgainstThirty() throws {
        let text = letter("My last working day will be 2026-03-13.")
        let finding = try #require(dateFindings(text, rule: "notice.short", industry: .finance).first)
        #expect(finding.message.contains("11 days of notice against the 30 days usual in finance"))
        #expect(finding.message.contains("Tuesday, 31 March 2026 or later"))
        #expect(excerpt(finding, in: text) == "2026-03-13")
        #expect(finding.severity == .warning)
        // The same letter in tech meets the two-week norm: Monday to the Friday of next week.
        #expect(dateFindings(text, rule: "notice.short", industry: .tech).isEmpty)
    }

    @Test func aSaturdayLastDayIsReportedAndTheFixMovesItToFriday() throws {
        let text = letter("My last working day will be Saturday, 14 March 2026.")
        let finding = try #require(dateFindings(text, rule: "notice.weekend").first)
        #expect(finding.message == "Your last day, Saturday, 14 March 2026, is a Saturday; name the last day you will actually work, usually Friday, 13 March 2026.")
        let fixed = FixApplier.apply(try #require(finding.fixes.first).edits, to: text)
        #expect(fixed.contains("My last working day will be Friday, 13 March 2026."))
        #expect(dateFindings(fixed, rule: "notice.weekend").isEmpty)
    }

    @Test func aLastDayInThePastIsReported() throws {
        let text = letter("My last working day will be Friday, 27 February 2026.")
        let finding = try #require(dateFindings(text, rule: "notice.past").first)
        #expect(finding.message == "Your last day, Friday, 27 February 2026, has already passed (today is Monday, 2 March 2026); give a day after the letter is sent.")
        // Not also a short notice: a day that has gone cannot be judged for length.
        #expect(dateFindings(text, rule: "notice.short").isEmpty)
    }

    @Test func aLastDayBeforeTheLettersOwnDateIsReported() throws {
        let text = letter("My last working day will be Friday, 6 March 2026.", header: "9 March 2026\n\n")
        let finding = try #require(dateFindings(text, rule: "notice.past", today: "2026-03-01").first)
        #expect(finding.message.contains("comes before the date of the letter itself, Monday, 9 March 2026"))
    }

    @Test func aVagueSoonIsReportedWithADateToWriteInstead() throws {
        let text = letter("I expect to wrap things up soon.")
        let vague = try #require(dateFindings(text, rule: "date.vague").first)
        #expect(excerpt(vague, in: text) == "soon")
        #expect(vague.message == "\"soon\" is not a date; replace it with your last working day as a date, such as Friday, 13 March 2026, which gives the 14 days usual in tech.")
        #expect(dateFindings(text, rule: "date.missing").count == 1)
    }

    // MARK: Norms and what overrides them

    @Test func noticeDaysOverrideTheIndustryAndTheLettersClaim() throws {
        let text = letter("My last working day will be Friday, 13 March 2026, in line with my contractual notice period.")
        #expect(dateFindings(text, rule: "notice.short", industry: .finance).isEmpty, "the letter says the contract is met")
        let finding = try #require(dateFindings(text, rule: "notice.short", industry: .tech, noticeDays: 28).first)
        #expect(finding.message.contains("11 days of notice against the 28 days your contract sets (--notice-days)"))
    }

    @Test func retailExpectsThreeWeeksInPeakSeason() {
        let august = letter("My last working day will be Friday, 14 August 2026.")
        #expect(dateFindings(august, rule: "notice.short", today: "2026-07-31", industry: .retail).count == 1)
        let june = letter("My last working day will be Friday, 12 June 2026.")
        #expect(dateFindings(june, rule: "notice.short", today: "2026-05-29", industry: .retail).isEmpty)
        #expect(Industry.retail.noticeNorm(lastDay: CivilDate(iso: "2026-11-20")).days == 21)
        #expect(Industry.retail.noticeNorm(lastDay: CivilDate(iso: "2026-06-12")).days == 14)
        #expect(Industry.finance.noticeNorm(lastDay: nil).days == 30)
        #expect(Industry.tech.noticeNorm(lastDay: nil).days == 14)
    }

    @Test func theLettersDateComesFromTheOptionsBeforeTheHeaderAndToday() throws {
        let text = letter("Please accept this as my two weeks' notice.", header: "2 March 2026\n\n")
        let fromHeader = DateAnalysis(document: Document(text: text), options: LintOptions(today: CivilDate(iso: "2026-04-01")!))
        #expect(fromHeader.letterDate == CivilDate(iso: "2026-03-02"))
        #expect(fromHeader.lastDay?.date == CivilDate(iso: "2026-03-16"))
        var options = LintOptions(today: CivilDate(iso: "2026-04-01")!)
        options.letterDate = CivilDate(iso: "2026-02-20")
        let fromEmail = DateAnalysis(document: Document(text: text), options: options)
        #expect(fromEmail.letterDateSource == .options)
        #expect(fromEmail.lastDay?.date == CivilDate(iso: "2026-03-06"))
        let noDate = DateAnalysis(document: Document(text: letter("Please accept this as my two weeks' notice.")),
                                  options: LintOptions(today: CivilDate(iso: "2026-04-01")!))
        #expect(noDate.letterDate == nil)
        #expect(noDate.lastDay?.date == CivilDate(iso: "2026-04-15"))
    }

    @Test func withoutTodayTheSystemDateIsUsed() {
        let before = CivilDate.today()
        let analysis = DateAnalysis(document: Document(text: letter("I am giving two weeks' notice.")), options: LintOptions())
        let after = CivilDate.today()
        #expect(analysis.today == before || analysis.today == after)
        #expect(!analysis.todayIsFromOptions)
    }

    @Test func aLettersFinanceDateEarlyEnoughPassesWithAContractualNote() {
        // clean-model-risk-handover: dated 9 February, leaving 13 March: 32 days.
        let text = letter("My last working day will be Friday, 13 March 2026.", header: "9 February 2026\n\n")
        #expect(dateFindings(text, rule: "notice.short", industry: .finance).isEmpty)
    }

    // MARK: The other notice findings

    @Test func twoWeeksButFiveDaysIsAMismatch() throws {
        let text = letter("I am giving two weeks' notice, and my last working day will be Friday, 6 March 2026.")
        let finding = try #require(dateFindings(text, rule: "notice.mismatch", today: "2026-03-01").first)
        #expect(excerpt(finding, in: text) == "two weeks' notice")
        #expect(finding.message == "\"two weeks' notice\" gives a last day of Sunday, 15 March 2026, counted from Sunday, 1 March 2026, but the letter also names Friday, 6 March 2026, 5 days after it; make the notice and the date agree.")
        // Unclear notice is not judged for length until the letter agrees with itself.
        #expect(dateFindings(text, rule: "notice.short", today: "2026-03-01").isEmpty)
    }

    @Test func effectiveImmediatelyExplainsWhatItCosts() throws {
        let text = letter("I am resigning effective immediately.")
        let finding = try #require(dateFindings(text, rule: "notice.immediate", industry: .finance).first)
        #expect(excerpt(finding, in: text) == "effective immediately")
        #expect(finding.message.contains("gives no notice"))
        #expect(finding.message.contains("lose pay for the notice period"))
        #expect(finding.message.contains("give the 30 days usual in finance and name the day, for example Tuesday, 31 March 2026"))
        #expect(dateFindings(text, rule: "notice.short", industry: .finance).isEmpty)
        #expect(dateFindings(text, rule: "date.missing").isEmpty)
    }

    @Test func twoDifferentLastDaysAreAnError() throws {
        let text = letter("My last working day will be Friday, 27 March 2026. My employment will end on 3 April 2026.")
        let finding = try #require(dateFindings(text, rule: "notice.conflicting-dates").first)
        #expect(finding.severity == .error)
        #expect(excerpt(finding, in: text) == "3 April 2026")
        #expect(finding.message == "The letter names a second last day, Friday, 3 April 2026, after giving Friday, 27 March 2026; keep one date everywhere it appears.")
    }

    @Test func aHolidayLastDayNamesTheHolidayAndTheCalendar() throws {
        let text = letter("My last working day will be Monday, 25 May 2026.")
        let finding = try #require(dateFindings(text, rule: "notice.holiday").first)
        #expect(finding.severity == .info)
        #expect(finding.message.contains("is Memorial Day, one of the US federal holidays"))
        #expect(finding.message.contains("give Friday, 22 May 2026 instead"))
        let observed = letter("My last working day will be Friday, 3 July 2026.")
        #expect(try #require(dateFindings(observed, rule: "notice.holiday").first).message.contains("Independence Day (observed)"))
    }

    @Test func aYearlessDateThatHasJustPassedIsAmbiguous() throws {
        let text = letter("My last working day will be 27 February.")
        let finding = try #require(dateFindings(text, rule: "notice.ambiguous-year").first)
        #expect(finding.message == "\"27 February\" has no year: it could be Friday, 27 February 2026, which has passed, or Saturday, 27 February 2027; write the year.")
        #expect(dateFindings(letter("My last working day will be 27 March."), rule: "notice.ambiguous-year").isEmpty)
    }

    @Test func aSlashDateThatReadsTwoWaysIsReported() throws {
        let text = letter("My last working day will be 4/3/2026.")
        let finding = try #require(dateFindings(text, rule: "date.ambiguous-order").first)
        #expect(finding.message == "\"4/3/2026\" reads as Friday, 3 April 2026 in the US and as Wednesday, 4 March 2026 in most other countries; write the month as a word.")
        #expect(FixApplier.apply(finding.fixes[0].edits, to: text).contains("will be Friday, 3 April 2026."))
    }

    @Test func aWrongWeekdayIsReportedWithTheDaysWeekday() throws {
        let text = letter("My last working day will be Friday, 14 March 2026.")
        let finding = try #require(dateFindings(text, rule: "date.weekday-mismatch").first)
        #expect(finding.message.contains("says Friday, but Saturday, 14 March 2026 is a Saturday"))
        // Which day is meant is unclear, so the weekend check stays out of it.
        #expect(dateFindings(text, rule: "notice.weekend").isEmpty)
    }

    @Test func aWeekdayAloneGetsItsFullDate() throws {
        let text = letter("My last working day will be next Friday.")
        let finding = try #require(dateFindings(text, rule: "date.weekday-only").first)
        #expect(FixApplier.apply(finding.fixes[0].edits, to: text).contains("will be Friday, 13 March 2026."))
    }

    @Test func aDayThatDoesNotExistIsAnError() throws {
        let finding = try #require(dateFindings(letter("My last working day will be 31 April 2026."), rule: "date.invalid").first)
        #expect(finding.severity == .error)
        #expect(finding.message == "\"31 April 2026\" is not a real date: April has 30 days. Write the day you mean.")
    }

    // MARK: date.missing on the date finder

    @Test func theMissingDateGoesAfterTheResignationAndItsFixSatisfiesTheRule() throws {
        let text = letter("I will let you know the timing later.")
        let finding = try #require(dateFindings(text, rule: "date.missing").first)
        #expect(finding.range.isEmpty)
        let sentenceEnd = try #require(text.range(of: "Halcyon Bank.")).upperBound
        #expect(finding.range.lowerBound == text.utf8.distance(from: text.startIndex, to: sentenceEnd))
        let edit = try #require(finding.fixes.first?.edits.first)
        #expect(edit.range == finding.range)
        #expect(edit.replacement == " My last working day will be [last working day].")
        #expect(dateFindings(FixApplier.apply([edit], to: text), rule: "date.missing").isEmpty)
    }

    @Test func theLastDayFactIsTheFullDateWhenTheLetterGivesIt() {
        func fact(_ sentence: String) -> String? {
            linter.lint(Document(text: letter(sentence)), options: LintOptions(today: ExampleRunner.defaultToday)).facts.lastDay
        }
        #expect(fact("My last working day will be 13/3/2026.") == "Friday, 13 March 2026")
        #expect(fact("My employment will end on 2026-04-10.") == "Friday, 10 April 2026")
        #expect(fact("This resignation is effective two weeks from today.") == "two weeks from today")
        #expect(fact("My last day will be Friday.") == "Friday")
        #expect(fact("I will tell you the timing later.") == nil)
    }

    // MARK: debug dates

    @Test func theDateDumpShowsEachDateItsRoleAndTheNotice() {
        let text = letter("My last working day will be Friday, 13 March 2026.", header: "2 March 2026\n\n")
        let document = Document(text: text)
        let dump = DateDump.render(DateAnalysis(document: document, options: LintOptions(today: ExampleRunner.defaultToday, industry: .finance)),
                                   in: document)
        #expect(dump.contains("Letter date: Monday, 2 March 2026 (header, line 1)"))
        #expect(dump.contains("Today: Monday, 2 March 2026 (--today)"))
        #expect(dump.contains("Notice expected: 30 days, usual in finance (industry: finance)"))
        #expect(dump.contains("1:1 \"2 March 2026\" [letter date] -> 2026-03-02 Monday"))
        #expect(dump.contains("\"Friday, 13 March 2026\" [last day] -> 2026-03-13 Friday"))
        #expect(dump.contains("Last day: Friday, 13 March 2026, 11 days after Monday, 2 March 2026; meeting the notice needs Tuesday, 31 March 2026 or later"))
    }
}
