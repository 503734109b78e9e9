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
        let result = linter.lint(Document(text: extracted.text), options: options)
        return FileReport(path: path, result: result, notes: extracted.notes, sourceMap: extracted.sourceMap)
    }
}
