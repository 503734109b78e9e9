import PCRE2

/// A path pattern with .gitignore semantics, used for include/exclude globs and for
/// `.gitignore` and `.letterlintignore` files:
/// - `*` and `?` stay inside one path segment; `**` spans segments; `[a-z]`, `[!x]` classes;
/// - a pattern without a `/` (other than a trailing one) matches the name at any depth;
///   with one, it is anchored to the folder it is relative to (a leading `/` only anchors);
/// - a trailing `/` matches folders only; a leading `!` negates (for ignore files).
/// It is compiled to a PCRE2 pattern once.
public struct Glob: Sendable {
    public let pattern: String
    public let negated: Bool
    public let directoryOnly: Bool
    private let regex: Regex

    public init?(_ text: String) {
        var body = Substring(text)
        negated = body.hasPrefix("!")
        if negated { body = body.dropFirst() }
        directoryOnly = body.hasSuffix("/")
        if directoryOnly { body = body.dropLast() }
        guard !body.isEmpty else { return nil }
        let anchored = body.dropFirst().contains("/") || body.hasPrefix("/")
        if body.hasPrefix("/") { body = body.dropFirst() }
        guard let translated = Glob.translate(body) else { return nil }
        let source = (anchored ? "^" : "^(?:.*/)?") + translated + "$"
        guard let regex = try? Regex(source, options: [.utf], jit: false) else { return nil }
        self.pattern = text
        self.regex = regex
    }

    /// Whether `path` (relative, `/`-separated) matches.
    public func matches(_ path: String, isDirectory: Bool = false) -> Bool {
        if directoryOnly && !isDirectory { return false }
        let bytes = Array(path.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            ((try? Matcher.current.firstMatch(of: regex, in: buffer)) ?? nil) != nil
        }
    }

    private static func translate(_ glob: Substring) -> String? {
        var out = ""
        let chars = Array(glob)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "*":
                if i + 1 < chars.count && chars[i + 1] == "*" {
                    let atStart = i == 0 || chars[i - 1] == "/"
                    let atEnd = i + 2 == chars.count
                    if atStart && i + 2 < chars.count && chars[i + 2] == "/" {
                        out += "(?:.*/)?"; i += 3; continue // "**/" : zero or more folders
                    }
                    if atStart && atEnd { out += ".*"; i += 2; continue }
                    out += ".*"; i += 2; continue
                }
                out += "[^/]*"
            case "?":
                out += "[^/]"
            case "[":
                guard let close = chars[(i + 1)...].firstIndex(where: { $0 == "]" }), close > i + 1 else { return nil }
                var set = String(chars[(i + 1)..<close])
                if set.hasPrefix("!") { set = "^" + set.dropFirst() }
                out += "[" + set.replacingOccurrences(of: "\\", with: "\\\\") + "]"
                i = close
            case "\\":
                if i + 1 < chars.count { out += Regex.escape(String(chars[i + 1])); i += 1 }
            default:
                out += Regex.escape(String(c))
            }
            i += 1
        }
        return out
    }
}

/// The rules of one ignore file (or include/exclude list), applied in order: the last
/// pattern that matches decides, as in git.
public struct IgnoreRules: Sendable {
    public let globs: [Glob]

    public init(globs: [Glob]) { self.globs = globs }

    /// Parses the text of a `.gitignore`-style file (comments and blank lines skipped).
    public init(fileText: String) {
        globs = fileText.split(whereSeparator: \.isNewline).compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { return nil }
            return Glob(trimmed.hasPrefix("\\#") ? String(trimmed.dropFirst()) : trimmed)
        }
    }

    /// true: ignored; false: explicitly kept by a negation; nil: no pattern says.
    public func verdict(_ path: String, isDirectory: Bool) -> Bool? {
        var result: Bool? = nil
        for glob in globs where glob.matches(path, isDirectory: isDirectory) { result = !glob.negated }
        return result
    }
}

import Foundation
