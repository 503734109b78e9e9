import PCRE2

/// `<!-- letterlint-disable RULE -->`, `<!-- letterlint-enable RULE -->` and
/// `<!-- letterlint-disable-next-line RULE -->` in Markdown and HTML, where a comment never
/// reaches the reader of the letter. RULE is a rule id, a category, a comma-separated
/// list, or nothing (every rule). Plain text has no invisible comments, so there is no
/// directive there: suppression goes through the configuration or a baseline instead.
public enum Directives {
    struct Directive {
        enum Kind: String { case disable = "disable", enable = "enable", nextLine = "disable-next-line" }
        let kind: Kind
        let selectors: [String]   // empty: every rule
        let line: Int
        var used = false
    }

    private static let pattern = try! Regex(
        #"<!--\s*letterlint-(disable-next-line|disable|enable)\b\s*([\w.,\s-]*?)\s*-->"#)

    /// Formats whose comments are invisible to the reader.
    public static func apply(to report: FileReport, sourceText: String) -> FileReport {
        let source = Document(text: sourceText)
        var directives: [Directive] = []
        source.bytes.withUnsafeBufferPointer { buffer in
            let matches = (try? Matcher.current.allMatches(of: pattern, in: buffer)) ?? []
            for m in matches {
                guard let kindRange = m.group(1), let kind = Directive.Kind(rawValue: source.slice(kindRange)) else { continue }
                let list = m.group(2).map { source.slice($0) } ?? ""
                let selectors = list.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
                directives.append(Directive(kind: kind, selectors: selectors, line: source.location(of: m.range.lowerBound).line))
            }
        }
        guard !directives.isEmpty else { return report }

        func applies(_ d: Directive, _ ruleID: String) -> Bool {
            d.selectors.isEmpty || d.selectors.contains { RuleSelector.matches($0, ruleID) }
        }
        /// The first non-blank line after `line`.
        func nextContentLine(after line: Int) -> Int {
            var l = line + 1
            while l <= source.lines.count && Tokenizer.isBlank(source.lines[l - 1], source.bytes) { l += 1 }
            return l
        }
        var kept: [Finding] = []
        for finding in report.findings {
            let line = report.location(of: finding.range.lowerBound).line
            var suppressedBy: Int? = nil
            var disabledBy: Int? = nil
            for (i, d) in directives.enumerated() where d.line <= line && applies(d, finding.ruleID) {
                switch d.kind {
                case .disable: disabledBy = i
                case .enable: disabledBy = nil
                case .nextLine: if nextContentLine(after: d.line) == line { suppressedBy = i }
                }
            }
            if let i = suppressedBy ?? disabledBy {
                directives[i].used = true
            } else {
                kept.append(finding)
            }
        }
        let unused = directives.filter { !$0.used && $0.kind != .enable }.map { d in
            Diagnostic(ruleID: d.selectors.joined(separator: ","),
                       message: "the directive letterlint-\(d.kind.rawValue)\(d.selectors.isEmpty ? "" : " " + d.selectors.joined(separator: ", ")) on line \(d.line) suppresses nothing; remove it")
        }
        return report.replacing(findings: kept, addingDiagnostics: unused)
    }

    /// Whether a file of this extension can carry directives.
    public static func supported(pathExtension: String) -> Bool {
        ["md", "markdown", "html", "htm"].contains(pathExtension.lowercased())
    }
}
