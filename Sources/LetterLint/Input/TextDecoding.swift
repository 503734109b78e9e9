/// Bytes to text. The first stage of the pipeline: everything after it sees a `String`
/// and UTF-8 offsets into it.
public enum TextDecoding {
    public struct Decoded: Sendable, Equatable {
        public let text: String
        /// Things the user should know about how the text was read (shown as notes).
        public let notes: [String]
    }

    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case binary
        public var description: String {
            switch self {
            case .binary: return "looks like a binary file, not a letter; skipped"
            }
        }
    }

    /// Decodes a letter. A UTF-8 BOM is dropped (so it does not shift columns); UTF-16 with
    /// a BOM is converted; invalid UTF-8 becomes U+FFFD with a note. Binary data (many NUL
    /// or control bytes) is refused rather than linted as garbage.
    public static func decode(_ bytes: [UInt8]) throws(Failure) -> Decoded {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return Decoded(text: utf16(bytes.dropFirst(2), bigEndian: bytes[0] == 0xFE), notes: ["decoded from UTF-16"])
        }
        var body = bytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { body = bytes.dropFirst(3) }
        if looksBinary(body) { throw .binary }
        if let text = String(validating: body, as: UTF8.self) {
            return Decoded(text: text, notes: [])
        }
        return Decoded(text: String(decoding: body, as: UTF8.self),
                       notes: ["the file is not valid UTF-8; invalid bytes were read as U+FFFD (�)"])
    }

    static func looksBinary(_ bytes: ArraySlice<UInt8>) -> Bool {
        let sample = bytes.prefix(8192)
        guard !sample.isEmpty else { return false }
        var control = 0, nul = 0
        for b in sample {
            if b == 0 { nul += 1 }
            if b < 0x09 || (b > 0x0D && b < 0x20) { control += 1 }
        }
        return nul * 100 > sample.count || control * 10 > sample.count
    }

    private static func utf16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(bigEndian ? a << 8 | b : b << 8 | a)
            i += 2
        }
        return String(decoding: units, as: UTF16.self)
    }
}
