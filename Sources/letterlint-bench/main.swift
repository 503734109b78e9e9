import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "phases", arguments.count == 2 {
    print(Phases.run(letter: arguments[1]), terminator: "")
} else {
    FileHandle.standardError.write(Data("usage: letterlint-bench phases LETTER\n".utf8))
    exit(2)
}
