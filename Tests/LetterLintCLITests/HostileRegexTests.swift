import Foundation
import Testing

/// The "Reliability and security" issue, part 2: user lexicons are untrusted. A runaway
/// pattern is stopped per letter with a diagnostic naming the rule and the file, a folder
/// scan with one stays within a small multiple of its normal time, and a pattern over the
/// documented size limit is refused when the lexicon loads.
@Suite("hostile lexicons")
struct HostileRegexTests {
    static func lexicon(_ rules: [(id: String, pattern: String)]) -> String {
        "rules:\n" + rules.map { rule in
            """
              - id: \(rule.id)
                kind: phrase
                severity: warning
                scope: document
                description: A pattern someone got wrong.
                message: m
                reason: r
                patterns:
                  - '\(rule.pattern)'
                examples: {flag: [aaa], pass: ['!']}

            """
        }.joined()
    }

    @Test func catastrophicPatternsAreStoppedPerLetterAndAScanStaysWithinASmallMultiple() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Hostile.write(Self.lexicon([("tone.evil-nested", "(a+)+$"), ("tone.evil-words", #"(\w+\s?)*$"#)]),
                          to: folder.appending(path: "lexicons/evil.yml"))
        // Ordinary letters from the corpus, and the same letters with an attack appended:
        // one long run (the match limit stops it at once), thousands of runs each just
        // under the match limit (only the per-rule time budget stops those), and a long
        // run of words for the second pattern.
        let corpus = try FileManager.default.contentsOfDirectory(atPath: CLI.corpus.appending(path: "tech").path)
            .filter { $0.hasSuffix(".txt") }.sorted().prefix(6)
        #expect(corpus.count == 6)
        let attacks = [
            "one-run": "\n" + String(repeating: "a", count: 5_000) + "!\n",
            "many-runs": "\n" + String(repeating: String(repeating: "a", count: 17) + "! ", count: 4_000) + "\n",
            "words": "\n" + String(repeating: "a ", count: 20_000) + "!\n",
        ]
        var attacked: [String] = []
        for name in corpus {
            let text = try String(contentsOf: CLI.corpus.appending(path: "tech/" + name), encoding: .utf8)
            try Hostile.write(text, to: folder.appending(path: "drafts/" + name))
            for (kind, attack) in attacks.sorted(by: { $0.key < $1.key }) {
                let path = "drafts/\(kind)-\(name)"
                try Hostile.write(text + attack, to: folder.appending(path: path))
                attacked.append(path)
            }
        }
        let arguments = ["scan", "--format", "json", "--fail-on", "never", "--today", "2026-03-02", "drafts"]
        let normal = try Hostile.letterlint(arguments, in: folder, timeout: 300)
        Hostile.expectOrderly(normal, "scan without the lexicon")
        let evil = try Hostile.letterlint(["scan", "--lexicons", "lexicons"] + arguments.dropFirst(), in: folder, timeout: 300)
        Hostile.expectOrderly(evil, "scan with the runaway lexicon")
        #expect(evil.status == 0)
        #expect(try Hostile.files(evil.stdout).count == corpus.count * 4)
        // Within a small multiple of the normal scan (plus start-up slack for a loaded machine).
        #expect(evil.seconds < 4 * normal.seconds + 10 * Hostile.slowdown, "normal \(normal.seconds) s, with the runaway rules \(evil.seconds) s")
        for path in attacked {
            let stopped = evil.stderr.split(separator: "\n").filter { $0.contains("letterlint: \(path): warning: rule tone.evil-") }
            #expect(!stopped.isEmpty, "no diagnostic for \(path)")
            #expect(stopped.allSatisfy { $0.contains("was stopped because the") && $0.contains("limit was exceeded") })
        }
        // The bundled rules never come near a limit, on the attacks either. (The runaway
        // patterns do stop on ordinary letters: `(\w+\s?)*$` backtracks on any sentence.)
        #expect(!normal.stderr.contains("warning: rule"), "\(normal.stderr.prefix(500))")
    }

    @Test func thePerRuleTimeBudgetStopsWhatTheMatchLimitCannot() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Hostile.write(Self.lexicon([("tone.evil-nested", "(a+)+$")]), to: folder.appending(path: "evil.yml"))
        // 30,000 runs of 17 a's: each attempt stays under the match limit, together they
        // would take minutes.
        let attack = clean + String(repeating: String(repeating: "a", count: 17) + "! ", count: 30_000)
        let out = try Hostile.letterlint(["check", "--lexicons", "evil.yml", "-"], in: folder, stdin: Data(attack.utf8), timeout: 300)
        Hostile.expectOrderly(out, "check with (a+)+$")
        #expect(out.status == 0)
        #expect(out.seconds < 30 * Hostile.slowdown, "took \(out.seconds) s")
        #expect(out.stderr.contains("letterlint: <stdin>: warning: rule tone.evil-nested was stopped because the time limit was exceeded"))
    }

    @Test func aPatternOverTheSizeLimitOrNestedTooDeeplyIsRefusedAtLoad() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cases = [
            ("huge.yml", String(repeating: "a", count: 64 * 1024 + 1), "longer than the limit"),
            ("deep.yml", String(repeating: "(", count: 5_000) + "a" + String(repeating: ")", count: 5_000), "nested"),
        ]
        for (file, pattern, message) in cases {
            try Hostile.write(Self.lexicon([("tone.too-much", pattern)]), to: folder.appending(path: file))
            let out = try Hostile.letterlint(["check", "--lexicons", file, "-"], in: folder, stdin: Data(clean.utf8), timeout: 60)
            Hostile.expectOrderly(out, file)
            #expect(out.status == 2)
            #expect(out.stdout.isEmpty)
            #expect(out.stderr.contains("\(file):10: "), "\(out.stderr.prefix(300))")
            #expect(out.stderr.contains(message), "\(out.stderr.prefix(300))")
            #expect(out.stderr.utf8.count < 1_000, "the error repeats the whole pattern: \(out.stderr.utf8.count) bytes")
        }
        // Under the limit loads.
        // (Well under: a pattern near 64 KiB can still compile to more than PCRE2's compiled
        // size limit, which is refused the same way, "regular expression is too large".)
        let fits = String(repeating: "a", count: 16 * 1024)
        try Hostile.write(Self.lexicon([("tone.big-but-fine", fits)]), to: folder.appending(path: "fits.yml"))
        let out = try Hostile.letterlint(["check", "--lexicons", "fits.yml", "-"], in: folder, stdin: Data(clean.utf8), timeout: 60)
        Hostile.expectOrderly(out, "fits.yml")
        #expect(out.status == 0, "\(out.stderr.prefix(300))")
    }
}
