import Foundation
import LetterLintFixtures
import Testing
@testable import LetterLint
#if canImport(Glibc)
import Glibc
#endif

/// The "Reliability and security" issue at library level: the cases the command line
/// cannot time (a file swapped or deleted between the walk and the read) and the fixes
/// the hostile-input tests exposed. The CLI side is in LetterLintCLITests/Hostile*.swift.
@Suite("Hostile input: library")
struct HostileTests {
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appending(path: "letterlint-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    // MARK: Decoding

    @Test func imagesAreRefusedByTheirSignatureWhateverTheirBodies() throws {
        // A compressed body has about 10.5% control bytes, just over the heuristic's 10%:
        // before signatures, about one JPEG in fifteen was decoded as a letter.
        let signatures: [[UInt8]] = [[0xFF, 0xD8, 0xFF, 0xE0], [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], Array("GIF89a".utf8),
                                     Array("%PDF-1.4".utf8), [0x50, 0x4B, 0x03, 0x04], [0x1F, 0x8B, 0x08], [0, 0, 0, 0x1C] + Array("ftypavif".utf8)]
        var random = SplitMix64(state: 3)
        for signature in signatures {
            for _ in 0..<100 {
                let body = (0..<4_000).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                #expect(throws: TextDecoding.Failure.binary) { try TextDecoding.decode(signature + body) }
            }
        }
        // Words that happen to start like a signature are still letters.
        #expect(try TextDecoding.decode(Array("GIFs of the demo are in the handover folder.\n".utf8)).notes.isEmpty)
        #expect(try TextDecoding.decode(Array("%PDF export of the model card is attached.\n".utf8)).notes.isEmpty)
    }

    @Test func aFewNulBytesAreTextAndManyAreBinary() throws {
        let letter = Array(cleanLetter.utf8)
        var one = letter
        one.insert(0, at: 40)
        #expect(try TextDecoding.decode(one).text.contains("\u{0}"))
        #expect(throws: TextDecoding.Failure.binary) { try TextDecoding.decode(letter + [UInt8](repeating: 0, count: letter.count / 50)) }
    }

    @Test func utf16BigEndianAndSurrogatePairsKeepPositions() throws {
        let text = "Dear Zoë 🙂,\r\n\r\nMy manager took credit for my work.\r\n"
        var big: [UInt8] = [0xFE, 0xFF]
        for unit in text.utf16 { big += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        let decoded = try TextDecoding.decode(big)
        #expect(decoded.text == text)
        #expect(decoded.notes == ["decoded from UTF-16"])
        // An odd trailing byte and a lone surrogate become U+FFFD, not a trap.
        #expect(try TextDecoding.decode(big + [0x41]).text == text)
        #expect(try TextDecoding.decode([0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]).text == "\u{FFFD}A")
    }

    // MARK: Empty letters

    @Test func anEmptyOrBlankLetterIsANoteInEveryFormat() throws {
        let cases: [(InputFormat, [UInt8])] = [
            (.text, []), (.text, Array(" \n\t\r\n".utf8)), (.markdown, Array("\n\n   \n".utf8)),
            (.html, Array("<html><body><p> </p></body></html>".utf8)),
            (.email, Array("From: a@example.com\nSubject: draft\n\n\n".utf8)),
            (.docx, try makeDocx(body: "")),
        ]
        for (format, bytes) in cases {
            let report = try formatReport(bytes, format)
            #expect(report.findings.isEmpty, "\(format): \(report.findings.map(\.ruleID))")
            #expect(report.notes.contains { $0.contains("there is nothing to check") }, "\(format): \(report.notes)")
        }
        // A letter with one word is a letter: its missing parts are reported.
        #expect(!(try formatReport("Hi", .text)).findings.isEmpty)
    }

    // MARK: Reading files

    @Test func aFIFOSwappedInAfterTheWalkIsRefusedWithoutBlocking() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appending(path: "draft.txt").path
        #expect(mkfifo(fifo, 0o644) == 0)
        final class Box: @unchecked Sendable { var error: InputError?; var bytes: [UInt8]? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            do throws(InputError) { box.bytes = try InputFiles.readRegularFile(fifo) } catch { box.error = error }
            done.signal()
        }
        // Nobody writes to it: a blocking open would never return.
        #expect(done.wait(timeout: .now() + 20) == .success, "reading a FIFO blocked")
        #expect(box.bytes == nil)
        #expect(box.error?.message.contains("not a regular file") == true)
    }

    @Test func aFileThatGrewPastTheLimitAfterTheWalkIsNotRead() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appending(path: "draft.txt").path
        try Data(cleanLetter.utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: InputError.self) { try InputFiles.readRegularFile(path, limit: 100) }
        #expect(error?.message.contains("over the --max-file-size limit of 100") == true)
    }

    @Test func aLetterDeletedBetweenTheWalkAndItsTurnIsReportedAndTheOthersChecked() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var items: [BatchRunner.Item] = []
        for name in ["a.txt", "b.txt", "c.txt", "d.txt"] {
            let path = folder.appending(path: name).path
            try Data(cleanLetter.utf8).write(to: URL(fileURLWithPath: path))
            items.append(BatchRunner.Item(path: name, location: path))
        }
        let walked = FolderWalker(options: .init(include: ["*.txt"].compactMap(Glob.init))).walk([folder.path])
        #expect(walked.files.count == 4)
        unlink(items[1].location)
        unlink(items[3].location)
        for jobs in [1, 2] {
            let outcomes = BatchRunner.run(items, session: CheckSession(flags: FlagSettings()), jobs: jobs)
            #expect(outcomes.count == 4)
            for (index, outcome) in outcomes.enumerated() {
                switch outcome {
                case .report(let report):
                    #expect(index % 2 == 0)
                    #expect(report.path == items[index].path)
                case .failed(let failure):
                    #expect(index % 2 == 1)
                    #expect(failure.description == "\(items[index].location): no such file (was it removed during the scan?)")
                }
            }
        }
    }

    @Test func theWalkerSaysWhyANamedPathCannotBeRead() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let loop = folder.appending(path: "loop.txt").path
        try FileManager.default.createSymbolicLink(atPath: loop, withDestinationPath: "loop.txt")
        let walker = FolderWalker(options: .init(include: ["*.txt"].compactMap(Glob.init)))
        #expect(walker.walk([loop]).errors.map(\.message) == ["is a symbolic link loop (or a chain of links too long to follow); not read"])
        #expect(walker.walk([folder.appending(path: "missing.txt").path]).errors.map(\.message) == ["no such file or folder"])
        let long = folder.path + "/" + String(repeating: "x", count: 300) + ".txt"
        #expect(walker.walk([long]).errors.map(\.message) == ["the path is too long"])
    }

    // MARK: Reports

    @Test func controlCharactersFromALetterNeverReachTheTerminal() throws {
        let text = "Dear Priya,\n\nMy manager took credit for my work.\u{1B}[31m\u{0}\u{7}\u{9B}2J\u{7F} Thanks.\n"
        let report = Checker(linter: linter).check(text: text, path: "a.txt")
        #expect(report.findings.contains { $0.ruleID == "grievance.credit-taking" })
        let human = ReportFormat.human.render([report], ruleSet: bundledRules)
        let controls = human.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F..<0xA0).contains($0.value) }
        #expect(controls.isEmpty, "\(controls.map(\.value))")
        #expect(human.contains("my work.\u{241B}[31m\u{2400}\u{2407}\u{FFFD}2J\u{2421} Thanks."))
        // The caret still sits under "took": the stand-ins are one column each.
        let lines = human.components(separatedBy: "\n")
        let shown = try #require(lines.firstIndex { $0.contains("took credit") && $0.contains("\u{241B}") })
        let textColumn = try #require(lines[shown].range(of: "took")).lowerBound
        let caretColumn = try #require(lines[shown + 1].firstIndex(of: "^"))
        #expect(lines[shown].unicodeScalars.distance(from: lines[shown].startIndex, to: textColumn)
                == lines[shown + 1].unicodeScalars.distance(from: lines[shown + 1].startIndex, to: caretColumn))
    }

    // MARK: Runaway rules

    @Test func theTimeBudgetStopsARuleThatStaysUnderTheMatchLimit() throws {
        let lexicon = """
            rules:
              - id: tone.evil-nested
                kind: phrase
                severity: warning
                scope: document
                description: d
                message: m
                reason: r
                patterns: ['(a+)+$']
                examples: {flag: [aaa], pass: ['!']}
            """
        let rules = try RuleSet(specs: try LexiconLoader.parse(lexicon, file: "evil.yml"))
        // 20,000 runs of 17 a's: each attempt is under the match limit, all of them take minutes.
        let text = cleanLetter + String(repeating: String(repeating: "a", count: 17) + "! ", count: 20_000)
        let started = ContinuousClock.now
        let result = Linter(ruleSet: rules).lint(Document(text: text))
        let slowdown = Double(ProcessInfo.processInfo.environment["LETTERLINT_TEST_SLOWDOWN"] ?? "") ?? 1
        #expect(ContinuousClock.now - started < .seconds(20 * slowdown))
        #expect(result.diagnostics.map(\.message) == ["rule tone.evil-nested was stopped because the time limit was exceeded; its findings for this letter are incomplete"])
        // The budget is the rule's alone: the bundled rules on the same letter are not stopped.
        #expect(linter.lint(Document(text: text)).diagnostics.isEmpty)
        // A pattern that matches early is not affected at all.
        #expect(Linter.ruleTimeBudget(forLetterOf: text.utf8.count) >= 50_000_000)
    }

    @Test func slicedSearchesFindTheSameMatchesAsOneSearch() throws {
        // Under a budget the matcher tries start positions 4 KiB at a time; matches that
        // start just before, on and after a slice edge, and multibyte characters across it,
        // are found exactly as before.
        var text = ""
        while text.utf8.count < 20_000 { text += "Zoë took credit for my work — naïve résumé. " }
        let lexicon = """
            rules:
              - id: grievance.mine
                kind: phrase
                severity: warning
                description: d
                message: m
                reason: r
                patterns: ['took\\s+credit', 'ïve\\s+r', '(?<=—\\s)na']
                examples: {flag: [took credit], pass: [fine]}
            """
        let rules = try RuleSet(specs: try LexiconLoader.parse(lexicon, file: "mine.yml"))
        let found = Linter(ruleSet: rules).lint(Document(text: text)).findings.map(\.range)
        let bytes = Array(text.utf8)
        var expected: [Range<Int>] = []
        for needle in ["took credit", "ïve r", "na"] {
            let n = Array(needle.utf8)
            var i = 0
            while i + n.count <= bytes.count {
                if Array(bytes[i..<i + n.count]) == n && (needle != "na" || (i >= 4 && bytes[i - 4..<i] == ArraySlice(Array("— ".utf8)))) {
                    expected.append(i..<i + n.count)
                }
                i += 1
            }
        }
        #expect(found.count == expected.count)
        #expect(Set(found) == Set(expected))
    }
}
