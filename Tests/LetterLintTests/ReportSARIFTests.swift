import Foundation
import Testing
@testable import LetterLint

/// Validates SARIF logs against the official SARIF 2.1.0 schema with Python's `jsonschema`
/// (the schema is at <repo>/../shared/sarif-schema-2.1.0.json). Missing tools are an error,
/// never a silent skip: `bash .ci/setup` installs python3-jsonschema.
enum SARIFSchema {
    static let schema = repositoryRoot.deletingLastPathComponent().appending(path: "shared/sarif-schema-2.1.0.json")

    struct ToolingMissing: Error, CustomStringConvertible {
        let description: String
    }

    static let script = #"""
        import json, sys
        try:
            import jsonschema
        except ImportError:
            print("python3 cannot import jsonschema; install python3-jsonschema (bash .ci/setup does)")
            sys.exit(3)
        with open(sys.argv[1], encoding="utf-8") as f:
            schema = json.load(f)
        with open(sys.argv[2], encoding="utf-8") as f:
            log = json.load(f)
        cls = jsonschema.validators.validator_for(schema)
        checker = getattr(cls, "FORMAT_CHECKER", None) or jsonschema.FormatChecker()
        validator = cls(schema, format_checker=checker)
        errors = sorted(validator.iter_errors(log), key=lambda e: [str(p) for p in e.absolute_path])
        for e in errors:
            print("/" + "/".join(str(p) for p in e.absolute_path) + ": " + e.message)
        sys.exit(1 if errors else 0)
        """#

    /// The schema violations of `sarif` (empty when it is valid).
    static func violations(_ sarif: String) throws -> [String] {
        guard FileManager.default.fileExists(atPath: schema.path) else {
            throw ToolingMissing(description: "the SARIF schema is missing at \(schema.path)")
        }
        let scratch = FileManager.default.temporaryDirectory.appending(path: "letterlint-sarif-\(UUID().uuidString).sarif")
        try sarif.write(to: scratch, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, schema.path, scratch.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        do { try process.run() } catch {
            throw ToolingMissing(description: "cannot run python3 through /usr/bin/env: \(error)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        switch process.terminationStatus {
        case 0: return []
        case 1: return text.split(separator: "\n").map(String.init)
        case 3: throw ToolingMissing(description: text.trimmingCharacters(in: .whitespacesAndNewlines))
        case 127: throw ToolingMissing(description: "python3 is not installed (needed to validate SARIF against its schema)")
        default: throw ToolingMissing(description: "the SARIF validator failed (status \(process.terminationStatus)): \(text)")
        }
    }
}

/// Line and column shifted, as if the text had been extracted from a file with a header.
struct ShiftedSource: SourceMapping {
    func sourceLocation(ofTextOffset offset: Int, in document: Document) -> Document.Location {
        let l = document.location(of: offset)
        return Document.Location(line: l.line + 10, column: l.column + 4)
    }
}

@Suite("Report format: sarif")
struct ReportSARIFTests {
    static func sarif(_ reports: [FileReport] = ReportFixtures.reports, ruleSet: RuleSet = bundledRules) -> String {
        SARIFReport.render(reports, ruleSet: ruleSet, toolVersion: LetterLintVersion.current)
    }

    static func parse(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func run(_ text: String) throws -> [String: Any] {
        let root = try parse(text)
        let runs = try #require(root["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        return try #require(runs.first)
    }

    static func results(_ run: [String: Any]) throws -> [[String: Any]] {
        try #require(run["results"] as? [[String: Any]])
    }

    static func region(_ result: [String: Any]) throws -> [String: Any] {
        let locations = try #require(result["locations"] as? [[String: Any]])
        #expect(locations.count == 1)
        let physical = try #require(locations.first?["physicalLocation"] as? [String: Any])
        return try #require(physical["region"] as? [String: Any])
    }

    static func uri(_ result: [String: Any]) -> String? {
        let locations = result["locations"] as? [[String: Any]]
        let physical = locations?.first?["physicalLocation"] as? [String: Any]
        return (physical?["artifactLocation"] as? [String: Any])?["uri"] as? String
    }

    // MARK: Schema

    @Test func theFixturesValidateAgainstTheSchema() throws {
        let problems = try SARIFSchema.violations(Self.sarif())
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func theWholeCorpusValidatesAgainstTheSchema() throws {
        let corpus = repositoryRoot.appending(path: "corpus")
        let checker = Checker(linter: linter)
        let reports = try InputFiles.expand([corpus.path]).files.map { path in
            try checker.check(bytes: try InputFiles.read(path), path: String(path.dropFirst(corpus.path.count + 1)))
        }
        #expect(reports.count >= 60)
        let text = Self.sarif(reports)
        let problems = try SARIFSchema.violations(text)
        #expect(problems.isEmpty, "\(problems.prefix(20).joined(separator: "\n"))")
        #expect(try Self.results(Self.run(text)).count == reports.flatMap(\.findings).count)
    }

    @Test func unusualInputsValidateAgainstTheSchema() throws {
        let mapped = FileReport(path: "mail/letter.eml", result: ReportFixtures.reports[0].result, sourceMap: ShiftedSource())
        for reports in [[], [ReportFixtures.hostile()], [mapped], [ReportFixtures.checker.check(text: "", path: "<stdin>")]] {
            let problems = try SARIFSchema.violations(Self.sarif(reports))
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        }
    }

    @Test func theValidatorRejectsInvalidLogs() throws {
        let valid = Self.sarif()
        let badColumnKind = valid.replacingOccurrences(of: "\"unicodeCodePoints\"", with: "\"bytes\"")
        #expect(try !SARIFSchema.violations(badColumnKind).isEmpty)
        let badLevel = valid.replacingOccurrences(of: "\"level\": \"note\"", with: "\"level\": \"info\"")
        #expect(badLevel != valid)
        #expect(try !SARIFSchema.violations(badLevel).isEmpty)
        let noVersion = valid.replacingOccurrences(of: "\"version\": \"2.1.0\",", with: "")
        #expect(try !SARIFSchema.violations(noVersion).isEmpty)
    }

    // MARK: Tool and rules

    @Test func theDriverDescribesEveryRule() throws {
        let run = try Self.run(Self.sarif())
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "letterlint")
        #expect(driver["version"] as? String == LetterLintVersion.current)
        #expect(driver["informationUri"] == nil, "no invented home page")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == bundledRules.rules.map(\.id))
        for (descriptor, rule) in zip(rules, bundledRules.rules) {
            #expect((descriptor["shortDescription"] as? [String: Any])?["text"] as? String == rule.spec.description)
            #expect((descriptor["fullDescription"] as? [String: Any])?["text"] as? String == rule.spec.reason)
            let help = try #require((descriptor["help"] as? [String: Any])?["text"] as? String)
            #expect(help.contains(rule.spec.reason))
            if let fix = rule.spec.fix { #expect(help.contains(fix.title)) }
            #expect((descriptor["defaultConfiguration"] as? [String: Any])?["level"] as? String == SARIFReport.level(rule.spec.severity))
            #expect((descriptor["properties"] as? [String: Any])?["category"] as? String == rule.spec.category.rawValue)
        }
    }

    @Test func everyResultPointsAtItsRule() throws {
        let run = try Self.run(Self.sarif())
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let results = try Self.results(run)
        let findings = ReportFormatOrder.sorted(ReportFixtures.reports).flatMap(\.findings)
        #expect(results.count == findings.count)
        for (result, finding) in zip(results, findings) {
            #expect(result["ruleId"] as? String == finding.ruleID)
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == finding.ruleID)
            #expect(result["level"] as? String == SARIFReport.level(finding.severity))
            #expect((result["message"] as? [String: Any])?["text"] as? String == finding.message)
        }
        #expect(SARIFReport.level(.info) == "note")
    }

    // MARK: Locations

    @Test func regionsCountUnicodeScalarsAndSliceTheText() throws {
        let run = try Self.run(Self.sarif())
        let results = try Self.results(run)
        let reports = ReportFormatOrder.sorted(ReportFixtures.reports)
        var index = 0
        for report in reports {
            let scalars = Array(report.result.document.text.unicodeScalars)
            for finding in report.findings {
                let result = results[index]
                index += 1
                let region = try Self.region(result)
                let start = report.location(of: finding.range.lowerBound), end = report.location(of: finding.range.upperBound)
                #expect(region["startLine"] as? Int == start.line)
                #expect(region["startColumn"] as? Int == start.column)
                #expect(region["endLine"] as? Int == end.line)
                #expect(region["endColumn"] as? Int == end.column)
                let offset = try #require(region["charOffset"] as? Int), length = try #require(region["charLength"] as? Int)
                let sliced = String(String.UnicodeScalarView(scalars[offset..<offset + length]))
                #expect(sliced == report.result.document.slice(finding.range))
                if finding.secret == nil && !finding.range.isEmpty {
                    #expect((region["snippet"] as? [String: Any])?["text"] as? String == sliced)
                }
                if finding.range.isEmpty { #expect(region["snippet"] == nil) }
            }
        }
        #expect(index == results.count)
    }

    @Test func aMultibyteLineUsesCharactersNotBytes() throws {
        let run = try Self.run(Self.sarif([ReportFixtures.reports[0]]))
        let credit = try #require(try Self.results(run).first { $0["ruleId"] as? String == "grievance.credit-taking" })
        let region = try Self.region(credit)
        // "Zoë — my manager " is 17 characters but 20 bytes.
        #expect(region["startColumn"] as? Int == 18)
        let finding = try #require(ReportFixtures.reports[0].findings.first { $0.ruleID == "grievance.credit-taking" })
        #expect(region["charOffset"] as? Int == finding.range.lowerBound - 3)
    }

    @Test func pathsBecomeURIReferences() throws {
        #expect(PathURI.uri(forPath: "drafts/a.txt") == "drafts/a.txt")
        #expect(PathURI.uri(forPath: "./drafts/a.txt") == "drafts/a.txt")
        #expect(PathURI.uri(forPath: "drafts/Zoë letter.txt") == "drafts/Zo%C3%AB%20letter.txt")
        #expect(PathURI.uri(forPath: "c:d/100%#x?.txt") == "c%3Ad/100%25%23x%3F.txt")
        #expect(PathURI.uri(forPath: "/home/alex/a b.txt") == "file:///home/alex/a%20b.txt")
        #expect(PathURI.uri(forPath: "back\\slash.txt") == "back%5Cslash.txt")
        #expect(PathURI.uri(forPath: "<stdin>") == "%3Cstdin%3E")
        let run = try Self.run(Self.sarif())
        let artifacts = try #require(run["artifacts"] as? [[String: Any]])
        let uris = artifacts.compactMap { ($0["location"] as? [String: Any])?["uri"] as? String }
        #expect(uris == ["drafts/Zo%C3%AB%20letter.txt", "drafts/clean.txt", "drafts/risky.txt", "drafts/wrapped.md"])
        #expect(try Self.results(run).allSatisfy { Self.uri($0).map(uris.contains) == true })
    }

    @Test func aSourceMappedFileHasMappedLinesAndNoOffsetsSnippetsOrFixes() throws {
        let plain = ReportFixtures.reports[0]
        let mapped = FileReport(path: "mail/letter.eml", result: plain.result, sourceMap: ShiftedSource())
        let results = try Self.results(Self.run(Self.sarif([mapped])))
        #expect(results.count == plain.findings.count)
        for (result, finding) in zip(results, plain.findings) {
            let region = try Self.region(result)
            let location = plain.result.document.location(of: finding.range.lowerBound)
            #expect(region["startLine"] as? Int == location.line + 10)
            #expect(region["startColumn"] as? Int == location.column + 4)
            #expect(region["charOffset"] == nil && region["charLength"] == nil && region["snippet"] == nil)
            #expect(result["fixes"] == nil)
        }
    }

    /// A Markdown letter as the command line reads it: markup masked for the rules, the
    /// file's own text kept for display.
    static func markdown(_ source: String) throws -> FileReport {
        let report = try ReportFixtures.checker.check(bytes: Array(source.utf8), path: "draft.md", format: .markdown)
        return report.replacing(findings: report.findings, displayText: source)
    }

    @Test("Markdown keeps offsets, snippets and fixes, taken from the file's own text", arguments: [false, true])
    func markdownRegionsDescribeTheFile(multibyteMasked: Bool) throws {
        let link = multibyteMasked ? "[the wiki](https://wiki.example/é) " : ""
        let source = "Dear Priya,\n\nI resign; my last day is 13 March 2026. \(link)My manager **took credit** for my work.\n\n"
            + "I will document the pipeline and brief Sam.\n\nBest,\nAlex\n"
        let report = try Self.markdown(source)
        #expect((report.sourceMap != nil) == multibyteMasked, "the case this test is about")
        let finding = try #require(report.findings.first { $0.ruleID == "grievance.credit-taking" })
        let text = Self.sarif([report])
        let problems = try SARIFSchema.violations(text)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        let result = try #require(try Self.results(Self.run(text)).first { $0["ruleId"] as? String == "grievance.credit-taking" })
        let region = try Self.region(result)
        let file = Document(text: source)
        #expect(region["startLine"] as? Int == file.location(of: finding.range.lowerBound).line)
        #expect(region["startColumn"] as? Int == file.location(of: finding.range.lowerBound).column)
        let offset = try #require(region["charOffset"] as? Int), length = try #require(region["charLength"] as? Int)
        let scalars = Array(source.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[offset..<offset + length])) == file.slice(finding.range))
        let snippet = try #require((region["snippet"] as? [String: Any])?["text"] as? String)
        #expect(snippet == file.slice(finding.range))
        #expect(snippet.contains("**"), "the snippet shows what the user wrote, markup included")
        #expect(result["fixes"] != nil)
    }

    // MARK: Fixes

    @Test func suggestionsBecomeFixes() throws {
        let report = ReportFixtures.reports[0]
        let results = try Self.results(Self.run(Self.sarif([report])))
        for (result, finding) in zip(results, report.findings) {
            let fixes = try #require(result["fixes"] as? [[String: Any]], "\(finding.ruleID) has a suggestion")
            #expect(fixes.count == finding.fixes.count)
            let fix = try #require(fixes.first), source = try #require(finding.fixes.first)
            #expect((fix["description"] as? [String: Any])?["text"] as? String == source.title)
            let changes = try #require(fix["artifactChanges"] as? [[String: Any]])
            #expect(((changes.first?["artifactLocation"] as? [String: Any])?["uri"] as? String) == "drafts/risky.txt")
            let replacement = try #require((changes.first?["replacements"] as? [[String: Any]])?.first)
            let deleted = try #require(replacement["deletedRegion"] as? [String: Any])
            let edit = try #require(source.edits.first)
            let document = report.result.document
            #expect(deleted["charOffset"] as? Int == document.slice(0..<edit.range.lowerBound).unicodeScalars.count)
            #expect(deleted["charLength"] as? Int == document.slice(edit.range).unicodeScalars.count)
            let inserted = (replacement["insertedContent"] as? [String: Any])?["text"] as? String
            #expect(inserted == (edit.replacement.isEmpty ? nil : edit.replacement))
        }
        // The missing date is an insertion: an empty deleted region and the clause to insert.
        let date = try #require(results.first { $0["ruleId"] as? String == "date.missing" })
        let replacement = try #require((((date["fixes"] as? [[String: Any]])?.first?["artifactChanges"] as? [[String: Any]])?.first?["replacements"] as? [[String: Any]])?.first)
        #expect((replacement["deletedRegion"] as? [String: Any])?["charLength"] as? Int == 0)
        #expect(((replacement["insertedContent"] as? [String: Any])?["text"] as? String)?.contains("last working day") == true)
    }

    // MARK: Secrets

    @Test func secretsAreMaskedAndTheMasksAreRedactionTokens() throws {
        let text = Self.sarif()
        #expect(!text.contains(ReportFixtures.secret))
        let run = try Self.run(text)
        #expect(run["redactionTokens"] as? [String] == [ReportFixtures.mask])
        let secret = try #require(try Self.results(run).first { $0["ruleId"] as? String == "disclosure.secret" })
        let region = try Self.region(secret)
        #expect((region["snippet"] as? [String: Any])?["text"] as? String == ReportFixtures.mask)
        // The region still covers the whole key, so a viewer highlights it.
        #expect(region["charLength"] as? Int == ReportFixtures.secret.unicodeScalars.count)

        let hostile = Self.sarif([ReportFixtures.hostile()])
        #expect(!hostile.contains(ReportFixtures.secret))
        let result = try #require(try Self.results(Self.run(hostile)).first)
        #expect(((result["message"] as? [String: Any])?["text"] as? String)?.hasPrefix("Key \(ReportFixtures.mask) found") == true)
        let inserted = (((((result["fixes"] as? [[String: Any]])?.first?["artifactChanges"] as? [[String: Any]])?.first?["replacements"] as? [[String: Any]])?.first?["insertedContent"]) as? [String: Any])?["text"] as? String
        #expect(inserted == "<\(ReportFixtures.mask)>")
    }

    @Test func noRedactionTokensWithoutSecrets() throws {
        let run = try Self.run(Self.sarif([ReportFixtures.checker.check(text: ReportFixtures.wrapped, path: "a.txt")]))
        #expect(run["redactionTokens"] == nil)
    }

    // MARK: Fingerprints

    static func fingerprints(_ text: String) throws -> [(rule: String, line: Int, print: String)] {
        try Self.results(Self.run(Self.sarif([ReportFixtures.checker.check(text: text, path: "a.txt")]))).map { result in
            let print = try #require((result["partialFingerprints"] as? [String: String])?[SARIFReport.fingerprintKey])
            return (try #require(result["ruleId"] as? String), try #require(try Self.region(result)["startLine"] as? Int), print)
        }
    }

    @Test func fingerprintsSurviveUnrelatedEditsAndTellRepeatsApart() throws {
        let letter = "Dear Priya,\n\nI resign; my last day is 13 March 2026. My manager took credit for my work.\n\n"
            + "I will document the pipeline and brief Sam. My manager took credit for my work.\n\nBest,\nAlex\n"
        let before = try Self.fingerprints(letter).filter { $0.rule == "grievance.credit-taking" }
        #expect(before.count == 2)
        #expect(Set(before.map(\.print)).count == 2, "the same sentence twice gets two fingerprints")
        // An unrelated edit: the lines move, the findings' text does not.
        let edited = letter.replacingOccurrences(of: "Dear Priya,\n\n", with: "Dear Priya,\n\n\n\n\n")
        let after = try Self.fingerprints(edited).filter { $0.rule == "grievance.credit-taking" }
        #expect(after.map(\.line) == before.map { $0.line + 3 }, "the lines moved")
        #expect(after.map(\.print) == before.map(\.print), "the fingerprints did not")
        #expect(before.allSatisfy { $0.print.count == 16 && $0.print.allSatisfy(\.isHexDigit) })
        // The rule and the text go in: another rule on the same text hashes differently.
        #expect(FNV1a64.hex("grievance.credit-taking\u{0}took credit for my\u{0}0") != FNV1a64.hex("grievance.blame\u{0}took credit for my\u{0}0"))
    }

    @Test func fnv1a64MatchesTheReferenceVectors() {
        #expect(FNV1a64.hex("") == "cbf29ce484222325")
        #expect(FNV1a64.hex("a") == "af63dc4c8601ec8c")
        #expect(FNV1a64.hex("foobar") == "85944171f73967e8")
    }
}
