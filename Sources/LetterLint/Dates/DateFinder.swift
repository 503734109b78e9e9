import PCRE2

/// Finds the dates a letter states and decides what each is for (the letter's own date,
/// the last working day, or something else). It only reads the text: turning a mention
/// into a calendar day needs the letter's date or today, which ``DateResolver`` brings.
///
/// The grammar lives here rather than in a lexicon because it is logic (which number is
/// the day, what "next Friday" means), like the tokenizer's patterns for letter parts.
/// Every pattern is compiled once per process.
public enum DateFinder {
    // MARK: Grammar

    /// Named pieces shared by the patterns below.
    static let define = #"(?(DEFINE)"#
        + #"(?<MON>january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"#
        // Abbreviated weekdays only with a capital ("Sat 14 March"), so "I sat 3 exams" is no date.
        + #"(?<WD>monday|tuesday|wednesday|thursday|friday|saturday|sunday|(?-i:Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun))"#
        + #"(?<WDFULL>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"#
        + #"(?<DOM>(?:[12][0-9]|3[01]|0?[1-9])(?![0-9])(?:st|nd|rd|th)?)"#
        + #"(?<CNT>[0-9]{1,3}(?![0-9])|twenty[- ](?:one|two|three|four|five|six|seven|eight|nine)|forty[- ]five|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|sixty|ninety|an?)"#
        + #"(?<UNIT>(?:business|working|calendar)[ \t]+days?|days?|weeks?|months?|fortnight)"#
        + #")"#

    /// One pass over the text finds every date-like expression; the named group that took
    /// part says which kind it is. Longer forms come first, so "Friday, 13 March 2026" is
    /// one date, not a weekday and a date.
    static let mentionPattern = try! Regex(define + #"(?<![\p{L}\p{N}])(?:"#
        // A weekday may lead any calendar form: "Friday, 13 March 2026", "Fri 3/13/2026".
        + #"(?:(?:(?:this|next|coming)\s+)?(?<wd>(?&WD))\.?,?\s+(?:the\s+)?)?(?:"#
        + #"(?<iso>(?<isoY>[0-9]{4})-(?<isoM>[0-9]{2})-(?<isoD>[0-9]{2}))"#
        // Two-digit years only after a slash: "3/13/26", never "3.10.12" (a version number).
        + #"|(?<num>(?<na>[0-9]{1,2})(?<sep>[/.-])(?<nb>[0-9]{1,2})\k<sep>(?<ny>[0-9]{4}|(?<=/)[0-9]{2}))(?![0-9])"#
        + #"|(?<nsh>(?<sa>[0-9]{1,2})/(?<sb>[0-9]{1,2}))(?![0-9/])"#
        + #"|(?<dmy>(?:the\s+)?(?<d1>(?&DOM))(?:\s+of)?\s+(?<m1>(?&MON))(?:(?<=jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.(?=\s))?(?:,?\s+(?<y1>[0-9]{4})(?![0-9]))?)"#
        + #"|(?<mdy>(?<m2>(?&MON))\.?\s+(?:the\s+)?(?<d2>(?&DOM))(?:,?\s+(?<y2>[0-9]{4})(?![0-9]))?)"#
        + #")(?![\p{L}\p{N}]|[/.-][0-9])"#
        // Notice periods: "two weeks' notice", "30 days from today", "a notice period of 30 days".
        + #"|(?<per>(?<pc>(?&CNT))(?:\s+full)?[\s-]+(?<pu>(?&UNIT))(?:['’]s?|s['’])?\s+(?:(?:of\s+)?(?<pn>notice)|(?:from|after|following)\s+(?:today|now|(?:the\s+)?(?:date\s+(?:of\s+)?)?(?:receipt\s+of\s+)?(?:this\s+(?:letter|notice|e-?mail)|the\s+date\s+above|above))))"#
        + #"|(?<pern>notice(?:\s+period)?\s+of\s+(?<nc>(?&CNT))(?:\s+full)?[\s-]+(?<nu>(?&UNIT)))"#
        + #"|(?<pin>in\s+(?<ic>(?&CNT))(?:\s+full)?[\s-]+(?<iu>(?&UNIT))(?:['’]?s?\s+time)?)"#
        // Ends of periods: "the end of next month", "the end of March".
        + #"|(?<eo>(?:the\s+)?end\s+of\s+(?:(?<eow>this|the\s+following|the\s+current|the|next)\s+)?(?<eou>week|month|quarter|year))"#
        + #"|(?<eom>(?:the\s+)?end\s+of\s+(?<em>(?&MON))(?:\s+(?<ey>[0-9]{4})(?![0-9]))?)"#
        // No notice at all.
        + #"|(?<imm>effective\s+(?:immediately|today|as\s+of\s+today|from\s+today|now)|with\s+immediate\s+effect)"#
        + #"|(?<immw>immediately|as\s+of\s+today)"#
        + #"|(?<dw>today|tomorrow)"#
        + #"|(?<wdo>(?:(?<mod>this\s+coming|this|coming|next)\s+)?(?<wd2>(?&WDFULL)))"#
        // Template fields where a date belongs.
        + #"|(?<ph>\[[^\]\n]{0,40}?(?:date|day|month|year|dd|mm|yyyy|xx)[^\]\n]{0,40}\]"#
        + #"|\{\{?\s*[\w .'-]{0,30}?(?:date|day|month|year)[\w .'-]{0,30}\}?\}"#
        + #"|<[^<>\n]{0,30}?(?:date|day|month|year)[^<>\n]{0,30}>"#
        + #"|(?:xx|mm|dd|\?\?)[/.-](?:xx|mm|dd|\?\?)[/.-](?:20)?(?:xxxx|xx|yyyy|yy|\?\?)|yyyy-mm-dd"#
        + #"|(?:(?&MON)|month)\s+(?:dd|xx|_{2,})(?:,?\s+(?:yyyy|20xx|[0-9]{4}))?"#
        + #"|(?:dd|xx|_{2,})\s+(?:(?&MON)|month)(?:,?\s+(?:yyyy|20xx|[0-9]{4}))?)"#
        + #"|(?<blank>_{3,})"#
        + #")(?![\p{L}\p{N}])"#)

    // MARK: Roles

    /// Words before a date that make it the last day. The nearest cue before a date wins
    /// over an earlier one, and an ``otherCue`` nearer still ("the launch on 20 March")
    /// makes the date something else.
    static let lastDayCue = try! Regex(
        #"\b(?:last|final)\s+(?:(?:working|business|full|official|day\s+of)\s+)?day\b(?:\s+(?:of\s+)?(?:work|employment|service))?"#
        + #"|\beffective\b|\btakes?\s+effect\b|\bas\s+of\b"#
        + #"|\b(?:employment|tenure|contract|notice(?:\s+period)?|role|position|resignation|time\s+(?:here|with\s+(?:you|us|the\s+(?:team|company|firm|bank|lab))|at\s+(?-i:\p{Lu})[\p{L}&'’-]*(?:\s+(?-i:\p{Lu})[\p{L}&'’-]*){0,3}))\b[^.!?]{0,24}?\b(?:end|ends|ending|conclude|concludes|concluding|finish|finishes|expire|expires|runs?\s+(?:until|through|to))\b(?:\s+(?:on|at|with|until|through))?"#
        + #"|\b(?:remain|stay|work|working|continue|be\s+(?:available|here|on\s+board|with\s+(?:you|us|the\s+\w+)))\b[^.!?]{0,40}?\b(?:until|through|till|up\s+to(?:\s+and\s+including)?)\b"#
        + #"|\b(?:departure|leaving|separation|exit|end|termination|resignation|release|finish|final)\s+date\b"#
        + #"|\bleav(?:e|ing)\b|\bfinish(?:ing)?\s+(?:up\s+)?(?:on|at|by)\b|\bdepart(?:ing)?\s+(?:on|at)\b|\bstep(?:ping)?\s+down\b"#
        + #"|\bclose\s+of\s+(?:business|play)\b"#)

    /// "Immediately" and "as of today" are only about leaving right after a resignation verb:
    /// "I resign as of today", "I am leaving my role immediately" (not "I will immediately
    /// start documenting"). Matched against the text just before the date.
    static let resignCue = try! Regex(#"\b(?:resign\w*|leav(?:e|ing)|quit(?:ting)?|step(?:ping)?\s+down)\b(?:\s+(?:from\s+)?(?:my|the|this)(?:\s+[\p{L}-]+){1,4}?)?[\s,]*\z"#)

    /// Words that tie a date to something other than leaving.
    static let otherCue = try! Regex(
        #"\b(?:start(?:ed|ing|s)?|join(?:ed|ing)?|began|begin(?:ning)?|since|hired|promot(?:ed|ion)|launch(?:ed|es|ing)?|releas(?:ed|es|ing)|releases?\s+(?:on|of)|ship(?:ped|s)?|deadline|meet(?:ing)?|met|spoke|speak|talk(?:ed|ing)?|discuss(?:ed|ing)?|conversation|chat|call|review|demo|offsite|vacation|holiday|annual\s+leave|parental\s+leave|sick\s+leave|on\s+leave|leave\s+(?:of\s+absence|booked)|last\s+(?:week|month|year)|ago|interview(?:ed)?|conference|workshop|deploy(?:ed|ment)?|retrain(?:ed|ing)?)\b"#)

    /// After a date: "13 March will be my last day", "Friday is my final day".
    static let lastDayCueAfter = try! Regex(
        #"\G[\s,]*(?:(?:will|would|shall)\s+be|is|as)\s+my\s+(?:last|final)\s+(?:(?:working|business|full|official)\s+)?day\b"#)

    /// The rest of a header line around a letter date: a label ("Date:") or a place ("London,").
    static let letterDatePrefix = try! Regex(#"\G[\s>*_#]*(?:(?:date|dated|sent|written)\s*:?\s*|(?-i:\p{Lu})[\p{L} .'’-]{0,40},\s*)?\z"#)
    static let letterDateSuffix = try! Regex(#"\G[\s*_.]*\z"#)

    /// How far (in bytes) a cue may be from the date it marks. Weak forms ("Friday", "in
    /// two weeks", "today") need their cue close by; a full date may sit further away.
    static let strongCueDistance = 60
    static let weakCueDistance = 30

    // MARK: Finding

    /// Every date in `document`, in text order, with its role. Weekdays alone, "today",
    /// "in two weeks" and the like are only kept when they name the last day: elsewhere
    /// they are ordinary words ("we spoke on Tuesday").
    public static func mentions(in document: Document, matcher: Matcher = Matcher.current) -> [DateMention] {
        let candidates = scan(document, matcher)
        var result: [DateMention] = []
        var letterDateFound = false
        var previousEnd = 0, previousLastDayEnd = 0
        for candidate in candidates {
            var role = DateMention.Role.other
            if !letterDateFound, candidate.canBeLetterDate, isLetterDateLine(candidate.range, in: document, matcher) {
                role = .letterDate
                letterDateFound = true
            } else if candidate.inherentLastDay
                        || hasLastDayCue(candidate, after: previousEnd, lastDayEnd: previousLastDayEnd, in: document, matcher) {
                role = .lastDay
                previousLastDayEnd = candidate.range.upperBound
            }
            previousEnd = candidate.range.upperBound
            if role == .other && candidate.needsCue { continue }
            result.append(DateMention(range: candidate.range, text: document.slice(candidate.range).collapsingWhitespace(),
                                      kind: candidate.kind, statedWeekday: candidate.weekday, role: role))
        }
        return result
    }

    struct Candidate {
        let range: Range<Int>
        let kind: DateMention.Kind
        let weekday: Int?
        /// Only a date when a cue makes it the last day.
        let needsCue: Bool
        /// A notice period or "effective immediately": always about leaving.
        let inherentLastDay: Bool
        /// Takes its role from a resignation verb right before it, not from a last-day cue
        /// ("I resign as of today", "leaving my role immediately").
        let needsResignCue: Bool
        var canBeLetterDate: Bool {
            switch kind {
            case .calendar, .numeric, .placeholder: return !needsCue
            default: return false
            }
        }
    }

    static func scan(_ document: Document, _ matcher: Matcher) -> [Candidate] {
        let regex = mentionPattern
        func group(_ name: String, _ m: Match) -> Range<Int>? { m.setGroup(named: name, in: regex) }
        func text(_ name: String, _ m: Match) -> String? { group(name, m).map { document.slice($0) } }
        func int(_ name: String, _ m: Match) -> Int? { text(name, m).flatMap { Int($0.filter(\.isNumber)) } }

        let matches = document.bytes.withUnsafeBufferPointer { buffer in
            (try? matcher.allMatches(of: regex, in: buffer)) ?? []
        }
        var result: [Candidate] = []
        for m in matches {
            let weekday = text("wd", m).flatMap(weekdayNumber)
            func add(_ kind: DateMention.Kind, needsCue: Bool = false, inherent: Bool = false, resign: Bool = false, weekday: Int? = weekday) {
                result.append(Candidate(range: m.range, kind: kind, weekday: weekday, needsCue: needsCue,
                                        inherentLastDay: inherent, needsResignCue: resign))
            }
            if group("iso", m) != nil, let y = int("isoY", m), let mo = int("isoM", m), let d = int("isoD", m) {
                add(.calendar(year: y, month: mo, day: d))
            } else if group("num", m) != nil, let a = int("na", m), let b = int("nb", m), let y = int("ny", m),
                      let sep = text("sep", m)?.first {
                add(.numeric(first: a, second: b, year: y < 100 ? 2000 + y : y, separator: sep))
            } else if group("nsh", m) != nil, let a = int("sa", m), let b = int("sb", m) {
                add(.numeric(first: a, second: b, year: nil, separator: "/"), needsCue: true)
            } else if group("dmy", m) != nil, let d = int("d1", m), let mo = text("m1", m).flatMap(monthNumber) {
                add(.calendar(year: int("y1", m), month: mo, day: d))
            } else if group("mdy", m) != nil, let d = int("d2", m), let mo = text("m2", m).flatMap(monthNumber) {
                add(.calendar(year: int("y2", m), month: mo, day: d))
            } else if group("per", m) != nil, let period = period(text("pc", m), text("pu", m)) {
                add(.period(period), inherent: true)
            } else if group("pern", m) != nil, let period = period(text("nc", m), text("nu", m)) {
                add(.period(period), inherent: true)
            } else if group("pin", m) != nil, let period = period(text("ic", m), text("iu", m)) {
                add(.period(period), needsCue: true)
            } else if group("eo", m) != nil, let unit = text("eou", m)?.lowercased() {
                let which = text("eow", m)?.lowercased().collapsingWhitespace() ?? "the"
                let offset = which == "next" || which == "the following" ? 1 : 0
                let end: PeriodEnd
                switch unit {
                case "week": end = .week(offset: offset)
                case "month": end = .month(offset: offset)
                case "quarter": end = .quarter(offset: offset)
                default: end = .year(offset: offset)
                }
                add(.endOf(end), needsCue: true)
            } else if group("eom", m) != nil, let mo = text("em", m).flatMap(monthNumber) {
                add(.endOf(.namedMonth(month: mo, year: int("ey", m))), needsCue: true)
            } else if group("imm", m) != nil {
                add(.immediate, inherent: true)
            } else if group("immw", m) != nil {
                add(.immediate, needsCue: true, resign: true)
            } else if let word = text("dw", m)?.lowercased() {
                add(.dayOffset(word == "today" ? 0 : 1), needsCue: true)
            } else if group("wdo", m) != nil, let wd = text("wd2", m).flatMap(weekdayNumber) {
                let modifier = text("mod", m)?.lowercased()
                add(.weekday(wd, modifier == "next" ? .next : .nearest), needsCue: true, weekday: nil)
            } else if group("ph", m) != nil {
                add(.placeholder)
            } else if group("blank", m) != nil {
                add(.placeholder, needsCue: true)
            }
        }
        return result
    }

    /// Whether the date at `range` stands alone on its header line ("2 March 2026",
    /// "Date: 2 March 2026", "London, 2 March 2026").
    static func isLetterDateLine(_ range: Range<Int>, in document: Document, _ matcher: Matcher) -> Bool {
        guard document.section(at: range.lowerBound) == .header else { return false }
        let line = document.lines[document.lineIndex(containing: range.lowerBound)]
        guard range.upperBound <= line.upperBound else { return false }
        return document.bytes.withUnsafeBufferPointer { buffer in
            let before = (try? matcher.firstMatch(of: letterDatePrefix, in: buffer, from: line.lowerBound, to: range.lowerBound)) ?? nil
            let after = (try? matcher.firstMatch(of: letterDateSuffix, in: buffer, from: range.upperBound, to: line.upperBound)) ?? nil
            return before != nil && after != nil
        }
    }

    /// Whether words near the candidate make it the last day: a cue before it in the same
    /// sentence, with no cue nearer to it that ties it to something else, or "… will be my
    /// last day" right after it. A last-day cue is looked for after the previous last day
    /// (one cue names one date), a cue for something else after the previous date of any
    /// kind: in "my last day, after the review on 9 March, will be 13 March", the review
    /// takes 9 March and 13 March is still the last day.
    static func hasLastDayCue(_ candidate: Candidate, after previousEnd: Int, lastDayEnd: Int, in document: Document,
                              _ matcher: Matcher) -> Bool {
        let start = candidate.range.lowerBound
        let sentence = document.sentence(containing: start) ?? start..<candidate.range.upperBound
        let distance = candidate.needsCue ? weakCueDistance : strongCueDistance
        return document.bytes.withUnsafeBufferPointer { buffer in
            func lastEnd(_ regex: Regex, from: Int) -> Int? {
                let windowStart = max(sentence.lowerBound, from, start - 200)
                guard windowStart < start else { return nil }
                return ((try? matcher.allMatches(of: regex, in: buffer, from: windowStart, to: start)) ?? []).last?.range.upperBound
            }
            if ((try? matcher.firstMatch(of: lastDayCueAfter, in: buffer, from: candidate.range.upperBound,
                                         to: min(buffer.count, candidate.range.upperBound + 80))) ?? nil) != nil {
                return true
            }
            if candidate.needsResignCue {
                let resignWindow = max(sentence.lowerBound, previousEnd, start - 80)
                return resignWindow < start
                    && ((try? matcher.firstMatch(of: resignCue, in: buffer, from: resignWindow, to: start)) ?? nil) != nil
            }
            guard let cueEnd = lastEnd(lastDayCue, from: lastDayEnd), start - cueEnd <= distance else { return false }
            if let otherEnd = lastEnd(otherCue, from: previousEnd), otherEnd >= cueEnd { return false }
            return true
        }
    }

    // MARK: Words to numbers

    static func monthNumber(_ name: String) -> Int? {
        let key = String(name.lowercased().prefix(3))
        return ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].firstIndex(of: key).map { $0 + 1 }
    }

    static func weekdayNumber(_ name: String) -> Int? {
        let key = String(name.lowercased().prefix(3))
        return ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].firstIndex(of: key).map { $0 + 1 }
    }

    static let countWords: [String: Int] = [
        "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
        "sixty": 60, "ninety": 90,
    ]

    static func count(_ text: String) -> Int? {
        let t = text.lowercased().collapsingWhitespace()
        if let n = Int(t) { return n }
        if let n = countWords[t] { return n }
        let parts = t.split { $0 == "-" || $0 == " " }.map(String.init)
        if parts.count == 2, let tens = countWords[parts[0]], let ones = countWords[parts[1]], tens >= 20, ones < 10 {
            return tens + ones
        }
        return nil
    }

    static func period(_ countText: String?, _ unitText: String?) -> NoticePeriod? {
        guard let countText, let unitText, let n = count(countText), n > 0 else { return nil }
        let unit = unitText.lowercased().collapsingWhitespace()
        if unit.hasPrefix("business") || unit.hasPrefix("working") { return NoticePeriod(count: n, unit: .workingDays) }
        if unit.hasPrefix("fortnight") { return NoticePeriod(count: 2 * n, unit: .weeks) }
        if unit.hasPrefix("week") { return NoticePeriod(count: n, unit: .weeks) }
        if unit.hasPrefix("month") { return NoticePeriod(count: n, unit: .months) }
        return NoticePeriod(count: n, unit: .days)
    }
}

extension Match {
    /// The range of a named group that took part in the match. The wrapper reports a group
    /// that did not take part, but comes before one that did, as `-1..<-1` (PCRE2_UNSET
    /// read as a signed offset); this treats that as absent too.
    func setGroup(named name: String, in regex: Regex) -> Range<Int>? {
        guard let number = regex.groupNumber(named: name), let range = group(number), range.lowerBound >= 0 else { return nil }
        return range
    }
}

extension String {
    /// Runs of white space (a hard-wrapped date spans lines) become one space.
    func collapsingWhitespace() -> String {
        split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
