/// A unified diff between a letter and its fixed version, as `diff -u` prints it, with
/// every credential masked: a line that holds a secret is shown through ``Redaction``, so
/// the diff of a letter with an API key in it never prints the key.
///
/// Lines are compared with their terminators, so a CRLF letter diffs as CRLF lines and a
/// missing newline at the end is marked the way `patch` expects.
public enum UnifiedDiff {
    /// One side of the diff: its text and the secrets to mask in it.
    public struct Side: Sendable {
        public let document: Document
        public let redaction: Redaction

        public init(document: Document, redaction: Redaction) {
            self.document = document
            self.redaction = redaction
        }

        /// A checked letter: the secrets its findings found.
        public init(_ result: LintResult) {
            self.init(document: result.document, redaction: Redaction(findings: result.findings))
        }
    }

    /// The diff, or an empty string when the two texts are the same. Headers name
    /// `path` on both sides, so `patch -p0` applies it when no line was masked.
    public static func render(path: String, from old: Side, to new: Side, context: Int = 3) -> String {
        let path = quoted(path)
        let a = lines(of: old.document), b = lines(of: new.document)
        let keysA = a.map { Array(old.document.bytes[$0.full]) }, keysB = b.map { Array(new.document.bytes[$0.full]) }
        guard keysA != keysB else { return "" }
        let script = edits(keysA, keysB)
        var out = "--- \(path)\n+++ \(path)\n"
        for hunk in hunks(script, context: context) {
            let oldCount = hunk.filter { $0.kind != .insert }.count
            let newCount = hunk.filter { $0.kind != .delete }.count
            let oldStart = hunk.first { $0.kind != .insert }.map { $0.a + 1 } ?? (hunk.first.map { $0.a } ?? 0)
            let newStart = hunk.first { $0.kind != .delete }.map { $0.b + 1 } ?? (hunk.first.map { $0.b } ?? 0)
            out += "@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@\n"
            for op in hunk {
                switch op.kind {
                case .equal: out += " " + show(a[op.a], old)
                case .delete: out += "-" + show(a[op.a], old)
                case .insert: out += "+" + show(b[op.b], new)
                }
            }
        }
        return out
    }

    private static func range(_ start: Int, _ count: Int) -> String {
        count == 1 ? "\(start)" : "\(start),\(count)"
    }

    /// A line: its content and the content with its terminator.
    struct Line {
        let content: Range<Int>
        let full: Range<Int>
    }

    static func lines(of document: Document) -> [Line] {
        var result: [Line] = []
        for (i, line) in document.lines.enumerated() {
            let end = i + 1 < document.lines.count ? document.lines[i + 1].lowerBound : document.bytes.count
            // The empty "line" after a final terminator is not a line of the file.
            if i == document.lines.count - 1 && line.isEmpty { break }
            result.append(Line(content: line, full: line.lowerBound..<end))
        }
        return result
    }

    /// A line as printed: secrets masked, its own terminator kept, and the marker for a
    /// file that does not end with a newline.
    private static func show(_ line: Line, _ side: Side) -> String {
        let content = side.redaction.render(line.content, in: side.document).map(\.text).joined()
        let terminator = side.document.slice(line.content.upperBound..<line.full.upperBound)
        return terminator.isEmpty ? content + "\n\\ No newline at end of file\n" : content + terminator
    }

    // MARK: The edit script (Myers, "An O(ND) Difference Algorithm")

    struct Op: Equatable {
        enum Kind { case equal, delete, insert }
        let kind: Kind
        /// Index in the old lines (for insert: the old line the insertion comes before).
        let a: Int
        /// Index in the new lines (for delete: the new line the deletion comes before).
        let b: Int
    }

    static func edits<T: Equatable>(_ a: [T], _ b: [T]) -> [Op] {
        let n = a.count, m = b.count
        let max = n + m
        guard max > 0 else { return [] }
        // v[k + offset]: the furthest x on diagonal k; one snapshot per d for the way back.
        let offset = max + 1
        var v = [Int](repeating: 0, count: 2 * max + 3)
        var trace: [[Int]] = []
        var found = false
        for d in 0...max {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x: Int
                if k == -d || (k != d && v[k - 1 + offset] < v[k + 1 + offset]) { x = v[k + 1 + offset] } else { x = v[k - 1 + offset] + 1 }
                var y = x - k
                while x < n && y < m && a[x] == b[y] { x += 1; y += 1 }
                v[k + offset] = x
                if x >= n && y >= m { found = true; break }
            }
            if found { break }
        }
        var ops: [Op] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let v = trace[d]
            let k = x - y
            let prevK = (k == -d || (k != d && v[k - 1 + offset] < v[k + 1 + offset])) ? k + 1 : k - 1
            let prevX = d == 0 ? 0 : v[prevK + offset]
            let prevY = prevX - prevK
            while x > prevX && y > prevY { x -= 1; y -= 1; ops.append(Op(kind: .equal, a: x, b: y)) }
            if d > 0 {
                if x == prevX { y -= 1; ops.append(Op(kind: .insert, a: x, b: y)) }
                else { x -= 1; ops.append(Op(kind: .delete, a: x, b: y)) }
            }
        }
        return ops.reversed()
    }

    /// Groups the script into hunks: each change with `context` equal lines around it;
    /// changes closer than twice the context share a hunk.
    static func hunks(_ ops: [Op], context: Int) -> [[Op]] {
        let changes = ops.indices.filter { ops[$0].kind != .equal }
        guard !changes.isEmpty else { return [] }
        var groups: [ClosedRange<Int>] = []
        for i in changes {
            let lo = Swift.max(0, i - context), hi = Swift.min(ops.count - 1, i + context)
            if let last = groups.last, lo <= last.upperBound + 1 {
                groups[groups.count - 1] = last.lowerBound...Swift.max(last.upperBound, hi)
            } else {
                groups.append(lo...hi)
            }
        }
        return groups.map { Array(ops[$0]) }
    }
}

extension UnifiedDiff {
    /// A header's path as git writes it: as it is, unless it holds a control character, a
    /// double quote or a backslash; then in double quotes with C escapes (`\n`, `\"`,
    /// `\\`) and octal for other control bytes. `git apply` and GNU `patch` read this form,
    /// and an escape sequence in a file name never reaches the terminal.
    static func quoted(_ path: String) -> String {
        let named: [Unicode.Scalar: String] = ["\u{07}": "a", "\u{08}": "b", "\t": "t", "\n": "n", "\u{0B}": "v",
                                               "\u{0C}": "f", "\r": "r", "\"": "\"", "\\": "\\"]
        guard path.unicodeScalars.contains(where: { $0.isControlCode || named[$0] != nil }) else { return path }
        var out = "\""
        for scalar in path.unicodeScalars {
            if let letter = named[scalar] {
                out += "\\" + letter
            } else if scalar.isControlCode {
                // Octal, byte by byte, as git writes it (a C1 control is two UTF-8 bytes).
                for byte in String(scalar).utf8 {
                    let digits = String(byte, radix: 8)
                    out += "\\" + String(repeating: "0", count: 3 - digits.count) + digits
                }
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
