/// Where each byte of an extracted text came from in the source file, kept as runs.
///
/// Extractors record, for every UTF-8 byte they emit, the offset of the source byte it
/// stands for (`origins`). A byte copied from the source gets that byte's offset; a byte of
/// something decoded (an HTML entity, a quoted-printable `=E9`) or made up (the paragraph
/// break a `</p>` becomes) gets the offset where that construct starts. The map keeps
/// runs of consecutive origins, so an ordinary letter costs a handful of runs.
///
/// Lines and columns are computed in the source bytes the way ``Document`` computes them
/// in text: lines end at `\n`, `\r\n` or `\r`; a column counts Unicode scalars (bytes that
/// are not UTF-8 continuation bytes) from the start of the line.
public struct TextSourceMap: SourceMapping, Equatable {
    struct Run: Sendable, Equatable {
        /// First text offset of the run.
        let textStart: Int
        /// Source offset of `textStart`.
        let sourceStart: Int
        /// Whether text offsets in the run advance with source offsets (a copy); otherwise
        /// every offset in the run maps to `sourceStart`.
        let advances: Bool
    }

    let runs: [Run]
    /// Source offset of the end of the text (what a span that ends the text points past).
    let sourceEnd: Int
    let textLength: Int
    /// The source bytes, kept to count columns.
    let source: [UInt8]
    /// Offset of the first byte of each source line.
    let lineStarts: [Int]

    /// - Parameters:
    ///   - origins: for each byte of the extracted text, the source offset it stands for.
    ///   - source: the bytes of the file as the user opens it (after decoding, for text formats).
    ///   - end: the source offset the end of the text maps to; by default just past the
    ///     last byte's origin.
    public init(origins: [Int], source: [UInt8], end: Int? = nil) {
        var runs: [Run] = []
        var i = 0
        while i < origins.count {
            let start = i
            if i + 1 < origins.count && origins[i + 1] == origins[i] + 1 {
                while i + 1 < origins.count && origins[i + 1] == origins[i] + 1 { i += 1 }
                runs.append(Run(textStart: start, sourceStart: origins[start], advances: true))
            } else {
                while i + 1 < origins.count && origins[i + 1] == origins[start] { i += 1 }
                runs.append(Run(textStart: start, sourceStart: origins[start], advances: false))
            }
            i += 1
        }
        self.runs = runs
        self.textLength = origins.count
        self.sourceEnd = min(source.count, end ?? origins.last.map { $0 + 1 } ?? 0)
        self.source = source
        var starts = [0]
        var j = 0
        while j < source.count {
            if source[j] == 0x0A {
                starts.append(j + 1)
            } else if source[j] == 0x0D {
                if j + 1 < source.count && source[j + 1] == 0x0A { j += 1 }
                starts.append(j + 1)
            }
            j += 1
        }
        self.lineStarts = starts
    }

    /// The source offset a text offset stands for.
    public func sourceOffset(ofTextOffset offset: Int) -> Int {
        if offset >= textLength || runs.isEmpty { return sourceEnd }
        let offset = max(0, offset)
        var lo = 0, hi = runs.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if runs[mid].textStart <= offset { lo = mid } else { hi = mid - 1 }
        }
        let run = runs[lo]
        return min(source.count, run.advances ? run.sourceStart + (offset - run.textStart) : run.sourceStart)
    }

    /// Line and column, in the source, of a source offset.
    public func location(ofSourceOffset offset: Int) -> Document.Location {
        let offset = min(max(0, offset), source.count)
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        var column = 1
        var i = lineStarts[lo]
        while i < offset {
            if source[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return Document.Location(line: lo + 1, column: column)
    }

    public func sourceLocation(ofTextOffset offset: Int, in document: Document) -> Document.Location {
        location(ofSourceOffset: sourceOffset(ofTextOffset: offset))
    }
}

/// A text with the same bytes, lines and offsets as its source but different characters in
/// places (Markdown markup masked with spaces): columns are counted in the source, where a
/// masked `é` is one character, not two spaces.
public struct AlignedSourceMap: SourceMapping, Equatable {
    let map: TextSourceMap

    public init(source: [UInt8]) {
        map = TextSourceMap(origins: Array(0..<source.count), source: source, end: source.count)
    }

    public func sourceLocation(ofTextOffset offset: Int, in document: Document) -> Document.Location {
        map.location(ofSourceOffset: offset)
    }
}
