import Foundation
import PCRE2

/// What the letter says about its own situation: who writes, to whom, from which
/// company and role, and when they leave. Fixes fill their `{slot}`s from these, and the
/// writer's employer is never reported as a competitor.
public struct LetterFacts: Sendable, Equatable {
    /// The writer's current employer(s): from `--employer` first, then as inferred.
    public var employers: [String] = []
    public var manager: String?
    public var name: String?
    public var role: String?
    public var lastDay: String?

    public var company: String? { employers.first }

    public func value(of slot: Slot) -> String? {
        switch slot {
        case .company: return company
        case .manager: return manager
        case .name: return name
        case .role: return role
        case .lastDay: return lastDay
        }
    }

    /// Whether `mention` names the writer's own employer: the same words, or one name
    /// contained in the other ("Google" and "Google DeepMind").
    public func isEmployer(_ mention: String) -> Bool {
        let m = LetterFacts.nameTokens(mention)
        guard !m.isEmpty else { return false }
        return employers.contains { employer in
            let e = LetterFacts.nameTokens(employer)
            return !e.isEmpty && (LetterFacts.contains(e, m) || LetterFacts.contains(m, e))
        }
    }

    static let corporateSuffixes: Set<String> = ["inc", "llc", "ltd", "limited", "corp", "corporation", "co", "plc", "gmbh", "sa", "ag"]

    static func nameTokens(_ name: String) -> [String] {
        let words = name.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
        return words.filter { !corporateSuffixes.contains($0) && $0 != "the" }
    }

    private static func contains(_ haystack: [String], _ needle: [String]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<$0 + needle.count]) == needle }
    }
}

/// Reads ``LetterFacts`` out of a ``Document``. The patterns describe letter conventions
/// (a salutation names the manager, a signature names the writer), not risks, so they
/// are code rather than lexicon data; they are compiled once per process.
enum FactExtractor {
    /// An organisation name: capitalised words, allowing "&", "of", "and" inside.
    private static let orgWord = #"(?-i:\p{Lu})(?:[\p{L}\p{N}&'’-]|\.(?=[\p{L}\p{N}]))*"#
    private static let org = #"(?<org>"# + orgWord + #"(?:(?:[ \t]+|[ \t]*\R[ \t]*)(?:"# + orgWord + #"|&|of|and|for)){0,4})"#
    private static let employerPatterns: [Regex] = [
        try! Regex(#"\b(?:resign|resignation|resigning)\b[^.!?]{0,100}?\b(?:at|from|with)\s+(?:the\s+)?"# + org),
        try! Regex(#"\b(?:position|role|job|post|time|tenure|career|years?|months|employment)\s+(?:as\s+(?:an?\s+|the\s+)?[^.,;!?]{1,60}?\s+)?(?:at|with)\s+"# + org),
        try! Regex(#"\b(?:I|we)\s+(?:have\s+)?(?:joined|worked\s+(?:at|for))\s+"# + org),
    ]
    /// Phrases before a match that mean the organisation is the NEXT employer, not this
    /// one ("I have accepted an offer at", "my new role at"). Kept narrow: "Please accept
    /// this letter" must not hide the writer's own employer.
    private static let futureContext = try! Regex(
        #"\b(?:new|next|upcoming|future)\s+(?:role|position|job|post|employer|company|team|opportunity|chapter)\b|\baccept(?:ed|ing)?\s+(?:an?\s+)?(?:new\s+)?(?:offer|position|role|job)\b|\boffer\s+(?:from|at|with)\b|\bjoin(?:ing)?\b|\bstart(?:ing)?\s+(?:at|with)\b|\bmoving\s+(?:to|on\s+to)\b|\bhead(?:ed|ing)\s+(?:to|over\s+to)\b|\bwill\s+be\s+(?:joining|starting|moving|working)\b"#)
    private static let signatureOrg = try! Regex(
        #"^[^\n,|]{2,60}?\s*(?:,|\||—|–|\bat\b)\s*"# + org + #"\s*$"#)
    private static let manager = try! Regex(
        #"^[ \t>#*_]*(?:dear|hi|hello|hey)\s+(?:(?:mr|mrs|ms|mx|dr|prof)\.?\s+)?(?<name>(?-i:\p{Lu})[\p{L}'’-]+(?:[ \t]+(?-i:\p{Lu})[\p{L}'’-]+)?)"#)
    private static let writer = try! Regex(
        #"^[ \t*_]*(?<name>(?-i:\p{Lu})[\p{L}'’.-]+(?:[ \t]+(?-i:\p{Lu})[\p{L}'’.-]+){0,3})[*_ \t]*$"#)
    private static let role = try! Regex(
        #"\b(?:position|role|job)\s+(?:as|of)\s+(?:an?\s+|the\s+)?(?<role>(?-i:\p{Lu})[^,.;!?]{1,60}?)\s+(?:at|with|in|on|for|here|effective)\b"#)
    private static let lastDay = try! Regex(
        #"\b(?:last|final)\s+(?:working\s+|business\s+)?day\b[^.!?]{0,40}?\b(?:will\s+be|is|on|of)\s+(?<date>(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?-i:\p{Lu})[a-z]+,?\s+\d{4}|(?-i:\p{Lu})[a-z]+\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}))"#)

    static func extract(from document: Document, employers given: [String]) -> LetterFacts {
        var facts = LetterFacts()
        facts.employers = given
        let matcher = Matcher()
        document.bytes.withUnsafeBufferPointer { buffer in
            func first(_ regex: Regex, group: String, in range: Range<Int>? = nil) -> String? {
                let range = range ?? 0..<buffer.count
                guard let m = (try? matcher.firstMatch(of: regex, in: buffer, from: range.lowerBound, to: range.upperBound)) ?? nil,
                      let g = regex.groupNumber(named: group), let r = m.group(g) else { return nil }
                return document.slice(r).split(whereSeparator: \.isWhitespace).joined(separator: " ")
            }
            // The employer: statements about the writer's own position, skipping any that
            // talk about a new or next job.
            for regex in employerPatterns {
                let matches = (try? matcher.allMatches(of: regex, in: buffer)) ?? []
                for m in matches {
                    let sentence = document.sentence(containing: m.range.lowerBound) ?? m.range
                    let before = sentence.lowerBound..<m.range.upperBound
                    if ((try? matcher.firstMatch(of: futureContext, in: buffer, from: before.lowerBound, to: before.upperBound)) ?? nil) != nil {
                        continue
                    }
                    if let g = regex.groupNumber(named: "org"), let r = m.group(g) {
                        add(trimOrg(document.slice(r).split(whereSeparator: \.isWhitespace).joined(separator: " ")), to: &facts.employers)
                    }
                }
            }
            if let signature = document.span(of: .signature) {
                for line in document.lines where signature.contains(line.lowerBound) {
                    if let org = first(signatureOrg, group: "org", in: line) { add(trimOrg(org), to: &facts.employers) }
                }
                facts.name = first(writer, group: "name", in: document.lines[document.lineIndex(containing: signature.lowerBound)])
            }
            if let salutation = document.span(of: .salutation) {
                facts.manager = first(manager, group: "name", in: salutation)
                if let m = facts.manager, ["Team", "All", "Sir", "Madam", "Hiring", "Everyone"].contains(m) { facts.manager = nil }
            }
            facts.role = first(role, group: "role", in: document.span(of: .body))
            facts.lastDay = first(lastDay, group: "date")
        }
        return facts
    }

    private static func add(_ name: String, to list: inout [String]) {
        guard !name.isEmpty, !list.contains(where: { $0.lowercased() == name.lowercased() }) else { return }
        list.append(name)
    }

    /// Drops trailing joiners and punctuation captured by the greedy name pattern.
    private static func trimOrg(_ s: String) -> String {
        var words = s.split(separator: " ").map(String.init)
        while let last = words.last, ["of", "and", "for", "&"].contains(last) { words.removeLast() }
        return words.joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: ".,'’-"))
    }
}

