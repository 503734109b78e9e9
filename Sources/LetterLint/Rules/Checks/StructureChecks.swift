import Foundation
import PCRE2

/// `structure.role-employer`: the resignation names no position, or no employer. The
/// rule's `patterns` are the ways a letter names a role ("my position as …", "as a Data
/// Scientist", a job title under the signature); the employer is named when one of the
/// letter's employers (`--employer`, or inferred from the letter) appears in its text.
/// Quiet when the letter has no resignation sentence: `structure.resignation-statement`
/// reports that, and its suggestion names both.
struct RoleAndEmployerCheck: CodeCheck {
    let name = "role-and-employer"
    let slots: Set<String> = ["missing"]

    /// A template field where the employer belongs ("at <COMPANY>", "with {{company_name}}"):
    /// the clause is there but unfilled, which the placeholder rules report.
    static let unfilledEmployer = try! Regex(#"\b(?:at|with|from|for)\s+(?:\[[^\]\n]{1,40}\]|\{\{?[^{}\n]{1,40}\}?\}|<[^<>\n]{1,40}>)"#)

    func run(_ context: CheckContext) -> [CheckHit] {
        guard let sentence = context.resignationSentence else { return [] }
        let parts: Set<Section> = [.header, .body, .postscript, .signature]
        // The role as written, from the first pattern that finds one (a `(?<role>…)` group).
        var role = context.facts.role
        if role == nil {
            for regex in context.rules(using: self).flatMap(\.patterns) {
                guard let m = context.matches(of: [regex], in: parts).first else { continue }
                role = context.text(of: m, group: "role", in: regex).text
                break
            }
        }
        let text = context.document.text.lowercased()
        let employerNamed = context.facts.employers.contains { !$0.isEmpty && text.contains($0.lowercased()) }
            || !context.matches(of: [RoleAndEmployerCheck.unfilledEmployer], in: [.body, .postscript]).isEmpty
        let missing: String
        switch (role != nil, employerNamed) {
        case (true, true): return []
        case (false, true): missing = "your position"
        case (true, false): missing = "your employer"
        case (false, false): missing = "your position or your employer"
        }
        var values = ["missing": missing]
        if let role { values["role"] = role }
        return [CheckHit(range: sentence.upperBound..<sentence.upperBound, values: values)]
    }
}

/// `structure.too-long`: the body runs far past what a resignation letter needs. Points
/// at the sentence where the count passes the limit.
struct LetterLengthCheck: CodeCheck {
    let name = "letter-length"
    let slots: Set<String> = ["words", "limit"]

    /// Words in the body and postscript. A full letter (statement, date, thanks, handoff)
    /// fits in 150 to 300; at 500 it has become something else.
    static let limit = 500

    func run(_ context: CheckContext) -> [CheckHit] {
        let document = context.document
        let parts = document.sections.filter { $0.section == .body || $0.section == .postscript }.map(\.range)
        let words = document.words.filter { word in parts.contains { $0.contains(word.lowerBound) } }
        guard words.count > LetterLengthCheck.limit else { return [] }
        let crossing = words[LetterLengthCheck.limit]
        let sentence = document.sentence(containing: crossing.lowerBound) ?? crossing
        return [CheckHit(range: sentence, values: ["words": String(words.count), "limit": String(LetterLengthCheck.limit)])]
    }
}

/// `structure.gratitude`: no word of thanks anywhere in the letter. The rule's `patterns`
/// are the ways a letter thanks; the line of thanks belongs at the end of the paragraph
/// that resigns, and addresses the manager by name when the salutation gives it.
struct GratitudeCheck: CodeCheck {
    let name = "gratitude"
    let slots: Set<String> = ["to_manager"]

    func run(_ context: CheckContext) -> [CheckHit] {
        let patterns = context.rules(using: self).flatMap(\.patterns)
        let all = 0..<context.document.bytes.count
        guard context.matches(of: patterns, in: all).isEmpty else { return [] }
        let document = context.document
        let anchor: Int
        if let sentence = context.resignationSentence,
           let paragraph = document.paragraphs.first(where: { $0.range.contains(sentence.lowerBound) }) {
            anchor = paragraph.range.upperBound
        } else if let body = document.paragraphs.first(where: { $0.section == .body }) {
            anchor = body.range.upperBound
        } else {
            anchor = document.paragraphs.last?.range.upperBound ?? document.bytes.count
        }
        let toManager = context.facts.manager.map { ", \($0)," } ?? ""
        return [CheckHit(range: anchor..<anchor, values: ["to_manager": toManager])]
    }
}
