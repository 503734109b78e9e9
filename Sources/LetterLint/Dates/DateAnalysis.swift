import PCRE2

/// Everything letterlint knows about a letter's dates: which date the letter is written on,
/// what each mention resolves to, the last working day, and the notice that gives. The date
/// and notice checks read it; `letterlint debug dates` prints it.
public struct DateAnalysis: Sendable {
    public enum LetterDateSource: Sendable, Equatable {
        /// ``LintOptions/letterDate`` (set by the e-mail reader from a Date: header).
        case options
        /// A date on its own line in the letter's header.
        case header(Range<Int>)
    }

    public let mentions: [ResolvedMention]
    /// The date the letter is written on, if it says or the options do.
    public let letterDate: CivilDate?
    public let letterDateSource: LetterDateSource?
    /// The header's date line is an unfilled template field ("Date: XX/XX/20XX").
    public let letterDateIsPlaceholder: Bool
    /// `--today`, else the system date.
    public let today: CivilDate
    public let todayIsFromOptions: Bool
    /// What relative dates count from: the letter's date, else today.
    public var reference: CivilDate { letterDate ?? today }
    public let industry: Industry
    /// The notice the letter is expected to give.
    public let norm: NoticeNorm
    /// The letter's last working day: the first last-day mention that names a day, else the
    /// first notice period. nil when the letter gives none (or only a placeholder).
    public let lastDay: ResolvedMention?
    /// Last-day mentions that name a different day from ``lastDay``.
    public let conflicts: [ResolvedMention]
    /// Notice periods ("two weeks' notice") that do not fit the day the letter names, with
    /// the day each would give.
    public let mismatches: [ResolvedMention]
    /// The letter says its notice follows the contract or an agreement with the manager
    /// ("in line with my contractual notice period", "as agreed").
    public let noticeIsAgreed: Bool

    /// Every mention whose role is the last day (placeholders included).
    public var lastDayMentions: [ResolvedMention] { mentions.filter { $0.mention.role == .lastDay } }

    /// Calendar days from ``reference`` to the last day.
    public var noticeDays: Int? { lastDay?.date.map { reference.days(until: $0) } }

    /// The earliest last day that meets the norm: the last working day before the notice
    /// runs out, so a letter of Monday 2 March leaving on Friday 13 March gives two weeks.
    public var earliestLastDay: CivilDate { reference.adding(days: norm.days).previousWorkingDay }

    /// The last day, when the letter is consistent about it (no second date, no period that
    /// disagrees) and its reading is not a guess: what the notice-length checks judge.
    public var clearLastDay: ResolvedMention? {
        guard conflicts.isEmpty, mismatches.isEmpty, let lastDay, !lastDay.isAmbiguous else { return nil }
        return lastDay
    }

    /// Words that say the notice was agreed or follows the contract, so an industry norm is
    /// not the yardstick.
    static let agreedNotice = try! Regex(
        #"\b(?:as\s+(?:we\s+)?agreed|we\s+(?:have\s+)?agreed|agreed\s+with\s+you|(?:in\s+line\s+with|under|per|as\s+(?:set\s+out|required|stated)\s+in|meets?|satisf(?:y|ies)|in\s+accordance\s+with|according\s+to|required\s+by)\s+(?:the\s+|my\s+)?(?:contract(?:ual)?|employment\s+(?:contract|agreement)|notice\s+period)|contract(?:ual|['’]s)\s+notice|(?:contractual|agreed)\s+notice|notice\s+(?:period\s+)?(?:set\s+out\s+)?in\s+my\s+contract)"#)

    public init(document: Document, options: LintOptions, matcher: Matcher = Matcher.current) {
        let found = DateFinder.mentions(in: document, matcher: matcher)
        let now = options.today ?? CivilDate.today()
        today = now
        todayIsFromOptions = options.today != nil
        industry = options.industry ?? .tech

        // The letter's own date: from the options first (an e-mail's Date: header says when
        // it was sent), else the header line.
        let headerMention = found.first { $0.role == .letterDate }
        let headerResolution = headerMention.map { DateResolver(reference: now, today: now, mentions: found).resolve($0) }
        if let given = options.letterDate {
            letterDate = given
            letterDateSource = .options
        } else if let headerResolution, let date = headerResolution.date {
            letterDate = date
            letterDateSource = .header(headerResolution.mention.range)
        } else {
            letterDate = nil
            letterDateSource = nil
        }
        letterDateIsPlaceholder = options.letterDate == nil && headerMention?.kind == .placeholder

        let reference = options.letterDate ?? headerResolution?.date ?? now
        let resolver = DateResolver(reference: reference, today: now, mentions: found)
        var resolved = resolver.resolve(found)
        // The header date was resolved against today; keep that reading.
        if let headerResolution, let i = resolved.firstIndex(where: { $0.mention == headerResolution.mention }) {
            resolved[i] = headerResolution
        }
        mentions = resolved

        let lastDays = resolved.filter { $0.mention.role == .lastDay && $0.date != nil }
        let chosen = lastDays.first { $0.mention.isExplicit } ?? lastDays.first
        lastDay = chosen
        norm = options.noticeDays.map(NoticeNorm.contract) ?? industry.noticeNorm(lastDay: chosen?.date)

        var conflicts: [ResolvedMention] = []
        var mismatches: [ResolvedMention] = []
        if let chosen, let day = chosen.date {
            for other in lastDays where other.mention != chosen.mention {
                guard let date = other.date else { continue }
                if other.mention.isExplicit && chosen.mention.isExplicit {
                    if date != day { conflicts.append(other) }
                } else {
                    let span = max(reference.days(until: date), reference.days(until: day))
                    let tolerance = other.mention.kind == .immediate || chosen.mention.kind == .immediate ? 1 : max(3, span / 10)
                    if abs(date.days(until: day)) > tolerance { mismatches.append(other) }
                }
            }
        }
        self.conflicts = conflicts
        self.mismatches = mismatches

        var agreed = false
        if let chosen {
            let sentences = document.sentences
            if let i = sentences.firstIndex(where: { $0.contains(chosen.mention.range.lowerBound) }) {
                let range = sentences[i].lowerBound..<sentences[min(i + 1, sentences.count - 1)].upperBound
                agreed = document.bytes.withUnsafeBufferPointer { buffer in
                    ((try? matcher.firstMatch(of: DateAnalysis.agreedNotice, in: buffer, from: range.lowerBound, to: range.upperBound)) ?? nil) != nil
                }
            }
        }
        noticeIsAgreed = agreed
    }

    /// What ``LetterFacts/lastDay`` holds: the last day as ``CivilDate/longDescription``
    /// when the letter names it in full, else as the letter writes it ("two weeks from
    /// today"). Needs no options: a date the letter does not pin down stays in its words.
    static func lastDayFact(in document: Document) -> String? {
        let all = DateFinder.mentions(in: document)
        let mentions = all.filter { $0.role == .lastDay && $0.kind != .placeholder }
        guard let first = mentions.first(where: \.isExplicit) ?? mentions.first else { return nil }
        switch first.kind {
        case .calendar(.some, _, _), .numeric(_, _, .some, _):
            // A written year makes the day independent of any reference date.
            let epoch = CivilDate(year: 1970, month: 1, day: 1)!
            if let date = DateResolver(reference: epoch, today: epoch, mentions: all).resolve(first).date { return date.longDescription }
        default:
            break
        }
        return first.text
    }
}
