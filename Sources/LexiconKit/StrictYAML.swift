import Yams

/// An error in a lexicon, template or configuration file, located at `file:line`.
public struct LoadError: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
}

/// Typed, strict reading of a YAML node tree: every value is checked for its type, every
/// key must be known, and every error names the file and line. Codable cannot report
/// lines or reject unknown keys, which is why lexicons and configuration are read this way.
///
/// `package`: the configuration reader and the tests in LetterLint use it too.
package struct YAMLValue {
    package let node: Node
    package let file: String

    package init(node: Node, file: String) {
        self.node = node
        self.file = file
    }

    package var line: Int? { node.mark?.line }

    package static func parse(_ text: String, file: String) throws(LoadError) -> YAMLValue? {
        do {
            guard let node = try Yams.compose(yaml: text) else { return nil }
            return YAMLValue(node: node, file: file)
        } catch let error as YamlError {
            throw LoadError(file: file, line: YAMLValue.line(of: error), message: YAMLValue.describe(error))
        } catch {
            throw LoadError(file: file, line: nil, message: "not valid YAML: \(error)")
        }
    }

    /// A plain `~`, `null` or nothing at all, as in `key:` with no value.
    package var isNull: Bool { node.null != nil }

    package func error(_ message: String) -> LoadError { LoadError(file: file, line: line, message: message) }

    package func string(_ what: String) throws(LoadError) -> String {
        guard case .scalar(let scalar) = node else { throw error("\(what) must be text, not a \(kindName)") }
        return scalar.string
    }

    package func bool(_ what: String) throws(LoadError) -> Bool {
        let text = try string(what)
        switch text {
        case "true", "yes": return true
        case "false", "no": return false
        default: throw error("\(what) must be true or false, not '\(text)'")
        }
    }

    package func int(_ what: String) throws(LoadError) -> Int {
        let text = try string(what)
        guard let value = Int(text) else { throw error("\(what) must be a whole number, not '\(text)'") }
        return value
    }

    package func list(_ what: String) throws(LoadError) -> [YAMLValue] {
        guard case .sequence(let sequence) = node else { throw error("\(what) must be a list, not a \(kindName)") }
        return sequence.map { YAMLValue(node: $0, file: file) }
    }

    package func stringList(_ what: String) throws(LoadError) -> [YAMLValue] {
        let items = try list(what)
        for item in items { _ = try item.string("each item of \(what)") }
        return items
    }

    /// One of a fixed set of words, e.g. a severity.
    package func oneOf<T: RawRepresentable & CaseIterable>(_ what: String, _: T.Type) throws(LoadError) -> T where T.RawValue == String {
        let text = try string(what)
        guard let value = T(rawValue: text) else {
            throw error("\(what) '\(text)' is not one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    package func mapping(_ what: String, keys: [String]) throws(LoadError) -> YAMLMapping {
        guard case .mapping(let mapping) = node else { throw error("\(what) must be a mapping of keys, not a \(kindName)") }
        var entries: [(key: String, keyLine: Int?, value: YAMLValue)] = []
        var seen = Set<String>()
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else { throw error("\(what) has a key that is not text") }
            let name = scalar.string
            if !keys.contains(name) {
                let hint = YAMLValue.closest(to: name, in: keys).map { " (did you mean '\($0)'?)" } ?? ""
                throw LoadError(file: file, line: key.mark?.line,
                                message: "unknown key '\(name)' in \(what)\(hint); known keys: \(keys.joined(separator: ", "))")
            }
            if !seen.insert(name).inserted {
                throw LoadError(file: file, line: key.mark?.line, message: "key '\(name)' appears twice in \(what)")
            }
            entries.append((name, key.mark?.line, YAMLValue(node: value, file: file)))
        }
        return YAMLMapping(entries: entries, owner: self, what: what)
    }

    private var kindName: String {
        switch node {
        case .scalar: return "single value"
        case .mapping: return "mapping"
        case .sequence: return "list"
        case .alias: return "alias"
        }
    }

    static func closest(to word: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(word, $0)) }.min { $0.1 < $1.1 }
        guard let (best, distance) = scored, distance <= max(2, word.count / 3) else { return nil }
        return best
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        case .duplicatedKeysInMapping(_, let context): return context.mark.line
        default: return nil
        }
    }

    private static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
             .composer(let context, let problem, _, _):
            let prefix = context.map { "\($0.text) " } ?? ""
            return "not valid YAML: \(prefix)\(problem)"
        case .reader(let problem, _, _, _): return "cannot read the file: \(problem)"
        case .duplicatedKeysInMapping(let duplicates, _):
            return "key '\(duplicates.joined(separator: "', '"))' appears twice in the same mapping"
        default: return "not valid YAML: \(error)"
        }
    }
}

/// The keys of one YAML mapping, checked against a list of known keys.
package struct YAMLMapping {
    package let entries: [(key: String, keyLine: Int?, value: YAMLValue)]
    package let owner: YAMLValue
    package let what: String

    package subscript(key: String) -> YAMLValue? { entries.first { $0.key == key }?.value }

    package func required(_ key: String) throws(LoadError) -> YAMLValue {
        guard let value = self[key] else { throw owner.error("\(what) has no '\(key)'") }
        return value
    }
}
