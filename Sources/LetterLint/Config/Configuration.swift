import Foundation

/// A value with where it came from, for `letterlint config`.
public struct Sourced<Value: Sendable>: Sendable {
    public let value: Value
    /// "default", "--flag", or "path:line".
    public let origin: String

    public init(_ value: Value, from origin: String) {
        self.value = value
        self.origin = origin
    }
}

/// The settings of `.letterlint.yml`, decoded strictly: an unknown key or a wrong type is
/// an error at file:line. Every field is optional; what is not set falls back to flags
/// and then to defaults (see ``Settings``).
public struct Configuration: Sendable {
    /// The file it was read from (nil for no file).
    public let file: String?
    public var employers: Sourced<[String]>?
    public var competitors: Sourced<[String]>?
    public var allow: Sourced<[String]>?
    public var industry: Sourced<Industry>?
    public var noticeDays: Sourced<Int>?
    /// Rule ids or categories not to run.
    public var disable: Sourced<[String]>?
    /// Rule ids to run even though their category is disabled.
    public var enable: Sourced<[String]>?
    /// Severity per rule id or category; `off` disables.
    public var severity: [String: Sourced<SeveritySetting>] = [:]
    /// Extra lexicon folders, resolved against the configuration file's folder.
    public var lexicons: Sourced<[String]>?
    public var include: Sourced<[String]>?
    public var exclude: Sourced<[String]>?
    public var failOn: Sourced<FailThreshold>?
    public var baseline: Sourced<String>?

    public enum SeveritySetting: String, CaseIterable, Sendable {
        case error, warning, info, off
    }

    /// The file name letterlint looks for.
    public static let fileName = ".letterlint.yml"

    static let keys = ["employer", "competitors", "allow", "industry", "notice-days", "disable", "enable", "severity",
                       "lexicons", "include", "exclude", "fail-on", "baseline"]

    public init(file: String? = nil) { self.file = file }

    /// Reads a configuration file.
    public static func load(path: String) throws(LoadError) -> Configuration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LoadError(file: path, line: nil, message: "cannot read the configuration file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LoadError(file: path, line: nil, message: "the configuration file is not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws(LoadError) -> Configuration {
        var config = Configuration(file: file)
        guard let root = try YAMLValue.parse(text, file: file) else { return config } // an empty file sets nothing
        let m = try root.mapping("the configuration", keys: keys)
        let folder = (file as NSString).deletingLastPathComponent
        func origin(_ v: YAMLValue) -> String { "\(file):\(v.line ?? 0)" }
        // A key with no value (`disable:` over commented-out items) sets nothing, like an empty
        // file; an empty or blank entry is refused, since it names no rule, company or path.
        func strings(_ key: String) throws(LoadError) -> Sourced<[String]>? {
            guard let v = m[key], !v.isNull else { return nil }
            let items = if case .scalar = v.node { [v] } else { try v.stringList(key) }
            return Sourced(try items.map { (item: YAMLValue) throws(LoadError) -> String in
                let text = try item.string(key)
                guard !text.allSatisfy(\.isWhitespace) else { throw item.error("\(key) has an empty entry") }
                return text
            }, from: origin(v))
        }
        func paths(_ key: String) throws(LoadError) -> Sourced<[String]>? {
            try strings(key).map { Sourced($0.value.map { resolve($0, against: folder) }, from: $0.origin) }
        }

        config.employers = try strings("employer")
        config.competitors = try strings("competitors")
        config.allow = try strings("allow")
        if let v = m["industry"] { config.industry = Sourced(try v.oneOf("industry", Industry.self), from: origin(v)) }
        if let v = m["notice-days"] {
            let days = try v.int("notice-days")
            guard (0...365).contains(days) else { throw v.error("notice-days must be between 0 and 365") }
            config.noticeDays = Sourced(days, from: origin(v))
        }
        config.disable = try strings("disable")
        config.enable = try strings("enable")
        for list in [config.disable, config.enable].compactMap({ $0 }) {
            for name in list.value where !RuleSelector.isWellFormed(name) {
                throw LoadError(file: file, line: Int(list.origin.split(separator: ":").last ?? ""),
                                message: "'\(name)' is neither a category nor a rule id (category.name)")
            }
        }
        if let v = m["severity"] {
            guard case .mapping(let mapping) = v.node else { throw v.error("severity must map rule ids or categories to a severity") }
            for (key, value) in mapping {
                let name = YAMLValue(node: key, file: file)
                let id = try name.string("a severity key")
                guard RuleSelector.isWellFormed(id) else { throw name.error("'\(id)' is neither a category nor a rule id") }
                let setting = YAMLValue(node: value, file: file)
                config.severity[id] = Sourced(try setting.oneOf("severity of \(id)", SeveritySetting.self), from: origin(setting))
            }
        }
        config.lexicons = try paths("lexicons")
        config.include = try strings("include")
        config.exclude = try strings("exclude")
        for globs in [config.include, config.exclude].compactMap({ $0 }) {
            for pattern in globs.value where Glob(pattern) == nil {
                throw LoadError(file: file, line: Int(globs.origin.split(separator: ":").last ?? ""), message: "'\(pattern)' is not a valid glob")
            }
        }
        if let v = m["fail-on"] { config.failOn = Sourced(try v.oneOf("fail-on", FailThreshold.self), from: origin(v)) }
        if let v = m["baseline"] {
            let path = try v.string("baseline")
            guard !path.allSatisfy(\.isWhitespace) else { throw v.error("baseline needs the path of a baseline file") }
            config.baseline = Sourced(resolve(path, against: folder), from: origin(v))
        }
        return config
    }

    /// The nearest `.letterlint.yml` in `folder` or a folder above it.
    public static func find(from folder: String) -> String? {
        var current = URL(fileURLWithPath: folder).standardizedFileURL
        while true {
            let candidate = current.appending(path: fileName).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { return nil }
            current = parent
        }
    }

    private static func resolve(_ path: String, against folder: String) -> String {
        path.hasPrefix("/") || folder.isEmpty ? path : (folder as NSString).appendingPathComponent(path)
    }

    /// A commented starter file for `letterlint init`.
    public static let starter = """
        # letterlint configuration (see the README, section "Configuration").
        # Every key is optional. Paths are relative to this file.

        # Your current employer: never reported as a competitor.
        # employer: Northwind Analytics

        # More names to report as competitors, and words or phrases that are always fine.
        # competitors: [Initech, Globex]
        # allow: ["Google Scholar"]

        # Your industry sets the usual notice period (tech 14 days, finance 30, retail 14-21);
        # notice-days overrides it with what your contract says.
        # industry: tech
        # notice-days: 21

        # Rules or whole categories to switch off, rules to keep on, and severities to change.
        # disable: [tone]
        # enable: [tone.profanity]
        # severity:
        #   handoff.missing: error
        #   tone.apology: off

        # Your own lexicons, in the bundled format.
        # lexicons: [lexicons/]

        # Which files folder scans and the pre-commit hook check.
        # include: ["*.txt", "*.md", "*.markdown", "*.eml", "*.html", "*.docx"]
        # exclude: ["archive/**"]

        # The severity that fails a check (error, warning, info or never).
        # fail-on: error

        # Findings recorded here are not reported again (letterlint check --write-baseline FILE).
        # baseline: .letterlint-baseline.json

        """
}

/// `--fail-on` and `fail-on:`.
public enum FailThreshold: String, CaseIterable, Sendable {
    case error, warning, info, never

    public var severity: Severity? { Severity(rawValue: rawValue) }
}

/// Matches rule ids against `disable`/`enable`/`severity` entries, which may name a rule
/// (`tone.slang`) or a whole category (`tone`).
public enum RuleSelector {
    public static func isWellFormed(_ name: String) -> Bool {
        // Empty pieces are kept, so "", ".tone" and "tone." are refused rather than read as "tone".
        let parts = name.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        return Category(rawValue: String(parts[0])) != nil && (parts.count == 1 || !parts[1].isEmpty)
    }

    public static func matches(_ selector: String, _ ruleID: String) -> Bool {
        selector == ruleID || ruleID.hasPrefix(selector + ".")
    }
}
