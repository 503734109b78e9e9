import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Finds the letters to check under the paths a user gives.
///
/// Folders are walked recursively, honouring `.gitignore` and `.letterlintignore` files
/// (each relative to its own folder, as git does) and the include/exclude globs. Only
/// regular files are read: FIFOs, sockets and devices are skipped without being opened,
/// symbolic links are followed only when asked, and a folder reached twice (a link loop)
/// is walked once. A file given by name is checked whatever its extension, but never if
/// it is not a regular file.
public struct FolderWalker: Sendable {
    public struct Options: Sendable {
        public var include: [Glob]
        public var exclude: [Glob]
        public var followSymlinks = false
        /// Larger files are skipped with a note.
        public var maxFileSize: Int
        public var useIgnoreFiles = true

        public init(include: [Glob], exclude: [Glob] = [], followSymlinks: Bool = false, maxFileSize: Int = FolderWalker.defaultMaxFileSize) {
            self.include = include
            self.exclude = exclude
            self.followSymlinks = followSymlinks
            self.maxFileSize = maxFileSize
        }
    }

    /// 10 MB: far more than any letter, small enough that a stray log or dump is skipped.
    public static let defaultMaxFileSize = 10 * 1024 * 1024

    public struct Result: Sendable {
        /// Files to check, sorted by path.
        public var files: [String] = []
        /// Things skipped that the user should hear about (too large, not a regular file).
        public var notes: [String] = []
        /// Paths that could not be read (reported; the scan goes on; the exit status is 2).
        public var errors: [InputError] = []
    }

    public let options: Options

    public init(options: Options) { self.options = options }

    public func walk(_ paths: [String]) -> Result {
        var result = Result()
        var visited = Set<FileID>()
        for path in paths {
            guard let info = FileInfo(path, follow: true) else {
                // Say why: "no such file" for a link loop or a locked folder sends the user
                // looking for the wrong thing.
                let reason = errno
                result.errors.append(InputError(path: path, message: reason == ELOOP ? "is a symbolic link loop (or a chain of links too long to follow); not read"
                    : reason == EACCES ? "permission denied (a folder on its path cannot be searched)"
                    : reason == ENAMETOOLONG ? "the path is too long" : "no such file or folder"))
                continue
            }
            switch info.kind {
            case .directory:
                walk(folder: path, relative: "", ignores: [], result: &result, visited: &visited)
            case .regular:
                if info.size > options.maxFileSize {
                    result.notes.append("\(path.shownAsPath): skipped, \(info.size) bytes is over the --max-file-size limit of \(options.maxFileSize)")
                } else {
                    result.files.append(path)
                }
            default:
                result.errors.append(InputError(path: path, message: "is not a regular file (a FIFO, socket or device); not read"))
            }
        }
        result.files.sort()
        return result
    }

    private struct Ignore {
        let base: String // folder the file sits in, relative to the walk's root, "" for the root
        let rules: IgnoreRules
    }

    private func walk(folder: String, relative: String, ignores: [Ignore], result: inout Result, visited: inout Set<FileID>) {
        guard let id = FileInfo(folder, follow: true)?.id, visited.insert(id).inserted else { return }
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        } catch {
            result.errors.append(InputError(path: folder, message: "cannot read the folder (check its permissions)"))
            return
        }
        var ignores = ignores
        if options.useIgnoreFiles {
            for name in [".gitignore", ".letterlintignore"] where entries.contains(name) {
                if let text = try? String(contentsOfFile: (folder as NSString).appendingPathComponent(name), encoding: .utf8) {
                    ignores.append(Ignore(base: relative, rules: IgnoreRules(fileText: text)))
                }
            }
        }
        for name in entries where name != ".git" {
            let path = (folder as NSString).appendingPathComponent(name)
            let rel = relative.isEmpty ? name : relative + "/" + name
            guard var info = FileInfo(path, follow: false) else { continue } // vanished since listing
            if info.kind == .symlink {
                guard options.followSymlinks, let target = FileInfo(path, follow: true) else { continue }
                info = target
            }
            let isDirectory = info.kind == .directory
            if isIgnored(rel, isDirectory: isDirectory, ignores) { continue }
            switch info.kind {
            case .directory:
                walk(folder: path, relative: rel, ignores: ignores, result: &result, visited: &visited)
            case .regular:
                guard options.include.contains(where: { $0.matches(rel) }), !options.exclude.contains(where: { $0.matches(rel) }) else { continue }
                if info.size > options.maxFileSize {
                    result.notes.append("\(path.shownAsPath): skipped, \(info.size) bytes is over the --max-file-size limit of \(options.maxFileSize)")
                } else {
                    result.files.append(path)
                }
            default:
                continue // FIFOs, sockets, devices: never opened
            }
        }
    }

    /// The last ignore rule that speaks decides, deeper files after shallower ones.
    private func isIgnored(_ rel: String, isDirectory: Bool, _ ignores: [Ignore]) -> Bool {
        var ignored = false
        for ignore in ignores {
            guard ignore.base.isEmpty || rel.hasPrefix(ignore.base + "/") else { continue }
            let local = ignore.base.isEmpty ? rel : String(rel.dropFirst(ignore.base.count + 1))
            if let verdict = ignore.rules.verdict(local, isDirectory: isDirectory) { ignored = verdict }
        }
        return ignored
    }
}

struct FileID: Hashable, Sendable {
    let device: UInt64
    let inode: UInt64
}

/// What `stat`/`lstat` say about a path.
struct FileInfo {
    enum Kind { case regular, directory, symlink, other }
    let kind: Kind
    let size: Int
    let id: FileID

    init?(_ path: String, follow: Bool) {
        var st = stat()
        guard (follow ? stat(path, &st) : lstat(path, &st)) == 0 else { return nil }
        switch st.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symlink
        default: kind = .other
        }
        size = Int(st.st_size)
        id = FileID(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
    }
}

extension InputFiles {
    /// Reads a regular file without ever blocking: it is opened non-blocking and checked to
    /// be a regular file before reading (a FIFO swapped in after the walk is refused), and
    /// never more than `limit` bytes are read.
    public static func readRegularFile(_ path: String, limit: Int = FolderWalker.defaultMaxFileSize) throws(InputError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let reason = errno == ENOENT ? "no such file (was it removed during the scan?)"
                : errno == EACCES ? "permission denied" : "cannot open the file (\(String(cString: strerror(errno))))"
            throw InputError(path: path, message: reason)
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw InputError(path: path, message: "cannot read the file's status") }
        guard st.st_mode & S_IFMT == S_IFREG else {
            throw InputError(path: path, message: (st.st_mode & S_IFMT == S_IFDIR) ? "is a folder" : "is not a regular file (a FIFO, socket or device); not read")
        }
        guard Int(st.st_size) <= limit else {
            throw InputError(path: path, message: "is \(st.st_size) bytes, over the --max-file-size limit of \(limit); skipped")
        }
        var bytes = [UInt8](repeating: 0, count: Int(st.st_size))
        var total = 0
        while total < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + total, $0.count - total) }
            if n < 0 {
                if errno == EINTR { continue }
                throw InputError(path: path, message: "read error (\(String(cString: strerror(errno))))")
            }
            if n == 0 { break } // the file shrank while being read
            total += n
        }
        return Array(bytes[0..<total])
    }
}
