/// The ten finding categories of CONTRACT.md. Every rule id starts with one of these.
public enum Category: String, CaseIterable, Sendable, Codable, Comparable {
    case grievance, competitor, disclosure, legal, placeholder, date, notice, handoff, structure, tone

    public static func < (a: Category, b: Category) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// How serious a finding is. Ordered: `info < warning < error`.
public enum Severity: String, CaseIterable, Sendable, Codable, Comparable {
    case info, warning, error

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    var rank: Int { switch self { case .info: 0; case .warning: 1; case .error: 2 } }
}

/// The parts of a letter, in the order they appear.
public enum Section: String, CaseIterable, Sendable, Codable {
    case header, salutation, body, closing, signature, postscript
}

/// The unit a rule's match must stay inside (or, for a clause, where it is looked for).
public enum Scope: String, CaseIterable, Sendable, Codable {
    case sentence, paragraph, section, document
}
