/// Applies the suggested fixes of a letter until nothing fixable is left: what
/// `letterlint fix` does.
///
/// Fixes are applied in rounds. In a round every fixable finding offers its first fix;
/// fixes are taken by priority (more severe first, then the one that rewrites more text)
/// and a fix whose edits overlap one already taken is set aside. The letter is then checked
/// again, because a fix changes what is around it: a set-aside finding whose text was
/// rewritten by the other fix is gone (it is reported as skipped), one that is still there
/// is fixed in the next round. Rounds go on until no fixable finding is left, so fixing
/// a fixed letter changes nothing, and `check` on it offers no fix.
public struct FixPlanner: Sendable {
    public let linter: Linter
    public let options: LintOptions
    /// Only fix findings of these categories (`--only`); nil fixes every category.
    public let categories: Set<Category>?
    /// What `check` does to a letter's findings after the rules (the configuration's
    /// severities and allowed phrases, inline directives), so `fix` fixes exactly the
    /// findings `check` reports.
    public let review: @Sendable (LintResult) -> LintResult
    /// The text the rules read, for a letter whose markup they do not see (Markdown): it
    /// must keep every byte where it is (markup overwritten with spaces), because the
    /// edits found in it are applied to the letter itself.
    public let mask: @Sendable (String) -> String

    /// A letter whose fixes keep re-creating findings is stopped after this many rounds;
    /// what is left is reported as not fixed rather than looping.
    public static let maxRounds = 8

    public init(linter: Linter, options: LintOptions = LintOptions(), categories: Set<Category>? = nil,
                review: @escaping @Sendable (LintResult) -> LintResult = { $0 },
                mask: @escaping @Sendable (String) -> String = { $0 }) {
        self.linter = linter
        self.options = options
        self.categories = categories
        self.review = review
        self.mask = mask
    }

    private func lint(_ text: String) -> LintResult {
        let masked = mask(text)
        let lintable = masked.utf8.count == text.utf8.count ? masked : text
        return review(linter.lint(Document(text: lintable), options: options))
    }

    /// One fix: which rule, its title, and where its finding was in the original text.
    public struct Event: Sendable, Equatable {
        public let ruleID: String
        public let title: String
        /// The finding's span in the original text (UTF-8 offsets); for a finding in text
        /// that an earlier fix wrote, the start of that fix.
        public let range: Range<Int>
        /// For a skipped fix: the rule whose fix rewrote the same text (or supplied the
        /// missing clause), and where.
        public let supersededBy: String?
        public let supersededRange: Range<Int>?
        /// For a skipped fix: whether it inserted a missing clause that another fix supplied.
        public let wasMissingClause: Bool
    }

    public struct Outcome: Sendable {
        public let original: String
        public let fixed: String
        public let applied: [Event]
        /// Fixes set aside because another fix rewrote the text they would have changed.
        public let skipped: [Event]
        /// Findings of the fixed letter that still offer a fix in the chosen categories
        /// (none, unless the fixes of a rule keep re-creating its findings).
        public let remaining: [Finding]
        /// The original letter, checked.
        public let before: LintResult
        /// The fixed letter, checked.
        public let after: LintResult

        public var changed: Bool { original != fixed }

        /// The change as a unified diff of the letter itself (not of the text the rules
        /// read), secrets masked on both sides.
        public func diff(path: String) -> String {
            UnifiedDiff.render(path: path,
                               from: .init(document: Document(text: original), redaction: Redaction(findings: before.findings)),
                               to: .init(document: Document(text: fixed), redaction: Redaction(findings: after.findings)))
        }
    }

    public func fix(_ text: String) -> Outcome {
        let before = lint(text)
        var result = before
        var current = text
        var rounds: [[TextEdit]] = []
        var applied: [Event] = []
        var skipped: [Event] = []
        var setAside: [(finding: Finding, title: String, by: Finding)] = []

        for _ in 0..<FixPlanner.maxRounds {
            // What was set aside last round and is gone now was rewritten by the fix it overlapped.
            if let last = rounds.last {
                for item in setAside where !FixPlanner.continues(item.finding, through: last, in: result.findings) {
                    skipped.append(event(item.finding, title: item.title, rounds: rounds.dropLast(), by: item.by))
                }
            }
            setAside = []
            let candidates = fixable(result, in: current)
            if candidates.isEmpty { break }
            var chosen: [(finding: Finding, fix: Fix)] = []
            // A missing clause waits while its category has other fixes: a vague handoff
            // rewritten into a concrete one is the handoff the clause would have added.
            let concrete = candidates.filter { !$0.finding.range.isEmpty }
            for candidate in candidates.sorted(by: FixPlanner.priority) {
                if candidate.finding.range.isEmpty,
                   let other = concrete.first(where: { $0.finding.category == candidate.finding.category }) {
                    setAside.append((candidate.finding, candidate.fix.title, other.finding))
                } else if let other = chosen.first(where: { FixPlanner.conflicts(candidate.fix.edits, $0.fix.edits) }) {
                    setAside.append((candidate.finding, candidate.fix.title, other.finding))
                } else {
                    chosen.append(candidate)
                }
            }
            for item in chosen { applied.append(event(item.finding, title: item.fix.title, rounds: rounds[...], by: nil)) }
            let edits = chosen.flatMap(\.fix.edits)
            current = FixApplier.apply(edits, to: current)
            rounds.append(edits)
            result = lint(current)
        }
        // Rounds ran out with fixes set aside: those still present are left, the rest skipped.
        if let last = rounds.last {
            for item in setAside where !FixPlanner.continues(item.finding, through: last, in: result.findings) {
                skipped.append(event(item.finding, title: item.title, rounds: rounds.dropLast(), by: item.by))
            }
        }
        return Outcome(original: text, fixed: current, applied: applied, skipped: skipped,
                       remaining: fixable(result, in: current).map(\.finding), before: before, after: result)
    }

    /// Findings with a fix that changes `text`, in the chosen categories.
    private func fixable(_ result: LintResult, in text: String) -> [(finding: Finding, fix: Fix)] {
        let bytes = Array(text.utf8)
        return result.findings.compactMap { finding in
            guard categories?.contains(finding.category) ?? true, let fix = finding.fixes.first, !fix.edits.isEmpty else { return nil }
            let changes = fix.edits.contains { edit in
                edit.range.upperBound > bytes.count || Array(edit.replacement.utf8) != Array(bytes[edit.range])
            }
            return changes ? (finding, fix) : nil
        }
    }

    private func event(_ finding: Finding, title: String, rounds: ArraySlice<[TextEdit]>, by other: Finding?) -> Event {
        Event(ruleID: finding.ruleID, title: title, range: FixPlanner.mapBack(finding.range, through: rounds),
              supersededBy: other?.ruleID, supersededRange: other.map { FixPlanner.mapBack($0.range, through: rounds) },
              wasMissingClause: other != nil && finding.range.isEmpty)
    }

    // MARK: Ordering and overlap

    /// More severe first; then the fix that rewrites more text (a sentence rewrite covers
    /// a fix of a word inside it); then position and rule id, so the order is total.
    static func priority(_ a: (finding: Finding, fix: Fix), _ b: (finding: Finding, fix: Fix)) -> Bool {
        if a.finding.severity != b.finding.severity { return a.finding.severity > b.finding.severity }
        let wa = a.fix.edits.reduce(0) { $0 + $1.range.count }, wb = b.fix.edits.reduce(0) { $0 + $1.range.count }
        if wa != wb { return wa > wb }
        return (a.finding.range.lowerBound, a.finding.range.upperBound, a.finding.ruleID)
            < (b.finding.range.lowerBound, b.finding.range.upperBound, b.finding.ruleID)
    }

    /// Whether two fixes cannot both be applied: their replaced ranges overlap, an insertion
    /// falls strictly inside a replaced range, or two insertions share a place (their order
    /// would be arbitrary).
    /// Two fixes that would write the same sentence also wait for each other: checked again
    /// after the first, the second finds its sentence already said and removes its own.
    static func conflicts(_ a: [TextEdit], _ b: [TextEdit]) -> Bool {
        a.contains { x in b.contains { y in conflicts(x, y) || sameText(x, y) } }
    }

    static func sameText(_ x: TextEdit, _ y: TextEdit) -> Bool {
        let tx = x.replacement.trimmingSpaces(), ty = y.replacement.trimmingSpaces()
        return !tx.isEmpty && tx == ty
    }

    static func conflicts(_ x: TextEdit, _ y: TextEdit) -> Bool {
        switch (x.range.isEmpty, y.range.isEmpty) {
        case (true, true): return x.range.lowerBound == y.range.lowerBound
        case (true, false): return y.range.lowerBound < x.range.lowerBound && x.range.lowerBound < y.range.upperBound
        case (false, true): return x.range.lowerBound < y.range.lowerBound && y.range.lowerBound < x.range.upperBound
        case (false, false): return x.range.overlaps(y.range)
        }
    }

    // MARK: Following text through edits

    /// Whether a finding set aside before `edits` is still there after them: a finding of the
    /// same rule at the place its text moved to (anywhere, for a missing clause).
    static func continues(_ finding: Finding, through edits: [TextEdit], in findings: [Finding]) -> Bool {
        let same = findings.filter { $0.ruleID == finding.ruleID }
        if finding.range.isEmpty { return !same.isEmpty }
        let moved = mapForward(finding.range, through: edits)
        return same.contains { $0.range.lowerBound <= moved.upperBound && moved.lowerBound <= $0.range.upperBound }
    }

    /// Where a range of the text before `edits` is after them; a bound inside a replaced
    /// range moves to the edge of its replacement.
    static func mapForward(_ range: Range<Int>, through edits: [TextEdit]) -> Range<Int> {
        var shift = 0
        var lower: Int? = nil, upper: Int? = nil
        for edit in edits.sorted(by: { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }) {
            let newStart = edit.range.lowerBound + shift
            let newEnd = newStart + edit.replacement.utf8.count
            if lower == nil {
                if range.lowerBound < edit.range.lowerBound { lower = range.lowerBound + shift }
                else if range.lowerBound < edit.range.upperBound { lower = newStart }
            }
            if upper == nil {
                if range.upperBound <= edit.range.lowerBound { upper = range.upperBound + shift }
                else if range.upperBound <= edit.range.upperBound { upper = newEnd }
            }
            shift += edit.replacement.utf8.count - edit.range.count
        }
        let l = lower ?? range.lowerBound + shift
        return l..<max(l, upper ?? range.upperBound + shift)
    }

    /// Where a range of the text after the given rounds of edits was before them. A position
    /// inside text a fix wrote maps to the start of what that fix replaced.
    static func mapBack(_ range: Range<Int>, through rounds: ArraySlice<[TextEdit]>) -> Range<Int> {
        var r = range
        for edits in rounds.reversed() {
            let l = mapBack(r.lowerBound, through: edits), u = mapBack(r.upperBound, through: edits)
            r = l..<max(l, u)
        }
        return r
    }

    static func mapBack(_ position: Int, through edits: [TextEdit]) -> Int {
        var shift = 0
        for edit in edits.sorted(by: { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }) {
            let newStart = edit.range.lowerBound + shift
            let newEnd = newStart + edit.replacement.utf8.count
            if position < newStart { return position - shift }
            if position < newEnd { return edit.range.lowerBound }
            shift += edit.replacement.utf8.count - edit.range.count
        }
        return position - shift
    }
}
