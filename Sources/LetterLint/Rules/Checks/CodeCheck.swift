import PCRE2

/// A rule whose logic is code (date arithmetic, notice periods, letter length) while its
/// words stay data: the lexicon gives the id, severity, message, reason, fix and examples;
/// the check finds the spans and fills the message's `{slots}`.
///
/// A lexicon rule names its check with `kind: check` and `check: NAME`; the loader refuses
/// an unknown name, and a message or fix slot the check does not fill.
public protocol CodeCheck: Sendable {
    /// The name lexicons use.
    var name: String { get }
    /// The `{slots}` this check fills, besides the letter facts (company, manager…).
    var slots: Set<String> { get }
    func run(_ context: CheckContext) -> [CheckHit]
}

/// What a check sees: the letter, its facts and the user's options.
public struct CheckContext {
    public let document: Document
    public let facts: LetterFacts
    public let options: LintOptions
    /// For checks that need to run a pattern; reuse it, do not make another.
    public let matcher: Matcher
    /// The other rules, for checks that build on their patterns.
    public let ruleSet: RuleSet
    /// Analyses several checks share, computed at most once per letter.
    let memo: CheckMemo
}

/// Per-letter results that several checks and fixes read (the date analysis, the
/// resignation sentence, the words of each sentence); one per lint, on one thread.
final class CheckMemo {
    private var dateAnalysis: DateAnalysis?
    private var resignation: Range<Int>??
    private var sentenceWords: [(Range<Int>, Set<String>)]?
    private var similarSentences: [String: [Range<Int>]] = [:]

    func dates(_ make: () -> DateAnalysis) -> DateAnalysis {
        if let dateAnalysis { return dateAnalysis }
        let made = make()
        dateAnalysis = made
        return made
    }

    func resignationSentence(_ make: () -> Range<Int>?) -> Range<Int>? {
        if let resignation { return resignation }
        let made = make()
        resignation = .some(made)
        return made
    }

    func sentenceWords(_ make: () -> [(Range<Int>, Set<String>)]) -> [(Range<Int>, Set<String>)] {
        if let sentenceWords { return sentenceWords }
        let made = make()
        sentenceWords = made
        return made
    }

    /// The sentences that say nearly what `text` says, found once per text: a long letter
    /// with hundreds of findings offering the same sentence compares it with the letter once.
    func sentences(similarTo text: String, _ make: () -> [Range<Int>]) -> [Range<Int>] {
        if let found = similarSentences[text] { return found }
        let made = make()
        similarSentences[text] = made
        return made
    }
}

/// One place a check reports, with the values for the message's slots.
public struct CheckHit: Sendable, Equatable {
    /// Where; empty for something missing (where it belongs).
    public let range: Range<Int>
    public let values: [String: String]

    public init(range: Range<Int>, values: [String: String] = [:]) {
        self.range = range
        self.values = values
    }
}

/// Every check letterlint knows, by name. Add a check here and a rule that uses it in
/// Lexicons/.
public enum CodeChecks {
    public static let all: [String: any CodeCheck] = {
        let checks: [any CodeCheck] = [
            MissingLastDayCheck(), VagueDateCheck(), AmbiguousOrderCheck(), WeekdayMismatchCheck(), InvalidDateCheck(),
            WeekdayOnlyCheck(), ShortNoticeCheck(), PastLastDayCheck(), WeekendLastDayCheck(), HolidayLastDayCheck(),
            AmbiguousYearCheck(), NoticeMismatchCheck(), ImmediateNoticeCheck(), ConflictingLastDaysCheck(),
            VagueHandoffCheck(), RoleAndEmployerCheck(), LetterLengthCheck(), GratitudeCheck(),
        ]
        return Dictionary(uniqueKeysWithValues: checks.map { ($0.name, $0) })
    }()
}
