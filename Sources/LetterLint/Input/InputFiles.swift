import Foundation

/// A file that could not be read, with a message that says what to do.
public struct InputError: Error, Equatable, Sendable, CustomStringConvertible {
    public let path: String
    public let message: String
    public var description: String { "\(path): \(message)" }
}

/// Reading letters from disk. Only this stage touches the file system.
public enum InputFiles {
    /// Extensions of letters found when a folder is checked.
    public static let letterExtensions: Set<String> = ["txt", "md", "markdown"]

    /// Files to check for the paths the user gave: files as they are, folders searched
    /// recursively for letters (hidden entries skipped), sorted by path.
    public static func expand(_ paths: [String]) -> (files: [String], errors: [InputError]) {
        var files: [String] = []
        var errors: [InputError] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                errors.append(InputError(path: path, message: "no such file or folder"))
                continue
            }
            guard isDirectory.boolValue else { files.append(path); continue }
            guard let walker = FileManager.default.enumerator(atPath: path) else {
                errors.append(InputError(path: path, message: "cannot read the folder"))
                continue
            }
            var found: [String] = []
            for case let relative as String in walker {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") { walker.skipDescendants(); continue }
                if letterExtensions.contains((name as NSString).pathExtension.lowercased()) {
                    found.append((path as NSString).appendingPathComponent(relative))
                }
            }
            files += found.sorted()
        }
        return (files, errors)
    }

    /// The bytes of a file.
    public static func read(_ path: String) throws(InputError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(path: path, message: "no such file")
        }
        if isDirectory.boolValue { throw InputError(path: path, message: "is a folder") }
        guard FileManager.default.isReadableFile(atPath: path), let data = FileManager.default.contents(atPath: path) else {
            throw InputError(path: path, message: "cannot read the file (check its permissions)")
        }
        return [UInt8](data)
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
        FileReport(path: path, result: linter.lint(Document(text: text), options: options), notes: notes)
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
