import Foundation
import Testing
@testable import LetterLint

/// Counts, under a lock, what the instrumented work below does.
final class WorkLog: @unchecked Sendable {
    private let condition = NSCondition()
    private(set) var started: [Int] = []
    private(set) var live = 0
    private(set) var maxLive = 0
    private(set) var threads = Set<pthread_t>()
    /// What item 0 saw while it held up delivery: whether the window filled, and the
    /// highest index started by then. (Kept here rather than checked on the worker thread.)
    private(set) var seenByFirst: (reached: Bool, highest: Int?)?

    func start(_ index: Int) {
        condition.lock(); defer { condition.unlock() }
        started.append(index)
        live += 1
        maxLive = max(maxLive, live)
        threads.insert(pthread_self())
        condition.broadcast()
    }

    /// An outcome was delivered: it is no longer held.
    func delivered() {
        condition.lock(); defer { condition.unlock() }
        live -= 1
    }

    /// Waits until `count` items have started (a deadline only so a broken runner fails the
    /// test instead of hanging it; nothing is asserted about time).
    func waitForStarts(_ count: Int) -> Bool {
        condition.lock(); defer { condition.unlock() }
        let deadline = Date().addingTimeInterval(120)
        while started.count < count {
            if !condition.wait(until: deadline) { return false }
        }
        return true
    }

    func recordFirst(reached: Bool) {
        condition.lock(); defer { condition.unlock() }
        seenByFirst = (reached, started.max())
    }

    var snapshot: (started: [Int], live: Int, maxLive: Int) {
        condition.lock(); defer { condition.unlock() }
        return (started, live, maxLive)
    }
}

@Suite("Ordered work with bounded look-ahead")
struct OrderedWorkTests {
    @Test("delivers every index in order:", arguments: [1, 2, 8])
    func deliversInOrder(jobs: Int) {
        let log = WorkLog()
        var delivered: [Int] = []
        // Later items are quicker, so they finish before earlier ones and must wait.
        OrderedWork.run(count: 300, jobs: jobs, window: 24, progress: nil, produce: { index in
            log.start(index)
            var x = 0
            for i in 0..<((300 - index) * 200) { x &+= i }
            return (index, x)
        }, deliver: { index, value in
            #expect(value.0 == index)
            delivered.append(index)
            log.delivered()
        })
        #expect(delivered == Array(0..<300))
        #expect(Set(log.snapshot.started) == Set(0..<300))
        #expect(log.snapshot.started.count == 300, "each item produced once")
    }

    @Test("never holds more than the window:", arguments: [(2, 16), (8, 16), (8, 32), (3, 5)])
    func neverHoldsMoreThanTheWindow(jobs: Int, window: Int) throws {
        let log = WorkLog()
        // Item 0 does not finish until every item the window allows has started, so the
        // workers run as far ahead as they may; if the runner let them go further, an item
        // at or past the window would start too, and `maxLive` would exceed it.
        OrderedWork.run(count: 200, jobs: jobs, window: window, progress: nil, produce: { index in
            log.start(index)
            if index == 0 { log.recordFirst(reached: log.waitForStarts(window)) }
            return index
        }, deliver: { index, _ in
            // Held: everything started and not yet delivered, this one included.
            #expect(log.snapshot.live <= window)
            log.delivered()
        })
        let first = try #require(log.seenByFirst)
        #expect(first.reached, "the workers did not start the whole window")
        #expect(first.highest == window - 1, "nothing past the window starts while item 0 is pending")
        #expect(log.snapshot.maxLive == window, "the window was used, and never exceeded")
        #expect(log.snapshot.live == 0)
    }

    @Test func oneJobRunsOnTheCallingThread() {
        let log = WorkLog()
        let caller = pthread_self()
        var order: [String] = []
        OrderedWork.run(count: 5, jobs: 1, window: 16, progress: nil, produce: { index in
            log.start(index)
            return index
        }, deliver: { index, _ in
            order.append("\(index)")
            log.delivered()
        })
        #expect(log.threads == [caller])
        #expect(order == ["0", "1", "2", "3", "4"])
        #expect(log.snapshot.maxLive == 1, "each item is delivered before the next starts")
    }

    @Test func aThrowingDeliveryStopsTheWork() {
        struct Stop: Error {}
        let log = WorkLog()
        var delivered: [Int] = []
        #expect(throws: Stop.self) {
            try OrderedWork.run(count: 1000, jobs: 4, window: 16, progress: nil, produce: { index in
                log.start(index)
                return index
            }, deliver: { index, _ in
                delivered.append(index)
                if index == 5 { throw Stop() }
            })
        }
        #expect(delivered == Array(0...5))
        // Nothing starts at or past 5 + window.
        let started = log.snapshot.started
        #expect(started.allSatisfy { $0 < 5 + 16 })
    }

    @Test func progressCountsEveryItem() {
        let seen = WorkLog()
        OrderedWork.run(count: 50, jobs: 4, window: 16, progress: { done, total in
            seen.start(done * 1000 + total)
        }, produce: { $0 }, deliver: { _, _ in })
        #expect(seen.snapshot.started.sorted() == (1...50).map { $0 * 1000 + 50 })
    }
}

@Suite("Checking letters in batches")
struct BatchRunnerTests {
    /// Letters in memory (and one missing file), under an empty folder for the
    /// configuration lookup.
    static func items(in folder: URL) throws -> [BatchRunner.Item] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let texts = [cleanLetter, ReportFixtures.risky, ReportFixtures.crlf, ReportFixtures.wrapped]
        return (0..<40).map { i in
            let path = folder.appending(path: "letter-\(i).txt").path
            return BatchRunner.Item(path: path, location: path, bytes: Array(texts[i % texts.count].utf8))
        } + [BatchRunner.Item(path: folder.appending(path: "missing.txt").path, location: folder.appending(path: "missing.txt").path)]
    }

    static func describe(_ outcome: BatchRunner.Outcome) -> String {
        switch outcome {
        case .report(let report): return report.path + ": " + report.findings.map(\.ruleID).joined(separator: ",")
        case .failed(let failure): return "failed: \(failure)"
        }
    }

    @Test("streams outcomes in input order:", arguments: [1, 2, 8])
    func streamsInInputOrder(jobs: Int) throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "letterlint-batch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let items = try Self.items(in: folder)
        let session = CheckSession(flags: FlagSettings())
        var indices: [Int] = []
        var outcomes: [String] = []
        BatchRunner.stream(items, session: session, jobs: jobs) { index, outcome in
            indices.append(index)
            outcomes.append(Self.describe(outcome))
        }
        #expect(indices == Array(items.indices))
        for (item, outcome) in zip(items, outcomes) {
            #expect(outcome.hasPrefix(item.path) || outcome.hasPrefix("failed: "), "\(outcome)")
        }
        #expect(outcomes.last?.hasPrefix("failed: ") == true)
        #expect(outcomes.contains { $0.contains("competitor.next-employer") })
        // The array form is the same stream, collected.
        let collected = BatchRunner.run(items, session: session, jobs: jobs).map(Self.describe)
        #expect(collected == outcomes)
        let one = BatchRunner.run(items, session: CheckSession(flags: FlagSettings()), jobs: 1).map(Self.describe)
        #expect(collected == one)
    }

    @Test func reportOrderIsByPathAndKeepsTheOrderOfTheSamePath() {
        let items = ["b.txt", "<stdin>", "a/z.txt", "a-b.txt", "b.txt", "a/b.txt"].enumerated().map { i, path in
            BatchRunner.Item(path: path, location: "/tmp/\(i)")
        }
        let sorted = BatchRunner.inReportOrder(items)
        #expect(sorted.map(\.path) == ["<stdin>", "a-b.txt", "a/b.txt", "a/z.txt", "b.txt", "b.txt"])
        #expect(sorted.filter { $0.path == "b.txt" }.map(\.location) == ["/tmp/0", "/tmp/4"])
    }

    @Test func theDefaultWindowScalesWithJobs() {
        #expect(BatchRunner.defaultWindow(jobs: 1) == 16)
        #expect(BatchRunner.defaultWindow(jobs: 8) == 32)
    }
}
