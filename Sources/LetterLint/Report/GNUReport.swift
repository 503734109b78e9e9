/// `--format gnu`: one line per finding in the GNU error format that editors, `make` and
/// CI log parsers understand:
///
///     path:line:column: severity: message [rule]
///
/// Only the start position is printed. The GNU Coding Standards also allow a range
/// (`path:line.col-line.col:`), but many parsers (Vim's default `errorformat`, the gcc
/// problem matchers of editors and CI services) read only `line:column`; the JSON, SARIF
/// and `github` formats carry the end. Severity is `error`, `warning` or `info`, as in the
/// human report, whose first line per finding is the same text. A file's reading notes
/// come first, as `path: note: text`. Messages are folded to one line; secrets are masked.
public enum GNUReport {
    public static func render(_ reports: [FileReport]) -> String {
        var writer = Writer()
        return writer.render(ReportOrder.files(reports))
    }

    /// The report a file at a time: it has no opening and no totals.
    struct Writer: IncrementalReport {
        mutating func add(_ report: FileReport) -> String {
            var out = ""
            let shown = ShownText(report), path = report.path.shownAsPath
            for note in report.notes { out += "\(path): note: \(shown.scrub(note).foldedToOneLine)\n" }
            for finding in ReportOrder.findings(report) {
                let start = report.location(of: finding.range.lowerBound)
                out += "\(path):\(start.line):\(start.column): \(finding.severity.rawValue): "
                    + shown.scrub(finding.message).foldedToOneLine + " [\(finding.ruleID)]\n"
            }
            return out
        }

        mutating func finish() -> ReportEnding { ReportEnding(closing: "") }
    }
}
