import PCRE2

/// A letter, read once and split into lines, paragraphs, sentences, words and sections.
///
/// Every position is a UTF-8 byte offset into `text` (the only offset unit inside
/// letterlint); line and column are computed at the edges by ``location(of:)``.
/// The tokenizer knows nothing about rules: it only describes the letter's shape.
public struct Document: Sendable {
    /// The decoded text, exactly as read (a UTF-8 BOM is dropped by decoding; line
    /// endings are kept, so offsets slice the text the user has).
    public let text: String
    /// `text` as UTF-8 bytes: what patterns are matched against.
    public let bytes: [UInt8]
    /// Content of each line, without its terminator (`\n`, `\r\n` or `\r`).
    public let lines: [Range<Int>]
    /// Paragraphs: runs of non-blank lines in the same section.
    public let paragraphs: [Paragraph]
    /// Sentences, in order; in the header, salutation, closing and signature each line is one.
    public let sentences: [Range<Int>]
    /// Words: runs of letters and digits, with inner apostrophes and hyphens.
    public let words: [Range<Int>]
    /// The letter's parts, in order; contiguous ranges that together cover every paragraph.
    public let sections: [SectionSpan]
    /// The line terminator the letter mostly uses, for text letterlint inserts.
    public let lineEnding: String

    public struct Paragraph: Sendable, Equatable {
        public let range: Range<Int>
        public let section: Section
    }

    public struct SectionSpan: Sendable, Equatable {
        public let section: Section
        public let range: Range<Int>
    }

    /// A 1-based line and column; the column counts Unicode scalars from the line start.
    public struct Location: Sendable, Equatable, Comparable {
        public let line: Int
        public let column: Int
        public static func < (a: Location, b: Location) -> Bool { (a.line, a.column) < (b.line, b.column) }
    }

    public init(text: String) {
        self.text = text
        let bytes = Array(text.utf8)
        self.bytes = bytes
        let scan = Tokenizer.lines(bytes)
        lines = scan.lines
        lineEnding = scan.cr > max(scan.crlf, scan.lf) ? "\r" : scan.crlf > scan.lf ? "\r\n" : "\n"
        let lineSections = Tokenizer.classify(lines: lines, bytes: bytes)
        paragraphs = Tokenizer.paragraphs(lines: lines, sections: lineSections, bytes: bytes)
        sentences = Tokenizer.sentences(paragraphs: paragraphs, lines: lines, bytes: bytes)
        words = Tokenizer.words(text)
        sections = Tokenizer.sectionSpans(paragraphs)
        scalarCheckpoints = lines.contains { $0.count > Document.checkpointStride } ? Document.checkpoints(bytes) : []
    }

    /// Columns count characters from the start of the line. On a long line (a letter pasted
    /// as one paragraph) counting from the line's start for each of hundreds of findings
    /// would be quadratic, so such a document keeps the number of characters before every
    /// `checkpointStride` bytes.
    private static let checkpointStride = 4096
    private let scalarCheckpoints: [Int]

    private static func checkpoints(_ bytes: [UInt8]) -> [Int] {
        var out = [0]
        out.reserveCapacity(bytes.count / checkpointStride + 1)
        var count = 0
        for (i, byte) in bytes.enumerated() {
            if i > 0 && i % checkpointStride == 0 { out.append(count) }
            if byte & 0xC0 != 0x80 { count += 1 }
        }
        // An offset at the very end, when the length is a multiple of the stride.
        if !bytes.isEmpty && bytes.count % checkpointStride == 0 { out.append(count) }
        return out
    }

    /// Characters (Unicode scalars) in `bytes[from..<to]`.
    private func scalars(from: Int, to: Int) -> Int {
        var count = 0, i = from
        while i < to {
            if bytes[i] & 0xC0 != 0x80 { count += 1 }
            i += 1
        }
        return count
    }

    /// Characters before `offset`, from the nearest checkpoint.
    private func scalarsBefore(_ offset: Int) -> Int {
        let k = offset / Document.checkpointStride
        return scalarCheckpoints[k] + scalars(from: k * Document.checkpointStride, to: offset)
    }

    /// The text of a byte range.
    public func slice(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// Line and column of a byte offset. An offset just past the end is still a location.
    public func location(of offset: Int) -> Location {
        let index = lineIndex(containing: offset)
        let start = lines[index].lowerBound, end = max(start, min(offset, bytes.count))
        if end - start <= Document.checkpointStride || scalarCheckpoints.isEmpty {
            return Location(line: index + 1, column: 1 + scalars(from: start, to: end))
        }
        return Location(line: index + 1, column: 1 + scalarsBefore(end) - scalarsBefore(start))
    }

    /// Index into `lines` of the line holding `offset` (a terminator belongs to its line).
    public func lineIndex(containing offset: Int) -> Int {
        var lo = 0, hi = lines.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lines[mid].lowerBound <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// The section holding `offset`; text between paragraphs belongs to the section before it.
    public func section(at offset: Int) -> Section {
        var found = sections.first?.section ?? .body
        for span in sections {
            if span.range.lowerBound > offset { break }
            found = span.section
        }
        return found
    }

    /// The span of `section`, if the letter has one.
    public func span(of section: Section) -> Range<Int>? {
        sections.first { $0.section == section }?.range
    }

    /// The sentence holding `offset`.
    public func sentence(containing offset: Int) -> Range<Int>? {
        Document.unit(containing: offset, in: sentences)
    }

    /// The ranges a rule with this scope must keep each match inside.
    public func units(for scope: Scope) -> [Range<Int>] {
        switch scope {
        case .sentence: return sentences
        case .paragraph: return paragraphs.map(\.range)
        case .section: return sections.map(\.range)
        case .document: return [0..<bytes.count]
        }
    }

    /// Binary search for the range holding `offset` in sorted, non-overlapping `units`.
    public static func unit(containing offset: Int, in units: [Range<Int>]) -> Range<Int>? {
        unitIndex(containing: offset, in: units).map { units[$0] }
    }

    /// The index in sorted, non-overlapping `units` of the range holding `offset`.
    public static func unitIndex(containing offset: Int, in units: [Range<Int>]) -> Int? {
        var lo = 0, hi = units.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            if units[mid].upperBound <= offset { lo = mid + 1 }
            else if units[mid].lowerBound > offset { hi = mid - 1 }
            else { return mid }
        }
        return nil
    }
}
