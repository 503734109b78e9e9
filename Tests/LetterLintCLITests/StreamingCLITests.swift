import Foundation
import Testing

/// `check` writes its report while it checks; these are the promises that must survive it.
@Suite("streamed reports from the command line")
struct StreamingCLITests {
    /// The folder's files, hidden ones included, sorted.
    func contents(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test func aReportThatCannotBeFinishedLeavesNoFileBehind() throws {
        let folder = try CLI.temporaryFolder(); defer { try? FileManager.default.removeItem(at: folder) }
        try "the previous report\n".write(to: folder.appending(path: "kept.txt"), atomically: true, encoding: .utf8)
        // A file size limit of 8 blocks makes the report's writes fail halfway (EFBIG, with
        // SIGXFSZ ignored so the process sees the error instead of being killed).
        func limited(_ output: String) throws -> CLI.Output {
            let command = "trap '' XFSZ; ulimit -f 8; exec \"$0\" check --fail-on never --output \(output) \"$1\""
            return try CLI.runProgram("/bin/sh", ["-c", command, CLI.binary.path, CLI.corpus.path], environment: [:], in: folder)
        }
        let fresh = try limited("report.txt")
        #expect(fresh.status == 2, Comment(rawValue: fresh.stderr))
        #expect(fresh.stderr.contains("cannot write the report to report.txt"))
        #expect(fresh.stdout.isEmpty)
        let replaced = try limited("kept.txt")
        #expect(replaced.status == 2)
        // No partial report at the target, no temporary file: the old report is untouched.
        #expect(try contents(folder) == ["kept.txt"])
        #expect(try String(contentsOf: folder.appending(path: "kept.txt"), encoding: .utf8) == "the previous report\n")

        // Without the limit the same run writes the whole report, the same as on stdout.
        let written = try CLI.run(["check", "--fail-on", "never", "--output", "report.txt", CLI.corpus.path], in: folder)
        let printed = try CLI.run(["check", "--fail-on", "never", "--color", "never", CLI.corpus.path], in: folder)
        #expect(written.status == 0)
        #expect(try String(contentsOf: folder.appending(path: "report.txt"), encoding: .utf8) == printed.stdout)
        #expect(try contents(folder) == ["kept.txt", "report.txt"])
    }

    @Test func aBrokenConfigurationAfterTheFirstLettersStillWritesNothing() throws {
        let folder = try CLI.temporaryFolder(); defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appending(path: "z-late"), withIntermediateDirectories: true)
        for name in ["a.txt", "b.txt", "c.txt"] {
            try risky.write(to: folder.appending(path: name), atomically: true, encoding: .utf8)
        }
        try risky.write(to: folder.appending(path: "z-late/d.txt"), atomically: true, encoding: .utf8)
        try "fail_on: warning\n".write(to: folder.appending(path: "z-late/.letterlint.yml"), atomically: true, encoding: .utf8)
        for format in ["human", "json", "sarif"] {
            let out = try CLI.run(["check", "--format", format, "-j", "2", "."], in: folder)
            #expect(out.status == 2)
            #expect(out.stdout.isEmpty, "\(format): nothing is written before the configuration is known to be good")
            #expect(out.stderr.contains("invalid configuration"))
            #expect(out.stderr.contains("unknown key 'fail_on'"))
        }
        let toFile = try CLI.run(["check", "--output", "report.json", "--format", "json", "."], in: folder)
        #expect(toFile.status == 2)
        #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "report.json").path))
    }

    @Test func standardInputAndFilesComeInPathOrderAsBefore() throws {
        let folder = try CLI.temporaryFolder(); defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["b.txt", "A.txt", "=.txt", "z.txt"] {
            try risky.write(to: folder.appending(path: name), atomically: true, encoding: .utf8)
        }
        let out = try CLI.run(["check", "--format", "json", "--fail-on", "never", "z.txt", "-", "b.txt", "=.txt", "A.txt", "b.txt"],
                              stdin: risky, in: folder)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        let paths = (root["files"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        #expect(paths == paths.sorted())
        #expect(Set(paths) == ["<stdin>", "=.txt", "A.txt", "b.txt", "z.txt"])
    }

    @Test func theBaselineIsTheSameForAnyNumberOfJobs() throws {
        let folder = try CLI.temporaryFolder(); defer { try? FileManager.default.removeItem(at: folder) }
        let one = try CLI.run(["check", "--write-baseline", folder.appending(path: "one.json").path, "-j", "1", CLI.corpus.path], in: folder)
        let many = try CLI.run(["check", "--write-baseline", folder.appending(path: "many.json").path, "-j", "8", CLI.corpus.path], in: folder)
        #expect(one.status == 0)
        #expect(many.status == 0)
        #expect(one.stdout.isEmpty)
        let a = try String(contentsOf: folder.appending(path: "one.json"), encoding: .utf8)
        let b = try String(contentsOf: folder.appending(path: "many.json"), encoding: .utf8)
        #expect(a == b)
        #expect(a.contains("\"fingerprint\""))
        #expect(one.stderr.contains("letterlint: recorded "))
    }
}
