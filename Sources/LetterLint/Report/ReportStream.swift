import Foundation

/// A report written while its files are still being checked: each file's text goes out as
/// soon as the file is added, so a run holds a few reports at a time rather than all of
/// them. The bytes are those of ``ReportFormat/render(_:ruleSet:options:)`` for the same
/// reports (both come from ``ReportWriter``).
///
/// JUnit and SARIF open with totals (``ReportWriter/headingNeedsTotals``): their files'
/// text waits in a ``ReportSpool`` (on disk past a megabyte) until ``finish()`` knows the
/// heading.
public final class ReportStream {
    private var writer: ReportWriter
    private let spool: ReportSpool?
    private let output: (String) throws -> Void
    private var started = false

    /// - Parameters:
    ///   - spool: where the text waits when the heading needs totals; unused otherwise.
    ///   - output: receives the report in order, piece by piece; what it throws stops the
    ///     report and is rethrown.
    public init(writer: ReportWriter, spool: @autoclosure () -> ReportSpool = ReportSpool(),
                output: @escaping (String) throws -> Void) {
        self.writer = writer
        self.spool = writer.headingNeedsTotals ? spool() : nil
        self.output = output
    }

    /// Adds the next file, in path order (see ``ReportWriter``).
    public func add(_ report: FileReport) throws {
        try startIfNeeded()
        try emit(writer.add(report))
    }

    /// Writes the rest of the report; call once, after the last file.
    public func finish() throws {
        try startIfNeeded()
        let ending = writer.finish()
        if !ending.heading.isEmpty { try output(ending.heading) }
        try spool?.drain(into: output)
        if !ending.closing.isEmpty { try output(ending.closing) }
    }

    private func startIfNeeded() throws {
        guard !started else { return }
        started = true
        try emit(writer.start())
    }

    private func emit(_ text: String) throws {
        guard !text.isEmpty else { return }
        if let spool { try spool.append(text) } else { try output(text) }
    }
}

/// Text kept to be written later, in order: in memory up to `memoryLimit` bytes, then in
/// an anonymous temporary file (created in the temporary folder and unlinked at once, so
/// nothing is left behind whatever happens), so a long report waiting for its heading does
/// not grow the process. If no temporary file can be created, the text stays in memory:
/// the report is the same, the process only larger.
public final class ReportSpool {
    private let memoryLimit: Int
    private var memory = ""
    private var file: Int32?
    private var spillFailed = false

    public init(memoryLimit: Int = 1 << 20) {
        self.memoryLimit = memoryLimit
    }

    deinit {
        if let file { close(file) }
    }

    /// Keeps `text` after what is already kept.
    public func append(_ text: String) throws(ReportFileError) {
        if let file {
            try FileDescriptor.writeAll(text, to: file)
            return
        }
        memory += text
        guard memory.utf8.count > memoryLimit, !spillFailed else { return }
        guard let spilled = FileDescriptor.anonymousTemporaryFile() else {
            spillFailed = true
            return
        }
        file = spilled
        let kept = memory
        memory = ""
        try FileDescriptor.writeAll(kept, to: spilled)
    }

    /// Hands everything kept to `output`, in order, in pieces of whole characters, and
    /// forgets it.
    public func drain(into output: (String) throws -> Void) throws {
        if !memory.isEmpty {
            let kept = memory
            memory = ""
            try output(kept)
        }
        guard let file else { return }
        defer {
            close(file)
            self.file = nil
        }
        guard lseek(file, 0, SEEK_SET) == 0 else { throw ReportFileError(errno: errno) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var carried: [UInt8] = []
        while true {
            let count = buffer.withUnsafeMutableBytes { read(file, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ReportFileError(errno: errno)
            }
            if count == 0 { break }
            carried += buffer[0..<count]
            // Cut before the last scalar's first byte (it may be incomplete): what comes
            // before it is whole characters.
            var cut = carried.count
            repeat { cut -= 1 } while cut > 0 && carried[cut] & 0xC0 == 0x80
            if cut > 0 {
                try output(String(decoding: carried[0..<cut], as: UTF8.self))
                carried.removeFirst(cut)
            }
        }
        if !carried.isEmpty { try output(String(decoding: carried, as: UTF8.self)) }
    }
}

/// A report file that appears at its path only when complete: written to a temporary file
/// in the same folder (so the final rename stays on one file system and is atomic), renamed
/// over the path by ``commit()``, removed by ``discard()`` (and when dropped uncommitted).
/// A failed run never leaves a partial report, nor a temporary file, at the target.
public final class AtomicReportFile {
    public let path: String
    /// The temporary file's path, while there is one.
    public private(set) var temporaryPath: String?
    private var descriptor: Int32?

    /// Creates the temporary file; fails now, before any work, if the folder cannot take it.
    public init(path: String) throws(ReportFileError) {
        self.path = path
        var isFolder: ObjCBool = false
        if path.hasSuffix("/") || (FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue) {
            throw ReportFileError(message: "it is a folder")
        }
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        // Hidden and without the report's extension, so a folder walk never takes it for a letter.
        // Mode 0666 less the umask, as any new file gets: the report is not secret.
        guard let made = FileDescriptor.makeTemporary((folder.isEmpty ? "" : folder + "/") + "." + name + ".letterlint-", mode: 0o666) else {
            throw ReportFileError(errno: errno)
        }
        descriptor = made.fd
        temporaryPath = made.path
    }

    deinit { discard() }

    public func write(_ text: String) throws(ReportFileError) {
        guard let descriptor else { throw ReportFileError(message: "the report file is already closed") }
        try FileDescriptor.writeAll(text, to: descriptor)
    }

    /// Flushes the file to disk and renames it over ``path``.
    public func commit() throws(ReportFileError) {
        guard let descriptor, let temporaryPath else { throw ReportFileError(message: "the report file is already closed") }
        self.descriptor = nil
        let synced = fsync(descriptor) == 0 ? 0 : errno
        let closed = close(descriptor) == 0 ? 0 : errno
        let failure = synced != 0 ? synced : closed
        if failure == 0 && rename(temporaryPath, path) == 0 {
            self.temporaryPath = nil
            return
        }
        let error = ReportFileError(errno: failure != 0 ? failure : errno)
        unlink(temporaryPath)
        self.temporaryPath = nil
        throw error
    }

    /// Removes the temporary file; the target is left as it was.
    public func discard() {
        if let descriptor { close(descriptor) }
        descriptor = nil
        if let temporaryPath { unlink(temporaryPath) }
        temporaryPath = nil
    }
}

/// Why a report could not be written, in words for the command line.
public struct ReportFileError: Error, CustomStringConvertible, Sendable {
    public let message: String

    public init(message: String) { self.message = message }

    init(errno code: Int32) {
        switch code {
        case ENOENT: message = "no such folder"
        case EACCES, EPERM: message = "permission denied"
        case ENOSPC: message = "no space left on the device"
        case EFBIG: message = "the file is too large"
        default: message = String(cString: strerror(code))
        }
    }

    public var description: String { message }
}

/// The few POSIX file calls the report files need.
enum FileDescriptor {
    /// Writes all of `text`, retrying after interruptions and short writes.
    static func writeAll(_ text: String, to fd: Int32) throws(ReportFileError) {
        var text = text
        let failure: Int32? = text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += n
            }
            return nil
        }
        if let failure { throw ReportFileError(errno: failure) }
    }

    /// A new file named `prefix` and a random suffix, opened for reading and writing with
    /// `mode` less the umask (what `mkstemp(3)` does, but with the mode a file normally
    /// gets); nil (errno set) on failure.
    static func makeTemporary(_ prefix: String, mode: mode_t) -> (fd: Int32, path: String)? {
        for _ in 0..<100 {
            let path = prefix + String(UInt64.random(in: 0...UInt64.max), radix: 36)
            let fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, mode)
            if fd >= 0 { return (fd, path) }
            if errno != EEXIST { return nil }
        }
        return nil
    }

    /// A temporary file with no name: created in the temporary folder and unlinked at once.
    static func anonymousTemporaryFile() -> Int32? {
        let folder = FileManager.default.temporaryDirectory.path
        guard let made = makeTemporary((folder as NSString).appendingPathComponent("letterlint-spool-"), mode: 0o600) else { return nil }
        unlink(made.path)
        return made.fd
    }
}
