import Foundation
import Testing
@testable import LetterLint

/// Writing a fixed letter back: atomic, permissions kept, nothing written when nothing
/// changes, a letter edited meanwhile left alone, and never a byte lost to re-encoding.
@Suite("Fix: writing letters")
struct FixFileTests {
    struct Folder {
        let url: URL
        init() throws {
            url = FileManager.default.temporaryDirectory.appending(path: "letterlint-write-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        func file(_ name: String, _ bytes: [UInt8], mode: Int = 0o644) throws -> String {
            let path = url.appending(path: name).path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
            return path
        }
        /// Everything in the folder, hidden files included (a left-over temporary file shows).
        var entries: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted() }
        func remove() { try? FileManager.default.removeItem(at: url) }
    }

    static func mode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    static func bytes(_ path: String) -> [UInt8] { [UInt8](FileManager.default.contents(atPath: path) ?? Data()) }

    @Test func writeReplacesTheTextAndKeepsTheMode() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let path = try folder.file("draft.txt", Array("Dear Priya,\n\nI quit!!!\n".utf8), mode: 0o640)
        let file = try LetterFile.read(path)
        #expect(try file.write("Dear Priya,\n\nI resign.\n"))
        #expect(String(decoding: Self.bytes(path), as: UTF8.self) == "Dear Priya,\n\nI resign.\n")
        #expect(try Self.mode(path) == 0o640)
        #expect(folder.entries == ["draft.txt"], "no temporary file is left behind")
    }

    @Test func anUnchangedLetterIsNotTouched() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let path = try folder.file("draft.txt", Array("Dear Priya,\n".utf8), mode: 0o600)
        let before = try FileManager.default.attributesOfItem(atPath: path)
        let file = try LetterFile.read(path)
        #expect(try file.write("Dear Priya,\n") == false)
        let after = try FileManager.default.attributesOfItem(atPath: path)
        // Same file (a rename would give a new inode) with the same modification time.
        #expect(after[.systemFileNumber] as? Int == before[.systemFileNumber] as? Int)
        #expect(after[.modificationDate] as? Date == before[.modificationDate] as? Date)
    }

    @Test func aLetterChangedSinceItWasReadIsNotOverwritten() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let path = try folder.file("draft.txt", Array("Dear Priya,\n\nfirst\n".utf8))
        let file = try LetterFile.read(path)
        try Data("Dear Priya,\n\nedited meanwhile\n".utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: InputError.self) { try file.write("Dear Priya,\n\nfixed\n") }
        #expect(error?.message.contains("changed since letterlint read it") == true)
        #expect(String(decoding: Self.bytes(path), as: UTF8.self) == "Dear Priya,\n\nedited meanwhile\n")
        #expect(folder.entries == ["draft.txt"])
    }

    @Test func aFailureBeforeTheSwapLeavesTheLetterWholeAndNoTemporaryFile() throws {
        struct Crash: Error {}
        let folder = try Folder()
        defer { folder.remove() }
        let original = Array("Dear Priya,\n\nI quit!!!\n".utf8)
        let path = try folder.file("draft.txt", original, mode: 0o604)
        let file = try LetterFile.read(path)
        var sawTemporary: [String] = []
        let error = #expect(throws: InputError.self) {
            try file.write("Dear Priya,\n\nI resign.\n") {
                // The complete new letter exists beside the old one, with the old one's mode.
                sawTemporary = folder.entries.filter { $0 != "draft.txt" }
                if let temp = sawTemporary.first {
                    let tempPath = folder.url.appending(path: temp).path
                    #expect(String(decoding: Self.bytes(tempPath), as: UTF8.self) == "Dear Priya,\n\nI resign.\n")
                    #expect(try Self.mode(tempPath) == 0o604)
                }
                throw Crash()
            }
        }
        #expect(sawTemporary.count == 1)
        #expect(sawTemporary.first?.hasPrefix(".draft.txt.letterlint-") == true)
        #expect(error?.message.contains("the letter is unchanged") == true)
        #expect(Self.bytes(path) == original)
        #expect(folder.entries == ["draft.txt"])
    }

    @Test func theEncodingIsKept() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let bom = try folder.file("bom.txt", [0xEF, 0xBB, 0xBF] + Array("Dear Zoë,\r\n".utf8))
        #expect(try LetterFile.read(bom).text == "Dear Zoë,\r\n")
        try LetterFile.read(bom).write("Dear Zoë,\r\nThanks.\r\n")
        #expect(Self.bytes(bom) == [0xEF, 0xBB, 0xBF] + Array("Dear Zoë,\r\nThanks.\r\n".utf8))

        let utf16 = try folder.file("utf16.txt", [0xFF, 0xFE] + "Dear Zoë,\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let file16 = try LetterFile.read(utf16)
        #expect(file16.encoding == .utf16LE && file16.isLossless)
        try file16.write("Dear Zoë, hi\n")
        #expect(Self.bytes(utf16) == [0xFF, 0xFE] + "Dear Zoë, hi\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
    }

    @Test func aLetterThatIsNotValidTextIsNeverRewritten() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let broken: [UInt8] = Array("Dear Priya,\n\nI quit".utf8) + [0xC3, 0x28] + Array("!!!\n".utf8)
        let path = try folder.file("broken.txt", broken)
        let file = try LetterFile.read(path)
        #expect(!file.isLossless)
        let error = #expect(throws: InputError.self) { try file.write("Dear Priya,\n\nI resign.\n") }
        #expect(error?.message.contains("not valid UTF-8") == true)
        #expect(Self.bytes(path) == broken)
    }

    @Test func aSymbolicLinkIsWrittenThroughAndKept() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let target = try folder.file("real.txt", Array("Dear Priya,\n".utf8), mode: 0o640)
        let link = folder.url.appending(path: "link.txt").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        try LetterFile.read(link).write("Dear Priya,\nThanks.\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        #expect(String(decoding: Self.bytes(target), as: UTF8.self) == "Dear Priya,\nThanks.\n")
        #expect(try Self.mode(target) == 0o640)
    }

    @Test func createWritesANewFileOrReplacesOne() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let path = folder.url.appending(path: "letter.txt").path
        try LetterFile.create(path, text: "Dear Priya,\n")
        #expect(String(decoding: Self.bytes(path), as: UTF8.self) == "Dear Priya,\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        try LetterFile.create(path, text: "Dear Sam,\n")
        #expect(String(decoding: Self.bytes(path), as: UTF8.self) == "Dear Sam,\n")
        #expect(try Self.mode(path) == 0o600)
        #expect(throws: InputError.self) { try LetterFile.create(folder.url.path, text: "x") }
    }
}
