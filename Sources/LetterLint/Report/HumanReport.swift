/// Compiler-style output for people: `path:line:col: severity: message [rule]`, the line
/// with a caret underline, and the suggested fix.
public enum HumanReport {
    public struct Style: Sendable {
        public var color: Bool
        public var summary: Bool
        public init(color: Bool = false, summary: Bool = true) {
            self.color = color
            self.summary = summary
        }
    }

    /// The reports in the order given, each followed by nothing but its findings; with
    /// `style.summary`, the one-line summary at the end.
    public static func render(_ reports: [FileReport], style: Style = Style()) -> String {
        var writer = Writer(color: style.color, summary: style.summary ? .oneLine : .none)
        return writer.render(reports)
    }

    /// The report a file at a time; only the counts for the summary are kept.
    struct Writer: IncrementalReport {
        /// What ends the report.
        enum Summary {
            case none
            /// "3 findings in 1 file: …", whatever the number of files.
            case oneLine
            /// The closing summary after several files, naming at most `attentionLimit`
            /// of them; the one-line summary after one file or none.
            case closingForSeveral(attentionLimit: Int)
        }

        let paint: Paint
        let summary: Summary
        private var tally: ScanTally

        init(color: Bool, summary: Summary) {
            paint = Paint(enabled: color)
            self.summary = summary
            if case .closingForSeveral(let limit) = summary {
                tally = ScanTally(attentionLimit: limit)
            } else {
                tally = ScanTally(attentionLimit: 0)
            }
        }


        mutating func add(_ report: FileReport) -> String {
            tally.add(report)
            var out = ""
            let document = report.displayDocument
            let redaction = Redaction(findings: report.findings)
            let path = report.path.shownAsPath
            for note in report.notes { out += "\(path): \(paint.note("note")): \(note.replacingTabsAndControls())\n" }
            for finding in report.findings {
                let position = FindingPosition(finding, in: report)
                out += paint.bold("\(path):\(position.start.line):\(position.start.column):") + " "
                out += paint.severity(finding.severity) + ": " + finding.message + " " + paint.dim("[\(finding.ruleID)]") + "\n"
                out += HumanReport.snippet(finding, document: document, redaction: redaction, paint: paint)
                for fix in finding.fixes {
                    out += "      = fix: " + fix.title + HumanReport.describe(fix.edits, redaction: redaction) + "\n"
                }
            }
            return out
        }

        mutating func finish() -> ReportEnding {
            switch summary {
            case .none:
                return ReportEnding(closing: "")
            case .closingForSeveral where tally.files > 1:
                return ReportEnding(closing: HumanReport.closingSummary(tally, color: paint.enabled))
            case .oneLine, .closingForSeveral:
                return ReportEnding(closing: HumanReport.summaryLine(tally.totals, paint: paint) + "\n")
            }
        }
    }

    /// Lines longer than this many bytes are shown as a window around the finding.
    static let snippetWidth = 2_000
    /// How much of the line a window shows before the finding, and after it at most.
    static let snippetContext = 300

    /// The line the finding starts on, secrets masked, with a caret underline. A long line
    /// (a letter pasted as one paragraph, an export without line breaks) is cut to a window
    /// around the finding, marked with "…" at the cut ends: printing a megabyte line for
    /// each of its findings would bury the report.
    static func snippet(_ finding: Finding, document: Document, redaction: Redaction, paint: Paint) -> String {
        let lineIndex = document.lineIndex(containing: finding.range.lowerBound)
        let line = document.lines[lineIndex]
        let number = String(lineIndex + 1)
        let gutter = String(repeating: " ", count: max(4, number.count + 1))
        var shownLine = line
        if line.count > snippetWidth {
            // Cut at character boundaries: never inside a UTF-8 sequence.
            func boundary(_ offset: Int) -> Int {
                var i = min(max(offset, line.lowerBound), line.upperBound)
                while i < line.upperBound && document.bytes[i] & 0xC0 == 0x80 { i += 1 }
                return i
            }
            let start = boundary(finding.range.lowerBound - snippetContext)
            let end = boundary(max(min(finding.range.upperBound, finding.range.lowerBound + snippetWidth - snippetContext),
                                   finding.range.lowerBound) + snippetContext)
            shownLine = start..<max(end, start)
        }
        let cutBefore = shownLine.lowerBound > line.lowerBound, cutAfter = shownLine.upperBound < line.upperBound
        var text = cutBefore ? "…" : ""
        var caretStart = 0, caretLength = 0
        var column = cutBefore ? 1 : 0
        for piece in redaction.render(shownLine, in: document) {
            let shown = piece.text.replacingTabsAndControls()
            let width = shown.unicodeScalars.count
            let source = piece.source
            if source.contains(finding.range.lowerBound) || (finding.range.isEmpty && source.lowerBound == finding.range.lowerBound) {
                // Inside a masked piece the caret covers the whole mask.
                let isMasked = redaction.secrets.contains { $0.overlaps(source) }
                caretStart = column + (isMasked ? 0 : document.slice(source.lowerBound..<finding.range.lowerBound).unicodeScalars.count)
            }
            if source.overlaps(finding.range) {
                let isMasked = redaction.secrets.contains { $0.overlaps(source) }
                caretLength += isMasked ? width : document.slice(source.clamped(to: finding.range)).unicodeScalars.count
            }
            text += shown
            column += width
        }
        if finding.range.isEmpty && finding.range.lowerBound >= shownLine.upperBound { caretStart = column }
        if cutAfter { text += "…" }
        let padded = String(repeating: " ", count: gutter.count - number.count) + number
        return "\(paint.dim(padded + " |")) \(text)\n"
            + "\(paint.dim(gutter + " |")) \(String(repeating: " ", count: caretStart))\(paint.caret(String(repeating: "^", count: max(1, caretLength))))\n"
    }

    static func describe(_ edits: [TextEdit], redaction: Redaction) -> String {
        guard let edit = edits.first else { return "" }
        if edit.replacement.trimmingSpaces().isEmpty { return "" }
        var text = edit.replacement.trimmingSpaces().replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
        if text.count > 120 { text = String(text.prefix(117)) + "..." }
        return ": \"\(text)\""
    }

    static func summaryLine(_ summary: ReportSummary, paint: Paint) -> String {
        let files = summary.files == 1 ? "1 file" : "\(summary.files) files"
        guard summary.findings > 0 else { return "No findings in \(files)." }
        var parts: [String] = []
        for severity in [Severity.error, .warning, .info] where summary.count(severity) > 0 {
            let n = summary.count(severity)
            let word = severity == .info ? "info" : (n == 1 ? severity.rawValue : severity.rawValue + "s")
            parts.append("\(n) \(word)")
        }
        let fixable = summary.fixable > 0 ? " (\(summary.fixable) with a suggested fix)" : ""
        return paint.bold("\(summary.findings) finding\(summary.findings == 1 ? "" : "s") in \(files): ")
            + parts.joined(separator: ", ") + fixable + "."
    }
}

/// ANSI colour, or plain text when disabled.
struct Paint {
    let enabled: Bool

    private func wrap(_ s: String, _ code: String) -> String { enabled ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
    func bold(_ s: String) -> String { wrap(s, "1") }
    func dim(_ s: String) -> String { wrap(s, "2") }
    func note(_ s: String) -> String { wrap(s, "36") }
    func caret(_ s: String) -> String { wrap(s, "32;1") }
    func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: return wrap("error", "31;1")
        case .warning: return wrap("warning", "33;1")
        case .info: return wrap("info", "36;1")
        }
    }
}

import Foundation
