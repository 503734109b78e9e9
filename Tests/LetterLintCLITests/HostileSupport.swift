import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program the way the hostile-input and privacy tests need: with a hard time limit
/// (a hang fails the test instead of stalling the suite) and whether it died of a signal.
/// `CLI.run` cannot give either: Foundation's `Process` waits without a limit. (Peak memory
/// is not measured: a child spawned with vfork inherits this process's high-water mark.)
struct Spawned {
    /// The exit status, or 128 + the signal that killed it.
    let status: Int32
    /// The signal that killed the child, if one did (a trap, a segfault, the time limit).
    let signal: Int32?
    let stdout: String
    let stderr: String
    let seconds: Double
    let timedOut: Bool
}

enum Spawn {
    /// Runs `argv` (argv[0] is a path, or a name looked up on PATH) in `directory`, with
    /// `environment` added to this process's (or replacing it, with `inherit: false`),
    /// and kills its whole process group after `timeout` seconds.
    static func run(_ argv: [String], environment: [String: String] = [:], inherit: Bool = true,
                    in directory: URL? = nil, stdin: Data = Data(), timeout: Double = 120) throws -> Spawned {
        let scratch = FileManager.default.temporaryDirectory.appending(path: "letterlint-spawn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inPath = scratch.appending(path: "in").path, outPath = scratch.appending(path: "out").path
        let errPath = scratch.appending(path: "err").path
        try stdin.write(to: URL(fileURLWithPath: inPath))

        guard let program = argv.first.flatMap(resolve) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: argv.first ?? ""])
        }
        var arguments = [program] + argv.dropFirst()
        if let directory {
            // posix_spawn has no portable chdir: let a shell change folder, then exec.
            arguments = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory.path] + arguments
        }
        var env = inherit ? ProcessInfo.processInfo.environment : [:]
        env["NO_COLOR"] = nil
        for (k, v) in environment { env[k] = v }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK))

        let cArguments = arguments.map { strdup($0) } + [nil]
        let cEnvironment = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in cArguments + cEnvironment { free(p) } }
        var pid: pid_t = 0
        let started = Date()
        let rc = posix_spawn(&pid, arguments[0], &actions, &attributes, cArguments, cEnvironment)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EINVAL) }

        var status: Int32 = 0
        var timedOut = false
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { break }
            if r < 0 && errno != EINTR { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ECHILD) }
            if !timedOut && Date().timeIntervalSince(started) > timeout * Hostile.slowdown {
                timedOut = true
                kill(-pid, SIGKILL)
            }
            usleep(2_000)
        }
        let seconds = Date().timeIntervalSince(started)
        let signalled = status & 0x7F
        let read = { (path: String) in String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
        return Spawned(status: signalled == 0 ? (status >> 8) & 0xFF : 128 + signalled,
                       signal: signalled == 0 ? nil : signalled,
                       stdout: read(outPath), stderr: read(errPath), seconds: seconds, timedOut: timedOut)
    }

    /// A program's path: as given when it has a slash, else the first match on PATH.
    static func resolve(_ name: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") + ["/usr/sbin", "/sbin", "/usr/bin", "/bin"] {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// Helpers shared by the hostile-input, regex-safety and privacy suites.
enum Hostile {
    /// How much slower than a plain debug build the code under test runs: `.ci/sanitize`
    /// sets LETTERLINT_TEST_SLOWDOWN for instrumented builds. Time limits are multiplied by it.
    static let slowdown: Double = Double(ProcessInfo.processInfo.environment["LETTERLINT_TEST_SLOWDOWN"] ?? "") ?? 1

    /// LeakSanitizer cannot work under ptrace: runs under strace turn it off (`.ci/sanitize`
    /// turns it on for everything else).
    static var underTracer: [String: String] {
        let current = ProcessInfo.processInfo.environment["ASAN_OPTIONS"]
        return ["ASAN_OPTIONS": (current.map { $0 + ":" } ?? "") + "detect_leaks=0"]
    }

    /// Runs the real letterlint binary.
    static func letterlint(_ arguments: [String], in folder: URL? = nil, stdin: Data = Data(),
                           environment: [String: String] = [:], timeout: Double = 120) throws -> Spawned {
        try Spawn.run([CLI.binary.path] + arguments, environment: environment, in: folder, stdin: stdin, timeout: timeout)
    }

    /// What a crash, a trap or a runaway looks like on stderr.
    static let crashMarkers = ["Fatal error", "fatal error", "Stack dump", "Backtrace", "backtrace", "Program crashed",
                               "Segmentation fault", "Illegal instruction", "SIGSEGV", "SIGILL", "SIGBUS", "SIGABRT",
                               "Current stack trace", "Thread 0 crashed", "AddressSanitizer", "ThreadSanitizer"]

    /// The run ended by itself, with one of the contract's exit statuses and no trace of a
    /// crash on stderr.
    static func expectOrderly(_ run: Spawned, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!run.timedOut, "\(what): still running after \(Int(run.seconds)) s; killed", sourceLocation: sourceLocation)
        #expect(run.signal == nil, "\(what): killed by signal \(run.signal ?? 0)\n\(run.stderr.prefix(2000))", sourceLocation: sourceLocation)
        #expect([0, 1, 2].contains(run.status), "\(what): exit status \(run.status)\n\(run.stderr.prefix(2000))", sourceLocation: sourceLocation)
        for marker in crashMarkers {
            #expect(!run.stderr.contains(marker), "\(what): stderr shows '\(marker)'\n\(run.stderr.prefix(2000))", sourceLocation: sourceLocation)
        }
    }

    /// The JSON report's files as (path, findings).
    static func files(_ json: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [(path: String, findings: [[String: Any]])] {
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
                                "not JSON: \(json.prefix(500))", sourceLocation: sourceLocation)
        return (root["files"] as? [[String: Any]] ?? []).map { ($0["path"] as? String ?? "", $0["findings"] as? [[String: Any]] ?? []) }
    }

    /// (rule, line, column) of every finding of the first file.
    static func positions(_ json: String) throws -> [String] {
        try files(json).first?.findings.map { "\($0["rule"] ?? ""):\($0["line"] ?? 0):\($0["column"] ?? 0)" } ?? []
    }

    /// Runs as root lose the right to read everything: letterlint is run through `setpriv`
    /// without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH, so mode 000 means what it means
    /// for everyone else. Not root: nothing to drop. Fails (not skips) without setpriv.
    static func withoutFileCapabilities(_ argv: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        guard getuid() == 0 else { return argv }
        let setpriv = try #require(Spawn.resolve("setpriv"),
                                   "running as root: setpriv (util-linux) is needed to test unreadable files", sourceLocation: sourceLocation)
        return [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search"] + argv
    }

    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    static func write(_ bytes: [UInt8], to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    /// Every entry below `folder`, relative, hidden ones included.
    static func listing(_ folder: URL) -> [String] {
        (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []).sorted()
    }
}
