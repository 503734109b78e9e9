import Foundation

/// Findings recorded once and not reported again, so a team can adopt letterlint on old
/// drafts and still be stopped by new problems.
///
/// An entry is keyed by path, rule and a SHA-256 fingerprint of the matched text and the
/// text of its line, never by line number (unrelated edits above do not bring it back)
/// and never by the text itself (the file may be shared; the text may be a secret).
public struct Baseline: Sendable, Equatable {
    public struct Entry: Sendable, Hashable, Comparable {
        public let path: String
        public let rule: String
        public let fingerprint: String

        public static func < (a: Entry, b: Entry) -> Bool { (a.path, a.rule, a.fingerprint) < (b.path, b.rule, b.fingerprint) }
    }

    /// Entries with how often each occurs (the same sentence twice is two findings).
    public private(set) var counts: [Entry: Int] = [:]

    public init() {}

    public static let formatVersion = 1

    /// A stable fingerprint of a finding in its letter.
    public static func fingerprint(_ finding: Finding, in document: Document) -> String {
        func normalized(_ s: String) -> String { s.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        // A missing clause has no text of its own; it is "this clause is missing in this file".
        guard !finding.range.isEmpty else { return SHA256.hex(finding.ruleID) }
        let line = document.lines[document.lineIndex(containing: finding.range.lowerBound)]
        let lineText = document.slice(line.lowerBound..<max(line.upperBound, min(finding.range.upperBound, document.bytes.count)))
        return SHA256.hex(finding.ruleID + "\u{0}" + normalized(document.slice(finding.range)) + "\u{0}" + normalized(lineText))
    }

    public mutating func record(_ report: FileReport, as path: String) {
        for finding in report.findings {
            counts[Entry(path: path, rule: finding.ruleID, fingerprint: Baseline.fingerprint(finding, in: report.result.document)), default: 0] += 1
        }
    }

    /// The report without the findings this baseline records (each entry silences as many
    /// findings as it was recorded for).
    public func filter(_ report: FileReport, as path: String) -> FileReport {
        var remaining = counts
        let kept = report.findings.filter { finding in
            let entry = Entry(path: path, rule: finding.ruleID, fingerprint: Baseline.fingerprint(finding, in: report.result.document))
            guard let n = remaining[entry], n > 0 else { return true }
            remaining[entry] = n - 1
            return false
        }
        return report.replacing(findings: kept)
    }

    public var isEmpty: Bool { counts.isEmpty }

    // MARK: File

    public func serialized() -> String {
        let entries = counts.keys.sorted().flatMap { entry in
            Array(repeating: JSON.object([
                ("path", .string(entry.path)), ("rule", .string(entry.rule)), ("fingerprint", .string(entry.fingerprint)),
            ]), count: counts[entry]!)
        }
        return JSON.object([
            ("tool", .string("letterlint")), ("baselineVersion", .int(Baseline.formatVersion)), ("findings", .array(entries)),
        ]).serialized() + "\n"
    }

    public static func load(path: String) throws(LoadError) -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LoadError(file: path, line: nil, message: "cannot read the baseline file (create it with --write-baseline)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              object["baselineVersion"] as? Int == formatVersion,
              let findings = object["findings"] as? [[String: Any]] else {
            throw LoadError(file: path, line: nil, message: "not a letterlint baseline (version \(formatVersion)); write it again with --write-baseline")
        }
        var baseline = Baseline()
        for item in findings {
            guard let p = item["path"] as? String, let r = item["rule"] as? String, let f = item["fingerprint"] as? String,
                  f.count == 64 else {
                throw LoadError(file: path, line: nil, message: "a baseline entry lacks path, rule or fingerprint")
            }
            baseline.counts[Entry(path: p, rule: r, fingerprint: f), default: 0] += 1
        }
        return baseline
    }
}
