// Working-day arithmetic on ``CivilDate``. CivilDate itself lives in LexiconKit (lexicon
// examples carry dates, and lexicon-embedder decodes them at build time); these helpers
// stay with ``HolidayCalendar``, which only the library needs.

extension CivilDate {
    /// Not a weekend day and not a holiday of ``HolidayCalendar``.
    public var isWorkingDay: Bool { !isWeekend && HolidayCalendar.holiday(on: self) == nil }

    /// The latest working day strictly before `self`.
    public var previousWorkingDay: CivilDate {
        var d = adding(days: -1)
        while !d.isWorkingDay { d = d.adding(days: -1) }
        return d
    }

    /// The latest working day on or before `self`.
    public var workingDayOnOrBefore: CivilDate { isWorkingDay ? self : previousWorkingDay }

    /// The date `count` working days after `self` (weekends and holidays skipped).
    public func adding(workingDays count: Int) -> CivilDate {
        var d = self
        var left = count
        while left > 0 {
            d = d.adding(days: 1)
            if d.isWorkingDay { left -= 1 }
        }
        return d
    }
}
