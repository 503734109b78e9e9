/// `--format junit`: JUnit XML, the test-report format most CI services display.
///
/// One `<testsuite>` per file (named by its path) under one `<testsuites name="letterlint">`
/// root, and one `<testcase>` per finding: `classname` is the rule id (so dashboards that
/// split it at the dot group by category) and `name` is `path:line:column`. Each such
/// test case carries a `<failure>` whose `type` is the severity and whose `message` is the
/// finding's message; the body repeats the location and adds the excerpt and the
/// suggested fix. Every finding is a failure, whatever its severity: filter with `--quiet`
/// and `--fail-on` to report fewer. A file without findings has one passing test case
/// (`classname="letterlint"`, `name` = its path) so a clean letter counts as a passed
/// test rather than an empty suite. A file's reading notes go to the suite's
/// `<system-out>`. No timestamps or durations: the same input gives the same bytes.
public enum JUnitReport {
    public static func render(_ reports: [FileReport]) -> String {
        var writer = Writer()
        return writer.render(ReportOrder.files(reports))
    }

    /// The report a file at a time. The root element carries the run's totals, so it can
    /// only be written at the end: it is ``ReportEnding/heading``, and the caller keeps the
    /// suites' text until then. The writer itself keeps just the two counts.
    struct Writer: IncrementalReport {
        private var tests = 0
        private var failures = 0


        mutating func add(_ report: FileReport) -> String {
            let shown = ShownText(report)
            let findings = ReportOrder.findings(report)
            tests += max(1, findings.count)
            failures += findings.count
            let path = XMLEscape.attr(report.path)
            var out = "  <testsuite name=\"\(path)\" tests=\"\(max(1, findings.count))\" failures=\"\(findings.count)\" errors=\"0\" skipped=\"0\">\n"
            if findings.isEmpty {
                out += "    <testcase classname=\"letterlint\" name=\"\(path)\" file=\"\(path)\"/>\n"
            }
            for finding in findings {
                let start = report.location(of: finding.range.lowerBound)
                let place = "\(report.path):\(start.line):\(start.column)"
                let message = shown.scrub(finding.message)
                out += "    <testcase classname=\"\(XMLEscape.attr(finding.ruleID))\" name=\"\(XMLEscape.attr(place))\" file=\"\(path)\" line=\"\(start.line)\">\n"
                var body = "\(place): \(finding.severity.rawValue): \(message) [\(finding.ruleID)]"
                let excerpt = shown.excerpt(finding.range)
                if !excerpt.isEmpty { body += "\nexcerpt: " + excerpt }
                for fix in finding.fixes {
                    body += "\nfix: " + shown.describe(fix)
                }
                out += "      <failure message=\"\(XMLEscape.attr(message))\" type=\"\(finding.severity.rawValue)\">"
                    + XMLEscape.text(body) + "</failure>\n"
                out += "    </testcase>\n"
            }
            if !report.notes.isEmpty {
                out += "    <system-out>" + XMLEscape.text(report.notes.map { "note: " + shown.scrub($0) }.joined(separator: "\n")) + "</system-out>\n"
            }
            out += "  </testsuite>\n"
            return out
        }

        mutating func finish() -> ReportEnding {
            let heading = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuites name=\"letterlint\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\">\n"
            return ReportEnding(heading: heading, closing: "</testsuites>\n")
        }
    }
}
