/// `letterlint checklist`: the pre-departure and handover checklist of an industry, from
/// the template library, as plain text or Markdown task lists.
public enum ChecklistReport {
    public enum Format: String, CaseIterable, Sendable {
        case text, markdown
    }

    public static func render(_ checklists: [Checklist], industry: Industry, format: Format) -> String {
        let heading = "Before you leave: handover checklist (\(industry.rawValue))"
        var out = ""
        switch format {
        case .text:
            out += heading + "\n" + String(repeating: "=", count: heading.count) + "\n"
            for checklist in checklists {
                out += "\n" + checklist.title + "\n"
                for section in checklist.sections {
                    out += "\n  " + section.title + "\n"
                    for item in section.items { out += wrap(item, first: "    [ ] ", rest: "        ") }
                }
            }
        case .markdown:
            out += "# " + heading + "\n"
            for checklist in checklists {
                out += "\n## " + checklist.title + "\n"
                for section in checklist.sections {
                    out += "\n### " + section.title + "\n\n"
                    for item in section.items { out += "- [ ] " + item + "\n" }
                }
            }
        }
        return out
    }

    /// An item wrapped at 88 columns, continuation lines indented under its text.
    static func wrap(_ text: String, first: String, rest: String, width: Int = 88) -> String {
        var out = ""
        var line = first
        var lineHasWord = false
        for word in text.split(separator: " ") {
            if lineHasWord && line.count + 1 + word.count > width {
                out += line + "\n"
                line = rest
                lineHasWord = false
            }
            line += (lineHasWord ? " " : "") + word
            lineHasWord = true
        }
        return out + line + "\n"
    }
}
