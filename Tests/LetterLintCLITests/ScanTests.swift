import Foundation
import Testing

/// A fixture folder with the awkward things real folders hold.
struct ScanFixture {
    let root: URL

    init() throws {
        root = try CLI.temporaryFolder()
        let fm = FileManager.default
        func write(_ path: String, _ text: String) throws {
            let url = root.appending(path: path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try write("a/clean.txt", clean)
        try write("a/b/c/risky.md", risky)
        try write("ignored-by-git/risky.txt", risky)
        try write(".gitignore", "ignored-by-git/\n")
        try write("private/.letterlintignore", "*.txt\n!keep.txt\n")
        try write("private/skip.txt", risky)
        try write("private/keep.txt", risky)
        try write("notes.py", "# I'll be joining Anthropic\n")
        try Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0, 1, 2, 3, 0, 0, 0]).write(to: root.appending(path: "a/photo.txt"))
        try write("big.txt", clean + String(repeating: "x", count: 4000))
        guard mkfifo(root.appending(path: "a/pipe.txt").path, 0o644) == 0 else { throw CocoaError(.fileWriteUnknown) }
        try fm.createSymbolicLink(atPath: root.appending(path: "a/loop").path, withDestinationPath: "..")
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

@Suite("scanning folders")
struct ScanTests {
    func files(_ out: CLI.Output) throws -> [String] {
        let root = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        return (root["files"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
    }

    @Test func ignoresFIFOsLinksBinariesAndIgnoredFilesAndSkipsLargeOnes() throws {
        let fixture = try ScanFixture(); defer { fixture.remove() }
        let out = try CLI.run(["check", "--format", "json", "--max-file-size", "2000", "."], in: fixture.root)
        #expect(try files(out) == ["./a/b/c/risky.md", "./a/clean.txt", "./private/keep.txt"])
        #expect(out.stderr.contains("photo.txt: looks like a binary file"))
        #expect(out.stderr.contains("big.txt: skipped"))
        #expect(!out.stderr.contains("pipe.txt"))
        #expect(out.status == 2) // the binary file could not be checked
    }

    @Test func followingSymlinksNeverLoops() throws {
        let fixture = try ScanFixture(); defer { fixture.remove() }
        let out = try CLI.run(["check", "--format", "json", "--follow-symlinks", "a"], in: fixture.root)
        let found = try files(out)
        #expect(found.contains("a/clean.txt"))
        #expect(Set(found).count == found.count)
    }

    @Test func aFIFOGivenByNameIsRefusedNotOpened() throws {
        let fixture = try ScanFixture(); defer { fixture.remove() }
        let out = try CLI.run(["check", "a/pipe.txt"], in: fixture.root)
        #expect(out.status == 2)
        #expect(out.stderr.contains("not a regular file"))
    }

    @Test func anUnreadableFileIsReportedAndTheRestIsChecked() throws {
        guard getuid() != 0 else {
            // Root reads everything; check the same path through a file that vanishes instead.
            let fixture = try ScanFixture(); defer { fixture.remove() }
            let out = try CLI.run(["check", "a/clean.txt", "a/missing.txt"], in: fixture.root)
            #expect(out.status == 2)
            #expect(out.stderr.contains("a/missing.txt: no such file or folder"))
            #expect(out.stdout.contains("No findings in 1 file"))
            return
        }
        let fixture = try ScanFixture(); defer { fixture.remove() }
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: fixture.root.appending(path: "a/clean.txt").path)
        let out = try CLI.run(["check", "--format", "json", "a"], in: fixture.root)
        #expect(out.status == 2)
        #expect(out.stderr.contains("a/clean.txt: permission denied"))
        #expect(try files(out) == ["a/b/c/risky.md"])
    }

    @Test func oneWorkerAndManyGiveTheSameBytes() throws {
        let corpus = CLI.corpus.path
        let one = try CLI.run(["check", "--format", "json", "--fail-on", "never", "-j", "1", corpus])
        let many = try CLI.run(["check", "--format", "json", "--fail-on", "never", "-j", "8", corpus])
        #expect(one.status == 0)
        #expect(one.stdout == many.stdout)
        #expect(try files(one).count >= 60)
    }

    @Test func scanGivesTheSameFindingsAsCheckingEachFile() throws {
        let corpus = CLI.corpus.appending(path: "retail").path
        let scan = try CLI.run(["scan", "--format", "json", "--fail-on", "never", corpus])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(scan.stdout.utf8)) as? [String: Any])
        for file in root["files"] as? [[String: Any]] ?? [] {
            let path = try #require(file["path"] as? String)
            let single = try CLI.run(["check", "--format", "json", "--fail-on", "never", path])
            let one = try #require(try JSONSerialization.jsonObject(with: Data(single.stdout.utf8)) as? [String: Any])
            let findings = (one["files"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]] ?? []
            #expect((file["findings"] as? [[String: Any]] ?? []).count == findings.count, "\(path)")
        }
        #expect(!scan.stderr.contains("files/s")) // no progress bar when stderr is not a terminal
    }
}
