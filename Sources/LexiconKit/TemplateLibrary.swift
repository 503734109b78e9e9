/// The facts a template may name, as `{slot}`. A superset of the lexicon's ``Slot``: a
/// template can also thank the writer for a project and name the colleague who takes over.
public enum TemplateSlot: String, CaseIterable, Sendable {
    case name, manager, company, role
    case lastDay = "last_day"
    case project, successor

    /// An optional fact is one a good letter may leave out. A template that names it must
    /// give a later variant without it, so no letter ever gets a placeholder for it.
    public var isOptional: Bool { self == .project || self == .successor }

    /// The lexicon slot of the same name, for the placeholder text a missing fact becomes.
    package var lexiconSlot: Slot? { Slot(rawValue: rawValue) }
}

/// The kind of letter: how the door is left (DOMAIN.md, "Kinds of letter and tones").
public enum LetterStyle: String, CaseIterable, Sendable {
    case openDoor = "open-door", closedDoor = "closed-door", counterOffer = "counter-offer"
}

/// The register of a letter (DOMAIN.md): positive separation, neutral transition, graceful
/// exit, grateful advancement.
public enum LetterTone: String, CaseIterable, Sendable {
    case positive, neutral, graceful, grateful
}

/// One text of the library in one or more wordings. Variants are written most specific
/// first: the first one whose facts are all known is used; when none is, the last one is,
/// with a placeholder for each missing fact (the last variant never names an optional fact).
///
/// The template types are Equatable so the tests can prove that the library decoded at
/// build time is exactly what the reader gives for the files in the repository.
public struct TemplateText: Sendable, Equatable {
    public struct Variant: Sendable, Equatable {
        public let text: String
        public let line: Int?
        public let slots: [TemplateSlot]

        package init(text: String, line: Int?, slots: [TemplateSlot]) {
            self.text = text
            self.line = line
            self.slots = slots
        }
    }

    public let variants: [Variant]
    public let file: String

    package init(variants: [Variant], file: String) {
        self.variants = variants
        self.file = file
    }
}

/// A whole letter for one style and tone: salutation, paragraphs (one of which is the
/// industry handover paragraph), closing line; the writer's name signs it.
public struct LetterTemplate: Sendable, Equatable {
    public enum Paragraph: Sendable, Equatable {
        case text(TemplateText)
        /// The handover paragraph for the letter's industry.
        case handover
    }

    public let style: LetterStyle
    public let tone: LetterTone
    public let salutation: TemplateText
    public let paragraphs: [Paragraph]
    public let closing: TemplateText
    public let file: String
    public let line: Int?

    package init(style: LetterStyle, tone: LetterTone, salutation: TemplateText, paragraphs: [Paragraph],
                 closing: TemplateText, file: String, line: Int?) {
        self.style = style
        self.tone = tone
        self.salutation = salutation
        self.paragraphs = paragraphs
        self.closing = closing
        self.file = file
        self.line = line
    }
}

/// A pre-departure and handover checklist: sections of items, for one industry or for
/// every AI role (`industry` nil).
public struct Checklist: Sendable, Equatable {
    public struct Section: Sendable, Equatable {
        public let title: String
        public let items: [String]

        package init(title: String, items: [String]) {
            self.title = title
            self.items = items
        }
    }

    public let industry: Industry?
    public let title: String
    public let sections: [Section]

    package init(industry: Industry?, title: String, sections: [Section]) {
        self.industry = industry
        self.title = title
        self.sections = sections
    }
}

/// The template library of `Lexicons/templates/`: replacement phrasings for fixes, clause
/// templates, handover paragraphs by industry, whole letters by style and tone, and the
/// handover checklists. Data, not code: this type only reads and validates it.
///
/// Lexicon fixes use it through references in their text: `{phrasing:ID}` and
/// `{clause:ID}` (see Lexicons/templates/README.md).
public struct TemplateLibrary: Sendable, Equatable {
    public let phrasings: [String: TemplateText]
    /// Clauses by id; an industry-specific wording is keyed by `id` and industry.
    public let clauses: [ClauseKey: TemplateText]
    public let handover: [Industry: TemplateText]
    public let letters: [LetterKey: LetterTemplate]
    public let checklists: [Checklist]

    public struct ClauseKey: Hashable, Sendable {
        public let id: String
        public let industry: Industry?

        package init(id: String, industry: Industry?) {
            self.id = id
            self.industry = industry
        }
    }

    public struct LetterKey: Hashable, Sendable {
        public let style: LetterStyle
        public let tone: LetterTone

        package init(style: LetterStyle, tone: LetterTone) {
            self.style = style
            self.tone = tone
        }
    }

    static let topKeys = ["phrasings", "clauses", "handover", "letters", "checklists"]

    /// The parts as they are, for the library lexicon-embedder decodes at build time (it
    /// was validated then, by ``init(files:requireComplete:)``).
    package init(phrasings: [String: TemplateText], clauses: [ClauseKey: TemplateText], handover: [Industry: TemplateText],
                 letters: [LetterKey: LetterTemplate], checklists: [Checklist]) {
        self.phrasings = phrasings
        self.clauses = clauses
        self.handover = handover
        self.letters = letters
        self.checklists = checklists
    }

    /// Reads template files. With `requireComplete`, every style and tone needs a letter and
    /// every industry a handover paragraph and a checklist (the bundled library must).
    public init(files: [(path: String, text: String)], requireComplete: Bool = false) throws(LoadError) {
        var phrasings: [String: TemplateText] = [:]
        var clauses: [ClauseKey: TemplateText] = [:]
        var handover: [Industry: TemplateText] = [:]
        var letters: [LetterKey: LetterTemplate] = [:]
        var checklists: [Checklist] = []
        for file in files {
            guard let root = try YAMLValue.parse(file.text, file: file.path) else { continue }
            let top = try root.mapping("a template file", keys: TemplateLibrary.topKeys)
            for item in try top["phrasings"]?.list("phrasings") ?? [] {
                let m = try item.mapping("a phrasing", keys: ["id", "description", "text"])
                let idValue = try m.required("id")
                let id = try TemplateLibrary.identifier(idValue)
                if phrasings[id] != nil { throw idValue.error("phrasing '\(id)' is defined twice") }
                phrasings[id] = try TemplateLibrary.text(m.required("text"), what: "text")
            }
            for item in try top["clauses"]?.list("clauses") ?? [] {
                let m = try item.mapping("a clause", keys: ["id", "industry", "description", "text"])
                let idValue = try m.required("id")
                let key = ClauseKey(id: try TemplateLibrary.identifier(idValue),
                                    industry: try m["industry"]?.oneOf("industry", Industry.self))
                if clauses[key] != nil {
                    throw idValue.error("clause '\(key.id)'\(key.industry.map { " for \($0.rawValue)" } ?? "") is defined twice")
                }
                clauses[key] = try TemplateLibrary.text(m.required("text"), what: "text")
            }
            for item in try top["handover"]?.list("handover") ?? [] {
                let m = try item.mapping("a handover paragraph", keys: ["industry", "text"])
                let industryValue = try m.required("industry")
                let industry = try industryValue.oneOf("industry", Industry.self)
                if handover[industry] != nil { throw industryValue.error("the \(industry.rawValue) handover paragraph is defined twice") }
                handover[industry] = try TemplateLibrary.text(m.required("text"), what: "text")
            }
            for item in try top["letters"]?.list("letters") ?? [] {
                let letter = try TemplateLibrary.letter(item)
                let key = LetterKey(style: letter.style, tone: letter.tone)
                if letters[key] != nil {
                    throw item.error("a \(letter.style.rawValue) letter in the \(letter.tone.rawValue) tone is defined twice")
                }
                letters[key] = letter
            }
            for item in try top["checklists"]?.list("checklists") ?? [] {
                checklists.append(try TemplateLibrary.checklist(item))
            }
        }
        if requireComplete {
            let where_ = files.first { $0.path.hasSuffix("letters.yml") }?.path ?? "Lexicons/templates"
            for style in LetterStyle.allCases {
                for tone in LetterTone.allCases where letters[LetterKey(style: style, tone: tone)] == nil {
                    throw LoadError(file: where_, line: nil, message: "no letter for style \(style.rawValue) in the \(tone.rawValue) tone")
                }
            }
            for industry in Industry.allCases {
                if handover[industry] == nil {
                    throw LoadError(file: where_, line: nil, message: "no handover paragraph for \(industry.rawValue)")
                }
                if !checklists.contains(where: { $0.industry == industry }) {
                    throw LoadError(file: where_, line: nil, message: "no checklist for \(industry.rawValue)")
                }
            }
        }
        self.phrasings = phrasings
        self.clauses = clauses
        self.handover = handover
        self.letters = letters
        self.checklists = checklists
    }

    /// A clause in the industry's wording, or the general one.
    public func clause(_ id: String, industry: Industry?) -> TemplateText? {
        industry.flatMap { clauses[ClauseKey(id: id, industry: $0)] } ?? clauses[ClauseKey(id: id, industry: nil)]
    }

    public func letter(style: LetterStyle, tone: LetterTone) -> LetterTemplate? {
        letters[LetterKey(style: style, tone: tone)]
    }

    /// The checklists for `industry`: the one for every AI role first, then the industry's own.
    public func checklists(for industry: Industry) -> [Checklist] {
        checklists.filter { $0.industry == nil } + checklists.filter { $0.industry == industry }
    }

    // MARK: References from lexicon fixes

    /// A reference in a lexicon fix text: `{phrasing:ID}` or `{clause:ID}`.
    public struct Reference: Sendable, Equatable {
        public enum Kind: String, Sendable { case phrasing, clause }
        public let kind: Kind
        public let id: String
        /// Where in the fix text it stands.
        public let range: Range<String.Index>
    }

    public static func references(in text: String) -> [Reference] {
        var found: [Reference] = []
        var rest = text[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let inner = rest[rest.index(after: open)..<close]
            if let colon = inner.firstIndex(of: ":"), let kind = Reference.Kind(rawValue: String(inner[..<colon])) {
                found.append(Reference(kind: kind, id: String(inner[inner.index(after: colon)...]), range: open..<rest.index(after: close)))
            }
            rest = rest[rest.index(after: close)...]
        }
        return found
    }

    public func text(for reference: Reference, industry: Industry?) -> TemplateText? {
        switch reference.kind {
        case .phrasing: return phrasings[reference.id]
        case .clause: return clause(reference.id, industry: industry)
        }
    }

    /// Every reference in the fix texts of `specs` must name a text of this library; an
    /// error points at the rule that makes the bad reference.
    public func checkReferences(in specs: [RuleSpec]) throws(LoadError) {
        for spec in specs {
            guard let text = spec.fix?.text else { continue }
            for reference in TemplateLibrary.references(in: text) where self.text(for: reference, industry: nil) == nil {
                let known = (reference.kind == .phrasing ? phrasings.keys.sorted() : Array(Set(clauses.keys.map(\.id))).sorted())
                throw LoadError(file: spec.file, line: spec.line,
                                message: "the fix of '\(spec.id)' refers to {\(reference.kind.rawValue):\(reference.id)}, which the template library does not have; known: "
                                    + known.joined(separator: ", "))
            }
        }
    }

    // MARK: Reading

    private static func identifier(_ value: YAMLValue) throws(LoadError) -> String {
        let id = try value.string("id")
        guard !id.isEmpty, id.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else {
            throw value.error("id '\(id)' must be lower-case words joined by '-'")
        }
        return id
    }

    /// A text: one string, or a list of variants, most specific first.
    static func text(_ value: YAMLValue, what: String) throws(LoadError) -> TemplateText {
        let items: [YAMLValue]
        if case .sequence = value.node { items = try value.stringList(what) } else { items = [value] }
        if items.isEmpty { throw value.error("\(what) has no variants") }
        var variants: [TemplateText.Variant] = []
        for item in items {
            let raw = try item.string(what)
            let text = raw.trimmingSpaces()
            if text.isEmpty { throw item.error("\(what) is empty") }
            variants.append(TemplateText.Variant(text: text, line: item.line, slots: try slots(in: text, at: item)))
        }
        let last = variants[variants.count - 1]
        if let optional = last.slots.first(where: \.isOptional) {
            throw items[items.count - 1].error(
                "the last variant of \(what) names {\(optional.rawValue)}, which a letter may not give; add a variant without it after this one")
        }
        for (i, variant) in variants.enumerated() where i > 0 {
            // A variant after one that needs a subset of its facts can never be chosen.
            if let earlier = variants[..<i].first(where: { Set($0.slots).isSubset(of: Set(variant.slots)) }) {
                throw items[i].error("this variant can never be used: the earlier variant \"\(earlier.text.prefix(40))…\" needs no more facts than it does")
            }
        }
        return TemplateText(variants: variants, file: value.file)
    }

    /// The `{slot}`s of a template text; an unknown slot or a stray brace is an error.
    static func slots(in text: String, at value: YAMLValue) throws(LoadError) -> [TemplateSlot] {
        var slots: [TemplateSlot] = []
        var rest = Substring(text)
        while let brace = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
            guard rest[brace] == "{" else { throw value.error("a '}' without a '{' before it: \(text)") }
            let after = rest[rest.index(after: brace)...]
            guard let close = after.firstIndex(where: { $0 == "}" || $0 == "{" }), after[close] == "}" else {
                throw value.error("a '{' without a closing '}': \(text)")
            }
            let name = String(after[..<close])
            guard let slot = TemplateSlot(rawValue: name) else {
                throw value.error("unknown slot '{\(name)}'; known slots: " + TemplateSlot.allCases.map { "{\($0.rawValue)}" }.joined(separator: ", "))
            }
            slots.append(slot)
            rest = after[after.index(after: close)...]
        }
        return slots
    }

    private static func letter(_ value: YAMLValue) throws(LoadError) -> LetterTemplate {
        let m = try value.mapping("a letter", keys: ["style", "tone", "salutation", "paragraphs", "closing"])
        let style = try m.required("style").oneOf("style", LetterStyle.self)
        let tone = try m.required("tone").oneOf("tone", LetterTone.self)
        var paragraphs: [LetterTemplate.Paragraph] = []
        var handovers = 0
        for item in try m.required("paragraphs").list("paragraphs") {
            let p = try item.mapping("a paragraph", keys: ["text", "use"])
            switch (p["text"], p["use"]) {
            case (let text?, nil):
                paragraphs.append(.text(try TemplateLibrary.text(text, what: "paragraph text")))
            case (nil, let use?):
                let name = try use.string("use")
                guard name == "handover" else { throw use.error("'use: \(name)' is not known; a paragraph can use: handover") }
                handovers += 1
                paragraphs.append(.handover)
            default:
                throw item.error("a paragraph has either 'text' or 'use', not both and not neither")
            }
        }
        if handovers != 1 {
            throw value.error("a letter needs exactly one 'use: handover' paragraph (this one has \(handovers))")
        }
        let closing = try TemplateLibrary.text(m.required("closing"), what: "closing")
        if closing.variants.contains(where: { !$0.slots.isEmpty }) {
            throw (try m.required("closing")).error("a closing line takes no slots; the writer's name follows it")
        }
        return LetterTemplate(style: style, tone: tone, salutation: try TemplateLibrary.text(m.required("salutation"), what: "salutation"),
                              paragraphs: paragraphs, closing: closing, file: value.file, line: value.line)
    }

    private static func checklist(_ value: YAMLValue) throws(LoadError) -> Checklist {
        let m = try value.mapping("a checklist", keys: ["industry", "title", "sections"])
        let industryValue = try m.required("industry")
        let industryName = try industryValue.string("industry")
        var industry: Industry? = nil
        if industryName != "any" {
            guard let known = Industry(rawValue: industryName) else {
                throw industryValue.error("industry '\(industryName)' is not one of: any, " + Industry.allCases.map(\.rawValue).joined(separator: ", "))
            }
            industry = known
        }
        var sections: [Checklist.Section] = []
        for item in try m.required("sections").list("sections") {
            let s = try item.mapping("a checklist section", keys: ["title", "items"])
            var items: [String] = []
            for entry in try s.required("items").stringList("items") {
                let text = try entry.string("item").trimmingSpaces()
                if text.isEmpty { throw entry.error("a checklist item is empty") }
                if !(try slots(in: text, at: entry)).isEmpty { throw entry.error("a checklist item takes no slots: \(text)") }
                items.append(text)
            }
            if items.isEmpty { throw item.error("a checklist section has no items") }
            sections.append(Checklist.Section(title: try s.required("title").string("title").trimmingSpaces(), items: items))
        }
        return Checklist(industry: industry, title: try m.required("title").string("title").trimmingSpaces(), sections: sections)
    }
}

extension String {
    /// Without white space at either end, as the library's `trimmingSpaces()` (Report/
    /// Redaction.swift) trims; repeated here because LexiconKit cannot see LetterLint.
    fileprivate func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s = s.dropFirst() }
        while s.last?.isWhitespace == true { s = s.dropLast() }
        return String(s)
    }
}
