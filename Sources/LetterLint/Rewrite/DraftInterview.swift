/// The short interview `letterlint draft` holds on a terminal for the facts the writer did
/// not give as flags: one question at a time, each skippable, a date checked before it is
/// accepted. The conversation itself is injected (`ask`, `say`), so it is the same code on
/// a terminal and in tests.
public struct DraftInterview {
    public enum Question: String, CaseIterable, Sendable {
        case name, manager, company, role, lastDay = "last-day", project, successor, industry, style, tone
    }

    /// What the writer told the interview (and the flags it started from).
    public struct Answers: Sendable, Equatable {
        public var values: TemplateValues
        public var industry: Industry?
        public var style: LetterStyle?
        public var tone: LetterTone?

        public init(values: TemplateValues = TemplateValues(), industry: Industry? = nil, style: LetterStyle? = nil, tone: LetterTone? = nil) {
            self.values = values
            self.industry = industry
            self.style = style
            self.tone = tone
        }

        /// The questions still open.
        public var missing: [Question] {
            Question.allCases.filter { question in
                switch question {
                case .name: return values[.name] == nil
                case .manager: return values[.manager] == nil
                case .company: return values[.company] == nil
                case .role: return values[.role] == nil
                case .lastDay: return values[.lastDay] == nil
                case .project: return values[.project] == nil
                case .successor: return values[.successor] == nil
                case .industry: return industry == nil
                case .style: return style == nil
                case .tone: return tone == nil
                }
            }
        }
    }

    public static let defaultIndustry = Industry.other
    public static let defaultStyle = LetterStyle.openDoor
    public static let defaultTone = LetterTone.neutral

    public static func prompt(_ question: Question) -> String {
        switch question {
        case .name: return "Your name, as you sign your letters:"
        case .manager: return "Who is the letter to? Your manager's name:"
        case .company: return "The company you are leaving:"
        case .role: return "Your job title there:"
        case .lastDay: return "Your last working day (for example 2026-03-27 or 27 March 2026):"
        case .project: return "A project to thank the team for, in general terms (optional, e.g. the fraud detection model):"
        case .successor: return "The colleague who will take over your work (optional):"
        case .industry: return "Your industry: tech, finance, retail or other [\(defaultIndustry.rawValue)]:"
        case .style: return "The kind of letter: open-door (stay in touch), closed-door (a clean break) or counter-offer (you turned one down) [\(defaultStyle.rawValue)]:"
        case .tone: return "The tone: positive, neutral, graceful or grateful [\(defaultTone.rawValue)]:"
        }
    }

    /// Asks each open question in turn. An empty answer skips the question (a fact becomes
    /// a placeholder to fill in later; a choice takes its default); an answer that does not
    /// fit is explained and asked again. The end of input ends the interview.
    public static func run(_ start: Answers, ask: (String) -> String?, say: (String) -> Void) -> Answers {
        var answers = start
        let open = start.missing
        guard !open.isEmpty else { return answers }
        say("A few quick questions for your letter. Press Enter to skip one and fill it in later.")
        questions: for question in open {
            while true {
                guard let raw = ask(prompt(question)) else { break questions }
                let answer = raw.trimmingSpaces()
                if answer.isEmpty { break }
                if let problem = record(answer, for: question, in: &answers) {
                    say(problem)
                    continue
                }
                break
            }
        }
        return answers
    }

    /// Stores one answer; returns what is wrong with it, if anything.
    static func record(_ answer: String, for question: Question, in answers: inout Answers) -> String? {
        switch question {
        case .name: answers.values[.name] = answer
        case .manager: answers.values[.manager] = answer
        case .company: answers.values[.company] = answer
        case .role: answers.values[.role] = answer
        case .successor: answers.values[.successor] = answer
        case .project: answers.values[.project] = DraftInterview.project(answer)
        case .lastDay:
            guard let day = LetterDates.lastDay(from: answer) else {
                return "That is not a date letterlint can put in a letter; try 2026-03-27 or 27 March 2026."
            }
            answers.values[.lastDay] = day
        case .industry:
            guard let industry = Industry(rawValue: answer.lowercased()) else { return "Please answer tech, finance, retail or other." }
            answers.industry = industry
        case .style:
            guard let style = LetterStyle(rawValue: answer.lowercased()) else { return "Please answer open-door, closed-door or counter-offer." }
            answers.style = style
        case .tone:
            guard let tone = LetterTone(rawValue: answer.lowercased()) else { return "Please answer positive, neutral, graceful or grateful." }
            answers.tone = tone
        }
        return nil
    }

    /// A project as a letter names it: with an article, so "fraud detection model" reads
    /// "the fraud detection model" in "Working on {project}".
    public static func project(_ text: String) -> String {
        let t = text.trimmingSpaces()
        let first = t.split(separator: " ").first.map { $0.lowercased() } ?? ""
        return ["the", "a", "an", "our", "my"].contains(first) ? t : "the " + t
    }
}
