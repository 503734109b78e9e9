import Foundation
import Testing
@testable import LetterLint
import LexiconKit

/// The tables lexicon-embedder generates at build time against what the loader and the
/// literal analysis give now, from the files in the repository: a stale table (a build that
/// missed an edit) or a generator bug fails here instead of silently changing what runs.
/// A stale table after adding or deleting lexicon files is SwiftPM not re-planning the build:
/// `touch Package.swift` and build again.
@Suite("Lexicons embedded at build time")
struct EmbeddedLexiconsTests {
    static let lexicons = repositoryRoot.appending(path: "Lexicons")

    /// (path relative to Lexicons/, text) of every lexicon file, in path order.
    static let files: [(path: String, text: String)] = {
        guard let walker = FileManager.default.enumerator(at: lexicons, includingPropertiesForKeys: nil) else { return [] }
        let root = lexicons.standardizedFileURL.path
        return walker.compactMap { $0 as? URL }
            .filter { ["yml", "yaml"].contains($0.pathExtension) }
            .map { url in
                (path: String(url.standardizedFileURL.path.dropFirst(root.count + 1)),
                 text: (try? String(contentsOf: url, encoding: .utf8)) ?? "")
            }
            .sorted { $0.path < $1.path }
    }()

    /// The bundled rules as the strict loader reads them today: `Lexicons/<path>` names, the
    /// folder's category enforced, marked bundled.
    static let parsedSpecs: [RuleSpec] = {
        var specs: [RuleSpec] = []
        for file in files where !file.path.hasPrefix("templates/") {
            let folder = file.path.split(separator: "/").first.map(String.init) ?? ""
            do {
                specs += try LexiconLoader.parse(file.text, file: "Lexicons/" + file.path,
                                                 folderCategory: Category(rawValue: folder)).map {
                    var spec = $0
                    spec.isBundled = true
                    return spec
                }
            } catch {
                Issue.record("\(error)")
            }
        }
        return specs
    }()

    @Test func theEmbeddedRulesAreTheRepositoryLexicons() throws {
        let embedded = try LexiconLoader.bundled()
        #expect(Self.parsedSpecs.count > 50)
        #expect(embedded.map(\.id) == Self.parsedSpecs.map(\.id))
        for (built, parsed) in zip(embedded, Self.parsedSpecs) {
            #expect(built == parsed, "\(parsed.id) (\(parsed.file)) differs from the table generated at build time")
        }
    }

    @Test func theEmbeddedTemplatesAreTheRepositoryTemplates() throws {
        let files = Self.files.filter { $0.path.hasPrefix("templates/") }.map { (path: "Lexicons/" + $0.path, text: $0.text) }
        #expect(!files.isEmpty)
        let parsed = try TemplateLibrary(files: files, requireComplete: true)
        let embedded = try TemplateLibrary.bundled()
        #expect(embedded.phrasings == parsed.phrasings)
        #expect(embedded.clauses == parsed.clauses)
        #expect(embedded.handover == parsed.handover)
        #expect(embedded.letters == parsed.letters)
        #expect(embedded.checklists == parsed.checklists)
        #expect(embedded == parsed)
    }

    /// Every bundled pattern, exactly as RuleSet compiles it, has the required literals that
    /// ``RequiredLiterals`` computes now, with sets sorted and in the analysis' order, and the
    /// table holds nothing else.
    @Test func theEmbeddedRequirementsAreTheAnalysisOfEveryBundledPattern() {
        var expected: [String: [[String]]] = [:]
        for spec in Self.parsedSpecs {
            let definitions = RequiredLiterals.definitions(spec.definePrefix)
            for pattern in spec.matchPatterns {
                let sets = RequiredLiterals.of(pattern.text, definitions: definitions) ?? []
                expected[spec.definePrefix + pattern.text] = sets.map { $0.sorted() }
            }
        }
        #expect(expected.count > 300)
        #expect(Set(EmbeddedLexicons.requirements.keys) == Set(expected.keys))
        for (source, sets) in expected {
            #expect(EmbeddedLexicons.requirements[source] == sets, "\(source.prefix(120))")
        }
    }

    /// RuleSet builds the same sources as the generator: no bundled pattern misses the table
    /// (which would mean analysing it at every start).
    @Test func everyBundledPatternIsInTheTable() throws {
        let rules = try RuleSet(specs: LexiconLoader.bundled())
        let sources = rules.rules.flatMap(\.lazyPatterns).map(\.source)
        #expect(sources.count == rules.prefilter.patternCount)
        for source in sources {
            #expect(EmbeddedLexicons.requirements[source] != nil, "not in the table: \(source.prefix(120))")
        }
    }

    /// Configured competitor names change the `names` alternation, which is then not in the
    /// table: it is analysed at load, so the prefilter still lets it run on a letter naming
    /// the new competitor.
    @Test func namesAddedAtRunTimeAreAnalysedAtLoad() throws {
        let rules = try RuleSet.load(extraNames: ["competitor.ai-lab": ["Initech Quantum"]])
        let rule = try #require(rules.rule("competitor.ai-lab"))
        #expect(rule.lazyPatterns.contains { EmbeddedLexicons.requirements[$0.source] == nil })
        let found = Linter(ruleSet: rules).lint(Document(text: "Next month I start at Initech Quantum.")).findings
        #expect(found.contains { $0.ruleID == "competitor.ai-lab" })
    }

    /// The build fails on an invalid bundled lexicon with the loader's error; the loader
    /// itself reports it at the file and line, with the folder's category enforced.
    @Test func anInvalidBundledLexiconIsAnErrorAtItsLine() throws {
        let text = LexiconLoaderTests.rule("    patern: ['x']")
        let error = #expect(throws: LoadError.self) { try LexiconLoader.parseBundled(text, path: "tone/test.yml") }
        #expect(error?.file == "Lexicons/tone/test.yml")
        #expect(error?.line == 10)
        let misplaced = #expect(throws: LoadError.self) { try LexiconLoader.parseBundled(LexiconLoaderTests.rule(), path: "legal/test.yml") }
        #expect(misplaced?.message.contains("is in the legal/ folder") == true)
        #expect(try LexiconLoader.parseBundled(LexiconLoaderTests.rule(), path: "tone/test.yml").allSatisfy(\.isBundled))
    }
}
