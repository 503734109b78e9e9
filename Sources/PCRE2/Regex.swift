import CPCRE2

/// A PCRE2 pattern compiled once, for the 8-bit (UTF-8) library.
///
/// This module is the only code in letterlint that talks to C. Everything above it sees
/// patterns, UTF-8 byte ranges and typed errors.
///
/// A compiled pattern is immutable after `init` (PCRE2 documents compiled code, including
/// its JIT code, as safe to share between threads), which is why the class is
/// `@unchecked Sendable`. Per-match state lives in a ``Matcher``, one per thread.
public final class Regex: @unchecked Sendable {
    /// The pattern as written.
    public let pattern: String
    /// The options it was compiled with.
    public let options: Options
    /// Number of capture groups (group 0, the whole match, not counted).
    public let captureCount: Int
    /// Whether JIT compilation succeeded; matching falls back to the interpreter otherwise.
    public let isJITCompiled: Bool

    let code: OpaquePointer
    private let names: [String: Int]

    public struct Options: OptionSet, Sendable, Hashable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }

        public static let caseless = Options(rawValue: PCRE2_CASELESS)
        public static let multiline = Options(rawValue: PCRE2_MULTILINE)
        public static let dotAll = Options(rawValue: PCRE2_DOTALL)
        public static let extended = Options(rawValue: PCRE2_EXTENDED)
        /// Treat the pattern and subjects as UTF-8.
        public static let utf = Options(rawValue: PCRE2_UTF)
        /// Unicode properties for `\w`, `\d`, `\b` and POSIX classes.
        public static let ucp = Options(rawValue: PCRE2_UCP)
        /// Literal text, no metacharacters.
        public static let literal = Options(rawValue: PCRE2_LITERAL)

        /// What letterlint's lexicons use: Unicode-aware, line anchors, case-insensitive.
        public static let lexiconDefault: Options = [.utf, .ucp, .multiline, .caseless]
    }

    /// Longest pattern accepted, in bytes. Lexicons are untrusted input; a pattern this
    /// long is a mistake or an attack, and PCRE2 refuses it before building anything.
    public static let maxPatternLength = 64 * 1024

    /// Compiles `pattern`.
    /// - Parameter jit: JIT-compile the pattern. JIT costs compile time and pays off when a
    ///   pattern is run many times; it is skipped quietly where the platform lacks it.
    public init(_ pattern: String, options: Options = .lexiconDefault, jit: Bool = true) throws(PatternError) {
        self.pattern = pattern
        self.options = options
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        let context = pcre2_compile_context_create_8(nil)
        defer { pcre2_compile_context_free_8(context) }
        pcre2_set_max_pattern_length_8(context, Regex.maxPatternLength)
        // Lines end as a letter's lines end (LF, CR LF or a lone CR, as ``Document`` splits
        // them): with PCRE2's default (LF only), `^` never matched after a lone CR and `$`
        // never before a CR LF.
        pcre2_set_newline_8(context, UInt32(PCRE2_NEWLINE_ANYCRLF))
        let utf8 = Array(pattern.utf8)
        let compiled = utf8.withUnsafeBufferPointer { buffer in
            // PCRE2_USE_OFFSET_LIMIT lets a matcher under a time budget search in slices.
            pcre2_compile_8(buffer.baseAddress ?? Regex.emptySubject, buffer.count, options.rawValue | PCRE2_USE_OFFSET_LIMIT,
                            &errorCode, &errorOffset, context)
        }
        guard let compiled else {
            throw PatternError(code: errorCode, message: Regex.errorMessage(errorCode), offset: errorOffset, pattern: pattern)
        }
        code = compiled
        var count: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        captureCount = Int(count)
        names = Regex.readNameTable(compiled)
        isJITCompiled = jit && pcre2_jit_compile_8(compiled, PCRE2_JIT_COMPLETE) == 0
    }

    deinit { pcre2_code_free_8(code) }

    /// The number of the capture group called `name`, if the pattern has one.
    public func groupNumber(named name: String) -> Int? { names[name] }

    /// `text` with every metacharacter escaped, for building a pattern from literal names.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for ch in text.unicodeScalars {
            if "\\^$.|?*+()[]{}-#/".unicodeScalars.contains(ch) { out.append("\\") }
            out.unicodeScalars.append(ch)
        }
        return out
    }

    /// PCRE2's own text for an error code.
    public static func errorMessage(_ code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = buffer.withUnsafeMutableBufferPointer { pcre2_get_error_message_8(code, $0.baseAddress, $0.count) }
        guard length > 0 else { return "PCRE2 error \(code)" }
        return String(decoding: buffer[0..<Int(length)], as: UTF8.self)
    }

    /// A valid pointer for empty subjects and patterns (PCRE2 rejects NULL with length 0
    /// in some versions). Never written after creation, so sharing it is safe.
    nonisolated(unsafe) static let emptySubject: UnsafePointer<UInt8> = {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        p.initialize(to: 0)
        return UnsafePointer(p)
    }()

    private static func readNameTable(_ code: OpaquePointer) -> [String: Int] {
        var count: UInt32 = 0
        var entrySize: UInt32 = 0
        var table: UnsafePointer<UInt8>? = nil
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMECOUNT), &count)
        guard count > 0 else { return [:] }
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMEENTRYSIZE), &entrySize)
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMETABLE), &table)
        guard let table else { return [:] }
        var result: [String: Int] = [:]
        for i in 0..<Int(count) {
            let entry = table + i * Int(entrySize)
            let number = Int(entry[0]) << 8 | Int(entry[1])
            var end = 2
            while end < Int(entrySize) && entry[end] != 0 { end += 1 }
            let name = String(decoding: UnsafeBufferPointer(start: entry + 2, count: end - 2), as: UTF8.self)
            result[name] = number
        }
        return result
    }
}

/// A pattern that did not compile: PCRE2's message and the byte offset in the pattern
/// where it gave up.
public struct PatternError: Error, Equatable, CustomStringConvertible, Sendable {
    public let code: Int32
    public let message: String
    /// Byte offset into the pattern.
    public let offset: Int
    public let pattern: String

    public var description: String { "\(message) at offset \(offset) of the pattern" }
}
