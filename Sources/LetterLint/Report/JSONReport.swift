/// The `--format json` report of CONTRACT.md: keys in the documented order, files sorted
/// by path, findings by offset, so the same input gives byte-identical output.
public enum JSONReport {
    public static func render(_ reports: [FileReport], toolVersion: String) -> String {
        let summary = ReportSummary(reports)
        let files: [JSON] = reports.sorted { $0.path < $1.path }.map { report in
            let document = report.result.document
            let redaction = Redaction(findings: report.findings)
            return .object([
                ("path", .string(report.path)),
                ("findings", .array(report.findings.map { finding($0, in: report, document: document, redaction: redaction) })),
            ])
        }
        let root = JSON.object([
            ("tool", .object([("name", .string("letterlint")), ("version", .string(toolVersion))])),
            ("files", .array(files)),
            ("summary", .object([
                ("files", .int(summary.files)), ("findings", .int(summary.findings)),
                ("error", .int(summary.count(.error))), ("warning", .int(summary.count(.warning))),
                ("info", .int(summary.count(.info))),
            ])),
        ])
        return root.serialized() + "\n"
    }

    static func finding(_ f: Finding, in report: FileReport, document: Document, redaction: Redaction) -> JSON {
        let position = FindingPosition(f, in: report)
        let suggestions: [JSON] = f.fixes.flatMap { fix in
            fix.edits.map { edit in
                JSON.object([
                    ("description", .string(fix.title)), ("offset", .int(edit.range.lowerBound)),
                    ("length", .int(edit.range.count)), ("replacement", .string(edit.replacement)),
                ])
            }
        }
        return .object([
            ("rule", .string(f.ruleID)), ("category", .string(f.category.rawValue)),
            ("severity", .string(f.severity.rawValue)), ("message", .string(f.message)),
            ("line", .int(position.start.line)), ("column", .int(position.start.column)),
            ("endLine", .int(position.end.line)), ("endColumn", .int(position.end.column)),
            ("offset", .int(f.range.lowerBound)), ("length", .int(f.range.count)),
            ("excerpt", .string(redaction.excerpt(f.range, in: document))),
            ("suggestions", .array(suggestions)),
        ])
    }
}

/// A JSON value with ordered object keys and a deterministic serializer.
public indirect enum JSON: Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([JSON])
    case object([(String, JSON)])

    public static func == (a: JSON, b: JSON) -> Bool { a.serialized() == b.serialized() }

    /// Two-space indented JSON; empty arrays and objects on one line.
    public func serialized() -> String {
        var out = ""
        write(to: &out, indent: 0)
        return out
    }

    private func write(to out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1)
        let closePad = String(repeating: "  ", count: indent)
        switch self {
        case .string(let s): JSON.quote(s, into: &out)
        case .int(let n): out += String(n)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += pad
                item.write(to: &out, indent: indent + 1)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += closePad + "]"
        case .object(let pairs):
            guard !pairs.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (i, (key, value)) in pairs.enumerated() {
                out += pad
                JSON.quote(key, into: &out)
                out += ": "
                value.write(to: &out, indent: indent + 1)
                out += i + 1 < pairs.count ? ",\n" : "\n"
            }
            out += closePad + "}"
        }
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
