import Foundation

/// A one-line progress bar on standard error: files done of total, rate and time left.
/// Drawn only when standard error is a terminal, and at most ten times a second.
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private let start = Date()
    private var lastDraw = Date.distantPast
    private let enabled = isatty(STDERR_FILENO) == 1
    private var drawn = false
    /// The highest count reported: workers report as they finish, so a smaller count can
    /// arrive after a larger one, and the bar must not step back.
    private var highest = 0

    func update(done: Int, total: Int) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        guard done >= highest else { return }
        highest = done
        let now = Date()
        guard done == total || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let elapsed = max(now.timeIntervalSince(start), 0.001)
        let rate = Double(done) / elapsed
        let left = rate > 0 ? Double(total - done) / rate : 0
        let width = 30
        let filled = total > 0 ? width * done / total : width
        let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
        let line = String(format: "\r[%@] %d/%d files  %.0f files/s  %@ left ", bar, done, total, rate, ProgressBar.duration(left))
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }

    /// Runs `body`, which writes to the terminal, with the bar's line cleared first, so a
    /// report or a message written while letters are still being checked does not land in
    /// the middle of the bar. The next update draws the bar again, below what was written.
    func clearingLine(_ body: () -> Void) {
        guard enabled else { return body() }
        lock.lock(); defer { lock.unlock() }
        if drawn {
            FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
            drawn = false
            lastDraw = .distantPast
        }
        body()
    }

    func finish() {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        guard drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) // clear the line for the report
        drawn = false
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 60 ? "\(s / 60)m\(s % 60)s" : "\(s)s"
    }
}
