/// Every report letterlint writes, behind one entry point: ``render(_:ruleSet:options:)``
/// for a list of reports, ``ReportWriter`` for a report written while letters are still
/// being checked (what the command line does). Each format is a pure function of the file
/// reports: files sorted by path, findings by offset, no clock, no environment, so the same
/// input gives the same bytes.
public enum ReportFormat: String, CaseIterable, Sendable {
    /// Compiler-style text for people, with carets and suggested fixes.
    case human
    /// `path:line:column: severity: message [rule]`, one line per finding.
    case gnu
    /// The JSON document of CONTRACT.md.
    case json
    /// SARIF 2.1.0, for code scanning services and SARIF viewers.
    case sarif
    /// GitHub Actions workflow commands (`::error file=…,line=…::message`).
    case github
    /// JUnit XML, one test suite per file.
    case junit
    /// Checkstyle XML.
    case checkstyle

    public struct Options: Sendable {
        /// ANSI colour; only the human format uses it. Turn it off when writing to a file.
        public var color: Bool
        /// Whether the human format ends with a summary: the one-line summary for one
        /// file, the closing summary (``HumanReport/closingSummary(_:color:)``)
        /// for several. Machine formats always carry their own totals.
        public var summary: Bool
        /// How many files the closing summary names as needing attention most.
        public var attentionLimit: Int
        /// The version written into machine-readable reports.
        public var toolVersion: String

        public init(color: Bool = false, summary: Bool = true, attentionLimit: Int = 3,
                    toolVersion: String = LetterLintVersion.current) {
            self.color = color
            self.summary = summary
            self.attentionLimit = attentionLimit
            self.toolVersion = toolVersion
        }
    }

    /// One line for `--help`.
    public var help: String {
        switch self {
        case .human: return "compiler-style text with the line, a caret and the suggested fix"
        case .gnu: return "one line per finding: path:line:column: severity: message [rule]"
        case .json: return "the JSON document described in the README"
        case .sarif: return "SARIF 2.1.0 for code scanning"
        case .github: return "GitHub Actions annotations (workflow commands)"
        case .junit: return "JUnit XML, one test suite per file"
        case .checkstyle: return "Checkstyle XML"
        }
    }

    /// The usual file name extension of the format, e.g. for `--output` suggestions.
    public var fileExtension: String {
        switch self {
        case .human, .gnu, .github: return "txt"
        case .json: return "json"
        case .sarif: return "sarif"
        case .junit, .checkstyle: return "xml"
        }
    }

    /// The report for `reports`. `ruleSet` supplies rule metadata (SARIF lists every rule).
    /// Before any format sees them, a secret's text is masked wherever it reached free text
    /// (a message, a fix, a note), so no format can print it; use this entry point (or
    /// ``ReportWriter``, which it is built on) rather than calling ``HumanReport`` or
    /// ``JSONReport`` directly.
    public func render(_ reports: [FileReport], ruleSet: RuleSet, options: Options = Options()) -> String {
        var writer = ReportWriter(format: self, ruleSet: ruleSet, options: options)
        return writer.render(ReportOrder.files(reports))
    }
}
