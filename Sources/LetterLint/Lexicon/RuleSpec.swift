/// One rule as written in a lexicon file: data only, nothing compiled yet.
public struct RuleSpec: Sendable {
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
    }

    /// An example text, optionally with the options it is checked under.
    public struct Example: Sendable, Equatable {
        public let text: String
        public let line: Int?
        /// "Today" for date checks; the runner's fixed default when nil.
        public let today: CivilDate?
        public let industry: Industry?
    }

    public struct Fix: Sendable {
        public let action: FixAction
        public let title: String
        /// Replacement or inserted text, possibly with `{slot}`s; nil for deletions.
        public let text: String?
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
}

/// The facts a fix text may name, as `{slot}`.
public enum Slot: String, CaseIterable, Sendable {
    case company, manager, name, role
    case lastDay = "last_day"
}

extension RuleSpec {
    /// The same rule with more names (for `names` rules).
    func adding(names more: [String]) -> RuleSpec {
        RuleSpec(id: id, category: category, kind: kind, severity: severity, scope: scope, sections: sections,
                 caseSensitive: caseSensitive, description: description, message: message, reason: reason,
                 patterns: patterns, names: names + more.map { Located(text: $0, line: nil) }, exceptions: exceptions,
                 define: define, fix: fix, insertAt: insertAt, check: check, flagExamples: flagExamples,
                 passExamples: passExamples, file: file, line: line, isBundled: isBundled)
    }
}
