import PCRE2

/// Options for one check that come from the user rather than the lexicons.
public struct LintOptions: Sendable {
    /// The writer's current employer(s); never reported as competitors.
    public var employers: [String]
    /// Only run these rules (ids); nil runs all. Used to test a rule on its own examples.
    public var onlyRules: Set<String>?
    /// The date relative dates resolve against when the letter gives none; nil: the system date.
    public var today: CivilDate?
    /// The writer's industry, for notice norms; nil: tech.
    public var industry: Industry?
    /// A notice period the writer's contract sets, in days; overrides the industry norm.
    public var noticeDays: Int?
    /// Rule ids or categories not to run, and rule ids to run even so (see ``RuleSelector``).
    public var disabled: [String] = []
    public var enabled: [String] = []

    /// Whether the rule runs under these options.
    public func runs(_ ruleID: String) -> Bool {
        if let onlyRules, !onlyRules.contains(ruleID) { return false }
        if enabled.contains(ruleID) { return true }
        return !disabled.contains { RuleSelector.matches($0, ruleID) }
    }

    /// The letter's own date when it comes from outside the text (an e-mail's Date: header);
    /// a date written in the letter's header is found by the date checks themselves.
    public var letterDate: CivilDate?

    public init(employers: [String] = [], onlyRules: Set<String>? = nil, today: CivilDate? = nil,
                industry: Industry? = nil, noticeDays: Int? = nil) {
        self.employers = employers
        self.onlyRules = onlyRules
        self.today = today
        self.industry = industry
        self.noticeDays = noticeDays
    }
}

/// The result of checking one letter.
public struct LintResult: Sendable {
    public let document: Document
    public let facts: LetterFacts
    /// Sorted by offset, then rule id.
    public let findings: [Finding]
    public let diagnostics: [Diagnostic]
}

/// Runs a ``RuleSet`` over a ``Document``. Rules never print; the linter returns data and
/// reporters turn it into text.
public struct Linter: Sendable {
    public let ruleSet: RuleSet
    public let limits: MatchLimits
    /// Skip patterns whose required literals a letter lacks (see ``Prefilter``). Off only
    /// to prove in tests that it changes nothing.
    public var prefiltering = true

    public init(ruleSet: RuleSet, limits: MatchLimits = .default) {
        self.ruleSet = ruleSet
        self.limits = limits
    }

    /// The CPU time one rule of a user's lexicon may spend on one letter, in nanoseconds:
    /// 50 ms plus 1 ms per 1,000 bytes, many times what a sound pattern needs. A pattern
    /// that backtracks just under PCRE2's match limit at every place it is tried (`(a+)+$`
    /// against thousands of runs of a's) is stopped with a diagnostic instead of holding up
    /// a whole scan.
    public static func ruleTimeBudget(forLetterOf bytes: Int) -> UInt64 {
        50_000_000 + UInt64(bytes) * 1_000
    }

    public func lint(_ document: Document, options: LintOptions = LintOptions()) -> LintResult {
        let facts = FactExtractor.extract(from: document, employers: options.employers)
        let matcher = limits == .default ? Matcher.current : Matcher(limits: limits)
        let memo = CheckMemo()
        let composer = FixComposer(document: document, facts: facts, ruleSet: ruleSet, matcher: matcher, memo: memo)
        let scan = prefiltering ? document.bytes.withUnsafeBufferPointer { ruleSet.prefilter.scan($0) } : nil
        var findings: [Finding] = []
        var diagnostics: [Diagnostic] = []
        // Each rule from a user's lexicon gets a CPU-time budget on this letter (see
        // ``ruleTimeBudget(forLetterOf:)``). Bundled rules are proven by the tests and have
        // none: their findings never depend on how fast the machine is.
        let budget = Linter.ruleTimeBudget(forLetterOf: document.bytes.count)
        defer { matcher.clearBudget() }
        for rule in ruleSet.rules where options.runs(rule.id) {
            if rule.spec.isBundled { matcher.clearBudget() } else { matcher.startBudget(nanoseconds: budget) }
            do {
                if rule.spec.kind == .clause {
                    if let finding = try checkClause(rule, document, matcher, composer, scan) { findings.append(finding) }
                } else if let check = rule.check {
                    let context = CheckContext(document: document, facts: facts, options: options, matcher: matcher,
                                               ruleSet: ruleSet, memo: memo)
                    findings += check.run(context).map { hit in
                        let spec = rule.spec
                        return Finding(ruleID: spec.id, category: spec.category, severity: spec.severity,
                                       message: Slots.fill(spec.message) { hit.values[$0] ?? composer.fill("{\($0)}") },
                                       reason: spec.reason, range: hit.range, section: document.section(at: hit.range.lowerBound),
                                       secret: nil, fixes: composer.fixes(for: spec, at: hit.range, values: hit.values))
                    }
                } else {
                    findings += try checkPhrases(rule, document, facts, matcher, composer, scan)
                }
            } catch {
                diagnostics.append(Diagnostic(ruleID: rule.id,
                                              message: "rule \(rule.id) was stopped because \(error); its findings for this letter are incomplete"))
            }
        }
        findings.sort { ($0.range.lowerBound, $0.range.upperBound, $0.ruleID) < ($1.range.lowerBound, $1.range.upperBound, $1.ruleID) }
        return LintResult(document: document, facts: facts, findings: findings, diagnostics: diagnostics)
    }

    // MARK: Phrases, names and secrets

    private func checkPhrases(_ rule: Rule, _ document: Document, _ facts: LetterFacts, _ matcher: Matcher,
                              _ composer: FixComposer, _ scan: Prefilter.Scan?) throws(MatchError) -> [Finding] {
        let spec = rule.spec
        let units = Linter.units(for: spec, in: document)
        // Each match remembers its pattern: a secret's `(?<secret>…)` group is looked up
        // in the pattern that matched, wherever that pattern numbers it.
        var candidates: [(match: Match, secretGroup: Int?)] = []
        for (pattern, id) in zip(rule.lazyPatterns, rule.patternIDs) where scan?.patterns[id] ?? true {
            guard let regex = pattern.regex else { throw MatchError.failed(code: 0, message: "a pattern does not compile: \(pattern.error?.description ?? "")") }
            let group = spec.kind == .secret ? regex.groupNumber(named: "secret") : nil
            candidates += try Linter.matches(of: regex, in: document, units: units, allowed: scan?.units(units, for: id),
                                             matcher: matcher).map { ($0, group) }
        }
        guard !candidates.isEmpty else { return [] }
        candidates.sort { ($0.match.range.lowerBound, -$0.match.range.upperBound) < ($1.match.range.lowerBound, -$1.match.range.upperBound) }

        var exceptionRanges: [Range<Int>]? = nil
        var findings: [Finding] = []
        var lastEnd = -1
        // A rule whose fix rewrites the whole sentence reports a sentence once: two
        // findings would offer two conflicting rewrites of the same text.
        let oncePerSentence = spec.fix.map { $0.action == .replaceSentence || $0.action == .deleteSentence } ?? false
        var lastSentence: Range<Int>? = nil
        for (match, secretGroup) in candidates where match.range.lowerBound >= lastEnd {
            let sentence = oncePerSentence ? document.sentence(containing: match.range.lowerBound) : nil
            if let sentence, sentence == lastSentence { continue }
            let section = document.section(at: match.range.lowerBound)
            if let allowed = spec.sections, !allowed.contains(section) { continue }
            if spec.kind == .names && facts.isEmployer(document.slice(match.range)) { continue }
            if !rule.lazyExceptions.isEmpty {
                if exceptionRanges == nil {
                    exceptionRanges = []
                    for regex in rule.exceptions {
                        exceptionRanges! += try document.bytes.withUnsafeBufferPointer { (buffer) throws(MatchError) in
                            try matcher.allMatches(of: regex, in: buffer).map(\.range)
                        }
                    }
                }
                if exceptionRanges!.contains(where: { $0.overlaps(match.range) }) { continue }
            }
            lastEnd = match.range.upperBound
            lastSentence = sentence
            let secret = spec.kind == .secret ? (secretGroup.flatMap { match.group($0) } ?? match.range) : nil
            findings.append(Finding(ruleID: spec.id, category: spec.category, severity: spec.severity,
                                    message: spec.message, reason: spec.reason, range: match.range, section: section,
                                    secret: secret, fixes: composer.fixes(for: spec, at: match.range)))
        }
        return findings
    }

    /// The ranges a rule's matches must stay inside.
    static func units(for spec: RuleSpec, in document: Document) -> [Range<Int>] {
        if spec.scope == .document, let sections = spec.sections {
            return document.sections.filter { sections.contains($0.section) }.map(\.range)
        }
        let units = document.units(for: spec.scope)
        guard let sections = spec.sections, spec.scope != .document else { return units }
        return units.filter { sections.contains(document.section(at: $0.lowerBound)) }
    }

    /// Matches of `regex` that each lie inside one unit. The text is searched in one pass
    /// per run of neighbouring `allowed` units (nil: all of them; see
    /// ``Prefilter/Scan/units(_:for:)``), each search seeing the text up to the end of the
    /// last unit. A match that runs past the end of its unit is retried with the subject cut
    /// at the unit's end, so a greedy pattern cannot hide a match that fits. Units that are
    /// not allowed cannot hold a match, so skipping them changes no result, only the time.
    static func matches(of regex: Regex, in document: Document, units: [Range<Int>], allowed: [Bool]? = nil,
                        matcher: Matcher) throws(MatchError) -> [Match] {
        try document.bytes.withUnsafeBufferPointer { (buffer) throws(MatchError) -> [Match] in
            var result: [Match] = []
            let end = units.last?.upperBound ?? 0
            var first = 0
            while first < units.count {
                if let allowed, !allowed[first] { first += 1; continue }
                var last = first
                while last + 1 < units.count && allowed?[last + 1] ?? true { last += 1 }
                var position = units[first].lowerBound
                let stop = units[last].upperBound
                while position < stop,
                      let match = try matcher.firstMatch(of: regex, in: buffer, from: position, to: end, lastStart: stop - 1) {
                    guard !match.range.isEmpty, let unit = Document.unit(containing: match.range.lowerBound, in: units) else {
                        position = Matcher.nextCharacter(after: match.range.lowerBound, in: buffer)
                        continue
                    }
                    if match.range.upperBound <= unit.upperBound {
                        result.append(match)
                        position = match.range.upperBound
                        continue
                    }
                    var inner = match.range.lowerBound
                    while inner < unit.upperBound,
                          let m = try matcher.firstMatch(of: regex, in: buffer, from: inner, to: unit.upperBound) {
                        if m.range.isEmpty { inner = Matcher.nextCharacter(after: m.range.lowerBound, in: buffer); continue }
                        result.append(m)
                        inner = m.range.upperBound
                    }
                    position = unit.upperBound
                }
                first = last + 1
            }
            return result
        }
    }

    // MARK: Clauses

    private func checkClause(_ rule: Rule, _ document: Document, _ matcher: Matcher,
                             _ composer: FixComposer, _ scan: Prefilter.Scan?) throws(MatchError) -> Finding? {
        let units = Linter.units(for: rule.spec, in: document)
        for (pattern, id) in zip(rule.lazyPatterns, rule.patternIDs) where scan?.patterns[id] ?? true {
            guard let regex = pattern.regex else { throw MatchError.failed(code: 0, message: "a pattern does not compile: \(pattern.error?.description ?? "")") }
            if !(try Linter.matches(of: regex, in: document, units: units, allowed: scan?.units(units, for: id),
                                    matcher: matcher)).isEmpty { return nil }
        }
        let spec = rule.spec
        let anchor = composer.anchor(spec.insertAt ?? .end)
        return Finding(ruleID: spec.id, category: spec.category, severity: spec.severity, message: spec.message,
                       reason: spec.reason, range: anchor.offset..<anchor.offset,
                       section: document.section(at: anchor.offset), secret: nil,
                       fixes: composer.fixes(for: spec, at: anchor.offset..<anchor.offset))
    }
}
