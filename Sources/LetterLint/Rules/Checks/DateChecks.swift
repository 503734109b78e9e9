import PCRE2

/// `date.missing`: the letter names no last working day, effective date or notice period.
/// A template field where the date belongs counts as named (the placeholder rules report
/// it). The clause belongs after the sentence that says "I resign".
struct MissingLastDayCheck: CodeCheck {
    let name = "last-day"
    let slots: Set<String> = []

    func run(_ context: CheckContext) -> [CheckHit] {
        guard DateFinder.mentions(in: context.document, matcher: context.matcher).allSatisfy({ $0.role != .lastDay }) else { return [] }
        let at = context.afterOpeningSentence
        return [CheckHit(range: at..<at)]
    }
}

/// `date.vague`: "soon", "in the coming weeks" where the last day should be. The phrases
/// are the rule's patterns; a `(?<vague>…)` group marks the words to point at. Quiet when
/// the letter names a last day anyway.
struct VagueDateCheck: CodeCheck {
    let name = "vague-date"
    let slots: Set<String> = ["vague", "suggested_day", "usual_days", "norm_source"]

    func run(_ context: CheckContext) -> [CheckHit] {
        let dates = context.dates
        guard dates.lastDayMentions.isEmpty else { return [] }
        // The suggestion: the earliest last day that meets the norm.
        let norm = ["suggested_day": dates.earliestLastDay.longDescription, "usual_days": String(dates.norm.days),
                    "norm_source": dates.norm.source]
        var hits: [CheckHit] = []
        for rule in context.rules(using: self) {
            for regex in rule.patterns {
                for m in context.matches(of: [regex], in: [.body, .postscript]) {
                    let (range, text) = context.text(of: m, group: "vague", in: regex)
                    hits.append(CheckHit(range: range, values: norm.merging(["vague": text]) { $1 }))
                }
            }
        }
        hits.sort { $0.range.lowerBound < $1.range.lowerBound }
        return oncePerSentence(hits, in: context.document)
    }
}

/// `date.ambiguous-order`: a slash date such as 3/4/2026 on the letter's date or last day
/// that nothing in the letter pins to one order.
struct AmbiguousOrderCheck: CodeCheck {
    let name = "ambiguous-order"
    let slots: Set<String> = ["date_text", "month_first", "day_first"]

    func run(_ context: CheckContext) -> [CheckHit] {
        context.dates.mentions.compactMap { r in
            guard r.mention.role != .other, let order = r.orderReadings else { return nil }
            return CheckHit(range: r.mention.range, values: ["date_text": r.mention.text,
                                                             "month_first": order.monthFirst.longDescription,
                                                             "day_first": order.dayFirst.longDescription])
        }
    }
}

/// `date.weekday-mismatch`: "Friday, 14 March 2026" when 14 March 2026 is a Saturday.
struct WeekdayMismatchCheck: CodeCheck {
    let name = "weekday-mismatch"
    let slots: Set<String> = ["date_text", "stated_weekday", "actual_weekday", "resolved"]

    func run(_ context: CheckContext) -> [CheckHit] {
        context.dates.mentions.compactMap { r in
            guard r.weekdayMismatch, let stated = r.mention.statedWeekday, let date = r.date else { return nil }
            return CheckHit(range: r.mention.range, values: ["date_text": r.mention.text,
                                                             "stated_weekday": CivilDate.weekdayNames[stated - 1],
                                                             "actual_weekday": date.weekdayName,
                                                             "resolved": date.longDescription])
        }
    }
}

/// `date.invalid`: a letter date or last day that does not exist ("31 April 2026").
struct InvalidDateCheck: CodeCheck {
    let name = "invalid-date"
    let slots: Set<String> = ["date_text", "why"]

    func run(_ context: CheckContext) -> [CheckHit] {
        context.dates.mentions.compactMap { r in
            guard r.mention.role != .other, let why = r.invalidReason else { return nil }
            return CheckHit(range: r.mention.range, values: ["date_text": r.mention.text, "why": why])
        }
    }
}

/// `date.weekday-only`: the last day is a weekday alone ("my last day will be Friday"),
/// which the reader must work out from the day the letter arrives.
struct WeekdayOnlyCheck: CodeCheck {
    let name = "weekday-only"
    let slots: Set<String> = ["date_text", "resolved"]

    func run(_ context: CheckContext) -> [CheckHit] {
        let analysis = context.dates
        // A weekday that repeats a full last day named elsewhere is already pinned down.
        let fullDays = Set(analysis.lastDayMentions.filter {
            if case .weekday = $0.mention.kind { return false }
            return $0.mention.isExplicit
        }.compactMap(\.date))
        return analysis.lastDayMentions.compactMap { r in
            guard case .weekday = r.mention.kind, let date = r.date, !fullDays.contains(date) else { return nil }
            return CheckHit(range: r.mention.range, values: ["date_text": r.mention.text, "resolved": date.longDescription])
        }
    }
}
