import Foundation
#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// A letter read to be rewritten in place, and the safe way to write it back.
///
/// Reading is the Input stage's (``InputFiles``, ``TextDecoding``); writing lives here
/// because only `fix --write` and `--output` write letters. The rules that keep a user's
/// letter safe:
/// - the text is written back in the encoding it was read in (UTF-8, with or without a
///   BOM, or UTF-16 with its BOM), and a file that does not decode and encode back to the
///   same bytes (invalid UTF-8, a stray byte in UTF-16) is never rewritten;
/// - a write is atomic: a temporary file in the same folder, flushed to disk, given the
///   original's permissions, then renamed over it, so a crash leaves the old letter or
///   the new one, never a partial file;
/// - nothing is written when the text is unchanged, and a file that changed on disk since
///   it was read is not overwritten.
public struct LetterFile: Sendable {
    public enum Encoding: Sendable, Equatable {
        case utf8, utf8BOM, utf16LE, utf16BE
    }

    public let path: String
    /// The bytes as read.
    public let bytes: [UInt8]
    /// The decoded text that fixes apply to.
    public let text: String
    public let encoding: Encoding
    /// Whether encoding `text` gives back exactly `bytes`; when not, the file is never rewritten.
    public let isLossless: Bool

    public init(path: String, bytes: [UInt8]) throws(InputError) {
        let decoded: TextDecoding.Decoded
        do { decoded = try TextDecoding.decode(bytes) } catch { throw InputError(path: path, message: error.description) }
        self.path = path
        self.bytes = bytes
        self.text = decoded.text
        if bytes.starts(with: [0xFF, 0xFE]) { encoding = .utf16LE }
        else if bytes.starts(with: [0xFE, 0xFF]) { encoding = .utf16BE }
        else if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { encoding = .utf8BOM }
        else { encoding = .utf8 }
        isLossless = LetterFile.encode(decoded.text, as: encoding) == bytes
    }

    /// The text the rules read in a letter at `path`, for ``FixPlanner/mask``: a plain-text
    /// letter as it is, Markdown with its markup masked (offsets unchanged, so edits found
    /// in it apply to the file). nil for formats whose text is extracted from something
    /// else (HTML, e-mail, Word): an edit of their text cannot be written back to the file.
    public static func lintableText(forPath path: String) -> (@Sendable (String) -> String)? {
        switch InputFormat.of(path: path) {
        case .text: return { $0 }
        case .markdown:
            return { text in
                let masked = (try? InputFormat.markdown.extract(Array(text.utf8)))?.text ?? text
                return masked.utf8.count == text.utf8.count ? masked : text
            }
        case .html, .email, .docx: return nil
        }
    }

    public static func read(_ path: String) throws(InputError) -> LetterFile {
        try LetterFile(path: path, bytes: try InputFiles.read(path))
    }

    /// `text` in this file's encoding.
    public func encode(_ text: String) -> [UInt8] { LetterFile.encode(text, as: encoding) }

    static func encode(_ text: String, as encoding: Encoding) -> [UInt8] {
        switch encoding {
        case .utf8: return Array(text.utf8)
        case .utf8BOM: return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        case .utf16LE: return [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        case .utf16BE: return [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        }
    }

    /// Replaces the file's text with `newText`. Returns false, touching nothing, when the
    /// text is unchanged. `beforeRename` runs after the temporary file is complete and
    /// before it replaces the letter (tests use it to fail at the worst moment).
    @discardableResult
    public func write(_ newText: String, beforeRename: (() throws -> Void)? = nil) throws(InputError) -> Bool {
        let data = encode(newText)
        if data == bytes { return false }
        guard isLossless else {
            throw InputError(path: path, message: "not rewritten: the file is not valid \(encoding == .utf8 || encoding == .utf8BOM ? "UTF-8" : "UTF-16") text, and writing it back would change bytes you did not ask to change")
        }
        // Write through a symbolic link to the letter it points to, keeping the link.
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        var info = stat()
        guard stat(target, &info) == 0 else { throw InputError(path: path, message: "cannot read the file's permissions: \(LetterFile.errnoText())") }
        guard LetterFile.current(target) == bytes else {
            throw InputError(path: path, message: "not overwritten: the file changed since letterlint read it; run the command again")
        }
        try LetterFile.replace(target, with: data, mode: info.st_mode & 0o7777, owner: (info.st_uid, info.st_gid),
                               displayPath: path, expected: bytes, beforeRename: beforeRename)
        return true
    }

    /// Writes a new file (`--output`), or replaces one atomically; a new file gets the
    /// permissions a new file normally gets (0666 less the umask).
    public static func create(_ path: String, text: String) throws(InputError) {
        let data = Array(text.utf8)
        var info = stat()
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        if stat(target, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR { throw InputError(path: path, message: "is a folder") }
            try replace(target, with: data, mode: info.st_mode & 0o7777, owner: (info.st_uid, info.st_gid),
                        displayPath: path, expected: nil, beforeRename: nil)
        } else {
            let mask = umask(0)
            umask(mask)
            try replace(target, with: data, mode: 0o666 & ~mask, owner: nil, displayPath: path, expected: nil, beforeRename: nil)
        }
    }

    /// The file's current bytes, or nil when it cannot be read.
    private static func current(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }

    private static func replace(_ target: String, with data: [UInt8], mode: mode_t, owner: (uid_t, gid_t)?,
                                displayPath: String, expected: [UInt8]?,
                                beforeRename: (() throws -> Void)?) throws(InputError) {
        let folder = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        var template = Array(((folder.isEmpty ? "." : folder) + "/." + name + ".letterlint-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw InputError(path: displayPath, message: "cannot create a temporary file beside it: \(errnoText()); the letter is unchanged")
        }
        let temporary = String(cString: template)
        var closed = false
        func fail(_ message: String) -> InputError {
            if !closed { close(fd) }
            unlink(temporary)
            return InputError(path: displayPath, message: message + "; the letter is unchanged")
        }
        var written = 0
        while written < data.count {
            let n = data.withUnsafeBytes { systemWrite(fd, $0.baseAddress! + written, data.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                throw fail("cannot write the temporary file: \(errnoText())")
            }
            written += n
        }
        if let owner { _ = fchown(fd, owner.0, owner.1) } // Only possible for root; the mode matters more.
        guard fchmod(fd, mode) == 0 else { throw fail("cannot set the temporary file's permissions: \(errnoText())") }
        guard fsync(fd) == 0 else { throw fail("cannot flush the temporary file to disk: \(errnoText())") }
        closed = true
        guard close(fd) == 0 else { throw fail("cannot close the temporary file: \(errnoText())") }
        do { try beforeRename?() } catch { throw fail("stopped before replacing the letter: \(error)") }
        // Last look before the swap: a letter edited meanwhile is left alone.
        if let expected, current(target) != expected {
            throw fail("not overwritten: the file changed since letterlint read it; run the command again")
        }
        guard rename(temporary, target) == 0 else { throw fail("cannot replace the letter: \(errnoText())") }
        let dir = open(folder.isEmpty ? "." : folder, O_RDONLY)
        if dir >= 0 { _ = fsync(dir); close(dir) }
    }
}
