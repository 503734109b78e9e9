import PCRE2

/// A rule ready to run: its spec and its patterns (compiled when first needed).
public struct Rule: Sendable {
    public let spec: RuleSpec
    let lazyPatterns: [LazyPattern]
    let lazyExceptions: [LazyPattern]
    let check: (any CodeCheck)?
    /// Global ids of `lazyPatterns`, for the prefilter.
    var patternIDs: [Int] = []

    public var id: String { spec.id }

    /// The compiled patterns (compiling any not compiled yet).
    var patterns: [Regex] { lazyPatterns.compactMap(\.regex) }
    var exceptions: [Regex] { lazyExceptions.compactMap(\.regex) }
}

/// Every rule letterlint runs, compiled once per process.
public struct RuleSet: Sendable {
    public let rules: [Rule]
    /// Which patterns can match a given letter.
    public let prefilter: Prefilter

    /// Names per compiled alternation: keeps a 5,000-name user list under PCRE2's pattern
    /// size limit while still matching many names per pass.
    static let namesPerPattern = 400

    /// The bundled lexicons plus any user lexicon folders or files.
    /// - Parameter extraNames: names to add to `names` rules, by rule id (configured competitors).
    /// - Parameter jit: JIT-compile patterns. Patterns compile only when a letter needs them,
    ///   and interpreted matching is about ten times slower on the heaviest ones, so JIT pays
    ///   off even for one letter; off only to measure or where JIT is unavailable.
    public static func load(extraLexicons: [String] = [], extraNames: [String: [String]] = [:],
                            jit: Bool = true) throws(LoadError) -> RuleSet {
        var specs = try LexiconLoader.bundled()
        for path in extraLexicons { specs += try LexiconLoader.load(path: path) }
        for (id, names) in extraNames where !names.isEmpty {
            guard let index = specs.firstIndex(where: { $0.id == id && $0.kind == .names }) else { continue }
            specs[index] = specs[index].adding(names: names)
        }
        return try RuleSet(specs: specs, jit: jit)
    }

    /// Compiles `specs`; a duplicate id or a pattern that does not compile is an error at
    /// the file and line where it is written. Bundled patterns (proven by the tests) are
    /// compiled when a letter first needs them; other lexicons are compiled here.
    public init(specs: [RuleSpec], jit: Bool = true) throws(LoadError) {
        var seen: [String: RuleSpec] = [:]
        var rules: [Rule] = []
        for spec in specs {
            if let first = seen[spec.id] {
                throw LoadError(file: spec.file, line: spec.line,
                                message: "duplicate rule id '\(spec.id)' (first defined at \(first.file):\(first.line ?? 0))")
            }
            seen[spec.id] = spec
            rules.append(try RuleSet.compile(spec, eager: !spec.isBundled, jit: jit))
        }
        rules.sort { $0.id < $1.id }
        var sources: [(define: String, body: String)] = []
        for r in rules.indices {
            rules[r].patternIDs = rules[r].lazyPatterns.map { pattern in
                sources.append((pattern.define, pattern.body))
                return sources.count - 1
            }
        }
        self.rules = rules
        prefilter = Prefilter(sources: sources)
    }

    public func rule(_ id: String) -> Rule? { rules.first { $0.id == id } }

    /// A pattern as an error message quotes it: whole when short, else the 80 bytes around
    /// `offset` (a 64 KiB pattern repeated in full would bury the message).
    static func excerpt(_ pattern: String, around offset: Int) -> String {
        let bytes = Array(pattern.utf8)
        guard bytes.count > 120 else { return pattern }
        var lo = max(0, min(offset, bytes.count) - 40), hi = min(bytes.count, lo + 80)
        while lo > 0 && bytes[lo] & 0xC0 == 0x80 { lo -= 1 }
        while hi < bytes.count && bytes[hi] & 0xC0 == 0x80 { hi += 1 }
        return (lo > 0 ? "…" : "") + String(decoding: bytes[lo..<hi], as: UTF8.self) + (hi < bytes.count ? "…" : "")
            + " (\(bytes.count) bytes)"
    }

    static func compile(_ spec: RuleSpec, eager: Bool, jit: Bool) throws(LoadError) -> Rule {
        var options = Regex.Options.lexiconDefault
        if spec.caseSensitive { options.remove(.caseless) }
        let define = spec.define ?? ""
        func build(_ source: RuleSpec.Located, what: String) throws(LoadError) -> LazyPattern {
            let text = define + source.text
            guard eager else { return LazyPattern(source: text, define: define, options: options, jit: jit) }
            do {
                return LazyPattern(source: text, define: define, options: options, jit: jit,
                                   compiled: try Regex(text, options: options, jit: jit))
            } catch {
                let inDefine = error.offset < define.utf8.count
                let offset = inDefine ? error.offset : error.offset - define.utf8.count
                throw LoadError(file: spec.file, line: source.line,
                                message: "\(what) of '\(spec.id)' does not compile: \(error.message) at offset \(offset)"
                                    + (inDefine ? " of its 'define'" : "") + ": \(RuleSet.excerpt(source.text, around: offset))")
            }
        }
        var patterns = try spec.patterns.map { (p: RuleSpec.Located) throws(LoadError) -> LazyPattern in try build(p, what: "a pattern") }
        if spec.kind == .names {
            patterns += try namePatterns(spec.names).map { (p: RuleSpec.Located) throws(LoadError) -> LazyPattern in
                try build(p, what: "a name")
            }
        }
        let exceptions = try spec.exceptions.map { (p: RuleSpec.Located) throws(LoadError) -> LazyPattern in
            try build(p, what: "an exception")
        }
        var check: (any CodeCheck)? = nil
        if let name = spec.check {
            guard let found = CodeChecks.all[name] else {
                throw LoadError(file: spec.file, line: spec.line, message: "rule '\(spec.id)' names an unknown check '\(name)'; known checks: "
                                + CodeChecks.all.keys.sorted().joined(separator: ", "))
            }
            let known = found.slots.union(Slot.allCases.map(\.rawValue))
            for slot in Slots.names(in: spec.message + " " + (spec.fix?.text ?? "")) where !known.contains(slot) {
                throw LoadError(file: spec.file, line: spec.line, message: "rule '\(spec.id)' uses slot '{\(slot)}', which check '\(name)' does not fill; it fills: "
                                + known.sorted().map { "{\($0)}" }.joined(separator: ", "))
            }
            check = found
        }
        return Rule(spec: spec, lazyPatterns: patterns, lazyExceptions: exceptions, check: check)
    }

    /// Names become alternations that must stand as words: not inside a longer word, and
    /// with any white space between their parts. Longer names come first so "Google
    /// DeepMind" wins over "Google".
    static func namePatterns(_ names: [RuleSpec.Located], chunk size: Int = namesPerPattern) -> [RuleSpec.Located] {
        let sorted = names.sorted { $0.text.utf8.count > $1.text.utf8.count }
        return stride(from: 0, to: sorted.count, by: size).map { start in
            let chunk = sorted[start..<min(start + size, sorted.count)]
            let alternatives = chunk.map { name in
                name.text.split(whereSeparator: \.isWhitespace).map { Regex.escape(String($0)) }.joined(separator: "\\s+")
            }
            return RuleSpec.Located(text: "(?<![\\p{L}\\p{N}_])(?:" + alternatives.joined(separator: "|") + ")(?![\\p{L}\\p{N}_])",
                                    line: chunk.first?.line)
        }
    }
}
