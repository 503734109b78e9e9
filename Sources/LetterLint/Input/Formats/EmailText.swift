import Foundation

/// An e-mail (`.eml`, RFC 5322 with MIME) to the text of the letter in its body.
///
/// - Headers are skipped; `Date:` gives the letter's date (the date as the sender wrote it,
///   in the sender's time zone). Folded header lines are unfolded.
/// - MIME: multipart (nested up to 16 deep); in `multipart/alternative` the `text/plain`
///   part is preferred, `text/html` is read through ``HTMLText``; in other multiparts the
///   first text part that is not an attachment is the letter. Content-Transfer-Encoding
///   `7bit`, `8bit`, `binary`, `quoted-printable` and `base64`; charsets UTF-8, US-ASCII,
///   ISO-8859-1 (Latin-1), ISO-8859-15 and Windows-1252; any other charset is read as
///   UTF-8 with a note.
/// - Quoted reply lines (starting with `>`) and the "On …, … wrote:" line that introduces
///   them, everything from an Outlook "-----Original Message-----" line, and the signature
///   from a line that is exactly "-- " are not part of the letter and are dropped (a
///   dropped quote leaves its line breaks, so paragraphs stay apart).
///
/// Positions map into the `.eml` file: text from an unencoded or quoted-printable body to
/// its own line and column (a decoded `=E9` to its `=`); text from a base64 body to the
/// base64 characters that carry its first bits, which is the right line of the encoded
/// block (nobody reads base64 by eye, but the line shows which part it is).
enum EmailText {
    static let maxDepth = 16

    struct Header {
        let name: String  // lowercased
        let value: String // unfolded
    }

    struct Entity {
        let headers: [Header]
        let body: Range<Int>

        func header(_ name: String) -> String? { headers.first { $0.name == name }?.value }
    }

    /// A content type and its parameters (names lowercased).
    struct ContentType {
        var type = "text"
        var subtype = "plain"
        var parameters: [String: String] = [:]

        var full: String { type + "/" + subtype }
    }

    static func extract(_ bytes: [UInt8], options: InputFormat.Options) throws(InputFormatError) -> ExtractedText {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        if TextDecoding.looksBinary(bytes[start...]) { throw .binary }
        var parser = Parser(bytes: bytes, options: options)
        let top = try parser.entity(start..<bytes.count, topLevel: true)
        guard let chosen = try parser.textPart(of: top, depth: 0) else {
            throw .email("it has no text/plain or text/html part to check (only attachments?); save the letter's text as .txt and check that")
        }
        var body = try parser.decodeBody(of: chosen.entity)
        if chosen.html {
            let html = HTMLText.extract(body.text, options: options, skipQuotes: true)
            body = Decoded(text: html.text, origins: html.origins.map { body.origin(at: $0) })
        }
        let (letter, dropped) = stripReply(body, html: chosen.html, keepQuotes: options.keepQuotes)
        if !dropped.isEmpty { parser.notes.append("\(dropped.joined(separator: " and ")) not checked (not part of the letter)") }
        var letterDate: CivilDate? = nil
        if let date = top.header("date") {
            letterDate = parseDate(date)
            if letterDate == nil { parser.notes.append("could not read the Date: header \"\(date)\"; the letter's date is unknown") }
        }
        return ExtractedText(text: String(decoding: letter.text, as: UTF8.self), notes: parser.notes,
                             sourceMap: TextSourceMap(origins: letter.origins, source: bytes, end: chosen.entity.body.upperBound),
                             letterDate: letterDate)
    }

    /// Bytes of text with the `.eml` offset of each.
    struct Decoded {
        var text: [UInt8] = []
        var origins: [Int] = []

        func origin(at index: Int) -> Int {
            guard !origins.isEmpty else { return 0 }
            return origins[min(max(0, index), origins.count - 1)]
        }

        mutating func append(_ byte: UInt8, _ origin: Int) {
            text.append(byte)
            origins.append(origin)
        }
    }

    // MARK: Parsing

    struct Parser {
        let bytes: [UInt8]
        let options: InputFormat.Options
        var notes: [String] = []

        init(bytes: [UInt8], options: InputFormat.Options) {
            self.bytes = bytes
            self.options = options
        }

        /// The end of the line starting at `i` (before its terminator) and the start of the next.
        func line(at i: Int, limit: Int) -> (end: Int, next: Int) {
            var j = i
            while j < limit && bytes[j] != 0x0A && bytes[j] != 0x0D { j += 1 }
            var next = j
            if next < limit && bytes[next] == 0x0D { next += 1 }
            if next < limit && bytes[next] == 0x0A && (next == j || bytes[next - 1] == 0x0D) { next += 1 }
            if next == j && j < limit { next += 1 }
            return (j, next)
        }

        func isHeaderName(_ range: Range<Int>) -> Bool {
            !range.isEmpty && bytes[range].allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") }
        }

        mutating func entity(_ range: Range<Int>, topLevel: Bool) throws(InputFormatError) -> Entity {
            var headers: [(name: String, value: [UInt8])] = []
            var i = range.lowerBound
            var bodyStart: Int? = nil
            var first = true
            while i < range.upperBound {
                let (end, next) = line(at: i, limit: range.upperBound)
                defer { first = false }
                if end == i { bodyStart = next; break } // the empty line
                let b = bytes[i]
                if b == 0x20 || b == 0x09 {
                    guard !headers.isEmpty else {
                        if topLevel { throw .email("it starts with a folded line, not a header (line 1); is it really an .eml file?") }
                        bodyStart = i; break
                    }
                    headers[headers.count - 1].value += [0x20] + bytes[i..<end].drop { $0 == 0x20 || $0 == 0x09 }
                    i = next
                    continue
                }
                if first && topLevel && bytes[i..<end].starts(with: Array("From ".utf8)) { i = next; continue } // mbox
                guard let colon = bytes[i..<end].firstIndex(of: UInt8(ascii: ":")), isHeaderName(i..<colon) else {
                    if headers.isEmpty && topLevel {
                        throw .email("it does not start with e-mail headers (a line such as \"From: …\"); check the file, or save the letter as .txt")
                    }
                    if !headers.isEmpty {
                        notes.append("the e-mail's headers end without an empty line; the rest was read as the body")
                    }
                    bodyStart = i
                    break
                }
                let name = String(decoding: bytes[i..<colon], as: UTF8.self).lowercased()
                headers.append((name, Array(bytes[(colon + 1)..<end].drop { $0 == 0x20 || $0 == 0x09 })))
                i = next
            }
            if topLevel && headers.isEmpty { throw .email("it has no headers; check the file, or save the letter as .txt") }
            let body = min(bodyStart ?? range.upperBound, range.upperBound)..<range.upperBound
            // Header values are ASCII by the RFC; Latin-1 keeps stray 8-bit bytes readable.
            return Entity(headers: headers.map { Header(name: $0.name, value: String(decoding: $0.value.map { UInt16($0) }, as: UTF16.self)) },
                          body: body)
        }

        static func contentType(_ entity: Entity) -> ContentType {
            guard let value = entity.header("content-type") else { return ContentType() }
            var result = ContentType()
            let pieces = EmailText.splitParameters(value)
            let kind = pieces.first?.lowercased().split(separator: "/", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) } ?? []
            if kind.count == 2, !kind[0].isEmpty, !kind[1].isEmpty { result.type = kind[0]; result.subtype = kind[1] }
            for piece in pieces.dropFirst() {
                guard let eq = piece.firstIndex(of: "=") else { continue }
                let name = piece[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
                var v = piece[piece.index(after: eq)...].trimmingCharacters(in: .whitespaces)
                if v.hasPrefix("\"") && v.hasSuffix("\"") && v.count >= 2 { v = String(v.dropFirst().dropLast()) }
                result.parameters[name] = v.replacingOccurrences(of: "\\\"", with: "\"")
            }
            return result
        }

        static func isAttachment(_ entity: Entity, _ type: ContentType) -> Bool {
            if let disposition = entity.header("content-disposition"), disposition.lowercased().hasPrefix("attachment") { return true }
            return type.parameters["name"] != nil && entity.header("content-disposition") == nil && type.type != "text"
        }

        /// The part that holds the letter, and whether it is HTML.
        mutating func textPart(of entity: Entity, depth: Int) throws(InputFormatError) -> (entity: Entity, html: Bool)? {
            guard depth <= EmailText.maxDepth else {
                throw .email("its MIME parts are nested more than \(EmailText.maxDepth) deep; this is not an ordinary message")
            }
            let type = Self.contentType(entity)
            if Self.isAttachment(entity, type) { return nil }
            switch (type.type, type.subtype) {
            case ("text", "plain"): return (entity, false)
            case ("text", "html"): return (entity, true)
            case ("multipart", _):
                let parts = try self.parts(of: entity, type: type, depth: depth)
                var found: [(entity: Entity, html: Bool)] = []
                for part in parts {
                    if let text = try textPart(of: part, depth: depth + 1) {
                        found.append(text)
                        if type.subtype != "alternative" { break }
                    }
                }
                return found.first { !$0.html } ?? found.first
            default:
                return nil
            }
        }

        /// The body parts of a multipart entity.
        mutating func parts(of entity: Entity, type: ContentType, depth: Int) throws(InputFormatError) -> [Entity] {
            guard let boundary = type.parameters["boundary"], !boundary.isEmpty, boundary.utf8.count <= 200 else {
                throw .email("it is \(type.full) but gives no boundary; the message is damaged")
            }
            let delimiter = Array(("--" + boundary).utf8)
            var parts: [Entity] = []
            var partStart: Int? = nil
            var closed = false
            var i = entity.body.lowerBound
            var sawDelimiter = false
            while i < entity.body.upperBound {
                let (end, next) = line(at: i, limit: entity.body.upperBound)
                if bytes[i..<end].starts(with: delimiter) {
                    let rest = bytes[(i + delimiter.count)..<end]
                    let isClose = rest.starts(with: [UInt8(ascii: "-"), UInt8(ascii: "-")])
                    let trailing = isClose ? rest.dropFirst(2) : rest
                    if trailing.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                        sawDelimiter = true
                        if let s = partStart {
                            // The line break before a delimiter belongs to the delimiter.
                            var e = i
                            if e > s && bytes[e - 1] == 0x0A { e -= 1 }
                            if e > s && bytes[e - 1] == 0x0D { e -= 1 }
                            parts.append(try self.entity(s..<max(s, e), topLevel: false))
                        }
                        if isClose { closed = true; break }
                        partStart = next
                    }
                }
                i = next
            }
            guard sawDelimiter else {
                throw .email("it is \(type.full) but no line starts its parts (\"--\(boundary)\"); the message is damaged or cut short")
            }
            if !closed {
                notes.append("the e-mail ends before its closing MIME boundary; it may be cut short, and was read up to its end")
                if let s = partStart, s < entity.body.upperBound {
                    parts.append(try self.entity(s..<entity.body.upperBound, topLevel: false))
                }
            }
            return parts
        }

        // MARK: Decoding

        mutating func decodeBody(of entity: Entity) throws(InputFormatError) -> Decoded {
            let encoding = (entity.header("content-transfer-encoding") ?? "7bit").trimmingCharacters(in: .whitespaces).lowercased()
            var raw = Decoded()
            let body = entity.body
            switch encoding {
            case "7bit", "8bit", "binary", "":
                for k in body { raw.append(bytes[k], k) }
            case "quoted-printable":
                raw = quotedPrintable(body)
            case "base64":
                raw = base64(body)
                if TextDecoding.looksBinary(raw.text[...]) {
                    throw .email("its text part decodes from base64 to binary data; the message is damaged")
                }
            default:
                throw .email("its text is encoded as \"\(encoding)\", which letterlint cannot read; save the letter as .txt")
            }
            return decodeCharset(raw, charset: Self.contentType(entity).parameters["charset"]?.lowercased() ?? "us-ascii")
        }

        func hexValue(_ b: UInt8) -> UInt8? {
            switch b {
            case 0x30...0x39: return b - 0x30
            case 0x41...0x46: return b - 0x41 + 10
            case 0x61...0x66: return b - 0x61 + 10
            default: return nil
            }
        }

        func quotedPrintable(_ body: Range<Int>) -> Decoded {
            var out = Decoded()
            var k = body.lowerBound
            while k < body.upperBound {
                let b = bytes[k]
                guard b == UInt8(ascii: "=") else { out.append(b, k); k += 1; continue }
                // Soft line break: "=" then optional spaces, then the line end.
                var j = k + 1
                while j < body.upperBound && (bytes[j] == 0x20 || bytes[j] == 0x09) { j += 1 }
                if j == body.upperBound { k = j; continue }
                if bytes[j] == 0x0D || bytes[j] == 0x0A {
                    if bytes[j] == 0x0D && j + 1 < body.upperBound && bytes[j + 1] == 0x0A { j += 1 }
                    k = j + 1
                    continue
                }
                if k + 2 < body.upperBound, let hi = hexValue(bytes[k + 1]), let lo = hexValue(bytes[k + 2]) {
                    out.append(hi << 4 | lo, k)
                    k += 3
                    continue
                }
                out.append(b, k) // a stray "=" stays as it is
                k += 1
            }
            return out
        }

        func base64(_ body: Range<Int>) -> Decoded {
            var out = Decoded()
            var quad: [(value: UInt8, at: Int)] = []
            quad.reserveCapacity(4)
            func value(_ c: UInt8) -> UInt8? {
                switch c {
                case 0x41...0x5A: return c - 0x41
                case 0x61...0x7A: return c - 0x61 + 26
                case 0x30...0x39: return c - 0x30 + 52
                case UInt8(ascii: "+"): return 62
                case UInt8(ascii: "/"): return 63
                default: return nil
                }
            }
            for k in body {
                if bytes[k] == UInt8(ascii: "=") { break } // padding ends the data
                guard let v = value(bytes[k]) else { continue } // line breaks and stray characters are ignored
                quad.append((v, k))
                if quad.count == 4 {
                    out.append(quad[0].value << 2 | quad[1].value >> 4, quad[0].at)
                    out.append(quad[1].value << 4 | quad[2].value >> 2, quad[1].at)
                    out.append(quad[2].value << 6 | quad[3].value, quad[2].at)
                    quad.removeAll(keepingCapacity: true)
                }
            }
            if quad.count >= 2 { out.append(quad[0].value << 2 | quad[1].value >> 4, quad[0].at) }
            if quad.count >= 3 { out.append(quad[1].value << 4 | quad[2].value >> 2, quad[1].at) }
            return out
        }

        /// Windows-1252's characters for 0x80…0x9F (0 where it has none).
        static let cp1252: [UInt32] = [
            0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
            0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
        ]

        mutating func decodeCharset(_ raw: Decoded, charset: String) -> Decoded {
            let singleByte: ((UInt8) -> UInt32)?
            switch charset {
            case "iso-8859-1", "iso_8859-1", "iso8859-1", "latin1", "latin-1", "l1", "iso-8859-1:1987", "cp819", "ibm819":
                singleByte = { UInt32($0) }
            case "windows-1252", "cp1252", "x-cp1252":
                singleByte = { b in b >= 0x80 && b <= 0x9F && Self.cp1252[Int(b - 0x80)] != 0 ? Self.cp1252[Int(b - 0x80)] : UInt32(b) }
            case "iso-8859-15", "iso_8859-15", "latin-9", "latin9":
                singleByte = { b in
                    switch b {
                    case 0xA4: return 0x20AC
                    case 0xA6: return 0x0160
                    case 0xA8: return 0x0161
                    case 0xB4: return 0x017D
                    case 0xB8: return 0x017E
                    case 0xBC: return 0x0152
                    case 0xBD: return 0x0153
                    case 0xBE: return 0x0178
                    default: return UInt32(b)
                    }
                }
            case "utf-8", "utf8", "us-ascii", "ascii", "ansi_x3.4-1968":
                singleByte = nil
            default:
                notes.append("the e-mail's charset \"\(charset)\" is not one letterlint reads; it was read as UTF-8")
                singleByte = nil
            }
            var out = Decoded()
            if let map = singleByte {
                for (n, b) in raw.text.enumerated() {
                    let scalar = Unicode.Scalar(map(b)) ?? "\u{FFFD}"
                    for u in String(Character(scalar)).utf8 { out.append(u, raw.origins[n]) }
                }
                return out
            }
            // UTF-8: valid sequences are copied, each invalid byte becomes U+FFFD.
            var invalid = false
            var k = 0
            let t = raw.text
            while k < t.count {
                let length = Self.utf8SequenceLength(t, at: k)
                if length > 0 {
                    for m in 0..<length { out.append(t[k + m], raw.origins[k + m]) }
                    k += length
                } else {
                    invalid = true
                    for u in "\u{FFFD}".utf8 { out.append(u, raw.origins[k]) }
                    k += 1
                }
            }
            if invalid { notes.append("the e-mail's text is not valid UTF-8; invalid bytes were read as U+FFFD (�)") }
            return out
        }

        /// Length of the valid UTF-8 sequence at `k`, or 0.
        static func utf8SequenceLength(_ t: [UInt8], at k: Int) -> Int {
            let b = t[k]
            if b < 0x80 { return 1 }
            let length: Int
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return 0
            }
            guard k + length <= t.count else { return 0 }
            return String(validating: t[k..<k + length], as: UTF8.self) == nil ? 0 : length
        }
    }

    /// `value; name=value; name="quoted; value"` split at semicolons outside quotes.
    static func splitParameters(_ value: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for c in value {
            if escaped { current.append(c); escaped = false; continue }
            if c == "\\" && quoted { current.append(c); escaped = true; continue }
            if c == "\"" { quoted.toggle() }
            if c == ";" && !quoted {
                pieces.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
                continue
            }
            current.append(c)
        }
        pieces.append(current.trimmingCharacters(in: .whitespaces))
        return pieces.filter { !$0.isEmpty }
    }

    // MARK: Replies and signatures

    /// Drops quoted reply lines (and the line that introduces them) and the signature.
    /// Also says what was dropped, for a note.
    static func stripReply(_ body: Decoded, html: Bool, keepQuotes: Bool) -> (Decoded, [String]) {
        // Split into lines: (content range, range including the terminator).
        var lines: [(content: Range<Int>, full: Range<Int>)] = []
        var start = 0, k = 0
        let t = body.text
        while k < t.count {
            if t[k] == 0x0A || t[k] == 0x0D {
                let end = k
                if t[k] == 0x0D && k + 1 < t.count && t[k + 1] == 0x0A { k += 1 }
                lines.append((start..<end, start..<(k + 1)))
                start = k + 1
            }
            k += 1
        }
        if start < t.count { lines.append((start..<t.count, start..<t.count)) }

        func text(_ r: Range<Int>) -> String { String(decoding: t[r], as: UTF8.self) }
        func isQuote(_ n: Int) -> Bool { text(lines[n].content).drop { $0 == " " || $0 == "\t" }.hasPrefix(">") }
        func nextContentLine(after n: Int) -> Int? {
            var m = n + 1
            while m < lines.count && text(lines[m].content).allSatisfy({ $0 == " " || $0 == "\t" }) { m += 1 }
            return m < lines.count ? m : nil
        }

        var drop = [Bool](repeating: false, count: lines.count)
        var cut = lines.count
        for n in lines.indices {
            let line = text(lines[n].content)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if line == "-- " || (html && trimmed == "--") || trimmed.lowercased() == "-----original message-----" {
                cut = n
                break
            }
            if keepQuotes { continue }
            if isQuote(n) { drop[n] = true; continue }
            if trimmed.hasSuffix("wrote:"), let next = nextContentLine(after: n), isQuote(next) {
                drop[n] = true
                // "On Mon, 2 Mar 2026 at 10:04, Priya Raman <" / "priya@example.com> wrote:"
                if n > 0 && !drop[n - 1] && text(lines[n - 1].content).hasPrefix("On ") && !trimmed.hasPrefix("On ") { drop[n - 1] = true }
            }
        }
        var out = Decoded()
        for n in 0..<cut {
            let keep = drop[n] ? lines[n].content.upperBound..<lines[n].full.upperBound : lines[n].full
            for m in keep { out.append(t[m], body.origins[m]) }
        }
        var dropped: [String] = []
        let quoted = drop.prefix(cut).filter { $0 }.count
        if quoted > 0 { dropped.append(quoted == 1 ? "1 quoted reply line" : "\(quoted) quoted reply lines") }
        if cut < lines.count { dropped.append("the signature (from the \"-- \" or \"Original Message\" line on)") }
        return (out, dropped)
    }

    // MARK: Date

    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// The calendar date of an RFC 5322 date ("Tue, 3 Mar 2026 09:12:44 +0100"), as written.
    static func parseDate(_ value: String) -> CivilDate? {
        // Drop comments, then read day, month name and year in that order.
        var cleaned = ""
        var depth = 0
        for c in value {
            if c == "(" { depth += 1; continue }
            if c == ")" { depth = max(0, depth - 1); continue }
            if depth == 0 { cleaned.append(c) }
        }
        let tokens = cleaned.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
        guard let m = tokens.firstIndex(where: { months.contains(String($0.prefix(3)).lowercased()) && $0.count >= 3 && $0.allSatisfy(\.isLetter) }),
              m > 0, m + 1 < tokens.count,
              let day = Int(tokens[m - 1]), var year = Int(tokens[m + 1]),
              let month = months.firstIndex(of: String(tokens[m].prefix(3)).lowercased()) else { return nil }
        if tokens[m + 1].count == 2 { year += year < 50 ? 2000 : 1900 } else if tokens[m + 1].count == 3 { year += 1900 }
        return CivilDate(year: year, month: month + 1, day: day)
    }
}
