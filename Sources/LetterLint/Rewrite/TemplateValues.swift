// Filling templates with a letter's facts. The template library itself (its model and its
// strict reader) is in LexiconKit, so lexicon-embedder can decode Lexicons/templates/ at
// build time; what needs a letter (``LetterFacts``, placeholders) stays here.

/// The values a template is filled with: the letter's facts, by slot.
public struct TemplateValues: Sendable, Equatable {
    public var values: [TemplateSlot: String]

    public init(_ values: [TemplateSlot: String] = [:]) {
        self.values = values.filter { !$0.value.trimmingSpaces().isEmpty }
    }

    public init(facts: LetterFacts) {
        var v: [TemplateSlot: String] = [:]
        v[.name] = facts.name
        v[.manager] = facts.manager
        v[.company] = facts.company
        v[.role] = facts.role
        v[.lastDay] = facts.lastDay.map(TemplateValues.lastDayPhrase)
        v[.project] = facts.project
        v[.successor] = facts.successor
        self.init(v)
    }

    /// The last day as it reads after "My last working day will be": a notice written as
    /// "effective immediately" or "effective 30 days from today" loses its "effective"
    /// ("today", "30 days from today"); a date stays as the letter wrote it.
    static func lastDayPhrase(_ text: String) -> String {
        let words = text.split(whereSeparator: \.isWhitespace)
        guard let first = words.first, first.lowercased() == "effective" else { return text }
        let rest = words.dropFirst().drop { ["as", "of", "from", "on"].contains($0.lowercased()) }
        if rest.isEmpty || rest.first?.lowercased() == "immediately" { return "today" }
        return rest.joined(separator: " ")
    }

    public subscript(slot: TemplateSlot) -> String? {
        get { values[slot] }
        set { values[slot] = newValue.flatMap { $0.trimmingSpaces().isEmpty ? nil : $0 } }
    }

    /// What a missing required fact becomes: the same visible placeholder fixes use, which
    /// `check` reports until the writer fills it in.
    public static func placeholder(for slot: TemplateSlot) -> String {
        slot.lexiconSlot.map(Slots.placeholder(for:)) ?? "[\(slot.rawValue)]"
    }
}

/// A piece of text with the UTF-8 ranges where facts were put into it, so a caller can
/// tell which part of a composed letter came from the draft.
public struct RenderedText: Sendable, Equatable {
    public struct FactSpan: Sendable, Equatable {
        public let slot: TemplateSlot
        public let range: Range<Int>
        /// Whether a placeholder stands here because the fact was missing.
        public let isPlaceholder: Bool
    }

    public var text: String
    public var facts: [FactSpan]

    public init(text: String = "", facts: [FactSpan] = []) {
        self.text = text
        self.facts = facts
    }

    public mutating func append(_ other: RenderedText) {
        let shift = text.utf8.count
        text += other.text
        facts += other.facts.map { FactSpan(slot: $0.slot, range: $0.range.lowerBound + shift..<$0.range.upperBound + shift, isPlaceholder: $0.isPlaceholder) }
    }

    public mutating func append(_ plain: String) { text += plain }
}

extension TemplateText {
    /// The variant used for `values`.
    public func variant(for values: TemplateValues) -> Variant {
        variants.first { $0.slots.allSatisfy { values[$0] != nil } } ?? variants[variants.count - 1]
    }

    public func render(_ values: TemplateValues) -> RenderedText {
        TemplateText.fill(variant(for: values).text, values)
    }

    /// Fills every `{slot}` of `text` (slots already validated by the loader).
    static func fill(_ text: String, _ values: TemplateValues) -> RenderedText {
        var out = RenderedText()
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out.append(String(rest[..<open]))
            let name = String(rest[rest.index(after: open)..<close])
            if let slot = TemplateSlot(rawValue: name) {
                let value = values[slot]
                let shown = value ?? TemplateValues.placeholder(for: slot)
                let start = out.text.utf8.count
                out.append(shown)
                out.facts.append(.init(slot: slot, range: start..<out.text.utf8.count, isPlaceholder: value == nil))
            } else {
                out.append(String(rest[open...close]))
            }
            rest = rest[rest.index(after: close)...]
        }
        out.append(String(rest))
        return out
    }
}

