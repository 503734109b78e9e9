import Foundation
import LetterLintFixtures
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The "Reliability and security" issue, part 1: hostile input, each case run through the
/// real binary with a hard time limit. None may crash, hang or print a stack trace; each
/// ends in a clear message and one of the contract's exit statuses. (The folder walker's
/// everyday cases, a FIFO by name, `a/loop -> ..` and ignore files, are in ScanTests; the
/// readers' byte-level hostile cases are in FormatDocxTests and FormatEmailTests.)
@Suite("hostile input")
struct HostileInputTests {
    let folder: URL
    init() throws { folder = try CLI.temporaryFolder() }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    func run(_ arguments: [String], stdin: Data = Data(), timeout: Double = 120,
             sourceLocation: SourceLocation = #_sourceLocation) throws -> Spawned {
        let out = try Hostile.letterlint(arguments, in: folder, stdin: stdin, timeout: timeout)
        Hostile.expectOrderly(out, arguments.joined(separator: " "), sourceLocation: sourceLocation)
        return out
    }

    // MARK: Empty, blank, binary

    @Test func anEmptyOrBlankLetterGetsANoteInsteadOfMissingPartFindings() throws {
        defer { remove() }
        try Hostile.write("", to: folder.appending(path: "empty.txt"))
        try Hostile.write("  \n\t\n\r\n   ", to: folder.appending(path: "blank.md"))
        let out = try run(["check", "empty.txt", "blank.md"])
        #expect(out.status == 0, "\(out.stdout)")
        #expect(out.stdout.contains("empty.txt: note: the letter is empty; there is nothing to check"))
        #expect(out.stdout.contains("blank.md: note: the letter holds only white space; there is nothing to check"))
        let json = try run(["check", "--format", "json", "empty.txt", "blank.md"])
        let files = try Hostile.files(json.stdout)
        #expect(files.map(\.path) == ["blank.md", "empty.txt"])
        #expect(files.allSatisfy { $0.findings.isEmpty })
        let stdin = try run(["check", "-"])
        #expect(stdin.status == 0)
        #expect(stdin.stdout.contains("<stdin>: note: the letter is empty"))
    }

    @Test func imagesAndOtherBinaryFilesAreRefusedWhateverTheirBodies() throws {
        defer { remove() }
        // Compressed bodies are near-random; before the signatures were checked about one
        // JPEG in fifteen passed the control-byte heuristic and was linted as text.
        let signatures: [(String, [UInt8])] = [
            ("jpeg", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8)), ("png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
            ("gif", Array("GIF89a".utf8)), ("webp", Array("RIFF".utf8) + [0x24, 0x70, 0, 0] + Array("WEBPVP8 ".utf8)),
            ("pdf", Array("%PDF-1.7\n".utf8)), ("gzip", [0x1F, 0x8B, 0x08, 0x00]), ("heic", [0, 0, 0, 0x18] + Array("ftypheic".utf8)),
        ]
        var random = SplitMix64(state: 11)
        var names: [String] = []
        for (kind, signature) in signatures {
            for n in 0..<3 {
                let name = "photo-\(kind)-\(n).txt"
                // High bytes only: a body with no control bytes at all, the hardest case.
                try Hostile.write(signature + random.bytes(30_000).map { $0 | 0x80 }, to: folder.appending(path: name))
                names.append(name)
            }
        }
        try Hostile.write(risky, to: folder.appending(path: "draft.txt"))
        let out = try run(["check", "draft.txt"] + names)
        #expect(out.status == 2)
        for name in names {
            #expect(out.stderr.contains("\(name): looks like a binary file, not a letter; skipped"), "\(name)")
        }
        #expect(out.stdout.contains("draft.txt:5:1: error"))
    }

    @Test func nulBytesInALetterAreCheckedAndShownAsSymbolsAndManyNulsMeanBinary() throws {
        defer { remove() }
        let withNul = risky.replacingOccurrences(of: "next month. ", with: "next month.\u{0} ")
        try Hostile.write(withNul, to: folder.appending(path: "nul.txt"))
        try Hostile.write(risky, to: folder.appending(path: "plain.txt"))
        let human = try run(["check", "nul.txt"])
        #expect(human.status == 1)
        #expect(human.stdout.contains("nul.txt:5:1: error"))
        #expect(!human.stdout.contains("\u{0}"), "a NUL from the letter reached the terminal")
        #expect(human.stdout.contains("next month.\u{2400} Thank you"))
        let nul = try Hostile.positions(try run(["check", "--format", "json", "nul.txt"]).stdout)
        let plain = try Hostile.positions(try run(["check", "--format", "json", "plain.txt"]).stdout)
        #expect(nul == plain)

        try Hostile.write([UInt8]("Dear Priya,\n".utf8) + [UInt8](repeating: 0, count: 40) + [UInt8]("I resign.\n".utf8),
                          to: folder.appending(path: "nuls.txt"))
        let refused = try run(["check", "nuls.txt"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("nuls.txt: looks like a binary file, not a letter; skipped"))
    }

    @Test func escapeSequencesInALetterNeverReachTheTerminal() throws {
        defer { remove() }
        // A letter (or a folder someone sent) could recolour, retitle or rewrite the
        // terminal of whoever checks it.
        let hostile = risky.replacingOccurrences(of: "next month. ", with: "next month.\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m\u{7F} ")
        try Hostile.write(hostile, to: folder.appending(path: "escapes.txt"))
        let out = try run(["check", "--color", "never", "escapes.txt"])
        #expect(out.status == 1)
        for control in ["\u{1B}", "\u{07}", "\u{9B}", "\u{7F}"] { #expect(!out.stdout.contains(control), "\(control.unicodeScalars.first!.value)") }
        #expect(out.stdout.contains("next month.\u{241B}]0;pwned\u{2407}\u{241B}[2J\u{FFFD}31m\u{2421} Thank you"))
        // Carets still line up: the stand-ins are one column each.
        let lines = out.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let line = try #require(lines.firstIndex { $0.contains("Thank you") && $0.contains("pwned") })
        let caret = try #require(lines.indices.contains(line + 1) ? lines[line + 1] : nil)
        #expect(caret.contains("^"))
    }

    // MARK: Encodings and line endings

    @Test func invalidUTF8IsReadWithReplacementCharactersANoteAndRightPositions() throws {
        defer { remove() }
        let bytes: [UInt8] = Array("Dear Priya,\n\n".utf8) + [0xC3, 0x28, 0xFF] + Array(" I'll be joining Anthropic next month.\n\nAlex\n".utf8)
        try Hostile.write(bytes, to: folder.appending(path: "broken.txt"))
        let human = try run(["check", "broken.txt"])
        #expect(human.status == 1)
        #expect(human.stdout.contains("broken.txt: note: the file is not valid UTF-8; invalid bytes were read as U+FFFD (�)"))
        #expect(human.stdout.contains("broken.txt:3:5: error"))
        let json = try run(["check", "--format", "json", "broken.txt"])
        // JSON has no place for the note: it is on stderr.
        #expect(json.stderr.contains("letterlint: broken.txt: note: the file is not valid UTF-8"))
        let finding = try #require(try Hostile.files(json.stdout).first?.findings.first { $0["rule"] as? String == "competitor.next-employer" })
        #expect(finding["line"] as? Int == 3)
        #expect(finding["column"] as? Int == 5) // "�(�" is three characters
        // Offsets are UTF-8 positions in the decoded text, where each U+FFFD is 3 bytes.
        let decoded = Array(String(decoding: bytes, as: UTF8.self).utf8)
        let offset = try #require(finding["offset"] as? Int), length = try #require(finding["length"] as? Int)
        #expect(offset == 13 + 7 + 1)
        #expect(String(decoding: decoded[offset..<offset + length], as: UTF8.self).hasPrefix("I'll be joining"))
        let gnu = try run(["check", "--format", "gnu", "broken.txt"])
        #expect(gnu.stdout.contains("broken.txt: note: the file is not valid UTF-8"))
    }

    @Test func utf16WithAByteOrderMarkIsDecodedWithTheSamePositions() throws {
        defer { remove() }
        let text = risky.replacingOccurrences(of: "Alex Kim", with: "Zoë Kim 🙂")
        try Hostile.write(text, to: folder.appending(path: "utf8.txt"))
        var little: [UInt8] = [0xFF, 0xFE], big: [UInt8] = [0xFE, 0xFF]
        for unit in text.utf16 {
            little += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            big += [UInt8(unit >> 8), UInt8(unit & 0xFF)]
        }
        try Hostile.write(little, to: folder.appending(path: "le.txt"))
        try Hostile.write(big, to: folder.appending(path: "be.txt"))
        let expected = try Hostile.positions(try run(["check", "--format", "json", "utf8.txt"]).stdout)
        #expect(expected.contains("competitor.next-employer:5:1"))
        for name in ["le.txt", "be.txt"] {
            #expect(try Hostile.positions(try run(["check", "--format", "json", name]).stdout) == expected, "\(name)")
            let human = try run(["check", name])
            #expect(human.stdout.contains("\(name): note: decoded from UTF-16"))
        }
    }

    @Test func aUTF8ByteOrderMarkShiftsNeitherColumnsNorOffsets() throws {
        defer { remove() }
        let text = "I'll be joining Anthropic next month.\n\n" + clean
        try Hostile.write(text, to: folder.appending(path: "plain.txt"))
        try Hostile.write([0xEF, 0xBB, 0xBF] + Array(text.utf8), to: folder.appending(path: "bom.txt"))
        func findings(_ name: String) throws -> [String] {
            try Hostile.files(try run(["check", "--format", "json", name]).stdout).first?.findings
                .map { "\($0["rule"]!):\($0["line"]!):\($0["column"]!):\($0["offset"]!)" } ?? []
        }
        let plain = try findings("plain.txt")
        #expect(plain.first == "competitor.next-employer:1:1:0")
        #expect(try findings("bom.txt") == plain)
    }

    @Test func crlfAndLoneCRLineEndingsKeepLineNumbers() throws {
        defer { remove() }
        try Hostile.write(risky, to: folder.appending(path: "lf.txt"))
        try Hostile.write(risky.replacingOccurrences(of: "\n", with: "\r\n"), to: folder.appending(path: "crlf.txt"))
        try Hostile.write(risky.replacingOccurrences(of: "\n", with: "\r"), to: folder.appending(path: "cr.txt"))
        let lf = try Hostile.positions(try run(["check", "--format", "json", "lf.txt"]).stdout)
        #expect(lf.contains("competitor.next-employer:5:1"))
        #expect(try Hostile.positions(try run(["check", "--format", "json", "crlf.txt"]).stdout) == lf)
        #expect(try Hostile.positions(try run(["check", "--format", "json", "cr.txt"]).stdout) == lf)
        let human = try run(["check", "cr.txt"])
        #expect(human.stdout.contains("cr.txt:5:1: error"))
        #expect(!human.stdout.contains("\r"))
    }

    // MARK: Size

    @Test func aFiveMegabyteSingleLineIsCheckedInBoundedTime() throws {
        defer { remove() }
        let sentence = "We shipped the churn model, documented the feature pipeline and briefed the on-call rota. "
        var line = "Dear Priya, "
        line.reserveCapacity(5 * 1024 * 1024 + 200)
        while line.utf8.count < 5 * 1024 * 1024 { line += sentence }
        let before = line.unicodeScalars.count
        line += "I'll be joining Anthropic next month."
        try Hostile.write(line, to: folder.appending(path: "one-line.txt"))
        let out = try run(["check", "--format", "json", "one-line.txt"], timeout: 300)
        #expect(out.status == 1)
        #expect(out.seconds < 150 * Hostile.slowdown, "a 5 MB line took \(Int(out.seconds)) s")
        let finding = try #require(try Hostile.files(out.stdout).first?.findings.first { $0["rule"] as? String == "competitor.next-employer" })
        #expect(finding["line"] as? Int == 1)
        #expect(finding["column"] as? Int == before + 1)
        #expect(!out.stderr.contains("was stopped"), "a bundled rule hit a limit: \(out.stderr)")
    }

    @Test func aTwoHundredMegabyteFileIsSkippedWithoutBeingOpened() throws {
        defer { remove() }
        let url = folder.appending(path: "drafts/huge.txt")
        try Hostile.write("", to: url)
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 200 * 1024 * 1024) // sparse: no disk, no time
        try handle.close()
        // Unreadable too: had letterlint opened it, it would say "permission denied" and
        // exit 2. Skipping it above --max-file-size needs only its size.
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: url.path)
        try Hostile.write(risky, to: folder.appending(path: "drafts/draft.txt"))
        for target in ["drafts/huge.txt", "drafts"] {
            let argv = try Hostile.withoutFileCapabilities([CLI.binary.path, "check", "--fail-on", "never", target])
            let out = try Spawn.run(argv, in: folder, timeout: 60)
            Hostile.expectOrderly(out, "check \(target)")
            #expect(out.status == 0, "\(out.stderr)")
            #expect(out.stderr.contains("drafts/huge.txt: skipped, 209715200 bytes is over the --max-file-size limit of 10485760"))
            #expect(!out.stderr.contains("permission denied"))
            #expect(out.seconds < 30 * Hostile.slowdown)
        }
        let lowered = try run(["check", "--fail-on", "never", "--max-file-size", "100", "drafts/draft.txt"])
        #expect(lowered.stderr.contains("drafts/draft.txt: skipped, \(risky.utf8.count) bytes is over the --max-file-size limit of 100"))
    }

    @Test func tenThousandFilesInOneFolderAndAFolderTwoHundredDeep() throws {
        defer { remove() }
        let many = folder.appending(path: "many")
        try FileManager.default.createDirectory(at: many, withIntermediateDirectories: true)
        let short = Data("Dear Ana,\n\nI resign.\n".utf8)
        for i in 0..<10_000 {
            guard FileManager.default.createFile(atPath: many.appending(path: String(format: "letter-%05d.txt", i)).path, contents: short) else {
                throw CocoaError(.fileWriteUnknown)
            }
        }
        var deep = "deep"
        for level in 1...200 { deep += "/level-\(level)" }
        try Hostile.write(risky, to: folder.appending(path: deep + "/draft.txt"))
        let out = try run(["check", "--format", "json", "--fail-on", "never", "many", "deep"], timeout: 180)
        #expect(out.status == 0)
        #expect(out.seconds < 90 * Hostile.slowdown, "10,000 letters took \(Int(out.seconds)) s")
        let files = try Hostile.files(out.stdout)
        #expect(files.count == 10_001)
        let bottom = try #require(files.first { $0.path == deep + "/draft.txt" })
        #expect(bottom.findings.contains { $0["rule"] as? String == "competitor.next-employer" })
    }

    // MARK: Links, FIFOs, permissions, vanishing files

    @Test func symbolicLinkLoopsAreReportedByNameAndWalkedOnceInFolders() throws {
        defer { remove() }
        let fm = FileManager.default
        try Hostile.write(risky, to: folder.appending(path: "links/letter.txt"))
        try fm.createSymbolicLink(atPath: folder.appending(path: "links/self.txt").path, withDestinationPath: "self.txt")
        try fm.createSymbolicLink(atPath: folder.appending(path: "links/a.txt").path, withDestinationPath: "b.txt")
        try fm.createSymbolicLink(atPath: folder.appending(path: "links/b.txt").path, withDestinationPath: "a.txt")
        let named = try run(["check", "links/self.txt", "links/letter.txt"], timeout: 30)
        #expect(named.status == 2)
        #expect(named.stderr.contains("links/self.txt: is a symbolic link loop"))
        #expect(named.stdout.contains("links/letter.txt:5:1: error"))
        for follow in [[], ["--follow-symlinks"]] {
            let walked = try run(["check", "--format", "json"] + follow + ["links"], timeout: 30)
            #expect(try Hostile.files(walked.stdout).map(\.path) == ["links/letter.txt"], "\(follow)")
        }
        // Two folders linking to each other: each letter once, no endless walk.
        try Hostile.write(risky, to: folder.appending(path: "ring/one/a.txt"))
        try Hostile.write(risky, to: folder.appending(path: "ring/two/b.txt"))
        try fm.createSymbolicLink(atPath: folder.appending(path: "ring/one/to-two").path, withDestinationPath: "../two")
        try fm.createSymbolicLink(atPath: folder.appending(path: "ring/two/to-one").path, withDestinationPath: "../one")
        let ring = try run(["check", "--format", "json", "--follow-symlinks", "ring"], timeout: 30)
        let paths = try Hostile.files(ring.stdout).map(\.path)
        #expect(paths == ["ring/one/a.txt", "ring/one/to-two/b.txt"])
    }

    @Test func aFIFONeverBlocksByNameThroughALinkOrInAFolder() throws {
        defer { remove() }
        try Hostile.write(risky, to: folder.appending(path: "drafts/draft.txt"))
        guard mkfifo(folder.appending(path: "drafts/pipe.txt").path, 0o644) == 0 else { throw POSIXError(.EIO) }
        try FileManager.default.createSymbolicLink(atPath: folder.appending(path: "drafts/link.txt").path, withDestinationPath: "pipe.txt")
        // Nobody ever writes to the FIFO: opening it for reading the ordinary way would block for ever.
        let byLink = try run(["check", "drafts/link.txt", "drafts/draft.txt"], timeout: 30)
        #expect(byLink.status == 2)
        #expect(byLink.stderr.contains("drafts/link.txt: is not a regular file (a FIFO, socket or device); not read"))
        #expect(byLink.stdout.contains("drafts/draft.txt:5:1: error"))
        let walked = try run(["check", "--format", "json", "--follow-symlinks", "drafts"], timeout: 30)
        #expect(walked.status == 1)
        #expect(try Hostile.files(walked.stdout).map(\.path) == ["drafts/draft.txt"])
    }

    @Test func unreadableFilesAndFoldersAreReportedAndTheRestIsChecked() throws {
        let fm = FileManager.default
        try Hostile.write(risky, to: folder.appending(path: "open/draft.txt"))
        try Hostile.write(risky, to: folder.appending(path: "locked/hidden.txt"))
        try Hostile.write(risky, to: folder.appending(path: "secret.txt"))
        try fm.setAttributes([.posixPermissions: 0], ofItemAtPath: folder.appending(path: "locked").path)
        try fm.setAttributes([.posixPermissions: 0], ofItemAtPath: folder.appending(path: "secret.txt").path)
        defer {
            try? fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.appending(path: "locked").path)
            remove()
        }
        let argv = try Hostile.withoutFileCapabilities([CLI.binary.path, "check", "--format", "json", "."])
        let out = try Spawn.run(argv, in: folder, timeout: 60)
        Hostile.expectOrderly(out, "check .")
        #expect(out.status == 2)
        #expect(out.stderr.contains("./locked: cannot read the folder (check its permissions)"))
        #expect(out.stderr.contains("./secret.txt: permission denied"))
        #expect(try Hostile.files(out.stdout).map(\.path) == ["./open/draft.txt"])
        let named = try Spawn.run(try Hostile.withoutFileCapabilities([CLI.binary.path, "check", "locked/hidden.txt", "open/draft.txt"]),
                                  in: folder, timeout: 60)
        Hostile.expectOrderly(named, "check locked/hidden.txt")
        #expect(named.status == 2)
        #expect(named.stderr.contains("locked/hidden.txt: permission denied"))
        #expect(named.stdout.contains("open/draft.txt:5:1: error"))
    }

    @Test func lettersDeletedWhileAScanRunsAreReportedAndTheRestIsChecked() throws {
        defer { remove() }
        let drafts = folder.appending(path: "drafts")
        try FileManager.default.createDirectory(at: drafts, withIntermediateDirectories: true)
        let names = (0..<1500).map { String(format: "letter-%04d.txt", $0) }
        for name in names { _ = FileManager.default.createFile(atPath: drafts.appending(path: name).path, contents: Data(risky.utf8)) }
        // One worker checks in path order; the odd letters are deleted from the end while it
        // runs, so some vanish between the walk and their turn. Which ones depends on timing;
        // that none is lost silently or reported twice does not.
        let doomed = names.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        let started = DispatchSemaphore(value: 0)
        let deleter = Thread {
            started.wait()
            usleep(300_000)
            for name in doomed.reversed() { unlink(drafts.appending(path: name).path); usleep(500) }
        }
        deleter.start()
        started.signal()
        let out = try run(["check", "--format", "json", "--fail-on", "never", "-j", "1", "drafts"], timeout: 180)
        let reported = Set(try Hostile.files(out.stdout).map(\.path))
        let vanished = Set(out.stderr.split(separator: "\n").compactMap { line -> String? in
            guard line.hasSuffix(": no such file (was it removed during the scan?)") else { return nil }
            return String(line.dropFirst("letterlint: ".count).dropLast(": no such file (was it removed during the scan?)".count))
        })
        #expect(out.status == (vanished.isEmpty ? 0 : 2))
        #expect(reported.isDisjoint(with: vanished))
        for (index, name) in names.enumerated() where index % 2 == 0 {
            #expect(reported.contains("drafts/" + name), "\(name) was never deleted but is missing")
        }
        #expect(vanished.allSatisfy { doomed.contains(String($0.dropFirst("drafts/".count))) })
    }

    @Test func pathsWithSpacesNewlinesAndNonASCIIRoundTrip() throws {
        defer { remove() }
        let name = "Zoë's drafts/résumé draft\nv2 ✓.txt"
        try Hostile.write(risky, to: folder.appending(path: name))
        let json = try run(["check", "--format", "json", "Zoë's drafts"])
        #expect(json.status == 1)
        #expect(try Hostile.files(json.stdout).map(\.path) == [name])
        // Where a path is shown, its newline is a visible ␊: one finding, one line.
        let human = try run(["check", name])
        #expect(human.stdout.contains("résumé draft\u{240A}v2 ✓.txt:5:1: error"))
        let gnu = try run(["check", "--format", "gnu", name])
        #expect(gnu.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("Zoë's drafts/résumé draft\u{240A}v2 ✓.txt:") })
        let missing = try run(["check", "Zoë's drafts/nö such\nfile.txt"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nö such\u{240A}file.txt: no such file or folder"))
    }

    @Test func escapeSequencesInAFileNameNeverReachTheTerminal() throws {
        defer { remove() }
        // A folder of drafts someone sent may hold a file named to rewrite the terminal.
        let name = "a\u{1B}]0;pwned\u{07}\u{1B}[2Jb\u{9B}31m\r.txt"
        try Hostile.write(risky, to: folder.appending(path: "drafts").appending(path: name))
        try Hostile.write(String(repeating: "x", count: 2_000), to: folder.appending(path: "drafts").appending(path: "big\u{1B}[8m.txt"))
        for arguments in [["check", "--color", "always", "drafts"], ["scan", "--color", "always", "drafts"],
                          ["check", "--format", "gnu", "drafts"], ["check", "--format", "json", "--max-file-size", "1000", "drafts"],
                          ["check", "drafts/\u{1B}[31mmissing.txt"], ["fix", "drafts/" + name]] {
            let out = try run(arguments)
            #expect(!out.stdout.contains("pwned\u{07}") && !out.stderr.contains("\u{1B}]0;") && !out.stderr.contains("\u{1B}["),
                    "\(arguments)")
            for control in ["\u{07}", "\u{9B}", "\r"] {
                #expect(!out.stdout.contains(control) && !out.stderr.contains(control), "\(arguments): \(control.unicodeScalars.first!.value)")
            }
            if arguments[0] != "fix" && !arguments.contains("json") {
                // Colour codes are letterlint's own; the file name's are shown as stand-ins.
                #expect(!out.stdout.contains("\u{1B}]0;") && !out.stdout.contains("\u{1B}[2J"), "\(arguments)")
            }
        }
        let human = try run(["check", "--color", "never", "drafts"])
        #expect(human.stdout.contains("drafts/a\u{241B}]0;pwned\u{2407}\u{241B}[2Jb\u{FFFD}31m\u{240D}.txt:5:1: error"))
        let tooBig = try run(["check", "--max-file-size", "1000", "drafts"])
        #expect(tooBig.stderr.contains("big\u{241B}[8m.txt: skipped"))
        // JSON is for programs: its strings carry the name exactly, escaped as JSON.
        let json = try run(["check", "--format", "json", "drafts"])
        #expect(try Hostile.files(json.stdout).map(\.path).contains("drafts/" + name))
    }

    // MARK: Word and e-mail

    @Test func corruptWordFilesAndMalformedEmailsGetAClearMessageAndTheRestIsChecked() throws {
        defer { remove() }
        let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
        var laughs = "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY l0 \"lol\">"
        for level in 1...9 { laughs += "<!ENTITY l\(level) \"" + String(repeating: "&l\(level - 1);", count: 10) + "\">" }
        laughs += "]><w:document \(w)><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>"
        let good = try ZipFixture.docx(paragraphs: ["Dear Priya,", "I'll be joining Anthropic next month.", "Alex"])
        let files: [(String, [UInt8], String)] = [
            ("not-a-zip.docx", Array("Dear Colin, I resign.".utf8), "it is not a ZIP archive"),
            // A few bytes that claim to inflate to 4 GB: refused before inflating anything.
            ("bomb.docx", ZipFixture.claimingUncompressedSize(4_000_000_000, try ZipFixture.make([("word/document.xml", Data())])),
             "would inflate to 4000000000 bytes"),
            ("laughs.docx", try ZipFixture.docx(xml: laughs), "declares a DTD"),
            ("truncated.docx", Array(good.prefix(good.count / 2)), "cannot read this .docx"),
            ("spreadsheet.docx", try ZipFixture.make([("xl/workbook.xml", Data("<workbook/>".utf8))]), "no word/document.xml"),
            ("garbage.eml", Array("this is not an e-mail\nat all\n".utf8), "does not start with e-mail headers"),
            ("no-boundary.eml", Array("From: a@example.com\nContent-Type: multipart/mixed\n\nbody\n".utf8), "gives no boundary"),
            ("nested.eml", Self.nestedEmail(depth: 40), "nested more than"),
            ("attachment-only.eml", Array("From: a@example.com\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0=\n".utf8),
             "no text/plain or text/html part"),
        ]
        for (name, bytes, _) in files { try Hostile.write(bytes, to: folder.appending(path: "inbox/" + name)) }
        try Hostile.write(good, to: folder.appending(path: "inbox/good.docx"))
        let out = try run(["check", "--format", "json", "inbox"], timeout: 60)
        #expect(out.status == 2)
        #expect(out.seconds < 30 * Hostile.slowdown)
        for (name, _, message) in files {
            let line = out.stderr.split(separator: "\n").first { $0.contains("inbox/\(name): cannot read this") }
            #expect(line?.contains(message) == true, "\(name): \(out.stderr)")
        }
        let checked = try Hostile.files(out.stdout)
        #expect(checked.map(\.path) == ["inbox/good.docx"])
        #expect(checked.first?.findings.contains { $0["rule"] as? String == "competitor.next-employer" } == true)
    }

    static func nestedEmail(depth: Int) -> [UInt8] {
        var text = "From: a@example.com\nSubject: nested\n"
        for level in 0..<depth { text += "Content-Type: multipart/mixed; boundary=\"b\(level)\"\n\n--b\(level)\n" }
        text += "Content-Type: text/plain\n\nI resign.\n"
        for level in (0..<depth).reversed() { text += "--b\(level)--\n" }
        return Array(text.utf8)
    }
}
