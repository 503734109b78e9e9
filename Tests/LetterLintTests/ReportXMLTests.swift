import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import LetterLint

/// Parses XML back with Foundation's XMLParser: every element with its attributes and text.
final class XMLElements: NSObject, XMLParserDelegate {
    struct Element {
        let name: String
        let attributes: [String: String]
        var text = ""
        let depth: Int
    }

    private(set) var elements: [Element] = []
    private var open: [Int] = []
    private(set) var error: String?

    static func parse(_ xml: String) -> XMLElements {
        let collector = XMLElements()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = collector
        if !parser.parse() && collector.error == nil {
            collector.error = parser.parserError.map { "\($0)" } ?? "parse failed"
        }
        return collector
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        open.append(elements.count)
        elements.append(Element(name: name, attributes: attributes, depth: open.count - 1))
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        open.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let last = open.last { elements[last].text += string }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        error = "line \(parser.lineNumber), column \(parser.columnNumber): \(parseError)"
    }

    func named(_ name: String) -> [Element] { elements.filter { $0.name == name } }
}

@Suite("Report formats: junit and checkstyle XML")
struct ReportXMLTests {
    static let reports = ReportFormatOrder.sorted(ReportFixtures.reports)

    @Test func escapingCoversMarkupAndCharactersXMLCannotCarry() {
        #expect(XMLEscape.attr("a&b<c>\"d\"'e'\t\n\r") == "a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;&#9;&#10;&#13;")
        #expect(XMLEscape.text("a&b<c>\"d\"\t\n\r") == "a&amp;b&lt;c&gt;\"d\"\t\n&#13;")
        #expect(XMLEscape.text("bell\u{7} nul\u{0} \u{FFFF}") == "bell\u{FFFD} nul\u{FFFD} \u{FFFD}")
        #expect(XMLEscape.text("Zoë — 😀") == "Zoë — 😀")
    }

    @Test func junitIsWellFormedWithASuitePerFileAndACasePerFinding() throws {
        let xml = JUnitReport.render(Self.reports)
        let parsed = XMLElements.parse(xml)
        #expect(parsed.error == nil, "\(parsed.error ?? "")")
        let root = try #require(parsed.elements.first)
        #expect(root.name == "testsuites")
        let findings = Self.reports.flatMap(\.findings)
        let tests = Self.reports.reduce(0) { $0 + max(1, $1.findings.count) }
        #expect(root.attributes["tests"] == String(tests))
        #expect(root.attributes["failures"] == String(findings.count))
        let suites = parsed.named("testsuite")
        #expect(suites.map { $0.attributes["name"] } == Self.reports.map(\.path))
        for (suite, report) in zip(suites, Self.reports) {
            #expect(suite.attributes["tests"] == String(max(1, report.findings.count)))
            #expect(suite.attributes["failures"] == String(report.findings.count))
        }
        #expect(parsed.named("testcase").count == tests)
        let failures = parsed.named("failure")
        #expect(failures.count == findings.count)
        for (failure, finding) in zip(failures, findings) {
            #expect(failure.attributes["message"] == finding.message)
            #expect(failure.attributes["type"] == finding.severity.rawValue)
            #expect(failure.text.contains("[\(finding.ruleID)]"))
        }
        let cases = parsed.named("testcase").filter { $0.attributes["classname"] != "letterlint" }
        #expect(cases.map { $0.attributes["classname"] } == findings.map(\.ruleID))
        // A clean file is one passing test case.
        let clean = try #require(parsed.named("testcase").first { $0.attributes["classname"] == "letterlint" })
        #expect(clean.attributes["name"] == "drafts/clean.txt")
        // Reading notes go to the suite's output.
        #expect(parsed.named("system-out").map(\.text) == ["note: decoded from UTF-16"])
    }

    @Test func checkstyleIsWellFormedWithAnErrorPerFinding() throws {
        let xml = CheckstyleReport.render(Self.reports, toolVersion: "0.1.0")
        let parsed = XMLElements.parse(xml)
        #expect(parsed.error == nil, "\(parsed.error ?? "")")
        #expect(parsed.elements.first?.name == "checkstyle")
        #expect(parsed.elements.first?.attributes["version"] == "0.1.0")
        #expect(parsed.named("file").map { $0.attributes["name"] } == Self.reports.map(\.path))
        let errors = parsed.named("error")
        var expected: [(Finding, FileReport)] = []
        for report in Self.reports { expected += report.findings.map { ($0, report) } }
        #expect(errors.count == expected.count)
        for (error, (finding, report)) in zip(errors, expected) {
            let start = report.location(of: finding.range.lowerBound)
            #expect(error.attributes["line"] == String(start.line))
            #expect(error.attributes["column"] == String(start.column))
            #expect(error.attributes["severity"] == finding.severity.rawValue)
            #expect(error.attributes["message"] == finding.message)
            #expect(error.attributes["source"] == "letterlint." + finding.ruleID)
        }
    }

    @Test("hostile text round-trips through", arguments: ["junit", "checkstyle"])
    func hostileTextRoundTrips(_ format: String) throws {
        let report = ReportFixtures.hostile()
        let xml = format == "junit" ? JUnitReport.render([report]) : CheckstyleReport.render([report], toolVersion: "1 & <2>")
        let parsed = XMLElements.parse(xml)
        #expect(parsed.error == nil, "\(parsed.error ?? "")")
        #expect(!xml.contains(ReportFixtures.secret))
        let message = "Key \(ReportFixtures.mask) found; a <tag> & \"quotes\", 'apostrophes',\nnew line\r\nand 100% \u{FFFD}control"
        if format == "junit" {
            #expect(parsed.named("testsuite").first?.attributes["name"] == report.path)
            let failure = try #require(parsed.named("failure").first)
            #expect(failure.attributes["message"] == message)
            #expect(failure.text.contains(message))
            #expect(failure.text.contains("fix: Replace \(ReportFixtures.mask)"))
            #expect(parsed.named("system-out").first?.text == "note: note with \(ReportFixtures.mask)")
        } else {
            #expect(parsed.elements.first?.attributes["version"] == "1 & <2>")
            #expect(parsed.named("file").first?.attributes["name"] == report.path)
            #expect(parsed.named("error").first?.attributes["message"] == message)
        }
    }
}
