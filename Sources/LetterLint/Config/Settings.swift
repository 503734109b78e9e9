import PCRE2

/// What the user set on the command line; nil/empty means "not given".
public struct FlagSettings: Sendable {
    public var employers: [String] = []
    public var lexicons: [String] = []
    public var industry: Industry?
    public var noticeDays: Int?
    public var today: CivilDate?
    public var failOn: FailThreshold?
    public var baseline: String?
    /// Ignore any configured baseline (when writing a new one).
    public var ignoreBaseline = false
    public var matchLimit: UInt32?

    public init() {}
}

/// Everything that decides how letters are checked: flags win over the configuration file,
/// which wins over defaults. Each value keeps where it came from, for `letterlint config`.
public struct Settings: Sendable {
    public var employers: Sourced<[String]>
    public var competitors: Sourced<[String]>
    public var allow: Sourced<[String]>
    public var industry: Sourced<Industry?>
    public var noticeDays: Sourced<Int?>
    public var today: Sourced<CivilDate?>
    public var disable: Sourced<[String]>
    public var enable: Sourced<[String]>
    public var severity: [String: Sourced<Configuration.SeveritySetting>]
    public var lexicons: Sourced<[String]>
    public var include: Sourced<[String]>
    public var exclude: Sourced<[String]>
    public var failOn: Sourced<FailThreshold>
    public var baseline: Sourced<String?>
    /// The configuration file in effect, if any.
    public let configFile: String?
    public let matchLimit: UInt32

    /// Files letterlint reads when it scans a folder or checks staged files.
    public static let defaultInclude = ["*.txt", "*.md", "*.markdown", "*.eml", "*.html", "*.htm", "*.docx"]

    public init(configuration: Configuration?, flags: FlagSettings) {
        let c = configuration
        func pick<T>(_ flag: T?, flagName: String, _ config: Sourced<T>?, _ fallback: T) -> Sourced<T> {
            if let flag { return Sourced(flag, from: flagName) }
            return config ?? Sourced(fallback, from: "default")
        }
        func optional<T>(_ flag: T?, flagName: String, _ config: Sourced<T>?) -> Sourced<T?> {
            if let flag { return Sourced(flag, from: flagName) }
            if let config { return Sourced(config.value, from: config.origin) }
            return Sourced(nil, from: "default")
        }
        func list(_ flag: [String], flagName: String, _ config: Sourced<[String]>?) -> Sourced<[String]> {
            // Lists add up: flags extend what the file says.
            let fromConfig = config?.value ?? []
            let origin = [config?.origin, flag.isEmpty ? nil : flagName].compactMap { $0 }.joined(separator: " + ")
            return Sourced(fromConfig + flag, from: origin.isEmpty ? "default" : origin)
        }
        employers = list(flags.employers, flagName: "--employer", c?.employers)
        competitors = c?.competitors ?? Sourced([], from: "default")
        allow = c?.allow ?? Sourced([], from: "default")
        industry = optional(flags.industry, flagName: "--industry", c?.industry)
        noticeDays = optional(flags.noticeDays, flagName: "--notice-days", c?.noticeDays)
        today = optional(flags.today, flagName: "--today", nil)
        disable = c?.disable ?? Sourced([], from: "default")
        enable = c?.enable ?? Sourced([], from: "default")
        severity = c?.severity ?? [:]
        lexicons = list(flags.lexicons, flagName: "--lexicons", c?.lexicons)
        include = c?.include ?? Sourced(Settings.defaultInclude, from: "default")
        exclude = c?.exclude ?? Sourced([], from: "default")
        failOn = pick(flags.failOn, flagName: "--fail-on", c?.failOn, .error)
        baseline = flags.ignoreBaseline ? Sourced(nil, from: "--write-baseline")
            : optional(flags.baseline, flagName: "--baseline", c?.baseline)
        matchLimit = flags.matchLimit ?? MatchLimits.default.match
        configFile = c?.file
    }

    public var lintOptions: LintOptions {
        var options = LintOptions(employers: employers.value, today: today.value, industry: industry.value,
                                  noticeDays: noticeDays.value)
        options.disabled = disable.value + severity.filter { $0.value.value == .off }.map(\.key)
        options.enabled = enable.value
        return options
    }

    /// The rule set these settings ask for: bundled lexicons, the configured ones, and the
    /// configured competitor names added to the AI-lab list.
    /// - Parameter jit: JIT-compile patterns (see ``CheckSession/jit``).
    public func ruleSet(jit: Bool = true) throws(LoadError) -> RuleSet {
        try RuleSet.load(extraLexicons: lexicons.value, extraNames: [Settings.competitorRule: competitors.value], jit: jit)
    }

    /// The rule whose name list `competitors:` extends.
    public static let competitorRule = "competitor.ai-lab"

    /// After the rules: severities changed, allowed phrases dropped.
    public var policy: Policy {
        Policy(severity: severity.compactMapValues { Severity(rawValue: $0.value.rawValue) }, allow: allow.value)
    }

    /// `letterlint config`: every setting, its value and where it came from.
    public func describe() -> String {
        func row(_ key: String, _ value: String, _ origin: String) -> String {
            key.padding(toLength: 14, withPad: " ", startingAt: 0) + value + "  (" + origin + ")\n"
        }
        func show(_ list: [String]) -> String { list.isEmpty ? "[]" : "[" + list.joined(separator: ", ") + "]" }
        var out = "Configuration file: \(configFile ?? "none found")\n\n"
        out += row("employer", show(employers.value), employers.origin)
        out += row("competitors", show(competitors.value), competitors.origin)
        out += row("allow", show(allow.value), allow.origin)
        out += row("industry", industry.value?.rawValue ?? "tech (not set)", industry.origin)
        out += row("notice-days", noticeDays.value.map(String.init) ?? "industry norm", noticeDays.origin)
        out += row("today", today.value?.description ?? "the letter's date, else the system date", today.origin)
        out += row("disable", show(disable.value), disable.origin)
        out += row("enable", show(enable.value), enable.origin)
        if severity.isEmpty { out += row("severity", "{}", "default") }
        for key in severity.keys.sorted() { out += row("severity", "\(key): \(severity[key]!.value.rawValue)", severity[key]!.origin) }
        out += row("lexicons", show(lexicons.value), lexicons.origin)
        out += row("include", show(include.value), include.origin)
        out += row("exclude", show(exclude.value), exclude.origin)
        out += row("fail-on", failOn.value.rawValue, failOn.origin)
        out += row("baseline", baseline.value ?? "none", baseline.origin)
        return out
    }
}

/// The stage between findings and reports that applies the user's policy: severity
/// changes (a rule id beats its category) and phrases that are always allowed.
public struct Policy: Sendable {
    public let severity: [String: Severity]
    public let allow: [String]

    public init(severity: [String: Severity] = [:], allow: [String] = []) {
        self.severity = severity
        self.allow = allow.map(Policy.normalize).filter { !$0.isEmpty }
    }

    public func apply(_ report: FileReport) -> FileReport {
        guard !severity.isEmpty || !allow.isEmpty else { return report }
        let document = report.result.document
        let findings: [Finding] = report.findings.compactMap { finding in
            if !allow.isEmpty && !finding.range.isEmpty {
                let text = Policy.normalize(document.slice(finding.range))
                if allow.contains(where: { text.contains($0) }) { return nil }
            }
            let override = severity[finding.ruleID] ?? severity[finding.category.rawValue]
            guard let override, override != finding.severity else { return finding }
            return finding.with(severity: override)
        }
        return report.replacing(findings: findings)
    }

    static func normalize(_ s: String) -> String {
        s.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

extension Finding {
    func with(severity: Severity) -> Finding {
        Finding(ruleID: ruleID, category: category, severity: severity, message: message, reason: reason, range: range,
                section: section, secret: secret, fixes: fixes)
    }
}

extension FileReport {
    /// The same report with other findings (and optionally more diagnostics).
    public func replacing(findings: [Finding], addingDiagnostics extra: [Diagnostic] = [],
                          displayText newDisplay: String? = nil) -> FileReport {
        let r = result
        return FileReport(path: path,
                          result: LintResult(document: r.document, facts: r.facts, findings: findings,
                                             diagnostics: r.diagnostics + extra),
                          notes: notes, sourceMap: sourceMap, displayText: newDisplay ?? displayText)
    }
}
