import Testing
@testable import LetterLint

/// One row of the date table: a text, the place in it where a date starts, and what the
/// date finder and resolver must make of it.
struct DateCase: CustomTestStringConvertible, Sendable {
    enum Flag: Sendable { case order, year, weekday, invalid }

    let text: String
    /// The date must start at the first occurrence of this text.
    let at: String
    /// nil: no date may start there (the words are not a date, or not one kept).
    let role: DateMention.Role?
    /// ISO date, or nil when the mention must stay unresolved (a placeholder, no such day).
    let date: String?
    var today = "2026-03-02"
    var letterDate: String? = nil
    var flags: Set<Flag> = []

    var testDescription: String { "\(at) in \"\(text.prefix(60))\" (today \(today))" }

    /// "My last working day will be X.": X as the last day.
    static func last(_ written: String, _ date: String?, today: String = "2026-03-02", _ flags: Set<Flag> = []) -> DateCase {
        DateCase(text: "My last working day will be \(written).", at: written, role: .lastDay, date: date, today: today, flags: flags)
    }

    /// A whole sentence whose date at `at` is the last day.
    static func sentence(_ text: String, _ at: String, _ date: String?, today: String = "2026-03-02", letterDate: String? = nil,
                         _ flags: Set<Flag> = []) -> DateCase {
        DateCase(text: text, at: at, role: .lastDay, date: date, today: today, letterDate: letterDate, flags: flags)
    }

    /// A letter whose header date at `at` is the letter's date.
    static func header(_ text: String, _ at: String, _ date: String?, today: String = "2026-03-02", _ flags: Set<Flag> = []) -> DateCase {
        DateCase(text: text, at: at, role: .letterDate, date: date, today: today, flags: flags)
    }

    /// A date that is not the last day.
    static func other(_ text: String, _ at: String, _ date: String?) -> DateCase {
        DateCase(text: text, at: at, role: .other, date: date)
    }

    /// Words that must not be read as a date at all.
    static func none(_ text: String, _ at: String) -> DateCase {
        DateCase(text: text, at: at, role: nil, date: nil)
    }
}

@Suite("Date understanding")
struct DateResolutionTests {
    static let letter = "\n\nDear Priya,\n\nI am resigning from my position.\n\nBest,\nAlex"

    static let cases: [DateCase] = [
        // Explicit dates in the common forms.
        .last("Friday, March 13, 2026", "2026-03-13"),
        .last("March 13, 2026", "2026-03-13"),
        .last("13 March 2026", "2026-03-13"),
        .last("Friday 13 March 2026", "2026-03-13"),
        .last("Friday, 13 March 2026", "2026-03-13"),
        .last("13th March 2026", "2026-03-13"),
        .last("13th of March 2026", "2026-03-13"),
        .last("the 13th of March, 2026", "2026-03-13"),
        .last("Friday the 13th of March 2026", "2026-03-13"),
        .last("Mar 13, 2026", "2026-03-13"),
        .last("Mar. 13, 2026", "2026-03-13"),
        .last("13 Mar 2026", "2026-03-13"),
        .last("March 13th, 2026", "2026-03-13"),
        .last("March 13th", "2026-03-13"),
        .last("13 March", "2026-03-13"),
        .last("March 13", "2026-03-13"),
        .last("Fri 13 Mar 2026", "2026-03-13"),
        .last("Fri. 13 March 2026", "2026-03-13"),
        .last("this Friday, 13 March 2026", "2026-03-13"),
        .last("2026-03-13", "2026-03-13"),
        .last("Friday, 2026-03-13", "2026-03-13"),
        .last("3/13/2026", "2026-03-13"),
        .last("13/3/2026", "2026-03-13"),
        .last("03/13/2026", "2026-03-13"),
        .last("13/03/2026", "2026-03-13"),
        .last("3/13/26", "2026-03-13"),
        .last("13.03.2026", "2026-03-13"),
        .last("13-03-2026", "2026-03-13"),
        .last("September 30, 2026", "2026-09-30"),
        .last("1 December 2026", "2026-12-01"),
        .last("Sept. 4, 2026", "2026-09-04"),
        .last("4 Sep 2026", "2026-09-04"),
        .last("Thursday,\n2 April 2026", "2026-04-02"),
        // Slash dates whose order has to be decided.
        .last("4/3/2026", "2026-04-03", [.order]),
        .last("Friday 4/3/2026", "2026-04-03"),
        .last("Wednesday 4/3/2026", "2026-03-04"),
        .last("Tuesday 4/3/2026", "2026-04-03", [.order, .weekday]),
        .last("4.3.2026", "2026-03-04"),
        .last("4-3-2026", "2026-03-04"),
        .last("3/3/2026", "2026-03-03"),
        .last("12/11/2026", "2026-12-11", [.order]),
        .sentence("I started on 20/5/2021. My last day will be 4/3/2026.", "4/3/2026", "2026-03-04"),
        .sentence("I joined on 5/20/2021. My last day will be 4/3/2026.", "4/3/2026", "2026-04-03"),
        .last("3/13", "2026-03-13"),
        .last("13/3", "2026-03-13"),
        .last("3/1", "2027-03-01", [.order, .year]),
        .last("14/13/2026", nil, [.invalid]),
        // Dates without a year.
        .last("April 30", "2026-04-30"),
        .last("27 February", "2027-02-27", [.year]),
        .last("March 1st", "2027-03-01", [.year]),
        .last("December 1", "2026-12-01", [.year]),
        .last("Friday, 27 February", "2026-02-27"),
        .last("Saturday, 27 February", "2027-02-27"),
        .last("Monday, 27 February", "2027-02-27", [.weekday]),
        .last("8 January", "2027-01-08", today: "2026-12-15"),
        .last("January 8th", "2027-01-08", today: "2026-12-15"),
        .last("29 February", "2028-02-29"),
        .last("2 March", "2026-03-02"),
        .last("31 March", "2026-03-31"),
        // Weekdays that are wrong, and days that do not exist.
        .last("Friday, 14 March 2026", "2026-03-14", [.weekday]),
        .last("Monday, 31 March 2026", "2026-03-31", [.weekday]),
        .last("Thursday, April 3, 2026", "2026-04-03", [.weekday]),
        .last("31 April 2026", nil, [.invalid]),
        .last("February 29, 2027", nil, [.invalid]),
        .last("February 29, 2028", "2028-02-29"),
        .last("2026-02-30", nil, [.invalid]),
        .last("2026-13-01", nil, [.invalid]),
        .last("31 June", nil, [.invalid]),
        // Weekdays alone: the first one after the letter's date; "next" is the following week.
        .last("Friday", "2026-03-06"),
        .last("this Friday", "2026-03-06"),
        .last("this coming Friday", "2026-03-06"),
        .last("coming Friday", "2026-03-06"),
        .last("next Friday", "2026-03-13"),
        .last("Monday", "2026-03-09"),
        .last("next Monday", "2026-03-09"),
        .last("Sunday", "2026-03-08"),
        .last("next Sunday", "2026-03-15"),
        .last("Friday", "2026-03-13", today: "2026-03-07"),
        .last("next Friday", "2026-03-13", today: "2026-03-07"),
        .last("Friday", "2026-03-06", today: "2026-03-04"),
        .last("next Friday", "2026-03-13", today: "2026-03-04"),
        .last("Tuesday", "2026-03-10", today: "2026-03-04"),
        .last("next Tuesday", "2026-03-10", today: "2026-03-04"),
        .last("Friday", "2026-03-13", today: "2026-03-06"),
        .sentence("Friday will be my last day.", "Friday", "2026-03-06"),
        .sentence("Thursday is my final day at Northwind.", "Thursday", "2026-03-05"),
        .sentence("My last day will be Friday, 20 March 2026, and I return my laptop on my last day, Friday.", "Friday.", "2026-03-20"),
        .sentence("I will be leaving this Thursday.", "this Thursday", "2026-03-05"),
        // Notice periods, counted from the letter's date (here: today).
        .sentence("Please accept this as my two weeks' notice.", "two weeks' notice", "2026-03-16"),
        .sentence("Please accept this as my two weeks notice.", "two weeks notice", "2026-03-16"),
        .sentence("Please accept this as my 2 weeks' notice.", "2 weeks' notice", "2026-03-16"),
        .sentence("Please accept this as my two weeks’ notice.", "two weeks’ notice", "2026-03-16"),
        .sentence("I am giving a two-week notice period.", "two-week notice", "2026-03-16"),
        .sentence("I am giving four weeks' notice.", "four weeks' notice", "2026-03-30"),
        .sentence("I am giving one month's notice.", "one month's notice", "2026-04-02"),
        .sentence("I am giving a month's notice.", "a month's notice", "2026-04-02"),
        .sentence("I am giving 30 days' notice.", "30 days' notice", "2026-04-01"),
        .sentence("I am giving thirty days' notice.", "thirty days' notice", "2026-04-01"),
        .sentence("I am giving a fortnight's notice.", "a fortnight's notice", "2026-03-16"),
        .sentence("I am giving 10 working days' notice.", "10 working days' notice", "2026-03-16"),
        .sentence("I am giving ten business days' notice.", "ten business days' notice", "2026-03-16"),
        .sentence("I am giving twenty-one days' notice.", "twenty-one days' notice", "2026-03-23"),
        .sentence("I am giving forty-five days' notice.", "forty-five days' notice", "2026-04-16"),
        .sentence("I am giving one week's notice.", "one week's notice", "2026-03-09"),
        .sentence("I am giving two full weeks of notice.", "two full weeks of notice", "2026-03-16"),
        .sentence("This resignation is effective two weeks from today.", "two weeks from today", "2026-03-16"),
        .sentence("I will leave two weeks from now.", "two weeks from now", "2026-03-16"),
        .sentence("My resignation takes effect 30 days from the date of this letter.", "30 days from the date", "2026-04-01"),
        .sentence("My resignation takes effect 30 days after receipt of this letter.", "30 days after receipt", "2026-04-01"),
        .sentence("My resignation takes effect one month from today.", "one month from today", "2026-04-02"),
        .sentence("I am resigning effective three weeks from today.", "three weeks from today", "2026-03-23"),
        .sentence("I will serve a notice period of four weeks.", "notice period of four weeks", "2026-03-30"),
        .sentence("I will serve a notice of two weeks.", "notice of two weeks", "2026-03-16"),
        .sentence("I will be leaving in two weeks.", "in two weeks", "2026-03-16"),
        .sentence("My employment ends in 30 days.", "in 30 days", "2026-04-01"),
        .sentence("My last day will be in two weeks' time.", "in two weeks' time", "2026-03-16"),
        .sentence("I am giving one month's notice.", "one month's notice", "2026-02-28", today: "2026-01-31"),
        .sentence("Please accept this as my two weeks' notice.", "two weeks' notice", "2026-03-16", today: "2026-03-02"),
        .sentence("Please accept this as my two weeks' notice.", "two weeks' notice", "2026-02-23", today: "2026-03-02", letterDate: "2026-02-09"),
        // The end of a period: its last working day.
        .sentence("I will be leaving at the end of next month.", "the end of next month", "2026-04-30"),
        .sentence("I will be leaving at the end of the month.", "the end of the month", "2026-03-31"),
        .sentence("My last day will be the end of this month.", "the end of this month", "2026-03-31"),
        .sentence("My last day will be the end of March.", "the end of March", "2026-03-31"),
        .sentence("My last day will be the end of May.", "the end of May", "2026-05-29"),
        .sentence("My last day will be the end of February.", "the end of February", "2027-02-26"),
        .sentence("My last day will be the end of the week.", "the end of the week", "2026-03-06"),
        .sentence("My last day will be the end of next week.", "the end of next week", "2026-03-13"),
        .sentence("My last day will be the end of the quarter.", "the end of the quarter", "2026-03-31"),
        .sentence("My last day will be the end of next quarter.", "the end of next quarter", "2026-06-30"),
        .sentence("My last day will be the end of the year.", "the end of the year", "2026-12-31"),
        .sentence("My last day will be the end of October 2026.", "the end of October 2026", "2026-10-30"),
        .sentence("I will stay until the end of next month.", "the end of next month", "2026-02-27", today: "2026-01-30"),
        .sentence("I will be leaving at the end of the month.", "the end of the month", "2026-05-29", today: "2026-05-15"),
        // No notice at all.
        .sentence("I am resigning effective immediately.", "effective immediately", "2026-03-02"),
        .sentence("Please accept my resignation with immediate effect.", "with immediate effect", "2026-03-02"),
        .sentence("I resign, effective today.", "effective today", "2026-03-02"),
        .sentence("I resign as of today.", "as of today", "2026-03-02"),
        .sentence("I am leaving my position immediately.", "immediately", "2026-03-02"),
        .sentence("Today will be my last day.", "Today", "2026-03-02"),
        .sentence("My last day will be tomorrow.", "tomorrow", "2026-03-03"),
        .sentence("Tomorrow is my last day.", "Tomorrow", "2026-03-03"),
        // Template fields in the date's place.
        .last("[Date]", nil),
        .last("[last working day]", nil),
        .last("{{last_day}}", nil),
        .last("{date}", nil),
        .last("<DATE>", nil),
        .last("XX/XX/20XX", nil),
        .last("MM/DD/YYYY", nil),
        .last("Month DD, YYYY", nil),
        .last("March __, 2026", nil),
        .last("____", nil),
        // The letter's own date.
        .header("2 March 2026" + letter, "2 March 2026", "2026-03-02"),
        .header("Date: 2 March 2026" + letter, "2 March 2026", "2026-03-02"),
        .header("London, 2 March 2026" + letter, "2 March 2026", "2026-03-02"),
        .header("March 2, 2026" + letter, "March 2, 2026", "2026-03-02"),
        .header("2026-03-02" + letter, "2026-03-02", "2026-03-02"),
        .header("Monday, 2 March 2026" + letter, "Monday, 2 March 2026", "2026-03-02"),
        .header("Alex Kim\n14 Orchard Lane\nBristol\n\n9 February 2026" + letter + "\n\nThank you.\n\nI will document the jobs.", "9 February 2026", "2026-02-09"),
        .header("2 March" + letter, "2 March", "2026-03-02", today: "2026-03-05"),
        .header("28 December" + letter, "28 December", "2026-12-28", today: "2027-01-03"),
        .header("02/03/2026\n\nDear Priya,\n\nMy last day will be 20/03/2026.\n\nBest,\nAlex", "02/03/2026", "2026-03-02"),
        .header("2/3/2026" + letter, "2/3/2026", "2026-02-03", [.order]),
        .header("Date: XX/XX/20XX" + letter, "XX/XX/20XX", nil),
        .header("[Date]" + letter, "[Date]", nil),
        // Dates that are something else, and words that are not dates here.
        .other("I joined the team on 4 May 2021.", "4 May 2021", "2021-05-04"),
        .other("The launch on 20 March 2026 went well.", "20 March 2026", "2026-03-20"),
        .other("I have annual leave booked from 16 March 2026.", "16 March 2026", "2026-03-16"),
        .other("My last day, after the review on 9 March 2026, will be 13 March 2026.", "9 March 2026", "2026-03-09"),
        .sentence("My last day, after the review on 9 March 2026, will be 13 March 2026.", "13 March 2026", "2026-03-13"),
        .sentence("My last day, as we discussed on Tuesday, will be 13 March 2026.", "13 March 2026", "2026-03-13"),
        .none("My last day, as we discussed on Tuesday, will be 13 March 2026.", "Tuesday"),
        .other("My last day will be 13 March 2026, and we ship the model on 20 March 2026.", "20 March 2026", "2026-03-20"),
        .other("Before my last day I will walk Sam through the launch on 20 March 2026.", "20 March 2026", "2026-03-20"),
        .none("We spoke on Tuesday about my plans.", "Tuesday"),
        .none("Thank you for meeting with me today.", "today"),
        .none("I will immediately start documenting the pipelines.", "immediately"),
        .none("Before I leave, I will immediately archive the notebooks.", "immediately"),
        .none("The model retrains in two weeks.", "in two weeks"),
        .none("It runs 24/7 in production.", "24/7"),
        .none("Version 3.10.12 of the library is pinned.", "3.10.12"),
        .none("I sat 3 exams in March.", "sat 3"),
        .none("At the end of the month the dashboards refresh.", "the end of the month"),
        .none("Over the next two weeks I will document the pipelines.", "two weeks"),
        .none("I hope to catch up at the end of next month.", "the end of next month"),
        .none("I will document the pipelines before Friday's release.", "Friday"),
        .none("The report compares March 2026 with March 2025.", "March 2026"),
        .none("Dear ____,", "____"),
    ]

    @Test func theTableIsLarge() {
        #expect(Self.cases.count >= 150)
    }

    @Test("date", arguments: cases)
    func resolves(_ c: DateCase) throws {
        let options = LintOptions(today: CivilDate(iso: c.today)!)
        var withLetterDate = options
        withLetterDate.letterDate = c.letterDate.flatMap { CivilDate(iso: $0) }
        let analysis = DateAnalysis(document: Document(text: c.text), options: withLetterDate)
        let start = try #require(c.text.range(of: c.at)).lowerBound.utf16Offset(in: c.text)
        let offset = c.text.utf8.distance(from: c.text.utf8.startIndex, to: String.Index(utf16Offset: start, in: c.text))
        let found = analysis.mentions.first { $0.mention.range.lowerBound == offset }
        guard let role = c.role else {
            #expect(found == nil, "read as a date: \(found.map { "\($0.mention.text) [\($0.mention.role)]" } ?? "")")
            return
        }
        let r = try #require(found, "no date found at '\(c.at)'; found: \(analysis.mentions.map(\.mention.text))")
        #expect(r.mention.role == role)
        #expect(r.date.map(\.description) == c.date, "\(r.how)")
        var flags = Set<DateCase.Flag>()
        if r.orderReadings != nil { flags.insert(.order) }
        if r.yearReadings != nil { flags.insert(.year) }
        if r.weekdayMismatch { flags.insert(.weekday) }
        if r.invalidReason != nil { flags.insert(.invalid) }
        #expect(flags == c.flags, "\(r.how)")
    }
}
