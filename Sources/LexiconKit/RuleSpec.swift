import PCRE2

/// One rule as written in a lexicon file: data only, nothing compiled yet.
///
/// Equatable so the tests can prove that the rules decoded at build time (the embedded
/// table) are exactly what the loader gives for the files in the repository.
public struct RuleSpec: Sendable, Equatable {
    /// The small closed set of rule kinds that live in code; every rule is one of them.
    public enum Kind: String, CaseIterable, Sendable {
        /// A pattern that must not appear.
        case phrase
        /// A list of names matched as whole words; the writer's own employer is exempt.
        case names
        /// A phrase whose matched text is a credential, redacted in every output.
        case secret
        /// Something the letter must contain; the rule fires when nothing matches.
        case clause
        /// Logic in code (see ``CodeCheck``), words in the lexicon.
        case check
    }

    public enum FixAction: String, CaseIterable, Sendable {
        case replaceMatch = "replace-match", replaceSentence = "replace-sentence"
        case deleteMatch = "delete-match", deleteSentence = "delete-sentence"
        case insert
    }

    /// Where a missing clause belongs.
    public enum Anchor: String, CaseIterable, Sendable {
        case afterResignation = "after-resignation", beforeClosing = "before-closing"
        case beforeSignature = "before-signature", afterSalutation = "after-salutation", start, end
    }

    /// Text with the line it was written on, for errors that point back at the file.
    public struct Located: Sendable, Equatable {
        public let text: String
        public let line: Int?

        package init(text: String, line: Int?) {
            self.text = text
            self.line = line
        }
    }

    /// An example text, optionally with the options it is checked under.
    public struct Example: Sendable, Equatable {
        public let text: String
        public let line: Int?
        /// "Today" for date checks; the runner's fixed default when nil.
        public let today: CivilDate?
        public let industry: Industry?

        package init(text: String, line: Int?, today: CivilDate?, industry: Industry?) {
            self.text = text
            self.line = line
            self.today = today
            self.industry = industry
        }
    }

    public struct Fix: Sendable, Equatable {
        public let action: FixAction
        public let title: String
        /// Replacement or inserted text, possibly with `{slot}`s; nil for deletions.
        public let text: String?

        package init(action: FixAction, title: String, text: String?) {
            self.action = action
            self.title = title
            self.text = text
        }
    }

    public let id: String
    public let category: Category
    public let kind: Kind
    public let severity: Severity
    public let scope: Scope
    /// nil: every section.
    public let sections: Set<Section>?
    public let caseSensitive: Bool
    public let description: String
    public let message: String
    public let reason: String
    public let patterns: [Located]
    public let names: [Located]
    public let exceptions: [Located]
    public let define: String?
    public let fix: Fix?
    public let insertAt: Anchor?
    /// For `check` rules: the name of the code check.
    public let check: String?
    public let flagExamples: [Example]
    public let passExamples: [Example]
    /// The file the rule came from, as shown in messages, and the line of its `id`.
    public let file: String
    public let line: Int?
    /// Shipped with letterlint (proven by its tests) rather than read from a user's folder.
    public var isBundled = false

    /// Every field, for the loader and for the table lexicon-embedder generates at build time.
    package init(id: String, category: Category, kind: Kind, severity: Severity, scope: Scope, sections: Set<Section>?,
                 caseSensitive: Bool, description: String, message: String, reason: String, patterns: [Located],
                 names: [Located], exceptions: [Located], define: String?, fix: Fix?, insertAt: Anchor?, check: String?,
                 flagExamples: [Example], passExamples: [Example], file: String, line: Int?, isBundled: Bool = false) {
        self.id = id
        self.category = category
        self.kind = kind
        self.severity = severity
        self.scope = scope
        self.sections = sections
        self.caseSensitive = caseSensitive
        self.description = description
        self.message = message
        self.reason = reason
        self.patterns = patterns
        self.names = names
        self.exceptions = exceptions
        self.define = define
        self.fix = fix
        self.insertAt = insertAt
        self.check = check
        self.flagExamples = flagExamples
        self.passExamples = passExamples
        self.file = file
        self.line = line
        self.isBundled = isBundled
    }
}

/// The facts a fix text may name, as `{slot}`.
public enum Slot: String, CaseIterable, Sendable {
    case company, manager, name, role
    case lastDay = "last_day"
}

extension RuleSpec {
    /// The same rule with more names (for `names` rules).
    package func adding(names more: [String]) -> RuleSpec {
        RuleSpec(id: id, category: category, kind: kind, severity: severity, scope: scope, sections: sections,
                 caseSensitive: caseSensitive, description: description, message: message, reason: reason,
                 patterns: patterns, names: names + more.map { Located(text: $0, line: nil) }, exceptions: exceptions,
                 define: define, fix: fix, insertAt: insertAt, check: check, flagExamples: flagExamples,
                 passExamples: passExamples, file: file, line: line, isBundled: isBundled)
    }
}

// MARK: Patterns as PCRE2 compiles them

extension RuleSpec {
    /// Names per compiled alternation: keeps a 5,000-name user list under PCRE2's pattern
    /// size limit while still matching many names per pass.
    package static let namesPerPattern = 400

    /// The rule's `define`, compiled in front of each of its patterns and exceptions ("" when
    /// it has none).
    package var definePrefix: String { define ?? "" }

    /// The patterns the rule matches with, in the order they are compiled and numbered: its
    /// `patterns`, then, for a `names` rule, its names as alternations
    /// (``namePatterns(_:chunk:)``). Each compiles as ``definePrefix`` followed by its text.
    ///
    /// Defined here, not in the library's rule compiler, because lexicon-embedder must build
    /// the very same sources at build time: its table of required literals is keyed by them,
    /// and a source built differently would simply miss the table and be analysed at run time.
    package var matchPatterns: [Located] {
        kind == .names ? patterns + RuleSpec.namePatterns(names) : patterns
    }

    /// Names become alternations that must stand as words: not inside a longer word, and
    /// with any white space between their parts. Longer names come first so "Google
    /// DeepMind" wins over "Google".
    package static func namePatterns(_ names: [Located], chunk size: Int = namesPerPattern) -> [Located] {
        let sorted = names.sorted { $0.text.utf8.count > $1.text.utf8.count }
        return stride(from: 0, to: sorted.count, by: size).map { start in
            let chunk = sorted[start..<min(start + size, sorted.count)]
            let alternatives = chunk.map { name in
                name.text.split(whereSeparator: \.isWhitespace).map { Regex.escape(String($0)) }.joined(separator: "\\s+")
            }
            return Located(text: "(?<![\\p{L}\\p{N}_])(?:" + alternatives.joined(separator: "|") + ")(?![\\p{L}\\p{N}_])",
                           line: chunk.first?.line)
        }
    }
}
