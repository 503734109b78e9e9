import Foundation
import Testing
@testable import LetterLint

@Suite("Prefilter: required literals and Aho-Corasick")
struct PrefilterTests {
    @Test(arguments: [
        (#"\btook\s+credit\s+for\s+my\b"#, Set(["credit"])),
        (#"\b(?:lawyer|attorney)s?\b"#, Set(["lawyer", "lawyers", "attorney", "attorneys"])),
        (#"colou?r\s+scheme"#, Set(["scheme"])),
        (#"\bcolou?r\b"#, Set(["colour", "color"])),
        (#"(?-i:\p{Lu})\w+\s+Labs"#, Set(["labs"])),
        (#"(?<=my\s)work(?!er)"#, Set(["work"])),
        (#"\bI[''’]ll\s+be\s+joining\b"#, Set(["joining"])),
        (#"\b[Tt][Oo][Dd][Oo]\b"#, Set(["todo"])),
        (#"\b[a-z]{4}\b"#, nil),
        (#"(\w+\s?)*$"#, nil),
        (#"\d{3,}"#, nil),
        (#"(?x) took credit"#, nil),
        (#"sk-(?:proj-)?[A-Za-z0-9]{20,}"#, Set(["sk-", "sk-proj-"])),
        (#"(?(DEFINE)(?<d>\d+))last\s+day\s+(?&d)"#, Set(["last"])),
    ] as [(String, Set<String>?)])
    func requiredLiterals(_ pattern: String, _ expected: Set<String>?) {
        #expect(RequiredLiterals.of(pattern) == expected, "\(pattern)")
    }

    @Test func ahoCorasickFindsOverlappingLiteralsCaseInsensitively() {
        let ac = AhoCorasick(["he", "she", "his", "hers"])
        var found: [Int] = []
        Array("uSHErs".utf8).withUnsafeBufferPointer { ac.scan($0) { found.append($0) } }
        #expect(found.sorted() == [0, 1, 3])
    }

    @Test func mostBundledPatternsAreFiltered() {
        let filter = bundledRules.prefilter
        #expect(filter.patternCount > 300)
        #expect(filter.filteredPatternCount * 10 >= filter.patternCount * 7, "\(filter.filteredPatternCount) of \(filter.patternCount)")
    }

    /// The filter must never change a result: the same findings with it and without it.
    @Test func findingsAreTheSameWithAndWithoutTheFilter() throws {
        var unfiltered = Linter(ruleSet: bundledRules)
        unfiltered.prefiltering = false
        var texts = bundledRules.rules.flatMap { ($0.spec.flagExamples + $0.spec.passExamples).map(\.text) }
        for path in InputFiles.expand([repositoryRoot.appending(path: "corpus").path]).files {
            texts.append(try TextDecoding.decode(try InputFiles.read(path)).text)
        }
        let options = LintOptions(today: ExampleRunner.defaultToday)
        for text in texts {
            let a = linter.lint(Document(text: text), options: options).findings
            let b = unfiltered.lint(Document(text: text), options: options).findings
            #expect(a == b, "\(text.prefix(80))")
        }
        #expect(texts.count > 900)
    }

    @Test func foldingSurprisesTurnTheFilterOff() {
        let kelvin = "I am leaving to wor\u{212A} elsewhere."
        let bytes = Array(kelvin.utf8)
        bytes.withUnsafeBufferPointer { #expect(Prefilter.containsFoldingSurprises($0)) }
        Array("plain text".utf8).withUnsafeBufferPointer { #expect(!Prefilter.containsFoldingSurprises($0)) }
    }
}
