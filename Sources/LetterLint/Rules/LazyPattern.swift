import Foundation
import PCRE2

/// A pattern compiled the first time a letter needs it. Most letters need few of the
/// hundreds of bundled patterns, so compiling all of them at start-up (and JIT-compiling
/// them) would dominate a single-letter check. Bundled patterns are proven to compile by
/// the test suite; user lexicons are compiled eagerly at load, so their errors are still
/// reported at file:line before anything is checked.
final class LazyPattern: @unchecked Sendable {
    /// The full source as compiled: the rule's `define`, then `body`.
    let source: String
    let define: String
    /// The pattern's own text. Split off by UTF-8 bytes, not characters: a body starting with
    /// a combining mark would otherwise merge with the end of `define` into one character.
    var body: String { String(decoding: source.utf8.dropFirst(define.utf8.count), as: UTF8.self) }
    let options: Regex.Options
    private let jit: Bool
    private let lock = NSLock()
    private var compiled: Regex?
    private var failure: PatternError?

    init(source: String, define: String = "", options: Regex.Options, jit: Bool, compiled: Regex? = nil) {
        self.source = source
        self.define = define
        self.options = options
        self.jit = jit
        self.compiled = compiled
    }

    /// The compiled pattern; nil if it does not compile (only possible for a bundled
    /// pattern that escaped the tests, and then the rule is skipped with a diagnostic).
    var regex: Regex? {
        lock.lock(); defer { lock.unlock() }
        if compiled == nil && failure == nil {
            do { compiled = try Regex(source, options: options, jit: jit) } catch { failure = error }
        }
        return compiled
    }

    var error: PatternError? {
        _ = regex
        return failure
    }
}
