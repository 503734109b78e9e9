import Foundation
import LetterLintFixtures
import Testing

/// The "Reliability and security" issue, part 4: letterlint opens no network connection,
/// never prints a credential in full (in any report format, a baseline or a message), and
/// writes nothing but the files the user named: no cache, no temporary file left behind.
@Suite("privacy")
struct PrivacyTests {
    /// Credentials the bundled lexicons flag, each in its own sentence.
    static let secrets = [
        "AKIAFAKEEXAMPLE12345",
        "sk-proj-FAKEfakeFAKEfake0123456789abcd9f2Q",
        "ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake0123",
        "hf_FAKEfakeFAKEfakeFAKEfakeFAKEfake12",
        "FAKEpass123",
    ]

    static let leakyLetter = """
        Dear Priya,

        I am writing to resign from my position as Machine Learning Engineer at Northwind Analytics. \
        My last working day will be Friday, 20 March 2026.

        The deploy user is AKIAFAKEEXAMPLE12345 and it still has admin rights. \
        The evaluation jobs call the API with sk-proj-FAKEfakeFAKEfake0123456789abcd9f2Q until the new account is set up. \
        The CI bot authenticates with ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake0123 on the model repo.
        You can pull the private checkpoints with hf_FAKEfakeFAKEfakeFAKEfakeFAKEfake12 in the meantime.
        The scoring jobs read from postgres://ml_reader:FAKEpass123@db.prod.internal:5432/features every night.

        Thank you for the chance to build the fraud detection model with this team.

        Before I leave, I will document the feature pipeline and brief Sam on the retraining jobs.

        Sincerely,
        Alex Kim

        """

    /// Every 10-character piece of every secret: a mask shows at most its first three and
    /// last four characters, so any of these in an output is a leak.
    static let leakProbes: [String] = secrets.flatMap { secret in
        let scalars = Array(secret.unicodeScalars)
        return (0...(scalars.count - 10)).map { String(String.UnicodeScalarView(scalars[$0..<$0 + 10])) }
    }

    static func expectNoLeak(_ text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let leaked = leakProbes.filter { text.contains($0) }
        #expect(leaked.isEmpty, "\(what) shows a secret: \(leaked.prefix(3))", sourceLocation: sourceLocation)
    }

    static let today = ["--today", "2026-03-02"]

    // MARK: Network

    /// Every command letterlint has, run over the corpus or a letter.
    static func commands(letter: String, corpus: String) -> [[String]] {
        [
            ["check", "--format", "json", "--fail-on", "never"] + today + [corpus],
            ["scan", "--format", "sarif", "--fail-on", "never"] + today + [corpus],
            ["fix", "--fail-on", "never"] + today + [corpus],
            ["rules", "test"],
            ["rules", "explain", "disclosure.secret"],
            ["debug", "tokens", letter],
            ["debug", "dates"] + today + [letter],
            ["rewrite", letter, "--style", "open-door", "--tone", "neutral"],
            ["draft", "--no-input", "--name", "Alex Kim"],
            ["checklist", "--industry", "tech"],
        ]
    }

    @Test func noCommandOpensASocketOrWritesAFileAcrossTheWholeCorpus() throws {
        let strace = try #require(Spawn.resolve("strace"),
                                  "strace is needed to prove letterlint opens no socket (apt-get install strace); this test never skips")
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Hostile.write(Self.leakyLetter, to: folder.appending(path: "letter.txt"))
        let calls = "trace=%network,open,openat,creat,mkdir,mkdirat,rename,renameat,renameat2,unlink,unlinkat,link,linkat,symlink,symlinkat,truncate"
        func traced(_ argv: [String], log: String) throws -> (run: Spawned, calls: [String]) {
            let logURL = folder.appending(path: log)
            let run = try Spawn.run([strace, "-f", "-qq", "-e", calls, "-o", logURL.path] + argv, environment: Hostile.underTracer,
                                    in: folder, timeout: 600)
            let lines = (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
            try? FileManager.default.removeItem(at: logURL)
            return (run, lines.split(separator: "\n").map(String.init))
        }

        // The tracer works here: a shell opening a TCP socket is seen.
        let control = try traced(["/bin/bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9 || true"], log: "control.log")
        #expect(control.calls.contains { $0.contains("socket(AF_INET") }, "strace saw no socket: \(control.calls.prefix(5))")

        for (index, arguments) in Self.commands(letter: "letter.txt", corpus: CLI.corpus.path).enumerated() {
            let (run, lines) = try traced([CLI.binary.path] + arguments, log: "trace-\(index).log")
            let what = arguments.prefix(3).joined(separator: " ")
            Hostile.expectOrderly(run, what)
            #expect(run.status == 0, "\(what): \(run.stderr.prefix(500))")
            let network = lines.filter { line in
                ["socket(", "connect(", "sendto(", "sendmsg(", "bind(", "listen(", "accept"].contains { line.contains($0) }
            }
            #expect(network.isEmpty, "\(what) used the network: \(network.prefix(5))")
            let writes = lines.filter { line in
                // ThreadSanitizer's runtime makes and removes a scratch file before main.
                if line.contains("/tsan.rodata.") { return false }
                if line.contains("open") { return ["O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC"].contains { line.contains($0) } && !line.contains("\"/dev/null\"") }
                return !line.contains("= -1") // a failed mkdir or unlink changed nothing
            }
            #expect(writes.isEmpty, "\(what) wrote to the file system: \(writes.prefix(5))")
        }
    }

    // MARK: Nothing left behind

    @Test func tmpdirAndHomeStayEmptyAndOnlyTheNamedFilesChange() throws {
        let root = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let fm = FileManager.default
        let home = root.appending(path: "home"), tmp = root.appending(path: "tmp"), letters = root.appending(path: "letters")
        for dir in [home, tmp, letters] { try fm.createDirectory(at: dir, withIntermediateDirectories: true) }
        let environment = ["HOME": home.path, "TMPDIR": tmp.path, "XDG_CACHE_HOME": home.appending(path: ".cache").path,
                           "XDG_CONFIG_HOME": home.appending(path: ".config").path, "XDG_DATA_HOME": home.appending(path: ".local/share").path]
        try Hostile.write(Self.leakyLetter, to: letters.appending(path: "draft.txt"))
        try Hostile.write(risky, to: letters.appending(path: "notes/other.md"))
        try Hostile.write(ZipFixture.docx(paragraphs: ["Dear Priya,", "I'll be joining Anthropic next month."]), to: letters.appending(path: "word.docx"))
        func snapshot() -> [String: Data] {
            Dictionary(uniqueKeysWithValues: Hostile.listing(letters).map { ($0, fm.contents(atPath: letters.appending(path: $0).path) ?? Data()) })
        }
        let before = snapshot()
        func run(_ arguments: [String]) throws -> Spawned {
            let out = try Spawn.run([CLI.binary.path] + arguments, environment: environment, in: letters, timeout: 300)
            Hostile.expectOrderly(out, arguments.prefix(2).joined(separator: " "))
            return out
        }
        for arguments in Self.commands(letter: "draft.txt", corpus: ".") + [["check", "--stdin-format", "docx", "-"]] {
            _ = try run(arguments)
            #expect(Hostile.listing(home).isEmpty, "\(arguments.prefix(2)) wrote to HOME: \(Hostile.listing(home))")
            #expect(Hostile.listing(tmp).isEmpty, "\(arguments.prefix(2)) left files in TMPDIR: \(Hostile.listing(tmp))")
            #expect(snapshot() == before, "\(arguments.prefix(2)) changed the letters' folder: \(Hostile.listing(letters))")
        }

        // What the user names is all that is written.
        _ = try run(["check", "--format", "sarif", "--output", "report.sarif", "--fail-on", "never", "."])
        #expect(Set(Hostile.listing(letters)) == Set(before.keys).union(["report.sarif"]))
        _ = try run(["check", "--write-baseline", "baseline.json", "."])
        #expect(Set(Hostile.listing(letters)) == Set(before.keys).union(["report.sarif", "baseline.json"]))
        let fixed = try run(["fix", "--write"] + Self.today + ["draft.txt"])
        #expect(fixed.status != 2, "\(fixed.stderr)")
        #expect(Set(Hostile.listing(letters)) == Set(before.keys).union(["report.sarif", "baseline.json"]))
        let after = snapshot()
        #expect(after["draft.txt"] != before["draft.txt"], "fix --write changed nothing")
        for (path, data) in before where path != "draft.txt" { #expect(after[path] == data, "\(path) changed") }
        #expect(Hostile.listing(home).isEmpty && Hostile.listing(tmp).isEmpty)

        // `init` writes the one file it is for, in the current folder.
        let project = root.appending(path: "project")
        try fm.createDirectory(at: project, withIntermediateDirectories: true)
        let initialized = try Spawn.run([CLI.binary.path, "init"], environment: environment, in: project, timeout: 60)
        Hostile.expectOrderly(initialized, "init")
        #expect(Hostile.listing(project) == [".letterlint.yml"])
        #expect(Hostile.listing(home).isEmpty && Hostile.listing(tmp).isEmpty, "init left files in HOME or TMPDIR")
    }

    // MARK: Redaction

    @Test func secretsAreMaskedInEveryFormatInBaselinesAndInMessages() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Hostile.write(Self.leakyLetter, to: folder.appending(path: "draft.txt"))
        // The same letter as an e-mail with a quoted-printable body, and as Word.
        let qp = Self.leakyLetter.replacingOccurrences(of: "=", with: "=3D").replacingOccurrences(of: "\n", with: "\r\n")
        try Hostile.write("From: alex@example.com\r\nTo: priya@example.com\r\nSubject: Resignation\r\nDate: Mon, 2 Mar 2026 09:00:00 +0000\r\n"
                          + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" + qp,
                          to: folder.appending(path: "mail.eml"))
        try Hostile.write(ZipFixture.docx(paragraphs: Self.leakyLetter.components(separatedBy: "\n")), to: folder.appending(path: "word.docx"))
        // A runaway user rule, so a diagnostic is printed about a letter full of secrets.
        try Hostile.write(HostileRegexTests.lexicon([("tone.evil-words", "(\\w+\\s?)*$")]), to: folder.appending(path: "lexicons/evil.yml"))

        for name in ["draft.txt", "mail.eml", "word.docx"] {
            let json = try Hostile.letterlint(["check", "--format", "json"] + Self.today + [name], in: folder)
            let rules = try Hostile.files(json.stdout).first?.findings.compactMap { $0["rule"] as? String } ?? []
            // Each secret is found, or the rest of this test proves nothing.
            #expect(rules.filter { $0 == "disclosure.secret" || $0 == "disclosure.password" }.count >= Self.secrets.count, "\(name): \(rules)")
            for format in ["human", "gnu", "json", "sarif", "github", "junit", "checkstyle"] {
                let out = try Hostile.letterlint(["check", "--format", format] + Self.today + [name], in: folder)
                Hostile.expectOrderly(out, "\(name) as \(format)")
                #expect(out.status == 1, "\(name) as \(format): \(out.stderr.prefix(300))")
                Self.expectNoLeak(out.stdout, "\(name) as \(format), stdout")
                Self.expectNoLeak(out.stderr, "\(name) as \(format), stderr")
                let file = "report-\(format)-\(name)"
                let written = try Hostile.letterlint(["check", "--format", format, "--output", file] + Self.today + [name], in: folder)
                #expect(written.status == 1)
                let report = try String(contentsOf: folder.appending(path: file), encoding: .utf8)
                #expect(!report.isEmpty)
                Self.expectNoLeak(report, "\(name) as \(format) in --output")
            }
        }
        let human = try Hostile.letterlint(["check"] + Self.today + ["draft.txt"], in: folder)
        #expect(human.stdout.contains("AKI…2345") || human.stdout.contains("sk-…9f2Q"), "no mask shown: \(human.stdout.prefix(800))")

        let baseline = try Hostile.letterlint(["check", "--write-baseline", "baseline.json", "draft.txt", "mail.eml", "word.docx"], in: folder)
        Hostile.expectOrderly(baseline, "--write-baseline")
        let recorded = try String(contentsOf: folder.appending(path: "baseline.json"), encoding: .utf8)
        #expect(recorded.contains("disclosure.secret"))
        Self.expectNoLeak(recorded, "the baseline")
        Self.expectNoLeak(baseline.stderr, "--write-baseline's messages")

        for arguments in [["fix"] + Self.today + ["draft.txt"], ["debug", "tokens", "draft.txt"], ["debug", "dates"] + Self.today + ["draft.txt"],
                          ["rewrite", "draft.txt", "--style", "open-door", "--tone", "neutral"], ["scan", "--format", "json", "."],
                          ["check", "--quiet", "-"]] {
            let out = try Hostile.letterlint(arguments, in: folder, stdin: Data(Self.leakyLetter.utf8))
            Hostile.expectOrderly(out, arguments.prefix(2).joined(separator: " "))
            Self.expectNoLeak(out.stdout, "\(arguments.prefix(2)) stdout")
            Self.expectNoLeak(out.stderr, "\(arguments.prefix(2)) stderr")
        }
        let attacked = Self.leakyLetter + String(repeating: "a ", count: 20_000) + "!\n"
        for format in ["human", "json"] {
            let arguments = ["check", "--format", format, "--lexicons", "lexicons", "-"]
            let out = try Hostile.letterlint(arguments, in: folder, stdin: Data(attacked.utf8))
            Hostile.expectOrderly(out, "a stopped rule's diagnostic")
            #expect(out.stderr.contains("<stdin>: warning: rule tone.evil-words was stopped"))
            Self.expectNoLeak(out.stdout, "\(format) with a stopped rule, stdout")
            Self.expectNoLeak(out.stderr, "\(format) with a stopped rule, stderr")
        }
    }
}
