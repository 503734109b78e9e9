import Foundation

/// letterlint-bench: the benchmark behind the README's Performance section.
///
///   letterlint-bench generate DIR [--letters N] [--seed S]   a reproducible corpus
///   letterlint-bench lexicon FILE [--names N]                a user lexicon of N company names
///   letterlint-bench phases LETTER [--interpreted]           in-process start-up breakdown
///   letterlint-bench pattern-costs DIR                       time per pattern, most expensive first
///   letterlint-bench run [options]                           the timed comparison (see Benchmark)
let arguments = Array(CommandLine.arguments.dropFirst())

func option(_ name: String, default value: Int) -> Int {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count, let n = Int(arguments[i + 1]) else { return value }
    return n
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("letterlint-bench: \(message)\n".utf8))
    exit(2)
}

switch arguments.first {
case "generate":
    guard arguments.count >= 2 else { fail("usage: letterlint-bench generate DIR [--letters N] [--seed S]") }
    do {
        let bytes = try CorpusGenerator.write(count: option("--letters", default: 10_000), seed: UInt64(option("--seed", default: 42)), to: arguments[1])
        print("wrote \(option("--letters", default: 10_000)) letters, \(bytes) bytes, to \(arguments[1])")
    } catch { fail("cannot write the corpus: \(error)") }
case "lexicon":
    guard arguments.count >= 2 else { fail("usage: letterlint-bench lexicon FILE [--names N]") }
    do {
        try CorpusGenerator.companyLexicon(count: option("--names", default: 5000), seed: 7).write(toFile: arguments[1], atomically: true, encoding: .utf8)
    } catch { fail("cannot write the lexicon: \(error)") }
case "unfiltered":
    print(Phases.unfiltered(), terminator: "")
case "rule-costs" where arguments.count == 2:
    print(Phases.ruleCosts(folder: arguments[1]), terminator: "")
case "pattern-costs" where arguments.count == 2:
    print(Phases.patternCosts(folder: arguments[1]), terminator: "")
case "phases" where arguments.count == 2 || (arguments.count == 3 && arguments[2] == "--interpreted"):
    print(Phases.run(letter: arguments[1], jit: arguments.count == 2), terminator: "")
case "run":
    exit(Benchmark(arguments: Array(arguments.dropFirst())).run())
default:
    fail("usage: letterlint-bench generate DIR | lexicon FILE | phases LETTER [--interpreted] | pattern-costs DIR | rule-costs DIR | unfiltered | run [--letters N] [--runs N] [--quick]")
}
