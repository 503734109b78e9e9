import Foundation
import Testing
@testable import LetterLint

@Suite("Prefilter: required literals and Aho-Corasick")
struct PrefilterTests {
    @Test(arguments: [
        (#"\btook\s+credit\s+for\s+my\b"#, [["took"], ["credit"], ["for"]]),
        (#"\b(?:lawyer|attorney)s?\b"#, [["lawyer", "lawyers", "attorney", "attorneys"]]),
        (#"colou?r\s+scheme"#, [["colour", "color"], ["scheme"]]),
        (#"\bcolou?r\b"#, [["colour", "color"]]),
        (#"(?-i:\p{Lu})\w+\s+Labs"#, [["labs"]]),
        (#"(?<=my\s)work(?!er)"#, [["work"]]),
        (#"\bI[''’]ll\s+be\s+joining\b"#, [["i'll", "i’ll"], ["joining"]]),
        (#"\b[Tt][Oo][Dd][Oo]\b"#, [["todo"]]),
        (#"\b[a-z]{4}\b"#, nil),
        (#"(\w+\s?)*$"#, nil),
        (#"\d{3,}"#, nil),
        (#"(?x) took credit"#, nil),
        (#"took\s+\Kcredit"#, nil),
        (#"\Gtook credit"#, nil),
        (#"(?ix)took credit"#, nil),
        (#"(?i-s:x)took credit"#, [["xtook credit"]]),
        (#"(\w+) \g1 again"#, [[" again"]]),
        (#"(\w+) \g-1 again"#, [[" again"]]),
        (#"took x{,3} credit"#, [["took "], [" credit"]]),
        (#"sk-(?:proj-)?[A-Za-z0-9]{20,}"#, [["sk-", "sk-proj-"]]),
        (#"(?(DEFINE)(?<d>\d+))last\s+day\s+(?&d)"#, [["last"], ["day"]]),
        // Every set of a sequence is kept: the common words around "account" filter nothing,
        // the alternation still needs one of its words.
        (#"\bthe\s+\w+\s+(?:account|contract)\s+(?:team|deal)"#, [["the"], ["account", "contract"], ["team", "deal"]]),
        // An alternation of sequences: each branch gives its most selective word.
        (#"(?:quit\s+over|fed\s+up\s+with)\s+pay"#, [["quit", "with"], ["pay"]]),
    ] as [(String, [Set<String>]?)])
    func requiredLiterals(_ pattern: String, _ expected: [Set<String>]?) {
        #expect(RequiredLiterals.of(pattern) == expected, "\(pattern)")
    }

    @Test func aDefineThatChangesHowPatternsReadTurnsTheAnalysisOff() {
        #expect(RequiredLiterals.of("took credit", definitions: RequiredLiterals.definitions("(?x)")) == nil)
        #expect(RequiredLiterals.of("took credit", definitions: RequiredLiterals.definitions("(?(DEFINE)(?<a>b))")) == [["took credit"]])
    }

    @Test func aPatternRunsOnlyWhenEverySetIsMet() {
        let filter = Prefilter(requirements: [[["credit"], ["took", "stole"]], [], [["lawsuit"]]])
        func candidates(_ text: String) -> [Bool] { Array(text.utf8).withUnsafeBufferPointer { filter.candidates(in: $0) } }
        #expect(candidates("He STOLE the credit.") == [true, true, false])
        #expect(candidates("Credit where due.") == [false, true, false])
        #expect(candidates("A lawsuit; he took it.") == [false, true, true])
    }

    @Test func ahoCorasickFindsOverlappingLiteralsCaseInsensitively() {
        let ac = AhoCorasick(["he", "she", "his", "hers"])
        var found: [Int] = []
        var ends: [Int] = []
        Array("uSHErs".utf8).withUnsafeBufferPointer { ac.scan($0) { literal, lastByte in found.append(literal); ends.append(lastByte) } }
        #expect(found == [1, 0, 3])
        #expect(ends == [3, 3, 5])
    }

    @Test func onlyUnitsHoldingALiteralOfEverySetCanMatch() {
        let filter = Prefilter(requirements: [[["credit"], ["took", "stole"]], []])
        let text = "He took the credit. Credit is due. She stole it."
        let units = [0..<19, 20..<34, 35..<48]
        let scan = Array(text.utf8).withUnsafeBufferPointer { filter.scan($0) }
        #expect(scan.patterns == [true, true])
        #expect(scan.units(units, for: 0) == [true, false, false])
        #expect(scan.units(units, for: 1) == nil, "a pattern without literals may match anywhere")
        // A literal that straddles two units counts for neither.
        let straddled = Array("He took the credit.".utf8).withUnsafeBufferPointer { filter.scan($0) }
        #expect(straddled.patterns == [true, true])
        #expect(straddled.units([0..<5, 5..<19], for: 0) == [false, false])
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
