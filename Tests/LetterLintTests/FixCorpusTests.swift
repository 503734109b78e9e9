import Foundation
import Testing
@testable import LetterLint

/// `fix` on every corpus letter, against the committed fixed letter beside it
/// (`corpus/<dir>/<name>.<ext>.fixed`). Regenerate them with LETTERLINT_UPDATE_GOLDENS=1
/// and review the diff: it shows exactly what `letterlint fix --write` would do.
@Suite("Fix: corpus")
struct FixCorpusTests {
    static let corpus = repositoryRoot.appending(path: "corpus")
    static let letters: [String] = InputFiles.expand([corpus.path]).files.map { String($0.dropFirst(corpus.path.count + 1)) }

    /// A fixed "today", so a date check's fix is the same on every day the tests run, and
    /// the industry of the letter's folder (`finance/…`), as the corpus reports use.
    static func options(_ letter: String) -> LintOptions {
        LintOptions(today: ExampleRunner.defaultToday, industry: Industry(rawValue: String(letter.prefix { $0 != "/" })))
    }

    /// The planner `fix` uses for a letter: Markdown is read with its markup masked.
    static func planner(_ letter: String, categories: Set<Category>? = nil) -> FixPlanner {
        FixPlanner(linter: linter, options: options(letter), categories: categories, mask: LetterFile.lintableText(forPath: letter)!)
    }

    static func read(_ letter: String) throws -> LetterFile {
        try LetterFile.read(corpus.appending(path: letter).path)
    }

    @Test("fixed golden of", arguments: letters)
    func fixedGolden(_ letter: String) throws {
        let file = try Self.read(letter)
        let outcome = Self.planner(letter).fix(file.text)
        let golden = Self.corpus.appending(path: letter + ".fixed")
        if updatingGoldens {
            try Data(file.encode(outcome.fixed)).write(to: golden)
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(outcome.fixed == expected, "fix of \(letter) changed; rerun with LETTERLINT_UPDATE_GOLDENS=1 and review the diff")
    }

    @Test("fixing twice is fixing once, and nothing fixable is left, for", arguments: letters)
    func idempotentAndComplete(_ letter: String) throws {
        let once = Self.planner(letter).fix(try Self.read(letter).text)
        #expect(once.remaining.isEmpty, "\(letter): still fixable: \(once.remaining.map(\.ruleID))")
        #expect(!once.after.findings.contains { $0.isFixable }, "\(letter): check still offers fixes: \(once.after.findings.filter(\.isFixable).map(\.ruleID))")
        let twice = Self.planner(letter).fix(once.fixed)
        #expect(twice.fixed == once.fixed, "\(letter): a second fix changed the letter")
        #expect(twice.applied.isEmpty)
        // Each category on its own is idempotent too (what `--only` does).
        for category in Set(once.applied.compactMap { e in once.before.findings.first { $0.ruleID == e.ruleID }?.category }) {
            let only = Self.planner(letter, categories: [category])
            let fixed = only.fix(once.original).fixed
            #expect(only.fix(fixed).fixed == fixed, "\(letter): --only \(category.rawValue) is not idempotent")
        }
    }

    @Test("fixing never touches clean letters", arguments: letters.filter { ($0 as NSString).lastPathComponent.hasPrefix("clean-") })
    func cleanLettersAreUnchanged(_ letter: String) throws {
        let outcome = Self.planner(letter).fix(try Self.read(letter).text)
        #expect(!outcome.changed)
        #expect(outcome.applied.isEmpty)
    }

    @Test("fixing keeps what is not flagged, in", arguments: letters)
    func unflaggedTextIsKept(_ letter: String) throws {
        // Every line the original shares with no finding is still in the fixed letter:
        // fixes rewrite what they flag and nothing else.
        let outcome = Self.planner(letter).fix(try Self.read(letter).text)
        let document = Document(text: outcome.original)
        let flagged = outcome.before.findings.filter(\.isFixable).map { finding in
            document.paragraphs.first { $0.range.contains(finding.range.lowerBound) || $0.range.upperBound == finding.range.lowerBound }?.range ?? finding.range
        }
        for line in document.lines where !line.isEmpty && !flagged.contains(where: { $0.overlaps(line) }) {
            let text = document.slice(line)
            #expect(outcome.fixed.contains(text), "\(letter): lost the line \"\(text)\"")
        }
    }
}
