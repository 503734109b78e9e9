import Dispatch
import Foundation

/// Checks many letters on all cores. Each letter is read and checked by one worker; results
/// land in the slot of their input, so the output order never depends on timing.
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

    /// - Parameters:
    ///   - jobs: workers; 1 checks in order on the calling thread.
    ///   - maxFileSize: files larger than this are not read.
    ///   - progress: called after each letter with (done, total), from any thread.
    public static func run(_ items: [Item], session: CheckSession, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                           maxFileSize: Int = FolderWalker.defaultMaxFileSize,
                           progress: (@Sendable (Int, Int) -> Void)? = nil) -> [Outcome] {
        let slots = Slots(count: items.count)
        let work: @Sendable (Int) -> Void = { index in
            let item = items[index]
            let outcome: Outcome
            do {
                let bytes = try item.bytes ?? InputFiles.readRegularFile(item.location, limit: maxFileSize)
                outcome = .report(try session.check(bytes: bytes, path: item.path, location: item.location, format: item.format))
            } catch let error as InputError {
                outcome = .failed(.input(error))
            } catch let error as CheckFailure {
                outcome = .failed(error)
            } catch {
                outcome = .failed(.input(InputError(path: item.path, message: "\(error)")))
            }
            let done = slots.store(outcome, at: index)
            progress?(done, items.count)
        }
        if jobs <= 1 || items.count <= 1 {
            for index in items.indices { work(index) }
        } else {
            // A shared counter hands out letters one at a time, so a slow letter does not
            // hold up a whole batch, with exactly `jobs` workers.
            let next = Counter()
            DispatchQueue.concurrentPerform(iterations: min(jobs, items.count)) { _ in
                while true {
                    let index = next.increment() - 1
                    if index >= items.count { break }
                    work(index)
                }
            }
        }
        return slots.outcomes()
    }

    private final class Slots: @unchecked Sendable {
        private var values: [Outcome?]
        private var done = 0
        private let lock = NSLock()

        init(count: Int) { values = Array(repeating: nil, count: count) }

        func store(_ outcome: Outcome, at index: Int) -> Int {
            lock.lock(); defer { lock.unlock() }
            values[index] = outcome
            done += 1
            return done
        }

        func outcomes() -> [Outcome] { values.map { $0! } }
    }

    private final class Counter: @unchecked Sendable {
        private var value = 0
        private let lock = NSLock()
        func increment() -> Int {
            lock.lock(); defer { lock.unlock() }
            value += 1
            return value
        }
    }
}
