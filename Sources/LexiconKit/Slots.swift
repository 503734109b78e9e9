/// `{slot}` handling shared by lexicon fixes and templates. Only the scanning lives here,
/// because the lexicon loader needs it to reject unknown slots; filling slots with a
/// letter's facts is the library's (an extension in LetterLint's FixComposer.swift).
package enum Slots {
    /// The slot names used in `text`, in order.
    package static func names(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { break }
            let name = after[..<close]
            if !name.isEmpty && name.allSatisfy({ $0.isLetter || $0 == "_" }) { names.append(String(name)) }
            rest = after[after.index(after: close)...]
        }
        return names
    }
}
