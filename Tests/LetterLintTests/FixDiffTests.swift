import Foundation
import Testing
@testable import LetterLint

/// Applies a unified diff the way `patch` does, strictly: every context and removed line
/// must match. Returns nil when the diff does not apply.
func applyUnifiedDiff(_ diff: String, to text: String) -> String? {
    // Lines with their terminators, as the diff carries them.
    func split(_ s: String) -> [String] {
        var lines: [String] = []
        var current = ""
        for ch in s {
            current.append(ch)
            if ch == "\n" || ch == "\r\n" { lines.append(current); current = "" }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
    let old = split(text)
    var out: [String] = []
    var position = 0
    var lines = split(diff)[...]
    guard lines.popFirst()?.hasPrefix("--- ") == true, lines.popFirst()?.hasPrefix("+++ ") == true else { return nil }
    while let header = lines.popFirst() {
        guard header.hasPrefix("@@ -"), let comma = header.dropFirst(4).firstIndex(where: { $0 == "," || $0 == " " }),
              var start = Int(header.dropFirst(4)[..<comma]) else { return nil }
        let isEmptyRange = header.dropFirst(4).hasPrefix("\(start),0 ")
        if !isEmptyRange { start -= 1 }
        guard start >= position, start <= old.count else { return nil }
        out += old[position..<start]
        position = start
        while let line = lines.first, !line.hasPrefix("@@") {
            lines.removeFirst()
            var body = String(line.dropFirst())
            if lines.first?.hasPrefix("\\ No newline") == true {
                lines.removeFirst()
                body = String(body.dropLast())
            }
            switch line.first {
            case " ":
                guard position < old.count, old[position] == body else { return nil }
                out.append(body); position += 1
            case "-":
                guard position < old.count, old[position] == body else { return nil }
                position += 1
            case "+": out.append(body)
            default: return nil
            }
        }
    }
    out += old[position...]
    return out.joined()
}

@Suite("Fix: unified diff")
struct FixDiffTests {
    static let planner = FixPlanner(linter: linter, options: LintOptions(today: ExampleRunner.defaultToday))

    static func diff(_ outcome: FixPlanner.Outcome, path: String = "draft.txt") -> String {
        outcome.diff(path: path)
    }

    @Test("the diff turns the letter into the fixed letter, for", arguments: FixCorpusTests.letters)
    func diffAppliesToTheLetter(_ letter: String) throws {
        let outcome = FixCorpusTests.planner(letter).fix(try FixCorpusTests.read(letter).text)
        let diff = Self.diff(outcome, path: letter)
        guard outcome.changed else {
            #expect(diff.isEmpty)
            return
        }
        #expect(diff.hasPrefix("--- \(letter)\n+++ \(letter)\n@@ -"))
        if outcome.before.findings.contains(where: { $0.secret != nil }) {
            // Masked lines cannot apply; the letter's secrets must not be in the diff.
            for finding in outcome.before.findings {
                if let secret = finding.secret { #expect(!diff.contains(outcome.before.document.slice(secret))) }
            }
        } else {
            #expect(applyUnifiedDiff(diff, to: outcome.original) == outcome.fixed)
        }
    }

    @Test func secretsAreMaskedOnRemovedLines() {
        let key = "sk-proj-9fQ2wLmN4xTz8RbKc3VdHy7Jp1Ga6Ue5"
        let letter = fixLetter.replacingOccurrences(of: "Thank you for the chance", with: "My OpenAI key is \(key) if you need it. Thank you for the chance")
        let outcome = Self.planner.fix(letter)
        let diff = Self.diff(outcome)
        #expect(outcome.changed)
        #expect(!diff.contains(key))
        #expect(!diff.contains("9fQ2wLmN4xTz8RbKc3VdHy7J"))
        #expect(diff.contains("-My OpenAI key is sk-…"), "\(diff)")
        #expect(!outcome.fixed.contains(key))
    }

    @Test func hunksCarryContextAndLineNumbers() {
        let old = (1...20).map { "line \($0)\n" }.joined()
        let new = old.replacingOccurrences(of: "line 3\n", with: "line three\n").replacingOccurrences(of: "line 18\n", with: "")
        let side = { (text: String) in UnifiedDiff.Side(document: Document(text: text), redaction: Redaction(findings: [])) }
        let diff = UnifiedDiff.render(path: "a.txt", from: side(old), to: side(new))
        #expect(diff == """
            --- a.txt
            +++ a.txt
            @@ -1,6 +1,6 @@
             line 1
             line 2
            -line 3
            +line three
             line 4
             line 5
             line 6
            @@ -15,6 +15,5 @@
             line 15
             line 16
             line 17
            -line 18
             line 19
             line 20

            """)
        #expect(applyUnifiedDiff(diff, to: old) == new)
        #expect(UnifiedDiff.render(path: "a.txt", from: side(old), to: side(old)).isEmpty)
    }

    @Test func aMissingFinalNewlineAndCRLFLinesAreKept() {
        let side = { (text: String) in UnifiedDiff.Side(document: Document(text: text), redaction: Redaction(findings: [])) }
        let old = "Dear Priya,\r\n\r\nI resign.\r\n\r\nSincerely,"
        let new = "Dear Priya,\r\n\r\nI resign.\r\n\r\nSincerely,\r\nAlex"
        let diff = UnifiedDiff.render(path: "a.txt", from: side(old), to: side(new))
        #expect(diff.contains("@@ -2,4 +2,5 @@\n \r\n I resign.\r\n \r\n"), "\(diff)")
        #expect(diff.hasSuffix("-Sincerely,\n\\ No newline at end of file\n+Sincerely,\r\n+Alex\n\\ No newline at end of file\n"), "\(diff)")
        #expect(applyUnifiedDiff(diff, to: old) == new)
    }

    @Test func insertionsIntoAnEmptyLetterAndDeletionsOfEverything() {
        let side = { (text: String) in UnifiedDiff.Side(document: Document(text: text), redaction: Redaction(findings: [])) }
        let diff = UnifiedDiff.render(path: "a.txt", from: side(""), to: side("Dear Priya,\n"))
        #expect(diff == "--- a.txt\n+++ a.txt\n@@ -0,0 +1 @@\n+Dear Priya,\n")
        #expect(applyUnifiedDiff(diff, to: "") == "Dear Priya,\n")
        let gone = UnifiedDiff.render(path: "a.txt", from: side("a\nb\n"), to: side(""))
        #expect(gone == "--- a.txt\n+++ a.txt\n@@ -1,2 +0,0 @@\n-a\n-b\n")
    }

    /// A file name is quoted the way git quotes it (and `git apply` reads it back) when it
    /// holds a control character, a quote or a backslash; otherwise it is left as it is.
    @Test(arguments: [
        ("drafts/Zoë's résumé draft ✓.txt", "drafts/Zoë's résumé draft ✓.txt"),
        ("a\u{1B}]0;x\u{07}b.txt", #""a\033]0;x\ab.txt""#),
        ("two\nlines\tand\r.txt", #""two\nlines\tand\r.txt""#),
        ("say \"hi\" \\ back.txt", #""say \"hi\" \\ back.txt""#),
        ("c1\u{9B}31m é.txt", #""c1\302\23331m é.txt""#),
        ("del\u{7F}.txt", #""del\177.txt""#),
    ])
    func headerPathsAreQuotedLikeGit(path: String, header: String) {
        let side = { (text: String) in UnifiedDiff.Side(document: Document(text: text), redaction: Redaction(findings: [])) }
        let diff = UnifiedDiff.render(path: path, from: side("a\n"), to: side("b\n"))
        #expect(diff.hasPrefix("--- \(header)\n+++ \(header)\n@@ -1 +1 @@\n"), "\(diff)")
    }
}
