import Foundation

/// A file that could not be read, with a message that says what to do.
public struct InputError: Error, Equatable, Sendable, CustomStringConvertible {
    public let path: String
    public let message: String
    public var description: String { "\(path.shownAsPath): \(message)" }
}

/// Reading letters from disk. Only this stage touches the file system.
public enum InputFiles {
    /// Files to check for the paths the user gave, with the default include list: files as
    /// they are, folders walked recursively (see ``FolderWalker``), sorted by path.
    public static func expand(_ paths: [String]) -> (files: [String], errors: [InputError]) {
        let walker = FolderWalker(options: .init(include: Settings.defaultInclude.compactMap(Glob.init)))
        let result = walker.walk(paths)
        return (result.files, result.errors)
    }

    /// The bytes of a regular file (never blocks on a FIFO; see ``readRegularFile(_:limit:)``).
    public static func read(_ path: String) throws(InputError) -> [UInt8] {
        try readRegularFile(path)
    }

    /// All of standard input.
    public static func readStandardInput() -> [UInt8] {
        [UInt8](FileHandle.standardInput.readDataToEndOfFile())
    }
}

/// Checks letters: decoding, tokenizing and linting, with one set of options.
public struct Checker: Sendable {
    public let linter: Linter
    public let options: LintOptions

    public init(linter: Linter, options: LintOptions = LintOptions()) {
        self.linter = linter
        self.options = options
    }

    public func check(text: String, path: String, notes: [String] = []) -> FileReport {
        var options = self.options
        var notes = notes
        if let empty = Checker.emptinessNote(text) {
            options.onlyRules = []
            notes.append(empty)
        }
        return FileReport(path: path, result: linter.lint(Document(text: text), options: options), notes: notes)
    }

    public func check(bytes: [UInt8], path: String) throws(InputError) -> FileReport {
        do {
            let decoded = try TextDecoding.decode(bytes)
            return check(text: decoded.text, path: path, notes: decoded.notes)
        } catch {
            throw InputError(path: path, message: error.description)
        }
    }
}

/// letterlint's version, as reported in `--version` and in every machine-readable report.
public enum LetterLintVersion {
    public static let current = "0.1.0"
}
