import Foundation
import LetterLint
import LetterLintFixtures

/// Fuzz targets: each takes arbitrary bytes and must return without crashing, hanging or
/// leaking. Built with `-DFUZZING`, coverage and AddressSanitizer, and linked with libFuzzer
/// (`.ci/fuzz` does all of it), this is a libFuzzer binary running the target named by
/// LETTERLINT_FUZZ_TARGET; built normally it replays files given as arguments, to
/// reproduce a crash:
///
///     swift build --product letterlint-fuzz
///     LETTERLINT_FUZZ_TARGET=eml .build/debug/letterlint-fuzz crash-0123abcd
///
/// Every crash found becomes a regression test in Tests/LetterLintTests/HostileTests.swift.
enum FuzzTargets {
    /// name: what the bytes are fed to.
    static let targets: [(name: String, what: String)] = [
        ("check", "the whole check of a text: decoding, tokenizer, every rule, the human and JSON reports"),
        ("tokenizer", "Document(text:): lines, paragraphs, sentences, words, sections, positions"),
        ("lexicon", "LexiconLoader.parse and RuleSet(specs:), then the rules on a short letter"),
        ("config", "Configuration.parse and the settings merged from it"),
        ("dates", "DateFinder and DateAnalysis, and the debug view of the dates"),
        ("eml", "the e-mail reader, then a check of what it extracted"),
        ("html", "the HTML reader, then a check of what it extracted"),
        ("docx", "the Word reader, then a check of what it extracted"),
        ("docx-xml", "the Word reader's XML stage: the bytes as word/document.xml in a valid archive"),
        ("markdown", "the Markdown reader, then a check of what it extracted"),
    ]

    static var names: [String] { targets.map(\.name) }

    static func run(_ target: String, _ bytes: [UInt8]) {
        switch target {
        case "check":
            guard let extracted = try? InputFormat.text.extract(bytes) else { return }
            report(extracted, format: .text)
        case "tokenizer":
            let document = Document(text: String(decoding: bytes, as: UTF8.self))
            var sink = document.lines.count &+ document.paragraphs.count &+ document.sentences.count &+ document.sections.count
            for offset in stride(from: 0, through: document.bytes.count, by: max(1, document.bytes.count / 16)) {
                let location = document.location(of: offset)
                sink &+= location.line &+ location.column
                if offset < document.bytes.count { sink &+= document.sentence(containing: offset)?.count ?? 0 }
                _ = document.section(at: offset)
            }
            blackHole(sink)
        case "lexicon":
            let text = String(decoding: bytes, as: UTF8.self)
            guard let specs = try? LexiconLoader.parse(text, file: "fuzz.yml"),
                  let rules = try? RuleSet(specs: specs) else { return }
            // Patterns from the input run on a letter under the match limits and the time
            // budget: a runaway one must be stopped, not hang the fuzzer.
            let result = Linter(ruleSet: rules, limits: .init(match: 100_000)).lint(Document(text: sampleLetter))
            blackHole(result.findings.count &+ result.diagnostics.count)
        case "config":
            let text = String(decoding: bytes, as: UTF8.self)
            guard let configuration = try? Configuration.parse(text, file: ".letterlint.yml") else { return }
            let settings = Settings(configuration: configuration, flags: FlagSettings())
            blackHole(settings.include.value.count &+ settings.exclude.value.count &+ settings.describe().utf8.count)
        case "dates":
            let document = Document(text: String(decoding: bytes, as: UTF8.self))
            let mentions = DateFinder.mentions(in: document)
            let analysis = DateAnalysis(document: document, options: LintOptions(today: fuzzToday))
            blackHole(mentions.count &+ DateDump.render(analysis, in: document).utf8.count)
        case "docx-xml":
            // Mutating a whole .docx mostly breaks its CRC: this reaches the XML parser.
            guard let archive = try? ZipFixture.make([("word/document.xml", Data(bytes))], compression: .none),
                  let extracted = try? InputFormat.docx.extract(archive) else { return }
            report(extracted, format: .docx)
        case "eml", "html", "docx", "markdown":
            let format: InputFormat = target == "eml" ? .email : target == "html" ? .html : target == "docx" ? .docx : .markdown
            for options in [InputFormat.Options(), InputFormat.Options(keepCodeBlocks: true, keepQuotes: true)] {
                guard let extracted = try? format.extract(bytes, options: options) else { return }
                report(extracted, format: format)
            }
        default:
            fatalError("unknown fuzz target '\(target)'; known: \(names.joined(separator: ", "))")
        }
    }

    /// Lints extracted text and renders it the way the command line would, so positions
    /// mapped back into the source (and the reporters' slicing) are exercised too.
    static func report(_ extracted: ExtractedText, format: InputFormat) {
        var options = LintOptions(today: fuzzToday)
        options.letterDate = extracted.letterDate
        let result = linter.lint(Document(text: extracted.text), options: options)
        let file = FileReport(path: "fuzz.\(format.name)", result: result, notes: extracted.notes, sourceMap: extracted.sourceMap)
        var sink = 0
        for finding in file.findings {
            let start = file.location(of: finding.range.lowerBound), end = file.location(of: finding.range.upperBound)
            sink &+= start.line &+ end.column
        }
        for kind in [ReportFormat.human, .json] { sink &+= kind.render([file], ruleSet: linter.ruleSet).utf8.count }
        blackHole(sink)
    }

    static let linter: Linter = {
        guard let rules = try? RuleSet.load() else { fatalError("the bundled lexicons do not load") }
        return Linter(ruleSet: rules, limits: .init(match: 100_000))
    }()

    static let fuzzToday = CivilDate(year: 2026, month: 3, day: 2)

    static let sampleLetter = """
        Dear Priya,

        I am writing to resign from my position as Machine Learning Engineer at Northwind Analytics. \
        My last working day will be Friday, 20 March 2026. aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!

        Thank you for the chance to build the fraud detection model with this team.

        Sincerely,
        Alex Kim

        """

    static var selected: String { ProcessInfo.processInfo.environment["LETTERLINT_FUZZ_TARGET"] ?? "check" }

    @inline(never)
    static func blackHole(_ value: Int) {
        if value == 0x5EED_F00D { print("") }
    }
}

#if FUZZING
// libFuzzer's driver, from libclang_rt.fuzzer_no_main (see `.ci/fuzz`). Not
// `-sanitize=fuzzer`: SwiftPM passes -Xswiftc flags to the build-tool plugin's executable
// too, and libFuzzer's own main would replace that tool's.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@main
struct Fuzz {
    static func main() {
        // Fail at once on a misspelt target, and load the lexicons before the first input
        // so the time that takes is not blamed on that input.
        guard FuzzTargets.names.contains(FuzzTargets.selected) else {
            FileHandle.standardError.write(Data("LETTERLINT_FUZZ_TARGET=\(FuzzTargets.selected) is not a target; known: \(FuzzTargets.names.joined(separator: ", "))\n".utf8))
            exit(2)
        }
        _ = FuzzTargets.linter
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            FuzzTargets.run(FuzzTargets.selected, size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
            return 0
        })
    }
}
#else
@main
struct Replay {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.isEmpty || arguments == ["--list"] || arguments == ["--help"] {
            print("usage: LETTERLINT_FUZZ_TARGET=NAME letterlint-fuzz FILE...   (replays inputs, e.g. a crash file)")
            for target in FuzzTargets.targets { print("  \(target.name.padding(toLength: 10, withPad: " ", startingAt: 0)) \(target.what)") }
            return
        }
        guard FuzzTargets.names.contains(FuzzTargets.selected) else {
            FileHandle.standardError.write(Data("letterlint-fuzz: unknown target '\(FuzzTargets.selected)'\n".utf8))
            exit(2)
        }
        for path in arguments {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("letterlint-fuzz: cannot read \(path)\n".utf8))
                exit(2)
            }
            FuzzTargets.run(FuzzTargets.selected, [UInt8](data))
            print("\(path): ok")
        }
    }
}
#endif
