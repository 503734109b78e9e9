/// The public holidays letterlint knows: the eleven US federal holidays (5 U.S.C. 6103),
/// computed for any year rather than listed, with the federal rule for a holiday that falls
/// on a weekend (Saturday: observed the Friday before; Sunday: the Monday after).
///
/// One calendar, documented in the README: a last day on one of these days is reported as
/// info, because many offices are closed and HR may count the day before as your last.
/// Writers elsewhere can ignore the finding or turn the rule off.
public enum HolidayCalendar {
    /// A holiday's name and the day it is observed.
    public struct Holiday: Sendable, Equatable {
        public let name: String
        /// The calendar day the holiday marks.
        public let date: CivilDate
        /// The day offices close for it (differs from `date` on weekends).
        public let observed: CivilDate
    }

    public static let name = "US federal holidays"

    /// The holidays of `year`, in date order.
    public static func holidays(in year: Int) -> [Holiday] {
        func fixed(_ name: String, _ month: Int, _ day: Int) -> Holiday {
            let date = CivilDate(year: year, month: month, day: day)!
            let observed = date.weekday == 6 ? date.adding(days: -1) : date.weekday == 7 ? date.adding(days: 1) : date
            return Holiday(name: name, date: date, observed: observed)
        }
        func floating(_ name: String, _ n: Int, _ weekday: Int, _ month: Int) -> Holiday {
            let date = CivilDate.nth(n, weekday, of: month, year)
            return Holiday(name: name, date: date, observed: date)
        }
        var list = [
            fixed("New Year's Day", 1, 1),
            floating("Martin Luther King Jr. Day", 3, 1, 1),
            floating("Washington's Birthday", 3, 1, 2),
            floating("Memorial Day", -1, 1, 5),
            fixed("Independence Day", 7, 4),
            floating("Labor Day", 1, 1, 9),
            floating("Columbus Day", 2, 1, 10),
            fixed("Veterans Day", 11, 11),
            floating("Thanksgiving Day", 4, 4, 11),
            fixed("Christmas Day", 12, 25),
        ]
        // Juneteenth became a federal holiday in 2021.
        if year >= 2021 { list.append(fixed("Juneteenth", 6, 19)) }
        return list.sorted { $0.date < $1.date }
    }

    /// The holiday observed on `date`, if any: its own day, or the weekday it moves to
    /// ("Independence Day (observed)" on Friday 3 July 2026). New Year's Day of the next
    /// year can be observed on 31 December.
    public static func holiday(on date: CivilDate) -> Holiday? {
        for year in [date.year, date.year + 1] {
            for holiday in holidays(in: year) where holiday.date == date || holiday.observed == date {
                return holiday
            }
        }
        return nil
    }

    /// How a message names the holiday on `date`: "Memorial Day", or "Independence Day
    /// (observed)" on the day a weekend holiday moves to.
    public static func describe(_ holiday: Holiday, on date: CivilDate) -> String {
        holiday.date == date ? holiday.name : holiday.name + " (observed)"
    }
}
