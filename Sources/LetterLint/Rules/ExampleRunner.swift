/// Runs the examples every rule carries: each `flag` text must produce the rule, each
/// `pass` text must not, and both again with multibyte text in front, where a finding
/// must move by exactly the prefix's byte length. Used by `letterlint rules test` and by
/// the test suite, so a lexicon author and CI see the same verdicts.
public struct ExampleRunner: Sendable {
    public struct Failure: Sendable, Equatable, CustomStringConvertible {
        public let ruleID: String
        public let file: String
        public let line: Int?
        public let problem: String
        public var description: String { "\(file):\(line.map(String.init) ?? "?"): \(ruleID): \(problem)" }
    }

    /// Multibyte text put in front of each example ("Zoë — "): two- and three-byte
    /// characters, so a position computed in characters instead of bytes shows up.
    public static let multibytePrefix = "Zoë — "

    /// "Today" for examples that do not set one, so date checks give the same verdict on
    /// every day the tests run: Monday, 2 March 2026.
    public static let defaultToday = CivilDate(year: 2026, month: 3, day: 2)!

    public let linter: Linter

    public init(linter: Linter) { self.linter = linter }

    /// Examples checked, and the failures among them.
    public func run(_ rules: [Rule]) -> (checked: Int, failures: [Failure]) {
        var checked = 0
        var failures: [Failure] = []
        for rule in rules {
            let spec = rule.spec
            func fail(_ example: RuleSpec.Example, _ problem: String) {
                failures.append(Failure(ruleID: spec.id, file: spec.file, line: example.line, problem: problem))
            }
            func options(_ example: RuleSpec.Example) -> LintOptions {
                LintOptions(onlyRules: [spec.id], today: example.today ?? ExampleRunner.defaultToday, industry: example.industry)
            }
            for example in spec.flagExamples {
                let options = options(example)
                checked += 1
                let plain = findings(example.text, spec.id, options)
                guard let first = plain.first else {
                    fail(example, "flag example is not flagged: \(example.text)")
                    continue
                }
                let shifted = findings(ExampleRunner.multibytePrefix + example.text, spec.id, options)
                let shift = ExampleRunner.multibytePrefix.utf8.count
                if first.range.isEmpty {
                    if shifted.isEmpty { fail(example, "flag example is not flagged after multibyte text: \(example.text)") }
                } else if !shifted.contains(where: { $0.range == first.range.lowerBound + shift..<first.range.upperBound + shift }) {
                    fail(example, "after multibyte text the finding moved to \(shifted.first.map { "\($0.range)" } ?? "nowhere"), expected \(first.range.lowerBound + shift)..<\(first.range.upperBound + shift): \(example.text)")
                }
                if let fix = first.fixes.first, spec.kind != .clause, spec.kind != .check {
                    let fixed = FixApplier.apply(fix.edits, to: example.text)
                    if !findings(fixed, spec.id, options).isEmpty {
                        fail(example, "the suggested fix still triggers the rule: \(fixed)")
                    }
                }
            }
            for example in spec.passExamples {
                let options = options(example)
                checked += 1
                if let finding = findings(example.text, spec.id, options).first {
                    let excerpt = Document(text: example.text).slice(finding.range)
                    fail(example, "pass example is flagged at '\(spec.kind == .secret ? Redaction.mask(excerpt) : excerpt)': \(example.text)")
                }
            }
        }
        return (checked, failures)
    }

    private func findings(_ text: String, _ id: String, _ options: LintOptions) -> [Finding] {
        linter.lint(Document(text: text), options: options).findings.filter { $0.ruleID == id }
    }
}

/// Applies non-overlapping text edits to a text. Edits are UTF-8 ranges into `text`.
public enum FixApplier {
    /// Edits are applied from the end of the text backwards, so earlier offsets stay valid.
    /// Where an insertion and a replacement start at the same offset, the replacement goes
    /// first and the insertion lands in front of its result, whatever order they came in.
    public static func apply(_ edits: [TextEdit], to text: String) -> String {
        var bytes = Array(text.utf8)
        let ordered = edits.sorted {
            ($0.range.lowerBound, $0.range.upperBound) > ($1.range.lowerBound, $1.range.upperBound)
        }
        for edit in ordered {
            bytes.replaceSubrange(edit.range, with: Array(edit.replacement.utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
