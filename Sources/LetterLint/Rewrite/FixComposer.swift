import Foundation
import PCRE2

/// Turns a rule's `fix` into concrete text edits for one letter: it fills `{slot}`s from
/// the letter's facts and finds where a missing clause belongs.
struct FixComposer {
    let document: Document
    let facts: LetterFacts
    let ruleSet: RuleSet
    let matcher: Matcher

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
        let text = fix.text.map { Slots.fill($0) { values[$0] } }.map(fill) ?? ""
        let edit: TextEdit
        switch fix.action {
        case .replaceMatch:
            edit = TextEdit(range: range, replacement: text)
        case .deleteMatch:
            edit = TextEdit(range: swallowingOneSpace(range), replacement: "")
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
        return [Fix(title: fix.title, edits: [edit])]
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
            if let sentence = resignationSentence() { return Anchor(offset: sentence.upperBound, before: " ", after: "") }
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
            let first = document.paragraphs.first?.range.lowerBound ?? 0
            return Anchor(offset: first, before: "", after: nl + nl)
        case .end:
            let last = document.paragraphs.last?.range.upperBound ?? document.bytes.count
            return Anchor(offset: last, before: last == 0 ? "" : nl + nl, after: "")
        }
    }

    private func resignationSentence() -> Range<Int>? {
        guard let rule = ruleSet.rule(FixComposer.resignationRule) else { return nil }
        let units = Linter.units(for: rule.spec, in: document)
        let starts = rule.patterns.compactMap { regex in
            (try? Linter.matches(of: regex, in: document, units: units, matcher: matcher))?.first?.range.lowerBound
        }
        return starts.min().flatMap { document.sentence(containing: $0) }
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

/// `{slot}` handling shared by lexicon fixes and templates.
enum Slots {
    /// The slot names used in `text`, in order.
    static func names(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { break }
            let name = after[..<close]
            if !name.isEmpty && name.allSatisfy({ $0.isLetter || $0 == "_" }) { names.append(String(name)) }
            rest = after[after.index(after: close)...]
        }
        return names
    }

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

