/// How a report written a file at a time ends.
public struct ReportEnding: Sendable, Equatable {
    /// Text that goes *before* everything the writer returned so far. Empty, except for the
    /// formats whose opening carries totals (``ReportWriter/headingNeedsTotals``).
    public let heading: String
    /// Text that goes after everything the writer returned.
    public let closing: String

    public init(heading: String = "", closing: String) {
        self.heading = heading
        self.closing = closing
    }
}

/// One format's report, written a file at a time: `start()`, then `add(_:)` for each file
/// in the order the report lists them, then `finish()`. The report is
/// `ending.heading + start() + add(…)… + ending.closing`. A writer keeps only running
/// totals between calls (counts, a few ranked files), never the reports themselves, so a
/// run over many letters can write its report while it checks them.
protocol IncrementalReport {
    /// Text before the first file's (empty when the opening needs totals).
    mutating func start() -> String
    /// The text for one file.
    mutating func add(_ report: FileReport) -> String
    /// Closes the report; call once, after the last file.
    mutating func finish() -> ReportEnding
}

extension IncrementalReport {
    /// Most formats open with nothing.
    mutating func start() -> String { "" }

    /// The whole report for `reports`, in the order given, built from the same pieces a
    /// streamed report writes: the one-shot renderers are this, so their goldens cover the
    /// streamed bytes too.
    mutating func render(_ reports: some Sequence<FileReport>) -> String {
        var body = start()
        for report in reports { body += add(report) }
        let ending = finish()
        return ending.heading + body + ending.closing
    }
}

/// A report in any format, written a file at a time, with the guarantees of
/// ``ReportFormat/render(_:ruleSet:options:)`` (which is built on it): secrets are masked
/// in free text before the format sees a report, and the bytes are the same as rendering
/// every report at once.
///
/// The caller supplies the order: add reports sorted by path as ``ReportFormat`` sorts them
/// (a stable sort, so reports with the same path keep their order). Write
/// `start()` and each `add(_:)` as they come, then `finish()`'s closing. When
/// ``headingNeedsTotals`` is true, `finish()`'s heading goes before all of it, so
/// keep what `start()` and `add(_:)` returned until then (on disk, for long runs).
public struct ReportWriter {
    public let format: ReportFormat
    private var base: any IncrementalReport
    /// The last path added, to catch a caller that does not sort (debug builds only).
    private var lastPath: String?

    public init(format: ReportFormat, ruleSet: RuleSet, options: ReportFormat.Options = ReportFormat.Options()) {
        self.format = format
        switch format {
        case .human:
            base = HumanReport.Writer(color: options.color,
                                      summary: options.summary ? .closingForSeveral(attentionLimit: options.attentionLimit) : .none)
        case .gnu: base = GNUReport.Writer()
        case .json: base = JSONReport.Writer(toolVersion: options.toolVersion)
        case .sarif: base = SARIFReport.Writer(ruleSet: ruleSet, toolVersion: options.toolVersion)
        case .github: base = GitHubReport.Writer()
        case .junit: base = JUnitReport.Writer()
        case .checkstyle: base = CheckstyleReport.Writer(toolVersion: options.toolVersion)
        }
    }

    /// Whether the report opens with totals (JUnit's test counts, SARIF's list of every
    /// file) and so comes out of ``finish()`` as its heading, after the files.
    public var headingNeedsTotals: Bool { format == .junit || format == .sarif }

    /// Text before the first file's.
    public mutating func start() -> String { base.start() }

    /// The text for one file: call in path order.
    public mutating func add(_ report: FileReport) -> String {
        assert(lastPath.map { $0 <= report.path } ?? true, "reports must be added sorted by path")
        lastPath = report.path
        return base.add(ShownText.sanitized(report))
    }

    /// The heading (see ``headingNeedsTotals``) and the closing text.
    public mutating func finish() -> ReportEnding { base.finish() }
}

extension ReportWriter: IncrementalReport {}
