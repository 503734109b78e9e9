import Foundation
import LetterLintFixtures
import Testing
import ZIPFoundation
@testable import LetterLint

@Suite("Formats: Word documents")
struct FormatDocxTests {
    func text(_ body: String, compression: CompressionMethod = .deflate) throws -> String {
        try InputFormat.docx.extract(try makeDocx(body: body, compression: compression)).text
    }

    @Test func runsTabsBreaksAndParagraphs() throws {
        let body = """
            <w:p><w:r><w:t>Dear </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>Priya</w:t></w:r><w:r><w:t>,</w:t></w:r></w:p>
            <w:p/>
            <w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>Name:</w:t><w:tab/><w:t>Alex</w:t><w:br/><w:t xml:space="preserve">Line  two</w:t><w:cr/><w:t>three</w:t></w:r></w:p>
            <w:p><w:r><w:t>well</w:t><w:noBreakHyphen/><w:t>known</w:t></w:r></w:p>
            """
        #expect(try text(body) == "Dear Priya,\n\nName:\tAlex\nLine  two\nthree\n\nwell-known\n")
        #expect(try text(body, compression: .none) == "Dear Priya,\n\nName:\tAlex\nLine  two\nthree\n\nwell-known\n")
    }

    @Test func trackedDeletionsAreIgnoredAndInsertionsKept() throws {
        let body = """
            <w:p><w:r><w:t xml:space="preserve">He </w:t></w:r><w:del w:id="1" w:author="A"><w:r><w:delText>took credit for my work and </w:delText></w:r></w:del>\
            <w:ins w:id="2" w:author="A"><w:r><w:t>helped the team</w:t></w:r></w:ins><w:r><w:t>.</w:t></w:r></w:p>
            <w:p><w:pPr><w:rPr><w:del w:id="3" w:author="A"/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">Joined </w:t></w:r></w:p>
            <w:p><w:r><w:t>to the next.</w:t></w:r><w:moveFrom w:id="4"><w:r><w:t>moved away</w:t></w:r></w:moveFrom></w:p>
            <w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "https://wiki.internal.acme.example" </w:instrText></w:r>\
            <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>the wiki</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
            """
        let extracted = try InputFormat.docx.extract(try makeDocx(body: body))
        #expect(extracted.text == "He helped the team.\n\nJoined to the next.\n\nthe wiki\n")
        #expect(extracted.notes.contains { $0.contains("tracked deletions") })
        let report = try formatReport(try makeDocx(body: body), .docx)
        #expect(!report.findings.contains { $0.ruleID == "grievance.credit-taking" })
    }

    @Test func textBoxesAreReadOnceAndTablesCellByCell() throws {
        let body = """
            <w:p><w:r><w:t>Before the box.</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>\
            <w:txbxContent><w:p><w:r><w:t>Inside the box.</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>\
            <mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Inside the box.</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>\
            </mc:AlternateContent></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cell one</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Cell two</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            """
        #expect(try text(body) == "Inside the box.\n\nBefore the box.\n\nCell one\n\nCell two\n")
    }

    @Test func aTabInsideARiskyPhraseStillMatchesAtItsColumn() throws {
        let body = docxParagraph(["Dear Colin,"]) + "<w:p><w:r><w:t>Honestly,</w:t><w:tab/><w:t xml:space=\"preserve\">he took credit for my work.</w:t></w:r></w:p>"
        let report = try formatReport(try makeDocx(body: body), .docx)
        let credit = try #require(report.findings.first { $0.ruleID == "grievance.credit-taking" })
        // "Honestly," is 9 characters and the tab one: "he" starts at 11, "took" at 14.
        #expect(report.location(of: credit.range.lowerBound) == Document.Location(line: 3, column: 14))
        #expect(excerpt(credit, in: report.result.document.text).hasPrefix("took credit"))
    }

    @Test func strictOOXMLNamespaceIsRead() throws {
        let document = """
            <?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main">\
            <w:body><w:p><w:r><w:t>Strict text.</w:t></w:r></w:p></w:body></w:document>
            """
        let bytes = try ZipFixture.make([("word/document.xml", Data(document.utf8))])
        #expect(try InputFormat.docx.extract(bytes).text == "Strict text.\n")
    }
}

@Suite("Formats: hostile files")
struct FormatHostileTests {
    func docxError(_ bytes: [UInt8]) -> String? {
        do { _ = try InputFormat.docx.extract(bytes); return nil } catch { return error.description }
    }

    static let goodDocx: [UInt8] = try! makeDocx(body: docxParagraph(["Dear Colin,"]) + docxParagraph(["I resign."]))

    @Test func aFileThatIsNotAZipIsRefused() throws {
        #expect(docxError(Array("Dear Colin, I resign.".utf8))?.contains("not a ZIP archive") == true)
        #expect(docxError([])?.contains("not a ZIP archive") == true)
        #expect(docxError([0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 40))?.contains("not a ZIP archive") == true)
        // The CLI's message: path, what happened, what to do.
        #expect(throws: InputError.self) { try formatReport(Array("plain".utf8), .docx) }
    }

    @Test func aZipWithoutADocumentIsRefused() throws {
        let zip = try ZipFixture.make([("xl/workbook.xml", Data("<workbook/>".utf8))])
        #expect(docxError(zip)?.contains("no word/document.xml") == true)
    }

    @Test func aZipBombIsRefusedBeforeInflating() throws {
        // 24 MB of one letter compresses to a few kilobytes; its declared size is over the cap.
        let huge = Data(repeating: UInt8(ascii: "a"), count: 24 * 1024 * 1024)
        let bomb = try ZipFixture.make([("word/document.xml", huge)])
        #expect(bomb.count < 200_000)
        #expect(docxError(bomb)?.contains("would inflate to") == true)
    }

    @Test func aZipThatLiesAboutItsSizeIsStoppedAtTheDeclaredSize() throws {
        // The directory says 100 bytes; the stream inflates to a megabyte.
        let body = Data(("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
            + String(repeating: "<w:p><w:r><w:t>took credit</w:t></w:r></w:p>", count: 20_000) + "</w:body></w:document>").utf8)
        var bytes = try ZipFixture.make([("word/document.xml", body)])
        let central = try #require(ZipFixture.offset(of: ZipFixture.centralDirectorySignature, in: bytes))
        ZipFixture.writeLE32(100, into: &bytes, at: central + 24)
        ZipFixture.writeLE32(100, into: &bytes, at: 22) // the local header's copy
        #expect(docxError(bytes)?.contains("more than its declared") == true)
    }

    @Test func aDeflateStreamThatNeverEndsDoesNotHang() throws {
        // The entry's data becomes a non-final stored block longer than the file: an
        // unpatched ZIPFoundation on Linux would read past the end forever.
        var bytes = try ZipFixture.make([("word/document.xml", Data(String(repeating: "<w:p/>", count: 500).utf8))])
        let data = 30 + "word/document.xml".utf8.count
        bytes[data] = 0x00
        bytes[data + 1] = 0xFF; bytes[data + 2] = 0xFF; bytes[data + 3] = 0x00; bytes[data + 4] = 0x00
        let started = Date()
        let message = docxError(bytes)
        #expect(message != nil)
        #expect(Date().timeIntervalSince(started) < 30)
    }

    @Test func offsetsOutsideTheFileAreRefusedNotTrapped() throws {
        let good = Self.goodDocx
        let end = try #require(ZipFixture.offset(of: ZipFixture.endRecordSignature, in: good, last: true))
        let central = try #require(ZipFixture.offset(of: ZipFixture.centralDirectorySignature, in: good))

        var badDirectory = good
        ZipFixture.writeLE32(0x00FF_FFFF, into: &badDirectory, at: end + 16)
        #expect(docxError(badDirectory)?.contains("central directory points outside") == true)

        var badLocal = good
        ZipFixture.writeLE32(0x00FF_FFFF, into: &badLocal, at: central + 42)
        #expect(docxError(badLocal)?.contains("local header outside") == true)

        var zip64 = good
        ZipFixture.writeLE32(0xFFFF_FFFF, into: &zip64, at: central + 42)
        #expect(docxError(zip64)?.contains("ZIP64") == true)

        let truncated = Array(good.prefix(good.count / 2))
        #expect(docxError(truncated) != nil)
    }

    @Test func entityExpansionAndExternalEntitiesAreRefused() throws {
        var laughs = "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY lol \"lol\">"
        var previous = "lol"
        for level in 1...9 {
            laughs += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">"
            previous = "lol\(level)"
        }
        laughs += "]><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>&\(previous);</w:t></w:r></w:p></w:body></w:document>"
        let bomb = try ZipFixture.make([("word/document.xml", Data(laughs.utf8))])
        #expect(docxError(bomb)?.contains("declares a DTD") == true)

        let external = """
            <?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>\
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>
            """
        #expect(docxError(try ZipFixture.make([("word/document.xml", Data(external.utf8))]))?.contains("declares a DTD") == true)

        let utf16 = try ZipFixture.make([("word/document.xml", Data([0xFF, 0xFE, 0x3C, 0x00, 0x21, 0x00]))])
        #expect(docxError(utf16)?.contains("not UTF-8") == true)

        let latin = try ZipFixture.make([("word/document.xml", Data("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>".utf8))])
        #expect(docxError(latin)?.contains("ISO-8859-1".lowercased()) == true)
    }

    @Test func malformedXMLIsRefusedWithItsPosition() throws {
        let broken = try ZipFixture.make([("word/document.xml", Data("<w:document xmlns:w=\"x\"><w:body><w:p></w:body>".utf8))])
        let message = try #require(docxError(broken))
        #expect(message.contains("not well-formed XML"))
        #expect(message.contains("line 1"))
    }

    /// `.ci/fuzz` found that `<?x?>` (a processing instruction without data) crashed
    /// Foundation's XMLParser on Linux. They are dropped before parsing; comments and
    /// CDATA keep their `<?`.
    @Test func processingInstructionsAreDroppedAndNeverReachTheParser() throws {
        let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
        let fuzzed = "<?x?><w:document \(w)><w:body><w:p><w:r><w:t>I resign.</w:t></w:r></w:p></w:body></w:document>"
        let extracted = try InputFormat.docx.extract(try ZipFixture.docx(xml: fuzzed))
        #expect(extracted.text == "I resign.\n")
        let mixed = "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\"?><?mso-application progid=\"Word.Document\"?>"
            + "<w:document \(w)><w:body><!-- <?keep?> --><w:p><w:r><w:t>Dear <?y?>Priya,</w:t></w:r></w:p>"
            + "<w:p><w:r><w:t><![CDATA[a <?z?> b]]></w:t></w:r></w:p><?end</w:body></w:document>"
        let cleaned = String(decoding: DocxText.withoutProcessingInstructions(Array(mixed.utf8)), as: UTF8.self)
        #expect(cleaned.hasPrefix("\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document"))
        #expect(cleaned.contains("<!-- <?keep?> -->") && cleaned.contains("<![CDATA[a <?z?> b]]>"))
        #expect(cleaned.contains("Dear Priya,") && !cleaned.contains("<?y?>") && !cleaned.contains("mso-application"))
        // An instruction never closed swallows the rest: the parser then reports it cut short.
        #expect(!cleaned.contains("</w:document>"))
        let text = try InputFormat.docx.extract(try ZipFixture.docx(xml: mixed.replacingOccurrences(of: "<?end", with: "")))
        #expect(text.text == "Dear Priya,\n\na <?z?> b\n")
    }

    @Test func mutatedArchivesNeverTrapOrHang() throws {
        var random = SplitMix64(state: 7)
        let seed = Self.goodDocx
        for round in 0..<400 {
            var bytes = seed
            let changes = 1 + random.below(4)
            for _ in 0..<changes {
                let at = random.below(bytes.count)
                switch random.below(4) {
                case 0: bytes[at] = UInt8(truncatingIfNeeded: random.next())
                case 1: bytes[at] = [0x00, 0xFF, 0x7F, 0x80][random.below(4)]
                case 2: bytes.removeSubrange(at..<min(bytes.count, at + 1 + random.below(8)))
                default: bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: at)
                }
            }
            // Read or refused, never a trap; either way a report can be made.
            if round % 2 == 0 { _ = try? InputFormat.docx.extract(bytes) } else { _ = try? formatReport(bytes, .docx) }
        }
    }
}
