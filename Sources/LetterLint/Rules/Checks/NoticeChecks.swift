/// The notice checks: how long the notice is, and whether the last day is a day the writer
/// can work. All read ``DateAnalysis``; the words of their messages are in Lexicons/notice/.

/// `notice.short`: the notice from the letter's date to the last day falls short of the
/// industry's norm (or `--notice-days`). Quiet when the letter says the notice follows the
/// contract or an agreement and no `--notice-days` is given, since the contract wins.
struct ShortNoticeCheck: CodeCheck {
    let name = "short-notice"
    let slots: Set<String> = ["notice_days", "usual_days", "norm_source", "norm_reason", "from_date", "last_day", "earliest_day"]

    func run(_ context: CheckContext) -> [CheckHit] {
        let a = context.dates
        guard let last = a.clearLastDay, let date = last.date, !last.mention.givesNoNotice,
              date >= a.reference, date >= a.today, date < a.earliestLastDay,
              !(a.noticeIsAgreed && context.options.noticeDays == nil) else { return [] }
        return [CheckHit(range: last.mention.range, values: [
            "notice_days": String(a.reference.days(until: date)), "usual_days": String(a.norm.days),
            "norm_source": a.norm.source, "norm_reason": a.norm.reason, "from_date": a.reference.longDescription,
            "last_day": date.longDescription, "earliest_day": a.earliestLastDay.longDescription,
        ])]
    }
}

/// `notice.past`: the last day comes before the letter's own date, or has already passed.
struct PastLastDayCheck: CodeCheck {
    let name = "past-last-day"
    let slots: Set<String> = ["last_day", "when"]

    func run(_ context: CheckContext) -> [CheckHit] {
        let a = context.dates
        guard let last = a.lastDay, let date = last.date, !last.isAmbiguous else { return [] }
        let when: String
        if let letterDate = a.letterDate, date < letterDate {
            when = "comes before the date of the letter itself, \(letterDate.longDescription)"
        } else if date < a.today {
            when = "has already passed (today is \(a.today.longDescription))"
        } else {
            return []
        }
        return [CheckHit(range: last.mention.range, values: ["last_day": date.longDescription, "when": when])]
    }
}

/// The last days the letter names as calendar days (not counted from a notice period, not
/// "the end of the month", which already means its last working day), once per day.
private func namedLastDays(_ a: DateAnalysis) -> [(ResolvedMention, CivilDate)] {
    var seen = Set<CivilDate>()
    return a.lastDayMentions.compactMap { r in
        guard let date = r.date, r.mention.isExplicit, !r.isAmbiguous else { return nil }
        if case .endOf = r.mention.kind { return nil }
        return seen.insert(date).inserted ? (r, date) : nil
    }
}

/// `notice.weekend`: the last day is a Saturday or Sunday.
struct WeekendLastDayCheck: CodeCheck {
    let name = "weekend-last-day"
    let slots: Set<String> = ["last_day", "weekday", "working_day"]

    func run(_ context: CheckContext) -> [CheckHit] {
        namedLastDays(context.dates).compactMap { r, date in
            guard date.isWeekend else { return nil }
            return CheckHit(range: r.mention.range, values: ["last_day": date.longDescription, "weekday": date.weekdayName,
                                                             "working_day": date.previousWorkingDay.longDescription])
        }
    }
}

/// `notice.holiday`: the last day is a public holiday of ``HolidayCalendar`` (a weekday;
/// a weekend is `notice.weekend`'s).
struct HolidayLastDayCheck: CodeCheck {
    let name = "holiday-last-day"
    let slots: Set<String> = ["last_day", "holiday", "calendar", "working_day"]

    func run(_ context: CheckContext) -> [CheckHit] {
        namedLastDays(context.dates).compactMap { r, date in
            guard !date.isWeekend, let holiday = HolidayCalendar.holiday(on: date) else { return nil }
            return CheckHit(range: r.mention.range, values: [
                "last_day": date.longDescription, "holiday": HolidayCalendar.describe(holiday, on: date),
                "calendar": HolidayCalendar.name, "working_day": date.previousWorkingDay.longDescription,
            ])
        }
    }
}

/// `notice.ambiguous-year`: a last day without a year that could be a day just passed or
/// the same day next year.
struct AmbiguousYearCheck: CodeCheck {
    let name = "ambiguous-year"
    let slots: Set<String> = ["date_text", "past_date", "next_date"]

    func run(_ context: CheckContext) -> [CheckHit] {
        context.dates.lastDayMentions.compactMap { r in
            guard let year = r.yearReadings else { return nil }
            return CheckHit(range: r.mention.range, values: ["date_text": r.mention.text, "past_date": year.past.longDescription,
                                                             "next_date": year.next.longDescription])
        }
    }
}

/// `notice.mismatch`: a notice period and a named last day that disagree ("two weeks'
/// notice" with a last day five days away).
struct NoticeMismatchCheck: CodeCheck {
    let name = "notice-mismatch"
    let slots: Set<String> = ["stated", "stated_end", "last_day", "notice_days", "from_date"]

    func run(_ context: CheckContext) -> [CheckHit] {
        let a = context.dates
        guard let last = a.lastDay, let day = last.date else { return [] }
        return a.mismatches.compactMap { r in
            guard let end = r.date else { return nil }
            return CheckHit(range: r.mention.range, values: [
                "stated": r.mention.text, "stated_end": end.longDescription, "last_day": day.longDescription,
                "notice_days": String(a.reference.days(until: day)), "from_date": a.reference.longDescription,
            ])
        }
    }
}

/// `notice.immediate`: "effective immediately", "today will be my last day" and the like,
/// which give no notice.
struct ImmediateNoticeCheck: CodeCheck {
    let name = "immediate-notice"
    let slots: Set<String> = ["phrase", "usual_days", "norm_source", "suggested_day"]

    func run(_ context: CheckContext) -> [CheckHit] {
        let a = context.dates
        guard let r = a.lastDayMentions.first(where: { $0.mention.givesNoNotice }) else { return [] }
        return [CheckHit(range: r.mention.range, values: [
            "phrase": r.mention.text, "usual_days": String(a.norm.days), "norm_source": a.norm.source,
            "suggested_day": a.earliestLastDay.longDescription,
        ])]
    }
}

/// `notice.conflicting-dates`: two different last days in one letter.
struct ConflictingLastDaysCheck: CodeCheck {
    let name = "conflicting-last-days"
    let slots: Set<String> = ["first", "second"]

    func run(_ context: CheckContext) -> [CheckHit] {
        let a = context.dates
        guard let first = a.lastDay?.date else { return [] }
        return a.conflicts.compactMap { r in
            guard let second = r.date else { return nil }
            return CheckHit(range: r.mention.range, values: ["first": first.longDescription, "second": second.longDescription])
        }
    }
}

extension DateMention {
    /// "Effective immediately", "with immediate effect", "today will be my last day".
    var givesNoNotice: Bool { kind == .immediate || kind == .dayOffset(0) }
}
