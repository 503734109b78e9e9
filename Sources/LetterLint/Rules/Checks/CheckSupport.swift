import PCRE2

/// Helpers the date, notice, handoff and structure checks share.
extension CheckContext {
    /// The dates of the letter under the user's options.
    var dates: DateAnalysis { memo.dates { DateAnalysis(document: document, options: options, matcher: matcher) } }

    /// The rules that name `check`: a check's vocabulary (its `patterns` and `exceptions`)
    /// is written in its lexicon entry, so the words stay data while the logic is code.
    func rules(using check: any CodeCheck) -> [Rule] {
        ruleSet.rules(usingCheck: check.name)
    }

    /// Every match of `regexes` inside `range`, in text order.
    func matches(of regexes: [Regex], in range: Range<Int>) -> [Match] {
        guard !range.isEmpty else { return [] }
        let found = document.bytes.withUnsafeBufferPointer { buffer in
            regexes.flatMap { (try? matcher.allMatches(of: $0, in: buffer, from: range.lowerBound, to: range.upperBound)) ?? [] }
        }
        return found.sorted { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }
    }

    /// Matches of `regexes` in the letter's parts `sections`, each part searched on its own.
    func matches(of regexes: [Regex], in sections: Set<Section>) -> [Match] {
        document.sections.filter { sections.contains($0.section) }.flatMap { matches(of: regexes, in: $0.range) }
    }

    /// The sentence that says "I resign", found with the patterns of
    /// `structure.resignation-statement` (the rule that reports its absence).
    var resignationSentence: Range<Int>? {
        memo.resignationSentence { FixComposer.resignationSentence(in: document, ruleSet: ruleSet, matcher: matcher) }
    }

    /// Where a sentence added to the opening of the letter goes: after the resignation
    /// sentence, else after the first sentence of the body, else at the end of the text.
    /// Inserted text there starts with a space.
    var afterOpeningSentence: Int {
        if let sentence = resignationSentence { return sentence.upperBound }
        if let body = document.span(of: .body), let first = document.sentences.first(where: { body.contains($0.lowerBound) }) {
            return first.upperBound
        }
        return document.paragraphs.last?.range.upperBound ?? document.bytes.count
    }

    /// The text of a match's named group, or of the whole match.
    func text(of match: Match, group name: String, in regex: Regex? = nil) -> (range: Range<Int>, text: String) {
        let range = regex.flatMap { match.setGroup(named: name, in: $0) } ?? match.range
        return (range, document.slice(range).collapsingWhitespace())
    }
}

/// One hit per sentence: a check that reports a sentence reports it once, whichever of its
/// patterns matched first.
func oncePerSentence(_ hits: [CheckHit], in document: Document) -> [CheckHit] {
    var seen = Set<Int>()
    return hits.filter { hit in
        let key = document.sentence(containing: hit.range.lowerBound)?.lowerBound ?? hit.range.lowerBound
        return seen.insert(key).inserted
    }
}
