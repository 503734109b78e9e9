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
    /// A project named at a high level ("the fraud detection model"), with its article,
    /// for a line of thanks. Optional in every template: a letter need not name one.
    public var project: String?
    /// The colleague the writer hands over to ("walk Lina through", "hand over … to Marek").
    public var successor: String?
    /// The industry the letter's vocabulary points to (a bank's model risk work, a
    /// retailer's stores), for the handover clause; nil when the letter gives no clear sign.
    public var industry: Industry?

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

    static func extract(from document: Document, employers given: [String]) -> LetterFacts {
        var facts = LetterFacts()
        facts.employers = given
        let matcher = Matcher.current
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
            let body = document.span(of: .body)
            facts.project = projectName(in: body ?? 0..<buffer.count, of: document, buffer, matcher)
            facts.successor = successorPatterns.lazy.compactMap { regex -> String? in
                guard let name = first(regex, group: "name", in: body),
                      let head = name.split(separator: " ").first, !notNames.contains(String(head)) else { return nil }
                return name
            }.first
            facts.industry = industry(of: document)
        }
        // The last day comes from the date finder, which knows every way a letter writes it.
        facts.lastDay = DateAnalysis.lastDayFact(in: document)
        return facts
    }

    // MARK: Project, successor and industry

    /// Work named after a verb of building or owning it, ending in a word that names a
    /// system ("building the document retrieval system", "proud of the churn model").
    /// At least one word must come before the head word: "the model" names nothing.
    private static let project = try! Regex(
        #"\b(?:build(?:ing)?|built|rebuil(?:d|t|ding)|ship(?:ped|ping)?|work(?:ed|ing)?\s+on|develop(?:ed|ing)?|lead(?:ing)?|led|launch(?:ed|ing)?|proud\s+of|contribut(?:e|ed|ing)\s+to|take|took|taking|maintain(?:ed|ing)?|design(?:ed|ing)?)\s+(?:the|our|my)\s+(?:\*\*|__)?(?<project>(?:[\p{L}\p{N}][\p{L}\p{N}'’-]*[ \t]+){1,5}?(?:models?|system|pipelines?|platform|service|benchmark|forecasts?|engine|classifier|generator|toolkit|store|recommender|programme|program|estimates|detector|stack|tooling|dashboards?|framework|ranking))\b"#)
    /// The first project named in `range` that is safe to repeat in a line of thanks: plain
    /// lower-case words (a capitalised word may be a codename, a customer or a product; a
    /// digit may be a size or a metric), and not the work of the next job ("I will be
    /// joining X to work on the agents platform").
    private static func projectName(in range: Range<Int>, of document: Document, _ buffer: UnsafeBufferPointer<UInt8>,
                                    _ matcher: Matcher) -> String? {
        let matches = (try? matcher.allMatches(of: project, in: buffer, from: range.lowerBound, to: range.upperBound)) ?? []
        for m in matches {
            guard let g = project.groupNumber(named: "project"), let r = m.group(g) else { continue }
            let words = document.slice(r).split(whereSeparator: \.isWhitespace).joined(separator: " ")
            guard !words.contains(where: { $0.isUppercase || $0.isNumber }) else { continue }
            let sentence = document.sentence(containing: m.range.lowerBound) ?? m.range
            if ((try? matcher.firstMatch(of: futureContext, in: buffer, from: sentence.lowerBound, to: m.range.upperBound)) ?? nil) != nil {
                continue
            }
            return "the " + words
        }
        return nil
    }

    /// A named colleague the writer hands work to.
    private static let personName = #"(?<name>(?-i:\p{Lu})[\p{L}'’-]+(?:[ \t]+(?-i:\p{Lu})[\p{L}'’-]+)?)"#
    private static let successorPatterns: [Regex] = [
        try! Regex(#"\b(?:walk(?:ing)?|brief(?:ing)?|train(?:ing)?|onboard(?:ing)?|pair(?:ing)?\s+with|sit(?:ting)?\s+with)\s+"# + personName + #"(?=\s+(?:through|on|in|with|about|and|as|for|before|during)\b|[.,;:]|\s*$)"#),
        try! Regex(#"\b(?:hand(?:ing)?[ \t-]*(?:over|off)|transfer(?:ring)?|pass(?:ing)?\s+(?:on|over))\b[^.!?\n]{1,80}?\bto\s+"# + personName + #"\b(?![ \t]*['’]s\b)"#),
        try! Regex(#"\b(?:my\s+successor|whoever\s+takes\s+over)\s*,\s*"# + personName),
    ]
    /// Capitalised words that start sentences or name things, never a colleague.
    private static let notNames: Set<String> = [
        "I", "The", "My", "Our", "A", "An", "This", "That", "These", "Those", "It", "HR", "IT", "Monday", "Tuesday",
        "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May",
        "June", "July", "August", "September", "October", "November", "December", "Team", "Everyone", "All",
    ]

    /// Words that point to an industry; the letter's industry is the one with at least two
    /// distinct words and more than any other.
    private static let industryWords: [(Industry, Regex)] = [
        (.finance, try! Regex(#"\b(?:bank(?:ing|s)?|fund|funds|fintech|lending|loans?|credit\s+risk|model\s+risk|validation\s+reports?|compliance|trading|underwriting|insurance|actuarial|anti-money-laundering|AML|fraud|payments?|portfolio|regulators?)\b"#)),
        (.retail, try! Regex(#"\b(?:retail(?:er|ers)?|(?<!feature )stores?|merchandis(?:e|ing)|inventory|replenishment|markdowns?|assortment|shoppers?|e-?commerce|catalogue|catalog|basket|supply\s+chain|demand\s+forecast(?:s|ing)?|peak\s+season|checkout)\b"#)),
        (.tech, try! Regex(#"\b(?:platform|SaaS|software|model\s+cards?|CI/CD|deployment|serving|inference|recommendation|ranking|search|A/B\s+tests?|app|API|microservices?)\b"#)),
    ]

    private static func industry(of document: Document) -> Industry? {
        let matcher = Matcher.current
        let counts: [(Industry, Int)] = industryWords.map { industry, regex in
            let words = document.bytes.withUnsafeBufferPointer { buffer in
                ((try? matcher.allMatches(of: regex, in: buffer)) ?? []).map { document.slice($0.range).lowercased() }
            }
            return (industry, Set(words).count)
        }
        let sorted = counts.sorted { $0.1 > $1.1 }
        guard let best = sorted.first, best.1 >= 2, sorted.dropFirst().allSatisfy({ $0.1 < best.1 }) else { return nil }
        return best.0
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

