/// A multi-literal matcher: one pass over a text finds which of many literals occur in it.
///
/// Literals are lowercase ASCII; the text is folded to lowercase ASCII as it is read.
/// The automaton is a DFA over a compressed alphabet (only bytes that occur in literals
/// get their own class), so its table stays small even for thousands of names.
public struct AhoCorasick: Sendable {
    /// Byte → class; class 0 is "any byte that is in no literal".
    private let classOf: [UInt8]
    private let classCount: Int
    /// Dense transitions: state * classCount + class → state.
    private let next: [Int32]
    /// Literal ids that end at each state, including those of its suffixes.
    private let outputStart: [Int32]
    private let outputs: [Int32]

    public let literalCount: Int

    public init(_ literals: [String]) {
        literalCount = literals.count
        var classOf = [UInt8](repeating: 0, count: 256)
        var classes = 1
        for literal in literals {
            for b in literal.utf8 where classOf[Int(b)] == 0 {
                classOf[Int(b)] = UInt8(classes)
                classes += 1
            }
        }
        // Upper-case ASCII letters read as their lower-case class.
        for b in UInt8(ascii: "A")...UInt8(ascii: "Z") { classOf[Int(b)] = classOf[Int(b + 32)] }
        self.classOf = classOf
        classCount = classes

        // Trie.
        var goto: [[Int32]] = [[Int32](repeating: -1, count: classes)]
        var own: [[Int32]] = [[]]
        for (id, literal) in literals.enumerated() {
            var state = 0
            for b in literal.utf8 {
                let c = Int(classOf[Int(b)])
                if goto[state][c] < 0 {
                    goto[state][c] = Int32(goto.count)
                    goto.append([Int32](repeating: -1, count: classes))
                    own.append([])
                }
                state = Int(goto[state][c])
            }
            own[state].append(Int32(id))
        }
        // Breadth-first: failure links, completed transitions, merged outputs.
        var fail = [Int32](repeating: 0, count: goto.count)
        var merged = own
        var queue: [Int] = []
        for c in 0..<classes {
            if goto[0][c] < 0 { goto[0][c] = 0 } else { queue.append(Int(goto[0][c])) }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]; head += 1
            merged[state] += merged[Int(fail[state])]
            for c in 0..<classes {
                let child = goto[state][c]
                if child < 0 {
                    goto[state][c] = goto[Int(fail[state])][c]
                } else {
                    fail[Int(child)] = goto[Int(fail[state])][c]
                    queue.append(Int(child))
                }
            }
        }
        next = goto.flatMap { $0 }
        var start: [Int32] = [0]
        var flat: [Int32] = []
        for list in merged {
            flat += list
            start.append(Int32(flat.count))
        }
        outputStart = start
        outputs = flat
    }

    /// Calls `found` with the id of every literal that occurs in `text` (once per occurrence).
    @inline(__always)
    public func scan(_ text: UnsafeBufferPointer<UInt8>, _ found: (Int) -> Void) {
        var state = 0
        let classes = classCount
        next.withUnsafeBufferPointer { next in
            classOf.withUnsafeBufferPointer { classOf in
                for byte in text {
                    state = Int(next[state * classes + Int(classOf[Int(byte)])])
                    let lo = Int(outputStart[state]), hi = Int(outputStart[state + 1])
                    if lo != hi { for k in lo..<hi { found(Int(outputs[k])) } }
                }
            }
        }
    }
}
