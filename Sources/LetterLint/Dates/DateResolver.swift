/// A ``DateMention`` turned into a calendar day, with how that was decided and what was
/// unclear on the way.
public struct ResolvedMention: Sendable, Equatable {
    public let mention: DateMention
    /// nil for a placeholder, a day that does not exist, or a form that needs a date the
    /// letter does not give.
    public let date: CivilDate?
    /// How the day was worked out, in words (shown by `letterlint debug dates`).
    public let how: String
    /// A numeric date whose order nothing decided (3/4/2026): the two readings.
    public let orderReadings: OrderReadings?
    /// A date without a year whose year is unclear: the day that has passed and the next one.
    public let yearReadings: YearReadings?
    /// The weekday written with the date is not the date's weekday.
    public let weekdayMismatch: Bool
    /// Why the written day does not exist ("April has 30 days"), if it does not.
    public let invalidReason: String?

    /// The day is a guess: the order of a slash date, the year, or the weekday is unclear.
    /// The date findings report that; the notice checks do not judge a guess.
    public var isAmbiguous: Bool { orderReadings != nil || yearReadings != nil || weekdayMismatch }

    public struct OrderReadings: Sendable, Equatable {
        public let monthFirst: CivilDate
        public let dayFirst: CivilDate
    }

    public struct YearReadings: Sendable, Equatable {
        public let past: CivilDate
        public let next: CivilDate
    }

    init(_ mention: DateMention, _ date: CivilDate?, _ how: String, order: OrderReadings? = nil, year: YearReadings? = nil,
         weekdayMismatch: Bool = false, invalid: String? = nil) {
        self.mention = mention
        self.date = date
        self.how = how
        self.orderReadings = order
        self.yearReadings = year
        self.weekdayMismatch = weekdayMismatch
        self.invalidReason = invalid
    }
}

/// Turns mentions into days. The rules, documented in the README ("Dates and notice"):
///
/// - Relative forms count from the letter's date: its header line, or
///   ``LintOptions/letterDate`` (an e-mail's Date: header); without one, from
///   ``LintOptions/today`` (`--today`), else the system date.
/// - Slash dates: a number above 12 is the day (13/3/2026 and 3/13/2026 are both 13 March);
///   when both are 12 or less, a weekday written with the date decides, then the order of
///   the letter's other slash dates; failing both, month first (US order, like the holiday
///   calendar), and the date is reported as ambiguous. Dotted and dashed dates
///   (13.03.2026) are day first.
/// - A date without a year is the next time that day comes on or after the letter's date.
///   It is ambiguous when the same day came round more recently than it comes next
///   ("27 February" in a letter of 2 March), unless a weekday written with it fits only one.
/// - "Friday", "this Friday": the first Friday after the letter's date; "next Friday": the
///   Friday of the following week. A weekday that repeats a full last day named elsewhere
///   in the letter is that day.
/// - "The end of next month" (week, quarter, year, March): the last working day of it.
/// - Periods: days and weeks are calendar days, months are calendar months, working days
///   skip weekends and holidays.
struct DateResolver {
    let reference: CivilDate
    let today: CivilDate
    /// The order the letter's unambiguous slash dates use, if they agree.
    let slashOrder: SlashOrder?

    enum SlashOrder: String { case monthFirst = "month first", dayFirst = "day first" }

    init(reference: CivilDate, today: CivilDate, mentions: [DateMention]) {
        self.reference = reference
        self.today = today
        var monthFirst = false, dayFirst = false
        for m in mentions {
            if case .numeric(let a, let b, _, "/") = m.kind {
                if a > 12 && b <= 12 { dayFirst = true }
                if b > 12 && a <= 12 { monthFirst = true }
            }
        }
        slashOrder = monthFirst == dayFirst ? nil : (monthFirst ? .monthFirst : .dayFirst)
    }

    /// Resolves every mention; weekdays alone come last so they can refer to a full last
    /// day named elsewhere.
    func resolve(_ mentions: [DateMention]) -> [ResolvedMention] {
        var resolved: [ResolvedMention?] = mentions.map { m in
            if case .weekday = m.kind { return nil }
            return resolve(m)
        }
        let fullLastDays = resolved.compactMap { $0 }.filter { $0.mention.role == .lastDay && $0.mention.isExplicit }.compactMap(\.date)
        for (i, m) in mentions.enumerated() where resolved[i] == nil {
            guard case .weekday(let wd, let which) = m.kind else { continue }
            if m.role == .lastDay, let same = fullLastDays.first(where: { $0.weekday == wd }) {
                resolved[i] = ResolvedMention(m, same, "the \(same.weekdayName) named as the last day elsewhere in the letter")
            } else {
                resolved[i] = weekday(m, wd, which)
            }
        }
        return resolved.map { $0! }
    }

    func resolve(_ m: DateMention) -> ResolvedMention {
        let base = reference.longDescription
        switch m.kind {
        case .calendar(let year, let month, let day):
            return dayMonth(m, month: month, day: day, year: year, note: "written with its month by name")
        case .numeric(let a, let b, let year, let separator):
            return numeric(m, a, b, year, separator)
        case .weekday(let wd, let which):
            return weekday(m, wd, which)
        case .period(let period):
            let date = period.end(from: reference)
            return ResolvedMention(m, date, "\(period) after \(base)")
        case .endOf(let end):
            return endOf(m, end)
        case .immediate:
            return ResolvedMention(m, reference, "no notice: the letter's date, \(base)")
        case .dayOffset(let n):
            return ResolvedMention(m, reference.adding(days: n), n == 0 ? "the letter's date, \(base)" : "the day after \(base)")
        case .placeholder:
            return ResolvedMention(m, nil, "a template field, not filled in")
        }
    }

    // MARK: Day and month

    /// A day and month, with or without a year, checked against a weekday written with it.
    private func dayMonth(_ m: DateMention, month: Int, day: Int, year: Int?, note: String) -> ResolvedMention {
        let stated = m.statedWeekday
        if let year {
            guard let date = CivilDate(year: year, month: month, day: day) else {
                return ResolvedMention(m, nil, "no such day", invalid: DateResolver.invalidReason(month: month, day: day, year: year))
            }
            let mismatch = stated.map { $0 != date.weekday } ?? false
            return ResolvedMention(m, date, note + (mismatch ? "; the weekday written with it is wrong" : ""), weekdayMismatch: mismatch)
        }
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: 2028) else {
            return ResolvedMention(m, nil, "no such day", invalid: DateResolver.invalidReason(month: month, day: day, year: nil))
        }
        // The letter's own date is the occurrence nearest to today; any other date without
        // a year is the next one on or after the letter's date.
        let anchor = m.role == .letterDate ? today : reference
        let next = (anchor.year...(anchor.year + 8)).lazy.compactMap { CivilDate(year: $0, month: month, day: day) }.first { $0 >= anchor }!
        let past = ((anchor.year - 8)...anchor.year).reversed().lazy.compactMap { CivilDate(year: $0, month: month, day: day) }.first { $0 < anchor }!
        if m.role == .letterDate {
            let date = anchor.days(until: next) <= past.days(until: anchor) ? next : past
            return ResolvedMention(m, date, "no year: the \(date.year) one, nearest to today")
        }
        if let stated {
            if next.weekday == stated { return ResolvedMention(m, next, "no year: \(next.year), the year the weekday fits") }
            if past.weekday == stated { return ResolvedMention(m, past, "no year: \(past.year), the year the weekday fits") }
            return ResolvedMention(m, next, "no year: the next one after \(anchor.longDescription); the weekday written with it fits neither year",
                                   weekdayMismatch: true)
        }
        if past.days(until: anchor) < anchor.days(until: next) {
            return ResolvedMention(m, next, "no year: taken as \(next.year), but \(past.longDescription) is nearer and has passed",
                                   year: .init(past: past, next: next))
        }
        return ResolvedMention(m, next, "no year: the next one on or after \(anchor.longDescription)")
    }

    private func numeric(_ m: DateMention, _ a: Int, _ b: Int, _ year: Int?, _ separator: Character) -> ResolvedMention {
        func reading(month: Int, day: Int) -> ResolvedMention { dayMonth(m, month: month, day: day, year: year, note: "") }
        func with(_ r: ResolvedMention, _ how: String, order: ResolvedMention.OrderReadings? = nil) -> ResolvedMention {
            ResolvedMention(m, r.date, how + (r.how.isEmpty ? "" : "; " + r.how), order: order, year: r.yearReadings,
                            weekdayMismatch: r.weekdayMismatch, invalid: r.invalidReason)
        }
        let written = "\(a)\(separator)\(b)"
        if a > 12 && b > 12 {
            return ResolvedMention(m, nil, "no such day: neither \(a) nor \(b) is a month", invalid: "neither \(a) nor \(b) can be a month")
        }
        if a > 12 { return with(reading(month: b, day: a), "\(a) is above 12, so it is the day") }
        if b > 12 { return with(reading(month: a, day: b), "\(b) is above 12, so it is the day") }
        if a == b { return with(reading(month: a, day: b), "day and month are the same number") }
        if separator != "/" { return with(reading(month: b, day: a), "dotted and dashed dates put the day first") }
        let monthFirst = reading(month: a, day: b), dayFirst = reading(month: b, day: a)
        if let stated = m.statedWeekday {
            let mf = monthFirst.date?.weekday == stated, df = dayFirst.date?.weekday == stated
            if mf && !df { return with(monthFirst, "the weekday fits only \(written) read month first") }
            if df && !mf { return with(dayFirst, "the weekday fits only \(written) read day first") }
        }
        if let slashOrder {
            return with(slashOrder == .monthFirst ? monthFirst : dayFirst, "the letter's other slash dates put the \(slashOrder == .monthFirst ? "month" : "day") first")
        }
        var order: ResolvedMention.OrderReadings? = nil
        if let x = monthFirst.date, let y = dayFirst.date { order = .init(monthFirst: x, dayFirst: y) }
        return with(monthFirst, "both numbers are 12 or less: read month first (US order), but day first gives \(dayFirst.date?.longDescription ?? "no date")", order: order)
    }

    static func invalidReason(month: Int, day: Int, year: Int?) -> String {
        guard (1...12).contains(month) else { return "there is no month \(month)" }
        let name = CivilDate.monthNames[month - 1]
        if month == 2 && day == 29, let year { return "\(year) is not a leap year, so February has 28 days" }
        return "\(name) has \(CivilDate.daysIn(month: month, year: year ?? 2028)) days"
    }

    // MARK: Weekdays and period ends

    private func weekday(_ m: DateMention, _ wd: Int, _ which: DateMention.WeekdayReference) -> ResolvedMention {
        let name = CivilDate.weekdayNames[wd - 1]
        switch which {
        case .nearest:
            let date = reference.next(weekday: wd, includingSelf: false)
            return ResolvedMention(m, date, "the first \(name) after \(reference.longDescription)")
        case .next:
            let date = reference.startOfWeek.adding(days: 7 + wd - 1)
            return ResolvedMention(m, date, "\"next \(name)\": the \(name) of the week after \(reference.longDescription)")
        }
    }

    private func endOf(_ m: DateMention, _ end: PeriodEnd) -> ResolvedMention {
        let last: CivilDate
        let what: String
        switch end {
        case .week(let offset):
            last = reference.startOfWeek.adding(days: 7 * offset + 6)
            what = offset == 0 ? "this week" : "next week"
        case .month(let offset):
            last = reference.adding(months: offset).endOfMonth
            what = "\(last.monthName) \(last.year)"
        case .quarter(let offset):
            let q = (reference.month - 1) / 3
            let lastMonth = CivilDate(year: reference.year, month: q * 3 + 3, day: 1)!.adding(months: 3 * offset)
            last = lastMonth.endOfMonth
            what = "the quarter ending in \(last.monthName) \(last.year)"
        case .year(let offset):
            last = CivilDate(year: reference.year + offset, month: 12, day: 31)!
            what = "\(last.year)"
        case .namedMonth(let month, let year):
            var candidate = CivilDate(year: year ?? reference.year, month: month, day: 1)!.endOfMonth
            if year == nil && candidate < reference { candidate = candidate.adding(months: 12).endOfMonth }
            last = candidate
            what = "\(last.monthName) \(last.year)"
        }
        let date = last.workingDayOnOrBefore
        return ResolvedMention(m, date, "the last working day of \(what)")
    }
}
