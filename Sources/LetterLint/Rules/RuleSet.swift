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
    /// The rules of each code check, by check name: found once here, not per letter.
    private let rulesByCheck: [String: [Rule]]

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
        var requirements: [[Set<String>]] = []
        var definitions: [String: [String: RequiredLiterals.Info]] = [:]
        for r in rules.indices {
            var ids: [Int] = []
            for pattern in rules[r].lazyPatterns {
                ids.append(requirements.count)
                requirements.append(RuleSet.requirements(of: pattern, bundled: rules[r].spec.isBundled, definitions: &definitions))
            }
            rules[r].patternIDs = ids
        }
        self.rules = rules
        rulesByCheck = Dictionary(grouping: rules.filter { $0.check != nil }, by: { $0.check!.name })
        prefilter = Prefilter(requirements: requirements)
    }

    /// The prefilter's requirement for one pattern: the literal sets every match contains
    /// one string of each (none: the pattern runs on every letter).
    ///
    /// For a bundled pattern they were computed at build time (`EmbeddedLexicons.requirements`,
    /// keyed by the full source as compiled), which saves analysing hundreds of patterns at
    /// every start. A pattern the table does not have is analysed here with the very same
    /// ``RequiredLiterals``: a user lexicon's, or a `names` chunk that configured competitor
    /// names changed. Only bundled rules consult the table, so a user pattern can never pick
    /// up an entry meant for another split of the same text into `define` and body.
    static func requirements(of pattern: LazyPattern, bundled: Bool,
                             definitions: inout [String: [String: RequiredLiterals.Info]]) -> [Set<String>] {
        if bundled, let sets = EmbeddedLexicons.requirements[pattern.source] { return sets.map { Set($0) } }
        if definitions[pattern.define] == nil { definitions[pattern.define] = RequiredLiterals.definitions(pattern.define) }
        return RequiredLiterals.of(pattern.body, definitions: definitions[pattern.define]!) ?? []
    }

    public func rule(_ id: String) -> Rule? { rules.first { $0.id == id } }

    /// The rules whose `check:` names this code check, in id order.
    func rules(usingCheck name: String) -> [Rule] { rulesByCheck[name] ?? [] }

    /// Every pattern by global id (the ids ``Prefilter/candidates(in:)`` answers for), with
    /// its rule and the options it compiles with: for measuring patterns one by one.
    public var patternSources: [(rule: String, source: String, options: Regex.Options)] {
        rules.flatMap { rule in rule.lazyPatterns.map { (rule.id, $0.source, $0.options) } }
    }

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
        let define = spec.definePrefix
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
        // Its own patterns, then (names rules) its names as alternations: the sources the
        // build-time requirement table is keyed by.
        var patterns: [LazyPattern] = []
        for (i, source) in spec.matchPatterns.enumerated() {
            patterns.append(try build(source, what: i < spec.patterns.count ? "a pattern" : "a name"))
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
}
