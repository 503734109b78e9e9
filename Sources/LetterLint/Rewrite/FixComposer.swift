import Foundation
import PCRE2

/// Turns a rule's `fix` into concrete text edits for one letter: it fills `{slot}`s from
/// the letter's facts and finds where a missing clause belongs.
struct FixComposer {
    let document: Document
    let facts: LetterFacts
    let ruleSet: RuleSet
    let matcher: Matcher
    /// What this letter's checks and fixes share, worked out once.
    var memo = CheckMemo()

    /// A place to insert a clause, and the text that goes before and after it there.
    struct Anchor {
        let offset: Int
        let before: String
        let after: String
    }

    /// The id of the rule whose patterns say "I resign"; its first match is where a
    /// missing last day belongs.
    static let resignationRule = "structure.resignation-statement"

    /// - Parameter values: slot values from a code check, used before the letter's facts.
    func fixes(for spec: RuleSpec, at range: Range<Int>, values: [String: String] = [:]) -> [Fix] {
        guard let fix = spec.fix else { return [] }
        let text = fix.text.map { fill(resolvingTemplates(in: $0, values: values, at: range), values: values) } ?? ""
        let edit: TextEdit
        var title = fix.title
        switch fix.action {
        case .replaceMatch:
            edit = TextEdit(range: range, replacement: text)
        case .deleteMatch:
            edit = TextEdit(range: swallowingOneSpace(range), replacement: "")
        case .replaceSentence where saysAlready(text, besides: sentence(around: range)):
            // The letter already has this sentence (a second line about the next job
            // becomes the same neutral line as the first): the finding's sentence just goes.
            edit = TextEdit(range: removableSentence(around: range), replacement: "")
            title = "Remove the sentence: the letter already has a line like \"\(text)\""
        case .replaceSentence:
            edit = TextEdit(range: sentence(around: range), replacement: text)
        case .deleteSentence:
            edit = TextEdit(range: removableSentence(around: range), replacement: "")
        case .insert where spec.insertAt == nil:
            edit = TextEdit(range: range.lowerBound..<range.lowerBound, replacement: text)
        case .insert:
            let anchor = self.anchor(spec.insertAt ?? .end)
            edit = TextEdit(range: anchor.offset..<anchor.offset, replacement: anchor.before + text + anchor.after)
        }
        return [Fix(title: title, edits: [edit])]
    }

    /// The template library that `{phrasing:ID}` and `{clause:ID}` in fix texts refer to.
    /// A library that fails to load leaves references as written; `fix` and `rewrite`
    /// load it themselves and stop with the error.
    static let library: TemplateLibrary? = try? TemplateLibrary.bundled()

    /// `text` with each `{phrasing:ID}` and `{clause:ID}` replaced by the library's wording
    /// for this letter: the first variant whose facts the letter gives. Values from a code
    /// check count as facts. A reference the library does not have is left as written.
    /// A project already named elsewhere in the paragraph of `range` is not named again.
    func resolvingTemplates(in text: String, values: [String: String] = [:], at range: Range<Int>? = nil) -> String {
        let references = TemplateLibrary.references(in: text)
        guard !references.isEmpty, let library = FixComposer.library else { return text }
        var templateValues = TemplateValues(facts: facts)
        for (name, value) in values { if let slot = TemplateSlot(rawValue: name) { templateValues[slot] = value } }
        if let range, let project = templateValues[.project],
           let paragraph = document.paragraphs.first(where: { $0.range.contains(range.lowerBound) })?.range {
            let around = sentence(around: range)
            let rest = document.slice(paragraph.lowerBound..<min(around.lowerBound, paragraph.upperBound))
                + " " + document.slice(min(around.upperBound, paragraph.upperBound)..<paragraph.upperBound)
            let words = project.split(separator: " ").dropFirst().joined(separator: " ").lowercased()
            if rest.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ").contains(words) { templateValues[.project] = nil }
        }
        var out = ""
        var position = text.startIndex
        for reference in references {
            guard let template = library.text(for: reference, industry: facts.industry) else { continue }
            out += text[position..<reference.range.lowerBound] + template.render(templateValues).text
            position = reference.range.upperBound
        }
        return out + text[position...]
    }

    /// `text` with the `{slot}`s a code check filled, then the rest from the letter.
    func fill(_ text: String, values: [String: String]) -> String {
        fill(Slots.fill(text) { values[$0] })
    }

    /// `text` with every `{slot}` filled from the letter, or a visible placeholder when the
    /// letter does not give that fact (which `check` then reports, so it is not forgotten).
    func fill(_ text: String) -> String {
        Slots.fill(text) { name in
            guard let slot = Slot(rawValue: name) else { return nil }
            return facts.value(of: slot) ?? Slots.placeholder(for: slot)
        }
    }

    func anchor(_ kind: RuleSpec.Anchor) -> Anchor {
        let nl = document.lineEnding
        let body = document.span(of: .body)
        switch kind {
        case .afterResignation:
            if let sentence = memo.resignationSentence({ FixComposer.resignationSentence(in: document, ruleSet: ruleSet, matcher: matcher) }) { return Anchor(offset: sentence.upperBound, before: " ", after: "") }
            if let body { return Anchor(offset: body.lowerBound, before: "", after: " ") }
            return anchor(.afterSalutation)
        case .beforeClosing:
            if let closing = document.span(of: .closing) { return Anchor(offset: closing.lowerBound, before: "", after: nl + nl) }
            if let body { return Anchor(offset: body.upperBound, before: nl + nl, after: "") }
            return anchor(.end)
        case .beforeSignature:
            if let signature = document.span(of: .signature) { return Anchor(offset: signature.lowerBound, before: "", after: nl) }
            return anchor(.end)
        case .afterSalutation:
            if let salutation = document.span(of: .salutation) {
                return Anchor(offset: salutation.upperBound, before: nl + nl, after: "")
            }
            return anchor(.start)
        case .start:
            // After a header block (a title, an address, a date), where a greeting belongs.
            if let header = document.span(of: .header), let last = document.paragraphs.last(where: { header.contains($0.range.lowerBound) }) {
                return Anchor(offset: last.range.upperBound, before: nl + nl, after: "")
            }
            let first = document.paragraphs.first?.range.lowerBound ?? 0
            return Anchor(offset: first, before: "", after: nl + nl)
        case .end:
            let last = document.paragraphs.last
            let offset = last?.range.upperBound ?? document.bytes.count
            // A name goes on the line under the closing, not a paragraph away from it.
            let gap = offset == 0 ? "" : last?.section == .closing ? nl : nl + nl
            return Anchor(offset: offset, before: gap, after: "")
        }
    }

    /// The sentence that says "I resign", found with the patterns of
    /// `structure.resignation-statement` (the rule that reports its absence).
    static func resignationSentence(in document: Document, ruleSet: RuleSet, matcher: Matcher) -> Range<Int>? {
        guard let rule = ruleSet.rule(FixComposer.resignationRule) else { return nil }
        let units = Linter.units(for: rule.spec, in: document)
        let starts = rule.patterns.compactMap { regex in
            (try? Linter.matches(of: regex, in: document, units: units, matcher: matcher))?.first?.range.lowerBound
        }
        return starts.min().flatMap { document.sentence(containing: $0) }
    }

    /// Whether the letter says `text` already, outside `sentence`: a sentence with nearly
    /// the same words ("I am proud of what we achieved together" next to "I am proud of
    /// what the team achieved together").
    private func saysAlready(_ text: String, besides sentence: Range<Int>) -> Bool {
        let similar = memo.sentences(similarTo: text) {
            let wanted = FixComposer.words(text)
            guard !wanted.isEmpty else { return [] }
            let sentences = memo.sentenceWords { document.sentences.map { ($0, FixComposer.words(document.slice($0))) } }
            // Shared words at least 0.7 of all words: |A ∩ B| ≥ 0.7 · (|A| + |B| − |A ∩ B|).
            return sentences.compactMap { other, words in
                let shared = words.count < wanted.count ? words.count(where: wanted.contains) : wanted.count(where: words.contains)
                return Double(shared) >= 0.7 * Double(words.count + wanted.count - shared) ? other : nil
            }
        }
        return similar.contains { !$0.overlaps(sentence) }
    }

    static func words(_ text: String) -> Set<String> {
        // ASCII text, nearly every sentence, is split byte by byte: the same words as the
        // character-by-character split below, without a grapheme and property lookup each.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var words = Set<String>()
            var word: [UInt8] = []
            for byte in text.utf8 {
                let lower = byte | 0x20
                if (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x27 {
                    word.append(byte >= 0x41 && byte <= 0x5A ? lower : byte)
                } else if !word.isEmpty {
                    words.insert(String(decoding: word, as: UTF8.self))
                    word.removeAll(keepingCapacity: true)
                }
            }
            if !word.isEmpty { words.insert(String(decoding: word, as: UTF8.self)) }
            return words
        }
        return Set(text.lowercased().split { !$0.isLetter && !$0.isNumber && $0 != "'" && $0 != "’" }.map(String.init))
    }

    private func sentence(around range: Range<Int>) -> Range<Int> {
        guard let sentence = document.sentence(containing: range.lowerBound) else { return range }
        return min(sentence.lowerBound, range.lowerBound)..<max(sentence.upperBound, range.upperBound)
    }

    /// The sentence plus the white space that would be left dangling without it. A
    /// sentence that is a whole paragraph takes the blank line after it along.
    private func removableSentence(around range: Range<Int>) -> Range<Int> {
        let s = sentence(around: range)
        let bytes = document.bytes
        if let paragraph = document.paragraphs.firstIndex(where: { $0.range == s }) {
            let next = paragraph + 1 < document.paragraphs.count ? document.paragraphs[paragraph + 1].range.lowerBound : bytes.count
            return s.lowerBound..<next
        }
        var end = s.upperBound
        while end < bytes.count && (bytes[end] == 0x20 || bytes[end] == 0x09) { end += 1 }
        if end < bytes.count && bytes[end] != 0x0A && bytes[end] != 0x0D { return s.lowerBound..<end }
        // Last sentence on its line: take the space before it instead.
        var start = s.lowerBound
        while start > 0 && (bytes[start - 1] == 0x20 || bytes[start - 1] == 0x09) { start -= 1 }
        return start..<s.upperBound
    }

    private func swallowingOneSpace(_ range: Range<Int>) -> Range<Int> {
        let bytes = document.bytes
        if range.upperBound < bytes.count && bytes[range.upperBound] == 0x20 { return range.lowerBound..<range.upperBound + 1 }
        if range.lowerBound > 0 && bytes[range.lowerBound - 1] == 0x20 { return range.lowerBound - 1..<range.upperBound }
        return range
    }
}

/// Filling `{slot}`s, shared by lexicon fixes and templates (``Slots`` and its
/// `names(in:)`, which the lexicon loader validates fix texts with, are in LexiconKit).
extension Slots {
    /// Replaces each `{slot}` whose `value(slot)` is non-nil.
    static func fill(_ text: String, value: (String) -> String?) -> String {
        var out = text
        for name in Set(names(in: text)) {
            if let v = value(name) { out = out.replacingOccurrences(of: "{\(name)}", with: v) }
        }
        return out
    }

    /// What stands in for a fact the letter does not give.
    static func placeholder(for slot: Slot) -> String {
        switch slot {
        case .company: return "[Company]"
        case .manager: return "[Manager's name]"
        case .name: return "[Your name]"
        case .role: return "[Your role]"
        case .lastDay: return "[last working day]"
        }
    }
}

