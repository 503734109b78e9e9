import Foundation
import LetterLintFixtures
import Testing
@testable import LetterLint

@Suite("Formats: e-mail")
struct FormatEmailTests {
    func extract(_ eml: String, _ options: InputFormat.Options = .init()) throws -> ExtractedText {
        try InputFormat.email.extract(Array(eml.utf8), options: options)
    }

    static let headers = "From: Alex Kim <alex@example.com>\r\nTo: Priya <priya@example.com>\r\n"
        + "Subject: =?utf-8?q?Resignation?=\r\nDate: Fri, 27 Feb 2026 17:45:00 -0800\r\nMIME-Version: 1.0\r\n"

    @Test func quotedPrintableSoftBreaksAndEscapesDecodeAndMapIntoTheFile() throws {
        let eml = Self.headers + "Content-Type: text/plain; charset=\"UTF-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            + "Dear Priya,\r\n\r\nIt hurt that Derek t=\r\nook credit for my work =E2=80=94 the caf=C3=A9 team saw it.\r\n"
            + "I'll be joining OpenAI=20\r\n"
        let extracted = try extract(eml)
        #expect(extracted.text == "Dear Priya,\r\n\r\nIt hurt that Derek took credit for my work — the café team saw it.\r\nI'll be joining OpenAI \r\n")
        let report = try formatReport(eml, .email)
        let source = Array(eml.utf8)
        let credit = try #require(report.findings.first { $0.ruleID == "grievance.credit-taking" })
        let start = report.location(of: credit.range.lowerBound)
        // "t=" at the end of line 11 of the file (7 header lines, an empty one, the
        // salutation, an empty one): the finding starts on the "t".
        #expect(start.line == 11)
        let at = sourceOffset(line: start.line, column: start.column, in: source)
        #expect(String(decoding: source[at..<at + 3], as: UTF8.self) == "t=\r")
        let lab = try #require(report.findings.first { $0.ruleID == "competitor.ai-lab" })
        let labAt = report.location(of: lab.range.lowerBound)
        #expect(labAt == Document.Location(line: 13, column: 17))
    }

    @Test func base64BodiesDecodeAndMapToTheirEncodedLines() throws {
        let body = "Dear Priya,\n\nI resign. He took credit for my work.\n"
        let encoded = Data(body.utf8).base64EncodedString(options: [.lineLength64Characters, .endLineWithCarriageReturn])
        let eml = Self.headers + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" + encoded + "\r\n"
        let extracted = try extract(eml)
        #expect(extracted.text == body)
        let report = try formatReport(eml, .email)
        let credit = try #require(report.findings.first { $0.ruleID == "grievance.credit-taking" })
        // The header has 8 lines and an empty one: the base64 block starts on line 9.
        let line = report.location(of: credit.range.lowerBound).line
        #expect(line == 9)
    }

    @Test func multipartAlternativePrefersPlainTextAndFallsBackToHTML() throws {
        let alternative = Self.headers + "Content-Type: multipart/alternative;\r\n boundary=\"b1\"\r\n\r\n"
            + "This is a multi-part message in MIME format.\r\n"
            + "--b1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>HTML version: they are clueless.</p>\r\n"
            + "--b1\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            + "Plain version, caf=E9.\r\n--b1--\r\nepilogue\r\n"
        #expect(try extract(alternative).text == "Plain version, café.")

        let htmlOnly = Self.headers + "Content-Type: multipart/mixed; boundary=outer\r\n\r\n"
            + "--outer\r\nContent-Type: multipart/alternative; boundary=inner\r\n\r\n"
            + "--inner\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            + "<div>Dear Priya,</div><div><br></div><div>He took credit for my work.</div>\r\n"
            + "<blockquote type=3D\"cite\">On Monday you wrote: you are an idiot</blockquote>\r\n--inner--\r\n"
            + "--outer\r\nContent-Type: text/plain; name=notes.txt\r\nContent-Disposition: attachment; filename=notes.txt\r\n\r\n"
            + "attachment text: clueless management\r\n--outer--\r\n"
        let extracted = try extract(htmlOnly)
        #expect(extracted.text == "Dear Priya,\n\nHe took credit for my work.\n")
        let report = try formatReport(htmlOnly, .email)
        let credit = try #require(report.findings.first { $0.ruleID == "grievance.credit-taking" })
        let location = report.location(of: credit.range.lowerBound)
        let source = Array(htmlOnly.utf8)
        let at = sourceOffset(line: location.line, column: location.column, in: source)
        #expect(String(decoding: source[at..<at + 4], as: UTF8.self) == "took")
    }

    @Test func foldedHeadersAndTheDateHeaderAreRead() throws {
        let eml = "From: a@example.com\r\nDate: Fri,\r\n 27 Feb 2026\r\n\t17:45:00 -0800 (PST)\r\nContent-Type: text/plain;\r\n\tcharset=\"windows-1252\"\r\n\r\nDon\u{92}t worry.\r\n"
        var bytes = Array(eml.utf8)
        // The body is Windows-1252: the apostrophe is the single byte 0x92.
        let apostrophe = Array("\u{92}".utf8)
        if let r = bytes.firstRange(of: apostrophe) { bytes.replaceSubrange(r, with: [0x92]) }
        let extracted = try InputFormat.email.extract(bytes)
        #expect(extracted.letterDate == CivilDate(year: 2026, month: 2, day: 27))
        #expect(extracted.text == "Don\u{2019}t worry.\r\n")
        #expect(EmailText.parseDate("3 Mar 26 09:00 GMT") == CivilDate(year: 2026, month: 3, day: 3))
        #expect(EmailText.parseDate("Tue, 31 Feb 2026 10:00:00 +0000") == nil)
        let noted = try extract("From: a@example.com\r\nDate: yesterday\r\n\r\nHi.\r\n")
        #expect(noted.letterDate == nil)
        #expect(noted.notes.contains { $0.contains("Date:") })
    }

    @Test func quotedRepliesAndSignaturesAreSkipped() throws {
        let eml = Self.headers + "Content-Type: text/plain\r\n\r\n"
            + "Dear Priya,\r\n\r\nI resign.\r\n\r\n"
            + "On Thu, 26 Feb 2026 at 09:00, Priya Raman <\r\npriya@example.com> wrote:\r\n"
            + "> Your manager is toxic.\r\n>> And clueless.\r\n\r\nBest,\r\nAlex\r\n-- \r\nAlex Kim, who was passed over\r\n"
        let extracted = try extract(eml)
        #expect(extracted.text == "Dear Priya,\r\n\r\nI resign.\r\n\r\n\r\n\r\n\r\n\r\n\r\nBest,\r\nAlex\r\n")
        #expect(extracted.notes.contains { $0.hasPrefix("4 quoted reply lines and the signature") })
        let ids = try formatReport(eml, .email).findings.map(\.ruleID)
        #expect(!ids.contains("grievance.toxic-culture"))
        #expect(!ids.contains("grievance.passed-over"))
        let kept = try extract(eml, .init(keepQuotes: true))
        #expect(kept.text.contains("> Your manager is toxic."))
        #expect(!kept.text.contains("passed over"))
        let outlook = try extract(Self.headers + "\r\nI resign.\r\n-----Original Message-----\r\nFrom: Priya\r\nYou are clueless.\r\n")
        #expect(outlook.text == "I resign.\r\n")
    }

    @Test func malformedMessagesGiveClearErrors() throws {
        func message(_ eml: String) -> String? {
            do { _ = try InputFormat.email.extract(Array(eml.utf8)); return nil } catch { return error.description }
        }
        #expect(message("Just a letter, no headers.\n\nDear Priya")?.contains("does not start with e-mail headers") == true)
        #expect(message(" folded first line\r\n\r\nbody")?.contains("folded line") == true)
        #expect(message(Self.headers + "Content-Type: multipart/mixed\r\n\r\n--x\r\n\r\nhi\r\n--x--\r\n")?.contains("gives no boundary") == true)
        #expect(message(Self.headers + "Content-Type: multipart/mixed; boundary=x\r\n\r\nno parts at all\r\n")?.contains("no line starts its parts") == true)
        #expect(message(Self.headers + "Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n")?.contains("no text/plain or text/html part") == true)
        #expect(message(Self.headers + "Content-Transfer-Encoding: x-uuencode\r\n\r\nbegin 644 a\r\n")?.contains("x-uuencode") == true)
        var nested = Self.headers
        for depth in 0..<20 { nested += "Content-Type: multipart/mixed; boundary=b\(depth)\r\n\r\n--b\(depth)\r\n" }
        nested += "Content-Type: text/plain\r\n\r\nhello\r\n"
        #expect(message(nested)?.contains("nested more than") == true)
        let binary = try? InputFormat.email.extract([0x46, 0x72, 0x6F, 0x6D, 0x3A, 0, 0, 0, 0, 0, 1, 2, 3, 0, 0, 0])
        #expect(binary == nil)
    }

    @Test func truncatedMIMEIsReadUpToItsEndWithANote() throws {
        let full = Self.headers + "Content-Type: multipart/alternative; boundary=\"zz\"\r\n\r\n"
            + "--zz\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Data("Dear Priya,\n\nHe took credit for my work, and more text follows here.\n".utf8).base64EncodedString() + "\r\n--zz--\r\n"
        // Cut in the middle of the base64 block: no closing boundary, a partial quad.
        let cut = String(full.prefix(full.count - 30))
        let extracted = try extract(cut)
        #expect(extracted.text.hasPrefix("Dear Priya,\n\nHe took credit"))
        #expect(extracted.notes.contains { $0.contains("closing MIME boundary") })
        // Every prefix of the message is handled: read or refused, never a trap.
        let bytes = Array(full.utf8)
        for length in stride(from: 0, through: bytes.count, by: 3) {
            _ = try? InputFormat.email.extract(Array(bytes.prefix(length)))
        }
    }

    @Test func mutatedMessagesNeverTrap() throws {
        let seed = Array((Self.headers + "Content-Type: multipart/alternative; boundary=\"q\"\r\n\r\n--q\r\n"
            + "Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nCaf=E9 =\r\nok\r\n"
            + "--q\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\nPHA+SGk8L3A+\r\n--q--\r\n").utf8)
        var random = SplitMix64(state: 42)
        let alphabet = Array("=-\r\n:;\"<>&#qQ \t-=".utf8) + [0xFF, 0xE9, 0x00]
        for _ in 0..<300 {
            var bytes = seed
            for _ in 0..<(1 + random.below(6)) {
                let at = random.below(bytes.count)
                switch random.below(3) {
                case 0: bytes[at] = alphabet[random.below(alphabet.count)]
                case 1: bytes.remove(at: at)
                default: bytes.insert(alphabet[random.below(alphabet.count)], at: at)
                }
            }
            if let extracted = try? InputFormat.email.extract(bytes) {
                // Every offset of the text maps inside the file.
                let map = try #require(extracted.sourceMap as? TextSourceMap)
                for offset in stride(from: 0, through: extracted.text.utf8.count, by: 7) {
                    #expect(map.sourceOffset(ofTextOffset: offset) <= bytes.count)
                }
            }
        }
    }
}
