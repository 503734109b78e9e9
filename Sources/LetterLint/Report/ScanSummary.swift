/// Counts across a run of many files, for the closing summary of a batch scan: totals by
/// severity and by category, how many findings have a suggested fix, and the files that
/// need attention most. A value, computed once; ``HumanReport/closingSummary(_:color:attentionLimit:)``
/// prints it.
public struct ScanSummary: Sendable, Equatable {
    /// Findings of one file by severity.
    public struct FileCounts: Sendable, Equatable {
        public let path: String
        public let error: Int
        public let warning: Int
        public let info: Int
        public var findings: Int { error + warning + info }

        public func count(_ severity: Severity) -> Int {
            switch severity {
            case .error: return error
            case .warning: return warning
            case .info: return info
            }
        }
    }

    public let files: Int
    public let findings: Int
    public let fixable: Int
    public let bySeverity: [Severity: Int]
    public let byCategory: [Category: Int]
    /// Every file, sorted by path.
    public let perFile: [FileCounts]

    public init(_ reports: [FileReport]) {
        var bySeverity: [Severity: Int] = [:]
        var byCategory: [Category: Int] = [:]
        var fixable = 0
        var perFile: [FileCounts] = []
        for report in ReportOrder.files(reports) {
            var counts: [Severity: Int] = [:]
            for finding in report.findings {
                counts[finding.severity, default: 0] += 1
                bySeverity[finding.severity, default: 0] += 1
                byCategory[finding.category, default: 0] += 1
                if finding.isFixable { fixable += 1 }
            }
            perFile.append(FileCounts(path: report.path, error: counts[.error] ?? 0, warning: counts[.warning] ?? 0, info: counts[.info] ?? 0))
        }
        self.files = reports.count
        self.findings = perFile.reduce(0) { $0 + $1.findings }
        self.fixable = fixable
        self.bySeverity = bySeverity
        self.byCategory = byCategory
        self.perFile = perFile
    }

    public func count(_ severity: Severity) -> Int { bySeverity[severity] ?? 0 }
    public func count(_ category: Category) -> Int { byCategory[category] ?? 0 }

    /// Files with at least one finding.
    public var filesWithFindings: Int { perFile.filter { $0.findings > 0 }.count }

    /// Categories that have findings, most findings first; ties in CONTRACT.md's order.
    public var categories: [(category: Category, count: Int)] {
        Category.allCases.compactMap { c in count(c) > 0 ? (c, count(c)) : nil }
            .enumerated().sorted { a, b in
                a.element.1 != b.element.1 ? a.element.1 > b.element.1 : a.offset < b.offset
            }.map { ($0.element.0, $0.element.1) }
    }

    /// The files that need attention most: most errors first, then most warnings, then
    /// most infos, then by path. Files without findings are never listed.
    public func needingAttention(limit: Int = 3) -> [FileCounts] {
        let ranked = perFile.filter { $0.findings > 0 }.sorted { a, b in
            if a.error != b.error { return a.error > b.error }
            if a.warning != b.warning { return a.warning > b.warning }
            if a.info != b.info { return a.info > b.info }
            return a.path < b.path
        }
        return Array(ranked.prefix(max(0, limit)))
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
        let summary = ScanSummary(reports)
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
        let attention = summary.needingAttention(limit: attentionLimit)
        if !attention.isEmpty {
            out += "  needs attention most:\n"
            let width = attention.map(\.path.count).max() ?? 0
            for file in attention {
                let pad = String(repeating: " ", count: width - file.path.count)
                out += "    " + file.path + pad + "  " + severityList { file.count($0) } + "\n"
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
