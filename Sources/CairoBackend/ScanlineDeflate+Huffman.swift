extension ScanlineDeflate {
    /// Canonical Huffman code lengths and codes for symbol counts, no code longer than `limit` bits.
    struct HuffmanCode {
        var lengths: [UInt8]
        /// Each code bit-reversed, as deflate sends Huffman codes first bit first into an LSB-first stream.
        var codes: [UInt32]

        init(counts: [Int], limit: Int) {
            lengths = HuffmanCode.lengths(counts, limit: limit)
            codes = HuffmanCode.canonicalCodes(lengths)
        }

        /// Huffman's code lengths, then (when some exceed `limit`) the longest ones folded into
        /// `limit` and the code made complete again, moving codes one level down, as zlib and miniz
        /// do; the least frequent symbols get the longest codes. At least two symbols get a code
        /// (zlib's inflater rejects a code of one symbol in some cases).
        static func lengths(_ counts: [Int], limit: Int) -> [UInt8] {
            var weights = counts
            var used = weights.indices.filter { weights[$0] > 0 }
            for filler in 0..<2 where used.count < 2 && !used.contains(filler) {
                weights[filler] = 1
                used.append(filler)
            }
            // Leaves in increasing weight; internal nodes are made in increasing weight too, so the
            // two lightest of the two queues are always at their fronts.
            let leaves = used.sorted { (weights[$0], $0) < (weights[$1], $1) }
            var nodeWeights: [Int] = []
            var leafParent = [Int](repeating: 0, count: leaves.count)
            var nodeParent: [Int] = []
            var nextLeaf = 0, nextNode = 0
            func takeLightest() -> (isLeaf: Bool, index: Int) {
                if nextLeaf < leaves.count && (nextNode >= nodeWeights.count || weights[leaves[nextLeaf]] <= nodeWeights[nextNode]) {
                    nextLeaf += 1
                    return (true, nextLeaf - 1)
                }
                nextNode += 1
                return (false, nextNode - 1)
            }
            for _ in 1..<leaves.count {
                let a = takeLightest(), b = takeLightest()
                let parent = nodeWeights.count
                var weight = 0
                for child in [a, b] {
                    if child.isLeaf { leafParent[child.index] = parent; weight += weights[leaves[child.index]] }
                    else { nodeParent[child.index] = parent; weight += nodeWeights[child.index] }
                }
                nodeWeights.append(weight)
                nodeParent.append(0)
            }
            var nodeDepth = [Int](repeating: 0, count: nodeWeights.count)
            for node in nodeWeights.indices.dropLast().reversed() { nodeDepth[node] = nodeDepth[nodeParent[node]] + 1 }
            var countPerLength = [Int](repeating: 0, count: max(leaves.count, limit) + 1)
            for leaf in leaves.indices { countPerLength[nodeDepth[leafParent[leaf]] + 1] += 1 }
            // Fold lengths over the limit into it; the sum of 2^(limit - length) over the codes is then
            // over 2^limit (no longer a prefix code): each step takes one code off the longest level
            // and moves one from the longest shorter level a level down with it, lowering the sum by 1.
            for length in (limit + 1)..<countPerLength.count { countPerLength[limit] += countPerLength[length] }
            var kraft = 0
            for length in 1...limit { kraft += countPerLength[length] << (limit - length) }
            while kraft > 1 << limit {
                countPerLength[limit] -= 1
                let shorter = (1..<limit).last { countPerLength[$0] > 0 }!
                countPerLength[shorter] -= 1
                countPerLength[shorter + 1] += 2
                kraft -= 1
            }
            var lengths = [UInt8](repeating: 0, count: counts.count)
            var next = 0
            for length in stride(from: limit, through: 1, by: -1) {
                for _ in 0..<countPerLength[length] {
                    lengths[leaves[next]] = UInt8(length)
                    next += 1
                }
            }
            return lengths
        }

        /// RFC 1951, 3.2.2: codes of each length are consecutive, in symbol order, shorter first.
        static func canonicalCodes(_ lengths: [UInt8]) -> [UInt32] {
            var countPerLength = [UInt32](repeating: 0, count: 16)
            for length in lengths where length > 0 { countPerLength[Int(length)] += 1 }
            var next = [UInt32](repeating: 0, count: 16)
            var code: UInt32 = 0
            for length in 1..<16 {
                code = (code + countPerLength[length - 1]) << 1
                next[length] = code
            }
            var codes = [UInt32](repeating: 0, count: lengths.count)
            for (symbol, length) in lengths.enumerated() where length > 0 {
                let code = next[Int(length)]
                next[Int(length)] += 1
                codes[symbol] = reversed(code, bits: Int(length))
            }
            return codes
        }

        static func reversed(_ code: UInt32, bits: Int) -> UInt32 {
            var result: UInt32 = 0
            for bit in 0..<bits { result |= (code >> bit & 1) << (bits - 1 - bit) }
            return result
        }
    }

    /// A dynamic block's code-length header (RFC 1951, 3.2.7): both codes' lengths run-length coded
    /// with symbols 16 (repeat the last 3-6 times), 17 (3-10 zeros) and 18 (11-138 zeros), themselves
    /// Huffman coded with lengths of at most 7 bits.
    struct DynamicHeader {
        let literalLengthCount: Int
        let distanceCount: Int
        /// Each code-length symbol with its extra bits.
        var runs: [(symbol: Int, extra: UInt32)] = []
        let code: HuffmanCode
        let codeCount: Int
        static let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

        /// The extra bits after a code-length symbol: the repeat count of 16, 17 and 18.
        static func extraBits(_ symbol: Int) -> Int {
            switch symbol {
            case 16: 2
            case 17: 3
            case 18: 7
            default: 0
            }
        }

        init(literalLength: [UInt8], distance: [UInt8]) {
            literalLengthCount = max(257, (literalLength.lastIndex { $0 > 0 } ?? 0) + 1)
            distanceCount = max(1, (distance.lastIndex { $0 > 0 } ?? 0) + 1)
            let lengths = Array(literalLength[..<literalLengthCount] + distance[..<distanceCount])
            var i = 0
            while i < lengths.count {
                let value = lengths[i]
                var run = 1
                while i + run < lengths.count && lengths[i + run] == value { run += 1 }
                i += run
                if value == 0 {
                    while run >= 11 { let n = min(run, 138); runs.append((18, UInt32(n - 11))); run -= n }
                    if run >= 3 { runs.append((17, UInt32(run - 3))); run = 0 }
                } else {
                    runs.append((Int(value), 0))
                    run -= 1
                    while run >= 3 { let n = min(run, 6); runs.append((16, UInt32(n - 3))); run -= n }
                }
                for _ in 0..<run { runs.append((Int(value), 0)) }
            }
            var counts = [Int](repeating: 0, count: 19)
            for run in runs { counts[run.symbol] += 1 }
            let code = HuffmanCode(counts: counts, limit: 7)
            self.code = code
            let lastUsed = DynamicHeader.order.lastIndex { code.lengths[$0] > 0 } ?? 0
            codeCount = max(4, lastUsed + 1)
        }

        var bits: Int {
            runs.reduce(5 + 5 + 4 + 3 * codeCount) { $0 + Int(code.lengths[$1.symbol]) + DynamicHeader.extraBits($1.symbol) }
        }

        func write(to writer: inout BitWriter) {
            writer.put(UInt32(literalLengthCount - 257), 5)
            writer.put(UInt32(distanceCount - 1), 5)
            writer.put(UInt32(codeCount - 4), 4)
            for symbol in DynamicHeader.order.prefix(codeCount) { writer.put(UInt32(code.lengths[symbol]), 3) }
            for run in runs {
                writer.put(code.codes[run.symbol], code.lengths[run.symbol])
                writer.put(run.extra, DynamicHeader.extraBits(run.symbol))
            }
        }
    }
}
