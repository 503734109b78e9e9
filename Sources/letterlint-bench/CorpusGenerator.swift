import Foundation
import LetterLintFixtures

/// A reproducible corpus of resignation letters for benchmarks: the same seed gives the
/// same bytes. Letters are built from sentence banks written for this benchmark, with a
/// few risky sentences sprinkled in, typographic quotes and accented names, so the
/// tokenizer and the prefilter see realistic text.
struct CorpusGenerator {
    static let managers = ["Priya", "Marcus", "Zoë", "José", "Ana-María", "Tomás", "Siobhán", "Wei", "Amara", "Lukas", "Fatima", "Ines"]
    static let writers = ["Alex Kim", "Jordan Ellis", "Noor Haddad", "Sam Okafor", "Maya Lindqvist", "Dara O’Connell", "Ravi Menon", "Léa Dubois"]
    static let companies = ["Northwind Analytics", "Halcyon Bank", "Brightcart", "Lumen Health AI", "Cobaltline Media", "Tallis Pay", "Fernway Market", "Kitefin"]
    static let roles = ["Machine Learning Engineer", "Senior Data Scientist", "MLOps Engineer", "Research Engineer", "Applied Scientist", "Staff ML Engineer"]
    static let projects = ["the fraud detection model", "the demand forecast", "our recommendation system", "the ranking pipeline", "the credit risk model", "the search relevance work", "the churn model", "the pricing engine"]
    static let months = ["January", "February", "March", "April", "May", "June", "July", "September", "October", "November"]

    static let filler = [
        "Over the past years I have learned a great deal about building reliable systems, and about the care it takes to put a model in front of real customers.",
        "The team’s habit of writing things down, reviewing each other’s experiments and questioning every metric has shaped how I work.",
        "I am especially grateful for the time you spent reviewing my design documents and for the honest feedback that came with it.",
        "Working with the data engineering group taught me that most of the hard problems sit in the pipelines rather than in the models.",
        "I will remember the launch reviews, the late debugging sessions before a release, and the patience everyone showed while we got the evaluation right.",
        "It has been a privilege to see the platform grow from a handful of notebooks into something the whole company relies on.",
        "The bias audit we ran last spring and the model drift dashboards we built afterwards are among the things I am proudest of.",
        "I also want to thank the people in operations and support, who told us early when a prediction did not make sense to a customer.",
        "Our weekly reading group on evaluation methods was one of the best parts of my week, and I hope it continues.",
        "The adversarial robustness work with the security team was demanding, and I learned more from it than from any course.",
    ]
    static let handoffs = [
        "Before my last day I will document the feature pipeline and the retraining schedule, and walk my successor through the serving stack.",
        "I’ll write up runbooks for the scheduled jobs, transfer ownership of the model registry entries and brief the on-call rotation.",
        "During my notice period I will hand over the monitoring dashboards, alert thresholds and escalation contacts, and finish the model cards.",
    ]
    static let risky = [
        "Frankly, my manager took credit for my work on the launch.",
        "I’ll be joining Anthropic next month to lead a new team.",
        "We reached an AUC of 0.94 on the holdout set, which nobody outside the team knows.",
        "The old key sk-proj-FAKEfakeFAKEfake0123456789abcd9f2Q still works, so please rotate it.",
        "The culture here has become toxic and nobody listened to my warnings.",
        "I was passed over for promotion twice despite my results!!!",
        "My lawyer has advised me that the non-compete is unenforceable.",
        "Dear [Manager's Name], TODO: fill in the date.",
        "We trained it on 512 H100s for three weeks.",
        "Tbh I’m gonna miss the free lunches more than the meetings.",
    ]

    /// One letter: about 3.2 KB on average.
    static func letter(_ random: inout SplitMix64) -> String {
        let manager = random.pick(managers), writer = random.pick(writers), company = random.pick(companies)
        var out = "\(random.below(28) + 1) \(random.pick(months)) 2026\n\nDear \(manager),\n\n"
        out += "Please accept this letter as formal notice of my resignation from my position as \(random.pick(roles)) at \(company). "
        out += "My last working day will be \(random.below(20) + 8) \(random.pick(months)) 2026.\n\n"
        var paragraphs: [String] = []
        let count = 4 + random.below(4)
        for _ in 0..<count {
            var sentences: [String] = []
            for _ in 0..<(3 + random.below(3)) { sentences.append(random.pick(filler)) }
            if random.chance(8) { sentences.insert(random.pick(risky), at: random.below(sentences.count)) }
            paragraphs.append(sentences.joined(separator: " "))
        }
        paragraphs.insert("Thank you for the chance to work on \(random.pick(projects)) with this team.", at: 0)
        paragraphs.append(random.pick(handoffs))
        out += paragraphs.joined(separator: "\n\n")
        out += "\n\nSincerely,\n\(writer)\n"
        return out
    }

    /// Writes `count` letters into `folder` (100 per subfolder) and returns the bytes written.
    static func write(count: Int, seed: UInt64, to folder: String) throws -> Int {
        var random = SplitMix64(state: seed)
        var total = 0
        let fm = FileManager.default
        for i in 0..<count {
            let sub = (folder as NSString).appendingPathComponent(String(format: "batch-%03d", i / 100))
            if i % 100 == 0 { try fm.createDirectory(atPath: sub, withIntermediateDirectories: true) }
            let text = letter(&random)
            let data = Data(text.utf8)
            try data.write(to: URL(fileURLWithPath: (sub as NSString).appendingPathComponent(String(format: "letter-%05d.txt", i))))
            total += data.count
        }
        return total
    }

    /// A user lexicon of `count` invented company names, for the scale target.
    static func companyLexicon(count: Int, seed: UInt64) -> String {
        var random = SplitMix64(state: seed)
        let first = ["Aster", "Birch", "Cinder", "Delta", "Ember", "Fjord", "Garnet", "Harbor", "Iris", "Juniper", "Kestrel", "Lumen", "Meridian", "Nimbus", "Onyx", "Pylon", "Quartz", "Rowan", "Sable", "Tundra"]
        let second = ["Labs", "Systems", "Analytics", "Dynamics", "Works", "Intelligence", "Robotics", "Data", "Compute", "Research"]
        var names = Set<String>()
        while names.count < count {
            names.insert("\(random.pick(first))\(random.pick(first).lowercased()) \(random.pick(second)) \(random.below(900) + 100)")
        }
        var out = "rules:\n  - id: competitor.bench-companies\n    kind: names\n    severity: warning\n    case-sensitive: true\n"
        out += "    description: Benchmark list of company names.\n    message: This names a company on the benchmark list.\n"
        out += "    reason: Used only to measure how letterlint scales with large user lexicons.\n    names:\n"
        for name in names.sorted() { out += "      - \"\(name)\"\n" }
        let sample = names.sorted().first!
        out += "    examples:\n      flag: [\"I am going to \(sample).\"]\n      pass: [\"I am staying here.\"]\n"
        return out
    }
}
