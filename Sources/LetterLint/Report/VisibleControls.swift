/// How text from a letter or a file name is shown where a terminal may read it: control
/// characters as visible stand-ins, never as the escape sequences they could start.
extension Unicode.Scalar {
    /// A C0 control, DEL or a C1 control: the characters a terminal may act on.
    var isControlCode: Bool { value < 0x20 || (0x7F..<0xA0).contains(value) }
}

extension String {
    /// Tabs as single spaces, so columns (which count characters) line up with carets, and
    /// every other control character as a visible stand-in of the same width (NUL as ␀,
    /// ESC as ␛, DEL as ␡, C1 controls as �): a letter's bytes never reach the terminal
    /// as escape sequences that could recolour, retitle or rewrite it.
    func replacingTabsAndControls() -> String { replacingControls(tab: " ") }

    /// A path as reports and messages show it: every control character, tabs and newlines
    /// too, as its visible stand-in (a newline as ␊). A file name can hold any byte but `/`
    /// and NUL; shown raw, an escape sequence in one would reach the terminal, and a newline
    /// would split a `path:line:col:` line in two.
    public var shownAsPath: String { replacingControls(tab: "\u{2409}") }

    /// A message for standard error: its lines and tabs kept, every other control character
    /// shown as its stand-in, whatever path or text from a letter the message carries.
    public var shownOnTerminal: String { replacingControls(tab: "\t", newline: "\n") }

    private func replacingControls(tab: Unicode.Scalar, newline: Unicode.Scalar = "\u{240A}") -> String {
        guard unicodeScalars.contains(where: \.isControlCode) else { return self }
        var out = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x09: out.append(tab)
            case 0x0A: out.append(newline)
            case 0x00..<0x20: out.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case 0x7F: out.append("\u{2421}")
            case 0x80..<0xA0: out.append("\u{FFFD}")
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
