import ArgumentParser
import LetterLint

enum RuleListFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json, markdown
}

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rules, explain one, or test lexicon examples.",
        subcommands: [List.self, Explain.self, Test.self],
        defaultSubcommand: List.self
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List every rule: id, severity, what it detects.")

        @Option(help: "text, json (an array of objects with id, category, severity, description…) or markdown.")
        var format: RuleListFormat = .text

        @Flag(help: "Print the PCRE2 pattern of every rule instead, one per line (each name of a names rule is one).")
        var patterns = false

        @OptionGroup var linting: LintingOptions

        func run() throws {
            let rules = try linting.loadRuleSet().rules
            if patterns { return Terminal.out(RuleCatalog.patterns(rules)) }
            switch format {
            case .text: Terminal.out(RuleCatalog.text(rules))
            case .json: Terminal.out(RuleCatalog.json(rules))
            case .markdown: Terminal.out(RuleCatalog.markdown(rules))
            }
        }
    }

    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "explain", abstract: "Show why a rule exists, its fix and its examples.")

        @Argument(help: "A rule id, e.g. grievance.credit-taking.")
        var id: String

        @OptionGroup var linting: LintingOptions

        func run() throws {
            let linter = try linting.linter()
            guard let rule = linter.ruleSet.rule(id) else {
                let known = linter.ruleSet.rules.map(\.id).filter { $0.hasPrefix(id.split(separator: ".").first.map(String.init) ?? id) }
                Terminal.error("letterlint: no rule '\(id)'." + (known.isEmpty ? " Run 'letterlint rules' for the list." : " Rules in that category: \(known.joined(separator: ", "))"))
                throw ExitCode(2)
            }
            Terminal.out(RuleCatalog.explain(rule, linter: linter))
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Run the examples of lexicon files: every 'flag' text must be flagged, every 'pass' text must not.",
            discussion: "With no path, tests the bundled lexicons. With paths, tests only the rules in those files or folders.")

        @Argument(help: ArgumentHelp("Lexicon files or folders.", valueName: "path"))
        var paths: [String] = []

        @Option(name: .customLong("match-limit"), help: ArgumentHelp("PCRE2 match limit.", valueName: "n"))
        var matchLimit: UInt32 = 1_000_000

        func run() throws {
            let ruleSet: RuleSet
            do {
                if paths.isEmpty {
                    ruleSet = try RuleSet.load()
                } else {
                    var specs: [RuleSpec] = []
                    for path in paths { specs += try LexiconLoader.load(path: path) }
                    ruleSet = try RuleSet(specs: specs)
                }
            } catch {
                Terminal.error("letterlint: invalid lexicon: \(error)")
                throw ExitCode(2)
            }
            let linter = Linter(ruleSet: ruleSet, limits: .init(match: matchLimit))
            let (checked, failures) = ExampleRunner(linter: linter).run(ruleSet.rules)
            for failure in failures { Terminal.out("\(failure)\n") }
            Terminal.out("\(checked - failures.count) passed, \(failures.count) failed (\(ruleSet.rules.count) rules)\n")
            if !failures.isEmpty { throw ExitCode(1) }
        }
    }
}
