import Testing
@testable import LetterLint

/// The generated test: every rule's own examples, run through the real linter, also with
/// multibyte text in front so byte offsets stay right.
@Suite("Lexicon examples")
struct LexiconExampleTests {
    static let ruleIDs = bundledRules.rules.map(\.id)

    @Test("examples of", arguments: ruleIDs)
    func examplesOf(_ id: String) throws {
        let rule = try #require(bundledRules.rule(id))
        let (checked, failures) = ExampleRunner(linter: linter).run([rule])
        #expect(checked >= 2)
        for failure in failures { Issue.record(Comment(rawValue: failure.description)) }
    }

    @Test func everyCategoryHasRulesAndTheFixedIdsExist() {
        for category in Category.allCases where category != .notice {
            #expect(bundledRules.rules.contains { $0.spec.category == category }, "no rule in \(category)")
        }
        #expect(bundledRules.rule("date.missing") != nil)
        #expect(bundledRules.rule("handoff.missing") != nil)
        #expect(bundledRules.rule("disclosure.secret")?.spec.kind == .secret)
    }

    /// Bundled patterns are compiled when a letter first needs them, so this is where a
    /// broken one would be caught.
    @Test func everyBundledPatternCompiles() {
        for rule in bundledRules.rules {
            for pattern in rule.lazyPatterns + rule.lazyExceptions {
                #expect(pattern.error == nil, "\(rule.id): \(pattern.error?.description ?? "") in \(pattern.source)")
            }
        }
    }

    @Test func vocabulariesAreGenerous() {
        let patterns = bundledRules.rules.reduce(0) { $0 + $1.spec.patterns.count + $1.spec.names.count }
        #expect(patterns >= 300, "only \(patterns) patterns")
    }
}
