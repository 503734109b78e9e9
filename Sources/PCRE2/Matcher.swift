import CPCRE2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How much work one match attempt may do before it is abandoned.
///
/// Lexicons are untrusted: `(a+)+$` on a long run of `a`s would otherwise run for ages.
/// PCRE2 stops at these limits and the caller gets ``MatchError/limitExceeded(_:)``.
public struct MatchLimits: Sendable, Equatable {
    /// Backtracking steps (PCRE2's match limit; also enforced by JIT code).
    public var match: UInt32
    /// Nested backtracking depth (interpreter only).
    public var depth: UInt32
    /// Heap memory for backtracking, in KiB (interpreter only).
    public var heapKiB: UInt32

    public init(match: UInt32 = 1_000_000, depth: UInt32 = 100_000, heapKiB: UInt32 = 20_000) {
        self.match = match
        self.depth = depth
        self.heapKiB = heapKiB
    }

    public static let `default` = MatchLimits()
}

/// Why a match attempt failed for a reason other than "no match".
public enum MatchError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Limit: String, Sendable { case match, depth, heap, jitStack = "JIT stack", time }
    case limitExceeded(Limit)
    case failed(code: Int32, message: String)

    public var description: String {
        switch self {
        case .limitExceeded(let limit): return "the \(limit.rawValue) limit was exceeded"
        case .failed(_, let message): return message
        }
    }
}

/// One match: byte ranges into the subject.
public struct Match: Equatable, Sendable {
    /// The whole match.
    public let range: Range<Int>
    /// Capture groups 1...n; `nil` for a group that did not take part.
    public let groups: [Range<Int>?]

    public func group(_ number: Int) -> Range<Int>? {
        number == 0 ? range : (number <= groups.count ? groups[number - 1] : nil)
    }
}

/// Per-thread match state: match data, a match context with the limits, and a JIT stack.
///
/// Creating these costs allocations, so a matcher is made once and reused for every
/// pattern and every letter a thread checks. It is not thread-safe; make one per thread.
public final class Matcher {
    public let limits: MatchLimits
    private var matchData: OpaquePointer
    private var capacity: Int
    private let context: OpaquePointer
    private let jitStack: OpaquePointer?

    public init(limits: MatchLimits = .default) {
        self.limits = limits
        capacity = 16
        matchData = pcre2_match_data_create_8(UInt32(capacity), nil)
        context = pcre2_match_context_create_8(nil)
        pcre2_set_match_limit_8(context, limits.match)
        pcre2_set_depth_limit_8(context, limits.depth)
        pcre2_set_heap_limit_8(context, limits.heapKiB)
        // The default JIT stack (32 KiB on the machine stack) is small for long lexicon
        // alternations; 1 MiB leaves room while the match limit still bounds the work.
        jitStack = pcre2_jit_stack_create_8(32 * 1024, 1024 * 1024, nil)
        if let jitStack { pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack)) }
    }

    /// A CPU-time budget for the attempts that follow (see ``startBudget(nanoseconds:)``).
    private var budget: (wallStart: UInt64, cpuStart: UInt64, nanoseconds: UInt64)?

    /// From now on, ``firstMatch(of:in:from:to:)`` refuses with `.limitExceeded(.time)` once
    /// this thread has spent `nanoseconds` of CPU time. The match limit bounds one attempt;
    /// this bounds the many attempts one rule makes over one letter, such as a pattern that
    /// backtracks just under the match limit at each of thousands of places. CPU time, not
    /// wall time, so a busy machine never stops a rule that did little work.
    public func startBudget(nanoseconds: UInt64) {
        budget = (Matcher.clock(CLOCK_MONOTONIC), Matcher.clock(CLOCK_THREAD_CPUTIME_ID), nanoseconds)
    }

    /// Start positions tried per PCRE2 call while a budget is set.
    static let budgetSlice = 4096

    /// Removes the budget.
    public func clearBudget() { budget = nil }

    private var budgetExhausted: Bool {
        guard let budget else { return false }
        // The thread's CPU time never runs ahead of the wall clock, so the cheap clock
        // answers until the budget could have run out; only then is the thread's CPU time
        // (a system call) read.
        if Matcher.clock(CLOCK_MONOTONIC) &- budget.wallStart < budget.nanoseconds { return false }
        return Matcher.clock(CLOCK_THREAD_CPUTIME_ID) &- budget.cpuStart >= budget.nanoseconds
    }

    private static func clock(_ id: clockid_t) -> UInt64 {
        var now = timespec()
        clock_gettime(id, &now)
        return UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)
    }

    /// This thread's matcher with the default limits, made once per thread. Creating a
    /// matcher allocates match data, a context and a JIT stack; code that matches a few
    /// patterns per call (a glob, a tokenizer pass) uses this one instead.
    public static var current: Matcher {
        if let existing = ThreadMatcher.get() { return existing }
        let made = Matcher()
        ThreadMatcher.set(made)
        return made
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_match_context_free_8(context)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
    }

    /// The first match of `regex` in `subject[start..<end]`.
    ///
    /// Text before `start` is visible to lookbehinds; text from `end` on is not seen at all,
    /// so `$` and `\b` treat `end` as the end of the subject. `subject` must be valid UTF-8
    /// and `start` must be on a character boundary: Swift strings guarantee the first, and
    /// callers only pass offsets of earlier matches or of tokens.
    ///
    /// - Parameter lastStart: the match must start at or before this offset (it may end
    ///   anywhere up to `end`), so a search for matches that begin in one stretch of text
    ///   does not scan the rest; nil: anywhere up to `end`.
    public func firstMatch(of regex: Regex, in subject: UnsafeBufferPointer<UInt8>,
                           from start: Int = 0, to end: Int? = nil, lastStart: Int? = nil) throws(MatchError) -> Match? {
        let end = end ?? subject.count
        precondition(start >= 0 && start <= end && end <= subject.count, "match bounds outside the subject")
        let lastStart = min(lastStart ?? end, end)
        if lastStart < start { return nil }
        if budgetExhausted { throw .limitExceeded(.time) }
        if regex.captureCount + 1 > capacity {
            pcre2_match_data_free_8(matchData)
            capacity = regex.captureCount + 1
            matchData = pcre2_match_data_create_8(UInt32(capacity), nil)
        }
        let base = subject.baseAddress ?? Regex.emptySubject
        let options = regex.options.contains(.utf) ? PCRE2_NO_UTF_CHECK : 0
        var rc: Int32
        if budget == nil || lastStart - start <= Matcher.budgetSlice {
            if lastStart < end { pcre2_set_offset_limit_8(context, lastStart) }
            rc = pcre2_match_8(regex.code, base, end, start, options, matchData, context)
            if lastStart < end { pcre2_set_offset_limit_8(context, Int(bitPattern: UInt.max)) }
        } else {
            // One call tries every start position up to `end`, each bounded by the match
            // limit but not all of them together. Under a budget the start positions are
            // tried a slice at a time (PCRE2's offset limit: a match may start no later than
            // it, and still end anywhere), so the budget is checked between slices; the
            // first match found is the same.
            defer { pcre2_set_offset_limit_8(context, Int(bitPattern: UInt.max)) }
            var from = start
            while true {
                let limit = min(lastStart, from + Matcher.budgetSlice)
                pcre2_set_offset_limit_8(context, limit)
                rc = pcre2_match_8(regex.code, base, end, from, options, matchData, context)
                if rc != PCRE2_ERROR_NOMATCH || limit >= lastStart { break }
                from = limit + 1
                while from < end && subject[from] & 0xC0 == 0x80 { from += 1 }
                if budgetExhausted { throw .limitExceeded(.time) }
            }
        }
        if rc == PCRE2_ERROR_NOMATCH { return nil }
        if rc < 0 { throw Matcher.error(rc) }
        let ovector = pcre2_get_ovector_pointer_8(matchData)!
        let pairs = rc == 0 ? capacity : Int(rc)
        let range = ovector[0]..<ovector[1]
        var groups: [Range<Int>?] = []
        if regex.captureCount > 0 {
            groups.reserveCapacity(regex.captureCount)
            // PCRE2_UNSET is ~(size_t)0, which reads as -1 through Swift's Int.
            let unset = Int(bitPattern: UInt.max)
            for g in 1...regex.captureCount {
                let lo = ovector[2 * g], hi = ovector[2 * g + 1]
                groups.append(g < pairs && lo != unset && hi != unset ? lo..<hi : nil)
            }
        }
        return Match(range: range, groups: groups)
    }

    /// Every non-overlapping match in `subject[start..<end]`, left to right.
    public func allMatches(of regex: Regex, in subject: UnsafeBufferPointer<UInt8>,
                           from start: Int = 0, to end: Int? = nil) throws(MatchError) -> [Match] {
        let end = end ?? subject.count
        var position = start
        var result: [Match] = []
        while position <= end, let match = try firstMatch(of: regex, in: subject, from: position, to: end) {
            result.append(match)
            position = match.range.isEmpty ? Matcher.nextCharacter(after: match.range.upperBound, in: subject)
                                           : match.range.upperBound
        }
        return result
    }

    /// The offset of the character after the one starting at `offset` (UTF-8 aware).
    public static func nextCharacter(after offset: Int, in subject: UnsafeBufferPointer<UInt8>) -> Int {
        var next = offset + 1
        while next < subject.count && subject[next] & 0xC0 == 0x80 { next += 1 }
        return next
    }

    static func error(_ rc: Int32) -> MatchError {
        switch rc {
        case PCRE2_ERROR_MATCHLIMIT: return .limitExceeded(.match)
        case PCRE2_ERROR_DEPTHLIMIT: return .limitExceeded(.depth)
        case PCRE2_ERROR_HEAPLIMIT: return .limitExceeded(.heap)
        case PCRE2_ERROR_JIT_STACKLIMIT: return .limitExceeded(.jitStack)
        default: return .failed(code: rc, message: Regex.errorMessage(rc))
        }
    }
}

/// Per-thread storage for ``Matcher/current`` (a pthread key; the matcher is released when
/// its thread ends).
private enum ThreadMatcher {
    nonisolated(unsafe) static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            if let pointer { Unmanaged<Matcher>.fromOpaque(pointer).release() }
        }
        return key
    }()

    static func get() -> Matcher? {
        guard let pointer = pthread_getspecific(key) else { return nil }
        return Unmanaged<Matcher>.fromOpaque(pointer).takeUnretainedValue()
    }

    static func set(_ matcher: Matcher) {
        pthread_setspecific(key, Unmanaged.passRetained(matcher).toOpaque())
    }
}
