/// A text edit: replace `range` (UTF-8 offsets) with `replacement`. An empty range inserts.
public struct TextEdit: Sendable, Equatable, Hashable {
    public let range: Range<Int>
    public let replacement: String

    public init(range: Range<Int>, replacement: String) {
        self.range = range
        self.replacement = replacement
    }
}

/// A suggested fix: a title the user reads and the edits that carry it out.
public struct Fix: Sendable, Equatable {
    public let title: String
    public let edits: [TextEdit]
}

/// Something a rule found in a letter.
public struct Finding: Sendable, Equatable {
    public let ruleID: String
    public let category: Category
    public let severity: Severity
    public let message: String
    public let reason: String
    /// UTF-8 byte range in the document's text; empty for a missing clause (where it belongs).
    public let range: Range<Int>
    public let section: Section
    /// The part of `range` that is a secret and must never be printed.
    public let secret: Range<Int>?
    public let fixes: [Fix]

    public var isFixable: Bool { !fixes.isEmpty }
}

/// Something that stopped a rule from finishing on a letter. Not a finding: it says the
/// check is incomplete, not that the letter has a problem.
public struct Diagnostic: Sendable, Equatable {
    public let ruleID: String
    public let message: String
}
