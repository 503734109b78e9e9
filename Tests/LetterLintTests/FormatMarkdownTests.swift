import Foundation
import Testing
@testable import LetterLint

@Suite("Formats: Markdown")
struct FormatMarkdownTests {
    func text(_ markdown: String, _ options: InputFormat.Options = .init()) throws -> String {
        try InputFormat.markdown.extract(Array(markdown.utf8), options: options).text
    }

    @Test func maskingKeepsEveryByteOffsetAndLine() throws {
        let markdown = "# Title #\n\nSome **bold** and _it_ and [a link](http://x.example/a_b*c*) and `code`.\n"
        let masked = try text(markdown)
        #expect(masked.utf8.count == markdown.utf8.count)
        #expect(masked.split(separator: "\n", omittingEmptySubsequences: false).count
                == markdown.split(separator: "\n", omittingEmptySubsequences: false).count)
        #expect(masked == "  Title  \n\nSome   bold   and  it  and  a link                           and  code .\n")
    }

    @Test func emphasisInsideARiskyPhraseStillMatchesAtTheSourceColumn() throws {
        let markdown = "Dear Colin,\n\nIt hurt when he **took** credit for *my work* on it.\n"
        let report = try formatReport(markdown, .markdown)
        let credit = try #require(report.findings.first { $0.ruleID == "grievance.credit-taking" })
        let location = report.location(of: credit.range.lowerBound)
        #expect(location == Document.Location(line: 3, column: 19)) // "took", after the masked "**"
        #expect(excerpt(credit, in: report.result.document.text).hasPrefix("took"))
    }

    @Test func linkDestinationsTitlesAndCommentsProduceNoFindings() throws {
        let markdown = """
            See [the runbook](https://wiki.internal.acme.example/ml/runbook "s3://acme-prod-models/ranker") \
            and ![diagram](http://10.0.0.12/arch.png). <!-- they are clueless idiots -->

            [ref]: https://grafana.internal.acme.example/d/abc
            Also [the board][ref].
            """
        let masked = try text(markdown)
        #expect(!masked.contains("wiki.internal"))
        #expect(!masked.contains("s3://"))
        #expect(!masked.contains("10.0.0.12"))
        #expect(!masked.contains("clueless"))
        #expect(!masked.contains("grafana"))
        #expect(masked.contains("the runbook"))
        #expect(masked.contains("the board"))
        let ids = try formatReport(markdown, .markdown).findings.map(\.ruleID)
        #expect(!ids.contains("disclosure.internal-location"))
        #expect(!ids.contains("grievance.insult"))
        // The same text as plain text is flagged: the masking is what keeps it quiet.
        let plainIDs = try formatReport(markdown, .text).findings.map(\.ruleID)
        #expect(plainIDs.contains("disclosure.internal-location"))
    }

    @Test func codeBlocksAndQuotesAreSkippedByDefaultAndCanBeKept() throws {
        let markdown = """
            Dear Colin,

            ```bash
            export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
            ```

                token = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"

            > Frankly, management is clueless.
            lazy continuation of the quote: they are idiots

            After the quote.
            """
        let masked = try text(markdown)
        #expect(!masked.contains("AWS_SECRET"))
        #expect(!masked.contains("ghp_"))
        #expect(!masked.contains("clueless"))
        #expect(!masked.contains("idiots"))
        #expect(masked.contains("After the quote."))
        #expect(masked.contains("Dear Colin,"))
        let notes = try InputFormat.markdown.extract(Array(markdown.utf8)).notes
        #expect(notes == ["2 code blocks and 1 block quote not checked (Markdown code and quotes are not letter text)"])
        let kept = try text(markdown, .init(keepCodeBlocks: true, keepQuotes: true))
        #expect(kept.contains("export AWS_SECRET_ACCESS_KEY"))
        #expect(!kept.contains("```"))
        #expect(kept.contains("ghp_"))
        #expect(kept.contains("  Frankly, management is clueless."))
    }

    @Test func maskedSpellingsTemplateFieldsAndIdentifiersAreNotMarkup() throws {
        let markdown = "What the f*** is this sh*t, said <Manager Name> about feature_store_v2 and 2*3*4.\n"
        #expect(try text(markdown) == markdown)
        let ids = try formatReport(markdown, .markdown).findings.map(\.ruleID)
        #expect(ids.contains("tone.profanity"))
        #expect(ids.contains("placeholder.angle"))
    }

    @Test func listsAndHeadingsKeepTheLetterStructure() throws {
        let markdown = """
            ## Resignation

            Dear Colin,

            I resign from my role. My last day will be 20 March 2026.

            Before I go I will:

            * document the **feature pipeline**;
            * brief Sam on the retraining jobs.

            Sincerely,
            **Alex Kim**
            """
        let report = try formatReport(markdown, .markdown)
        let document = report.result.document
        #expect(document.text.contains("* document the   feature pipeline  ;"))
        #expect(document.span(of: .salutation) != nil)
        #expect(document.span(of: .signature) != nil)
        #expect(!report.findings.map(\.ruleID).contains("structure.signature"))
        #expect(!report.findings.map(\.ruleID).contains("handoff.missing"))
    }

    @Test func columnsAfterAMaskedMultibyteCharacterCountCharacters() throws {
        // The link title has "é" (two bytes, masked as two spaces): the finding after it on
        // the same line is still reported at its column in the file.
        let markdown = "Dear Colin,\n\nSee [notes](x \"café\") — he took credit for my work.\n"
        let report = try formatReport(markdown, .markdown)
        #expect(report.sourceMap != nil)
        let credit = try #require(report.findings.first { $0.ruleID == "grievance.credit-taking" })
        let location = report.location(of: credit.range.lowerBound)
        let offset = sourceOffset(line: location.line, column: location.column, in: Array(markdown.utf8))
        #expect(String(decoding: Array(markdown.utf8)[offset...].prefix(4), as: UTF8.self) == "took")
    }

    @Test func theCorpusMarkdownLettersKeepTheirFindings() throws {
        // Corpus letters written in Markdown, read as Markdown: the same rules as when read as
        // plain text (their markup holds no risky text), at the same lines.
        let corpus = repositoryRoot.appending(path: "corpus")
        let letters = InputFiles.expand([corpus.path]).files.filter { $0.hasSuffix(".md") }
        #expect(letters.count >= 10)
        for path in letters {
            let bytes = try InputFiles.read(path)
            let asText = try formatReport(bytes, .text)
            let asMarkdown = try formatReport(bytes, .markdown)
            #expect(Set(asMarkdown.findings.map(\.ruleID)) == Set(asText.findings.map(\.ruleID)), "\(path)")
            let textLines = Set(spots(asText).filter { $0.rule.hasPrefix("structure.") == false }.map { "\($0.rule)@\($0.line)" })
            let markdownLines = Set(spots(asMarkdown).filter { $0.rule.hasPrefix("structure.") == false }.map { "\($0.rule)@\($0.line)" })
            #expect(markdownLines == textLines, "\(path)")
        }
    }

    @Test func hostileMarkdownStaysLinear() throws {
        // Each of these is quadratic for a scanner that searches ahead from every marker.
        let unit = 40_000
        let cases = [
            String(repeating: "[", count: unit),
            String(repeating: "[a](", count: unit / 4),
            (1...280).map { String(repeating: "`", count: $0) }.joined(separator: " "),
            String(repeating: "<a ", count: unit / 3),
            String(repeating: "*_", count: unit / 2),
            String(repeating: "_a ", count: unit / 3),
            String(repeating: "[a](" + String(repeating: "x", count: 60), count: 600),
            String(repeating: "<" + String(repeating: "a", count: 50) + "<", count: 700) + ">",
        ]
        let started = Date()
        for markdown in cases {
            let masked = try text(markdown)
            #expect(masked.utf8.count == markdown.utf8.count)
        }
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(try text("a \\`not code` and \\*not emphasis*") == "a  `not code` and  *not emphasis*")
    }
}
