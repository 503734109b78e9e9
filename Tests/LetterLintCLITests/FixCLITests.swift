import Foundation
import Testing

/// The letters these tests fix: their own, with a last day that gives two weeks and a
/// half of notice from the tests' "today" (2026-03-02), so no notice finding gets in.
let fixClean = """
    Dear Priya,

    I am writing to resign from my position as Machine Learning Engineer at Northwind Analytics. \
    My last working day will be Friday, 20 March 2026.

    Thank you for the chance to build the fraud detection model with this team.

    Before I leave, I will document the feature pipeline and brief Sam on the retraining jobs.

    Sincerely,
    Alex Kim

    """

let fixRisky = fixClean.replacingOccurrences(of: "Thank you for the chance", with: "I'll be joining Anthropic next month. Thank you for the chance")

/// `letterlint fix` and `letterlint checklist`, run as a user runs them.
@Suite("letterlint fix")
struct FixCLITests {
    static let today = ["--today", "2026-03-02"]

    static func write(_ text: String, _ name: String, in folder: URL, mode: Int = 0o644) throws -> URL {
        let url = folder.appending(path: name)
        try Data(text.utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
        return url
    }

    static func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    static func attributes(_ url: URL) throws -> [FileAttributeKey: Any] { try FileManager.default.attributesOfItem(atPath: url.path) }

    @Test func theDefaultIsADiffAndTheFileIsLeftAlone() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = try Self.write(fixRisky, "draft.txt", in: folder)
        let out = try CLI.run(["fix"] + Self.today + ["draft.txt"], in: folder)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.hasPrefix("--- draft.txt\n+++ draft.txt\n@@ "))
        #expect(out.stdout.contains("\n-I'll be joining Anthropic next month. Thank you for the chance"))
        #expect(out.stdout.contains("\n+I have accepted a new opportunity. Thank you for the chance"))
        #expect(out.stderr.contains("draft.txt: 1 fix suggested (competitor.next-employer)"))
        #expect(out.stderr.contains("draft.txt:5:17: note: skipped the fix for competitor.ai-lab: it overlaps the fix for competitor.next-employer at 5:1"))
        #expect(try Self.read(url) == fixRisky)
    }

    @Test func writeAppliesOnceKeepsTheModeAndLeavesNothingForCheck() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let both = fixRisky.replacingOccurrences(of: "Thank you for the chance", with: "My manager took credit for my work. Thank you for the chance")
        let url = try Self.write(both, "draft.md", in: folder, mode: 0o640)
        let first = try CLI.run(["fix", "--write"] + Self.today + ["draft.md"], in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.isEmpty)
        #expect(first.stderr.contains("draft.md: 2 fixes applied (competitor.next-employer, grievance.credit-taking)"))
        let fixed = try Self.read(url)
        #expect(!fixed.contains("Anthropic") && !fixed.contains("took credit"))
        #expect(try Self.attributes(url)[.posixPermissions] as? Int == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["draft.md"])

        // A second run changes nothing and does not touch the file.
        let before = try Self.attributes(url)
        let second = try CLI.run(["fix", "--write"] + Self.today + ["draft.md"], in: folder)
        #expect(second.status == 0)
        #expect(second.stderr.contains("draft.md: nothing to fix"))
        #expect(try Self.read(url) == fixed)
        #expect(try Self.attributes(url)[.systemFileNumber] as? Int == before[.systemFileNumber] as? Int)

        // check offers no fix any more.
        let check = try CLI.run(["check", "--format", "json", "--fail-on", "never"] + Self.today + ["draft.md"], in: folder)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
        let findings = try #require((root["files"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]])
        #expect(findings.allSatisfy { ($0["suggestions"] as? [Any])?.isEmpty == true }, "\(check.stdout)")
    }

    @Test func standardInputGivesTheFixedLetterOnStandardOutput() throws {
        let out = try CLI.run(["fix"] + Self.today, stdin: fixRisky)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout == fixRisky.replacingOccurrences(of: "I'll be joining Anthropic next month.", with: "I have accepted a new opportunity."))
        #expect(out.stderr.contains("<stdin>: 1 fix applied"))
        let again = try CLI.run(["fix", "-"] + Self.today, stdin: out.stdout)
        #expect(again.stdout == out.stdout)
        #expect(again.stderr.contains("<stdin>: nothing to fix"))
    }

    @Test func onlyLimitsTheCategories() throws {
        let both = fixRisky.replacingOccurrences(of: "Thank you for the chance", with: "My manager took credit for my work. Thank you for the chance")
        let out = try CLI.run(["fix", "--only", "grievance,tone"] + Self.today, stdin: both)
        #expect(out.stdout.contains("I'll be joining Anthropic"))
        #expect(!out.stdout.contains("took credit"))
        #expect(out.status == 1, "the next employer is still named, an error")
        let bad = try CLI.run(["fix", "--only", "grievance,feelings"], stdin: both)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--only"))
        #expect(bad.stdout.isEmpty)
    }

    @Test func placeholdersLeftForTheWriterMakeTheStatusOne() throws {
        let unsigned = fixClean.replacingOccurrences(of: "Dear Priya,\n\n", with: "")
        let out = try CLI.run(["fix"] + Self.today, stdin: unsigned)
        #expect(out.status == 1)
        #expect(out.stdout.hasPrefix("Dear [Manager's name],\n\nI am writing to resign"))
        #expect(out.stderr.contains("need your own words") || out.stderr.contains("needs your own words"))
        #expect(try CLI.run(["fix", "--fail-on", "never"] + Self.today, stdin: unsigned).status == 0)
    }

    @Test func secretsAreNeverPrinted() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = "AKIAFAKE7Q2M4X9TN3LB"
        let password = "NotARealPass-26"
        let letter = fixClean.replacingOccurrences(
            of: "Thank you for the chance",
            with: "The sync uses the access key \(key), and the database is at postgres://recs:\(password)@10.0.0.7:5432/recs for the backfill. Thank you for the chance")
        let url = try Self.write(letter, "draft.txt", in: folder)
        let diff = try CLI.run(["fix"] + Self.today + ["draft.txt"], in: folder)
        let piped = try CLI.run(["fix"] + Self.today, stdin: letter)
        let written = try CLI.run(["fix", "--write"] + Self.today + ["draft.txt"], in: folder)
        for out in [diff, piped, written] {
            #expect(!out.stdout.contains(key) && !out.stderr.contains(key))
            #expect(!out.stdout.contains(password) && !out.stderr.contains(password))
        }
        #expect(diff.stdout.contains("-The sync uses the access key AKI…N3LB"))
        #expect(written.status == 0, "\(written.stderr)")
        #expect(!(try Self.read(url)).contains(key))
    }

    @Test func aFolderIsFixedLetterByLetter() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = try Self.write(fixRisky, "a.txt", in: folder)
        let b = try Self.write(fixClean, "b.md", in: folder)
        let out = try CLI.run(["fix", "--write"] + Self.today + ["."], in: folder)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(!(try Self.read(a)).contains("Anthropic"))
        #expect(try Self.read(b) == fixClean)
        #expect(out.stderr.contains("b.md: nothing to fix"))
    }

    @Test func markdownIsReadAsCheckReadsItAndEditedInPlace() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let letter = "# Resignation\n\n" + fixClean.replacingOccurrences(of: "Thank you for the chance", with: "My manager **took credit** for my work. Thank you for the *chance*")
        let url = try Self.write(letter, "draft.md", in: folder)
        let out = try CLI.run(["fix", "--write"] + Self.today + ["draft.md"], in: folder)
        #expect(out.status == 0, "\(out.stderr)")
        let fixed = try Self.read(url)
        #expect(fixed.hasPrefix("# Resignation\n\nDear Priya,"))
        // The paragraph names the project already, so the line of thanks does not repeat it.
        #expect(fixed.contains("I am proud of the work I did here and grateful to the people I did it with. Thank you for the *chance* to build"))
        let check = try CLI.run(["check", "--format", "json", "--fail-on", "never"] + Self.today + ["draft.md"], in: folder)
        #expect(!check.stdout.contains("\"replacement\""), "\(check.stdout)")
    }

    @Test func extractedFormatsAreNotRewritten() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = "<html><body><p>Dear Priya,</p><p>I quit!!!</p></body></html>\n"
        let url = try Self.write(html, "letter.html", in: folder)
        let out = try CLI.run(["fix", "--write", "letter.html"], in: folder)
        #expect(out.status == 2)
        #expect(out.stderr.contains("fix edits plain-text and Markdown letters"))
        #expect(try Self.read(url) == html)
        // In a folder, such a letter is passed over with a note and the others are fixed.
        let draft = try Self.write(fixRisky, "draft.txt", in: folder)
        let folderRun = try CLI.run(["fix", "--write"] + Self.today + ["."], in: folder)
        #expect(folderRun.status == 0, "\(folderRun.stderr)")
        #expect(folderRun.stderr.contains("passed over ./letter.html") || folderRun.stderr.contains("passed over letter.html"), "\(folderRun.stderr)")
        #expect(!(try Self.read(draft)).contains("Anthropic"))
        #expect(try Self.read(url) == html)
    }

    @Test func unreadableOrUnsafeLettersAreExitTwoAndUntouched() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = try CLI.run(["fix", "nowhere.txt"], in: folder)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nowhere.txt: no such file or folder"))
        // Invalid UTF-8 would lose bytes on the way back: refused, the file as it was.
        let broken = Data(fixRisky.utf8) + Data([0xC3, 0x28]) + Data("!!!\n".utf8)
        let url = folder.appending(path: "broken.txt")
        try broken.write(to: url)
        let out = try CLI.run(["fix", "--write"] + Self.today + ["broken.txt"], in: folder)
        #expect(out.status == 2)
        #expect(out.stderr.contains("not valid UTF-8"))
        #expect(try Data(contentsOf: url) == broken)
    }
}

@Suite("letterlint checklist")
struct ChecklistCLITests {
    @Test func textAndMarkdownForEachIndustry() throws {
        let tech = try CLI.run(["checklist", "--industry", "tech"])
        #expect(tech.status == 0)
        #expect(tech.stdout.hasPrefix("Before you leave: handover checklist (tech)\n"))
        #expect(tech.stdout.contains("[ ] Write a model card for each model you own"))
        #expect(tech.stdout.contains("GPU clusters"))
        #expect(tech.stdout.contains("alert thresholds"))
        let retail = try CLI.run(["checklist", "--industry", "retail", "--format", "markdown"])
        #expect(retail.status == 0)
        #expect(retail.stdout.hasPrefix("# Before you leave: handover checklist (retail)\n"))
        #expect(retail.stdout.contains("\n- [ ] Document the forecasting inputs, the seasonality adjustments and the retraining cadence.\n"))
        #expect(!retail.stdout.contains("model risk documentation"))
    }

    @Test func theIndustryIsRequiredAndChecked() throws {
        let none = try CLI.run(["checklist"])
        #expect(none.status == 2)
        #expect(none.stderr.contains("--industry"))
        let wrong = try CLI.run(["checklist", "--industry", "mining"])
        #expect(wrong.status == 2)
        #expect(wrong.stdout.isEmpty)
    }
}
