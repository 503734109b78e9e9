import Testing
@testable import LetterLint

@Suite("Calendar arithmetic and holidays")
struct DateCalendarTests {
    static func d(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

    @Test(arguments: [
        ("2026-01-31", 1, "2026-02-28"), ("2028-01-31", 1, "2028-02-29"), ("2026-03-02", 1, "2026-04-02"),
        ("2026-11-30", 3, "2027-02-28"), ("2026-03-31", -1, "2026-02-28"), ("2026-12-15", 12, "2027-12-15"),
    ])
    func addingMonthsKeepsTheDayOrTheMonthsEnd(_ start: String, _ months: Int, _ expected: String) {
        #expect(Self.d(start).adding(months: months) == Self.d(expected))
    }

    @Test func weekdaysAndWorkingDays() {
        #expect(Self.d("2026-03-02").weekdayName == "Monday")
        #expect(Self.d("2026-03-14").isWeekend)
        #expect(Self.d("2026-03-16").previousWorkingDay == Self.d("2026-03-13"))
        #expect(Self.d("2026-05-26").previousWorkingDay == Self.d("2026-05-22"), "Memorial Day is skipped")
        #expect(Self.d("2026-03-02").adding(workingDays: 10) == Self.d("2026-03-16"))
        #expect(Self.d("2026-05-22").adding(workingDays: 1) == Self.d("2026-05-26"), "the weekend and Memorial Day are skipped")
        #expect(Self.d("2026-03-04").startOfWeek == Self.d("2026-03-02"))
        #expect(Self.d("2026-03-02").next(weekday: 5, includingSelf: false) == Self.d("2026-03-06"))
        #expect(Self.d("2026-03-06").next(weekday: 5, includingSelf: true) == Self.d("2026-03-06"))
        #expect(Self.d("2026-03-13").longDescription == "Friday, 13 March 2026")
    }

    @Test(arguments: [
        // Floating holidays are computed for any year, fixed ones move off weekends.
        ("2026-01-01", "New Year's Day"), ("2026-01-19", "Martin Luther King Jr. Day"), ("2026-02-16", "Washington's Birthday"),
        ("2026-05-25", "Memorial Day"), ("2026-06-19", "Juneteenth"), ("2026-07-03", "Independence Day (observed)"),
        ("2026-09-07", "Labor Day"), ("2026-10-12", "Columbus Day"), ("2026-11-11", "Veterans Day"),
        ("2026-11-26", "Thanksgiving Day"), ("2026-12-25", "Christmas Day"), ("2027-07-05", "Independence Day (observed)"),
        ("2021-12-31", "New Year's Day (observed)"), ("2030-05-27", "Memorial Day"), ("2031-11-27", "Thanksgiving Day"),
        ("2027-12-24", "Christmas Day (observed)"),
    ])
    func holidaysOfTheDocumentedCalendar(_ iso: String, _ name: String) throws {
        let date = Self.d(iso)
        let holiday = try #require(HolidayCalendar.holiday(on: date))
        #expect(HolidayCalendar.describe(holiday, on: date) == name)
        #expect(!date.isWorkingDay)
    }

    @Test func ordinaryDaysAreNotHolidays() {
        for iso in ["2026-03-13", "2026-05-22", "2026-07-06", "2020-06-19", "2026-11-27", "2026-12-24"] {
            #expect(HolidayCalendar.holiday(on: Self.d(iso)) == nil, "\(iso)")
        }
        #expect(HolidayCalendar.holidays(in: 2026).count == 11)
        #expect(HolidayCalendar.holidays(in: 2019).count == 10, "Juneteenth starts in 2021")
    }

    @Test func noticePeriodsEndWhereTheySay() {
        let start = Self.d("2026-03-02")
        #expect(NoticePeriod(count: 2, unit: .weeks).end(from: start) == Self.d("2026-03-16"))
        #expect(NoticePeriod(count: 30, unit: .days).end(from: start) == Self.d("2026-04-01"))
        #expect(NoticePeriod(count: 1, unit: .months).end(from: start) == Self.d("2026-04-02"))
        #expect(NoticePeriod(count: 10, unit: .workingDays).end(from: start) == Self.d("2026-03-16"))
        #expect(NoticePeriod(count: 2, unit: .weeks).description == "two weeks")
        #expect(NoticePeriod(count: 30, unit: .days).description == "30 days")
    }
}
