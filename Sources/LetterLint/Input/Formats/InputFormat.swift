/// The formats a letter can come in, and the one way to turn any of them into the text that
/// gets linted.
///
/// Every format ends in an ``ExtractedText``: the text the tokenizer and the rules read
/// (finding offsets are UTF-8 positions in it, as the contract says), plus, where that
/// text is not the file itself, a ``SourceMapping`` that puts line and column back into
/// the file the user opens.
///
/// | format | positions reported |
/// |---|---|
/// | `text` | the file itself |
/// | `markdown` | the file itself: markup is masked with spaces, so the text keeps the file's bytes, lines and columns |
/// | `html` | the file, through a source map (tags removed, entities decoded, blocks turned into paragraphs) |
/// | `email` | the `.eml` file, through a source map; see ``EmailText`` for encoded bodies |
/// | `docx` | line and column of the extracted text (one paragraph per text paragraph); no source map |
public enum InputFormat: String, CaseIterable, Sendable, CustomStringConvertible {
    case text, markdown, html, email, docx

    /// The format of a file extension (without the dot, any case); nil for one letterlint
    /// does not read.
    public init?(pathExtension: String) {
        switch pathExtension.lowercased() {
        case "txt", "text": self = .text
        case "md", "markdown": self = .markdown
        case "html", "htm", "xhtml": self = .html
        case "eml": self = .email
        case "docx": self = .docx
        default: return nil
        }
    }

    /// The format named on the command line (`--stdin-format txt|md|html|eml|docx`; the
    /// long names `text`, `markdown`, `email` and the extensions `htm`, `markdown` are accepted too).
    public init?(name: String) {
        switch name.lowercased() {
        case "txt", "text": self = .text
        case "md", "markdown": self = .markdown
        case "html", "htm": self = .html
        case "eml", "email": self = .email
        case "docx": self = .docx
        default: return nil
        }
    }

    /// The format of a path by its extension; `.text` for anything else (a file named on
    /// the command line is read as plain text unless its extension says otherwise).
    public static func of(path: String) -> InputFormat {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return .text }
        return InputFormat(pathExtension: String(path[path.index(after: dot)...])) ?? .text
    }

    /// The names `--stdin-format` accepts, in the order help text should list them.
    public static let stdinNames = ["txt", "md", "html", "eml", "docx"]

    /// Every extension read as a letter (for folder scans).
    public static let pathExtensions: Set<String> = ["txt", "text", "md", "markdown", "html", "htm", "xhtml", "eml", "docx"]

    /// The short name, as `--stdin-format` spells it.
    public var name: String {
        switch self {
        case .text: return "txt"
        case .markdown: return "md"
        case .html: return "html"
        case .email: return "eml"
        case .docx: return "docx"
        }
    }

    public var description: String { name }

    /// What a reader may choose about extraction. The defaults are what the issue asks for:
    /// Markdown code blocks and block quotes are not letter text, and neither are the quoted
    /// reply and the signature of an e-mail.
    public struct Options: Sendable, Equatable {
        /// Lint Markdown fenced and indented code blocks instead of skipping them.
        public var keepCodeBlocks: Bool
        /// Lint Markdown block quotes, HTML `<blockquote>` in e-mail and quoted reply lines.
        public var keepQuotes: Bool

        public init(keepCodeBlocks: Bool = false, keepQuotes: Bool = false) {
            self.keepCodeBlocks = keepCodeBlocks
            self.keepQuotes = keepQuotes
        }
    }

    /// Turns the bytes of a file in this format into the text to lint.
    ///
    /// Never traps and never loops on hostile input: garbage, a file that is not what its
    /// extension says, a ZIP bomb or an XML entity bomb each end in an ``InputFormatError``
    /// whose message says what happened and what to do.
    public func extract(_ bytes: [UInt8], options: Options = Options()) throws(InputFormatError) -> ExtractedText {
        switch self {
        case .text:
            let decoded = try Self.decode(bytes)
            return ExtractedText(text: decoded.text, notes: decoded.notes)
        case .markdown:
            let decoded = try Self.decode(bytes)
            return MarkdownText.extract(decoded, options: options)
        case .html:
            let decoded = try Self.decode(bytes)
            let source = Array(decoded.text.utf8)
            let extracted = HTMLText.extract(source, options: options)
            return ExtractedText(text: String(decoding: extracted.text, as: UTF8.self), notes: decoded.notes + extracted.notes,
                                 sourceMap: TextSourceMap(origins: extracted.origins, source: source))
        case .email:
            return try EmailText.extract(bytes, options: options)
        case .docx:
            return try DocxText.extract(bytes)
        }
    }

    /// Text formats share the decoder (BOM, UTF-16, invalid UTF-8, binary refused).
    static func decode(_ bytes: [UInt8]) throws(InputFormatError) -> TextDecoding.Decoded {
        do { return try TextDecoding.decode(bytes) } catch { throw .binary }
    }
}

/// The text of a letter, ready for the tokenizer, and how to find its places in the file.
public struct ExtractedText: Sendable {
    /// What gets linted; finding offsets are UTF-8 positions in it.
    public let text: String
    /// Things the user should know about how the file was read (shown as notes).
    public let notes: [String]
    /// Maps offsets in `text` to lines and columns in the file; nil when `text`'s own lines
    /// and columns are the ones to report.
    public let sourceMap: (any SourceMapping)?
    /// The letter's date when the format carries one outside the text (an e-mail's `Date:`).
    public let letterDate: CivilDate?

    public init(text: String, notes: [String] = [], sourceMap: (any SourceMapping)? = nil, letterDate: CivilDate? = nil) {
        self.text = text
        self.notes = notes
        self.sourceMap = sourceMap
        self.letterDate = letterDate
    }
}

/// Why a file could not be read as a letter. The message says what happened and what to do;
/// reporters print it after the path.
public enum InputFormatError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Binary data where text was expected.
    case binary
    /// A `.docx` that cannot be read; the reason says why.
    case docx(String)
    /// An `.eml` that cannot be read; the reason says why.
    case email(String)

    public var description: String {
        switch self {
        case .binary:
            return TextDecoding.Failure.binary.description
        case .docx(let reason):
            return "cannot read this .docx: \(reason)"
        case .email(let reason):
            return "cannot read this e-mail: \(reason)"
        }
    }
}
