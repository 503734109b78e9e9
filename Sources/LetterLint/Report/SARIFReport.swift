/// `--format sarif`: a SARIF 2.1.0 log (OASIS Static Analysis Results Interchange
/// Format), as GitHub code scanning, Azure DevOps and SARIF viewers read it. It validates
/// against the official JSON schema (the tests check it).
///
/// One run. `tool.driver` names letterlint and its version and describes every rule of the
/// rule set (id, short and full description, help, default level, category). The run
/// lists every checked file in `artifacts`; each finding is a result with its rule, level,
/// message, one physical location and, for findings with a suggestion, `fixes`.
///
/// Positions:
/// - `columnKind` is `unicodeCodePoints`: columns count Unicode scalars, like every other
///   letterlint report, and `endColumn` points just past the span. A missing clause is an
///   empty region (`startColumn == endColumn`, `charLength: 0`) where the clause belongs.
/// - `charOffset`/`charLength` count Unicode scalars of the decoded text too (SARIF counts
///   characters in the unit of `columnKind`, not UTF-8 bytes). The JSON report's byte
///   offsets are not used here: the file on disk may be UTF-16, so byte offsets in the
///   decoded text would not be byte offsets in the artifact.
/// - `newlineSequences` lists CR LF, LF and CR, the line breaks letterlint counts.
/// - For text extracted from another format (HTML, e-mail, Word: a source map is set),
///   line and column are in the source file, but offsets, snippets and fixes would
///   describe the extracted text, not the artifact, so they are left out. Markdown keeps
///   them: its checked text is byte-aligned with the file (``FileReport/displayText``),
///   so offsets and snippets are taken from the file's own text.
///
/// Secrets: a snippet shows a secret only as its mask (`sk-…9f2Q`), and every mask used
/// is listed in the run's `redactionTokens`, so a viewer knows those strings stand for
/// removed text. Messages and fix texts are scrubbed the same way. Fingerprints are hashes
/// of masked text only.
///
/// `partialFingerprints["letterlint/v1"]`: FNV-1a 64 (16 hex digits) of the rule id, the
/// finding's excerpt (masked, white space folded) and its occurrence index among findings
/// of the same rule with the same excerpt in that file, separated by NUL. No line numbers
/// go in, so the fingerprint survives edits elsewhere in the letter.
///
/// No `informationUri` or `helpUri`: letterlint has no public home page to point to.
public enum SARIFReport {
    public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    public static let fingerprintKey = "letterlint/v1"

    public static func render(_ reports: [FileReport], ruleSet: RuleSet, toolVersion: String) -> String {
        var writer = Writer(ruleSet: ruleSet, toolVersion: toolVersion)
        return writer.render(ReportOrder.files(reports))
    }

    /// The log a file at a time: each file's results as it comes. The run lists every file
    /// in `artifacts` before the results, so that part is only known at the end: it is
    /// ``ReportEnding/heading``, and the caller keeps the results' text until then. The
    /// writer itself keeps one URI per file for that list (the one thing that grows with
    /// the number of files, a few dozen bytes each) and the masks shown so far.
    struct Writer: IncrementalReport {
        let rules: [Rule]
        let toolVersion: String
        private var ruleIndex: [String: Int] = [:]
        private var artifacts: [String] = []
        private var results = JSON.Layout(indent: 3, .array)
        private var tokens = Set<String>()

        init(ruleSet: RuleSet, toolVersion: String) {
            rules = ruleSet.rules
            self.toolVersion = toolVersion
            for (i, rule) in rules.enumerated() where ruleIndex[rule.id] == nil { ruleIndex[rule.id] = i }
        }


        mutating func add(_ report: FileReport) -> String {
            let artifactIndex = artifacts.count
            artifacts.append(PathURI.uri(forPath: report.path))
            let shown = ShownText(report)
            var occurrences: [String: Int] = [:]
            var out = ""
            for finding in ReportOrder.findings(report) {
                let excerpt = shown.excerpt(finding.range)
                let key = finding.ruleID + "\u{0}" + excerpt
                let occurrence = occurrences[key, default: 0]
                occurrences[key] = occurrence + 1
                let result = SARIFReport.result(finding, in: report, artifactIndex: artifactIndex, shown: shown,
                                                ruleIndex: ruleIndex[finding.ruleID],
                                                fingerprint: FNV1a64.hex(key + "\u{0}" + String(occurrence)))
                out += results.element() + result.serialized(indent: 4)
            }
            tokens.formUnion(shown.allMasks)
            return out
        }

        mutating func finish() -> ReportEnding {
            var driver: [(String, JSON)] = [
                ("name", .string("letterlint")),
                ("version", .string(toolVersion)),
            ]
            if SARIFReport.isSemanticVersion(toolVersion) { driver.append(("semanticVersion", .string(toolVersion))) }
            driver.append(("rules", .array(rules.map(SARIFReport.descriptor))))

            // {"$schema", "version", "runs": [{"tool", "artifacts", "results": [ … ], …}]}
            var root = JSON.Layout(indent: 0, .object)
            var runs = JSON.Layout(indent: 1, .array)
            var run = JSON.Layout(indent: 2, .object)
            var heading = root.member("$schema") + JSON.string(SARIFReport.schemaURI).serialized(indent: 1)
            heading += root.member("version") + JSON.string("2.1.0").serialized(indent: 1)
            heading += root.member("runs") + runs.element()
            heading += run.member("tool") + JSON.object([("driver", .object(driver))]).serialized(indent: 3)
            heading += run.member("artifacts")
            var list = JSON.Layout(indent: 3, .array)
            for uri in artifacts {
                heading += list.element() + JSON.object([("location", .object([("uri", .string(uri))]))]).serialized(indent: 4)
            }
            heading += list.end()
            heading += run.member("results")

            var closing = results.end()
            if !tokens.isEmpty {
                closing += run.member("redactionTokens") + JSON.array(tokens.sorted().map(JSON.string)).serialized(indent: 3)
            }
            closing += run.member("newlineSequences") + JSON.array([.string("\r\n"), .string("\n"), .string("\r")]).serialized(indent: 3)
            closing += run.member("columnKind") + JSON.string("unicodeCodePoints").serialized(indent: 3)
            closing += run.end() + runs.end() + root.end() + "\n"
            return ReportEnding(heading: heading, closing: closing)
        }
    }

    /// SARIF's level for a severity.
    public static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    static func descriptor(_ rule: Rule) -> JSON {
        let s = rule.spec
        var help = "\(s.description)\n\nWhy: \(s.reason)"
        if let fix = s.fix { help += "\n\nSuggested fix: \(fix.title)" + (fix.text.map { ": \"\($0.trimmingSpaces())\"" } ?? "") }
        return .object([
            ("id", .string(s.id)),
            ("shortDescription", .object([("text", .string(s.description))])),
            ("fullDescription", .object([("text", .string(s.reason))])),
            ("help", .object([("text", .string(help))])),
            ("defaultConfiguration", .object([("level", .string(level(s.severity)))])),
            ("properties", .object([
                ("category", .string(s.category.rawValue)),
                ("tags", .array([.string(s.category.rawValue)])),
            ])),
        ])
    }

    static func result(_ finding: Finding, in report: FileReport, artifactIndex: Int, shown: ShownText,
                       ruleIndex: Int?, fingerprint: String) -> JSON {
        let artifact = JSON.object([
            ("uri", .string(PathURI.uri(forPath: report.path))),
            ("index", .int(artifactIndex)),
        ])
        // Offsets, snippets and fixes describe the artifact only when the checked text is
        // the file's text, or byte-aligned with it (Markdown with its markup masked).
        let mapped = report.sourceMap != nil && report.displayText == nil
        var region = self.region(finding.range, in: report, offsetsIn: mapped ? nil : shown.document)
        if !mapped && !finding.range.isEmpty {
            region.append(("snippet", .object([("text", .string(shown.snippet(finding.range)))])))
        }
        var fields: [(String, JSON)] = [("ruleId", .string(finding.ruleID))]
        if let ruleIndex { fields.append(("ruleIndex", .int(ruleIndex))) }
        fields += [
            ("level", .string(level(finding.severity))),
            ("message", .object([("text", .string(shown.scrub(finding.message)))])),
            ("locations", .array([.object([
                ("physicalLocation", .object([
                    ("artifactLocation", artifact),
                    ("region", .object(region)),
                ])),
            ])])),
            ("partialFingerprints", .object([(fingerprintKey, .string(fingerprint))])),
        ]
        if !mapped {
            let fixes: [JSON] = finding.fixes.compactMap { fix in
                guard !fix.edits.isEmpty else { return nil }
                let replacements: [JSON] = fix.edits.sorted { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }
                    .map { edit in
                        var replacement: [(String, JSON)] = [("deletedRegion", .object(self.region(edit.range, in: report, offsetsIn: shown.document)))]
                        if !edit.replacement.isEmpty {
                            replacement.append(("insertedContent", .object([("text", .string(shown.scrub(edit.replacement)))])))
                        }
                        return .object(replacement)
                    }
                return .object([
                    ("description", .object([("text", .string(shown.scrub(fix.title)))])),
                    ("artifactChanges", .array([.object([("artifactLocation", artifact), ("replacements", .array(replacements))])])),
                ])
            }
            if !fixes.isEmpty { fields.append(("fixes", .array(fixes))) }
        }
        fields.append(("properties", .object([("category", .string(finding.category.rawValue))])))
        return .object(fields)
    }

    /// A text region: line and column always; character offset and length (Unicode
    /// scalars of `document`, the file's own text) when they describe the artifact.
    static func region(_ range: Range<Int>, in report: FileReport, offsetsIn document: Document?) -> [(String, JSON)] {
        let start = report.location(of: range.lowerBound), end = report.location(of: range.upperBound)
        var fields: [(String, JSON)] = [
            ("startLine", .int(start.line)), ("startColumn", .int(start.column)),
            ("endLine", .int(end.line)), ("endColumn", .int(end.column)),
        ]
        if let document {
            fields.append(("charOffset", .int(ScalarCount.before(range.lowerBound, in: document))))
            fields.append(("charLength", .int(ScalarCount.within(range, in: document))))
        }
        return fields
    }

    /// `MAJOR.MINOR.PATCH` with optional pre-release and build parts (SemVer 2.0, loosely).
    static func isSemanticVersion(_ v: String) -> Bool {
        let core = v.split(separator: "+", maxSplits: 1).first.map(String.init) ?? v
        let main = core.split(separator: "-", maxSplits: 1).first.map(String.init) ?? core
        let parts = main.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }
}
