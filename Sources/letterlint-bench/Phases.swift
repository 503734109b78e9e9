import Foundation
import LetterLint
import PCRE2

/// In-process timings of letterlint's start-up phases, to see where a single-letter run
/// spends its time.
enum Phases {
    /// - Parameter jit: as a batch compiles patterns; a run of one letter interprets them.
    ///   One mode per process: a second run in the same process would start warm.
    static func run(letter: String, jit: Bool) -> String {
        func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
            let start = DispatchTime.now().uptimeNanoseconds
            let value = try body()
            return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        do {
            let (specs, decode) = try time { try LexiconLoader.bundled() }
            let text = try String(contentsOfFile: letter, encoding: .utf8)
            let (rules, compile) = try time { try RuleSet(specs: specs, jit: jit) }
            let linter = Linter(ruleSet: rules)
            let (_, first) = time { linter.lint(Document(text: text)) }
            let (_, second) = time { linter.lint(Document(text: text)) }
            return String(format: "%@: decode lexicons %.2f ms, prepare %d patterns %.2f ms, first letter %.2f ms, next letter %.2f ms\n",
                          (jit ? "JIT" : "interpreted") as NSString, decode, rules.prefilter.patternCount, compile, first, second)
        } catch {
            return "error: \(error)\n"
        }
    }
}

extension Phases {
    /// Time per rule over a folder of letters, most expensive first: where a check spends
    /// its time once start-up is paid.
    static func ruleCosts(folder: String) -> String {
        do {
            let rules = try RuleSet(specs: try LexiconLoader.bundled())
            let linter = Linter(ruleSet: rules)
            let texts = InputFiles.expand([folder]).files.compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }
            let documents = texts.map { Document(text: $0) }
            var costs: [(String, Double)] = []
            for rule in rules.rules {
                let options = LintOptions(onlyRules: [rule.id], today: CivilDate(year: 2026, month: 3, day: 2))
                let start = DispatchTime.now().uptimeNanoseconds
                for document in documents { _ = linter.lint(document, options: options) }
                costs.append((rule.id, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6))
            }
            let baseline = costs.map(\.1).min() ?? 0
            let total = costs.reduce(0) { $0 + $1.1 - baseline }
            var out = String(format: "%d letters; per-letter overhead (facts, prefilter) %.2f ms; rules %.2f ms per letter\n",
                             documents.count, baseline / Double(documents.count), total / Double(documents.count))
            for (id, ms) in costs.sorted(by: { $0.1 > $1.1 }).prefix(15) {
                out += String(format: "  %-36@ %8.3f ms per letter\n", id as NSString, (ms - baseline) / Double(documents.count))
            }
            return out
        } catch {
            return "error: \(error)\n"
        }
    }
}

extension Phases {
    /// Patterns that have no usable literal and so run on every letter, as the prefilter
    /// of the bundled rule set sees them.
    static func unfiltered() -> String {
        guard let rules = try? RuleSet.load() else { return "error\n" }
        var out = ""
        var count = 0
        for (id, pattern) in rules.patternSources.enumerated() where rules.prefilter.runsOnEveryLetter(id) {
            count += 1
            out += "\(pattern.rule): \(pattern.source.suffix(110))\n"
        }
        return out + "\(count) patterns run on every letter\n"
    }
}

extension Phases {
    /// Time per pattern over a folder, counting only the letters the prefilter lets it run
    /// on, most expensive first: which patterns a lexicon author should narrow.
    static func patternCosts(folder: String) -> String {
        do {
            let rules = try RuleSet(specs: try LexiconLoader.bundled())
            let texts = InputFiles.expand([folder]).files.compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }
            let subjects = texts.map { Array($0.utf8) }
            let candidates = subjects.map { bytes in bytes.withUnsafeBufferPointer { rules.prefilter.candidates(in: $0) } }
            let matcher = Matcher()
            var costs: [(rule: String, ms: Double, runs: Int, source: String)] = []
            for (id, pattern) in rules.patternSources.enumerated() {
                let regex = try PCRE2.Regex(pattern.source, options: pattern.options, jit: true)
                var runs = 0
                let start = DispatchTime.now().uptimeNanoseconds
                for (subject, runnable) in zip(subjects, candidates) where runnable[id] {
                    runs += 1
                    _ = try subject.withUnsafeBufferPointer { try matcher.allMatches(of: regex, in: $0) }
                }
                costs.append((pattern.rule, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6, runs, pattern.source))
            }
            let total = costs.reduce(0) { $0 + $1.ms }
            var out = String(format: "%d letters, %d patterns: %.3f ms per letter in all\n", subjects.count, costs.count, total / Double(subjects.count))
            for c in costs.sorted(by: { $0.ms > $1.ms }).prefix(40) {
                out += String(format: "%8.4f ms/letter  runs %5d  %@  %@\n", c.ms / Double(subjects.count), c.runs,
                              c.rule as NSString, String(c.source.suffix(90)) as NSString)
            }
            return out
        } catch {
            return "error: \(error)\n"
        }
    }
}
