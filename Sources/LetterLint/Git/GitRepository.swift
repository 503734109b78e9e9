import Foundation

/// A git command that failed, or a folder that is not in a repository.
public struct GitError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// The git repository around a folder, driven through git's plumbing commands. letterlint
/// never writes to the index or the work tree through it.
public struct GitRepository: Sendable {
    /// The work tree's top folder.
    public let root: String
    /// The folder commands run from.
    public let workingDirectory: String

    public static func discover(from folder: String) throws(GitError) -> GitRepository {
        let out = try run(["rev-parse", "--show-toplevel"], in: folder)
        let root = String(decoding: out, as: UTF8.self).trimmingCharacters(in: .newlines)
        guard !root.isEmpty else { throw GitError(message: "\(folder) is not inside a git work tree") }
        return GitRepository(root: root, workingDirectory: folder)
    }

    /// A staged file: its path relative to the repository root and the blob the index holds.
    public struct StagedFile: Sendable, Equatable {
        public let path: String
        public let blob: String
    }

    /// Files added, copied, modified or renamed in the index, as they will be committed.
    /// Works on the first commit (no HEAD yet); submodules and symbolic links are skipped.
    public func stagedFiles() throws(GitError) -> [StagedFile] {
        let raw = try GitRepository.run(["diff", "--cached", "--raw", "-z", "--no-renames", "--diff-filter=ACM"], in: root)
        // -z raw format: ":oldmode newmode oldsha newsha status\0path\0" per entry.
        let fields = raw.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        var files: [StagedFile] = []
        var i = 0
        while i + 1 < fields.count {
            let meta = fields[i].split(separator: " ")
            let path = fields[i + 1]
            i += 2
            guard meta.count >= 5, meta[1] == "100644" || meta[1] == "100755" else { continue }
            files.append(StagedFile(path: path, blob: String(meta[3])))
        }
        return files.sorted { $0.path < $1.path }
    }

    /// The contents of blobs, read in one `git cat-file --batch` process.
    public func blobs(_ ids: [String]) throws(GitError) -> [String: [UInt8]] {
        guard !ids.isEmpty else { return [:] }
        let output = try GitRepository.run(["cat-file", "--batch"], in: root, input: Data((ids.joined(separator: "\n") + "\n").utf8))
        var result: [String: [UInt8]] = [:]
        var position = output.startIndex
        for id in ids {
            guard let newline = output[position...].firstIndex(of: 0x0A) else { break }
            let header = String(decoding: output[position..<newline], as: UTF8.self).split(separator: " ")
            position = output.index(after: newline)
            guard header.count == 3, header[1] == "blob", let size = Int(header[2]) else {
                throw GitError(message: "git cat-file could not read blob \(id)")
            }
            let end = output.index(position, offsetBy: size)
            result[id] = [UInt8](output[position..<end])
            position = output.index(after: end) // the newline after the content
        }
        return result
    }

    /// The pre-commit hook file git runs, honouring core.hooksPath and worktrees.
    public func hookPath(_ name: String = "pre-commit") throws(GitError) -> String {
        let out = try GitRepository.run(["rev-parse", "--git-path", "hooks/\(name)"], in: workingDirectory)
        let path = String(decoding: out, as: UTF8.self).trimmingCharacters(in: .newlines)
        return path.hasPrefix("/") ? path : (workingDirectory as NSString).appendingPathComponent(path)
    }

    public func config(_ key: String) -> String? {
        guard let out = try? GitRepository.run(["config", "--get", key], in: workingDirectory) else { return nil }
        let value = String(decoding: out, as: UTF8.self).trimmingCharacters(in: .newlines)
        return value.isEmpty ? nil : value
    }

    /// Runs git and returns its standard output; a non-zero exit is an error with git's message.
    @discardableResult
    static func run(_ arguments: [String], in folder: String, input: Data? = nil) throws(GitError) -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_OPTIONAL_LOCKS"] = "0" // never take the index lock for a read
        process.environment = environment
        let stdout = Pipe(), stderr = Pipe(), stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        do { try process.run() } catch { throw GitError(message: "cannot run git: \(error.localizedDescription)") }
        // Feed input and drain both pipes concurrently so a large blob cannot deadlock.
        let writer = Thread {
            if let input { stdin.fileHandleForWriting.write(input) }
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let errors = ErrorCollector(stderr.fileHandleForReading)
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let message = errors.finish()
        guard process.terminationStatus == 0 else {
            let text = message.trimmingCharacters(in: .whitespacesAndNewlines)
            throw GitError(message: text.isEmpty ? "git \(arguments.first ?? "") failed" : text)
        }
        return data
    }
}

/// Reads a pipe to its end on another thread.
private final class ErrorCollector: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }.start()
    }

    func finish() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}
