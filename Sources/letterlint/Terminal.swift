import Foundation
import LetterLint

/// The only place the executable writes to the terminal.
enum Terminal {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// A message on standard error. Control characters other than newlines and tabs are
    /// shown as visible stand-ins: a path or a phrase from a letter inside a message never
    /// reaches the terminal as an escape sequence.
    static func error(_ text: String) {
        let shown = text.shownOnTerminal
        let line = shown.hasSuffix("\n") ? shown : shown + "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
    static func wantsColor(_ choice: ColorChoice, fileDescriptor: Int32 = STDOUT_FILENO) -> Bool {
        switch choice {
        case .always: return true
        case .never: return false
        case .auto:
            let env = ProcessInfo.processInfo.environment
            if let noColor = env["NO_COLOR"], !noColor.isEmpty { return false }
            if env["TERM"] == "dumb" { return false }
            return isatty(fileDescriptor) == 1
        }
    }
}

enum ColorChoice: String, CaseIterable {
    case auto, always, never
}

