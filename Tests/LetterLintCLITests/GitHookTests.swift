import Foundation
import Testing

/// A git repository in a temporary folder, with letterlint's hook driven by real commits.
struct TempRepo {
    let root: URL

    init() throws {
        root = try CLI.temporaryFolder()
        try git("init", "-q", "-b", "main")
        try git("config", "user.email", "writer@example.com")
        try git("config", "user.name", "Writer")
        try git("config", "commit.gpgsign", "false")
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    @discardableResult
    func git(_ args: String..., in folder: URL? = nil, environment: [String: String] = [:]) throws -> CLI.Output {
        try CLI.runProgram("/usr/bin/env", ["git"] + args, environment: ["GIT_CONFIG_NOSYSTEM": "1"].merging(environment) { $1 },
                           in: folder ?? root)
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appending(path: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func read(_ path: String) throws -> String { try String(contentsOf: root.appending(path: path), encoding: .utf8) }

    /// Commits what is staged; the hook decides. Returns the result of `git commit`.
    func commit(_ message: String = "draft", environment: [String: String] = [:]) throws -> CLI.Output {
        try git("commit", "-q", "-m", message, environment: environment)
    }

    var commitCount: Int {
        let out = try? git("rev-list", "--count", "HEAD")
        return Int(out?.stdout.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
    }
}

extension CLI {
    static func runProgram(_ program: String, _ arguments: [String], environment: [String: String], in folder: URL) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        // The hook finds letterlint on PATH too: put the built binary first.
        env["PATH"] = CLI.binary.deletingLastPathComponent().path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        env["NO_COLOR"] = "1"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        process.currentDirectoryURL = folder
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let errData = Thread.detachNewThreadCollecting(err.fileHandleForReading)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData(), as: UTF8.self))
    }
}

extension Thread {
    /// Reads a handle to its end on another thread; call the result to wait for the data.
    static func detachNewThreadCollecting(_ handle: FileHandle) -> () -> Data {
        final class Box: @unchecked Sendable { var data = Data() }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            box.data = handle.readDataToEndOfFile()
            done.signal()
        }
        return { done.wait(); return box.data }
    }
}

let nextEmployer = risky  // names the next employer: an error

@Suite("git pre-commit hook")
struct GitHookTests {
    @Test func aRiskyDraftIsBlockedWithTheFindingAndTheFooterAndACleanOnePasses() throws {
        let repo = try TempRepo(); defer { repo.remove() }
        let install = try CLI.run(["hook", "install"], in: repo.root)
        #expect(install.status == 0, Comment(rawValue: install.stderr))
        try repo.write("letters/draft.txt", nextEmployer)
        try repo.git("add", ".")
        let blocked = try repo.commit()
        #expect(blocked.status != 0)
        // git passes the hook's output on to its own standard error.
        #expect(blocked.stderr.contains("letters/draft.txt:5:1: error:"))
        #expect(blocked.stderr.contains("[competitor.next-employer]"))
        #expect(blocked.stderr.contains("LETTERLINT_SKIP=1"))
        #expect(blocked.stderr.contains("--no-verify"))
        #expect(blocked.stderr.contains("--write-baseline"))
        #expect(repo.commitCount == 0)

        try repo.write("letters/draft.txt", clean)
        try repo.git("add", ".")
        let passed = try repo.commit()
        #expect(passed.status == 0, Comment(rawValue: passed.stdout + passed.stderr))
        #expect(repo.commitCount == 1)
    }

    @Test func theStagedVersionIsJudgedNotTheWorkingCopy() throws {
        let repo = try TempRepo(); defer { repo.remove() }
        try CLI.run(["hook", "install"], in: repo.root)
        // Staged clean, working copy risky: passes.
        try repo.write("draft.md", clean)
        try repo.git("add", "draft.md")
        try repo.write("draft.md", nextEmployer)
        #expect(try repo.commit().status == 0)
        #expect(try repo.read("draft.md") == nextEmployer) // never modified
        // Staged risky, working copy clean: blocked.
        try repo.git("add", "draft.md")
        try repo.write("draft.md", clean)
        #expect(try repo.commit().status != 0)
        #expect(repo.commitCount == 1)
    }

    @Test func skipAndNoVerifyBypassTheHook() throws {
        let repo = try TempRepo(); defer { repo.remove() }
        try CLI.run(["hook", "install"], in: repo.root)
        try repo.write("draft.txt", nextEmployer)
        try repo.git("add", ".")
        #expect(try repo.commit(environment: ["LETTERLINT_SKIP": "1"]).status == 0)
        try repo.write("draft2.txt", nextEmployer)
        try repo.git("add", ".")
        #expect(try repo.git("commit", "-q", "--no-verify", "-m", "x").status == 0)
        #expect(repo.commitCount == 2)
    }

    @Test func renamesSubfoldersAndUnusualNamesAreCheckedWithRootRelativePaths() throws {
        let repo = try TempRepo(); defer { repo.remove() }
        try CLI.run(["hook", "install"], in: repo.root)
        try repo.write("old name.txt", clean)
        try repo.git("add", ".")
        #expect(try repo.commit().status == 0)
        // A rename that also makes the letter risky, staged from a subfolder.
        try FileManager.default.createDirectory(at: repo.root.appending(path: "Zoë drafts"), withIntermediateDirectories: true)
        try repo.git("mv", "old name.txt", "Zoë drafts/new name.txt")
        try repo.write("Zoë drafts/new name.txt", nextEmployer)
        try repo.git("add", "-A")
        let sub = repo.root.appending(path: "Zoë drafts")
        let out = try CLI.run(["check", "--staged"], in: sub)
        #expect(out.status == 1)
        #expect(out.stdout.contains("Zoë drafts/new name.txt:5:1: error:"))
        let commit = try repo.git("commit", "-q", "-m", "rename", in: sub)
        #expect(commit.status != 0)
    }

    @Test func onlyConfiguredFilesAreChecked() throws {
        let repo = try TempRepo(); defer { repo.remove() }
        try repo.write("notes.py", "# I'll be joining Anthropic next month.\n")
        try repo.write(".letterlint.yml", "exclude: ['archive/**']\n")
        try repo.write("archive/old.txt", nextEmployer)
        try repo.git("add", ".")
        let out = try CLI.run(["check", "--staged"], in: repo.root)
        #expect(out.status == 0, Comment(rawValue: out.stdout))
        #expect(out.stdout.contains("No findings in 0 files"))
    }

    @Test func installTwiceChangesNothingAndUninstallRemovesOnlyOurs() throws {
        let repo = try TempRepo(); defer { repo.remove() }
        #expect(try CLI.run(["hook", "install"], in: repo.root).stdout.contains("Installed"))
        let hook = repo.root.appending(path: ".git/hooks/pre-commit")
        let first = try Data(contentsOf: hook)
        #expect(try CLI.run(["hook", "install"], in: repo.root).stdout.contains("already installed"))
        #expect(try Data(contentsOf: hook) == first)
        let mode = try FileManager.default.attributesOfItem(atPath: hook.path)[.posixPermissions] as? Int
        #expect(mode == 0o755)
        #expect(try CLI.run(["hook", "uninstall"], in: repo.root).stdout.contains("Removed"))
        #expect(!FileManager.default.fileExists(atPath: hook.path))
    }

    @Test func aForeignHookIsNeverOverwrittenSilently() throws {
        let repo = try TempRepo(); defer { repo.remove() }
        let hook = repo.root.appending(path: ".git/hooks/pre-commit")
        let foreign = "#!/bin/sh\necho foreign-hook-ran\nexit 0\n"
        try foreign.write(to: hook, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)

        let refused = try CLI.run(["hook", "install"], in: repo.root)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--chain"))
        #expect(try String(contentsOf: hook, encoding: .utf8) == foreign)

        let chained = try CLI.run(["hook", "install", "--chain"], in: repo.root)
        #expect(chained.status == 0)
        #expect(try String(contentsOf: hook.appendingPathExtension("legacy"), encoding: .utf8) == foreign)
        try repo.write("draft.txt", clean)
        try repo.git("add", ".")
        let commit = try repo.commit()
        #expect(commit.status == 0)
        #expect((commit.stdout + commit.stderr).contains("foreign-hook-ran"))

        #expect(try CLI.run(["hook", "uninstall"], in: repo.root).stdout.contains("restored"))
        #expect(try String(contentsOf: hook, encoding: .utf8) == foreign)
        #expect(!FileManager.default.fileExists(atPath: hook.appendingPathExtension("legacy").path))

        #expect(try CLI.run(["hook", "install", "--force"], in: repo.root).stdout.contains("Replaced"))
        #expect(try String(contentsOf: hook, encoding: .utf8).contains("# letterlint pre-commit hook"))
    }

    @Test func coreHooksPathIsHonoured() throws {
        let repo = try TempRepo(); defer { repo.remove() }
        try repo.git("config", "core.hooksPath", "githooks")
        let out = try CLI.run(["hook", "install"], in: repo.root)
        #expect(out.status == 0)
        #expect(FileManager.default.fileExists(atPath: repo.root.appending(path: "githooks/pre-commit").path))
        try repo.write("draft.txt", nextEmployer)
        try repo.git("add", ".")
        #expect(try repo.commit().status != 0)
    }

    @Test func aBaselineKeepsAnOldFindingQuietWhileANewOneStillBlocks() throws {
        let repo = try TempRepo(); defer { repo.remove() }
        try CLI.run(["hook", "install"], in: repo.root)
        try repo.write("draft.txt", nextEmployer)
        try repo.git("add", ".")
        let written = try CLI.run(["check", "--staged", "--write-baseline", ".letterlint-baseline.json"], in: repo.root)
        #expect(written.status == 0)
        let baseline = try repo.read(".letterlint-baseline.json")
        #expect(!baseline.contains("Anthropic"))
        try repo.write(".letterlint.yml", "baseline: .letterlint-baseline.json\n")
        try repo.git("add", ".")
        #expect(try repo.commit().status == 0)

        // Text added above the old finding moves it; it stays quiet. A new problem blocks.
        try repo.write("draft.txt", "Draft, second pass\n\n" + nextEmployer)
        try repo.git("add", ".")
        #expect(try repo.commit().status == 0)
        try repo.write("draft.txt", nextEmployer.replacingOccurrences(of: "Sincerely,", with: "Our key is AKIAFAKEEXAMPLE12345.\n\nSincerely,"))
        try repo.git("add", ".")
        let blocked = try repo.commit()
        #expect(blocked.status != 0)
        #expect(blocked.stderr.contains("disclosure.secret"))
        #expect(!blocked.stderr.contains("competitor.next-employer"))
        #expect(!(blocked.stdout + blocked.stderr).contains("AKIAFAKEEXAMPLE12345"))
    }

    @Test func outsideARepositoryStagedIsAClearError() throws {
        let folder = try CLI.temporaryFolder(); defer { try? FileManager.default.removeItem(at: folder) }
        let out = try CLI.run(["check", "--staged"], environment: ["GIT_CEILING_DIRECTORIES": folder.deletingLastPathComponent().path], in: folder)
        #expect(out.status == 2)
        #expect(out.stderr.contains("not a git repository"))
    }
}

@Suite("configuration from the command line")
struct ConfigCLITests {
    @Test func aConfigurationTypoIsFileLineAndExitTwo() throws {
        let folder = try CLI.temporaryFolder(); defer { try? FileManager.default.removeItem(at: folder) }
        try "industry: finance\nfail_on: warning\n".write(to: folder.appending(path: ".letterlint.yml"), atomically: true, encoding: .utf8)
        try clean.write(to: folder.appending(path: "a.txt"), atomically: true, encoding: .utf8)
        let out = try CLI.run(["check", "a.txt"], in: folder)
        #expect(out.status == 2)
        #expect(out.stderr.contains(".letterlint.yml:2: unknown key 'fail_on'"))
        #expect(out.stderr.contains("did you mean 'fail-on'"))
    }

    @Test func emptyNamesAreExitTwoWithAMessageNotACrash() throws {
        let folder = try CLI.temporaryFolder(); defer { try? FileManager.default.removeItem(at: folder) }
        try clean.write(to: folder.appending(path: "a.txt"), atomically: true, encoding: .utf8)
        for (arguments, message) in [(["--employer", " "], "--employer needs a name"), (["--lexicons", ""], "--lexicons needs a path")] {
            let out = try CLI.run(["check"] + arguments + ["a.txt"], in: folder)
            #expect(out.status == 2)
            #expect(out.stderr.contains(message))
        }
        try "severity:\n  '': error\n".write(to: folder.appending(path: ".letterlint.yml"), atomically: true, encoding: .utf8)
        let severity = try CLI.run(["check", "a.txt"], in: folder)
        #expect(severity.status == 2)
        #expect(severity.stderr.contains(".letterlint.yml:2: '' is neither a category nor a rule id"))
        #expect(!severity.stderr.contains("Fatal error"))
    }

    @Test func initWritesAStarterThatLoadsAndConfigShowsOrigins() throws {
        let folder = try CLI.temporaryFolder(); defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try CLI.run(["init"], in: folder).status == 0)
        #expect(try CLI.run(["init"], in: folder).status == 2)
        #expect(try CLI.run(["config"], in: folder).status == 0)
        try "employer: Northwind Analytics\nfail-on: warning\n".write(to: folder.appending(path: ".letterlint.yml"), atomically: true, encoding: .utf8)
        let shown = try CLI.run(["config", "--industry", "retail"], in: folder)
        #expect(shown.stdout.contains("employer      [Northwind Analytics]"))
        #expect(shown.stdout.contains(".letterlint.yml:1)"))
        #expect(shown.stdout.contains("industry      retail  (--industry)"))
        #expect(shown.stdout.contains("fail-on       warning"))
    }

    @Test func theNearestConfigurationAppliesToEachFile() throws {
        let folder = try CLI.temporaryFolder(); defer { try? FileManager.default.removeItem(at: folder) }
        let warned = clean.replacingOccurrences(of: "Thank you for the chance", with: "My manager took credit for my work. Thank you for the chance")
        try FileManager.default.createDirectory(at: folder.appending(path: "strict"), withIntermediateDirectories: true)
        try "severity:\n  grievance: error\n".write(to: folder.appending(path: "strict/.letterlint.yml"), atomically: true, encoding: .utf8)
        try warned.write(to: folder.appending(path: "strict/a.txt"), atomically: true, encoding: .utf8)
        try warned.write(to: folder.appending(path: "b.txt"), atomically: true, encoding: .utf8)
        let out = try CLI.run(["check", "--format", "json", "strict/a.txt", "b.txt"], in: folder)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        let files = try #require(root["files"] as? [[String: Any]])
        let severities = files.map { (($0["findings"] as? [[String: Any]])?.first?["severity"] as? String) ?? "" }
        #expect(severities == ["warning", "error"])
        #expect(out.status == 1)
    }

    @Test func markdownDirectivesSuppressWithoutTouchingTheLetter() throws {
        let folder = try CLI.temporaryFolder(); defer { try? FileManager.default.removeItem(at: folder) }
        let text = clean.replacingOccurrences(of: "Thank you for the chance", with: "<!-- letterlint-disable-next-line competitor -->\nI'll be joining Anthropic next month.\n\nThank you for the chance")
        try text.write(to: folder.appending(path: "a.md"), atomically: true, encoding: .utf8)
        try text.write(to: folder.appending(path: "a.txt"), atomically: true, encoding: .utf8)
        #expect(try CLI.run(["check", "a.md"], in: folder).status == 0)
        #expect(try CLI.run(["check", "a.txt"], in: folder).status == 1) // no directives in plain text
    }
}

@Suite("pre-commit framework", .serialized)
struct PreCommitFrameworkTests {
    @Test func tryRepoWithTheSwiftHookBlocksARiskyDraft() throws {
        let which = try CLI.runProgram("/usr/bin/env", ["sh", "-c", "command -v pre-commit"], environment: [:], in: URL(fileURLWithPath: "/"))
        try #require(which.status == 0, "pre-commit is not installed: run `bash .ci/setup` (it installs it with pip)")
        let repo = try TempRepo(); defer { repo.remove() }
        try repo.write("draft.txt", nextEmployer)
        try repo.git("add", ".")
        let packageRoot = CLI.corpus.deletingLastPathComponent()
        let out = try CLI.runProgram("/usr/bin/env", ["pre-commit", "try-repo", packageRoot.path, "letterlint", "--files", "draft.txt"],
                                     environment: ["PRE_COMMIT_HOME": repo.root.appending(path: ".pre-commit-cache").path], in: repo.root)
        #expect(out.status != 0, Comment(rawValue: out.stdout + out.stderr))
        #expect(out.stdout.contains("competitor.next-employer"), Comment(rawValue: out.stdout + out.stderr))
    }
}
