/// One checked file, as reporters see it.
public struct FileReport: Sendable {
    /// The path as the user gave it (or `<stdin>`).
    public let path: String
    public let result: LintResult
    /// Notes about reading the file (e.g. invalid UTF-8 replaced).
    public let notes: [String]

    public init(path: String, result: LintResult, notes: [String] = []) {
        self.path = path
        self.result = result
        self.notes = notes
    }

    public var findings: [Finding] { result.findings }

    /// The same report with only the findings that pass `keep`.
    public func filtered(_ keep: (Finding) -> Bool) -> FileReport {
        let r = result
        return FileReport(path: path,
                          result: LintResult(document: r.document, facts: r.facts, findings: r.findings.filter(keep),
                                             diagnostics: r.diagnostics),
                          notes: notes)
    }
}

/// Counts across a run, for summaries.
public struct ReportSummary: Sendable, Equatable {
    public var files = 0
    public var findings = 0
    public var bySeverity: [Severity: Int] = [:]
    public var fixable = 0

    public init(_ reports: [FileReport]) {
        files = reports.count
        for finding in reports.flatMap(\.findings) {
            findings += 1
            bySeverity[finding.severity, default: 0] += 1
            if finding.isFixable { fixable += 1 }
        }
    }

    public func count(_ severity: Severity) -> Int { bySeverity[severity] ?? 0 }
}

/// Where a finding is, in the units reports print: 1-based lines and columns.
struct FindingPosition {
    let start: Document.Location
    let end: Document.Location

    init(_ finding: Finding, in document: Document) {
        start = document.location(of: finding.range.lowerBound)
        end = document.location(of: finding.range.upperBound)
    }
}
