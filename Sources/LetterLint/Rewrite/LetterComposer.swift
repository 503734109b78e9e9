import PCRE2

/// Composes whole letters from the template library: `letterlint rewrite` (facts read from
/// a draft) and `letterlint draft` (facts given by the writer).
///
/// Nothing of a draft is copied but its facts: writer, manager, company, role, last day,
/// a project named at a high level and the successor. The composed letter is checked with
/// the same rules as any letter, and a fact that a rule flags (a project that turns out to
/// be a codename, a "manager" that is a template field) is left out: an optional fact
/// falls back to a wording without it, a required one becomes a visible placeholder.
public struct LetterComposer: Sendable {
    public let library: TemplateLibrary
    public let linter: Linter
    public let options: LintOptions
    /// What `check` does after the rules (the configuration's policy), as in ``FixPlanner``.
    public let review: @Sendable (LintResult) -> LintResult

    public init(library: TemplateLibrary, linter: Linter, options: LintOptions = LintOptions(),
                review: @escaping @Sendable (LintResult) -> LintResult = { $0 }) {
        self.library = library
        self.linter = linter
        self.options = options
        self.review = review
    }

    public struct Request: Sendable {
        public var style: LetterStyle
        public var tone: LetterTone
        public var industry: Industry
        public var values: TemplateValues
        /// The line terminator of the letter (a rewrite keeps the draft's).
        public var lineEnding: String

        public init(style: LetterStyle, tone: LetterTone, industry: Industry, values: TemplateValues, lineEnding: String = "\n") {
            self.style = style
            self.tone = tone
            self.industry = industry
            self.values = values
            self.lineEnding = lineEnding
        }
    }

    /// A fact left out of the letter, and the rule that flagged it.
    public struct DroppedFact: Sendable, Equatable {
        public let slot: TemplateSlot
        public let value: String
        public let ruleID: String
        /// The rule found a credential in it: show it only through ``Redaction/mask(_:)``.
        public let isSecret: Bool

        /// The value as it may be printed.
        public var shown: String { isSecret ? Redaction.mask(value) : value }
    }

    public struct Letter: Sendable {
        public let text: String
        /// The facts the letter uses.
        public let values: TemplateValues
        public let dropped: [DroppedFact]
        /// Required facts the letter shows as placeholders, in slot order.
        public let missing: [TemplateSlot]
        /// Where each fact (or its placeholder) stands in `text`.
        public let facts: [RenderedText.FactSpan]
        /// The composed letter, checked.
        public let result: LintResult
    }

    /// The letter for `request`, unchecked: salutation, paragraphs, closing, name.
    public func render(_ request: Request) -> RenderedText {
        guard let template = library.letter(style: request.style, tone: request.tone) else {
            return RenderedText() // The bundled library is complete; a loader check makes sure.
        }
        let nl = request.lineEnding
        // Template texts are one paragraph each; a line break inside one (a YAML block
        // scalar) becomes a space, which keeps every fact's byte range where it was.
        func lines(_ r: RenderedText) -> RenderedText {
            RenderedText(text: r.text.replacingOccurrences(of: "\n", with: " "), facts: r.facts)
        }
        var out = RenderedText()
        out.append(lines(template.salutation.render(request.values)))
        for paragraph in template.paragraphs {
            out.append(nl + nl)
            switch paragraph {
            case .text(let text): out.append(lines(text.render(request.values)))
            case .handover:
                if let handover = library.handover[request.industry] ?? library.handover[.other] {
                    out.append(lines(handover.render(request.values)))
                }
            }
        }
        out.append(nl + nl)
        out.append(lines(template.closing.render(request.values)))
        out.append(nl)
        out.append(TemplateText.fill("{name}", request.values))
        out.append(nl)
        return out
    }

    /// The letter for `request`, checked; facts that the check flags are left out.
    public func compose(_ request: Request) -> Letter {
        var request = request
        var dropped: [DroppedFact] = []
        var rendered = render(request)
        var result = check(rendered.text, request.values)
        // Each pass drops at least one fact, so this ends.
        for _ in 0...TemplateSlot.allCases.count {
            let flagged = flaggedFacts(rendered, result)
            if flagged.isEmpty { break }
            for (slot, finding) in flagged {
                if let value = request.values[slot] {
                    dropped.append(DroppedFact(slot: slot, value: value, ruleID: finding.ruleID, isSecret: finding.secret != nil))
                }
                request.values[slot] = nil
            }
            rendered = render(request)
            result = check(rendered.text, request.values)
        }
        let missing = TemplateSlot.allCases.filter { slot in rendered.facts.contains { $0.slot == slot && $0.isPlaceholder } }
        return Letter(text: rendered.text, values: request.values, dropped: dropped, missing: missing, facts: rendered.facts, result: result)
    }

    private func check(_ text: String, _ values: TemplateValues) -> LintResult {
        var options = self.options
        if let company = values[.company], !options.employers.contains(company) { options.employers.append(company) }
        return review(linter.lint(Document(text: text), options: options))
    }

    /// The categories whose findings say something is wrong with the words themselves; only
    /// they drop a fact. Date and notice findings never do (the last day is the writer's
    /// decision, kept for `check` to report), nor do findings about the letter's shape.
    static let contentCategories: Set<Category> = [.grievance, .competitor, .disclosure, .legal, .placeholder, .tone]

    /// Facts a finding falls on: the fact under the finding, or, when the finding is not on
    /// a fact, the facts of its sentence (a rule that matches the words around a fact).
    private func flaggedFacts(_ rendered: RenderedText, _ result: LintResult) -> [(TemplateSlot, Finding)] {
        var flagged: [(TemplateSlot, Finding)] = []
        let facts = rendered.facts.filter { !$0.isPlaceholder }
        let placeholders = rendered.facts.filter(\.isPlaceholder).map(\.range)
        for finding in result.findings where LetterComposer.contentCategories.contains(finding.category) && !finding.range.isEmpty {
            // The letter's own placeholders are meant to be reported; they flag no fact.
            if placeholders.contains(where: { $0.overlaps(finding.range) }) { continue }
            var hit = facts.filter { $0.range.overlaps(finding.range) }
            if hit.isEmpty, let sentence = result.document.sentence(containing: finding.range.lowerBound) {
                hit = facts.filter { $0.range.overlaps(sentence) }
            }
            for fact in hit where !flagged.contains(where: { $0.0 == fact.slot }) { flagged.append((fact.slot, finding)) }
        }
        return flagged
    }
}

/// Dates as a letter writes them.
public enum LetterDates {
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                         "October", "November", "December"]
    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// "Friday, 13 March 2026".
    public static func longForm(_ date: CivilDate) -> String {
        "\(weekdays[date.weekday - 1]), \(date.day) \(months[date.month - 1]) \(date.year)"
    }

    /// A last working day as the writer typed it: an ISO date (`2026-03-13`) becomes the
    /// long form; a written date ("13 March 2026", "March 13, 2026", with or without the
    /// weekday) is kept as typed. Anything else is nil: a letter needs an unambiguous date.
    public static func lastDay(from input: String) -> String? {
        let text = input.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if let date = CivilDate(iso: text) { return longForm(date) }
        let matched: Bool = Array(text.utf8).withUnsafeBufferPointer { buffer in
            guard let m = (try? Matcher.current.firstMatch(of: writtenDate, in: buffer)) ?? nil else { return false }
            return m.range == 0..<buffer.count
        }
        guard matched else { return nil }
        // The day must exist in that month and year.
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        guard let month = words.compactMap({ w in months.firstIndex { $0.lowercased() == w } }).first,
              let day = words.first(where: { $0.count <= 4 && $0.first!.isNumber }).flatMap({ Int($0.prefix { $0.isNumber }) }),
              let year = words.last.flatMap(Int.init), CivilDate(year: year, month: month + 1, day: day) != nil else { return nil }
        return text
    }

    /// "13 March 2026", "13th of March 2026", "March 13, 2026", each with an optional weekday.
    static let writtenDate = try! Regex(
        #"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December),?\s+\d{4}|(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})$"#)
}
