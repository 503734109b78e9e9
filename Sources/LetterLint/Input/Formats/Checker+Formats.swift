extension Checker {
    /// Checks a letter in any ``InputFormat``: extracts its text, lints it with the e-mail's
    /// `Date:` as the letter's date (unless the options already set one), and reports
    /// positions in the file the user opens through the extraction's source map.
    ///
    /// For `.text` this is the same as ``check(bytes:path:)``.
    public func check(bytes: [UInt8], path: String, format: InputFormat,
                      extraction: InputFormat.Options = InputFormat.Options()) throws(InputError) -> FileReport {
        let extracted: ExtractedText
        do {
            extracted = try format.extract(bytes, options: extraction)
        } catch {
            throw InputError(path: path, message: error.description)
        }
        var options = self.options
        if options.letterDate == nil { options.letterDate = extracted.letterDate }
        var notes = extracted.notes
        if let empty = Checker.emptinessNote(extracted.text) {
            // Seven "missing salutation / date / signature" findings would only bury the
            // one thing worth saying.
            options.onlyRules = []
            notes.append(empty)
        }
        let result = linter.lint(Document(text: extracted.text), options: options)
        return FileReport(path: path, result: result, notes: notes, sourceMap: extracted.sourceMap)
    }

    /// The note for a letter with no text at all, or only white space; nil otherwise.
    static func emptinessNote(_ text: String) -> String? {
        guard text.allSatisfy(\.isWhitespace) else { return nil }
        return text.isEmpty ? "the letter is empty; there is nothing to check"
            : "the letter holds only white space; there is nothing to check"
    }
}
