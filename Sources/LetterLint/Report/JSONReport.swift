/// The `--format json` report of CONTRACT.md: keys in the documented order, files sorted
/// by path, findings by offset, so the same input gives byte-identical output.
public enum JSONReport {
    public static func render(_ reports: [FileReport], toolVersion: String) -> String {
        var writer = Writer(toolVersion: toolVersion)
        return writer.render(ReportOrder.files(reports))
    }

    /// The report a file at a time: the files array is written element by element with the
    /// layout ``JSON/serialized()`` gives the whole document; only the summary's counts
    /// are kept until the end.
    struct Writer: IncrementalReport {
        let toolVersion: String
        private var root = JSON.Layout(indent: 0, .object)
        private var files = JSON.Layout(indent: 1, .array)
        private var summary = ReportSummary()

        init(toolVersion: String) { self.toolVersion = toolVersion }

        mutating func start() -> String {
            root.member("tool") + JSON.object([("name", .string("letterlint")), ("version", .string(toolVersion))]).serialized(indent: 1)
                + root.member("files")
        }

        mutating func add(_ report: FileReport) -> String {
            summary.add(report)
            let document = report.result.document
            let redaction = Redaction(findings: report.findings)
            let file = JSON.object([
                ("path", .string(report.path)),
                ("findings", .array(report.findings.map { JSONReport.finding($0, in: report, document: document, redaction: redaction) })),
            ])
            return files.element() + file.serialized(indent: 2)
        }

        mutating func finish() -> ReportEnding {
            let counts = JSON.object([
                ("files", .int(summary.files)), ("findings", .int(summary.findings)),
                ("error", .int(summary.count(.error))), ("warning", .int(summary.count(.warning))),
                ("info", .int(summary.count(.info))),
            ])
            return ReportEnding(closing: files.end() + root.member("summary") + counts.serialized(indent: 1) + root.end() + "\n")
        }
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
    public func serialized() -> String { serialized(indent: 0) }

    /// The value as it is written nested `indent` levels deep (its first line not padded).
    func serialized(indent: Int) -> String {
        var out = ""
        write(to: &out, indent: indent)
        return out
    }

    private func write(to out: inout String, indent: Int) {
        switch self {
        case .string(let s): JSON.quote(s, into: &out)
        case .int(let n): out += String(n)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            var layout = Layout(indent: indent, .array)
            for item in items {
                out += layout.element()
                item.write(to: &out, indent: indent + 1)
            }
            out += layout.end()
        case .object(let pairs):
            var layout = Layout(indent: indent, .object)
            for (key, value) in pairs {
                out += layout.member(key)
                value.write(to: &out, indent: indent + 1)
            }
            out += layout.end()
        }
    }

    /// The punctuation and indentation around the members of one array or object, member by
    /// member. ``serialized()`` writes every container through it, and streamed reports
    /// write their long arrays through it one element at a time, so both give the same bytes.
    struct Layout {
        enum Kind { case array, object }
        let indent: Int
        let kind: Kind
        private(set) var count = 0

        init(indent: Int, _ kind: Kind) {
            self.indent = indent
            self.kind = kind
        }

        /// What goes before the next array element: the opening bracket or a separator,
        /// a line break and the padding.
        mutating func element() -> String {
            defer { count += 1 }
            return (count == 0 ? (kind == .array ? "[" : "{") + "\n" : ",\n") + String(repeating: "  ", count: indent + 1)
        }

        /// What goes before the next object member's value, its key included.
        mutating func member(_ key: String) -> String {
            var out = element()
            JSON.quote(key, into: &out)
            return out + ": "
        }

        /// What closes the container: empty containers stay on one line.
        func end() -> String {
            let close = kind == .array ? "]" : "}"
            guard count > 0 else { return (kind == .array ? "[" : "{") + close }
            return "\n" + String(repeating: "  ", count: indent) + close
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
            // DEL and C1 controls too: JSON allows them raw, but a report piped to a terminal
            // (or `cat`) must not carry a byte the terminal reads as an escape.
            case _ where scalar.isControlCode || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
