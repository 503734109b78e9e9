/// `letterlint debug dates`: the dates letterlint found in a letter, what each is for, how
/// each was resolved, and the notice that results. For writers who want to know why a
/// notice finding says what it says, and for people changing the date rules.
public enum DateDump {
    public static func render(_ analysis: DateAnalysis, in document: Document) -> String {
        var out = ""
        switch analysis.letterDateSource {
        case .options?:
            out += "Letter date: \(analysis.letterDate!.longDescription) (from the e-mail's Date: header)\n"
        case .header(let range)?:
            out += "Letter date: \(analysis.letterDate!.longDescription) (header, line \(document.location(of: range.lowerBound).line))\n"
        case nil:
            out += analysis.letterDateIsPlaceholder ? "Letter date: a template field, not filled in\n" : "Letter date: none in the letter\n"
        }
        out += "Today: \(analysis.today.longDescription) (\(analysis.todayIsFromOptions ? "--today" : "system date"))\n"
        out += "Relative dates count from: \(analysis.reference.longDescription) (\(analysis.letterDate != nil ? "the letter's date" : "today"))\n"
        out += "Notice expected: \(analysis.norm.days) days, \(analysis.norm.source) (industry: \(analysis.industry.rawValue))\n"
        out += "Dates (\(analysis.mentions.count)):\n"
        for r in analysis.mentions {
            let loc = document.location(of: r.mention.range.lowerBound)
            var line = "  \(loc.line):\(loc.column) \"\(r.mention.text)\" [\(r.mention.role.rawValue)] "
            if let date = r.date { line += "-> \(date) \(date.weekdayName)" } else { line += "-> unresolved" }
            line += ": \(r.how)"
            var notes: [String] = []
            if let order = r.orderReadings { notes.append("ambiguous order: \(order.monthFirst) or \(order.dayFirst)") }
            if let year = r.yearReadings { notes.append("ambiguous year: \(year.past) or \(year.next)") }
            if r.weekdayMismatch, let stated = r.mention.statedWeekday { notes.append("written as a \(CivilDate.weekdayNames[stated - 1])") }
            if let invalid = r.invalidReason { notes.append(invalid) }
            if !notes.isEmpty { line += " (" + notes.joined(separator: "; ") + ")" }
            out += line + "\n"
        }
        if let last = analysis.lastDay, let date = last.date, let days = analysis.noticeDays {
            let span = days >= 0 ? "\(days) days after" : "\(-days) days before"
            out += "Last day: \(date.longDescription), \(span) \(analysis.reference.longDescription)"
            out += "; meeting the notice needs \(analysis.earliestLastDay.longDescription) or later"
            if analysis.noticeIsAgreed { out += " (the letter says the notice was agreed or follows the contract)" }
            out += "\n"
            for c in analysis.conflicts { out += "  also named: \(c.date!.longDescription) (\"\(c.mention.text)\")\n" }
            for m in analysis.mismatches { out += "  does not fit: \"\(m.mention.text)\" gives \(m.date!.longDescription)\n" }
        } else if analysis.lastDayMentions.isEmpty {
            out += "Last day: not stated\n"
        } else {
            out += "Last day: stated but not resolved\n"
        }
        return out
    }
}
