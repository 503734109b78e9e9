/// Small pieces the machine-readable reporters share: the one order every format uses,
/// text from the letter with secrets masked, XML escaping, a stable hash, and file paths
/// as URIs. Nothing here prints; each reporter stays a pure function of its input.
enum ReportOrder {
    /// Files by path (a stable sort, so equal paths keep the caller's order).
    static func files(_ reports: [FileReport]) -> [FileReport] { byPath(reports, \.path) }

    /// Anything that becomes a file of a report, in the order the report lists it: a run
    /// that writes its report as it goes checks its letters in this order.
    static func byPath<Item>(_ items: [Item], _ path: (Item) -> String) -> [Item] {
        items.enumerated().sorted { a, b in
            let (pa, pb) = (path(a.element), path(b.element))
            return pa != pb ? pa < pb : a.offset < b.offset
        }.map(\.element)
    }

    /// Findings by offset, then end, then rule id: the order the linter already produces,
    /// enforced here so a reporter never depends on it.
    static func findings(_ report: FileReport) -> [Finding] {
        report.findings.sorted {
            ($0.range.lowerBound, $0.range.upperBound, $0.ruleID) < ($1.range.lowerBound, $1.range.upperBound, $1.ruleID)
        }
    }
}

/// Text from one checked file as reporters may show it. Ranges go through ``Redaction``;
/// free text that a rule or a fix built from the letter (a message with a filled slot, a
/// replacement) is additionally scrubbed of every secret's literal text, so a secret that
/// reached a message by any path is still masked.
struct ShownText {
    /// What excerpts and snippets are cut from: the file's own text when the checked text
    /// is byte-aligned with it (Markdown with its markup masked), else the checked text.
    let document: Document
    let redaction: Redaction
    /// Each secret's text and its mask, longest first so a secret that contains another
    /// is replaced whole.
    private let secrets: [(text: String, mask: String)]

    init(_ report: FileReport) {
        let checked = report.result.document
        let shown = report.displayDocument
        document = shown
        redaction = Redaction(findings: report.findings)
        var pairs: [(String, String)] = []
        // A secret's text as checked and as written (they differ only if markup was masked).
        for range in redaction.secrets where !range.isEmpty {
            for doc in [checked, shown] where range.upperBound <= doc.bytes.count {
                let text = doc.slice(range)
                if !text.isEmpty && !pairs.contains(where: { $0.0 == text }) { pairs.append((text, Redaction.mask(text))) }
            }
        }
        secrets = pairs.sorted { $0.0.utf8.count != $1.0.utf8.count ? $0.0.utf8.count > $1.0.utf8.count : $0.0 < $1.0 }
    }

    /// The one-line excerpt of `range`: secrets masked, white space folded.
    func excerpt(_ range: Range<Int>) -> String { redaction.excerpt(range, in: document) }

    /// The exact text of `range` (line breaks kept) with secrets masked.
    func snippet(_ range: Range<Int>) -> String { redaction.render(range, in: document).map(\.text).joined() }

    /// Every mask shown for a secret of this file (by ranges, as excerpts and snippets show them).
    var allMasks: [String] {
        var masks = Set<String>()
        for range in redaction.secrets where !range.isEmpty && range.upperBound <= document.bytes.count {
            masks.insert(Redaction.mask(document.slice(range)))
        }
        return masks.sorted()
    }

    /// A fix as one line: its title, then the text it inserts (folded to one line, cut at
    /// 120 characters), secrets masked. Deletions show the title only.
    func describe(_ fix: Fix) -> String {
        var out = scrub(fix.title)
        guard let edit = fix.edits.first else { return out }
        var text = scrub(edit.replacement).foldedToOneLine.trimmingSpaces()
        guard !text.isEmpty else { return out }
        if text.count > 120 { text = String(text.prefix(117)) + "..." }
        out += ": \"" + text + "\""
        return out
    }

    /// `report` with every secret's literal text masked in the free text reporters print
    /// verbatim: messages, reasons, fix titles, replacements and reading notes. Ranges,
    /// and so excerpts and snippets, are untouched (``Redaction`` masks those). A report
    /// without secrets is returned as it is. ``ReportFormat`` applies this before every
    /// format, so the human and JSON reports are covered too.
    static func sanitized(_ report: FileReport) -> FileReport {
        let shown = ShownText(report)
        guard !shown.secrets.isEmpty else { return report }
        let findings = report.findings.map { f in
            Finding(ruleID: f.ruleID, category: f.category, severity: f.severity, message: shown.scrub(f.message),
                    reason: shown.scrub(f.reason), range: f.range, section: f.section, secret: f.secret,
                    fixes: f.fixes.map { fix in
                        Fix(title: shown.scrub(fix.title),
                            edits: fix.edits.map { TextEdit(range: $0.range, replacement: shown.scrub($0.replacement)) })
                    })
        }
        let r = report.result
        return FileReport(path: report.path,
                          result: LintResult(document: r.document, facts: r.facts, findings: findings, diagnostics: r.diagnostics),
                          notes: report.notes.map(shown.scrub), sourceMap: report.sourceMap, displayText: report.displayText)
    }

    /// `text` with every literal occurrence of a secret replaced by its mask. Compared
    /// as UTF-8 bytes, so grapheme clusters cannot hide a match.
    func scrub(_ text: String) -> String {
        guard !secrets.isEmpty else { return text }
        var bytes = Array(text.utf8)
        for secret in secrets {
            let needle = Array(secret.text.utf8), mask = Array(secret.mask.utf8)
            guard !needle.isEmpty, needle.count <= bytes.count else { continue }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var i = 0
            while i < bytes.count {
                if i + needle.count <= bytes.count && bytes[i] == needle[0] && Array(bytes[i..<i + needle.count]) == needle {
                    out += mask
                    i += needle.count
                } else {
                    out.append(bytes[i])
                    i += 1
                }
            }
            bytes = out
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension String {
    /// One line: CR LF, CR and LF become single spaces (for one-line-per-finding formats).
    /// Works on scalars, so a CR LF pair (one `Character` in Swift) is one space.
    var foldedToOneLine: String {
        var out = ""
        var previousWasCR = false
        for scalar in unicodeScalars {
            switch scalar {
            case "\r": out += " "; previousWasCR = true; continue
            case "\n": if !previousWasCR { out += " " }
            default: out.unicodeScalars.append(scalar)
            }
            previousWasCR = false
        }
        return out
    }
}

/// Escaping for XML 1.0 text and attribute values.
enum XMLEscape {
    /// Characters XML 1.0 cannot carry at all (most C0 controls, U+FFFE, U+FFFF) become
    /// U+FFFD; markup characters become entities. In attributes, tab, line feed and
    /// carriage return are written as character references so attribute-value
    /// normalization does not turn them into spaces; in text, only CR is (a parser would
    /// otherwise fold CR LF to LF).
    static func escape(_ s: String, attribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "'" where attribute: out += "&apos;"
            case "\t" where attribute: out += "&#9;"
            case "\n" where attribute: out += "&#10;"
            case "\r": out += "&#13;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func attr(_ s: String) -> String { escape(s, attribute: true) }
    static func text(_ s: String) -> String { escape(s, attribute: false) }
}

/// FNV-1a, 64 bit (Fowler, Noll, Vo): a tiny, well-known, non-cryptographic hash. Used
/// for SARIF fingerprints, where only stability matters; it is never fed a secret (the
/// input is already masked), so its weakness as a cryptographic hash does not matter.
enum FNV1a64 {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    static func hash<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var h = offsetBasis
        for byte in bytes {
            h ^= UInt64(byte)
            h = h &* prime
        }
        return h
    }

    /// The hash as 16 lower-case hex digits.
    static func hex(_ string: String) -> String {
        let digits = String(hash(string.utf8), radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// File paths as URI references, for SARIF `artifactLocation.uri`.
enum PathURI {
    /// A relative path stays a relative reference (`./` dropped), an absolute path becomes
    /// a `file://` URI. Every byte outside RFC 3986's unreserved characters, sub-delims,
    /// `@` and `/` is percent-encoded as UTF-8 (so `:` never looks like a scheme, a space
    /// is `%20`, `é` is `%C3%A9`). A backslash is a file-name character on Linux and
    /// macOS, so it is encoded too rather than read as a separator.
    static func uri(forPath path: String) -> String {
        var p = Substring(path)
        while p.hasPrefix("./") { p = p.dropFirst(2) }
        let encoded = encode(String(p))
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }

    static func encode(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            if isAllowed(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }

    private static func isAllowed(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "-._~!$&'()*+,;=@/".utf8.contains(b)
        }
    }
}

/// Unicode scalars in a document's UTF-8 bytes: character offsets in the unit SARIF's
/// `columnKind: unicodeCodePoints` uses (a scalar starts at every non-continuation byte).
enum ScalarCount {
    static func before(_ offset: Int, in document: Document) -> Int {
        within(0..<offset, in: document)
    }

    static func within(_ range: Range<Int>, in document: Document) -> Int {
        let bytes = document.bytes
        let r = range.clamped(to: 0..<bytes.count)
        var n = 0
        for i in r where bytes[i] & 0xC0 != 0x80 { n += 1 }
        return n
    }
}
