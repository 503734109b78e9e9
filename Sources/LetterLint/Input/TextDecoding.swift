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
        // Compressed data (a JPEG's body, a ZIP) is near-random: its share of control bytes
        // sits just above the threshold below, so about one image in fifteen would be read
        // as text. The formats a stray file usually is are known by their first bytes.
        if binarySignatures.contains(where: { signature in
            sample.count >= signature.offset + signature.bytes.count
                && sample.dropFirst(signature.offset).starts(with: signature.bytes)
        }) { return true }
        var control = 0, nul = 0
        for b in sample {
            if b == 0 { nul += 1 }
            if b < 0x09 || (b > 0x0D && b < 0x20) { control += 1 }
        }
        return nul * 100 > sample.count || control * 10 > sample.count
    }

    /// Magic numbers of files that are never letters: images, PDF, archives, executables.
    static let binarySignatures: [(offset: Int, bytes: [UInt8])] = [
        (0, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), // PNG
        (0, [0xFF, 0xD8, 0xFF]),                                // JPEG
        (0, Array("GIF87a".utf8)), (0, Array("GIF89a".utf8)),   // GIF
        (0, [0x49, 0x49, 0x2A, 0x00]), (0, [0x4D, 0x4D, 0x00, 0x2A]), // TIFF
        (8, Array("WEBP".utf8)),                                // WebP (RIFF....WEBP)
        (4, Array("ftyp".utf8)),                                // HEIC, AVIF, MP4, MOV
        (0, Array("%PDF-".utf8)),                               // PDF
        (0, [0x50, 0x4B, 0x03, 0x04]),                          // ZIP (also .docx, .xlsx)
        (0, [0x1F, 0x8B]),                                      // gzip
        (0, [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]),              // xz
        (0, [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]),              // 7z
        (0, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]),  // OLE2 (.doc, .msg)
        (0, [0x7F, 0x45, 0x4C, 0x46]),                          // ELF
    ]

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
