import Foundation

/// Markdown to lintable text by masking: markup is overwritten with spaces and nothing
/// moves, so every offset, line and column of the text is the file's own.
///
/// What is masked (CommonMark and GitHub's extensions, read line by line):
/// - emphasis and strong markers (`*`, `_`, `**`, `__`) and strikethrough (`~~`) that pair
///   up; the words they wrap stay, so "**took credit** for my work" still matches;
/// - a link's brackets, its destination and title (`[text](url "title")` keeps `text`);
///   reference links and their definitions; images as a whole; autolink brackets;
/// - heading marks (`#`, setext underlines), thematic breaks, YAML front matter;
/// - inline code markers (the backticks; the code inside stays, so a key pasted in
///   backticks is still found), backslash escapes;
/// - HTML comments and tags of HTML elements (`<br>`, `<span …>`); a template field such as
///   `<COMPANY>` is not an HTML element and stays for the placeholder rules;
/// - fenced and indented code blocks and block quotes, whole, unless the options keep them
///   (then only their fences and `>` markers are masked).
///
/// List markers stay: the tokenizer uses them to split list items into sentences.
///
/// Unlike CommonMark, `*` emphasis does not open or close inside a word, so the masked
/// spellings of profanity ("f***", "sh*t") are never taken for emphasis.
enum MarkdownText {
    static func extract(_ decoded: TextDecoding.Decoded, options: InputFormat.Options) -> ExtractedText {
        let source = Array(decoded.text.utf8)
        var masker = Masker(bytes: source, options: options)
        masker.run()
        let masked = masker.bytes
        // Masking a multibyte character with one space per byte keeps offsets and lines but
        // would shift the columns after it on that line; count columns in the source then.
        let map: (any SourceMapping)? = masker.maskedMultibyte ? AlignedSourceMap(source: source) : nil
        var notes = decoded.notes
        var skipped: [String] = []
        if masker.skippedCodeBlocks > 0 { skipped.append(count(masker.skippedCodeBlocks, "code block")) }
        if masker.skippedQuotes > 0 { skipped.append(count(masker.skippedQuotes, "block quote")) }
        if !skipped.isEmpty {
            notes.append("\(skipped.joined(separator: " and ")) not checked (Markdown code and quotes are not letter text)")
        }
        return ExtractedText(text: String(decoding: masked, as: UTF8.self), notes: notes, sourceMap: map)
    }

    static func count(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }

    struct Masker {
        var bytes: [UInt8]
        /// The unmasked text: emphasis flanking is judged on what the writer typed.
        let original: [UInt8]
        let options: InputFormat.Options
        /// Bytes that are code or escaped: never markup.
        var literal: [Bool]
        var maskedMultibyte = false
        var skippedCodeBlocks = 0
        var skippedQuotes = 0
        let lines: [Range<Int>]
        /// Link reference labels defined in the document (normalised).
        var labels: Set<String> = []

        init(bytes: [UInt8], options: InputFormat.Options) {
            self.bytes = bytes
            self.original = bytes
            self.options = options
            self.literal = [Bool](repeating: false, count: bytes.count)
            self.lines = Tokenizer.lines(bytes).lines
        }

        mutating func mask(_ range: Range<Int>) {
            for i in range where i < bytes.count && bytes[i] != 0x0A && bytes[i] != 0x0D {
                if bytes[i] >= 0x80 { maskedMultibyte = true }
                bytes[i] = 0x20
            }
        }

        // MARK: Blocks

        mutating func run() {
            collectLabels()
            var index = 0
            if let end = frontMatterEnd() {
                for line in lines[0...end] { mask(line) }
                index = end + 1
            }
            var paragraph: [Range<Int>] = []
            var previousBlank = true
            var inList = false
            var inQuote = false
            func flush(_ m: inout Masker) {
                if !paragraph.isEmpty { m.inline(paragraph) }
                paragraph = []
            }
            while index < lines.count {
                let line = lines[index]
                let indent = indentation(line)
                let content = line.lowerBound + indent.bytes
                if Tokenizer.isBlank(line, bytes) {
                    flush(&self)
                    previousBlank = true
                    inQuote = false
                    index += 1
                    continue
                }
                defer { previousBlank = false }
                // Fenced code.
                if indent.columns < 4, let fence = fenceOpening(line, at: content) {
                    flush(&self)
                    index = maskFence(from: index, fence: fence, indent: indent.columns)
                    continue
                }
                // Indented code: only where a paragraph cannot continue and not inside a list.
                if indent.columns >= 4 && previousBlank && !inList && paragraph.isEmpty {
                    flush(&self)
                    if !options.keepCodeBlocks { skippedCodeBlocks += 1 }
                    while index < lines.count && (Tokenizer.isBlank(lines[index], bytes) || indentation(lines[index]).columns >= 4) {
                        if options.keepCodeBlocks {
                            for i in lines[index] { literal[i] = true }
                        } else {
                            mask(lines[index])
                        }
                        index += 1
                    }
                    continue
                }
                // Block quotes, with lazy continuation lines.
                if indent.columns < 4 && content < line.upperBound && bytes[content] == UInt8(ascii: ">") || (inQuote && !paragraph.isEmpty && !startsBlock(line, at: content)) {
                    if !inQuote {
                        flush(&self)
                        if !options.keepQuotes { skippedQuotes += 1 }
                    }
                    inQuote = true
                    if options.keepQuotes {
                        var i = content
                        while i < line.upperBound && (bytes[i] == UInt8(ascii: ">") || bytes[i] == 0x20) {
                            if bytes[i] == UInt8(ascii: ">") { mask(i..<i + 1) }
                            i += 1
                        }
                        paragraph.append(line)
                    } else {
                        mask(line)
                        paragraph.append(line.upperBound..<line.upperBound)
                    }
                    index += 1
                    continue
                }
                if inQuote { flush(&self); inQuote = false }
                // Thematic breaks and setext underlines.
                if indent.columns < 4 && isThematicBreak(line, at: content) {
                    flush(&self)
                    mask(line)
                    index += 1
                    continue
                }
                if indent.columns < 4 && !paragraph.isEmpty && isSetextUnderline(line, at: content) {
                    mask(line)
                    flush(&self)
                    index += 1
                    continue
                }
                // ATX headings: an inline block of their own.
                if indent.columns < 4, let marks = atxMarks(line, at: content) {
                    flush(&self)
                    mask(marks.open)
                    if let close = marks.close { mask(close) }
                    inline([line])
                    inList = false
                    index += 1
                    continue
                }
                // Link reference definitions.
                if indent.columns < 4 && isDefinition(line, at: content) {
                    flush(&self)
                    mask(line)
                    index += 1
                    continue
                }
                if isListItem(line, at: content) {
                    inList = true
                } else if indent.columns == 0 && previousBlank {
                    inList = false
                }
                paragraph.append(line)
                index += 1
            }
            flush(&self)
        }

        func indentation(_ line: Range<Int>) -> (bytes: Int, columns: Int) {
            var i = line.lowerBound, columns = 0
            while i < line.upperBound {
                if bytes[i] == 0x20 { columns += 1 } else if bytes[i] == 0x09 { columns += 4 - columns % 4 } else { break }
                i += 1
            }
            return (i - line.lowerBound, columns)
        }

        func frontMatterEnd() -> Int? {
            guard let first = lines.first, trimmedText(first) == "---" else { return nil }
            for i in 1..<min(lines.count, 200) where ["---", "..."].contains(trimmedText(lines[i])) {
                return i
            }
            return nil
        }

        func trimmedText(_ line: Range<Int>) -> String {
            String(decoding: bytes[line], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        }

        func fenceOpening(_ line: Range<Int>, at start: Int) -> (char: UInt8, count: Int)? {
            guard start < line.upperBound, bytes[start] == UInt8(ascii: "`") || bytes[start] == UInt8(ascii: "~") else { return nil }
            let c = bytes[start]
            var i = start
            while i < line.upperBound && bytes[i] == c { i += 1 }
            guard i - start >= 3 else { return nil }
            if c == UInt8(ascii: "`") && bytes[i..<line.upperBound].contains(c) { return nil }
            return (c, i - start)
        }

        /// Masks a fenced block from its opening line; returns the index of the line after it.
        mutating func maskFence(from opening: Int, fence: (char: UInt8, count: Int), indent: Int) -> Int {
            mask(lines[opening])
            if !options.keepCodeBlocks { skippedCodeBlocks += 1 }
            var index = opening + 1
            while index < lines.count {
                let line = lines[index]
                let ind = indentation(line)
                let start = line.lowerBound + ind.bytes
                var i = start
                while i < line.upperBound && bytes[i] == fence.char { i += 1 }
                let closes = ind.columns < 4 && i - start >= fence.count
                    && bytes[i..<line.upperBound].allSatisfy { $0 == 0x20 || $0 == 0x09 }
                if closes {
                    mask(line)
                    return index + 1
                }
                if options.keepCodeBlocks {
                    for j in line { literal[j] = true }
                } else {
                    mask(line)
                }
                index += 1
            }
            return index
        }

        func startsBlock(_ line: Range<Int>, at start: Int) -> Bool {
            atxMarks(line, at: start) != nil || fenceOpening(line, at: start) != nil || isThematicBreak(line, at: start)
                || isListItem(line, at: start)
        }

        func isThematicBreak(_ line: Range<Int>, at start: Int) -> Bool {
            guard start < line.upperBound else { return false }
            let c = bytes[start]
            guard c == UInt8(ascii: "*") || c == UInt8(ascii: "-") || c == UInt8(ascii: "_") else { return false }
            var count = 0
            for b in bytes[start..<line.upperBound] {
                if b == c { count += 1 } else if b != 0x20 && b != 0x09 { return false }
            }
            return count >= 3
        }

        func isSetextUnderline(_ line: Range<Int>, at start: Int) -> Bool {
            guard start < line.upperBound else { return false }
            let c = bytes[start]
            guard c == UInt8(ascii: "=") || c == UInt8(ascii: "-") else { return false }
            var i = start
            while i < line.upperBound && bytes[i] == c { i += 1 }
            return bytes[i..<line.upperBound].allSatisfy { $0 == 0x20 || $0 == 0x09 }
        }

        func atxMarks(_ line: Range<Int>, at start: Int) -> (open: Range<Int>, close: Range<Int>?)? {
            var i = start
            while i < line.upperBound && bytes[i] == UInt8(ascii: "#") { i += 1 }
            let count = i - start
            guard (1...6).contains(count), i == line.upperBound || bytes[i] == 0x20 || bytes[i] == 0x09 else { return nil }
            // A closing sequence: spaces, #s, spaces at the end of the line.
            var end = line.upperBound
            while end > i && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
            var hashes = end
            while hashes > i && bytes[hashes - 1] == UInt8(ascii: "#") { hashes -= 1 }
            let close: Range<Int>? = hashes < end && (hashes == i || bytes[hashes - 1] == 0x20 || bytes[hashes - 1] == 0x09)
                ? hashes..<end : nil
            return (start..<i, close)
        }

        func isListItem(_ line: Range<Int>, at start: Int) -> Bool {
            guard start < line.upperBound else { return false }
            let b = bytes[start]
            if b == UInt8(ascii: "-") || b == UInt8(ascii: "*") || b == UInt8(ascii: "+") {
                return start + 1 == line.upperBound || bytes[start + 1] == 0x20 || bytes[start + 1] == 0x09
            }
            var i = start
            while i < line.upperBound && i - start < 9 && bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
            guard i > start, i < line.upperBound, bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: ")") else { return false }
            return i + 1 == line.upperBound || bytes[i + 1] == 0x20 || bytes[i + 1] == 0x09
        }

        /// `[label]: destination` at the start of a line.
        func definitionLabel(_ line: Range<Int>, at start: Int) -> String? {
            guard start < line.upperBound, bytes[start] == UInt8(ascii: "[") else { return nil }
            var i = start + 1
            while i < line.upperBound && bytes[i] != UInt8(ascii: "]") {
                if bytes[i] == UInt8(ascii: "[") { return nil }
                i += 1
            }
            guard i + 1 < line.upperBound, i > start + 1, bytes[i + 1] == UInt8(ascii: ":") else { return nil }
            var j = i + 2
            while j < line.upperBound && (bytes[j] == 0x20 || bytes[j] == 0x09) { j += 1 }
            guard j < line.upperBound else { return nil }
            return Self.normalise(bytes[(start + 1)..<i])
        }

        func isDefinition(_ line: Range<Int>, at start: Int) -> Bool { definitionLabel(line, at: start) != nil }

        mutating func collectLabels() {
            for line in lines {
                let start = line.lowerBound + indentation(line).bytes
                if indentation(line).columns < 4, let label = definitionLabel(line, at: start) { labels.insert(label) }
            }
        }

        static func normalise(_ label: ArraySlice<UInt8>) -> String {
            String(decoding: label, as: UTF8.self).lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
                .joined(separator: " ")
        }

        // MARK: Inlines

        /// Byte positions of an inline block, in order, skipping line terminators: a run of
        /// inline markup never crosses a paragraph, but it may cross a line.
        mutating func inline(_ blockLines: [Range<Int>]) {
            var positions: [Int] = []
            for (n, line) in blockLines.enumerated() {
                positions += Array(line)
                if n + 1 < blockLines.count { positions.append(-1) } // a line break
            }
            guard !positions.isEmpty else { return }
            var s = InlineScan(positions: positions)
            escapesAndCode(&s)
            htmlAndAutolinks(&s)
            links(&s)
            emphasis(&s)
        }

        struct InlineScan {
            let positions: [Int]
            var count: Int { positions.count }
        }

        func byte(_ s: InlineScan, _ k: Int) -> UInt8 {
            guard k >= 0 && k < s.count else { return 0x0A }
            let p = s.positions[k]
            return p < 0 ? 0x0A : bytes[p]
        }

        func isMarkup(_ s: InlineScan, _ k: Int, _ c: UInt8) -> Bool {
            guard k >= 0 && k < s.count else { return false }
            let p = s.positions[k]
            return p >= 0 && !literal[p] && bytes[p] == c
        }

        mutating func maskK(_ s: InlineScan, _ ks: Range<Int>) {
            for k in ks where k >= 0 && k < s.count && s.positions[k] >= 0 { mask(s.positions[k]..<s.positions[k] + 1) }
        }

        mutating func literalK(_ s: InlineScan, _ ks: Range<Int>) {
            for k in ks where k >= 0 && k < s.count && s.positions[k] >= 0 { literal[s.positions[k]] = true }
        }

        static let asciiPunctuation = Set(Array("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".utf8))

        /// Backslash escapes, then code spans. Linear: a closing backtick run is found through
        /// an index of runs by length, not by scanning ahead from every run.
        mutating func escapesAndCode(_ s: inout InlineScan) {
            var k = 0
            while k < s.count {
                if isMarkup(s, k, UInt8(ascii: "\\")) {
                    let next = byte(s, k + 1)
                    if k + 1 < s.count && s.positions[k + 1] >= 0 && Self.asciiPunctuation.contains(next) {
                        maskK(s, k..<k + 1)
                        literalK(s, k + 1..<k + 2)
                        k += 2
                        continue
                    }
                    if next == 0x0A && k + 1 < s.count { maskK(s, k..<k + 1) } // hard line break
                }
                k += 1
            }
            // Backtick runs (an escaped first backtick is not part of its run).
            var runs: [Range<Int>] = []
            k = 0
            while k < s.count {
                guard byte(s, k) == UInt8(ascii: "`") else { k += 1; continue }
                var e = k
                while e < s.count && byte(s, e) == UInt8(ascii: "`") { e += 1 }
                runs.append((isMarkup(s, k, UInt8(ascii: "`")) ? k : k + 1)..<e)
                k = e
            }
            var byLength: [Int: [Int]] = [:]
            for (n, run) in runs.enumerated() where !run.isEmpty { byLength[run.count, default: []].append(n) }
            var cursor: [Int: Int] = [:]
            var n = 0
            while n < runs.count {
                let run = runs[n]
                guard !run.isEmpty else { n += 1; continue }
                let same = byLength[run.count] ?? []
                var c = cursor[run.count] ?? 0
                while c < same.count && same[c] <= n { c += 1 }
                cursor[run.count] = c
                if c < same.count {
                    let close = runs[same[c]]
                    maskK(s, run)
                    literalK(s, run.upperBound..<close.lowerBound)
                    maskK(s, close)
                    literalK(s, run)
                    literalK(s, close)
                    n = same[c] + 1
                } else {
                    literalK(s, run)
                    n += 1
                }
            }
        }

        static let htmlElements: Set<String> = [
            "a", "abbr", "address", "article", "aside", "b", "bdi", "bdo", "big", "blockquote", "body", "br", "caption",
            "center", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption",
            "figure", "font", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "i", "img", "ins",
            "kbd", "li", "main", "mark", "nav", "ol", "p", "picture", "pre", "q", "s", "samp", "section", "small", "source",
            "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr",
            "tt", "u", "ul", "var", "wbr",
        ]

        /// HTML comments, tags of HTML elements and autolinks. Linear: the end of a tag is
        /// looked up (the next `>` on the line, within 1 KB), and an autolink's text is only
        /// read when it has no space or `<` in it.
        mutating func htmlAndAutolinks(_ s: inout InlineScan) {
            // nextEnd[k]: the first `>` or line break at or after k.
            var nextEnd = [Int](repeating: s.count, count: s.count + 1)
            var k = s.count - 1
            while k >= 0 {
                let b = byte(s, k)
                nextEnd[k] = b == UInt8(ascii: ">") || b == 0x0A ? k : nextEnd[k + 1]
                k -= 1
            }
            k = 0
            while k < s.count {
                guard isMarkup(s, k, UInt8(ascii: "<")) else { k += 1; continue }
                // Comment.
                if byte(s, k + 1) == UInt8(ascii: "!") && byte(s, k + 2) == UInt8(ascii: "-") && byte(s, k + 3) == UInt8(ascii: "-") {
                    var j = k + 4
                    while j + 2 < s.count && !(byte(s, j) == UInt8(ascii: "-") && byte(s, j + 1) == UInt8(ascii: "-") && byte(s, j + 2) == UInt8(ascii: ">")) { j += 1 }
                    let end = min(s.count, j + 3)
                    maskK(s, k..<end)
                    literalK(s, k..<end)
                    k = end
                    continue
                }
                let j = nextEnd[k + 1]
                guard j < s.count, byte(s, j) == UInt8(ascii: ">"), j - k <= 1024 else { k += 1; continue }
                // Autolink: <scheme:...> or <user@host>, with no space or '<' inside.
                var m = k + 1
                while m < j && byte(s, m) != 0x20 && byte(s, m) != 0x09 && byte(s, m) != UInt8(ascii: "<") { m += 1 }
                if m == j && j > k + 1 {
                    let inner = String(decoding: (k + 1..<j).map { byte(s, $0) }, as: UTF8.self)
                    let scheme = inner.prefix { $0.isLetter || $0.isNumber || "+.-".contains($0) }
                    let isURL = scheme.count >= 2 && inner.dropFirst(scheme.count).first == ":"
                    if isURL || (inner.contains("@") && !inner.hasPrefix("@")) {
                        maskK(s, k..<k + 1)
                        maskK(s, j..<j + 1)
                        literalK(s, k..<j + 1)
                        k = j + 1
                        continue
                    }
                }
                // A tag of a known HTML element: <name ...>, </name>, <name/>.
                var n = k + 1
                if byte(s, n) == UInt8(ascii: "/") { n += 1 }
                let nameStart = n
                while n < j && n - nameStart < 12 && (Self.isASCIILetter(byte(s, n)) || (byte(s, n) >= 0x30 && byte(s, n) <= 0x39)) { n += 1 }
                let name = String(decoding: (nameStart..<n).map { byte(s, $0) }, as: UTF8.self).lowercased()
                let after = byte(s, n)
                if Self.htmlElements.contains(name), n == j || after == 0x20 || after == 0x09 || after == UInt8(ascii: "/") {
                    maskK(s, k..<j + 1)
                    literalK(s, k..<j + 1)
                    k = j + 1
                    continue
                }
                k += 1
            }
        }

        static func isASCIILetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }

        /// For each `[`, the `]` that closes it, nesting respected (one pass with a stack).
        func bracketPairs(_ s: InlineScan) -> [Int: Int] {
            var pairs: [Int: Int] = [:]
            var stack: [Int] = []
            for k in 0..<s.count {
                if isMarkup(s, k, UInt8(ascii: "[")) { stack.append(k) } else if isMarkup(s, k, UInt8(ascii: "]")), let open = stack.popLast() { pairs[open] = k }
            }
            return pairs
        }

        /// Index of the `)` that closes an inline link's destination and title, read as
        /// CommonMark does: a destination in `<…>` or without spaces (parentheses nested at
        /// most 32 deep), then an optional title in quotes or parentheses. A scan stops at the
        /// first thing a link cannot contain, so hostile text stays linear.
        func closingParen(_ s: InlineScan, from open: Int) -> Int? {
            var k = open + 1
            func skipSpace() { while k < s.count && (byte(s, k) == 0x20 || byte(s, k) == 0x09 || byte(s, k) == 0x0A) { k += 1 } }
            skipSpace()
            if byte(s, k) == UInt8(ascii: "<") {
                k += 1
                while k < s.count && k - open < 2048 && byte(s, k) != UInt8(ascii: ">") {
                    if byte(s, k) == 0x0A || byte(s, k) == UInt8(ascii: "<") { return nil }
                    k += 1
                }
                guard byte(s, k) == UInt8(ascii: ">") else { return nil }
                k += 1
            } else {
                var depth = 0
                while k < s.count && k - open < 2048 {
                    let b = byte(s, k)
                    if b <= 0x20 { break }
                    if b == UInt8(ascii: "\\") { k += 2; continue }
                    if b == UInt8(ascii: "(") {
                        depth += 1
                        if depth > 32 { return nil }
                    } else if b == UInt8(ascii: ")") {
                        if depth == 0 { break }
                        depth -= 1
                    }
                    k += 1
                }
            }
            skipSpace()
            if byte(s, k) == UInt8(ascii: ")") { return k }
            let opener = byte(s, k)
            guard opener == UInt8(ascii: "\"") || opener == UInt8(ascii: "'") || opener == UInt8(ascii: "(") else { return nil }
            let closer = opener == UInt8(ascii: "(") ? UInt8(ascii: ")") : opener
            k += 1
            while k < s.count && k - open < 4096 && byte(s, k) != closer {
                if byte(s, k) == UInt8(ascii: "\\") { k += 1 }
                k += 1
            }
            guard byte(s, k) == closer, k < s.count else { return nil }
            k += 1
            skipSpace()
            return byte(s, k) == UInt8(ascii: ")") && k < s.count ? k : nil
        }

        mutating func links(_ s: inout InlineScan) {
            let pairs = bracketPairs(s)
            var k = 0
            while k < s.count {
                guard isMarkup(s, k, UInt8(ascii: "[")) else { k += 1; continue }
                let image = k > 0 && isMarkup(s, k - 1, UInt8(ascii: "!"))
                guard let close = pairs[k] else { k += 1; continue }
                let label = Self.normalise(ArraySlice((k + 1..<close).map { byte(s, $0) }))
                let start = image ? k - 1 : k
                if isMarkup(s, close + 1, UInt8(ascii: "(")), let paren = closingParen(s, from: close + 1) {
                    if image {
                        maskK(s, start..<paren + 1)
                    } else {
                        maskK(s, k..<k + 1)
                        maskK(s, close..<paren + 1)
                    }
                    literalK(s, close..<paren + 1)
                    k = paren + 1
                    continue
                }
                if isMarkup(s, close + 1, UInt8(ascii: "[")), let refClose = pairs[close + 1] {
                    let ref = Self.normalise(ArraySlice((close + 2..<refClose).map { byte(s, $0) }))
                    if labels.contains(ref.isEmpty ? label : ref) {
                        if image { maskK(s, start..<refClose + 1) } else {
                            maskK(s, k..<k + 1)
                            maskK(s, close..<refClose + 1)
                        }
                        literalK(s, close..<refClose + 1)
                        k = refClose + 1
                        continue
                    }
                }
                if labels.contains(label) {
                    if image { maskK(s, start..<close + 1) } else {
                        maskK(s, k..<k + 1)
                        maskK(s, close..<close + 1)
                    }
                    k = close + 1
                    continue
                }
                k += 1
            }
        }

        // MARK: Emphasis

        struct Delimiter {
            let char: UInt8
            var start: Int
            var end: Int
            let canOpen: Bool
            let canClose: Bool
            var count: Int { end - start }
        }

        enum CharacterClass { case whitespace, punctuation, word }

        static func classify(_ scalar: Unicode.Scalar) -> CharacterClass {
            if scalar.properties.isWhitespace { return .whitespace }
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil { return .word }
            return .punctuation
        }

        /// The class of the character whose last byte is at `p`, in the text as typed.
        func characterClass(endingAt p: Int) -> CharacterClass {
            var start = p
            while start > 0 && original[start] & 0xC0 == 0x80 && p - start < 3 { start -= 1 }
            return characterClass(startingAt: start)
        }

        func characterClass(startingAt p: Int) -> CharacterClass {
            var end = p + 1
            while end < original.count && original[end] & 0xC0 == 0x80 && end - p < 4 { end += 1 }
            guard let scalar = String(decoding: original[p..<end], as: UTF8.self).unicodeScalars.first else { return .punctuation }
            return Self.classify(scalar)
        }

        mutating func emphasis(_ s: inout InlineScan) {
            var delimiters: [Delimiter] = []
            var k = 0
            while k < s.count {
                let b = byte(s, k)
                guard (b == UInt8(ascii: "*") || b == UInt8(ascii: "_") || b == UInt8(ascii: "~")) && isMarkup(s, k, b) else { k += 1; continue }
                var e = k
                while e < s.count && isMarkup(s, e, b) { e += 1 }
                let before = k > 0 && s.positions[k - 1] >= 0 ? characterClass(endingAt: s.positions[k - 1]) : .whitespace
                let after = e < s.count && s.positions[e] >= 0 ? characterClass(startingAt: s.positions[e]) : .whitespace
                let leftFlanking = after != .whitespace && (after != .punctuation || before != .word)
                let rightFlanking = before != .whitespace && (before != .punctuation || after != .word)
                // No intraword emphasis for any marker (see the type's comment).
                let canOpen = leftFlanking && before != .word
                let canClose = rightFlanking && after != .word
                if b == UInt8(ascii: "~") && e - k != 2 { k = e; continue } // strikethrough is exactly ~~
                delimiters.append(Delimiter(char: b, start: k, end: e, canOpen: canOpen, canClose: canClose))
                k = e
            }
            // Match closers to the nearest opener of the same character, innermost first; one
            // stack per character keeps this linear.
            var openers: [UInt8: [Delimiter]] = [:]
            for var d in delimiters {
                if d.canClose {
                    while d.count > 0, var o = openers[d.char]?.last {
                        let n = d.char == UInt8(ascii: "~") ? 2 : min(o.count, d.count, 2)
                        maskK(s, o.end - n..<o.end)
                        maskK(s, d.start..<d.start + n)
                        o.end -= n
                        d.start += n
                        openers[d.char]!.removeLast()
                        if o.count > 0 { openers[d.char]!.append(o) }
                    }
                }
                if d.canOpen && d.count > 0 { openers[d.char, default: []].append(d) }
            }
        }
    }
}
