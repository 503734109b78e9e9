// The lexicon model, loader and template library live in LexiconKit, so that the
// lexicon-embedder build tool can decode Lexicons/ with them. Re-exported here so that
// `import LetterLint` still gives the command line and the tests the whole public API.
@_exported import LexiconKit

extension LexiconLoader {
    /// The lexicons compiled into the binary.
    ///
    /// They were decoded and validated at build time by lexicon-embedder, with the same
    /// strict ``parse(_:file:folderCategory:)`` that reads user lexicons, into
    /// `EmbeddedLexicons.specs`: a run starts without parsing any YAML, and an invalid
    /// bundled lexicon fails the build at its file and line instead of every run.
    ///
    /// Still `throws(LoadError)`, although it can no longer fail, so that callers written
    /// for lexicons decoded at start-up keep compiling unchanged and without warnings.
    public static func bundled() throws(LoadError) -> [RuleSpec] { EmbeddedLexicons.specs }
}

extension TemplateLibrary {
    /// The library of `Lexicons/templates/`, decoded and checked for completeness at build
    /// time by lexicon-embedder (see ``LexiconLoader/bundled()``).
    public static func bundled() throws(LoadError) -> TemplateLibrary { EmbeddedLexicons.templates }
}
