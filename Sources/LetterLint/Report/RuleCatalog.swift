/// Descriptions of the rules themselves: `letterlint rules` in text, JSON and Markdown,
/// and `letterlint rules explain ID`.
public enum RuleCatalog {
    public static func text(_ rules: [Rule]) -> String {
        let idWidth = rules.map(\.id.count).max() ?? 0
        return rules.map { rule in
            rule.id.padding(toLength: idWidth + 2, withPad: " ", startingAt: 0)
                + rule.spec.severity.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
                + rule.spec.description
        }.joined(separator: "\n") + "\n"
    }

    public static func json(_ rules: [Rule]) -> String {
        JSON.array(rules.map { rule in
            let s = rule.spec
            return .object([
                ("id", .string(s.id)), ("category", .string(s.category.rawValue)), ("severity", .string(s.severity.rawValue)),
                ("kind", .string(s.kind.rawValue)), ("scope", .string(s.scope.rawValue)),
                ("description", .string(s.description)), ("message", .string(s.message)), ("reason", .string(s.reason)),
                ("fixable", .bool(s.fix != nil)),
            ])
        }).serialized() + "\n"
    }

    /// `rules --patterns`: every PCRE2 pattern of the rules, one per line, exactly as
    /// compiled (a name of a names rule is one pattern), for comparisons with other tools.
    public static func patterns(_ rules: [Rule]) -> String {
        var lines: [String] = []
        for rule in rules {
            let define = rule.spec.define ?? ""
            lines += rule.spec.patterns.map { define + $0.text }
            lines += RuleSpec.namePatterns(rule.spec.names, chunk: 1).map(\.text)
        }
        return lines.map { $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\n") + "\n"
    }

    /// The README's rule table: generated, never written by hand.
    public static func markdown(_ rules: [Rule]) -> String {
        var out = "| id | severity | detects | fix |\n|---|---|---|---|\n"
        for rule in rules {
            let s = rule.spec
            let fix = s.fix.map { $0.title } ?? "—"
            out += "| `\(s.id)` | \(s.severity.rawValue) | \(cell(s.description)) | \(cell(fix)) |\n"
        }
        return out
    }

    /// `rules explain`: what the rule looks for and why, and its examples run through the
    /// real linter so the user sees exactly what is flagged.
    public static func explain(_ rule: Rule, linter: Linter) -> String {
        let s = rule.spec
        var out = "\(s.id) (\(s.category.rawValue), \(s.severity.rawValue), \(s.kind.rawValue), scope: \(s.scope.rawValue))\n\n"
        out += "\(s.description)\n\nMessage: \(s.message)\n\nWhy: \(s.reason)\n"
        if let fix = s.fix {
            out += "\nSuggested fix: \(fix.title)"
            if let text = fix.text { out += "\n  \"\(text)\"" }
            out += "\n"
        }
        if let sections = s.sections {
            out += "\nApplies in: \(Section.allCases.filter(sections.contains).map(\.rawValue).joined(separator: ", "))\n"
        }
        out += "\nFlagged:\n"
        for example in s.flagExamples {
            let options = LintOptions(onlyRules: [s.id], today: example.today ?? ExampleRunner.defaultToday, industry: example.industry)
            let result = linter.lint(Document(text: example.text), options: options)
            let redaction = Redaction(findings: result.findings)
            let hits = result.findings.filter { $0.ruleID == s.id && !$0.range.isEmpty }
                .map { "«" + redaction.excerpt($0.range, in: result.document) + "»" }
            let shown = redaction.excerpt(0..<result.document.bytes.count, in: result.document)
            out += "  - \(shown)\n" + (hits.isEmpty ? "" : "      \(hits.joined(separator: " "))\n")
        }
        out += "\nNot flagged:\n"
        for example in s.passExamples {
            out += "  - \(Redaction(findings: []).excerpt(0..<example.text.utf8.count, in: Document(text: example.text)))\n"
        }
        out += "\nDefined in \(s.file)\(s.line.map { ":\($0)" } ?? "")\n"
        return out
    }

    private static func cell(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}

import Foundation
