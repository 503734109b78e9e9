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

        // Trie, in one flat table (state * classes + class; -1: no edge yet). Start-up of a
        // single-letter check builds this for every bundled literal, so no per-state arrays.
        var table = [Int32](repeating: -1, count: classes)
        var own: [(state: Int32, literal: Int32)] = []
        var states = 1
        for (id, literal) in literals.enumerated() {
            var state = 0
            for b in literal.utf8 {
                let slot = state * classes + Int(classOf[Int(b)])
                if table[slot] < 0 {
                    table[slot] = Int32(states)
                    states += 1
                    table.append(contentsOf: repeatElement(-1, count: classes))
                }
                state = Int(table[slot])
            }
            own.append((Int32(state), Int32(id)))
        }
        // Breadth-first: failure links and completed transitions. A state's outputs are its
        // own literals followed by those of its failure state, which is always earlier in
        // breadth-first order, so each list is built once from finished ones.
        var fail = [Int32](repeating: 0, count: states)
        var order: [Int] = [0]
        order.reserveCapacity(states)
        for c in 0..<classes {
            if table[c] < 0 { table[c] = 0 } else { order.append(Int(table[c])) }
        }
        var head = 1
        while head < order.count {
            let state = order[head]; head += 1
            let f = Int(fail[state])
            for c in 0..<classes {
                let child = table[state * classes + c]
                if child < 0 {
                    table[state * classes + c] = table[f * classes + c]
                } else {
                    fail[Int(child)] = table[f * classes + c]
                    order.append(Int(child))
                }
            }
        }
        next = table
        var ownStart = [Int32](repeating: 0, count: states + 1)
        for entry in own { ownStart[Int(entry.state) + 1] += 1 }
        for i in 0..<states { ownStart[i + 1] += ownStart[i] }
        var ownFlat = [Int32](repeating: 0, count: own.count)
        var fill = ownStart
        for entry in own {
            ownFlat[Int(fill[Int(entry.state)])] = entry.literal
            fill[Int(entry.state)] += 1
        }
        var merged = [[Int32]](repeating: [], count: states)
        for state in order {
            var list = Array(ownFlat[Int(ownStart[state])..<Int(ownStart[state + 1])])
            if state != 0 { list += merged[Int(fail[state])] }
            merged[state] = list
        }
        var start: [Int32] = [0]
        start.reserveCapacity(states + 1)
        var flat: [Int32] = []
        for list in merged {
            flat += list
            start.append(Int32(flat.count))
        }
        outputStart = start
        outputs = flat
    }

    /// Calls `found` with the id of every literal that occurs in `text`, and the offset of
    /// the byte its occurrence ends on (once per occurrence, in order of that offset).
    @inline(__always)
    public func scan(_ text: UnsafeBufferPointer<UInt8>, _ found: (_ literal: Int, _ lastByte: Int) -> Void) {
        var state = 0
        let classes = classCount
        next.withUnsafeBufferPointer { next in
            classOf.withUnsafeBufferPointer { classOf in
                outputStart.withUnsafeBufferPointer { outputStart in
                    for (offset, byte) in text.enumerated() {
                        state = Int(next[state * classes + Int(classOf[Int(byte)])])
                        let lo = Int(outputStart[state]), hi = Int(outputStart[state + 1])
                        if lo != hi { for k in lo..<hi { found(Int(outputs[k]), offset) } }
                    }
                }
            }
        }
    }
}
