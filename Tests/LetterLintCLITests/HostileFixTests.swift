import Foundation
import Testing

/// The "Reliability and security" issue, part 3: `fix --write` loses no data. Run through
/// strace, which shows the system calls and can fail or pause one, so the worst moments
/// (a full disk, a letter edited while it is being fixed) happen on every run. FixFileTests
/// covers the same promises in the library; these watch the real command.
@Suite("hostile conditions for fix --write")
struct HostileFixTests {
    static let today = ["--today", "2026-03-02"]

    struct Setup {
        let folder: URL
        let letter: URL
        let original: Data
        let strace: String

        init() throws {
            strace = try #require(Spawn.resolve("strace"), "strace is needed to test fix --write at its worst moments (apt-get install strace)")
            folder = try CLI.temporaryFolder()
            letter = folder.appending(path: "drafts/draft.txt")
            try Hostile.write(fixRisky, to: letter)
            try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: letter.path)
            original = try Data(contentsOf: letter)
        }

        func remove() {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.appending(path: "drafts").path)
            try? FileManager.default.removeItem(at: folder)
        }

        /// `fix --write drafts/draft.txt` under strace with these options; the trace's lines.
        func fix(_ straceOptions: [String], wrap: ([String]) throws -> [String] = { $0 }) throws -> (run: Spawned, trace: [String]) {
            let log = folder.appending(path: "trace.log")
            let argv = try wrap([strace, "-f", "-qq", "-o", log.path] + straceOptions
                                + [CLI.binary.path, "fix", "--write"] + HostileFixTests.today + ["drafts/draft.txt"])
            let run = try Spawn.run(argv, environment: Hostile.underTracer, in: folder, timeout: 120)
            Hostile.expectOrderly(run, "fix --write under strace \(straceOptions)")
            let trace = ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
            try? FileManager.default.removeItem(at: log)
            return (run, trace)
        }

        var draftsListing: [String] { Hostile.listing(folder.appending(path: "drafts")) }
    }

    @Test func theFixIsWrittenToATemporaryFileBesideTheLetterAndRenamedOverIt() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let (run, trace) = try setup.fix(["-e", "trace=open,openat,creat,rename,renameat,renameat2,unlink,unlinkat,fsync,fchmod"])
        #expect(run.status == 0, "\(run.stderr)")
        let created = trace.filter { $0.contains("O_CREAT") }
        #expect(created.count == 1, "\(created)")
        let temporary = try #require(created.first.flatMap { line in
            line.range(of: #""[^"]*/drafts/\.draft\.txt\.letterlint-[A-Za-z0-9]{6}""#, options: .regularExpression).map { String(line[$0].dropFirst().dropLast()) }
        }, "the temporary file is not beside the letter: \(created)")
        let renames = trace.filter { $0.contains("rename") }
        #expect(renames.count == 1 && renames[0].contains(temporary) && renames[0].contains("/drafts/draft.txt\"") && renames[0].hasSuffix("= 0"),
                "\(renames)")
        #expect(trace.contains { $0.contains("fsync(") }, "the temporary file is not flushed before the rename")
        let fixed = try Data(contentsOf: setup.letter)
        #expect(fixed != setup.original)
        #expect(!String(decoding: fixed, as: UTF8.self).contains("Anthropic"))
        #expect(try FileManager.default.attributesOfItem(atPath: setup.letter.path)[.posixPermissions] as? Int == 0o640)
        #expect(setup.draftsListing == ["draft.txt"])
    }

    @Test func aLetterEditedWhileItIsBeingFixedIsNotOverwritten() throws {
        let setup = try Setup()
        defer { setup.remove() }
        // The first fsync (of the finished temporary file) is held for three seconds; the
        // writer saves the letter in that window.
        let edited = Data((fixRisky + "\nP.S. Edited in my editor meanwhile.\n").utf8)
        let drafts = setup.folder.appending(path: "drafts")
        let editor = Thread {
            let deadline = Date().addingTimeInterval(60 * Hostile.slowdown)
            while Date() < deadline {
                if Hostile.listing(drafts).contains(where: { $0.hasPrefix(".draft.txt.letterlint-") }) {
                    try? edited.write(to: setup.letter)
                    return
                }
                usleep(5_000)
            }
        }
        editor.start()
        let (run, _) = try setup.fix(["-e", "trace=fsync", "-e", "inject=fsync:delay_enter=3000000:when=1"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("drafts/draft.txt: not overwritten: the file changed since letterlint read it"), "\(run.stderr)")
        #expect(try Data(contentsOf: setup.letter) == edited)
        #expect(setup.draftsListing == ["draft.txt"], "a temporary file was left behind")
    }

    @Test func aFailedWriteLeavesTheLetterByteIdenticalAndNoTemporaryFile() throws {
        // A full disk, a failing flush, a failing rename: each leaves the letter as it was.
        let failures: [(options: [String], message: String)] = [
            (["-e", "trace=write", "-e", "inject=write:error=ENOSPC:when=1"], "cannot write the temporary file: No space left on device"),
            (["-e", "trace=fsync", "-e", "inject=fsync:error=EIO:when=1"], "cannot flush the temporary file to disk"),
            (["-e", "trace=rename,renameat,renameat2", "-e", "inject=rename,renameat,renameat2:error=EIO"], "cannot replace the letter"),
        ]
        for failure in failures {
            let setup = try Setup()
            defer { setup.remove() }
            let (run, _) = try setup.fix(failure.options)
            #expect(run.status == 2, "\(failure.options): \(run.stderr)")
            #expect(run.stderr.contains("the letter is unchanged") || failure.message.isEmpty, "\(run.stderr)")
            if !failure.message.isEmpty { #expect(run.stderr.contains(failure.message), "\(run.stderr)") }
            #expect(try Data(contentsOf: setup.letter) == setup.original, "\(failure.options)")
            #expect(setup.draftsListing == ["draft.txt"], "\(failure.options): \(setup.draftsListing)")
        }
    }

    @Test func aReadOnlyFolderLeavesTheLetterByteIdenticalAndNoTemporaryFile() throws {
        let setup = try Setup()
        defer { setup.remove() }
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: setup.folder.appending(path: "drafts").path)
        let (run, _) = try setup.fix(["-e", "trace=none"], wrap: { try Hostile.withoutFileCapabilities($0) })
        #expect(run.status == 2)
        #expect(run.stderr.contains("drafts/draft.txt: cannot create a temporary file beside it: Permission denied; the letter is unchanged"),
                "\(run.stderr)")
        #expect(try Data(contentsOf: setup.letter) == setup.original)
        #expect(setup.draftsListing == ["draft.txt"])
    }
}
