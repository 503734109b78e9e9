/// Finds, for a PCRE2 pattern, sets of literal strings such that every match contains at
/// least one string of each set (case-insensitively): "took credit for" gives `[["took"],
/// ["credit"], ["for"]]` less the short ones. A letter that lacks every string of one of the
/// sets cannot match, so the pattern need not run on it. Keeping every set of a sequence,
/// not only the most selective one, is what makes the filter work on patterns whose most
/// distinctive word sits beside common ones ("the … account").
///
/// The analysis is conservative: anything it does not understand (back references,
/// subroutine calls, classes with non-ASCII letters, unusual escapes) counts as "could be
/// anything", and a pattern whose requirement cannot be stated as literals of useful length
/// gets `nil` and always runs. It may keep a pattern that cannot match; it never drops one
/// that can.
public enum RequiredLiterals {
    /// Words shorter than this are everywhere in text; they filter nothing. A literal with a
    /// distinctive character (`[`, `{`, `_`, `!`, `…`) filters well even when short.
    static let minimumLength = 3
    /// Largest set of exact strings tracked through concatenation and alternation.
    static let maxExact = 64

    /// The sets of literals (lowercased ASCII), or nil when the pattern must always run.
    public static func of(_ pattern: String) -> [Set<String>]? {
        of(pattern, definitions: [:])
    }

    /// What the named groups of a `(?(DEFINE)…)` block match, to analyse the patterns that
    /// call them (a rule's `define` is analysed once, not once per pattern).
    package static func definitions(_ define: String) -> [String: Info] {
        // A define that switches on extended mode or uses verbs changes how the patterns
        // after it read: the reserved empty name (no PCRE2 group can have it) says so.
        if readsDifferently(Array(define.unicodeScalars)) { return [changesReading: .anything] }
        var parser = Parser(Array(define.unicodeScalars))
        _ = parser.parseAlternation()
        return parser.named
    }

    /// - Parameter definitions: named groups from the rule's `define`, which is not
    ///   repeated in `pattern`.
    package static func of(_ pattern: String, definitions: [String: Info]) -> [Set<String>]? {
        let scalars = Array(pattern.unicodeScalars)
        if definitions[changesReading] != nil || readsDifferently(scalars) { return nil }
        var parser = Parser(scalars)
        parser.named = definitions
        guard let info = parser.parseAlternation(), parser.atEnd else { return nil }
        // A set with a literal too short to be selective filters nothing: dropping it only
        // lets the pattern run more often.
        var sets: [Set<String>] = []
        for set in info.usable {
            let lowered = Set(set.map { $0.lowercased() })
            if !lowered.isEmpty, lowered.allSatisfy(isUseful), !sets.contains(lowered) { sets.append(lowered) }
        }
        return sets.isEmpty ? nil : sets
    }

    /// The key ``definitions(_:)`` uses for a define that changes how patterns read.
    static let changesReading = ""

    /// Extended mode (`(?x)`, `(?ix)`, `(?^x:` …: spaces and `#` are not literal) and verbs
    /// (`(*UCP)` …) change how the text reads; such a pattern is not analysed.
    static func readsDifferently(_ s: [Unicode.Scalar]) -> Bool {
        for i in s.indices.dropLast() where s[i] == "(" {
            if s[i + 1] == "*" { return true }
            guard s[i + 1] == "?" else { continue }
            var j = i + 2
            while j < s.count, s[j].properties.isAlphabetic || s[j] == "^" {
                if s[j] == "x" { return true }
                j += 1
            }
        }
        return false
    }

    /// Long enough to be selective, and safe to find by ASCII case folding: non-ASCII
    /// characters are allowed only when they have no other case (symbols, punctuation).
    static func isUseful(_ literal: String) -> Bool {
        guard !literal.isEmpty else { return false }
        for scalar in literal.unicodeScalars where !scalar.isASCII {
            let props = scalar.properties
            if props.changesWhenCaseMapped || props.isAlphabetic { return false }
        }
        if literal.unicodeScalars.count >= minimumLength { return true }
        return literal.unicodeScalars.contains { !commonCharacters.contains($0) }
    }

    /// Characters too common in letters to make a short literal selective.
    static let commonCharacters: Set<Unicode.Scalar> = Set(
        "abcdefghijklmnopqrstuvwxyz0123456789 \t\n.,;:'\"()-/".unicodeScalars)

    /// What is known about the strings a piece of pattern matches.
    package struct Info {
        /// Exactly one of these strings (nil: not a small finite set).
        var exact: Set<String>?
        /// Every match contains one string of each of these sets (empty: nothing known).
        var required: [Set<String>]

        static let empty = Info(exact: [""], required: [])
        static let anything = Info(exact: nil, required: [])
        static func literal(_ s: String) -> Info { Info(exact: [s], required: []) }

        /// The requirements this piece contributes, from its exact set if it has one.
        var usable: [Set<String>] {
            if let exact { return exact.contains("") ? [] : [exact] }
            return required
        }

        /// The single most selective requirement, for a branch of an alternation.
        var best: Set<String>? { usable.reduce(nil) { RequiredLiterals.better($0, $1) } }
    }

    /// Picks the more selective of two requirements: one whose literals are all useful
    /// (see ``isUseful(_:)``) over one that is not, then the one whose shortest literal is
    /// longest, then the smaller set.
    static func better(_ a: Set<String>?, _ b: Set<String>?) -> Set<String>? {
        guard let a else { return b }
        guard let b else { return a }
        let ua = a.allSatisfy { isUseful($0.lowercased()) }, ub = b.allSatisfy { isUseful($0.lowercased()) }
        if ua != ub { return ua ? a : b }
        let ma = a.map(\.count).min() ?? 0, mb = b.map(\.count).min() ?? 0
        if ma != mb { return ma > mb ? a : b }
        return a.count <= b.count ? a : b
    }

    static func concatenate(_ parts: [Info]) -> Info {
        var runs: [Set<String>] = []   // requirements of the sequence: every exact run, every inexact part's
        var current: Set<String>? = [""]
        var allExact = true
        for part in parts {
            if let exact = part.exact, let run = current {
                let product = Set(run.flatMap { a in exact.map { a + $0 } })
                if product.count <= maxExact { current = product; continue }
            }
            // The run ends here.
            if let run = current, !run.contains("") { runs.append(run) }
            allExact = false
            if let exact = part.exact, exact.count <= maxExact {
                current = exact
            } else {
                runs += part.required
                current = [""]
            }
        }
        if allExact { return Info(exact: current, required: []) }
        if let run = current, !run.contains("") { runs.append(run) }
        return Info(exact: nil, required: runs)
    }

    static func alternate(_ branches: [Info]) -> Info {
        if branches.allSatisfy({ $0.exact != nil }) {
            let union = branches.reduce(into: Set<String>()) { $0.formUnion($1.exact!) }
            if union.count <= maxExact { return Info(exact: union, required: []) }
        }
        // Each branch offers its most selective set; a match contains one string of one of them.
        var union = Set<String>()
        for branch in branches {
            guard let r = branch.best else { return .anything }
            union.formUnion(r)
        }
        return Info(exact: nil, required: [union])
    }

    struct Parser {
        let s: [Unicode.Scalar]
        var i = 0
        /// Named groups seen so far, for `(?&name)` calls into a `(?(DEFINE)…)` block.
        var named: [String: Info] = [:]

        init(_ s: [Unicode.Scalar]) { self.s = s }

        var atEnd: Bool { i >= s.count }
        func peek(_ k: Int = 0) -> Unicode.Scalar? { i + k < s.count ? s[i + k] : nil }

        mutating func parseAlternation() -> Info? {
            var branches: [Info] = []
            while true {
                guard let seq = parseSequence() else { return nil }
                branches.append(seq)
                if peek() == "|" { i += 1; continue }
                break
            }
            return branches.count == 1 ? branches[0] : RequiredLiterals.alternate(branches)
        }

        mutating func parseSequence() -> Info? {
            var parts: [Info] = []
            while let c = peek(), c != "|", c != ")" {
                guard var atom = parseAtom() else { return nil }
                guard let quantified = parseQuantifier(&atom) else { return nil }
                parts.append(quantified)
            }
            return RequiredLiterals.concatenate(parts)
        }

        mutating func parseQuantifier(_ atom: inout Info) -> Info? {
            guard let c = peek() else { return atom }
            var minimum = 1, maximum: Int? = 1
            switch c {
            case "?": minimum = 0; maximum = 1; i += 1
            case "*": minimum = 0; maximum = nil; i += 1
            case "+": minimum = 1; maximum = nil; i += 1
            case "{":
                // {n}, {n,}, {n,m}; anything else is a literal brace.
                var j = i + 1, n = 0, digits = 0
                while j < s.count, let d = s[j].properties.numericType != nil ? Int(String(s[j])) : nil { n = n * 10 + d; j += 1; digits += 1 }
                // {,m}: a literal brace before PCRE2 10.43, "at most m" from it on. Either
                // way nothing in it is required.
                if digits == 0, j < s.count, s[j] == "," {
                    var k = j + 1
                    while k < s.count, s[k].properties.numericType != nil { k += 1 }
                    if k > j + 1, k < s.count, s[k] == "}" { i = k + 1; return .anything }
                }
                guard digits > 0, j < s.count else { return atom }
                if s[j] == "}" { minimum = n; maximum = n; i = j + 1 }
                else if s[j] == "," {
                    j += 1
                    var m = 0, mdigits = 0
                    while j < s.count, let d = s[j].properties.numericType != nil ? Int(String(s[j])) : nil { m = m * 10 + d; j += 1; mdigits += 1 }
                    guard j < s.count, s[j] == "}" else { return atom }
                    minimum = n; maximum = mdigits > 0 ? m : nil; i = j + 1
                } else { return atom }
            default:
                return atom
            }
            if let next = peek(), next == "?" || next == "+" { i += 1 } // lazy or possessive
            if minimum == 1 && maximum == 1 { return atom }
            if minimum == 0 {
                if maximum == 1, let exact = atom.exact, exact.count < RequiredLiterals.maxExact {
                    return Info(exact: exact.union([""]), required: [])
                }
                return .anything
            }
            // At least once: the piece's requirement holds. With an exact piece, its first
            // copies in a row are required too ("_{3,}" needs "___").
            if let exact = atom.exact {
                let copies = RequiredLiterals.concatenate(Array(repeating: Info(exact: exact, required: []), count: min(minimum, 4)))
                if maximum == minimum, minimum <= 4 { return copies }
                return Info(exact: nil, required: copies.usable)
            }
            return Info(exact: nil, required: atom.usable)
        }

        mutating func parseAtom() -> Info? {
            guard let c = peek() else { return nil }
            i += 1
            switch c {
            case "(":
                return parseGroup()
            case "[":
                return parseClass()
            case "\\":
                return parseEscape()
            case ".":
                return .anything
            case "^", "$":
                return .empty
            case "*", "+", "?", "{":
                return c == "{" ? .literal("{") : nil // a quantifier with nothing before it
            default:
                return .literal(String(c))
            }
        }

        mutating func parseGroup() -> Info? {
            if peek() == "?" {
                i += 1
                guard let kind = peek() else { return nil }
                switch kind {
                case ":", ">", "|":
                    i += 1
                case "=", "!":
                    i += 1
                    guard skipGroupBody() else { return nil }
                    return .empty // lookahead: consumes nothing
                case "<" where peek(1) == "=" || peek(1) == "!":
                    i += 2
                    guard skipGroupBody() else { return nil }
                    return .empty // lookbehind
                case "<", "P", "'":
                    // Named group: read the name, remember what the group matches.
                    if kind == "P" { i += 1 }
                    i += 1
                    var name = ""
                    while let c = peek(), c != ">", c != "'" { name.unicodeScalars.append(c); i += 1 }
                    i += 1
                    guard let inner = parseAlternation(), peek() == ")" else { return nil }
                    i += 1
                    // With (?J) names may repeat; a call goes to the first group of the name.
                    if named[name] == nil { named[name] = inner }
                    return inner
                case "(":
                    // (?(DEFINE)…) matches nothing, but its named groups are what later
                    // (?&name) calls match. Other conditional groups: unknown.
                    let isDefine = String(String.UnicodeScalarView(s[i..<min(i + 8, s.count)])) == "(DEFINE)"
                    guard isDefine else { return skipGroupBody() ? .anything : nil }
                    i += 8
                    guard parseAlternation() != nil, peek() == ")" else { return nil }
                    i += 1
                    return .empty
                case "&":
                    i += 1
                    var name = ""
                    while let c = peek(), c != ")" { name.unicodeScalars.append(c); i += 1 }
                    i += 1
                    return named[name] ?? .anything
                case "#":
                    while let c = peek(), c != ")" { i += 1 }
                    i += 1
                    return .empty
                case "R", "+", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9":
                    guard skipGroupBody() else { return nil }
                    return .anything // recursion or subroutine call
                default:
                    // Option settings: (?i) (?-i) (?i:...) (?x-s:...)
                    var j = i
                    while j < s.count, s[j] != ")", s[j] != ":" { j += 1 }
                    guard j < s.count else { return nil }
                    i = j + 1
                    if s[j] == ")" { return .empty }
                }
            }
            guard let inner = parseAlternation(), peek() == ")" else { return nil }
            i += 1
            return inner
        }

        /// Skips to just after the `)` closing the current group, respecting nesting,
        /// classes and escapes.
        mutating func skipGroupBody() -> Bool {
            var depth = 1
            while let c = peek() {
                i += 1
                switch c {
                case "\\": i += 1
                case "[": _ = parseClass()
                case "(": depth += 1
                case ")":
                    depth -= 1
                    if depth == 0 { return true }
                default: break
                }
            }
            return false
        }

        mutating func parseClass() -> Info? {
            var chars: Set<String> = []
            var negated = false
            var simple = true
            if peek() == "^" { negated = true; i += 1 }
            var first = true
            while let c = peek() {
                if c == "]" && !first { i += 1; break }
                first = false
                i += 1
                if c == "\\" {
                    guard let e = peek() else { return nil }
                    i += 1
                    if e.properties.isAlphabetic || e.properties.numericType != nil { simple = false; if e == "p" || e == "P" { skipPropertyName() } }
                    else { chars.insert(String(e)) }
                } else if c == "[" && peek() == ":" {
                    while let p = peek(), p != "]" { i += 1 }
                    i += 1
                    simple = false
                } else if peek() == "-", let next = peek(1), next != "]" {
                    i += 2
                    simple = false // ranges: not a small literal set
                    _ = next
                } else {
                    chars.insert(String(c))
                }
            }
            guard simple, !negated, !chars.isEmpty, chars.count <= 8 else { return .anything }
            return Info(exact: chars, required: [])
        }

        mutating func skipPropertyName() {
            if peek() == "{" { while let c = peek(), c != "}" { i += 1 }; i += 1 } else { i += 1 }
        }

        mutating func parseEscape() -> Info? {
            guard let e = peek() else { return nil }
            i += 1
            switch e {
            case "b", "B", "A", "z", "Z":
                return .empty
            case "K", "G":
                // \K: the reported match starts here, so literals before it need not lie in
                // the match (nor in its sentence). \G: anchored where a search starts, which
                // the per-sentence search moves. Give up: the pattern always runs.
                return nil
            case "Q":
                var literal = ""
                while let c = peek() {
                    if c == "\\" && peek(1) == "E" { i += 2; break }
                    literal.unicodeScalars.append(c); i += 1
                }
                return .literal(literal)
            case "p", "P":
                skipPropertyName()
                return .anything
            case "x", "o", "c", "N", "g", "k":
                // Code points, back references by name or number: skip their argument.
                if peek() == "{" || peek() == "<" || peek() == "'" {
                    let close: Unicode.Scalar = peek() == "{" ? "}" : peek() == "<" ? ">" : "'"
                    while let c = peek(), c != close { i += 1 }
                    i += 1
                } else if e == "x" { i += min(2, s.count - i) } else if e == "c" { i += 1 }
                else if e == "g" {
                    // \g1, \g-1, \g+1: a back reference by number.
                    if peek() == "+" || peek() == "-" { i += 1 }
                    while let d = peek(), d.properties.numericType != nil { _ = d; i += 1 }
                }
                return .anything
            case "t": return .literal("\t")
            case "n": return .literal("\n")
            default:
                if e.properties.isAlphabetic || e.properties.numericType != nil { return .anything } // \s \w \d \R \h \1 …
                return .literal(String(e))
            }
        }
    }
}
