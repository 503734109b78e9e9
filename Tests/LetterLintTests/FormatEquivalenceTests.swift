import Foundation
import Testing
@testable import LetterLint

/// The "done when": a risky letter saved as .docx, .eml, .html and .md gives the same
/// findings as its .txt, at the right places in the file the user opens.
@Suite("Formats: the same letter in every format")
struct FormatEquivalenceTests {
    static let plain: FileReport = try! formatReport(riskyLetterText, .text)

    @Test func thePlainLetterHasTheFindingsTheComparisonsRelyOn() {
        let ids = Set(Self.plain.findings.map(\.ruleID))
        #expect(riskyLetterRules.isSubset(of: ids), "\(spots(Self.plain))")
        // And the plain-text path is the old one, unchanged.
        let old = try! Checker(linter: linter).check(bytes: Array(riskyLetterText.utf8), path: "letter")
        #expect(spots(old) == spots(Self.plain))
    }

    @Test func markdownWithMarkupGivesTheSameFindingsAtTheSamePlaces() throws {
        let markdown = """
            ---
            title: Resignation
            ---
            # Resignation

            Dear Colin,

            I am writing to resign from my position as *Machine Learning Engineer* at Sablewood Labs. My last working day will be **Friday, 20 March 2026**.

            I'll be joining Anthropic at the start of April, and I am looking forward to the change.

            It was hard to watch Derek present the reranker as his own after he **took credit** for my work on it in front of the whole company. Most product decisions were made by people who are _frankly clueless_ about how models behave in production.

            > I told you so, and you ignored my warnings.

            ```
            export OPENAI_API_KEY=sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD
            ```

            Before I leave, I will document the [retrieval pipeline](https://wiki.corp.sablewood.internal/ml/retrieval "internal wiki"), write up the `retraining runbook` and walk Lina through the index rebuild jobs. <!-- mention the 512 H100 cluster? -->

            Thank you for the trust you placed in me when I was new here.

            Sincerely,
            Zoë Duarte

            """
        let report = try formatReport(markdown, .markdown)
        expectSameFindings(report, as: Self.plain, source: Array(markdown.utf8))
        // Markdown is masked in place: no map, and the text keeps the file's length.
        #expect(report.result.document.bytes.count == markdown.utf8.count)
    }

    @Test func htmlGivesTheSameFindingsAtTheirPlacesInTheFile() throws {
        let html = """
            <!DOCTYPE html>
            <html><head><title>Resignation of a clueless idiot</title>
            <style>p { margin: 0 } /* took credit */</style>
            <script>var key = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD";</script></head>
            <body>
            <p>Dear Colin,</p>
            <p>I am writing to resign from my position as Machine Learning Engineer at Sablewood Labs.
               My last working day will be Friday,&nbsp;20&nbsp;March 2026.</p>
            <p>I'll be joining <b>Anthropic</b> at the start of April, and I am looking forward to the change.</p>
            <!-- <p>I was passed over for promotion.</p> -->
            <p>It was hard to watch Derek present the reranker as his own after he <em>took credit</em> for my work on it in front of the whole company.
            Most product decisions were made by people who are frankly clueless about how models behave in production.</p>
            <div>Before I leave, I will document the <a href="https://wiki.corp.sablewood.internal/ml">retrieval pipeline</a>, write up the retraining runbook and walk Lina through the index rebuild jobs.</div>
            <p>&#84;hank you for the trust you placed in me when I was new here.</p>
            <p>Sincerely,<br>
            Zo&euml; Duarte</p>
            </body></html>

            """
        let report = try formatReport(html, .html)
        expectSameFindings(report, as: Self.plain, source: Array(html.utf8))
        #expect(report.sourceMap != nil)
        #expect(report.result.document.text.contains("Zoë Duarte"))
        #expect(!report.result.document.text.contains("sk-proj"))
    }

    @Test func emailGivesTheSameFindingsAtTheirPlacesInTheFile() throws {
        let plainBody = riskyLetterText.replacingOccurrences(of: "\n", with: "\r\n")
        let eml = "From: Zo\u{EB} Duarte <zoe@example.com>\r\nTo: Colin <colin@sablewood.example>\r\n"
            + "Subject: Resignation\r\n  (folded subject line)\r\nDate: Tue, 3 Mar 2026 09:12:44 +0100\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + plainBody
            + "\r\nOn Mon, 2 Mar 2026, Colin wrote:\r\n> Can we talk about your toxic manager?\r\n>\r\n> You were passed over, I know.\r\n"
            + "-- \r\nZo\u{EB} Duarte | Staff ML Engineer | I told you so\r\n"
        let report = try formatReport(eml, .email)
        expectSameFindings(report, as: Self.plain, source: Array(eml.utf8))
        let extracted = try InputFormat.email.extract(Array(eml.utf8))
        #expect(extracted.letterDate == CivilDate(year: 2026, month: 3, day: 3))
    }

    @Test func docxGivesTheSameFindingsAtTheSameLinesAndColumns() throws {
        let body = riskyLetterParagraphs.map(docxParagraph).joined(separator: "<w:p/>")
        let report = try formatReport(try makeDocx(body: body), .docx)
        #expect(report.result.document.text == riskyLetterText)
        #expect(spots(report) == spots(Self.plain))
        #expect(report.sourceMap == nil)
    }
}
