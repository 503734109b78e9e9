import Foundation
import LetterLint

/// In-process timings of letterlint's start-up phases, to see where a single-letter run
/// spends its time.
enum Phases {
    static func run(letter: String) -> String {
        func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
            let start = DispatchTime.now().uptimeNanoseconds
            let value = try body()
            return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        do {
            let (specs, decode) = try time { try LexiconLoader.bundled() }
            let (rules, compile) = try time { try RuleSet(specs: specs) }
            let linter = Linter(ruleSet: rules)
            let text = try String(contentsOfFile: letter, encoding: .utf8)
            let (_, first) = time { linter.lint(Document(text: text)) }
            let (_, second) = time { linter.lint(Document(text: text)) }
            return String(format: "decode lexicons %.2f ms, compile %d patterns %.2f ms, first letter %.2f ms, next letter %.2f ms\n",
                          decode, rules.prefilter.patternCount, compile, first, second)
        } catch {
            return "error: \(error)\n"
        }
    }
}
