import Foundation
import Testing
import LetterLintFixtures
import ZIPFoundation
@testable import LetterLint

/// A risky letter in plain text, the reference every other format is compared with. Each
/// paragraph is one line, except the signature block; the writer's name has a multibyte
/// character so columns are checked in characters, not bytes.
let riskyLetterParagraphs: [[String]] = [
    ["Dear Colin,"],
    ["I am writing to resign from my position as Machine Learning Engineer at Sablewood Labs. My last working day will be Friday, 20 March 2026."],
    ["I'll be joining Anthropic at the start of April, and I am looking forward to the change."],
    ["It was hard to watch Derek present the reranker as his own after he took credit for my work on it in front of the whole company. Most product decisions were made by people who are frankly clueless about how models behave in production."],
    ["Before I leave, I will document the retrieval pipeline, write up the retraining runbook and walk Lina through the index rebuild jobs."],
    ["Thank you for the trust you placed in me when I was new here."],
    ["Sincerely,", "Zoë Duarte"],
]

let riskyLetterText = riskyLetterParagraphs.map { $0.joined(separator: "\n") }.joined(separator: "\n\n") + "\n"

/// Rules the risky letter must trigger in every format (so no comparison passes on nothing).
let riskyLetterRules: Set<String> = ["competitor.next-employer", "competitor.ai-lab", "grievance.credit-taking", "grievance.insult"]

/// A finding as a report shows it: rule and position in the file the user opens.
struct Spot: Equatable, CustomStringConvertible {
    let rule: String
    let line: Int
    let column: Int
    var description: String { "\(rule)@\(line):\(column)" }
}

func formatReport(_ bytes: [UInt8], _ format: InputFormat, path: String = "letter",
                  options: InputFormat.Options = .init()) throws -> FileReport {
    try Checker(linter: linter).check(bytes: bytes, path: path, format: format, extraction: options)
}

func formatReport(_ source: String, _ format: InputFormat, options: InputFormat.Options = .init()) throws -> FileReport {
    try formatReport(Array(source.utf8), format, options: options)
}

func spots(_ report: FileReport) -> [Spot] {
    report.findings.map { finding in
        let location = report.location(of: finding.range.lowerBound)
        return Spot(rule: finding.ruleID, line: location.line, column: location.column)
    }
}

/// The byte offset of a 1-based line and column (in characters) in a source file.
func sourceOffset(line: Int, column: Int, in source: [UInt8]) -> Int {
    var offset = 0, currentLine = 1
    while currentLine < line && offset < source.count {
        if source[offset] == 0x0A { currentLine += 1 } else if source[offset] == 0x0D {
            if offset + 1 < source.count && source[offset + 1] == 0x0A { offset += 1 }
            currentLine += 1
        }
        offset += 1
    }
    var characters = 1
    while characters < column && offset < source.count {
        offset += 1
        while offset < source.count && source[offset] & 0xC0 == 0x80 { offset += 1 }
        characters += 1
    }
    return offset
}

/// The first word of a string (letters, digits, apostrophes).
func firstWord(_ s: some StringProtocol) -> String {
    String(s.drop { !$0.isLetter && !$0.isNumber }.prefix { $0.isLetter || $0.isNumber || $0 == "'" })
}

/// Checks that a report of a letter in another format has the same findings as the
/// plain-text report, and that each finding that covers text points, in the source file, at
/// the word its excerpt starts with.
func expectSameFindings(_ variant: FileReport, as plain: FileReport, source: [UInt8],
                        sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(variant.findings.map(\.ruleID).sorted() == plain.findings.map(\.ruleID).sorted(),
            "rule ids differ: \(spots(variant)) vs plain \(spots(plain))", sourceLocation: sourceLocation)
    #expect(riskyLetterRules.isSubset(of: Set(variant.findings.map(\.ruleID))),
            "expected rules missing: \(spots(variant))", sourceLocation: sourceLocation)
    let text = variant.result.document.text
    for finding in variant.findings where !finding.range.isEmpty {
        let location = variant.location(of: finding.range.lowerBound)
        let at = sourceOffset(line: location.line, column: location.column, in: source)
        let expected = firstWord(excerpt(finding, in: text))
        let found = firstWord(String(decoding: source[min(at, source.count)...].prefix(80), as: UTF8.self))
        #expect(found == expected, "\(finding.ruleID) at \(location.line):\(location.column) points at \"\(found)\", not \"\(expected)\"",
                sourceLocation: sourceLocation)
    }
}

// MARK: Building .docx files

/// A `.docx` in memory, made with ZIPFoundation like any Office file: content types,
/// package relationships and the given `word/document.xml` body.
func makeDocx(body: String, compression: CompressionMethod = .deflate, extraEntries: [(String, Data)] = []) throws -> [UInt8] {
    let document = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" \
        xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" \
        xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:body>\(body)<w:sectPr><w:pgSz w:w="12240" w:h="15840"/></w:sectPr></w:body></w:document>
        """
    return try ZipFixture.make([
        ("[Content_Types].xml", Data("""
            <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="xml" ContentType="application/xml"/></Types>
            """.utf8)),
        ("_rels/.rels", Data("""
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
            """.utf8)),
        ("word/document.xml", Data(document.utf8)),
    ] + extraEntries, compression: compression)
}

/// XML for a paragraph: its lines joined with `<w:br/>`, each line split into runs at
/// spaces now and then, as Word does.
func docxParagraph(_ lines: [String]) -> String {
    let runs = lines.map { line -> String in
        let escaped = line.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        // Split a long line into two runs, so text is joined across runs.
        if let space = escaped.index(escaped.startIndex, offsetBy: escaped.count / 2, limitedBy: escaped.endIndex)
            .flatMap({ escaped[$0...].firstIndex(of: " ") }) {
            return "<w:r><w:rPr><w:b/></w:rPr><w:t>\(escaped[..<space])</w:t></w:r><w:r><w:t xml:space=\"preserve\">\(escaped[space...])</w:t></w:r>"
        }
        return "<w:r><w:t>\(escaped)</w:t></w:r>"
    }
    return "<w:p><w:pPr><w:pStyle w:val=\"Normal\"/></w:pPr>" + runs.joined(separator: "<w:r><w:br/></w:r>") + "</w:p>"
}
