import Foundation

/// The timed comparison: letterlint against pcre2grep (one letter) and ripgrep (a folder),
/// in the same run, with warm-up and repetitions, reporting medians, MB/s, ratios and peak
/// memory, and whether each target of the performance issue is met.
struct Benchmark {
    var letters = 10_000
    var runs = 5
    var singleRuns = 30
    var binary = ".build/release/letterlint"
    var work = NSTemporaryDirectory() + "letterlint-bench"
    var quick = false

    init(arguments: [String]) {
        var i = 0
        while i < arguments.count {
            let a = arguments[i], value = i + 1 < arguments.count ? arguments[i + 1] : ""
            switch a {
            case "--letters": letters = Int(value) ?? letters; i += 1
            case "--runs": runs = Int(value) ?? runs; i += 1
            case "--binary": binary = value; i += 1
            case "--work": work = value; i += 1
            case "--quick": quick = true; letters = 300; runs = 2; singleRuns = 5
            default: break
            }
            i += 1
        }
    }

    struct Timing {
        let median: Double // seconds
        let peakKB: Int?
    }

    func run() -> Int32 {
        let fm = FileManager.default
        try? fm.removeItem(atPath: work)
        try? fm.createDirectory(atPath: work, withIntermediateDirectories: true)
        let corpus = work + "/corpus", half = work + "/half", tenth = work + "/tenth"
        let patterns = work + "/patterns.txt", lexicon = work + "/companies.yml"
        let bytes: Int, halfBytes: Int
        do {
            bytes = try CorpusGenerator.write(count: letters, seed: 42, to: corpus)
            halfBytes = try CorpusGenerator.write(count: letters / 2, seed: 42, to: half)
            _ = try CorpusGenerator.write(count: max(letters / 10, 1), seed: 42, to: tenth)
            try CorpusGenerator.companyLexicon(count: 5000, seed: 7).write(toFile: lexicon, atomically: true, encoding: .utf8)
        } catch {
            print("error: cannot prepare the benchmark files: \(error)")
            return 2
        }
        guard let exported = capture([binary, "rules", "--patterns"]) else {
            print("error: \(binary) rules --patterns failed; build it with: swift build -c release")
            return 2
        }
        try? exported.write(toFile: patterns, atomically: true, encoding: .utf8)
        // ripgrep joins all -f patterns into one regex, which PCRE2 refuses as too large for
        // this many patterns, and its own engine has no lookbehind: it gets a pattern file of
        // the same size, one literal per pattern (the pattern's longest word).
        let rgPatterns = work + "/patterns-rg.txt"
        try? exported.split(separator: "\n").map { Benchmark.longestWord(String($0)) }
            .joined(separator: "\n").write(toFile: rgPatterns, atomically: true, encoding: .utf8)
        let patternCount = exported.split(separator: "\n").count
        let letter = corpus + "/batch-000/letter-00000.txt"
        let letterBytes = (try? fm.attributesOfItem(atPath: letter)[.size] as? Int) ?? 0

        print("letterlint benchmark: \(letters) letters, \(format(bytes: bytes)), \(patternCount) patterns (letterlint rules --patterns), \(ProcessInfo.processInfo.activeProcessorCount) cores")
        print("medians of \(runs) runs after a warm-up (single letter: \(singleRuns) runs)\n")

        let check = [binary, "check", "--format", "json", "--fail-on", "never"]
        let single = time(check + [letter], runs: singleRuns)
        let grepSingle = time(["pcre2grep", "-i", "-c", "-f", patterns, letter], runs: singleRuns, okStatus: [0, 1])
        let batch = time(check + [corpus], runs: runs)
        let rg = time(["rg", "--no-unicode", "-i", "-c", "-f", rgPatterns, corpus], runs: runs, okStatus: [0, 1])
        let grepBatch = time(["pcre2grep", "-r", "-i", "-c", "-f", patterns, corpus], runs: max(1, runs / 2), okStatus: [0, 1])
        let names = time(check + ["--lexicons", lexicon, corpus], runs: runs)
        let halfRun = time(check + [half], runs: runs)
        let tenthRun = time(check + [tenth], runs: runs)

        var rows: [[String]] = [["measure", "median", "throughput", "peak memory", "target", "met"]]
        func ms(_ t: Timing?) -> String { t.map { String(format: "%.1f ms", $0.median * 1000) } ?? "n/a" }
        func mbs(_ t: Timing?, _ b: Int) -> String { t.map { String(format: "%.0f MB/s", Double(b) / 1e6 / $0.median) } ?? "n/a" }
        func mem(_ t: Timing?) -> String { t?.peakKB.map { String(format: "%.1f MB", Double($0) / 1024) } ?? "n/a" }
        var allMet = true
        func verdict(_ ok: Bool?) -> String {
            guard let ok else { allMet = false; return "n/a" }
            if !ok { allMet = false }
            return ok ? "yes" : "NO"
        }

        let singleOK = single.map { s in s.median <= 0.008 && (grepSingle.map { s.median < $0.median } ?? false) }
        rows.append(["check one letter (\(letterBytes) B)", ms(single), "", mem(single), "≤ 8 ms and < pcre2grep", verdict(singleOK)])
        rows.append(["pcre2grep -i -f, same letter", ms(grepSingle), "", mem(grepSingle), "", ""])
        let batchRatio = batch.flatMap { b in rg.map { b.median / $0.median } }
        let batchOK = batch.map { Double(bytes) / 1e6 / $0.median >= 150 && (batchRatio.map { $0 <= 1.3 } ?? false) }
        rows.append(["check folder", ms(batch), mbs(batch, bytes), mem(batch),
                     "≥ 150 MB/s, ≤ 1.3× rg" + (batchRatio.map { String(format: " (%.2f×)", $0) } ?? ""), verdict(batchOK)])
        rows.append(["rg --no-unicode -i -c -f (same-size file)", ms(rg), mbs(rg, bytes), mem(rg), "", ""])
        rows.append(["pcre2grep -r -i -c -f (same patterns)", ms(grepBatch), mbs(grepBatch, bytes), mem(grepBatch), "", ""])
        let nameRatio = names.flatMap { n in batch.map { n.median / $0.median } }
        rows.append(["check folder + 5,000-name lexicon", ms(names), mbs(names, bytes), mem(names),
                     "≤ 1.3× plain" + (nameRatio.map { String(format: " (%.2f×)", $0) } ?? ""), verdict(nameRatio.map { $0 <= 1.3 })])
        let linear = halfRun.flatMap { h in batch.map { ($0.median / h.median) / (Double(bytes) / Double(halfBytes)) } }
        rows.append(["check half the folder", ms(halfRun), mbs(halfRun, halfBytes), mem(halfRun),
                     "time ∝ bytes" + (linear.map { String(format: " (%.2f)", $0) } ?? ""), verdict(linear.map { $0 > 0.75 && $0 < 1.3 })])
        let flat = tenthRun.flatMap { t in batch.flatMap { b in (t.peakKB, b.peakKB) }.flatMap { pair -> Bool? in
            guard let small = pair.0, let large = pair.1 else { return nil }
            return Double(large) / Double(small) < 1.5
        } }
        let memoryOK = batch?.peakKB.map { $0 <= 50 * 1024 }.flatMap { ok in flat.map { ok && $0 } }
        rows.append(["check a tenth of the folder", ms(tenthRun), "", mem(tenthRun), "peak ≤ 50 MB, flat in files", verdict(memoryOK)])

        print(table(rows))
        print(allMet ? "\nAll targets met." : "\nNot every target is met (see the rows marked NO or n/a).")
        return 0
    }

    /// Runs a command `runs` times after one warm-up; the median wall time and the peak
    /// resident memory (from GNU time) of the runs. nil when the command is missing or fails.
    func time(_ command: [String], runs: Int, okStatus: Set<Int32> = [0]) -> Timing? {
        guard run(command, okStatus: okStatus) != nil else { return nil } // warm-up
        var times: [Double] = []
        var peak = 0
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            guard run(command, okStatus: okStatus) != nil else { return nil }
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        if let kb = peakMemory(command, okStatus: okStatus) { peak = kb }
        times.sort()
        return Timing(median: times[times.count / 2], peakKB: peak > 0 ? peak : nil)
    }

    /// Runs `command` (looked up on PATH) with its output thrown away and returns its exit
    /// status when that is one of `okStatus`. posix_spawn and waitpid, not Foundation's
    /// Process, whose run loop adds tens of milliseconds to every timed run, and not through
    /// /usr/bin/env, which adds a second exec.
    private func run(_ command: [String], okStatus: Set<Int32>) -> Int32? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        guard posix_spawnp(&pid, command[0], &actions, nil, &argv, environ) == 0 else { return nil }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // Exited normally: the status is in bits 8-15 (WIFEXITED / WEXITSTATUS).
        guard status & 0x7F == 0 else { return nil }
        let code = (status >> 8) & 0xFF
        return okStatus.contains(code) ? code : nil
    }

    private func peakMemory(_ command: [String], okStatus: Set<Int32>) -> Int? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else { return nil }
        let out = work + "/time.txt"
        guard run(["/usr/bin/time", "-f", "%M", "-o", out] + command, okStatus: okStatus) != nil,
              let text = try? String(contentsOfFile: out, encoding: .utf8) else { return nil }
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").last ?? "")
    }

    private func capture(_ command: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }

    /// The longest run of letters in a pattern, outside escapes: a literal that stands for it.
    static func longestWord(_ pattern: String) -> String {
        var best = "", current = ""
        var escaped = false
        for ch in pattern {
            if escaped { escaped = false; current = ""; continue }
            if ch == "\\" { escaped = true; if current.count > best.count { best = current }; current = ""; continue }
            if ch.isLetter { current.append(ch) } else { if current.count > best.count { best = current }; current = "" }
        }
        if current.count > best.count { best = current }
        return best.isEmpty ? "letterlint" : best
    }

    private func format(bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1e6) }

    private func table(_ rows: [[String]]) -> String {
        let widths = (0..<rows[0].count).map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.enumerated().map { i, row in
            let line = row.enumerated().map { c, cell in cell.padding(toLength: widths[c], withPad: " ", startingAt: 0) }.joined(separator: "  ")
            return i == 0 ? line + "\n" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") : line
        }.joined(separator: "\n")
    }
}
