/// Maps positions in text extracted from a document (HTML, e-mail, Word) back to the file
/// the user opens. Plain text needs none: its text is the file.
public protocol SourceMapping: Sendable {
    /// The 1-based line and column in the source file of a UTF-8 offset in the extracted text.
    func sourceLocation(ofTextOffset offset: Int, in document: Document) -> Document.Location
}

/// One checked file, as reporters see it.
public struct FileReport: Sendable {
    /// The path as the user gave it (or `<stdin>`).
    public let path: String
    public let result: LintResult
    /// Notes about reading the file (e.g. invalid UTF-8 replaced).
    public let notes: [String]
    /// Set when the checked text was extracted from another format.
    public let sourceMap: (any SourceMapping)?
    /// The file's own text when the checked text is byte-aligned with it but masked
    /// (Markdown markup blanked out): snippets show what the user wrote.
    public let displayText: String?

    public init(path: String, result: LintResult, notes: [String] = [], sourceMap: (any SourceMapping)? = nil,
                displayText: String? = nil) {
        self.path = path
        self.result = result
        self.notes = notes
        self.sourceMap = sourceMap
        self.displayText = displayText.flatMap { $0.utf8.count == result.document.bytes.count ? $0 : nil }
    }

    /// The document snippets are cut from: the file's own text when it is aligned.
    public var displayDocument: Document { displayText.map { Document(text: $0) } ?? result.document }

    /// Line and column of a text offset, in the file the user opens.
    public func location(of offset: Int) -> Document.Location {
        sourceMap?.sourceLocation(ofTextOffset: offset, in: result.document) ?? result.document.location(of: offset)
    }

    public var findings: [Finding] { result.findings }

    /// The same report with only the findings that pass `keep`.
    public func filtered(_ keep: (Finding) -> Bool) -> FileReport {
        replacing(findings: findings.filter(keep))
    }
}

/// Counts across a run, for summaries. Gathered a file at a time (``add(_:)``), so a
/// streamed report keeps these few numbers rather than the reports.
public struct ReportSummary: Sendable, Equatable {
    public var files = 0
    public var findings = 0
    public var bySeverity: [Severity: Int] = [:]
    public var fixable = 0

    /// No files yet.
    public init() {}

    public init(_ reports: [FileReport]) {
        for report in reports { add(report) }
    }

    /// Counts one more file.
    public mutating func add(_ report: FileReport) {
        files += 1
        for finding in report.findings {
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

    init(_ finding: Finding, in report: FileReport) {
        start = report.location(of: finding.range.lowerBound)
        end = report.location(of: finding.range.upperBound)
    }
}
