import Testing
@testable import LetterLint

/// The template library of Lexicons/templates/: it loads, it is complete, its format is
/// strict (a typo is an error at file:line), and none of its sentences is flagged by the
/// rules it is meant to satisfy.
@Suite("Template library")
struct TemplateLibraryTests {
    static let library: TemplateLibrary = {
        do { return try TemplateLibrary.bundled() } catch { fatalError("bundled templates do not load: \(error)") }
    }()

    /// Facts for every slot, as a real letter gives them.
    static let allFacts = TemplateValues([
        .name: "Alex Kim", .manager: "Priya", .company: "Northwind Analytics", .role: "Machine Learning Engineer",
        .lastDay: "Friday, 10 April 2026", .project: "the fraud detection model", .successor: "Sam",
    ])

    /// Only the facts every letter must give.
    static let requiredFacts = TemplateValues(allFacts.values.filter { !$0.key.isOptional })

    static func load(_ yaml: String, file: String = "templates/test.yml") throws(LoadError) -> TemplateLibrary {
        try TemplateLibrary(files: [(path: file, text: yaml)])
    }

    // MARK: Completeness

    @Test func everyStyleToneIndustryAndChecklistIsThere() {
        let library = Self.library
        #expect(library.letters.count == LetterStyle.allCases.count * LetterTone.allCases.count)
        for industry in Industry.allCases {
            #expect(library.handover[industry] != nil, "no handover paragraph for \(industry)")
            let lists = library.checklists(for: industry)
            #expect(lists.first?.industry == nil, "the list for every AI role comes first")
            #expect(lists.contains { $0.industry == industry })
        }
        #expect(library.clause("handoff", industry: nil) != nil)
        #expect(library.clause("last-day", industry: .finance)?.variants.first?.text == "My last working day will be {last_day}.")
    }

    @Test func everyLexiconReferenceResolvesAndEveryPhrasingIsUsed() throws {
        let specs = bundledRules.rules.map(\.spec)
        try Self.library.checkReferences(in: specs)
        let used = Set(specs.compactMap(\.fix?.text).flatMap { TemplateLibrary.references(in: $0) }.filter { $0.kind == .phrasing }.map(\.id))
        #expect(Set(Self.library.phrasings.keys).subtracting(used).isEmpty, "phrasings no rule uses: \(Set(Self.library.phrasings.keys).subtracting(used).sorted())")
    }

    @Test func aBadReferenceInAUserLexiconIsAnErrorAtTheRule() throws {
        let specs = try LexiconLoader.parse("""
            rules:
              - id: grievance.my-rule
                kind: phrase
                severity: warning
                description: d
                message: m
                reason: r
                patterns: ['\\bawful\\b']
                fix: {action: replace-sentence, title: t, text: '{phrasing:no-such-thing}'}
                examples: {flag: [awful], pass: [fine]}
            """, file: "mine.yml")
        let error = #expect(throws: LoadError.self) { try Self.library.checkReferences(in: specs) }
        #expect(error?.file == "mine.yml")
        #expect(error?.line == 2)
        #expect(error?.message.contains("{phrasing:no-such-thing}") == true)
    }

    // MARK: Strict format

    @Test func anUnknownSlotIsALoadErrorAtItsLine() {
        let error = #expect(throws: LoadError.self) {
            try Self.load("""
                phrasings:
                  - id: thanks
                    text:
                      - Thank you, {manger}.
                """)
        }
        #expect(error?.file == "templates/test.yml")
        #expect(error?.line == 4)
        #expect(error?.message.contains("unknown slot '{manger}'") == true)
        #expect(error?.description.hasPrefix("templates/test.yml:4: ") == true)
    }

    @Test func strayBracesUnknownKeysAndDuplicatesAreErrors() {
        let cases: [(String, Int, String)] = [
            ("phrasings:\n  - id: a\n    text: 'Dear {manager,'\n", 3, "without a closing"),
            ("phrasings:\n  - id: a\n    text: 'Dear manager},'\n", 3, "without a '{'"),
            ("phrasings:\n  - id: a\n    txt: Hello.\n", 3, "unknown key 'txt'"),
            ("phrasings:\n  - id: a\n    text: One.\n  - id: a\n    text: Two.\n", 4, "defined twice"),
            ("phrasings:\n  - id: Not_Kebab\n    text: One.\n", 2, "lower-case words"),
            ("clauses:\n  - id: handoff\n    industry: mining\n    text: One.\n", 3, "is not one of"),
            ("letters:\n  - style: open-door\n    tone: cheerful\n", 3, "tone 'cheerful'"),
            ("checklists:\n  - industry: tech\n    title: T\n    sections:\n      - title: S\n        items: ['Hand over {project}']\n", 6, "takes no slots"),
        ]
        for (yaml, line, message) in cases {
            let error = #expect(throws: LoadError.self, "\(yaml)") { try Self.load(yaml) }
            #expect(error?.line == line, "\(yaml)")
            #expect(error?.message.contains(message) == true, "\(error?.message ?? "no error") should say \(message)")
        }
    }

    @Test func theLastVariantMayNotNeedAnOptionalFact() {
        let error = #expect(throws: LoadError.self) {
            try Self.load("""
                phrasings:
                  - id: proud
                    text:
                      - I am proud of {project}, {manager}.
                      - I am proud of {project}.
                """)
        }
        #expect(error?.line == 5)
        #expect(error?.message.contains("{project}") == true)
    }

    @Test func aVariantThatCanNeverBeChosenIsAnError() {
        let error = #expect(throws: LoadError.self) {
            try Self.load("""
                phrasings:
                  - id: thanks
                    text:
                      - Thank you.
                      - Thank you, {manager}.
                """)
        }
        #expect(error?.line == 5)
        #expect(error?.message.contains("never be used") == true)
    }

    @Test func aLetterNeedsExactlyOneHandoverAndAPlainClosing() {
        let noHandover = #expect(throws: LoadError.self) {
            try Self.load("""
                letters:
                  - style: open-door
                    tone: neutral
                    salutation: Dear {manager},
                    paragraphs:
                      - text: I resign.
                    closing: Sincerely,
                """)
        }
        #expect(noHandover?.line == 2)
        #expect(noHandover?.message.contains("exactly one 'use: handover'") == true)
        let slotInClosing = #expect(throws: LoadError.self) {
            try Self.load("""
                letters:
                  - style: open-door
                    tone: neutral
                    salutation: Dear {manager},
                    paragraphs:
                      - use: handover
                    closing: Yours, {name}
                """)
        }
        #expect(slotInClosing?.line == 7)
    }

    @Test func anIncompleteLibraryIsRefusedWhenCompletenessIsRequired() {
        let error = #expect(throws: LoadError.self) {
            try TemplateLibrary(files: [(path: "letters.yml", text: "phrasings: []\n")], requireComplete: true)
        }
        #expect(error?.message.contains("no letter for style open-door") == true)
    }

    // MARK: Rendering

    @Test func theFirstVariantWhoseFactsAreKnownIsUsed() throws {
        let text = try #require(Self.library.phrasings["proud-of-the-work"])
        #expect(text.render(Self.allFacts).text == "I am proud of my work on the fraud detection model and grateful to everyone who built it with me.")
        #expect(text.render(Self.requiredFacts).text == "I am proud of the work I did here and grateful to the people I did it with.")
    }

    @Test func aMissingRequiredFactBecomesAPlaceholderAndEveryFactIsLocated() throws {
        let text = try #require(Self.library.clause("resignation", industry: nil))
        var values = Self.allFacts
        values[.role] = nil
        let rendered = text.render(values)
        #expect(rendered.text == "Please accept this letter as formal notice of my resignation from my position as [Your role] at Northwind Analytics.")
        let bytes = Array(rendered.text.utf8)
        for fact in rendered.facts {
            let shown = String(decoding: bytes[fact.range], as: UTF8.self)
            #expect(shown == (values[fact.slot] ?? TemplateValues.placeholder(for: fact.slot)))
            #expect(fact.isPlaceholder == (values[fact.slot] == nil))
        }
        #expect(rendered.facts.map(\.slot) == [.role, .company])
    }

    // MARK: Every sentence is clean

    /// Each phrasing and clause, with and without the optional facts, inside a letter that
    /// has everything else: none may trigger a rule (apart from the clause rules the
    /// sentence alone cannot satisfy, which the surrounding letter does).
    @Test("phrasings and clauses are clean", arguments: [true, false])
    func phrasingsAndClausesAreClean(withOptionalFacts: Bool) {
        let values = withOptionalFacts ? Self.allFacts : Self.requiredFacts
        // The greeting, closing and name are letter parts, not sentences of the body.
        let parts: Set<String> = ["salutation", "closing", "signature"]
        var texts: [(String, TemplateText)] = Self.library.phrasings.map { ("phrasing \($0.key)", $0.value) }
        texts += Self.library.clauses.filter { !parts.contains($0.key.id) }
            .map { ("clause \($0.key.id) \($0.key.industry?.rawValue ?? "general")", $0.value) }
        #expect(texts.count >= 20)
        for (name, text) in texts {
            let sentence = text.render(values).text
            let letter = fixLetter.replacingOccurrences(of: "Thank you for the chance", with: sentence + " Thank you for the chance")
            let found = linter.lint(Document(text: letter), options: LintOptions(today: ExampleRunner.defaultToday)).findings
            #expect(found.isEmpty, "\(name): \(sentence) → \(found.map(\.ruleID))")
        }
    }

    @Test("every letter is clean", arguments: LetterStyle.allCases)
    func everyLetterIsClean(style: LetterStyle) {
        let composer = LetterComposer(library: Self.library, linter: linter, options: LintOptions(today: ExampleRunner.defaultToday))
        for tone in LetterTone.allCases {
            for industry in Industry.allCases {
                for values in [Self.allFacts, Self.requiredFacts] {
                    let letter = composer.compose(.init(style: style, tone: tone, industry: industry, values: values))
                    // Checked as a user would: the employer is inferred from the letter itself.
                    let found = linter.lint(Document(text: letter.text), options: LintOptions(today: ExampleRunner.defaultToday)).findings
                    #expect(found.isEmpty, "\(style.rawValue)/\(tone.rawValue)/\(industry.rawValue): \(found.map(\.ruleID))\n\(letter.text)")
                    #expect(letter.dropped.isEmpty)
                    #expect(letter.text.hasPrefix("Dear Priya,\n\n"))
                    #expect(letter.text.hasSuffix("\nAlex Kim\n"))
                    #expect(letter.text.contains("Friday, 10 April 2026"))
                    #expect(!letter.text.contains("{") && !letter.text.contains("}"))
                }
            }
        }
    }

    @Test func checklistsRenderAsTextAndMarkdown() {
        let lists = Self.library.checklists(for: .finance)
        let text = ChecklistReport.render(lists, industry: .finance, format: .text)
        let markdown = ChecklistReport.render(lists, industry: .finance, format: .markdown)
        #expect(text.contains("[ ] Bring the model risk documentation and validation reports up to date"))
        #expect(text.contains("GPU clusters"))
        #expect(!text.contains("Document the forecasting inputs"), "the retail list is not in the finance checklist")
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 88 })
        #expect(markdown.hasPrefix("# "))
        #expect(markdown.contains("\n- [ ] Document the data lineage of each model"))
        let items = lists.flatMap(\.sections).flatMap(\.items)
        #expect(markdown.components(separatedBy: "- [ ] ").count - 1 == items.count)
    }
}
