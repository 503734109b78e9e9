import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A Word document (`.docx`) to the text of its body.
///
/// The text comes from the archive's `word/document.xml` (read by ``DocxArchive``), parsed
/// with Foundation's `XMLParser`:
/// - each paragraph (`w:p`) is one paragraph of the text, separated from the next by a
///   blank line; empty paragraphs (spacing) are left out;
/// - runs' text (`w:t`), tabs (`w:tab` → a tab), line breaks (`w:br`, `w:cr` → a line
///   break), non-breaking hyphens;
/// - tracked insertions (`w:ins`, `w:moveTo`) are read; tracked deletions (`w:del`,
///   `w:delText`, `w:moveFrom`) are not, and a paragraph whose mark was deleted runs on
///   into the next one, as Word shows it;
/// - field instructions (`w:instrText`, e.g. a hyperlink's URL) are not text; their
///   results are. Text boxes are read once (the `mc:Fallback` copy is skipped).
///
/// Positions are the line and column of this extracted text, so no source map is needed
/// (a `.docx` has no lines of its own): line N of a report is line N of
/// `letterlint debug tokens` for the file, paragraph by paragraph.
///
/// The XML is refused before parsing if it declares a DTD (`<!DOCTYPE`, `<!ENTITY`): Word
/// never writes one, and refusing it is the sure way never to expand an entity bomb or
/// fetch an external entity. External entities are off as well.
enum DocxText {
    static let documentPart = "word/document.xml"

    static func extract(_ bytes: [UInt8]) throws(InputFormatError) -> ExtractedText {
        let xml: [UInt8]
        do {
            xml = try DocxArchive.read(documentPart, from: bytes)
        } catch {
            throw .docx(message(for: error))
        }
        try checkXML(xml)
        let reader = DocumentReader()
        let parser = XMLParser(data: Data(withoutProcessingInstructions(xml)))
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        // On Linux, parse() returns true after some errors (a document cut short); the error
        // is still reported, so both are checked.
        let parsed = parser.parse()
        if !parsed || parser.parserError != nil || reader.firstError != nil {
            let code = (reader.firstError?.code ?? (parser.parserError as NSError?)?.code).map { "error \($0)" } ?? "unknown error"
            let line = reader.firstError?.line ?? parser.lineNumber
            let column = reader.firstError?.column ?? parser.columnNumber
            throw .docx("\(documentPart) is not well-formed XML (XML parser \(code) at line \(line), column \(column)); open the document in Word and save it again")
        }
        reader.finish()
        var notes: [String] = []
        if reader.skippedDeletions > 0 {
            notes.append("tracked deletions in the document were not checked (\(reader.skippedDeletions) deleted passage\(reader.skippedDeletions == 1 ? "" : "s"))")
        }
        return ExtractedText(text: reader.text, notes: notes)
    }

    static func message(for failure: DocxArchive.Failure) -> String {
        switch failure {
        case .notZip:
            return "it is not a ZIP archive, so it is not a Word document (a .docx is a ZIP file); save the letter from Word again, or as .txt"
        case .damaged(let reason):
            return "the archive is damaged: \(reason); open it in Word and save it again, or save the letter as .txt"
        case .zip64:
            return "it uses ZIP64, which no letter needs; open it in Word and save it again"
        case .missing(let path):
            return "it has no \(path), so it is not a Word document (is it another Office file?)"
        case .tooLarge(let size):
            return "\(documentPart) would inflate to \(size) bytes, more than the \(DocxArchive.maxPartSize / 1024 / 1024) MB letterlint reads; refusing it (a ZIP bomb, or not a letter)"
        case .unreadable(let reason):
            return "\(reason); open it in Word and save it again"
        }
    }

    /// Refuses XML that is not UTF-8 or that declares a DTD.
    static func checkXML(_ xml: [UInt8]) throws(InputFormatError) {
        var body = xml[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let text = String(validating: body, as: UTF8.self) else {
            throw .docx("\(documentPart) is not UTF-8 text, as Word writes it; open the document in Word and save it again")
        }
        if text.contains("<!DOCTYPE") || text.contains("<!ENTITY") {
            throw .docx("\(documentPart) declares a DTD (<!DOCTYPE>), which Word never writes; refusing to expand its entities (an XML entity bomb?)")
        }
        if let declarationEnd = text.range(of: "?>"), text.hasPrefix("<?xml") {
            let declaration = text[..<declarationEnd.lowerBound].lowercased()
            if let encoding = declaration.range(of: "encoding") {
                let value = declaration[encoding.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
                    .prefix { $0 != "\"" && $0 != "'" && $0 != " " }
                if value != "utf-8" && value != "utf8" {
                    throw .docx("\(documentPart) declares the encoding \"\(value)\", not UTF-8 as Word writes it; open the document in Word and save it again")
                }
            }
        }
    }

    /// The XML without its processing instructions (`<?target data?>`) after the XML
    /// declaration. They are never text, Word writes none in the document part, and
    /// Foundation's XMLParser on Linux crashes on one that has no data (`<?x?>`): it takes
    /// the length of a null string. Comments and CDATA sections are passed over whole, so
    /// a `<?` inside them is left alone.
    static func withoutProcessingInstructions(_ xml: [UInt8]) -> [UInt8] {
        func starts(_ marker: String, at i: Int) -> Bool {
            let m = Array(marker.utf8)
            return i + m.count <= xml.count && xml[i..<i + m.count].elementsEqual(m)
        }
        /// The index just past the first `marker` at or after `from`, or the end.
        func past(_ marker: String, from: Int) -> Int {
            let m = Array(marker.utf8)
            var i = from
            while i + m.count <= xml.count {
                if xml[i] == m[0] && xml[i..<i + m.count].elementsEqual(m) { return i + m.count }
                i += 1
            }
            return xml.count
        }
        var out: [UInt8] = []
        out.reserveCapacity(xml.count)
        // The declaration, after a byte order mark, stays: it is not a processing instruction.
        var i = xml.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        if starts("<?xml", at: i) { i = past("?>", from: i) }
        out += xml[0..<i]
        while i < xml.count {
            guard xml[i] == UInt8(ascii: "<") else { out.append(xml[i]); i += 1; continue }
            let end: Int
            if starts("<!--", at: i) {
                end = past("-->", from: i + 4)
            } else if starts("<![CDATA[", at: i) {
                end = past("]]>", from: i + 9)
            } else if starts("<?", at: i) {
                i = past("?>", from: i + 2)
                continue
            } else {
                end = i + 1
            }
            out += xml[i..<end]
            i = end
        }
        return out
    }

    /// Collects paragraphs from the SAX events of `word/document.xml`.
    final class DocumentReader: NSObject, XMLParserDelegate {
        static let wordNamespaces: Set<String> = [
            "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
            "http://purl.oclc.org/ooxml/wordprocessingml/main",
        ]
        static let markupCompatibility = "http://schemas.openxmlformats.org/markup-compatibility/2006"
        /// Word elements whose content is never text of the letter.
        static let skippedElements: Set<String> = [
            "del", "moveFrom", "delText", "delInstrText", "instrText", "pPr", "rPr", "sectPr", "tblPr", "trPr", "tcPr",
            "footnoteReference", "endnoteReference", "commentReference", "annotationRef",
        ]

        private(set) var paragraphs: [String] = []
        /// The first error the parser reported, where it happened.
        private(set) var firstError: (code: Int, line: Int, column: Int)? = nil
        private(set) var skippedDeletions = 0
        /// Open paragraphs (text boxes nest paragraphs inside runs).
        private var open: [(text: String, markDeleted: Bool)] = []
        /// Text of a paragraph whose mark was deleted, waiting for the next paragraph.
        private var carried = ""
        private var skipDepth = 0
        private var inText = false
        /// Depth inside `w:pPr` and its `w:rPr`, where a `w:del` marks a deleted paragraph mark.
        private var paragraphPropertiesDepth = 0

        var text: String {
            paragraphs.isEmpty ? "" : paragraphs.joined(separator: "\n\n") + "\n"
        }

        private func isWord(_ ns: String?) -> Bool { ns.map(Self.wordNamespaces.contains) ?? false }

        private func append(_ s: String) {
            guard !open.isEmpty else { return }
            open[open.count - 1].text += s
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if namespaceURI == Self.markupCompatibility && name == "Fallback" { skipDepth += 1; return }
            guard isWord(namespaceURI) else {
                if skipDepth > 0 { skipDepth += 1 }
                return
            }
            if name == "pPr" { paragraphPropertiesDepth += 1 }
            if paragraphPropertiesDepth > 0 {
                if name == "del", !open.isEmpty { open[open.count - 1].markDeleted = true }
                if skipDepth > 0 || name == "pPr" { skipDepth += 1 }
                return
            }
            if skipDepth > 0 { skipDepth += 1; return }
            if Self.skippedElements.contains(name) {
                if name == "del" || name == "moveFrom" { skippedDeletions += 1 }
                skipDepth = 1
                return
            }
            switch name {
            case "p": open.append(("", false))
            case "t": inText = true
            case "tab": append("\t")
            case "br", "cr": append("\n")
            case "noBreakHyphen": append("-")
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if isWord(namespaceURI) && name == "pPr" { paragraphPropertiesDepth = max(0, paragraphPropertiesDepth - 1) }
            if skipDepth > 0 { skipDepth -= 1; return }
            guard isWord(namespaceURI) else { return }
            switch name {
            case "t": inText = false
            case "p": closeParagraph()
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inText && skipDepth == 0 { append(string) }
        }

        /// Text in a CDATA section is text like any other (Word writes none; other tools may).
        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            if inText && skipDepth == 0 { append(String(decoding: block, as: UTF8.self)) }
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            if firstError == nil { firstError = ((parseError as NSError).code, parser.lineNumber, parser.columnNumber) }
        }

        func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? { nil }

        private func closeParagraph() {
            guard let paragraph = open.popLast() else { return }
            let text = carried + paragraph.text
            if paragraph.markDeleted {
                carried = text
                return
            }
            carried = ""
            if text.contains(where: { !$0.isWhitespace }) { paragraphs.append(text) }
        }

        /// Text carried past the last paragraph (its mark deleted) still counts.
        func finish() {
            while !open.isEmpty { closeParagraph() }
            if carried.contains(where: { !$0.isWhitespace }) { paragraphs.append(carried) }
            carried = ""
        }
    }
}
