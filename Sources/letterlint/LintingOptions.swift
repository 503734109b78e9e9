import ArgumentParser
import LetterLint
import PCRE2

/// Options shared by every command that runs rules.
struct LintingOptions: ParsableArguments {
    @Option(name: .customLong("lexicons"), help: ArgumentHelp("A folder (or file) of your own lexicons, in the bundled format. Repeatable.", valueName: "dir"))
    var lexicons: [String] = []

    @Option(name: .customLong("employer"), help: ArgumentHelp("Your current employer: never reported as a competitor. Repeatable; otherwise inferred from the letter.", valueName: "name"))
    var employers: [String] = []

    @Option(help: ArgumentHelp("Your industry, for notice norms: tech (14 days), finance (30), retail (14-21) or other.", valueName: "industry"))
    var industry: Industry?

    @Option(help: ArgumentHelp("The date to resolve relative dates against when the letter has none, as YYYY-MM-DD (default: today).", valueName: "date"))
    var today: CivilDate?

    @Option(name: .customLong("notice-days"), help: ArgumentHelp("The notice period your contract sets, in days; overrides the industry norm.", valueName: "days"))
    var noticeDays: Int?

    @Option(name: .customLong("match-limit"), help: ArgumentHelp("PCRE2 match limit per pattern and letter; a pattern that needs more is stopped and reported.", valueName: "n"))
    var matchLimit: UInt32 = MatchLimits.default.match

    func validate() throws {
        guard matchLimit >= 1000 else { throw ValidationError("--match-limit must be at least 1000") }
        if let noticeDays, !(0...365).contains(noticeDays) { throw ValidationError("--notice-days must be between 0 and 365") }
        if employers.contains(where: { $0.allSatisfy(\.isWhitespace) }) { throw ValidationError("--employer needs a name") }
        if lexicons.contains(where: \.isEmpty) { throw ValidationError("--lexicons needs a path") }
    }

    /// The rule set, or exit status 2 with `file:line: message` when a lexicon is broken.
    func loadRuleSet() throws -> RuleSet {
        do {
            return try RuleSet.load(extraLexicons: lexicons)
        } catch {
            Terminal.error("letterlint: invalid lexicon: \(error)")
            throw ExitCode(2)
        }
    }

    func linter() throws -> Linter {
        var limits = MatchLimits.default
        limits.match = matchLimit
        return Linter(ruleSet: try loadRuleSet(), limits: limits)
    }

    /// These flags for the session that merges them with `.letterlint.yml`.
    var flagSettings: FlagSettings {
        var flags = FlagSettings()
        flags.employers = employers
        flags.lexicons = lexicons
        flags.industry = industry
        flags.noticeDays = noticeDays
        flags.today = today
        flags.matchLimit = matchLimit == MatchLimits.default.match ? nil : matchLimit
        return flags
    }

    var lintOptions: LintOptions {
        LintOptions(employers: employers, today: today, industry: industry, noticeDays: noticeDays)
    }
}

extension Industry: ExpressibleByArgument {}

extension CivilDate: ExpressibleByArgument {
    public init?(argument: String) { self.init(iso: argument) }
}
