import Foundation
import Testing
@testable import LetterLint

@Suite("Formats: HTML")
struct FormatHTMLTests {
    func text(_ html: String) throws -> String {
        try InputFormat.html.extract(Array(html.utf8)).text
    }

    @Test func tagsScriptsStylesAndCommentsAreRemovedAndEntitiesDecoded() throws {
        let html = """
            <html><head><title>Secret title</title><style>body { color: red }</style>
            <script type="text/javascript">if (a < b && c > d) { alert("clueless"); }</script></head>
            <body><!-- hidden comment --><p class="x" data-note='a > b'>Caf&eacute; &amp; Co &mdash; &#8220;thanks&#x201D; &copy 2026&hellip;</p>
            <p>5 &lt; 6 &unknown; &amp</p></body></html>
            """
        #expect(try text(html) == "Café & Co — “thanks” © 2026…\n\n5 < 6 &unknown; &\n")
    }

    @Test func paragraphsAndLineBreaksSurviveForTheTokenizer() throws {
        let html = "<div>Dear Priya,</div><div><br></div><div>I resign.<br>Line two.</div><p>Sincerely,<br>Alex Kim</p>"
        let extracted = try text(html)
        #expect(extracted == "Dear Priya,\n\nI resign.\nLine two.\n\nSincerely,\nAlex Kim\n")
        let document = Document(text: extracted)
        #expect(document.span(of: .salutation) != nil)
        #expect(document.span(of: .closing) != nil)
        #expect(document.span(of: .signature) != nil)
    }

    @Test func whitespaceCollapsesExceptInPre() throws {
        #expect(try text("<p>  one\n   two\t three  </p>") == "one two three\n")
        #expect(try text("<pre>a  b\n  c</pre>") == "a  b\n  c\n")
        #expect(try text("<ul>\n<li>\n first </li>\n<li>second</li></ul>") == "- first\n- second\n")
    }

    @Test func findingsMapToTheirLineAndColumnInTheFile() throws {
        let html = """
            <html>
              <body>
                <p>Dear Colin,</p>
                <p>I resign. &ldquo;Honestly,&rdquo; he <i>took credit</i>
                   for my work, and I&#39;ll be joining OpenAI.</p>
              </body>
            </html>
            """
        let report = try formatReport(html, .html)
        let byRule = Dictionary(report.findings.map { ($0.ruleID, report.location(of: $0.range.lowerBound)) }, uniquingKeysWith: { a, _ in a })
        #expect(byRule["grievance.credit-taking"] == Document.Location(line: 4, column: 48))
        #expect(byRule["competitor.ai-lab"] == Document.Location(line: 5, column: 45))
        // The end of a span maps too: just past "OpenAI".
        let lab = try #require(report.findings.first { $0.ruleID == "competitor.ai-lab" })
        #expect(report.location(of: lab.range.upperBound) == Document.Location(line: 5, column: 51))
    }

    @Test func anEntityInsideARiskyPhraseIsDecodedBeforeMatching() throws {
        let report = try formatReport("<p>Dear Colin,</p><p>He took&#32;credit&nbsp;for my work.</p>", .html)
        #expect(report.findings.contains { $0.ruleID == "grievance.credit-taking" })
    }

    @Test func hostileMarkupNeverTrapsOrHangs() throws {
        let cases = [
            "<", "<<<<", "&", "&#", "&#x", "&#xFFFFFFFFFF;", "&#0;", "&#xD800;", "<!--", "<!-- -- >", "<script>never closed",
            "<p attr=\"unterminated>text", "</", "</p", "<?php echo 1", String(repeating: "<div>", count: 5000),
            String(repeating: "&amp;", count: 5000), "<pre>" + String(repeating: "\r\n", count: 100),
        ]
        for html in cases {
            _ = try InputFormat.html.extract(Array(html.utf8))
            _ = try formatReport(html, .html)
        }
        #expect(try text("&#xD800;&#0;&#x110000;") == "\u{FFFD}\u{FFFD}\u{FFFD}\n")
    }

    @Test func binaryDataIsRefused() {
        #expect(throws: InputFormatError.binary) { try InputFormat.html.extract([0, 1, 2, 3, 0, 0, 0, 7, 8, 0]) }
    }
}
