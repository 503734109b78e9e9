/// `letterlint debug tokens`: the tokenizer's view of a letter, for people writing rules.
public enum TokenDump {
    public static func render(_ report: FileReport) -> String {
        let document = report.result.document
        let redaction = Redaction(findings: report.findings)
        func show(_ range: Range<Int>) -> String {
            let loc = document.location(of: range.lowerBound)
            return "\(loc.line):\(loc.column) [\(range.lowerBound)..<\(range.upperBound)] \(redaction.excerpt(range, in: document))"
        }
        var out = "Sections:\n"
        for span in document.sections { out += "  \(span.section.rawValue): \(show(span.range))\n" }
        out += "Paragraphs (\(document.paragraphs.count)):\n"
        for p in document.paragraphs { out += "  \(p.section.rawValue) \(show(p.range))\n" }
        out += "Sentences (\(document.sentences.count)):\n"
        for s in document.sentences { out += "  \(show(s))\n" }
        out += "Words: \(document.words.count)\n"
        let facts = report.result.facts
        out += "Facts:\n"
        out += "  employer: \(facts.employers.isEmpty ? "(unknown)" : facts.employers.joined(separator: ", "))\n"
        out += "  manager: \(facts.manager ?? "(unknown)")\n  writer: \(facts.name ?? "(unknown)")\n"
        out += "  role: \(facts.role ?? "(unknown)")\n  last day: \(facts.lastDay ?? "(unknown)")\n"
        return out
    }
}
