import Testing
@testable import PCRE2

@Suite("PCRE2 wrapper")
struct RegexTests {
    func matches(_ pattern: String, _ text: String, options: Regex.Options = .lexiconDefault) throws -> [Range<Int>] {
        let regex = try Regex(pattern, options: options)
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { try Matcher().allMatches(of: regex, in: $0).map(\.range) }
    }

    @Test func matchesAreUTF8ByteRanges() throws {
        // "Zoë — " is 9 bytes but 6 characters: ranges must count bytes.
        let ranges = try matches(#"\btook\s+credit\b"#, "Zoë — he took credit")
        #expect(ranges == [12..<23])
    }

    @Test func caselessByDefaultAndCaseSensitiveOnRequest() throws {
        #expect(try matches("openai", "OpenAI").count == 1)
        #expect(try matches("openai", "OpenAI", options: [.utf, .ucp]).isEmpty)
    }

    @Test func unicodeWordBoundaries() throws {
        // With UCP, \w covers "ë", so "Zoë" is one word and "o" is not at a boundary.
        #expect(try matches(#"\bZo\b"#, "Zoë").isEmpty)
        #expect(try matches(#"\bZoë\b"#, "Zoë").count == 1)
    }

    @Test func badPatternReportsOffset() {
        #expect(throws: PatternError.self) { try Regex("took (credit") }
        do {
            _ = try Regex("ab[c")
            Issue.record("expected a compile error")
        } catch {
            #expect(error.offset == 4)
            #expect(error.message.contains("missing terminating ]"))
        }
    }

    @Test func tooLongPatternIsRefused() {
        let huge = String(repeating: "a", count: Regex.maxPatternLength + 1)
        #expect(throws: PatternError.self) { try Regex(huge) }
    }

    @Test func namedGroups() throws {
        let regex = try Regex(#"key:\s*(?<secret>\S+)"#)
        let bytes = Array("my key: abc123".utf8)
        let match = try #require(try bytes.withUnsafeBufferPointer { try Matcher().firstMatch(of: regex, in: $0) })
        let group = try #require(regex.groupNumber(named: "secret"))
        #expect(match.group(group) == 8..<14)
        #expect(regex.groupNumber(named: "nope") == nil)
    }

    @Test func aGroupThatDidNotTakePartIsNil() throws {
        // Group 1 is unset, group 2 is set: the unset one must not come back as a range.
        let regex = try Regex(#"(?:(a)|(b))c"#)
        let bytes = Array("bc".utf8)
        let match = try #require(try bytes.withUnsafeBufferPointer { (buffer) throws in try Matcher().firstMatch(of: regex, in: buffer) })
        #expect(match.group(1) == nil)
        #expect(match.group(2) == 0..<1)
    }

    @Test func subjectEndIsAHardLimitButLookbehindSeesBeforeStart() throws {
        let regex = try Regex(#"(?<=my )work\b"#)
        let bytes = Array("my work is done".utf8)
        try bytes.withUnsafeBufferPointer { (buffer) throws in
            let matcher = Matcher()
            #expect(try matcher.firstMatch(of: regex, in: buffer, from: 3)?.range == 3..<7)
            // Cut inside the word: "wor" alone does not match.
            #expect(try matcher.firstMatch(of: regex, in: buffer, from: 3, to: 6) == nil)
        }
    }

    @Test func catastrophicPatternHitsTheMatchLimitInsteadOfHanging() throws {
        let regex = try Regex(#"(a+)+$"#)
        let bytes = Array((String(repeating: "a", count: 5000) + "!").utf8)
        let matcher = Matcher(limits: MatchLimits(match: 100_000))
        #expect(throws: MatchError.limitExceeded(.match)) {
            _ = try bytes.withUnsafeBufferPointer { try matcher.firstMatch(of: regex, in: $0) }
        }
    }

    @Test func emptyMatchesAdvanceByWholeCharacters() throws {
        // An empty pattern matches between characters, never inside "ë" or "—".
        let ranges = try matches("", "ë—")
        #expect(ranges.map(\.lowerBound) == [0, 2, 5])
    }

    @Test func escapeMakesLiteralPatterns() throws {
        let name = "Character.AI (beta)"
        #expect(try matches(Regex.escape(name), "at Character.AI (beta) now").count == 1)
        #expect(try matches(Regex.escape(name), "at CharacterXAI (beta) now").isEmpty)
    }

    @Test func matcherGrowsForPatternsWithManyGroups() throws {
        let pattern = (1...40).map { "(\($0))" }.joined()
        let text = (1...40).map(String.init).joined()
        let regex = try Regex(pattern)
        let bytes = Array(text.utf8)
        let match = try #require(try bytes.withUnsafeBufferPointer { try Matcher().firstMatch(of: regex, in: $0) })
        #expect(match.groups.count == 40)
        #expect(match.group(40) != nil)
    }
}
