import LetterLintFixtures
import Testing
@testable import LetterLint

@Suite("Tokenizer: lines, sections, sentences, words, positions")
struct TokenizerTests {
    /// ASCII takes a fast path; it must agree with the Unicode properties it stands for.
    @Test func asciiWordCharactersAreTheUnicodeOnes() {
        for value in UInt32(0)..<0x80 {
            let scalar = Unicode.Scalar(value)!
            #expect(Tokenizer.isWordCharacter(scalar) == (scalar.properties.isAlphabetic || scalar.properties.numericType != nil),
                    "U+\(String(value, radix: 16))")
        }
    }

    /// ASCII text is split into words byte by byte; it must find the words the
    /// character-by-character split finds (a non-ASCII word appended forces that path).
    @Test(arguments: [
        ("I'll hand OVER the run-books by 2026's end; thanks, Ana!", ["i'll", "over", "run", "books", "2026's", "ana"]),
        ("Tabs\tand\r\nCRLF__under_scores @home [x] `q` {z}", ["tabs", "crlf", "under", "scores", "home", "x", "q", "z"]),
    ])
    func asciiFixWordsAreTheUnicodeWords(_ text: String, _ some: [String]) {
        #expect(FixComposer.words(text) == FixComposer.words(text + " é").subtracting(["é"]))
        #expect(FixComposer.words(text).isSuperset(of: some))
    }

    @Test func lineEndingsDoNotShiftPositions() {
        for ending in ["\n", "\r\n", "\r"] {
            let text = ["Dear Ana,", "", "I resign.", "", "Best,", "Zoë"].joined(separator: ending)
            let document = Document(text: text)
            #expect(document.lines.count == 6)
            let offset = Array(text.utf8).firstIndex(of: UInt8(ascii: "I"))!
            #expect(document.location(of: offset) == .init(line: 3, column: 1))
            #expect(document.slice(document.lines[5]) == "Zoë")
        }
    }

    @Test func crlfLettersInsertWithCRLF() {
        #expect(Document(text: "Dear Ana,\r\n\r\nI resign.\r\n").lineEnding == "\r\n")
        #expect(Document(text: "Dear Ana,\n\nI resign.\n").lineEnding == "\n")
        #expect(Document(text: "Dear Ana,\r\rI resign.\r").lineEnding == "\r")
    }

    @Test(arguments: [0, 1, 2, 3])
    func columnsOnVeryLongLinesMatchCountingFromTheLineStart(shape: Int) {
        // Long lines use checkpoints; every offset must give what plain counting gives,
        // at character boundaries, at the checkpoints themselves and at the very end.
        var random = SplitMix64(state: UInt64(shape))
        let pieces = ["Zoë ", "burnout ", "— ", "team ", "日本 ", "a", "\u{1F600} "]
        var text = shape == 3 ? "" : "Dear Ana,\n\n"
        while text.utf8.count < 3 * 4096 + 700 { text += random.pick(pieces) }
        if shape == 1 { text += "\nSincerely,\nAlex\n" }
        if shape == 2 { text = String(decoding: Array(text.utf8).prefix(3 * 4096), as: UTF8.self) }
        let document = Document(text: text)
        let bytes = Array(text.utf8)
        var offsets = Array(stride(from: 0, through: bytes.count, by: 97)) + [4095, 4096, 4097, 8192, bytes.count]
        offsets = offsets.filter { $0 <= bytes.count && ($0 == bytes.count || bytes[$0] & 0xC0 != 0x80) }
        for offset in offsets {
            let line = document.lineIndex(containing: offset)
            let start = document.lines[line].lowerBound
            let naive = bytes[start..<offset].filter { $0 & 0xC0 != 0x80 }.count + 1
            #expect(document.location(of: offset) == .init(line: line + 1, column: naive), "offset \(offset)")
        }
    }

    @Test func columnsCountCharactersNotBytes() {
        let text = "Zoë — took credit"
        let document = Document(text: text)
        let offset = text.utf8.count - "took credit".utf8.count
        #expect(offset == 9)
        #expect(document.location(of: offset) == .init(line: 1, column: 7))
    }

    @Test func sectionsOfAFullLetter() {
        let text = """
            Alex Kim
            12 Elm Street

            2 March 2026

            Dear Priya,

            I am resigning. My last day is Friday.

            Thank you for everything.

            Best regards,
            Alex Kim

            P.S. The runbook is in the wiki.
            """
        let document = Document(text: text)
        #expect(document.sections.map(\.section) == [.header, .salutation, .body, .closing, .signature, .postscript])
        #expect(document.slice(document.span(of: .salutation)!) == "Dear Priya,")
        #expect(document.slice(document.span(of: .closing)!) == "Best regards,")
        #expect(document.slice(document.span(of: .signature)!) == "Alex Kim")
        #expect(document.slice(document.span(of: .postscript)!) == "P.S. The runbook is in the wiki.")
    }

    @Test func salutationFollowedDirectlyByBody() {
        let document = Document(text: "Hi Marcus,\nI am resigning from my role.\n\nThanks,\nSam")
        #expect(document.sections.map(\.section) == [.salutation, .body, .closing, .signature])
    }

    @Test func aLetterWithoutSalutationOrClosing() {
        let document = Document(text: "I am resigning from my position. My last day will be 13 March 2026.\n\nAlex Kim")
        #expect(document.span(of: .salutation) == nil)
        #expect(document.span(of: .closing) == nil)
        #expect(document.slice(document.span(of: .signature)!) == "Alex Kim")
    }

    @Test func thankYouSentenceIsNotAClosing() {
        let document = Document(text: "Dear Ana,\n\nI resign.\n\nThank you for everything you taught me over the years.\n\nAlex")
        #expect(document.span(of: .closing) == nil)
    }

    @Test func sentencesRespectAbbreviationsDecimalsAndLists() {
        let text = """
            Dear Dr. Okafor,

            I worked with Dr. Lee on the model, e.g. the ranking work, and reached 0.93 on it. It was fun! Was it? Yes.
            Handover:
            - Document the pipeline
            - Brief Sam
            """
        let document = Document(text: text)
        let sentences = document.sentences.map(document.slice)
        #expect(sentences.contains("Dear Dr. Okafor,"))
        #expect(sentences.contains("I worked with Dr. Lee on the model, e.g. the ranking work, and reached 0.93 on it."))
        #expect(sentences.contains("It was fun!"))
        #expect(sentences.contains("Was it?"))
        #expect(sentences.contains("- Document the pipeline"))
        #expect(sentences.contains("- Brief Sam"))
    }

    @Test func hardWrappedSentenceIsOneSentence() {
        let document = Document(text: "Dear Ana,\n\nI will document the\nfeature pipeline before\nI leave.\n")
        #expect(document.sentences.map(document.slice).contains("I will document the\nfeature pipeline before\nI leave."))
    }

    @Test func wordsKeepInnerApostrophesAndHyphens() {
        let document = Document(text: "Zoë’s state-of-the-art model — don't.")
        #expect(document.words.map(document.slice) == ["Zoë’s", "state-of-the-art", "model", "don't"])
    }

    @Test func emptyAndBlankTexts() {
        for text in ["", "   ", "\n\n\n"] {
            let document = Document(text: text)
            #expect(document.paragraphs.isEmpty)
            #expect(document.sentences.isEmpty)
            #expect(document.location(of: text.utf8.count).line >= 1)
        }
    }

    @Test func bomIsDroppedByDecodingSoColumnsStartAtOne() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Dear Ana,".utf8)
        let decoded = try TextDecoding.decode(bytes)
        #expect(decoded.text == "Dear Ana,")
        #expect(Document(text: decoded.text).location(of: 0) == .init(line: 1, column: 1))
    }

    @Test func utf16WithBOMIsDecoded() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "Dear Zoë,".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(try TextDecoding.decode(bytes).text == "Dear Zoë,")
    }

    @Test func invalidUTF8IsReplacedWithANote() throws {
        let decoded = try TextDecoding.decode(Array("Dear ".utf8) + [0xFF, 0xFE, 0x41])
        #expect(decoded.text == "Dear \u{FFFD}\u{FFFD}A")
        #expect(decoded.notes.count == 1)
    }

    @Test func binaryDataIsRefused() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 0, count: 64)
        #expect(throws: TextDecoding.Failure.binary) { try TextDecoding.decode(png) }
    }
}
