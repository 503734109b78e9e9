import Foundation
import ZIPFoundation

/// ZIP archives for tests and fuzzing, made in memory with ZIPFoundation, and the offsets
/// of their records for damaging them on purpose (a size that lies, a broken signature).
public enum ZipFixture {
    public static let localHeaderSignature: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
    public static let centralDirectorySignature: [UInt8] = [0x50, 0x4B, 0x01, 0x02]
    public static let endRecordSignature: [UInt8] = [0x50, 0x4B, 0x05, 0x06]

    /// An archive holding these entries, in order.
    public static func make(_ entries: [(String, Data)], compression: CompressionMethod = .deflate) throws -> [UInt8] {
        let archive = try Archive(accessMode: .create)
        for (name, data) in entries {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: compression) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return [UInt8](archive.data ?? Data())
    }

    /// A minimal Word document: a content-types part and `word/document.xml`.
    public static func docx(xml: String, compression: CompressionMethod = .deflate) throws -> [UInt8] {
        try make([("[Content_Types].xml", Data(#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#.utf8)),
                  ("word/document.xml", Data(xml.utf8))], compression: compression)
    }

    /// A minimal Word document whose body is these paragraphs (text is escaped).
    public static func docx(paragraphs: [String]) throws -> [UInt8] {
        let body = paragraphs.map { text in
            let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            return "<w:p><w:r><w:t xml:space=\"preserve\">\(escaped)</w:t></w:r></w:p>"
        }.joined()
        return try docx(xml: "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>\(body)</w:body></w:document>")
    }

    /// Where the first (or last) record with this signature starts.
    public static func offset(of signature: [UInt8], in bytes: [UInt8], last: Bool = false) -> Int? {
        let candidates = bytes.indices.dropLast(3).filter { bytes[$0..<$0 + 4].elementsEqual(signature) }
        return last ? candidates.last : candidates.first
    }

    public static func writeLE16(_ value: UInt16, into bytes: inout [UInt8], at offset: Int) {
        bytes[offset] = UInt8(value & 0xFF)
        bytes[offset + 1] = UInt8(value >> 8)
    }

    public static func writeLE32(_ value: UInt32, into bytes: inout [UInt8], at offset: Int) {
        for k in 0..<4 { bytes[offset + k] = UInt8((value >> (8 * UInt32(k))) & 0xFF) }
    }

    /// `bytes` with every entry's uncompressed size, in its local header and its central
    /// directory record, claimed to be `size`: a zip bomb's lie, without the bomb.
    public static func claimingUncompressedSize(_ size: UInt32, _ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        // Local header: the uncompressed size is at +22; central record: at +24.
        for (signature, field) in [(localHeaderSignature, 22), (centralDirectorySignature, 24)] {
            var from = 0
            while let found = offset(of: signature, in: Array(out[from...])) {
                writeLE32(size, into: &out, at: from + found + field)
                from += found + 4
            }
        }
        return out
    }
}
