/// HTML to lintable text, the way a browser shows it, with the source offset of every byte.
///
/// - Tags are removed; `<script>`, `<style>`, `<title>`, `<template>`, `<noscript>` and
///   comments are removed with their content.
/// - Whitespace collapses as in rendering (runs become one space, none at line starts),
///   except inside `<pre>`.
/// - `<p>`, headings, lists, tables and other blocks with margins end a paragraph (a blank
///   line); `<div>`, `<tr>` and other plain blocks end a line; `<br>` is a line break, so
///   `<br><br>` and `<div><br></div>` give a blank line, as they look.
/// - `<li>` starts a line with "- ", so a list reads as it would in a plain-text letter.
/// - Character references are decoded: numeric ones, and the HTML 4 named set plus
///   `&apos;` (the names letters use; an unknown name is left as written). `&nbsp;` becomes
///   an ordinary space.
///
/// Every byte of the result records the source offset it stands for (``TextSourceMap``):
/// copied text maps to itself, a decoded reference to its `&`, a line break to its tag.
/// This is a scanner for what letters contain, not an HTML5 tree builder: misnested or
/// unclosed tags only affect where lines break.
enum HTMLText {
    struct Result {
        var text: [UInt8]
        var origins: [Int]
        var notes: [String]
    }

    /// - Parameter skipQuotes: drop `<blockquote>` content (quoted replies in e-mail).
    static func extract(_ source: [UInt8], options: InputFormat.Options, skipQuotes: Bool = false) -> Result {
        var scanner = Scanner(source: source, skipQuotes: skipQuotes && !options.keepQuotes)
        scanner.run()
        return scanner.out.finish(sourceEnd: source.count)
    }

    // MARK: Output with collapsing whitespace

    struct Output {
        var text: [UInt8] = []
        var origins: [Int] = []
        /// Source offset of whitespace waiting to become one space before the next text.
        var pendingSpace: Int? = nil

        var atLineStart: Bool { text.isEmpty || text.last == 0x0A }

        mutating func emit(_ byte: UInt8, _ origin: Int) {
            text.append(byte)
            origins.append(origin)
        }

        /// Text: a pending space first, unless at the start of a line.
        mutating func content(_ bytes: some Sequence<UInt8>, origin: Int, advancing: Bool) {
            if let space = pendingSpace, !atLineStart, text.last != 0x20 { emit(0x20, space) }
            pendingSpace = nil
            var o = origin
            for b in bytes {
                emit(b, o)
                if advancing { o += 1 }
            }
        }

        mutating func whitespace(at origin: Int) {
            if pendingSpace == nil { pendingSpace = origin }
        }

        /// `<br>`: always a new line.
        mutating func lineBreak(at origin: Int) {
            pendingSpace = nil
            if text.isEmpty { return }
            emit(0x0A, origin)
        }

        /// End of a plain block: the next text starts a line.
        mutating func endLine(at origin: Int) {
            pendingSpace = nil
            if !atLineStart { emit(0x0A, origin) }
        }

        /// End of a block with margins: the next text starts a paragraph.
        mutating func endParagraph(at origin: Int) {
            pendingSpace = nil
            guard !text.isEmpty else { return }
            var newlines = 0
            for b in text.reversed() { if b == 0x0A { newlines += 1 } else { break } }
            for _ in newlines..<max(newlines, 2) { emit(0x0A, origin) }
        }

        /// Trailing blank lines dropped; one final line break kept.
        func finish(sourceEnd: Int) -> Result {
            var text = self.text, origins = self.origins
            while text.last == 0x0A || text.last == 0x20 { text.removeLast(); origins.removeLast() }
            if !text.isEmpty {
                text.append(0x0A)
                origins.append(max(0, sourceEnd - 1))
            }
            return Result(text: text, origins: origins, notes: [])
        }
    }

    // MARK: Scanner

    static let rawTextElements: Set<String> = ["script", "style", "title", "template", "noscript", "textarea", "xmp", "iframe", "object"]
    static let paragraphElements: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "blockquote", "pre", "table", "hr", "figure",
        "fieldset", "menu", "listing",
    ]
    static let lineElements: Set<String> = [
        "div", "li", "tr", "dt", "dd", "address", "article", "aside", "body", "caption", "center", "details", "dialog",
        "figcaption", "footer", "form", "header", "hgroup", "html", "legend", "main", "nav", "section", "summary",
        "tbody", "thead", "tfoot", "option",
    ]
    static let voidSpaceElements: Set<String> = ["td", "th", "img", "input"]

    struct Scanner {
        let source: [UInt8]
        let skipQuotes: Bool
        var out = Output()
        var i = 0
        var preDepth = 0
        var quoteDepth = 0

        init(source: [UInt8], skipQuotes: Bool) {
            self.source = source
            self.skipQuotes = skipQuotes
        }

        var suppressed: Bool { quoteDepth > 0 }

        mutating func run() {
            while i < source.count {
                let b = source[i]
                if b == UInt8(ascii: "<"), tag() { continue }
                if suppressed { i += 1; continue }
                if b == UInt8(ascii: "&") {
                    if let (scalar, length) = HTMLEntities.decode(source, at: i) {
                        var bytes = Array(String(Character(scalar)).utf8)
                        if scalar == "\u{00A0}" { bytes = [0x20] }
                        out.content(bytes, origin: i, advancing: false)
                        i += length
                        continue
                    }
                }
                if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C {
                    if preDepth > 0 {
                        if b == 0x0D && i + 1 < source.count && source[i + 1] == 0x0A { i += 1 }
                        if b == 0x0A || b == 0x0D { out.lineBreak(at: i) } else { out.content([b], origin: i, advancing: true) }
                    } else {
                        out.whitespace(at: i)
                    }
                    i += 1
                    continue
                }
                // A run of ordinary text, copied as it is.
                var j = i + 1
                while j < source.count {
                    let c = source[j]
                    if c == UInt8(ascii: "<") || c == UInt8(ascii: "&") || c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C { break }
                    j += 1
                }
                out.content(source[i..<j], origin: i, advancing: true)
                i = j
            }
        }

        func lowerASCII(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 0x20 : b }
        func isLetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }

        /// Index of the first occurrence of `needle` (ASCII, case-insensitive) at or after `from`.
        func find(_ needle: String, from: Int) -> Int? {
            let n = Array(needle.utf8)
            guard !n.isEmpty, source.count >= n.count else { return nil }
            var k = from
            while k + n.count <= source.count {
                if lowerASCII(source[k]) == n[0] {
                    var m = 1
                    while m < n.count && lowerASCII(source[k + m]) == n[m] { m += 1 }
                    if m == n.count { return k }
                }
                k += 1
            }
            return nil
        }

        /// Handles markup at `i` (a `<`); false when the `<` is just text.
        mutating func tag() -> Bool {
            let start = i
            guard start + 1 < source.count else { return false }
            let next = source[start + 1]
            if next == UInt8(ascii: "!") {
                if start + 3 < source.count && source[start + 2] == UInt8(ascii: "-") && source[start + 3] == UInt8(ascii: "-") {
                    i = find("-->", from: start + 4).map { $0 + 3 } ?? source.count
                } else {
                    i = find(">", from: start + 2).map { $0 + 1 } ?? source.count // doctype, CDATA
                }
                return true
            }
            if next == UInt8(ascii: "?") {
                i = find(">", from: start + 2).map { $0 + 1 } ?? source.count
                return true
            }
            let closing = next == UInt8(ascii: "/")
            let nameStart = start + (closing ? 2 : 1)
            guard nameStart < source.count, isLetter(source[nameStart]) else { return false }
            var nameEnd = nameStart
            while nameEnd < source.count, isLetter(source[nameEnd]) || (source[nameEnd] >= 0x30 && source[nameEnd] <= 0x39)
                    || source[nameEnd] == UInt8(ascii: "-") || source[nameEnd] == UInt8(ascii: ":") {
                nameEnd += 1
            }
            let name = String(decoding: source[nameStart..<nameEnd].map(lowerASCII), as: UTF8.self)
            // The end of the tag, quotes respected.
            var k = nameEnd
            var quote: UInt8? = nil
            while k < source.count {
                let c = source[k]
                if let q = quote { if c == q { quote = nil } } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { quote = c } else if c == UInt8(ascii: ">") { break }
                k += 1
            }
            i = min(source.count, k + 1)
            let selfClosing = k > nameEnd && k < source.count && source[k - 1] == UInt8(ascii: "/")

            if !closing && HTMLText.rawTextElements.contains(name) && !selfClosing {
                // Skip to the matching end tag (or the end of the file).
                i = find("</" + name, from: i).map { end in find(">", from: end).map { $0 + 1 } ?? source.count } ?? source.count
                return true
            }
            if name == "blockquote" && skipQuotes {
                if closing { quoteDepth = max(0, quoteDepth - 1) } else if !selfClosing { quoteDepth += 1 }
                if quoteDepth == 0 { out.endParagraph(at: start) }
                return true
            }
            if suppressed { return true }
            if name == "pre" { preDepth = max(0, preDepth + (closing ? -1 : 1)) }
            if name == "br" {
                out.lineBreak(at: start)
            } else if HTMLText.paragraphElements.contains(name) {
                out.endParagraph(at: start)
            } else if HTMLText.lineElements.contains(name) {
                out.endLine(at: start)
                if name == "li" && !closing {
                    out.content(Array("- ".utf8), origin: start, advancing: false)
                    out.pendingSpace = nil
                }
            } else if HTMLText.voidSpaceElements.contains(name) {
                out.whitespace(at: start)
            }
            return true
        }
    }
}
