/// A calendar date without a time or a time zone: what a letter means by "13 March 2026".
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// nil when the day does not exist (31 April, 29 February 2027).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(n).count)) + String(n) }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for arithmetic.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(dayNumber z: Int) {
        let z = z + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(until other: CivilDate) -> Int { other.dayNumber - dayNumber }

    /// 1 = Monday … 7 = Sunday (ISO 8601).
    public var weekday: Int {
        let w = (dayNumber + 3) % 7 // 1970-01-01 was a Thursday
        return (w < 0 ? w + 7 : w) + 1
    }

    public var isWeekend: Bool { weekday >= 6 }

    /// Today in the machine's local time zone.
    public static func today() -> CivilDate {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return CivilDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))!
    }
}

/// The industries whose notice norms letterlint knows (see DOMAIN.md).
public enum Industry: String, CaseIterable, Sendable {
    case tech, finance, retail, other

    /// The usual notice, in calendar days: the lower bound a letter should meet.
    public var usualNoticeDays: Int {
        switch self {
        case .tech, .other: return 14
        case .finance: return 30
        case .retail: return 14
        }
    }

    /// Retail's norm is two to three weeks: three when the last day falls in a peak season
    /// (back-to-school in August, the fourth quarter from October), when forecasting and
    /// pricing owners are hardest to replace.
    static let retailPeakNoticeDays = 21

    /// Whether `date` falls in retail's peak season (August, or October to December).
    public static func isRetailPeak(_ date: CivilDate) -> Bool { date.month == 8 || date.month >= 10 }

    /// The notice a letter leaving on `lastDay` is expected to give in this industry.
    public func noticeNorm(lastDay: CivilDate?) -> NoticeNorm {
        switch self {
        case .tech:
            return NoticeNorm(days: 14, source: "usual in tech",
                              reason: "Tech employers expect two weeks, and more when you are the only owner of models in production.")
        case .finance:
            return NoticeNorm(days: 30, source: "usual in finance",
                              reason: "Banks, funds and fintechs expect 30 days, so compliance can walk through your model risk documentation before you go.")
        case .retail:
            if let lastDay, Industry.isRetailPeak(lastDay) {
                return NoticeNorm(days: Industry.retailPeakNoticeDays, source: "usual in retail in peak season",
                                  reason: "Retailers expect two to three weeks, and the full three around back-to-school and the fourth quarter, when forecasts and prices are hardest to hand over.")
            }
            return NoticeNorm(days: 14, source: "usual in retail",
                              reason: "Retailers expect two to three weeks, and more around peak season.")
        case .other:
            return NoticeNorm(days: 14, source: "usual for most employers",
                              reason: "Two weeks is the common minimum unless your contract says otherwise.")
        }
    }
}

/// How much notice a letter is expected to give, and why: the sentence the notice checks
/// quote to the writer.
public struct NoticeNorm: Sendable, Equatable {
    /// Calendar days from the letter's date to the last working day.
    public let days: Int
    /// Where the number comes from, as it reads after "the 30 days": "usual in finance".
    public let source: String
    /// One sentence on why the norm exists.
    public let reason: String

    public init(days: Int, source: String, reason: String) {
        self.days = days
        self.source = source
        self.reason = reason
    }

    /// The norm a contract sets (`--notice-days`): it wins over the industry's.
    public static func contract(days: Int) -> NoticeNorm {
        NoticeNorm(days: days, source: "your contract sets (--notice-days)",
                   reason: "Your contract's notice period is what your employer can hold you to.")
    }
}

// MARK: Names and calendar helpers

extension CivilDate {
    public static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                                    "September", "October", "November", "December"]
    /// Indexed by ``weekday`` - 1 (Monday first).
    public static let weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    public var monthName: String { CivilDate.monthNames[month - 1] }
    public var weekdayName: String { CivilDate.weekdayNames[weekday - 1] }

    /// How letterlint writes a date into a message or a fix: "Friday, 13 March 2026". Day
    /// before month name, so it reads the same on both sides of the Atlantic.
    public var longDescription: String { "\(weekdayName), \(day) \(monthName) \(year)" }

    /// The same day `months` months later, moved back to the month's last day when the
    /// month is shorter (31 January + 1 month = 28 or 29 February).
    public func adding(months: Int) -> CivilDate {
        let index = year * 12 + (month - 1) + months
        let y = index >= 0 ? index / 12 : (index - 11) / 12
        let m = index - y * 12 + 1
        return CivilDate(year: y, month: m, day: min(day, CivilDate.daysIn(month: m, year: y)))!
    }

    /// The last day of this date's month.
    public var endOfMonth: CivilDate { CivilDate(year: year, month: month, day: CivilDate.daysIn(month: month, year: year))! }

    /// The Monday of this date's week (weeks run Monday to Sunday).
    public var startOfWeek: CivilDate { adding(days: 1 - weekday) }

    /// The first day on or after `self` that falls on `weekday` (1 = Monday).
    public func next(weekday target: Int, includingSelf: Bool) -> CivilDate {
        var delta = (target - weekday + 7) % 7
        if delta == 0 && !includingSelf { delta = 7 }
        return adding(days: delta)
    }

    /// The `n`th `weekday` of a month (n = 1...5), or its last one when `n` is -1.
    public static func nth(_ n: Int, _ weekday: Int, of month: Int, _ year: Int) -> CivilDate {
        if n < 0 {
            let last = CivilDate(year: year, month: month, day: daysIn(month: month, year: year))!
            return last.adding(days: -((last.weekday - weekday + 7) % 7))
        }
        let first = CivilDate(year: year, month: month, day: 1)!
        return first.next(weekday: weekday, includingSelf: true).adding(days: 7 * (n - 1))
    }
}

import Foundation
