import Foundation
import Testing
@testable import LetterLint

/// A run's worth of reports for streaming: the fixtures (a secret, notes, CR LF, a clean
/// letter), a hostile report, and synthetic files with every mix of severities, under paths
/// that sort in a different order than they are listed, with one path twice.
enum StreamingFixtures {
    static let reports: [FileReport] = {
        var reports = ReportFixtures.reports + [ReportFixtures.hostile()]
        let kinds: [[(Severity, Category, fixable: Bool)]] = [
            [], [(.error, .date, true)], [(.warning, .tone, false), (.info, .tone, true)],
            [(.error, .legal, false), (.error, .disclosure, true), (.warning, .handoff, true)],
            [(.info, .structure, false)], [(.warning, .grievance, true), (.warning, .competitor, false)],
        ]
        for i in 0..<36 {
            reports.append(ReportFixtures.synthetic("batch-\(i % 3)/letter-\(35 - i).txt", kinds[i % kinds.count]))
        }
        // The same path twice: reports keep their input order.
        reports.append(ReportFixtures.synthetic("batch-1/letter-7.txt", [(.error, .notice, false)]))
        return reports
    }()

    static let options = ReportFormat.Options(color: false, summary: true, toolVersion: "0.1.0")
}

@Suite("Reports written a file at a time")
struct ReportStreamingTests {
    @Test func theFixturesAreSeveralDozenFilesWithARepeatedPath() {
        #expect(StreamingFixtures.reports.count >= 40)
        let paths = StreamingFixtures.reports.map(\.path)
        #expect(Set(paths).count == paths.count - 1)
        #expect(paths != paths.sorted())
    }

    @Test("pieces from the writer are the rendered report:", arguments: ReportFormat.allCases)
    func piecesAreTheRenderedReport(_ format: ReportFormat) {
        for options in [StreamingFixtures.options, ReportFormat.Options(color: true, summary: false, toolVersion: "0.1.0")] {
            let expected = format.render(StreamingFixtures.reports, ruleSet: bundledRules, options: options)
            var writer = ReportWriter(format: format, ruleSet: bundledRules, options: options)
            var body = writer.start()
            var pieces = 0
            for report in ReportOrder.files(StreamingFixtures.reports) {
                let piece = writer.add(report)
                if !piece.isEmpty { pieces += 1 }
                body += piece
            }
            let ending = writer.finish()
            #expect(ending.heading + body + ending.closing == expected)
            #expect(ending.heading.isEmpty != writer.headingNeedsTotals)
            // Every format has text for most files (gnu and github have none for a clean one).
            #expect(pieces >= StreamingFixtures.reports.count / 2)
        }
    }

    @Test("a stream writes the rendered report, before the end unless the heading needs totals:", arguments: ReportFormat.allCases)
    func streamWritesTheRenderedReport(_ format: ReportFormat) throws {
        let expected = format.render(StreamingFixtures.reports, ruleSet: bundledRules, options: StreamingFixtures.options)
        // A spool of 64 bytes spills to disk at once: the heading must still come first.
        for spoolLimit in [64, 1 << 20] {
            var written = ""
            let stream = ReportStream(writer: ReportWriter(format: format, ruleSet: bundledRules, options: StreamingFixtures.options),
                                      spool: ReportSpool(memoryLimit: spoolLimit)) { written += $0 }
            var writtenBeforeTheEnd = 0
            for report in ReportOrder.files(StreamingFixtures.reports) {
                try stream.add(report)
                writtenBeforeTheEnd = written.utf8.count
            }
            try stream.finish()
            #expect(written == expected, "spool limit \(spoolLimit)")
            if ReportWriter(format: format, ruleSet: bundledRules).headingNeedsTotals {
                #expect(writtenBeforeTheEnd == 0)
            } else {
                #expect(writtenBeforeTheEnd > expected.utf8.count / 2)
            }
        }
    }

    @Test("an empty stream is the empty report:", arguments: ReportFormat.allCases)
    func emptyStream(_ format: ReportFormat) throws {
        var written = ""
        let stream = ReportStream(writer: ReportWriter(format: format, ruleSet: bundledRules, options: StreamingFixtures.options)) { written += $0 }
        try stream.finish()
        #expect(written == format.render([], ruleSet: bundledRules, options: StreamingFixtures.options))
    }

    @Test("secrets are masked in streamed pieces:", arguments: ReportFormat.allCases)
    func streamedPiecesMaskSecrets(_ format: ReportFormat) {
        var writer = ReportWriter(format: format, ruleSet: bundledRules, options: StreamingFixtures.options)
        let piece = writer.add(ReportFixtures.hostile())
        #expect(!piece.contains(ReportFixtures.secret))
        #expect(!piece.contains("FAKEfakeFAKEfake"))
        // The hand-made finding's message names the secret: it arrives masked.
        #expect(piece.contains(ReportFixtures.mask))
    }

    @Test func theTallyRanksLikeTheFullSummaryInFixedSpace() {
        let reports = StreamingFixtures.reports
        for limit in [0, 1, 3, 10, 100] {
            var tally = ScanTally(attentionLimit: limit)
            for report in reports.reversed() { tally.add(report) }
            let summary = ScanSummary(reports)
            #expect(tally.needingAttention == summary.needingAttention(limit: limit), "limit \(limit)")
            #expect(tally.needingAttention.count <= limit)
            #expect(tally.files == summary.files)
            #expect(tally.findings == summary.findings)
            #expect(tally.fixable == summary.fixable)
            #expect(tally.filesWithFindings == summary.filesWithFindings)
            #expect(tally.categories.map(\.category) == summary.categories.map(\.category))
            #expect(HumanReport.closingSummary(tally) == HumanReport.closingSummary(reports, attentionLimit: limit))
        }
    }

    @Test func reportSummaryCountsFileByFile() {
        var summary = ReportSummary()
        for report in StreamingFixtures.reports { summary.add(report) }
        #expect(summary == ReportSummary(StreamingFixtures.reports))
        #expect(summary.files == StreamingFixtures.reports.count)
    }
}

@Suite("Report spool and report files")
struct ReportFileTests {
    /// Multibyte characters of every length, so a chunk boundary falls inside one.
    static let text = String(repeating: "Zoë — naïve ✓ 😀 line\n", count: 120_000)

    @Test func aSpoolGivesBackWhatItKeptInOrderAcrossChunks() throws {
        for limit in [0, 100, Self.text.utf8.count + 1] {
            let spool = ReportSpool(memoryLimit: limit)
            var expected = ""
            for piece in ["first\n", Self.text, "", "😀", "last\n"] {
                try spool.append(piece)
                expected += piece
            }
            var out: [String] = []
            try spool.drain { out.append($0) }
            #expect(out.joined() == expected, "limit \(limit)")
            if limit == 0 { #expect(out.count > 1, "read back from disk in pieces") }
            var again = ""
            try spool.drain { again += $0 }
            #expect(again.isEmpty, "a drained spool is empty")
        }
    }

    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appending(path: "letterlint-report-file-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func contents(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test func aCommittedFileAppearsWholeWithTheUsualMode() throws {
        let folder = try folder(); defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appending(path: "report.txt").path
        let file = try AtomicReportFile(path: target)
        try file.write("one\n")
        #expect(!FileManager.default.fileExists(atPath: target), "nothing at the target before the commit")
        let temporary = try #require(file.temporaryPath)
        #expect(FileManager.default.fileExists(atPath: temporary))
        try file.write(Self.text)
        try file.commit()
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "one\n" + Self.text)
        #expect(try contents(folder) == ["report.txt"])
        // The mode any new file gets here (0666 less the umask), not a temporary file's 0600.
        let probe = folder.appending(path: "probe").path
        close(open(probe, O_WRONLY | O_CREAT | O_EXCL, 0o666))
        let attributes = FileManager.default
        let mode = try attributes.attributesOfItem(atPath: target)[.posixPermissions] as? Int
        #expect(mode != nil)
        #expect(mode == (try attributes.attributesOfItem(atPath: probe)[.posixPermissions] as? Int))
    }

    @Test func aDiscardedFileLeavesTheTargetAsItWas() throws {
        let folder = try folder(); defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appending(path: "report.txt").path
        try "previous report\n".write(toFile: target, atomically: false, encoding: .utf8)
        let file = try AtomicReportFile(path: target)
        try file.write("half a report")
        file.discard()
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "previous report\n")
        #expect(try contents(folder) == ["report.txt"], "no temporary file left")

        // Dropped without a commit (a run that threw): the same.
        do {
            let dropped = try AtomicReportFile(path: folder.appending(path: "other.txt").path)
            try dropped.write("partial")
        }
        #expect(try contents(folder) == ["report.txt"])
    }

    @Test func aTargetThatCannotBeWrittenFailsBeforeAnyWork() throws {
        let folder = try folder(); defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: ReportFileError.self) { try AtomicReportFile(path: folder.appending(path: "missing/report.txt").path) }
        #expect(throws: ReportFileError.self) { try AtomicReportFile(path: folder.path) }
        #expect(try contents(folder).isEmpty)
    }

    @Test func aStreamIntoAFileThatFailsLeavesNothing() throws {
        let folder = try folder(); defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appending(path: "report.sarif").path
        struct Stop: Error {}
        let file = try AtomicReportFile(path: target)
        let stream = ReportStream(writer: ReportWriter(format: .json, ruleSet: bundledRules)) { try file.write($0) }
        var added = 0
        do {
            for report in ReportOrder.files(StreamingFixtures.reports) {
                try stream.add(report)
                added += 1
                if added == 10 { throw Stop() }
            }
            try stream.finish()
            try file.commit()
        } catch {
            file.discard()
        }
        #expect(added == 10)
        #expect(try contents(folder).isEmpty)
    }
}
