import Testing
@testable import LetterLint

@Suite("Lexicon loading: typed, strict, located errors")
struct LexiconLoaderTests {
    /// A valid rule; tests break one thing at a time.
    static func rule(_ extra: String = "", id: String = "tone.test-rule", patterns: String = "['\\bfoo\\b']",
                     examples: String = "{flag: [a foo here], pass: [nothing here]}") -> String {
        """
        rules:
          - id: \(id)
            kind: phrase
            severity: warning
            description: Finds foo.
            message: Foo is not for letters.
            reason: Because foo.
            patterns: \(patterns)
            examples: \(examples)
        \(extra)
        """
    }

    func loadError(_ text: String, file: String = "my.yml") -> LoadError? {
        do {
            _ = try RuleSet(specs: LexiconLoader.parse(text, file: file))
            return nil
        } catch {
            return error
        }
    }

    @Test func aValidRuleLoadsAndRuns() throws {
        let specs = try LexiconLoader.parse(Self.rule(), file: "my.yml")
        let rules = try RuleSet(specs: specs)
        let result = Linter(ruleSet: rules).lint(Document(text: "a foo here"))
        #expect(result.findings.map(\.ruleID) == ["tone.test-rule"])
        #expect(result.findings.first?.range == 2..<5)
    }

    @Test func unknownKeyIsAnErrorAtItsLineWithASuggestion() throws {
        let error = try #require(loadError(Self.rule("    patern: ['x']")))
        #expect(error.file == "my.yml")
        #expect(error.line == 10)
        #expect(error.message.contains("unknown key 'patern'"))
        #expect(error.message.contains("did you mean 'pattern"))
        #expect(error.description.hasPrefix("my.yml:10: "))
    }

    @Test func badRegexIsAnErrorAtThePatternsLineWithItsOffset() throws {
        let text = """
            rules:
              - id: tone.test-rule
                kind: phrase
                severity: warning
                description: d
                message: m
                reason: r
                patterns:
                  - '\\bgood\\b'
                  - 'took (credit'
                examples: {flag: [x], pass: [y]}
            """
        let error = try #require(loadError(text))
        #expect(error.line == 10)
        #expect(error.message.contains("does not compile"))
        #expect(error.message.contains("at offset 12"))
    }

    @Test func wrongTypesAreErrors() throws {
        #expect(try #require(loadError(Self.rule(patterns: "'\\bfoo\\b'"))).message.contains("must be a list"))
        let severity = Self.rule().replacingOccurrences(of: "severity: warning", with: "severity: fatal")
        #expect(try #require(loadError(severity)).message.contains("severity 'fatal' is not one of: info, warning, error"))
        let boolean = Self.rule("    case-sensitive: maybe")
        #expect(try #require(loadError(boolean)).message.contains("must be true or false"))
    }

    @Test func duplicateIdsAreRejected() throws {
        let twice = Self.rule() + "\n" + Self.rule().replacingOccurrences(of: "rules:\n", with: "")
        let error = try #require(loadError(twice))
        #expect(error.message.contains("duplicate rule id 'tone.test-rule'"))
    }

    @Test func aRuleWithoutExamplesIsRejected() throws {
        let text = Self.rule().components(separatedBy: "\n").filter { !$0.contains("examples:") }.joined(separator: "\n")
        #expect(try #require(loadError(text)).message.contains("has no examples"))
        let empty = Self.rule(examples: "{flag: [], pass: [x]}")
        #expect(try #require(loadError(empty)).message.contains("examples.flag of 'tone.test-rule' is empty"))
    }

    @Test func idsMustNameAKnownCategory() throws {
        #expect(try #require(loadError(Self.rule(id: "mood.grumpy"))).message.contains("must be category.name"))
        #expect(try #require(loadError(Self.rule(id: "tone.Bad_Name"))).message.contains("kebab case"))
    }

    @Test func bundledRulesMustSitInTheirCategoryFolder() throws {
        #expect(throws: LoadError.self) { try LexiconLoader.parse(Self.rule(), file: "x.yml", folderCategory: .legal) }
    }

    @Test func unknownSlotInAFixIsRejected() throws {
        let text = Self.rule("    fix: {action: replace-match, title: t, text: 'Thanks {manger}'}")
        let error = try #require(loadError(text))
        #expect(error.message.contains("unknown slot '{manger}'"))
    }

    @Test func clauseRulesNeedAPlaceToInsert() throws {
        let text = Self.rule().replacingOccurrences(of: "kind: phrase", with: "kind: clause")
        #expect(try #require(loadError(text)).message.contains("needs 'insert-at'"))
    }

    @Test func invalidYAMLReportsItsLine() throws {
        let error = try #require(loadError("rules:\n  - id: a\n    kind: [phrase\n"))
        #expect(error.line != nil)
        #expect(error.message.contains("not valid YAML"))
    }

    @Test func defineIsPrependedAndErrorsPointIntoThePattern() throws {
        let ok = Self.rule("    define: '(?(DEFINE)(?<w>foo))'", patterns: "['\\b(?&w)\\b']")
        #expect(loadError(ok) == nil)
        let bad = Self.rule("    define: '(?(DEFINE)(?<w>foo))'", patterns: "['\\b(?&nope)\\b']")
        #expect(try #require(loadError(bad)).message.contains("does not compile"))
    }

    @Test func namesMatchAsWholeWordsWithFlexibleSpaces() throws {
        let text = """
            rules:
              - id: competitor.test-names
                kind: names
                severity: warning
                case-sensitive: true
                description: d
                message: m
                reason: r
                names: [Google DeepMind, Google, Character.AI]
                examples: {flag: [at Google], pass: [googled it]}
            """
        let rules = try RuleSet(specs: LexiconLoader.parse(text, file: "n.yml"))
        let found = Linter(ruleSet: rules).lint(Document(text: "Google\nDeepMind, Googles and Character.AI.")).findings
        #expect(found.map(\.range) == [0..<15, 29..<41])
    }
}
