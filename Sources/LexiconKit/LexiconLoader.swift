import Foundation

/// Reads lexicon files into ``RuleSpec``s. Decoding is strict: an unknown key, a wrong
/// type or a missing field is an error at `file:line`, never a silently ignored rule.
public enum LexiconLoader {
    static let ruleKeys = [
        "id", "category", "kind", "severity", "scope", "sections", "case-sensitive", "description", "message",
        "reason", "patterns", "names", "exceptions", "define", "fix", "insert-at", "check", "examples",
    ]

    /// Parses one of the lexicons that ship with letterlint, as lexicon-embedder does at
    /// build time: `path` is relative to `Lexicons/` (e.g. `grievance/blame.yml`); messages
    /// name the file `Lexicons/<path>`; every rule must belong to the category its folder is
    /// named after; and the rules are marked ``RuleSpec/isBundled`` (compiled when a letter
    /// first needs them, since the tests prove they compile).
    ///
    /// At run time the library does not call this: it uses the table the build generated
    /// (`LexiconLoader.bundled()` in LetterLint).
    package static func parseBundled(_ text: String, path: String) throws(LoadError) -> [RuleSpec] {
        let folder = path.split(separator: "/").first.map(String.init)
        return try parse(text, file: "Lexicons/" + path, folderCategory: folder.flatMap(Category.init)).map {
            var spec = $0
            spec.isBundled = true
            return spec
        }
    }

    /// Every `.yml`/`.yaml` file under `path` (a folder, searched recursively, or one file).
    public static func load(path: String) throws(LoadError) -> [RuleSpec] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw LoadError(file: path, line: nil, message: "no such lexicon file or folder")
        }
        var files: [String] = []
        if isDirectory.boolValue {
            guard let walker = FileManager.default.enumerator(atPath: path) else {
                throw LoadError(file: path, line: nil, message: "cannot read the lexicon folder")
            }
            for case let relative as String in walker where relative.hasSuffix(".yml") || relative.hasSuffix(".yaml") {
                files.append((path as NSString).appendingPathComponent(relative))
            }
            files.sort()
        } else {
            files = [path]
        }
        var specs: [RuleSpec] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw LoadError(file: file, line: nil, message: "cannot read the lexicon file")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw LoadError(file: file, line: nil, message: "the lexicon file is not UTF-8 text")
            }
            specs += try parse(text, file: file, folderCategory: nil)
        }
        return specs
    }

    /// Parses one lexicon file. `folderCategory`, when given, must match every rule's category.
    public static func parse(_ text: String, file: String, folderCategory: Category? = nil) throws(LoadError) -> [RuleSpec] {
        guard let root = try YAMLValue.parse(text, file: file) else {
            throw LoadError(file: file, line: nil, message: "the lexicon file is empty; it needs a 'rules:' list")
        }
        let top = try root.mapping("a lexicon file", keys: ["rules"])
        let rules = try top.required("rules").list("rules")
        return try rules.map { (value: YAMLValue) throws(LoadError) -> RuleSpec in
            try rule(value, file: file, folderCategory: folderCategory)
        }
    }

    private static func rule(_ value: YAMLValue, file: String, folderCategory: Category?) throws(LoadError) -> RuleSpec {
        let m = try value.mapping("a rule", keys: ruleKeys)
        let idValue = try m.required("id")
        let id = try idValue.string("id")
        let parts = id.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let category = Category(rawValue: parts[0]), isKebab(parts[1]) else {
            throw idValue.error("rule id '\(id)' must be category.name in kebab case, with a category among: "
                                + Category.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if let declared = m["category"], try declared.oneOf("category", Category.self) != category {
            throw declared.error("category does not match the id '\(id)'")
        }
        if let folderCategory, folderCategory != category {
            throw idValue.error("rule '\(id)' is in the \(folderCategory.rawValue)/ folder but its category is \(category.rawValue)")
        }
        let kind = try m.required("kind").oneOf("kind", RuleSpec.Kind.self)
        func located(_ key: String) throws(LoadError) -> [RuleSpec.Located] {
            guard let list = m[key] else { return [] }
            return try list.stringList(key).map { (item: YAMLValue) throws(LoadError) -> RuleSpec.Located in
                RuleSpec.Located(text: try item.string(key), line: item.line)
            }
        }
        func text(_ key: String) throws(LoadError) -> String {
            let value = try m.required(key)
            let s = try value.string(key).trimmingCharacters(in: .whitespacesAndNewlines)
            if s.isEmpty { throw value.error("'\(key)' is empty") }
            return s
        }

        let patterns = try located("patterns")
        let names = try located("names")
        switch kind {
        case .names where names.isEmpty: throw value.error("rule '\(id)' is of kind names but has no 'names' list")
        case .phrase, .secret, .clause:
            if patterns.isEmpty { throw value.error("rule '\(id)' has no 'patterns'") }
            if !names.isEmpty { throw m["names"]!.error("'names' is only for rules of kind names") }
        default: break
        }
        let check = try m["check"]?.string("check")
        if kind == .check && check == nil { throw value.error("rule '\(id)' is of kind check but names no 'check'") }
        if kind != .check && check != nil { throw m["check"]!.error("'check' is only for rules of kind check") }

        var sections: Set<Section>? = nil
        if let list = m["sections"] {
            sections = Set(try list.list("sections").map { (v: YAMLValue) throws(LoadError) -> Section in
                try v.oneOf("section", Section.self)
            })
        }
        let fix = try m["fix"].map { (v: YAMLValue) throws(LoadError) -> RuleSpec.Fix in try fixSpec(v, kind: kind) }
        let insertAt = try m["insert-at"]?.oneOf("insert-at", RuleSpec.Anchor.self)
        if kind == .clause && insertAt == nil { throw value.error("clause rule '\(id)' needs 'insert-at': where the clause belongs") }
        if kind != .clause && insertAt != nil { throw m["insert-at"]!.error("'insert-at' is only for clause rules") }

        guard let examplesValue = m["examples"] else {
            throw value.error("rule '\(id)' has no examples: give texts it must flag and texts it must pass")
        }
        let examples = try examplesValue.mapping("examples", keys: ["flag", "pass"])
        func exampleList(_ key: String) throws(LoadError) -> [RuleSpec.Example] {
            let items = try examples.required(key).list("examples.\(key)")
            if items.isEmpty { throw examplesValue.error("examples.\(key) of '\(id)' is empty") }
            return try items.map { (item: YAMLValue) throws(LoadError) -> RuleSpec.Example in try example(item, key) }
        }

        return RuleSpec(
            id: id, category: category, kind: kind,
            severity: try m.required("severity").oneOf("severity", Severity.self),
            scope: try m["scope"]?.oneOf("scope", Scope.self) ?? .sentence,
            sections: sections,
            caseSensitive: try m["case-sensitive"]?.bool("case-sensitive") ?? false,
            description: try text("description"), message: try text("message"), reason: try text("reason"),
            patterns: patterns, names: names, exceptions: try located("exceptions"),
            define: try m["define"]?.string("define"),
            fix: fix, insertAt: insertAt, check: check,
            flagExamples: try exampleList("flag"), passExamples: try exampleList("pass"),
            file: file, line: idValue.line)
    }

    /// An example is a text, or a mapping with the text and the options to check it under:
    /// `{text: "...", today: 2026-03-02, industry: finance}`.
    private static func example(_ item: YAMLValue, _ key: String) throws(LoadError) -> RuleSpec.Example {
        if case .scalar = item.node {
            return RuleSpec.Example(text: try item.string(key), line: item.line, today: nil, industry: nil)
        }
        let m = try item.mapping("an example", keys: ["text", "today", "industry"])
        var today: CivilDate? = nil
        if let value = m["today"] {
            let text = try value.string("today")
            guard let date = CivilDate(iso: text) else { throw value.error("today '\(text)' is not a date as YYYY-MM-DD") }
            today = date
        }
        return RuleSpec.Example(text: try m.required("text").string("text"), line: item.line, today: today,
                                industry: try m["industry"]?.oneOf("industry", Industry.self))
    }

    private static func fixSpec(_ value: YAMLValue, kind: RuleSpec.Kind) throws(LoadError) -> RuleSpec.Fix {
        let m = try value.mapping("fix", keys: ["action", "title", "text"])
        let action = try m.required("action").oneOf("fix action", RuleSpec.FixAction.self)
        let title = try m.required("title").string("fix title")
        let textValue = m["text"]
        let text = try textValue?.string("fix text")
        switch action {
        case .deleteMatch, .deleteSentence:
            if text != nil { throw textValue!.error("a \(action.rawValue) fix takes no 'text'") }
        case .replaceMatch, .replaceSentence, .insert:
            guard let text else { throw value.error("a \(action.rawValue) fix needs 'text'") }
            // A check's own slots are validated against the check when rules are compiled.
            if kind != .check { try checkSlots(text, at: textValue!) }
        }
        if kind == .clause && action != .insert { throw value.error("a clause rule's fix must be an insert") }
        if action == .insert && kind != .clause && kind != .check { throw value.error("only clause and check rules insert") }
        return RuleSpec.Fix(action: action, title: title, text: text)
    }

    /// Every `{slot}` in a fix text must be a known fact.
    static func checkSlots(_ text: String, at value: YAMLValue) throws(LoadError) {
        for slot in Slots.names(in: text) where Slot(rawValue: slot) == nil {
            throw value.error("unknown slot '{\(slot)}'; known slots: "
                              + Slot.allCases.map { "{\($0.rawValue)}" }.joined(separator: ", "))
        }
    }

    private static func isKebab(_ s: String) -> Bool {
        !s.isEmpty && !s.hasPrefix("-") && !s.hasSuffix("-") && !s.contains("--")
            && s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
