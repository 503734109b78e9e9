/// Keeps secrets out of every output. Reporters render text only through this type, so a
/// credential found in a letter is never printed in full, in any format.
public struct Redaction: Sendable {
    /// Secret ranges of one document, sorted and merged.
    public let secrets: [Range<Int>]

    public init(findings: [Finding]) {
        var ranges = findings.compactMap(\.secret).sorted { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int>] = []
        for r in ranges {
            if let last = merged.last, last.upperBound >= r.lowerBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
            } else {
                merged.append(r)
            }
        }
        ranges = merged
        secrets = ranges
    }

    /// The short form shown instead of a secret: a few characters at each end, so the user
    /// can recognise which key it is, and never enough to use it (`sk-…9f2Q`).
    public static func mask(_ secret: String) -> String {
        let scalars = Array(secret.unicodeScalars)
        func text(_ s: ArraySlice<Unicode.Scalar>) -> String { String(String.UnicodeScalarView(s)) }
        switch scalars.count {
        case 16...: return text(scalars.prefix(3)) + "…" + text(scalars.suffix(4))
        case 8..<16: return "…" + text(scalars.suffix(2))
        default: return "…"
        }
    }

    /// The text of `range` with every secret in it masked. Each piece of the output is
    /// reported with the byte range it stands for, so callers can place carets.
    public func render(_ range: Range<Int>, in document: Document) -> [(text: String, source: Range<Int>)] {
        var pieces: [(String, Range<Int>)] = []
        var position = range.lowerBound
        for secret in secrets where secret.overlaps(range) || (secret.isEmpty && range.contains(secret.lowerBound)) {
            let start = max(secret.lowerBound, range.lowerBound)
            if start > position { pieces.append((document.slice(position..<start), position..<start)) }
            // Mask the whole secret even when only part of it is in range.
            if secret.upperBound > position {
                pieces.append((Redaction.mask(document.slice(secret)), max(start, position)..<min(secret.upperBound, range.upperBound)))
            }
            position = max(position, min(secret.upperBound, range.upperBound))
        }
        if position < range.upperBound { pieces.append((document.slice(position..<range.upperBound), position..<range.upperBound)) }
        return pieces
    }

    /// `range` as one line of text: secrets masked, runs of white space folded to one space.
    public func excerpt(_ range: Range<Int>, in document: Document) -> String {
        let joined = render(range, in: document).map(\.text).joined()
        var out = ""
        var lastWasSpace = false
        for ch in joined {
            if ch.isWhitespace {
                if !lastWasSpace { out.append(" ") }
                lastWasSpace = true
            } else {
                out.append(ch)
                lastWasSpace = false
            }
        }
        return out.trimmingSpaces()
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s = s.dropFirst() }
        while s.last?.isWhitespace == true { s = s.dropLast() }
        return String(s)
    }
}
