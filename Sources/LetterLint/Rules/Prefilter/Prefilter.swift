/// Decides, with one pass over a letter, which patterns can possibly match it.
///
/// Each pattern's required literals (``RequiredLiterals``) go into one Aho-Corasick
/// automaton; a pattern runs only if one of its literals occurs in the letter, or if it
/// has no usable literal. So the cost of a letter grows with what the letter contains,
/// not with the number of patterns in the lexicons.
public struct Prefilter: Sendable {
    private let automaton: AhoCorasick
    /// Literal id → the patterns (global ids) that need it.
    private let owners: [[Int32]]
    /// Per pattern: runs on every letter.
    private let alwaysRun: [Bool]

    /// - Parameter sources: each pattern, by global id, as its rule's `define` (compiled in
    ///   front of it) and its own text.
    init(sources: [(define: String, body: String)]) {
        var literalIDs: [String: Int] = [:]
        var literals: [String] = []
        var owners: [[Int32]] = []
        var always = [Bool](repeating: false, count: sources.count)
        var definitions: [String: [String: RequiredLiterals.Info]] = [:]
        for (id, source) in sources.enumerated() {
            if definitions[source.define] == nil { definitions[source.define] = RequiredLiterals.definitions(source.define) }
            guard let required = RequiredLiterals.of(source.body, definitions: definitions[source.define]!) else {
                always[id] = true
                continue
            }
            for literal in required.sorted() {
                let lid: Int
                if let known = literalIDs[literal] { lid = known } else {
                    lid = literals.count
                    literalIDs[literal] = lid
                    literals.append(literal)
                    owners.append([])
                }
                owners[lid].append(Int32(id))
            }
        }
        automaton = AhoCorasick(literals)
        self.owners = owners
        alwaysRun = always
    }

    /// How many patterns can be skipped on letters that lack their literals.
    public var filteredPatternCount: Int { alwaysRun.filter { !$0 }.count }
    public var patternCount: Int { alwaysRun.count }

    /// For each pattern (by global id), whether it can match `text`.
    public func candidates(in text: UnsafeBufferPointer<UInt8>) -> [Bool] {
        // Caseless matching lets the Kelvin sign (U+212A) stand for "k" and the long s
        // (U+017F) for "s": letters this rare turn the filter off rather than risk a miss.
        if Prefilter.containsFoldingSurprises(text) { return [Bool](repeating: true, count: alwaysRun.count) }
        var result = alwaysRun
        var seen = [Bool](repeating: false, count: owners.count)
        automaton.scan(text) { literal in
            guard !seen[literal] else { return }
            seen[literal] = true
            for id in owners[literal] { result[Int(id)] = true }
        }
        return result
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
