import Foundation
import PCRE2

/// One run of `letterlint check`: finds the configuration for each letter, checks it, and
/// applies the user's policy, directives and baseline. Rule sets are compiled once per
/// configuration and shared by every letter under it.
public final class CheckSession: @unchecked Sendable {
    public let flags: FlagSettings
    /// `--config FILE`: used for every letter instead of looking for `.letterlint.yml`.
    public let explicitConfig: String?
    /// JIT-compile the patterns a letter needs. JIT compiling costs more than it saves on a
    /// single letter (about 25 ms against 16 ms interpreted for a typical one) and pays for
    /// itself from the second letter on, so a run of one letter (the pre-commit hook on one
    /// draft) turns it off; see ``wantsJIT(for:)``. Set before the first letter is checked.
    public var jit = true

    /// Above this many bytes a single letter is JIT-compiled for too. Measured with
    /// hyperfine on a release build: letters of 1 to 3 KB take the same time either way
    /// (45 to 58 ms); from there, interpreting adds about 7 ms per KB and JIT code about
    /// 3 ms (16 KB: 146 ms against 100 ms; a 1 MB letter: seconds against one).
    public static let interpretedLetterLimit = 4 * 1024

    /// Whether JIT compiling pays for `items`: more than one letter, or one long one.
    public static func wantsJIT(for items: [BatchRunner.Item]) -> Bool {
        guard items.count == 1, let item = items.first else { return items.count > 1 }
        if let bytes = item.bytes { return bytes.count > interpretedLetterLimit }
        var info = stat()
        return stat(item.location, &info) == 0 && Int(info.st_size) > interpretedLetterLimit
    }

    private struct Context {
        let settings: Settings
        let checker: Checker
        let baseline: Baseline?
        let baselineFolder: String?
    }

    private let lock = NSLock()
    private var contexts: [String: Context] = [:]
    private var settingsCache: [String: Settings] = [:]
    private var configPaths: [String: String?] = [:]

    public init(flags: FlagSettings, explicitConfig: String? = nil) {
        self.flags = flags
        self.explicitConfig = explicitConfig
    }

    /// The settings that apply to a letter in `folder` (its nearest `.letterlint.yml`).
    /// Reading them does not build the rule set.
    public func settings(forFolder folder: String) throws(LoadError) -> Settings {
        let path = configPath(forFolder: folder)
        lock.lock()
        if let cached = settingsCache[path ?? ""] { lock.unlock(); return cached }
        lock.unlock()
        let configuration = try path.map { (p: String) throws(LoadError) -> Configuration in try Configuration.load(path: p) }
        let settings = Settings(configuration: configuration, flags: flags)
        lock.lock(); settingsCache[path ?? ""] = settings; lock.unlock()
        return settings
    }

    /// Checks one letter. `path` is shown in reports; `location` is where the file lives
    /// (for finding its configuration and its baseline key); `format` defaults to the one
    /// its extension names.
    public func check(bytes: [UInt8], path: String, location: String, format: InputFormat? = nil) throws(CheckFailure) -> FileReport {
        let context: Context
        do { context = try self.context(forFolder: CheckSession.folder(of: location)) } catch { throw .configuration(error) }
        let format = format ?? InputFormat.of(path: location)
        var report: FileReport
        do { report = try context.checker.check(bytes: bytes, path: path, format: format) } catch { throw .input(error) }
        report = context.settings.policy.apply(report)
        if format == .markdown || format == .html, let source = try? TextDecoding.decode(bytes).text {
            // Comments are invisible in these formats: directives live there. Markdown is
            // checked byte-aligned with its file, so snippets can show the file's own text.
            report = Directives.apply(to: report, sourceText: source)
            if format == .markdown { report = report.replacing(findings: report.findings, displayText: source) }
        }
        if let baseline = context.baseline, let baselineFolder = context.baselineFolder {
            report = baseline.filter(report, as: CheckSession.key(for: location, relativeTo: baselineFolder))
        }
        return report
    }

    /// Loads the configuration and builds the rules for the folder of each location, in
    /// order, and throws the first failure: the failure ``check(bytes:path:location:format:)``
    /// would report as `.configuration` for that letter. A run that streams its report calls
    /// this first, so a broken `.letterlint.yml` stops it before anything is written. The
    /// contexts stay cached, so the checks that follow do not load them again.
    public func prepare(locations: [String]) throws(LoadError) {
        var seen = Set<String>()
        for location in locations {
            let folder = CheckSession.folder(of: location)
            guard seen.insert(folder).inserted else { continue }
            _ = try context(forFolder: folder)
        }
    }

    /// The rules that apply in `folder` (for reports that describe every rule, like SARIF).
    public func ruleSet(forFolder folder: String) throws(LoadError) -> RuleSet {
        try context(forFolder: folder).checker.linter.ruleSet
    }

    /// The key a file has in a baseline stored in `folder`: its path relative to that folder.
    public static func key(for location: String, relativeTo folder: String) -> String {
        guard location != "<stdin>" else { return location }
        let file = URL(fileURLWithPath: location).standardizedFileURL.pathComponents
        let base = URL(fileURLWithPath: folder).standardizedFileURL.pathComponents
        var common = 0
        while common < min(file.count, base.count) && file[common] == base[common] { common += 1 }
        return (Array(repeating: "..", count: base.count - common) + file[common...]).joined(separator: "/")
    }

    /// The folder whose configuration applies to a file (`.` for a bare file name).
    static func folder(of location: String) -> String {
        let folder = (location as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    private func configPath(forFolder folder: String) -> String? {
        if let explicitConfig { return explicitConfig }
        lock.lock(); defer { lock.unlock() }
        if let cached = configPaths[folder] { return cached }
        let found = Configuration.find(from: folder)
        configPaths[folder] = found
        return found
    }

    private func context(forFolder folder: String) throws(LoadError) -> Context {
        let path = configPath(forFolder: folder)
        let key = path ?? ""
        lock.lock()
        if let cached = contexts[key] { lock.unlock(); return cached }
        lock.unlock()
        let settings = try self.settings(forFolder: folder)
        var limits = MatchLimits.default
        limits.match = settings.matchLimit
        let checker = Checker(linter: Linter(ruleSet: try settings.ruleSet(jit: jit), limits: limits), options: settings.lintOptions)
        var baseline: Baseline? = nil
        var baselineFolder: String? = nil
        if let file = settings.baseline.value {
            baseline = try Baseline.load(path: file)
            baselineFolder = (file as NSString).deletingLastPathComponent
        }
        let context = Context(settings: settings, checker: checker, baseline: baseline, baselineFolder: baselineFolder.map { $0.isEmpty ? "." : $0 })
        lock.lock(); contexts[key] = context; lock.unlock()
        return context
    }
}

/// Why a letter could not be checked.
public enum CheckFailure: Error, CustomStringConvertible {
    case input(InputError)
    case configuration(LoadError)

    public var description: String {
        switch self {
        case .input(let e): return e.description
        case .configuration(let e): return "invalid configuration: \(e)"
        }
    }
}
