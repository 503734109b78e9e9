/// `--format checkstyle`: Checkstyle's XML report, read by Jenkins' Warnings plugin,
/// reviewdog, SonarQube importers and many code-review bots:
///
///     <checkstyle version="0.1.0">
///       <file name="drafts/a.txt">
///         <error line="3" column="14" severity="warning" message="…" source="letterlint.grievance.credit-taking"/>
///       </file>
///     </checkstyle>
///
/// Every checked file is listed, clean ones as an empty `<file/>`, sorted by path;
/// `version` is letterlint's version; columns count characters (Unicode scalars);
/// `severity` is `error`, `warning` or `info` (all three are Checkstyle severities).
/// Secrets are masked in messages.
public enum CheckstyleReport {
    public static func render(_ reports: [FileReport], toolVersion: String) -> String {
        var writer = Writer(toolVersion: toolVersion)
        return writer.render(ReportOrder.files(reports))
    }

    /// The report a file at a time: the opening names only the version, so nothing is kept.
    struct Writer: IncrementalReport {
        let toolVersion: String

        mutating func start() -> String {
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + "<checkstyle version=\"\(XMLEscape.attr(toolVersion))\">\n"
        }

        mutating func add(_ report: FileReport) -> String {
            let shown = ShownText(report)
            let findings = ReportOrder.findings(report)
            let name = XMLEscape.attr(report.path)
            guard !findings.isEmpty else { return "  <file name=\"\(name)\"/>\n" }
            var out = "  <file name=\"\(name)\">\n"
            for finding in findings {
                let start = report.location(of: finding.range.lowerBound)
                out += "    <error line=\"\(start.line)\" column=\"\(start.column)\" severity=\"\(finding.severity.rawValue)\""
                    + " message=\"\(XMLEscape.attr(shown.scrub(finding.message)))\" source=\"\(XMLEscape.attr("letterlint." + finding.ruleID))\"/>\n"
            }
            out += "  </file>\n"
            return out
        }

        mutating func finish() -> ReportEnding { ReportEnding(closing: "</checkstyle>\n") }
    }
}
