/// `--format github`: GitHub Actions workflow commands, one per finding, which the runner
/// turns into annotations on the pull request:
///
///     ::error file=drafts/a.txt,line=3,col=14,endLine=3,endColumn=40,title=grievance.credit-taking::message
///
/// `error` → `::error`, `warning` → `::warning`, `info` → `::notice`. Columns count
/// characters (Unicode scalars) and `endColumn` points just past the span, as in the JSON
/// report. GitHub accepts columns only when the annotation starts and ends on the same
/// line, so a finding that spans lines carries `line`/`endLine` only. A file's reading
/// notes become `::notice file=…::note`.
///
/// Escaping follows the Actions toolkit (`@actions/core`, `command.ts`): in the message,
/// `%`, CR and LF become `%25`, `%0D`, `%0A`; in property values `:` and `,` also become
/// `%3A` and `%2C`. The message is the finding's message, then its suggested fix on a new
/// line; secrets are masked.
public enum GitHubReport {
    public static func render(_ reports: [FileReport]) -> String {
        var writer = Writer()
        return writer.render(ReportOrder.files(reports))
    }

    /// The report a file at a time: it has no opening and no totals.
    struct Writer: IncrementalReport {
        mutating func add(_ report: FileReport) -> String {
            var out = ""
            let shown = ShownText(report)
            for note in report.notes {
                out += "::notice file=\(GitHubReport.property(report.path)),title=letterlint::\(GitHubReport.data(shown.scrub(note)))\n"
            }
            for finding in ReportOrder.findings(report) {
                out += GitHubReport.command(finding, in: report, shown: shown) + "\n"
            }
            return out
        }

        mutating func finish() -> ReportEnding { ReportEnding(closing: "") }
    }

    static func command(_ finding: Finding, in report: FileReport, shown: ShownText) -> String {
        let position = FindingPosition(finding, in: report)
        var properties = ["file=" + property(report.path), "line=\(position.start.line)"]
        if position.start.line == position.end.line {
            properties.append("col=\(position.start.column)")
            properties.append("endLine=\(position.end.line)")
            properties.append("endColumn=\(position.end.column)")
        } else {
            properties.append("endLine=\(position.end.line)")
        }
        properties.append("title=" + property(finding.ruleID))
        var message = shown.scrub(finding.message)
        if let fix = finding.fixes.first {
            message += "\nSuggested fix: " + shown.describe(fix)
        }
        return "::\(name(finding.severity)) " + properties.joined(separator: ",") + "::" + data(message)
    }

    static func name(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "notice"
        }
    }

    /// Escapes a message (`escapeData` in the Actions toolkit).
    public static func data(_ s: String) -> String { escape(s, property: false) }

    /// Escapes a property value (`escapeProperty` in the Actions toolkit).
    public static func property(_ s: String) -> String { escape(s, property: true) }

    /// Scalar by scalar, so a CR LF pair (one `Character` in Swift) is still two escapes.
    private static func escape(_ s: String, property: Bool) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            case ":" where property: out += "%3A"
            case "," where property: out += "%2C"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
