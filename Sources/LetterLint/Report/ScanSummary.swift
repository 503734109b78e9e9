/// Counts across a run of many files, for the closing summary of a batch scan: totals by
/// severity and by category, how many findings have a suggested fix, and every file's counts
/// (sorted by path) to rank the files that need attention most. A value, computed once from
/// the reports; a streamed report keeps a ``ScanTally`` instead, which
/// ``HumanReport/closingSummary(_:color:)`` prints.
public struct ScanSummary: Sendable, Equatable {
    /// Findings of one file by severity.
    public struct FileCounts: Sendable, Equatable {
        public let path: String
        public let error: Int
        public let warning: Int
        public let info: Int
        public var findings: Int { error + warning + info }

        init(path: String, error: Int, warning: Int, info: Int) {
            self.path = path
            self.error = error
            self.warning = warning
            self.info = info
        }

        init(_ report: FileReport) {
            var counts: [Severity: Int] = [:]
            for finding in report.findings { counts[finding.severity, default: 0] += 1 }
            self.init(path: report.path, error: counts[.error] ?? 0, warning: counts[.warning] ?? 0, info: counts[.info] ?? 0)
        }

        public func count(_ severity: Severity) -> Int {
            switch severity {
            case .error: return error
            case .warning: return warning
            case .info: return info
            }
        }

        /// The ranking of files needing attention: most errors first, then most warnings,
        /// then most infos, then by path.
        static func needsAttentionBefore(_ a: FileCounts, _ b: FileCounts) -> Bool {
            if a.error != b.error { return a.error > b.error }
            if a.warning != b.warning { return a.warning > b.warning }
            if a.info != b.info { return a.info > b.info }
            return a.path < b.path
        }
    }

    private let tally: ScanTally
    /// Every file, sorted by path.
    public let perFile: [FileCounts]

    public var files: Int { tally.files }
    public var findings: Int { tally.findings }
    public var fixable: Int { tally.fixable }
    public var bySeverity: [Severity: Int] { tally.totals.bySeverity }
    public var byCategory: [Category: Int] { tally.byCategory }

    public init(_ reports: [FileReport]) {
        var tally = ScanTally(attentionLimit: 0)
        perFile = ReportOrder.files(reports).map { tally.add($0) }
        self.tally = tally
    }

    public func count(_ severity: Severity) -> Int { tally.count(severity) }
    public func count(_ category: Category) -> Int { tally.count(category) }

    /// Files with at least one finding.
    public var filesWithFindings: Int { tally.filesWithFindings }

    /// Categories that have findings, most findings first; ties in CONTRACT.md's order.
    public var categories: [(category: Category, count: Int)] { tally.categories }

    /// The files that need attention most: most errors first, then most warnings, then
    /// most infos, then by path. Files without findings are never listed.
    public func needingAttention(limit: Int = 3) -> [FileCounts] {
        let ranked = perFile.filter { $0.findings > 0 }.sorted(by: FileCounts.needsAttentionBefore)
        return Array(ranked.prefix(max(0, limit)))
    }
}

/// The closing summary's counts gathered a file at a time, in space that does not grow
/// with the number of files: the totals, and only the `attentionLimit` files that need
/// attention most so far. What a streamed human report keeps instead of the reports.
public struct ScanTally: Sendable, Equatable {
    /// Files, findings, findings by severity, fixable findings.
    public private(set) var totals = ReportSummary()
    public private(set) var byCategory: [Category: Int] = [:]
    /// Files with at least one finding.
    public private(set) var filesWithFindings = 0
    /// How many files ``needingAttention`` keeps.
    public let attentionLimit: Int
    /// The files that need attention most so far, in ranking order (most errors, then
    /// warnings, then infos, then by path); files without findings are never listed.
    public private(set) var needingAttention: [ScanSummary.FileCounts] = []

    public init(attentionLimit: Int = 3) {
        self.attentionLimit = max(0, attentionLimit)
    }

    /// Counts one more file; returns its counts.
    @discardableResult
    public mutating func add(_ report: FileReport) -> ScanSummary.FileCounts {
        totals.add(report)
        for finding in report.findings { byCategory[finding.category, default: 0] += 1 }
        let counts = ScanSummary.FileCounts(report)
        guard counts.findings > 0 else { return counts }
        filesWithFindings += 1
        // Before the first file it outranks, so equal ranks keep their order: the same list
        // as ranking every file and keeping the first `attentionLimit`.
        let position = needingAttention.firstIndex { ScanSummary.FileCounts.needsAttentionBefore(counts, $0) } ?? needingAttention.endIndex
        if position < attentionLimit {
            needingAttention.insert(counts, at: position)
            if needingAttention.count > attentionLimit { needingAttention.removeLast() }
        }
        return counts
    }

    public var files: Int { totals.files }
    public var findings: Int { totals.findings }
    public var fixable: Int { totals.fixable }
    public func count(_ severity: Severity) -> Int { totals.count(severity) }
    public func count(_ category: Category) -> Int { byCategory[category] ?? 0 }

    /// Categories that have findings, most findings first; ties in CONTRACT.md's order.
    public var categories: [(category: Category, count: Int)] {
        Category.allCases.compactMap { c in count(c) > 0 ? (c, count(c)) : nil }
            .enumerated().sorted { a, b in
                a.element.1 != b.element.1 ? a.element.1 > b.element.1 : a.offset < b.offset
            }.map { ($0.element.0, $0.element.1) }
    }
}

extension HumanReport {
    /// The closing summary of a run over several files, printed after the findings:
    ///
    ///     Summary: 7 findings in 2 of 3 files (1 clean).
    ///       by severity: 2 errors, 4 warnings, 1 info
    ///       by category: disclosure 3, grievance 2, date 1, handoff 1
    ///       fixable: 6 of 7 findings have a suggested fix
    ///       needs attention most:
    ///         drafts/b.txt  2 errors, 1 warning
    ///         drafts/a.txt  3 warnings, 1 info
    ///
    /// Single-file output keeps its one-line summary (``render(_:style:)``); this is for the
    /// batch scan. Every line ends with a newline.
    public static func closingSummary(_ reports: [FileReport], color: Bool = false, attentionLimit: Int = 3) -> String {
        var tally = ScanTally(attentionLimit: attentionLimit)
        for report in ReportOrder.files(reports) { tally.add(report) }
        return closingSummary(tally, color: color)
    }

    /// The closing summary of the files counted in `summary`, naming at most its
    /// ``ScanTally/attentionLimit`` files as needing attention.
    public static func closingSummary(_ summary: ScanTally, color: Bool = false) -> String {
        let paint = Paint(enabled: color)
        let files = summary.files == 1 ? "1 file" : "\(summary.files) files"
        guard summary.findings > 0 else { return paint.bold("Summary:") + " no findings in \(files).\n" }
        let clean = summary.files - summary.filesWithFindings
        var out = paint.bold("Summary:") + " \(plural(summary.findings, "finding")) in \(summary.filesWithFindings) of \(files)"
            + (clean > 0 ? " (\(clean) clean).\n" : ".\n")
        out += "  by severity: " + severityList { summary.count($0) } + "\n"
        out += "  by category: " + summary.categories.map { "\($0.category.rawValue) \($0.count)" }.joined(separator: ", ") + "\n"
        out += "  fixable: \(summary.fixable) of \(plural(summary.findings, "finding")) "
            + (summary.fixable == 1 ? "has" : "have") + " a suggested fix\n"
        let attention = summary.needingAttention
        if !attention.isEmpty {
            out += "  needs attention most:\n"
            let width = attention.map(\.path.shownAsPath.count).max() ?? 0
            for file in attention {
                let path = file.path.shownAsPath
                let pad = String(repeating: " ", count: width - path.count)
                out += "    " + path + pad + "  " + severityList { file.count($0) } + "\n"
            }
        }
        return out
    }

    /// "2 errors, 1 warning, 3 info": non-zero severities, most serious first.
    static func severityList(_ count: (Severity) -> Int) -> String {
        [Severity.error, .warning, .info].compactMap { severity in
            let n = count(severity)
            guard n > 0 else { return nil }
            return severity == .info ? "\(n) info" : plural(n, severity.rawValue)
        }.joined(separator: ", ")
    }

    static func plural(_ n: Int, _ word: String) -> String { n == 1 ? "1 \(word)" : "\(n) \(word)s" }
}
