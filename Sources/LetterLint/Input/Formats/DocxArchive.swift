import Foundation
import ZIPFoundation

/// Reads one part of a `.docx` (a ZIP archive) with ZIPFoundation, safely on hostile input.
///
/// ZIPFoundation 0.9.20 reads well-formed archives well, but on Linux it is not safe on
/// hostile ones, and a letter linter is handed whatever a user drags in:
///
/// 1. An in-memory archive traps (out-of-range `Range`) when any offset in the central
///    directory points past the end of the data, and a ZIP64 field larger than `Int64.max`
///    traps when converted to `off_t`.
/// 2. Its Linux inflate loop (`Data.decode`) spins forever when a deflate stream does not
///    end before the end of the archive (upstream pull request weichsel/ZIPFoundation#389,
///    not in a release yet).
///
/// So before handing the bytes over, ``validate(_:)`` checks the container's structure:
/// the end-of-central-directory record and every central directory entry and local header
/// must lie inside the file (no ZIP64, which no letter needs). It decompresses nothing; the
/// reading and inflating are ZIPFoundation's. And the archive ZIPFoundation reads is the
/// original followed by zero bytes and a copy of the end record: a deflate stream that runs
/// into the zeros either ends, fails, or produces at least one byte per zero byte read (a
/// zero bit pattern decodes to a stored block with bad lengths, an end-of-block, or a
/// symbol of at most 8 bits that outputs something), so with the output capped at the
/// declared size it stops within declared size + 64 KiB of zeros instead of reaching the
/// end of the data. When a fixed ZIPFoundation is in use, the padding can go.
enum DocxArchive {
    /// The most a part may inflate to. A letter's `word/document.xml` is a few kilobytes to
    /// a few hundred; anything near this is a ZIP bomb or not a letter.
    static let maxPartSize = 20 * 1024 * 1024

    struct CentralEntry {
        let name: [UInt8]
        let method: UInt16
        let compressedSize: Int
        let uncompressedSize: Int
    }

    struct Layout {
        let endRecord: Int
        let entries: [CentralEntry]
    }

    enum Failure: Error, Equatable {
        case notZip
        case damaged(String)
        case zip64
        case missing(String)
        case tooLarge(Int)
        case unreadable(String)
    }

    /// The bytes of the part at `path`.
    static func read(_ path: String, from bytes: [UInt8]) throws(Failure) -> [UInt8] {
        let layout = try validate(bytes)
        guard let central = layout.entries.first(where: { $0.name == Array(path.utf8) }) else { throw .missing(path) }
        guard central.uncompressedSize <= maxPartSize else { throw .tooLarge(central.uncompressedSize) }
        let declared = central.uncompressedSize

        // The original, zeros, and the end record again (comment dropped) at the very end.
        var padded = Data(bytes)
        padded.append(Data(count: declared + 65_536 + 4 * defaultReadChunkSize))
        var end = Data(bytes[layout.endRecord..<(layout.endRecord + 22)])
        end[end.startIndex + 20] = 0
        end[end.startIndex + 21] = 0
        padded.append(end)

        let archive: Archive
        do { archive = try Archive(data: padded, accessMode: .read) } catch { throw .damaged("ZIPFoundation cannot open it (\(error))") }
        guard let entry = archive[path] else { throw .missing(path) }
        guard entry.type == .file else { throw .damaged("\(path) is not a file in the archive") }
        guard entry.uncompressedSize == UInt64(declared) else { throw .damaged("the archive's directory disagrees with itself about \(path)") }
        var out: [UInt8] = []
        out.reserveCapacity(declared)
        var checksum: CRC32 = 0
        do {
            checksum = try archive.extract(entry, skipCRC32: false) { chunk in
                guard out.count + chunk.count <= declared else { throw Failure.tooLarge(out.count + chunk.count) }
                out.append(contentsOf: chunk)
            }
        } catch let failure as Failure {
            if case .tooLarge = failure { throw .damaged("\(path) inflates to more than its declared \(declared) bytes") }
            throw failure
        } catch {
            throw .unreadable("\(path) cannot be decompressed (\(error))")
        }
        guard out.count == declared else { throw .damaged("\(path) is shorter than its declared \(declared) bytes") }
        // ZIPFoundation computes the checksum while inflating but leaves the comparison to us.
        guard checksum == entry.checksum else { throw .damaged("\(path) fails its CRC-32 check") }
        return out
    }

    static func u16(_ b: [UInt8], _ at: Int) -> Int { Int(b[at]) | Int(b[at + 1]) << 8 }
    static func u32(_ b: [UInt8], _ at: Int) -> Int { u16(b, at) | u16(b, at + 2) << 16 }

    /// Checks that every structure ZIPFoundation will seek to lies inside the file.
    static func validate(_ b: [UInt8]) throws(Failure) -> Layout {
        guard b.count >= 22, b.starts(with: [0x50, 0x4B]) else { throw .notZip }
        // The end record: the last signature, as ZIPFoundation finds it (scanning back).
        var e = b.count - 22
        let lowest = max(0, b.count - 22 - 65_535)
        while e >= lowest && !(b[e] == 0x50 && b[e + 1] == 0x4B && b[e + 2] == 0x05 && b[e + 3] == 0x06) { e -= 1 }
        guard e >= lowest else { throw .notZip }
        let disk = u16(b, e + 4), cdDisk = u16(b, e + 6)
        let onDisk = u16(b, e + 8), total = u16(b, e + 10)
        let cdSize = u32(b, e + 12), cdOffset = u32(b, e + 16)
        if total == 0xFFFF || cdSize == 0xFFFF_FFFF || cdOffset == 0xFFFF_FFFF { throw .zip64 }
        guard disk == 0, cdDisk == 0, onDisk == total else { throw .damaged("it is one part of a multi-volume archive") }
        guard cdOffset + cdSize <= e else { throw .damaged("its central directory points outside the file") }

        var entries: [CentralEntry] = []
        var p = cdOffset
        for _ in 0..<total {
            guard p + 46 <= e, b[p] == 0x50, b[p + 1] == 0x4B, b[p + 2] == 0x01, b[p + 3] == 0x02 else {
                throw .damaged("its central directory is cut short or corrupt")
            }
            let flags = u16(b, p + 8), method = u16(b, p + 10)
            let compressed = u32(b, p + 20), uncompressed = u32(b, p + 24)
            let nameLength = u16(b, p + 28), extraLength = u16(b, p + 30), commentLength = u16(b, p + 32)
            let local = u32(b, p + 42)
            if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || local == 0xFFFF_FFFF { throw .zip64 }
            let next = p + 46 + nameLength + extraLength + commentLength
            guard next <= e else { throw .damaged("its central directory is cut short or corrupt") }
            // The local header, its name and extra field, the data and any data descriptor.
            guard local + 30 <= b.count, b[local] == 0x50, b[local + 1] == 0x4B, b[local + 2] == 0x03, b[local + 3] == 0x04 else {
                throw .damaged("an entry points to a local header outside the file")
            }
            let dataOffset = local + 30 + u16(b, local + 26) + u16(b, local + 28)
            let stored = method == 0 ? uncompressed : compressed
            guard dataOffset + compressed <= b.count, dataOffset + stored <= b.count else {
                throw .damaged("an entry's data runs past the end of the file")
            }
            if flags & 0x0008 != 0 && dataOffset + stored + 16 > b.count {
                throw .damaged("an entry's data descriptor lies outside the file")
            }
            entries.append(CentralEntry(name: Array(b[(p + 46)..<(p + 46 + nameLength)]), method: UInt16(method),
                                        compressedSize: compressed, uncompressedSize: uncompressed))
            p = next
        }
        return Layout(endRecord: e, entries: entries)
    }
}
