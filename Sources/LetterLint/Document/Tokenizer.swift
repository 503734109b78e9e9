import PCRE2

/// The single-pass pieces that build a ``Document``. Each function reads only what the one
/// before it produced: bytes → lines → line sections → paragraphs → sentences.
enum Tokenizer {
    // MARK: Lines

    /// The lines, and how many end in CRLF, LF and a lone CR (old Mac files, some exports).
    static func lines(_ bytes: [UInt8]) -> (lines: [Range<Int>], crlf: Int, lf: Int, cr: Int) {
        var lines: [Range<Int>] = []
        var start = 0, i = 0, crlf = 0, lf = 0, cr = 0
        while i < bytes.count {
            switch bytes[i] {
            case 0x0A:
                lines.append(start..<i); lf += 1
                i += 1; start = i
            case 0x0D:
                lines.append(start..<i)
                if i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 2; crlf += 1 } else { i += 1; cr += 1 }
                start = i
            default:
                i += 1
            }
        }
        // The last line: text after the final terminator, or an empty line if the text
        // ends with one (so an offset at the very end still has a line).
        lines.append(start..<bytes.count)
        return (lines, crlf, lf, cr)
    }

    static func isBlank(_ range: Range<Int>, _ bytes: [UInt8]) -> Bool {
        var i = range.lowerBound
        while i < range.upperBound {
            switch bytes[i] {
            case 0x20, 0x09, 0x0B, 0x0C: i += 1
            case 0xC2 where i + 1 < range.upperBound && bytes[i + 1] == 0xA0: i += 2 // no-break space
            default: return false
            }
        }
        return true
    }

    // MARK: Sections

    /// Patterns that recognise the fixed parts of a letter. They describe letter shape, not
    /// risk, so they live with the tokenizer rather than in the lexicons.
    private static let salutation = try! Regex(
        #"^[ \t>#*_]*(?:dear|hi|hello|hey|greetings|good\s+(?:morning|afternoon|evening)|to\s+whom\s+it\s+may\s+concern|to\s+the\s+(?:hiring|hr|human|people)\b)\b[^\n]{0,80}$"#)
    private static let closing = try! Regex(
        #"^[ \t>*_]*(?:sincerely(?:\s+yours)?|yours\s+(?:sincerely|truly|faithfully|respectfully)|(?:best|kind|kindest|warm|warmest|with\s+(?:best|kind|warm))\s+(?:regards|wishes)|regards|best|warmly|respectfully(?:\s+yours)?|cordially|cheers|thanks(?:\s+again)?|thank\s+you(?:\s+again)?(?:\s+for\s+everything)?|many\s+thanks|with\s+(?:gratitude|appreciation|thanks|respect)|gratefully(?:\s+yours)?|all\s+the\s+best|take\s+care|with\s+(?:sincere|heartfelt)\s+thanks)[ \t]*[,.!:—–-]?[*_ \t]*$"#)
    private static let postscript = try! Regex(#"^[ \t*_]*P\.?\s?S\.?(?:[:\s]|$)"#, options: [.utf, .ucp, .multiline])

    /// Assigns each line a section (blank lines get the section of the line before them).
    static func classify(lines: [Range<Int>], bytes: [UInt8]) -> [Section] {
        let content = lines.indices.filter { !isBlank(lines[$0], bytes) }
        var sections = [Section](repeating: .body, count: lines.count)
        guard !content.isEmpty else { return sections }
        let matcher = Matcher.current
        func matches(_ regex: Regex, _ line: Int) -> Bool {
            bytes.withUnsafeBufferPointer { buffer in
                ((try? matcher.firstMatch(of: regex, in: buffer, from: lines[line].lowerBound, to: lines[line].upperBound)) ?? nil) != nil
            }
        }
        func wordCount(_ line: Int) -> Int {
            var count = 0, inWord = false
            for b in bytes[lines[line]] {
                let space = b == 0x20 || b == 0x09
                if !space && !inWord { count += 1 }
                inWord = !space
            }
            return count
        }

        // Salutation: among the first lines, a short greeting line.
        let searchLimit = max(1, min(25, content.count * 3 / 5))
        let salutationLine = content.prefix(searchLimit).first { matches(salutation, $0) && wordCount($0) <= 10 }

        // Closing: the last short closing line in the final part of the letter, after the
        // salutation and after at least one line of body.
        let firstBody = salutationLine.map { line in content.first { $0 > line } } ?? content.first
        let tail = content.suffix(12)
        let closingLine = tail.reversed().first { line in
            guard let firstBody, line > firstBody, wordCount(line) <= 6 else { return false }
            return matches(closing, line)
        }
        let postscriptLine = content.first { line in
            line > (closingLine ?? firstBody ?? 0) && matches(postscript, line)
        }

        var headerEnd = 0
        if salutationLine == nil, let first = content.first {
            headerEnd = Tokenizer.headerBlockEnd(startingAt: first, content: content, lines: lines, bytes: bytes,
                                                 wordCount: wordCount)
        }
        let signatureStart = closingLine.map { $0 + 1 }
            ?? Tokenizer.trailingSignature(content: content, before: postscriptLine, lines: lines, bytes: bytes,
                                           wordCount: wordCount)

        for i in lines.indices {
            if let p = postscriptLine, i >= p { sections[i] = .postscript }
            else if let s = signatureStart, i >= s { sections[i] = .signature }
            else if let c = closingLine, i >= c { sections[i] = .closing }
            else if let s = salutationLine { sections[i] = i < s ? .header : i == s ? .salutation : .body }
            else { sections[i] = i < headerEnd ? .header : .body }
        }
        return sections
    }

    /// Without a salutation, a first paragraph of short lines with no sentence (an address
    /// block, a date) is a header. Returns the first line after it, or the first line.
    private static func headerBlockEnd(startingAt first: Int, content: [Int], lines: [Range<Int>], bytes: [UInt8],
                                       wordCount: (Int) -> Int) -> Int {
        var i = first
        while i < lines.count && !isBlank(lines[i], bytes) {
            let line = lines[i]
            let last = line.isEmpty ? 0 : bytes[line.upperBound - 1]
            if wordCount(i) > 8 || last == UInt8(ascii: ".") || last == UInt8(ascii: "!") || last == UInt8(ascii: "?") {
                return first
            }
            i += 1
        }
        // Only a header if something follows it.
        return content.contains { $0 >= i } ? i : first
    }

    /// Without a closing line, a last paragraph of one to three short lines with no
    /// sentence punctuation is a signature (a bare name at the end of the letter).
    private static func trailingSignature(content: [Int], before limit: Int?, lines: [Range<Int>], bytes: [UInt8],
                                          wordCount: (Int) -> Int) -> Int? {
        let candidates = content.filter { limit == nil || $0 < limit! }
        guard let last = candidates.last else { return nil }
        var start = last
        while start - 1 >= 0 && !isBlank(lines[start - 1], bytes) { start -= 1 }
        guard start > (candidates.first ?? 0), last - start < 3 else { return nil }
        for i in start...last {
            let line = lines[i]
            let end = line.isEmpty ? 0 : bytes[line.upperBound - 1]
            if wordCount(i) > 5 || end == UInt8(ascii: ".") || end == UInt8(ascii: "?") || end == UInt8(ascii: "!") { return nil }
        }
        return start
    }

    // MARK: Paragraphs and sentences

    static func paragraphs(lines: [Range<Int>], sections: [Section], bytes: [UInt8]) -> [Document.Paragraph] {
        var result: [Document.Paragraph] = []
        var start: Int? = nil
        var end = 0
        var section: Section = .body
        func close() {
            if let s = start { result.append(.init(range: s..<end, section: section)) }
            start = nil
        }
        for (i, line) in lines.enumerated() {
            if isBlank(line, bytes) { close(); continue }
            let lineStart = line.lowerBound + leadingSpace(line, bytes)
            if start != nil && sections[i] != section { close() }
            if start == nil { start = lineStart; section = sections[i] }
            end = line.upperBound - trailingSpace(line, bytes)
        }
        close()
        return result
    }

    private static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "mx", "dr", "prof", "st", "vs", "etc", "e.g", "i.e", "eg", "ie", "inc", "ltd", "co",
        "jr", "sr", "no", "approx", "dept", "fig", "al", "cf", "corp", "u.s", "u.k", "a.m", "p.m",
    ]

    static func sentences(paragraphs: [Document.Paragraph], lines: [Range<Int>], bytes: [UInt8]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for paragraph in paragraphs {
            switch paragraph.section {
            case .header, .salutation, .closing, .signature:
                for line in lines where line.overlaps(paragraph.range) {
                    let r = trimmed(line.clamped(to: paragraph.range), bytes)
                    if !r.isEmpty { result.append(r) }
                }
            case .body, .postscript:
                result += proseSentences(paragraph.range, lines: lines, bytes: bytes)
            }
        }
        return result
    }

    /// Splits prose at sentence ends, and before list items and headings on their own line.
    private static func proseSentences(_ range: Range<Int>, lines: [Range<Int>], bytes: [UInt8]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = range.lowerBound
        func emit(_ end: Int) {
            let r = trimmed(start..<end, bytes)
            if !r.isEmpty { result.append(r) }
            start = end
        }
        var i = range.lowerBound
        while i < range.upperBound {
            let b = bytes[i]
            if b == 0x0A || b == 0x0D {
                // A new line that starts a list item or a heading starts a new sentence.
                var j = i + 1
                if b == 0x0D && j < range.upperBound && bytes[j] == 0x0A { j += 1 }
                if startsBlockItem(at: j, bytes: bytes, end: range.upperBound) || isHeadingLine(start, bytes) {
                    emit(i)
                }
                i = j
                continue
            }
            if b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?")
                || (b == 0xE2 && i + 2 < range.upperBound && bytes[i + 1] == 0x80 && bytes[i + 2] == 0xA6) {
                var end = b == 0xE2 ? i + 3 : i + 1
                // Runs of terminators, closing quotes and brackets stay with the sentence.
                while end < range.upperBound {
                    let c = bytes[end]
                    if c == UInt8(ascii: ".") || c == UInt8(ascii: "!") || c == UInt8(ascii: "?") || c == UInt8(ascii: "\"")
                        || c == UInt8(ascii: "'") || c == UInt8(ascii: ")") || c == UInt8(ascii: "*") || c == UInt8(ascii: "_") {
                        end += 1
                    } else if c == 0xE2 && end + 2 < range.upperBound && bytes[end + 1] == 0x80
                                && (bytes[end + 2] == 0x9D || bytes[end + 2] == 0x99 || bytes[end + 2] == 0xA6) {
                        end += 3 // ” ’ …
                    } else { break }
                }
                if end >= range.upperBound || isSpace(bytes[end]) {
                    if b == UInt8(ascii: "."), isAbbreviation(before: i, from: start, bytes) || nextStartsLowercase(end, range, bytes) {
                        i = end
                        continue
                    }
                    emit(end)
                }
                i = end
                continue
            }
            i += 1
        }
        emit(range.upperBound)
        return result
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    private static func startsBlockItem(at i: Int, bytes: [UInt8], end: Int) -> Bool {
        var j = i
        while j < end && (bytes[j] == 0x20 || bytes[j] == 0x09) { j += 1 }
        guard j < end else { return false }
        let b = bytes[j]
        if (b == UInt8(ascii: "-") || b == UInt8(ascii: "*") || b == UInt8(ascii: "+") || b == UInt8(ascii: "#"))
            && j + 1 < end && bytes[j + 1] == 0x20 { return true }
        if b == 0xE2 && j + 2 < end && bytes[j + 1] == 0x80 && bytes[j + 2] == 0xA2 { return true } // •
        var k = j
        while k < end && bytes[k] >= 0x30 && bytes[k] <= 0x39 { k += 1 }
        return k > j && k + 1 < end && (bytes[k] == UInt8(ascii: ".") || bytes[k] == UInt8(ascii: ")")) && bytes[k + 1] == 0x20
    }

    private static func isHeadingLine(_ start: Int, _ bytes: [UInt8]) -> Bool {
        var j = start
        while j < bytes.count && (bytes[j] == 0x20 || bytes[j] == 0x09) { j += 1 }
        return j < bytes.count && bytes[j] == UInt8(ascii: "#")
    }

    private static func isAbbreviation(before dot: Int, from start: Int, _ bytes: [UInt8]) -> Bool {
        var j = dot
        while j > start && !isSpace(bytes[j - 1]) && bytes[j - 1] != UInt8(ascii: "(") { j -= 1 }
        let word = String(decoding: bytes[j..<dot], as: UTF8.self).lowercased()
        if abbreviations.contains(word) { return true }
        // A single capital letter is an initial ("J. Smith").
        return dot - j == 1 && bytes[j] >= UInt8(ascii: "A") && bytes[j] <= UInt8(ascii: "Z")
    }

    private static func nextStartsLowercase(_ end: Int, _ range: Range<Int>, _ bytes: [UInt8]) -> Bool {
        var j = end
        while j < range.upperBound && isSpace(bytes[j]) { j += 1 }
        return j < range.upperBound && bytes[j] >= UInt8(ascii: "a") && bytes[j] <= UInt8(ascii: "z")
    }

    private static func leadingSpace(_ r: Range<Int>, _ bytes: [UInt8]) -> Int {
        var n = 0
        while r.lowerBound + n < r.upperBound && (bytes[r.lowerBound + n] == 0x20 || bytes[r.lowerBound + n] == 0x09) { n += 1 }
        return n
    }

    private static func trailingSpace(_ r: Range<Int>, _ bytes: [UInt8]) -> Int {
        var n = 0
        while r.upperBound - n > r.lowerBound && (bytes[r.upperBound - n - 1] == 0x20 || bytes[r.upperBound - n - 1] == 0x09) { n += 1 }
        return n
    }

    static func trimmed(_ r: Range<Int>, _ bytes: [UInt8]) -> Range<Int> {
        var lo = r.lowerBound, hi = r.upperBound
        while lo < hi && isSpace(bytes[lo]) { lo += 1 }
        while hi > lo && isSpace(bytes[hi - 1]) { hi -= 1 }
        return lo..<hi
    }

    static func sectionSpans(_ paragraphs: [Document.Paragraph]) -> [Document.SectionSpan] {
        var spans: [Document.SectionSpan] = []
        for p in paragraphs {
            if let last = spans.last, last.section == p.section {
                spans[spans.count - 1] = .init(section: p.section, range: last.range.lowerBound..<p.range.upperBound)
            } else {
                spans.append(.init(section: p.section, range: p.range))
            }
        }
        return spans
    }

    // MARK: Words

    static func words(_ text: String) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var offset = 0
        var start: Int? = nil
        var joiner: Int? = nil // offset of an apostrophe or hyphen inside a word, kept if a letter follows
        for scalar in text.unicodeScalars {
            if Tokenizer.isWordCharacter(scalar) {
                if start == nil { start = offset }
                joiner = nil
            } else if start != nil && joiner == nil && (scalar == "'" || scalar == "\u{2019}" || scalar == "-") {
                joiner = offset
            } else if let s = start {
                result.append(s..<(joiner ?? offset))
                start = nil; joiner = nil
            }
            offset += UTF8.width(scalar)
        }
        if let s = start { result.append(s..<(joiner ?? offset)) }
        return result
    }

    /// A letter or a digit. ASCII, most of any letter, is answered without the Unicode
    /// property tables, which cost a lookup per character.
    @inline(__always)
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 { return (v | 0x20) &- 0x61 < 26 || v &- 0x30 < 10 }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
