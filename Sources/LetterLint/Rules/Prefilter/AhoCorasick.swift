/// A multi-literal matcher: one pass over a text finds which of many literals occur in it.
///
/// Literals are lowercase ASCII; the text is folded to lowercase ASCII as it is read.
/// Bytes that occur in no literal share one class, so rows stay short. States near the root,
/// where a scan spends most of its time, have a full row of transitions (a DFA); deeper
/// states keep only their trie edges and fall back along their failure link. A full table
/// for every state (some 11,000 states × 84 classes for the bundled lexicons) took longer
/// to build than a single-letter check takes to run.
public struct AhoCorasick: Sendable {
    /// Byte → class; class 0 is "any byte that is in no literal".
    private let classOf: [UInt8]
    private let classCount: Int
    /// State → its row in `dense`, or -1 for a state with only trie edges.
    private let denseRow: [Int32]
    /// Full rows: row * classCount + class → state.
    private let dense: [Int32]
    /// Trie edges of the other states: `edgeClass/edgeTarget[edgeStart[s]..<edgeStart[s + 1]]`.
    private let edgeStart: [Int32]
    private let edgeClass: [UInt8]
    private let edgeTarget: [Int32]
    private let fail: [Int32]
    /// Literal ids that end at each state, including those of its suffixes.
    private let outputStart: [Int32]
    private let outputs: [Int32]

    public let literalCount: Int

    /// States this close to the root get a full row.
    static let denseDepth = 2

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

        // The trie, with its edges in a dictionary keyed by state and class.
        var children: [Int: Int32] = [:]
        var depth: [Int32] = [0]
        var own: [(state: Int32, literal: Int32)] = []
        for (id, literal) in literals.enumerated() {
            var state = 0
            for b in literal.utf8 {
                let key = state * classes + Int(classOf[Int(b)])
                if let child = children[key] { state = Int(child); continue }
                children[key] = Int32(depth.count)
                depth.append(depth[state] + 1)
                state = depth.count - 1
            }
            own.append((Int32(state), Int32(id)))
        }
        let states = depth.count
        // Each state's edges, sorted by class.
        var edgeStart = [Int32](repeating: 0, count: states + 1)
        for key in children.keys { edgeStart[key / classes + 1] += 1 }
        for i in 0..<states { edgeStart[i + 1] += edgeStart[i] }
        var edgeClass = [UInt8](repeating: 0, count: children.count)
        var edgeTarget = [Int32](repeating: 0, count: children.count)
        var fill = edgeStart
        for (key, child) in children.sorted(by: { $0.key < $1.key }) {
            let state = key / classes
            edgeClass[Int(fill[state])] = UInt8(key % classes)
            edgeTarget[Int(fill[state])] = child
            fill[state] += 1
        }
        // Breadth-first: failure links, and full rows for shallow states (a missing edge
        // leads where the failure state's row leads; that state is shallower, so done).
        var denseRow = [Int32](repeating: -1, count: states)
        var dense: [Int32] = []
        var fail = [Int32](repeating: 0, count: states)
        var order = [0]
        order.reserveCapacity(states)
        var head = 0
        /// Where `state` goes on `c`, for a state whose failure chain is already linked.
        func step(_ state: Int, _ c: Int) -> Int32 {
            var s = state
            while true {
                let row = denseRow[s]
                if row >= 0 { return dense[Int(row) * classes + c] }
                for e in Int(edgeStart[s])..<Int(edgeStart[s + 1]) where Int(edgeClass[e]) == c { return edgeTarget[e] }
                s = Int(fail[s])
            }
        }
        while head < order.count {
            let state = order[head]; head += 1
            if depth[state] <= AhoCorasick.denseDepth {
                denseRow[state] = Int32(dense.count / classes)
                var row = [Int32](repeating: 0, count: classes)
                if state != 0 { for c in 0..<classes { row[c] = step(Int(fail[state]), c) } }
                for e in Int(edgeStart[state])..<Int(edgeStart[state + 1]) { row[Int(edgeClass[e])] = edgeTarget[e] }
                dense += row
            }
            for e in Int(edgeStart[state])..<Int(edgeStart[state + 1]) {
                let child = Int(edgeTarget[e])
                fail[child] = state == 0 ? 0 : step(Int(fail[state]), Int(edgeClass[e]))
                order.append(child)
            }
        }
        self.denseRow = denseRow
        self.dense = dense
        self.edgeStart = edgeStart
        self.edgeClass = edgeClass
        self.edgeTarget = edgeTarget
        self.fail = fail

        // Outputs: a state's own literals, then its failure state's (shallower, so done).
        var ownStart = [Int32](repeating: 0, count: states + 1)
        for entry in own { ownStart[Int(entry.state) + 1] += 1 }
        for i in 0..<states { ownStart[i + 1] += ownStart[i] }
        var ownFlat = [Int32](repeating: 0, count: own.count)
        var ownFill = ownStart
        for entry in own {
            ownFlat[Int(ownFill[Int(entry.state)])] = entry.literal
            ownFill[Int(entry.state)] += 1
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
        dense.withUnsafeBufferPointer { dense in
        denseRow.withUnsafeBufferPointer { denseRow in
        edgeStart.withUnsafeBufferPointer { edgeStart in
        edgeClass.withUnsafeBufferPointer { edgeClass in
        edgeTarget.withUnsafeBufferPointer { edgeTarget in
        fail.withUnsafeBufferPointer { fail in
        classOf.withUnsafeBufferPointer { classOf in
        outputStart.withUnsafeBufferPointer { outputStart in
            for (offset, byte) in text.enumerated() {
                let c = Int(classOf[Int(byte)])
                var s = state
                transition: while true {
                    let row = Int(denseRow[s])
                    if row >= 0 { s = Int(dense[row * classes + c]); break }
                    for e in Int(edgeStart[s])..<Int(edgeStart[s + 1]) where Int(edgeClass[e]) == c {
                        s = Int(edgeTarget[e])
                        break transition
                    }
                    s = Int(fail[s])
                }
                state = s
                let lo = Int(outputStart[state]), hi = Int(outputStart[state + 1])
                if lo != hi { for k in lo..<hi { found(Int(outputs[k]), offset) } }
            }
        }}}}}}}}
    }
}
