import Foundation

/// Checks many letters on all cores. Each letter is read and checked by one worker, and the
/// outcomes are handed over in input order, so the output never depends on timing.
///
/// ``stream(_:session:jobs:maxFileSize:window:progress:deliver:)`` is the one
/// implementation: it delivers each outcome as soon as it and every earlier one are done,
/// and keeps at most a window of letters in flight, so a run over ten thousand letters holds
/// a few dozen reports, not ten thousand. ``run(_:session:jobs:maxFileSize:progress:)``
/// collects the stream into an array for callers that want every outcome at once.
public enum BatchRunner {
    public struct Item: Sendable {
        /// Shown in reports.
        public let path: String
        /// Where the file lives (configuration lookup, baseline key).
        public let location: String
        /// Already in memory (standard input, a staged blob); nil: read `location` from disk.
        public let bytes: [UInt8]?
        /// nil: by the location's extension.
        public let format: InputFormat?

        public init(path: String, location: String, bytes: [UInt8]? = nil, format: InputFormat? = nil) {
            self.path = path
            self.location = location
            self.bytes = bytes
            self.format = format
        }
    }

    public enum Outcome: Sendable {
        case report(FileReport)
        case failed(CheckFailure)
    }

    /// `items` in the order every report lists files: by path, the same path keeping its
    /// place. Check in this order to write the report while checking.
    public static func inReportOrder(_ items: [Item]) -> [Item] { ReportOrder.byPath(items, \.path) }

    /// How far past the next outcome to deliver a worker may start: enough that `jobs`
    /// workers stay busy while one slow letter holds up delivery, small enough that the
    /// outcomes held at once (each a report with its whole document) stay few.
    public static func defaultWindow(jobs: Int) -> Int { max(16, 4 * max(1, jobs)) }

    /// Checks every item and collects the outcomes, in input order.
    ///
    /// - Parameters:
    ///   - jobs: workers; 1 checks in order on the calling thread.
    ///   - maxFileSize: files larger than this are not read.
    ///   - progress: called after each letter with (done, total), from any thread.
    public static func run(_ items: [Item], session: CheckSession, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                           maxFileSize: Int = FolderWalker.defaultMaxFileSize,
                           progress: (@Sendable (Int, Int) -> Void)? = nil) -> [Outcome] {
        var outcomes: [Outcome] = []
        outcomes.reserveCapacity(items.count)
        stream(items, session: session, jobs: jobs, maxFileSize: maxFileSize, progress: progress) { _, outcome in
            outcomes.append(outcome)
        }
        return outcomes
    }

    /// Checks every item and hands each outcome to `deliver` on the calling thread, in input
    /// order (index 0, 1, 2 …), as soon as it and all earlier ones are done.
    ///
    /// A worker never starts an item `window` or more places past the next one to deliver, so
    /// at most `window` outcomes exist at once (in progress, waiting, or being delivered),
    /// whatever the timing. If `deliver` throws, no further item is started, the workers
    /// finish what they hold and the error is rethrown.
    ///
    /// - Parameters:
    ///   - jobs: workers; 1 checks each item on the calling thread just before delivering it.
    ///   - maxFileSize: files larger than this are not read.
    ///   - window: the look-ahead; nil: ``defaultWindow(jobs:)``.
    ///   - progress: called after each letter with (done, total), from any thread.
    public static func stream(_ items: [Item], session: CheckSession, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                              maxFileSize: Int = FolderWalker.defaultMaxFileSize, window: Int? = nil,
                              progress: (@Sendable (Int, Int) -> Void)? = nil,
                              deliver: (Int, Outcome) throws -> Void) rethrows {
        try OrderedWork.run(count: items.count, jobs: jobs, window: window ?? defaultWindow(jobs: jobs), progress: progress,
                            produce: { index in check(items[index], session: session, maxFileSize: maxFileSize) },
                            deliver: deliver)
    }

    /// One letter: read (unless already in memory) and check, every error as an outcome.
    static func check(_ item: Item, session: CheckSession, maxFileSize: Int) -> Outcome {
        do {
            let bytes = try item.bytes ?? InputFiles.readRegularFile(item.location, limit: maxFileSize)
            return .report(try session.check(bytes: bytes, path: item.path, location: item.location, format: item.format))
        } catch let error as InputError {
            return .failed(.input(error))
        } catch let error as CheckFailure {
            return .failed(error)
        } catch {
            return .failed(.input(InputError(path: item.path, message: "\(error)")))
        }
    }
}

/// An ordered parallel map with bounded look-ahead: `produce` runs on worker threads,
/// `deliver` on the calling thread in index order. Independent of letters so its ordering
/// and memory bound can be tested with instrumented work.
enum OrderedWork {
    static func run<Value: Sendable>(count: Int, jobs: Int, window: Int, progress: (@Sendable (Int, Int) -> Void)?,
                                     produce: @escaping @Sendable (Int) -> Value,
                                     deliver: (Int, Value) throws -> Void) rethrows {
        let window = max(1, window)
        let workers = min(jobs, count, window)
        if workers <= 1 {
            // In order on the calling thread: produce one, deliver it, go on.
            for index in 0..<count {
                let value = produce(index)
                progress?(index + 1, count)
                try deliver(index, value)
            }
            return
        }
        let state = State<Value>(count: count, window: window)
        for _ in 0..<workers {
            let thread = Thread {
                while let index = state.nextToStart() {
                    let value = produce(index)
                    let done = state.store(value, at: index)
                    progress?(done, count)
                }
                state.workerExited()
            }
            // The size of a main thread's stack: checking a letter must not run out of stack
            // on a worker when it does not on the main thread.
            thread.stackSize = 8 << 20
            thread.start()
        }
        // Whatever happens below, no worker outlives the call: stop handing out items and
        // wait for the ones in progress, so nothing runs (or reports progress) afterwards.
        defer { state.stopAndWait(workers: workers) }
        for index in 0..<count {
            let value = state.take(index)
            try deliver(index, value)
            state.delivered(index)
        }
    }

    /// The shared bookkeeping, behind one condition variable: slots for finished values,
    /// the next index to start and the next to deliver.
    private final class State<Value: Sendable>: @unchecked Sendable {
        private let condition = NSCondition()
        private let count: Int
        private let window: Int
        /// Values finished and not yet delivered, by index.
        private var slots: [Int: Value] = [:]
        private var started = 0
        /// The index being delivered or next to deliver; items at or past
        /// `undelivered + window` wait.
        private var undelivered = 0
        private var done = 0
        private var stopped = false
        private var exited = 0

        init(count: Int, window: Int) {
            self.count = count
            self.window = window
        }

        /// The next index for a worker, once the window allows it; nil when there is none.
        func nextToStart() -> Int? {
            condition.lock(); defer { condition.unlock() }
            while !stopped && started < count && started >= undelivered + window { condition.wait() }
            guard !stopped && started < count else { return nil }
            started += 1
            return started - 1
        }

        /// Stores a finished value; returns how many are done.
        func store(_ value: Value, at index: Int) -> Int {
            condition.lock(); defer { condition.unlock() }
            slots[index] = value
            done += 1
            condition.broadcast()
            return done
        }

        /// Waits for the value at `index` and removes it from its slot.
        func take(_ index: Int) -> Value {
            condition.lock(); defer { condition.unlock() }
            while slots[index] == nil { condition.wait() }
            return slots.removeValue(forKey: index)!
        }

        /// `index` has been handed over: the window moves on by one.
        func delivered(_ index: Int) {
            condition.lock(); defer { condition.unlock() }
            undelivered = index + 1
            condition.broadcast()
        }

        func workerExited() {
            condition.lock(); defer { condition.unlock() }
            exited += 1
            condition.broadcast()
        }

        func stopAndWait(workers: Int) {
            condition.lock(); defer { condition.unlock() }
            stopped = true
            condition.broadcast()
            while exited < workers { condition.wait() }
            slots.removeAll()
        }
    }
}
