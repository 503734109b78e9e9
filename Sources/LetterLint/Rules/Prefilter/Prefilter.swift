/// Decides, with one pass over a letter, which patterns can possibly match it.
///
/// Each pattern's required literals (``RequiredLiterals``: sets of which every match
/// contains one string each) go into one Aho-Corasick automaton. A pattern runs only if the
/// letter contains a literal of every one of its sets, or if it has no usable literal. So
/// the cost of a letter grows with what the letter contains, not with the number of
/// patterns in the lexicons.
public struct Prefilter: Sendable {
    private let automaton: AhoCorasick
    /// Literal id → the requirement sets (global set ids) it belongs to.
    private let owners: [[Int32]]
    /// Literal id → its length in bytes.
    private let literalLengths: [Int32]
    /// Requirement set id → its pattern (global id).
    private let setPattern: [Int32]
    /// Requirement set id → its literals: `setLiterals[setLiteralStart[s]..<setLiteralStart[s + 1]]`.
    private let setLiteralStart: [Int32]
    private let setLiterals: [Int32]
    /// Pattern → its requirement sets: `patternSetStart[p]..<patternSetStart[p + 1]`.
    private let patternSetStart: [Int32]

    /// - Parameter requirements: per pattern (global id), its literal sets; none: always runs.
    init(requirements: [[Set<String>]]) {
        var literalIDs: [String: Int] = [:]
        var literals: [String] = []
        var owners: [[Int32]] = []
        var setPattern: [Int32] = []
        var setLiteralStart: [Int32] = [0]
        var setLiterals: [Int32] = []
        var patternSetStart: [Int32] = [0]
        for (pattern, sets) in requirements.enumerated() {
            for set in sets {
                let setID = Int32(setPattern.count)
                setPattern.append(Int32(pattern))
                for literal in set.sorted() {
                    let lid: Int
                    if let known = literalIDs[literal] { lid = known } else {
                        lid = literals.count
                        literalIDs[literal] = lid
                        literals.append(literal)
                        owners.append([])
                    }
                    owners[lid].append(setID)
                    setLiterals.append(Int32(lid))
                }
                setLiteralStart.append(Int32(setLiterals.count))
            }
            patternSetStart.append(Int32(setPattern.count))
        }
        automaton = AhoCorasick(literals)
        self.owners = owners
        literalLengths = literals.map { Int32($0.utf8.count) }
        self.setPattern = setPattern
        self.setLiteralStart = setLiteralStart
        self.setLiterals = setLiterals
        self.patternSetStart = patternSetStart
    }

    /// How many patterns can be skipped on letters that lack their literals.
    public var filteredPatternCount: Int { (0..<patternCount).filter { !runsOnEveryLetter($0) }.count }
    public var patternCount: Int { patternSetStart.count - 1 }

    /// Whether `pattern` (global id) has no usable literal and so runs on every letter.
    public func runsOnEveryLetter(_ pattern: Int) -> Bool { setCount(pattern) == 0 }

    private func setCount(_ pattern: Int) -> Int { Int(patternSetStart[pattern + 1] - patternSetStart[pattern]) }

    /// For each pattern (by global id), whether it can match `text`.
    public func candidates(in text: UnsafeBufferPointer<UInt8>) -> [Bool] { scan(text).patterns }

    /// One pass over `text`: which patterns can match it, and where their literals are.
    public func scan(_ text: UnsafeBufferPointer<UInt8>) -> Scan {
        // Caseless matching lets the Kelvin sign (U+212A) stand for "k" and the long s
        // (U+017F) for "s": letters this rare turn the filter off rather than risk a miss.
        if Prefilter.containsFoldingSurprises(text) {
            return Scan(filter: self, patterns: [Bool](repeating: true, count: patternCount), hitStart: nil, hitEnds: [])
        }
        var missing = (0..<patternCount).map { setCount($0) }
        var result = missing.map { $0 == 0 }
        var seenLiteral = [Bool](repeating: false, count: owners.count)
        var metSet = [Bool](repeating: false, count: setPattern.count)
        var hits: [(literal: Int32, lastByte: Int32)] = []
        automaton.scan(text) { literal, lastByte in
            hits.append((Int32(literal), Int32(lastByte)))
            guard !seenLiteral[literal] else { return }
            seenLiteral[literal] = true
            for set in owners[literal] where !metSet[Int(set)] {
                metSet[Int(set)] = true
                let pattern = Int(setPattern[Int(set)])
                missing[pattern] -= 1
                if missing[pattern] == 0 { result[pattern] = true }
            }
        }
        // Occurrences grouped by literal (a counting sort), each group in text order.
        var hitStart = [Int32](repeating: 0, count: owners.count + 1)
        for hit in hits { hitStart[Int(hit.literal) + 1] += 1 }
        for i in 0..<owners.count { hitStart[i + 1] += hitStart[i] }
        var fill = hitStart
        var hitEnds = [Int32](repeating: 0, count: hits.count)
        for hit in hits {
            hitEnds[Int(fill[Int(hit.literal)])] = hit.lastByte + 1
            fill[Int(hit.literal)] += 1
        }
        return Scan(filter: self, patterns: result, hitStart: hitStart, hitEnds: hitEnds)
    }

    /// What one pass over a letter found.
    public struct Scan: Sendable {
        fileprivate let filter: Prefilter
        /// Per pattern (global id): can match somewhere in the letter.
        public let patterns: [Bool]
        /// Literal id → its occurrences' end offsets, `hitEnds[hitStart[l]..<hitStart[l + 1]]`;
        /// nil when the filter is off for this letter.
        fileprivate let hitStart: [Int32]?
        fileprivate let hitEnds: [Int32]

        /// Which of `units` (sorted, not overlapping) can hold a match of `pattern`: those
        /// that contain an occurrence of a literal of each of its sets, since every match
        /// contains one and a match stays inside its unit. nil: all of them.
        func units(_ units: [Range<Int>], for pattern: Int) -> [Bool]? {
            guard let hitStart else { return nil }
            let sets = Int(filter.patternSetStart[pattern])..<Int(filter.patternSetStart[pattern + 1])
            guard !sets.isEmpty, !units.isEmpty else { return nil }
            var allowed = [Bool](repeating: true, count: units.count)
            var met = [Bool](repeating: false, count: units.count)
            for set in sets {
                for u in met.indices { met[u] = false }
                for k in Int(filter.setLiteralStart[set])..<Int(filter.setLiteralStart[set + 1]) {
                    let literal = Int(filter.setLiterals[k])
                    let length = Int(filter.literalLengths[literal])
                    for h in Int(hitStart[literal])..<Int(hitStart[literal + 1]) {
                        let end = Int(hitEnds[h])
                        if let u = Document.unitIndex(containing: end - length, in: units), end <= units[u].upperBound { met[u] = true }
                    }
                }
                for u in allowed.indices where !met[u] { allowed[u] = false }
            }
            return allowed
        }
    }

    static func containsFoldingSurprises(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i + 1 < text.count {
            let b = text[i]
            if b == 0xC5 && text[i + 1] == 0xBF { return true } // ſ
            if b == 0xE2 && i + 2 < text.count && text[i + 1] == 0x84 && text[i + 2] == 0xAA { return true } // K
            i += 1
        }
        return false
    }
}
