import Foundation
import Testing
@testable import LetterLint

/// Every corpus letter against its committed, human-readable expected report
/// (`<letter>.expected`), and against the findings its author intended (corpus/intent.yml).
/// Regenerate the expected reports with LETTERLINT_UPDATE_GOLDENS=1 and review the diff.
@Suite("Corpus")
struct CorpusTests {
    static let corpus = repositoryRoot.appending(path: "corpus")

    static let letters: [String] = InputFiles.expand([corpus.path]).files
        .map { String($0.dropFirst(corpus.path.count + 1)) }

    /// letter path → the rule ids its author meant it to trigger.
    static let intent: [String: Set<String>] = {
        let file = corpus.appending(path: "intent.yml")
        guard let text = try? String(contentsOf: file, encoding: .utf8),
              let root = try? YAMLValue.parse(text, file: file.path),
              case .mapping(let mapping) = root.node else { return [:] }
        var result: [String: Set<String>] = [:]
        for (key, value) in mapping {
            guard let path = key.scalar?.string, case .sequence(let ids) = value else { continue }
            result[path] = Set(ids.compactMap { $0.scalar?.string })
        }
        return result
    }()

    /// Each letter is checked on a fixed day (Monday 2 March 2026, the examples' day) and
    /// under the industry of its folder, so date and notice findings never depend on the day
    /// the tests run.
    static func options(_ letter: String) -> LintOptions {
        let folder = letter.split(separator: "/").first.map(String.init) ?? ""
        return LintOptions(today: ExampleRunner.defaultToday, industry: Industry(rawValue: folder))
    }

    static func report(_ letter: String) throws -> FileReport {
        let bytes = try InputFiles.read(corpus.appending(path: letter).path)
        return try Checker(linter: linter, options: options(letter)).check(bytes: bytes, path: letter)
    }

    @Test func theCorpusIsLargeAndEveryLetterHasAnIntent() {
        #expect(Self.letters.count >= 60)
        #expect(Set(Self.letters) == Set(Self.intent.keys), "corpus/intent.yml and the letters disagree")
    }

    @Test("expected report of", arguments: letters)
    func expectedReport(_ letter: String) throws {
        let actual = HumanReport.render([try Self.report(letter)], style: .init(color: false, summary: true))
        let expectedFile = Self.corpus.appending(path: letter + ".expected")
        if updatingGoldens {
            try actual.write(to: expectedFile, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: expectedFile, encoding: .utf8)
        #expect(actual == expected, "report for \(letter) changed; rerun with LETTERLINT_UPDATE_GOLDENS=1 and review the diff")
    }

    @Test("intended findings of", arguments: letters)
    func intendedFindings(_ letter: String) throws {
        let found = Set(try Self.report(letter).findings.map(\.ruleID))
        let intended = try #require(Self.intent[letter])
        #expect(found.subtracting(intended).isEmpty, "unintended findings in \(letter): \(found.subtracting(intended).sorted())")
        #expect(intended.subtracting(found).isEmpty, "missed findings in \(letter): \(intended.subtracting(found).sorted())")
    }

    @Test("clean letters stay clean", arguments: letters.filter { ($0 as NSString).lastPathComponent.hasPrefix("clean-") })
    func cleanLettersHaveNothingAboveInfo(_ letter: String) throws {
        let serious = try Self.report(letter).findings.filter { $0.severity > .info }
        #expect(serious.isEmpty, "\(letter): \(serious.map(\.ruleID))")
    }

    @Test("fixes remove what they fix", arguments: letters)
    func applyingEveryFixClearsThoseFindings(_ letter: String) throws {
        let report = try Self.report(letter)
        let fixable = report.findings.filter { $0.isFixable && $0.category != .placeholder }
        guard !fixable.isEmpty else { return }
        // Apply non-overlapping edits, first come first served (the order `fix` will use).
        var taken: [Range<Int>] = []
        var edits: [TextEdit] = []
        for edit in fixable.compactMap({ $0.fixes.first?.edits.first }) where !taken.contains(where: { $0.overlaps(edit.range) || $0 == edit.range }) {
            taken.append(edit.range)
            edits.append(edit)
        }
        let fixed = FixApplier.apply(edits, to: report.result.document.text)
        let fixedIDs = Set(edits.compactMap { edit in fixable.first { $0.fixes.first?.edits.first == edit }?.ruleID })
        let remaining = Checker(linter: linter, options: Self.options(letter)).check(text: fixed, path: letter).findings
        let stillThere = remaining.filter { fixedIDs.contains($0.ruleID) && $0.range.isEmpty }
        #expect(stillThere.isEmpty, "\(letter): inserted clauses still missing: \(stillThere.map(\.ruleID))")
        #expect(remaining.filter { $0.isFixable && $0.category != .placeholder }.count < fixable.count)
    }
}
