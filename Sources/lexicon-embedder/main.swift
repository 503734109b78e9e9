// Build tool, run by the EmbedLexicons plugin: decodes the lexicons and templates under
// Lexicons/ and writes them as Swift source that is compiled into LetterLint.
//
//   lexicon-embedder LEXICON_DIR OUTPUT.swift
//
// It reads every `.yml`/`.yaml` file below LEXICON_DIR, the files (and folders) the plugin
// declares as inputs. It walks the folder itself rather than taking the plugin's list, since
// SwiftPM reruns the command when a folder changes but does not re-invoke the plugin, whose
// list then misses a file just added. Everything a run of letterlint used to do with the
// lexicons at start-up happens here, once:
//
// - every rule file is decoded with the same strict `LexiconLoader` that reads user lexicons
//   (file names `Lexicons/<path>`, the folder-category check, `isBundled`), and becomes
//   `EmbeddedLexicons.specs`, initializer expressions keeping every field (examples and lines
//   are what `rules explain`, `rules test` and error messages show);
// - the template files are decoded and checked for completeness by `TemplateLibrary`, and
//   become `EmbeddedLexicons.templates`;
// - for every bundled pattern, as RuleSet compiles it (the rule's `define` in front, names
//   rules' names as alternations), `RequiredLiterals` gives the literal sets the prefilter
//   needs: `EmbeddedLexicons.requirements`, keyed by that full source.
//
// An invalid file fails the build with `Lexicons/x.yml:LINE: error: MESSAGE` on stderr.
// The generated code spells out every type (no literal whose type must be inferred from a
// large context), which keeps type checking of the generated file linear and fast.
import Foundation
import LexiconKit

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: lexicon-embedder LEXICON_DIR OUTPUT.swift\n".utf8))
    exit(2)
}
let root = URL(fileURLWithPath: arguments[1]).standardizedFileURL
let output = URL(fileURLWithPath: arguments[2])

/// Stops the build with a located error, in the `file:line: error: message` form that
/// compilers use, so editors and CI logs point at the lexicon.
func fail(_ error: LoadError) -> Never {
    let location = error.line.map { "\(error.file):\($0)" } ?? error.file
    FileHandle.standardError.write(Data("\(location): error: \(error.message)\n".utf8))
    exit(1)
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("lexicon-embedder: \(message)\n".utf8))
    exit(1)
}

// MARK: Reading

/// (path relative to LEXICON_DIR, text), sorted by path: the order rules have always been
/// numbered in.
var files: [(path: String, text: String)] = []
if let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) {
    for case let url as URL in walker where ["yml", "yaml"].contains(url.pathExtension) {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { fail("\(url.path) is not UTF-8 text") }
        files.append((String(url.standardizedFileURL.path.dropFirst(root.path.count + 1)), text))
    }
}
files.sort { $0.path < $1.path }

let templateFiles = files.filter { $0.path.hasPrefix("templates/") }
var specs: [(path: String, specs: [RuleSpec])] = []
for file in files where !file.path.hasPrefix("templates/") {
    do throws(LoadError) {
        specs.append((file.path, try LexiconLoader.parseBundled(file.text, path: file.path)))
    } catch {
        fail(error)
    }
}

let templates: TemplateLibrary
do throws(LoadError) {
    templates = try TemplateLibrary(files: templateFiles.map { (path: "Lexicons/" + $0.path, text: $0.text) },
                                    requireComplete: true)
} catch {
    fail(error)
}

/// Full pattern source → its literal sets (sorted within, in the analysis' order), for
/// every pattern RuleSet compiles from the bundled rules; [] when the pattern always runs.
var requirements: [String: [[String]]] = [:]
var definitions: [String: [String: RequiredLiterals.Info]] = [:]
for spec in specs.flatMap(\.specs) {
    let define = spec.definePrefix
    if definitions[define] == nil { definitions[define] = RequiredLiterals.definitions(define) }
    for pattern in spec.matchPatterns {
        let sets = RequiredLiterals.of(pattern.text, definitions: definitions[define]!) ?? []
        requirements[define + pattern.text] = sets.map { $0.sorted() }
    }
}

// MARK: Writing Swift

/// A Swift string literal for `text`: every character that could end or bend the
/// literal is escaped, so any file content round-trips exactly.
func literal(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case _ where scalar.value < 0x20 || scalar.value == 0x7F:
            out += "\\u{\(String(scalar.value, radix: 16))}"
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}

func literal(_ text: String?) -> String { text.map { literal($0) } ?? "nil" }
func literal(_ number: Int?) -> String { number.map(String.init) ?? "nil" }
func literal(_ flag: Bool) -> String { flag ? "true" : "false" }

/// `Type.caseName` for an enum value. The case name is what a value without a custom
/// description prints as; the raw value (`replace-match`) is often not a Swift name.
func enumCase<T>(_ type: String, _ value: T) -> String { "\(type).\(value)" }
func optionalCase<T>(_ type: String, _ value: T?) -> String { value.map { enumCase(type, $0) } ?? "nil" }

/// An array literal, one element a line when it has any.
func array(_ elements: [String], indent: String) -> String {
    guard !elements.isEmpty else { return "[]" }
    return "[\n" + elements.map { indent + "    " + $0 + ",\n" }.joined() + indent + "]"
}

/// Labelled arguments, one a line.
func arguments(_ fields: [String], indent: String) -> String {
    fields.map { indent + $0 }.joined(separator: ",\n")
}

func located(_ item: RuleSpec.Located) -> String {
    "RuleSpec.Located(text: \(literal(item.text)), line: \(literal(item.line)))"
}

func example(_ item: RuleSpec.Example) -> String {
    let today = item.today.map { "CivilDate(year: \($0.year), month: \($0.month), day: \($0.day))" } ?? "nil"
    return "RuleSpec.Example(text: \(literal(item.text)), line: \(literal(item.line)), today: \(today), "
        + "industry: \(optionalCase("Industry", item.industry)))"
}

func rule(_ spec: RuleSpec, indent: String) -> String {
    let i = indent + "    "
    let sections = spec.sections.map { set in
        "Set<Section>([" + Section.allCases.filter(set.contains).map { enumCase("Section", $0) }.joined(separator: ", ") + "])"
    } ?? "nil"
    let fix = spec.fix.map {
        "RuleSpec.Fix(action: \(enumCase("RuleSpec.FixAction", $0.action)), title: \(literal($0.title)), text: \(literal($0.text)))"
    } ?? "nil"
    let fields = [
        "id: \(literal(spec.id))",
        "category: \(enumCase("Category", spec.category))",
        "kind: \(enumCase("RuleSpec.Kind", spec.kind))",
        "severity: \(enumCase("Severity", spec.severity))",
        "scope: \(enumCase("Scope", spec.scope))",
        "sections: \(sections)",
        "caseSensitive: \(literal(spec.caseSensitive))",
        "description: \(literal(spec.description))",
        "message: \(literal(spec.message))",
        "reason: \(literal(spec.reason))",
        "patterns: \(array(spec.patterns.map(located), indent: i))",
        "names: \(array(spec.names.map(located), indent: i))",
        "exceptions: \(array(spec.exceptions.map(located), indent: i))",
        "define: \(literal(spec.define))",
        "fix: \(fix)",
        "insertAt: \(optionalCase("RuleSpec.Anchor", spec.insertAt))",
        "check: \(literal(spec.check))",
        "flagExamples: \(array(spec.flagExamples.map(example), indent: i))",
        "passExamples: \(array(spec.passExamples.map(example), indent: i))",
        "file: \(literal(spec.file))",
        "line: \(literal(spec.line))",
        "isBundled: \(literal(spec.isBundled))",
    ]
    return "RuleSpec(\n" + arguments(fields, indent: i) + "\n" + indent + ")"
}

func templateText(_ text: TemplateText, indent: String) -> String {
    let variants = text.variants.map { variant in
        "TemplateText.Variant(text: \(literal(variant.text)), line: \(literal(variant.line)), slots: ["
            + variant.slots.map { enumCase("TemplateSlot", $0) }.joined(separator: ", ") + "])"
    }
    return "TemplateText(variants: \(array(variants, indent: indent)), file: \(literal(text.file)))"
}

/// A dictionary literal, sorted by the given key text so the output is stable.
func dictionary(_ entries: [(key: String, value: String)], indent: String) -> String {
    guard !entries.isEmpty else { return "[:]" }
    return "[\n" + entries.sorted { $0.key < $1.key }.map { indent + "    " + $0.key + ": " + $0.value + ",\n" }.joined() + indent + "]"
}

func letter(_ letter: LetterTemplate, indent: String) -> String {
    let i = indent + "    "
    let paragraphs = letter.paragraphs.map { paragraph -> String in
        switch paragraph {
        case .text(let text): return "LetterTemplate.Paragraph.text(\(templateText(text, indent: i + "    ")))"
        case .handover: return "LetterTemplate.Paragraph.handover"
        }
    }
    let fields = [
        "style: \(enumCase("LetterStyle", letter.style))",
        "tone: \(enumCase("LetterTone", letter.tone))",
        "salutation: \(templateText(letter.salutation, indent: i))",
        "paragraphs: \(array(paragraphs, indent: i))",
        "closing: \(templateText(letter.closing, indent: i))",
        "file: \(literal(letter.file))",
        "line: \(literal(letter.line))",
    ]
    return "LetterTemplate(\n" + arguments(fields, indent: i) + "\n" + indent + ")"
}

func checklist(_ list: Checklist, indent: String) -> String {
    let sections = list.sections.map { section in
        "Checklist.Section(title: \(literal(section.title)), items: \(array(section.items.map { literal($0) }, indent: indent + "        ")))"
    }
    return "Checklist(industry: \(optionalCase("Industry", list.industry)), title: \(literal(list.title)), "
        + "sections: \(array(sections, indent: indent + "    ")))"
}

/// A function of the generated enum that builds one part of the tables (one function per
/// file or part keeps each small: compile time grows faster than a function's length).
func builder(_ name: String, returns type: String, doc: String, body: String) -> String {
    "\n    /// \(doc)\n    private static func \(name)() -> \(type) {\n        return \(body)\n    }\n"
}

var source = """
    // Generated by lexicon-embedder from Lexicons/. Do not edit: change the lexicons, and the
    // build regenerates this file.
    import LexiconKit

    /// The bundled lexicons and templates, decoded and analysed at build time.
    enum EmbeddedLexicons {

    """

// Rules: one function per lexicon file keeps every function small.
source += "    /// Every bundled rule, in the order of its file's path and its place in the file.\n"
source += "    static let specs: [RuleSpec] = {\n"
source += "        var specs: [RuleSpec] = []\n"
source += "        specs.reserveCapacity(\(specs.reduce(0) { $0 + $1.specs.count }))\n"
for (n, file) in specs.enumerated() {
    source += "        specs.append(contentsOf: lexicon\(n)()) // Lexicons/\(file.path)\n"
}
source += "        return specs\n    }()\n"
for (n, file) in specs.enumerated() {
    source += builder("lexicon\(n)", returns: "[RuleSpec]", doc: "Lexicons/\(file.path)",
                      body: array(file.specs.map { rule($0, indent: "            ") }, indent: "        "))
}

// Templates: one function per part of the library.
let t = "        "
let phrasings = dictionary(templates.phrasings.map { (literal($0.key), templateText($0.value, indent: t + "    ")) }, indent: t)
let clauses = dictionary(templates.clauses.map { entry in
    let key = "TemplateLibrary.ClauseKey(id: \(literal(entry.key.id)), industry: \(optionalCase("Industry", entry.key.industry)))"
    return (key, templateText(entry.value, indent: t + "    "))
}, indent: t)
let handover = dictionary(templates.handover.map { (enumCase("Industry", $0.key), templateText($0.value, indent: t + "    ")) }, indent: t)
let letters = dictionary(templates.letters.map { entry in
    let key = "TemplateLibrary.LetterKey(style: \(enumCase("LetterStyle", entry.key.style)), tone: \(enumCase("LetterTone", entry.key.tone)))"
    return (key, letter(entry.value, indent: t + "    "))
}, indent: t)
let checklists = array(templates.checklists.map { checklist($0, indent: t + "    ") }, indent: t)
source += """

        /// The template library of Lexicons/templates/, complete (checked at build time).
        static let templates: TemplateLibrary = TemplateLibrary(
            phrasings: phrasings(), clauses: clauses(), handover: handover(), letters: letters(), checklists: checklists())

    """
source += builder("phrasings", returns: "[String: TemplateText]", doc: "Phrasings by id.", body: phrasings)
source += builder("clauses", returns: "[TemplateLibrary.ClauseKey: TemplateText]", doc: "Clauses by id and industry.", body: clauses)
source += builder("handover", returns: "[Industry: TemplateText]", doc: "Handover paragraphs by industry.", body: handover)
source += builder("letters", returns: "[TemplateLibrary.LetterKey: LetterTemplate]", doc: "Letters by style and tone.", body: letters)
source += builder("checklists", returns: "[Checklist]", doc: "Checklists, in file order.", body: checklists)

// Required literals, in functions of `chunk` patterns that each store their entries.
//
// These functions are `@_optimize(none)`. The optimizer is very slow on arrays of string
// literals: with -O, one dictionary literal of the ~520 entries took 90 s to compile, and
// functions of 32 entries still 15 s, against 2 s unoptimized. Unoptimized, filling the table
// at start-up costs a few tenths of a millisecond more (about 1.5 ms against 1.2 ms), the
// better trade. The rules and templates hold no string arrays of that size and stay
// optimized (about 5 s of compile time together, 0.3 ms faster at start-up than unoptimized).
let chunk = 32
let entries = requirements.sorted { $0.key < $1.key }.map { entry in
    let sets = entry.value.map { set in "[" + set.map { literal($0) }.joined(separator: ", ") + "]" }
    return "table[\(literal(entry.key))] = [" + sets.joined(separator: ", ") + "]"
}
let parts = stride(from: 0, to: entries.count, by: chunk).map { entries[$0..<min($0 + chunk, entries.count)] }
source += """

        /// Per bundled pattern, keyed by its full source as RuleSet compiles it (`define` + text;
        /// names rules' names as alternations of the default chunk size): the literal sets of
        /// `RequiredLiterals.of`, each sorted, in the analysis' order; [] for a pattern that
        /// must run on every letter.
        static let requirements: [String: [[String]]] = {
            var table: [String: [[String]]] = [:]
            table.reserveCapacity(\(entries.count))

    """
for n in parts.indices {
    source += "        requirements\(n)(into: &table)\n"
}
source += "        return table\n    }()\n"
for (n, part) in parts.enumerated() {
    source += "\n    /// Patterns \(n * chunk + 1)–\(n * chunk + part.count), by source.\n"
    source += "    @_optimize(none)\n"
    source += "    private static func requirements\(n)(into table: inout [String: [[String]]]) {\n"
    source += part.map { "        " + $0 + "\n" }.joined()
    source += "    }\n"
}
source += "}\n"

do {
    // Always written: the build system decides what is stale by time stamps, and an
    // output older than its inputs would be treated as stale forever.
    try source.write(to: output, atomically: true, encoding: .utf8)
} catch {
    fail("cannot write \(output.path): \(error)")
}
