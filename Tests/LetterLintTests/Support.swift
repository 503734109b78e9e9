import Foundation
import LetterLintFixtures
@testable import LetterLint

/// The repository root, found from this file's path (tests run from any directory).
let repositoryRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The bundled rules, compiled once for all tests.
let bundledRules: RuleSet = {
    do { return try RuleSet.load() } catch { fatalError("bundled lexicons do not load: \(error)") }
}()

let linter = Linter(ruleSet: bundledRules)

/// Findings of one rule (or all rules) in a text.
func findings(_ text: String, rule: String? = nil, employers: [String] = []) -> [Finding] {
    let result = linter.lint(Document(text: text), options: LintOptions(employers: employers))
    return result.findings.filter { rule == nil || $0.ruleID == rule }
}

/// The text a finding covers.
func excerpt(_ finding: Finding, in text: String) -> String {
    String(decoding: Array(text.utf8)[finding.range], as: UTF8.self)
}

/// Set LETTERLINT_UPDATE_GOLDENS=1 to rewrite expected files instead of comparing.
let updatingGoldens = ProcessInfo.processInfo.environment["LETTERLINT_UPDATE_GOLDENS"] == "1"

/// A small valid letter for tests that need the clauses present.
let cleanLetter = SampleLetter.clean
