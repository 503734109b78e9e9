/// A date, or something standing where a date belongs, as a letter writes it: "Friday,
/// 13 March 2026", "3/13/2026", "two weeks' notice", "at the end of next month",
/// "effective immediately", "[Date]". ``DateFinder`` finds them; ``DateResolver`` turns
/// them into calendar days.
public struct DateMention: Sendable, Equatable {
    /// What the date is for, read from the words around it.
    public enum Role: String, Sendable {
        /// The date the letter is written, on its own line in the header ("2 March 2026").
        case letterDate = "letter date"
        /// The last working day or the notice, after words such as "my last day will be",
        /// "effective", "my employment ends on", or a notice period ("two weeks' notice").
        case lastDay = "last day"
        /// Any other date (a meeting, a launch, when the writer joined).
        case other
    }

    /// How the date is written.
    public enum Kind: Sendable, Equatable {
        /// Day and month by name or ISO, with or without a year: "13 March 2026", "March 13th",
        /// "2026-03-13".
        case calendar(year: Int?, month: Int, day: Int)
        /// Day and month as numbers, in an order still to be decided: "3/13/2026", "13.03.2026",
        /// "3/13". `year` is nil when the letter gives none.
        case numeric(first: Int, second: Int, year: Int?, separator: Character)
        /// A weekday alone: "Friday", "this Friday", "next Friday".
        case weekday(Int, WeekdayReference)
        /// A notice period counted from the letter's date: "two weeks' notice", "30 days from
        /// today", "in 30 days".
        case period(NoticePeriod)
        /// The end of a period: "the end of next month", "the end of March".
        case endOf(PeriodEnd)
        /// "Effective immediately", "with immediate effect", "as of today".
        case immediate
        /// "today" (0) or "tomorrow" (1).
        case dayOffset(Int)
        /// A template field where the date belongs: "[Date]", "XX/XX/20XX", "____".
        case placeholder
    }

    public enum WeekdayReference: String, Sendable {
        /// "Friday", "this Friday", "coming Friday".
        case nearest
        /// "next Friday".
        case next
    }

    /// UTF-8 range in the document.
    public let range: Range<Int>
    /// The text as written, white space collapsed.
    public let text: String
    public let kind: Kind
    /// A weekday written with the date ("Friday, 13 March 2026"): 1 = Monday … 7 = Sunday.
    public let statedWeekday: Int?
    public let role: Role

    public init(range: Range<Int>, text: String, kind: Kind, statedWeekday: Int? = nil, role: Role) {
        self.range = range
        self.text = text
        self.kind = kind
        self.statedWeekday = statedWeekday
        self.role = role
    }

    /// Dates that name a calendar day themselves rather than count from the letter's date.
    public var isExplicit: Bool {
        switch kind {
        case .calendar, .numeric, .weekday, .dayOffset, .endOf: return true
        case .period, .immediate, .placeholder: return false
        }
    }

    /// A notice counted from the letter's date ("two weeks' notice", "effective immediately").
    public var isRelativeNotice: Bool {
        switch kind {
        case .period, .immediate: return true
        default: return false
        }
    }
}

/// A length of notice: "two weeks", "30 days", "10 working days", "one month".
public struct NoticePeriod: Sendable, Equatable, CustomStringConvertible {
    public enum Unit: String, Sendable {
        case days, workingDays = "working days", weeks, months
    }

    public let count: Int
    public let unit: Unit

    public init(count: Int, unit: Unit) {
        self.count = count
        self.unit = unit
    }

    /// "two weeks", "30 days", "1 month": how messages quote the period back.
    public var description: String {
        let words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
        let number = count < words.count ? words[count] : String(count)
        let name: String
        switch unit {
        case .days: name = count == 1 ? "day" : "days"
        case .workingDays: name = count == 1 ? "working day" : "working days"
        case .weeks: name = count == 1 ? "week" : "weeks"
        case .months: name = count == 1 ? "month" : "months"
        }
        return "\(number) \(name)"
    }

    /// The day the period ends when it starts on `start`.
    public func end(from start: CivilDate) -> CivilDate {
        switch unit {
        case .days: return start.adding(days: count)
        case .workingDays: return start.adding(workingDays: count)
        case .weeks: return start.adding(days: 7 * count)
        case .months: return start.adding(months: count)
        }
    }
}

/// The end of a period: resolved to the last working day in it.
public enum PeriodEnd: Sendable, Equatable {
    /// 0: this week (month, quarter, year); 1: the next one.
    case week(offset: Int), month(offset: Int), quarter(offset: Int), year(offset: Int)
    /// "the end of March", "the end of March 2026".
    case namedMonth(month: Int, year: Int?)
}
