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
        let checks: [any CodeCheck] = []
        return Dictionary(uniqueKeysWithValues: checks.map { ($0.name, $0) })
    }()
}
