import CChecksum

/// A zlib stream (RFC 1950 around RFC 1951 deflate) of PNG scanlines, made for chart images.
///
/// zlib spends most of its time per input byte (hashing every position and following hash chains),
/// whatever the level, filter or strategy: 3.6-8 ms for a 1080 x 540 chart at level 3, against
/// 0.8-2.2 ms here. A chart is mostly runs of one colour (the white page, gridlines, bars) and rows
/// that repeat the row above (the page again, vertical lines), so the only matches looked for here
/// are at those two distances: one pixel back and one row back (the filter byte included; only when
/// a row is at most 32768 bytes, deflate's window). Lengths are compared 8 bytes at a time and the
/// longer match is taken greedily (the run on a tie: its distance is cheaper to code), else a
/// literal; long white stretches go 258 bytes a step. Glyphs and other repeats at other distances
/// stay literals, so the file is about 10% larger than zlib's (README, "Cheaper runs").
///
/// Each block holds at most `symbolsPerBlock` literals and matches and is written with its own
/// Huffman codes (limited to 15 bits, as deflate requires), or stored when that is smaller
/// (random-looking data).
enum ScanlineDeflate {
    static let defaultSymbolsPerBlock = 16_384

    /// The zlib stream of `data`: rows of `rowBytes` bytes (filter byte included), `pixelBytes` per pixel.
    static func zlibStream(
        _ data: UnsafeBufferPointer<UInt8>, pixelBytes: Int, rowBytes: Int,
        symbolsPerBlock: Int = defaultSymbolsPerBlock
    ) -> [UInt8] {
        precondition((1...maxDistance).contains(pixelBytes) && rowBytes >= 1)
        var writer = BitWriter(capacity: data.count / 8 + 64)
        defer { writer.deallocate() }
        // CMF: deflate with a 32 KB window; FLG: "fastest" level, check bits so CMF.FLG % 31 == 0.
        writer.put(0x0178, 16)
        var block = Block(capacity: max(1, symbolsPerBlock))
        defer { block.deallocate() }
        let above = rowBytes <= maxDistance ? rowBytes : 0
        let count = data.count
        var position = 0
        if let base = data.baseAddress {
            let lengthSymbols = LengthCode.symbols
            let aboveSymbol = above > 0 ? DistanceCode(above).symbol : 0, pixelSymbol = DistanceCode(pixelBytes).symbol
            while position < count {
                let limit = min(maxMatch, count - position)
                // The run first: on a tie its distance costs no extra bits, the row above's about 10.
                var length = 0, distance = 0, distanceSymbol = 0
                if position >= pixelBytes {
                    length = matchLength(base + position, distance: pixelBytes, limit: limit)
                    distance = pixelBytes
                    distanceSymbol = pixelSymbol
                }
                if length < limit && above > 0 && position >= above {
                    let repeated = matchLength(base + position, distance: above, limit: limit)
                    if repeated > length { length = repeated; distance = above; distanceSymbol = aboveSymbol }
                }
                if length >= minMatch {
                    block.addMatch(length: length, lengthSymbol: lengthSymbols[length], distance: distance, distanceSymbol: distanceSymbol)
                    position += length
                } else {
                    block.addLiteral(base[position])
                    position += 1
                }
                if block.isFull {
                    block.write(to: &writer, input: data, end: position, final: position == count)
                }
            }
        }
        if block.count > 0 || count == 0 {
            block.write(to: &writer, input: data, end: count, final: true)
        }
        writer.alignToByte()
        writer.reserve(4)
        let adler = data.baseAddress.map { cchecksum_adler32(1, $0, count) } ?? 1
        writer.put(adler.byteSwapped, 32)
        return writer.bytes
    }

    static let minMatch = 3
    static let maxMatch = 258
    static let maxDistance = 32768

    /// How many bytes from `p` (at most `limit`) equal those `distance` bytes before them.
    @inline(__always)
    static func matchLength(_ p: UnsafePointer<UInt8>, distance: Int, limit: Int) -> Int {
        let here = UnsafeRawPointer(p), there = UnsafeRawPointer(p - distance)
        var length = 0
        while length + 8 <= limit {
            let difference = UInt64(littleEndian: here.loadUnaligned(fromByteOffset: length, as: UInt64.self))
                ^ UInt64(littleEndian: there.loadUnaligned(fromByteOffset: length, as: UInt64.self))
            if difference != 0 { return length + difference.trailingZeroBitCount >> 3 }
            length += 8
        }
        while length < limit && p[length] == p[length - distance] { length += 1 }
        return length
    }

    /// The literals and matches of one block, with their symbol counts.
    struct Block {
        /// A literal is its byte (< 256); a match is `distance << 9 | length`.
        let symbols: UnsafeMutableBufferPointer<UInt32>
        var count = 0
        let literalLengthCounts = UnsafeMutableBufferPointer<Int>.allocate(capacity: 286)
        let distanceCounts = UnsafeMutableBufferPointer<Int>.allocate(capacity: 30)
        /// Where in the input this block starts (for a stored block).
        var start = 0

        init(capacity: Int) {
            symbols = .allocate(capacity: capacity)
            literalLengthCounts.initialize(repeating: 0)
            distanceCounts.initialize(repeating: 0)
        }

        func deallocate() {
            symbols.deallocate()
            literalLengthCounts.deallocate()
            distanceCounts.deallocate()
        }

        var isFull: Bool { count == symbols.count }

        @inline(__always)
        mutating func addLiteral(_ byte: UInt8) {
            symbols[count] = UInt32(byte)
            count += 1
            literalLengthCounts[Int(byte)] += 1
        }

        @inline(__always)
        mutating func addMatch(length: Int, lengthSymbol: UInt16, distance: Int, distanceSymbol: Int) {
            symbols[count] = UInt32(distance) << 9 | UInt32(length)
            count += 1
            literalLengthCounts[Int(lengthSymbol)] += 1
            distanceCounts[distanceSymbol] += 1
        }

        /// Writes the block (input bytes `start..<end`) as Huffman-coded or stored, whichever is
        /// shorter, and starts the next one at `end`.
        mutating func write(to writer: inout BitWriter, input: UnsafeBufferPointer<UInt8>, end: Int, final: Bool) {
            literalLengthCounts[endOfBlock] = 1
            let literalLength = HuffmanCode(counts: Array(literalLengthCounts), limit: 15)
            let distance = HuffmanCode(counts: Array(distanceCounts), limit: 15)
            let header = DynamicHeader(literalLength: literalLength.lengths, distance: distance.lengths)
            var bits = 3 + header.bits
            for (symbol, count) in literalLengthCounts.enumerated() where count > 0 {
                bits += count * (Int(literalLength.lengths[symbol]) + (symbol > endOfBlock ? LengthCode.extraBits[symbol - 257] : 0))
            }
            for (symbol, count) in distanceCounts.enumerated() where count > 0 {
                bits += count * (Int(distance.lengths[symbol]) + DistanceCode.extraBits(symbol))
            }
            if bits >= storedBits(writer: writer, bytes: end - start) {
                writeStored(UnsafeBufferPointer(rebasing: input[start..<end]), to: &writer, final: final)
            } else {
                writer.reserve(bits / 8 + 16)
                writer.put(final ? 1 : 0, 1)
                writer.put(2, 2)
                header.write(to: &writer)
                literalLength.codes.withUnsafeBufferPointer { literalLengthCodes in
                    literalLength.lengths.withUnsafeBufferPointer { literalLengthLengths in
                        distance.codes.withUnsafeBufferPointer { distanceCodes in
                            distance.lengths.withUnsafeBufferPointer { distanceLengths in
                                LengthCode.table.withUnsafeBufferPointer { lengthCodes in
                                    for value in symbols[..<count] {
                                        if value < 256 {
                                            writer.put(literalLengthCodes[Int(value)], literalLengthLengths[Int(value)])
                                        } else {
                                            let length = lengthCodes[Int(value & 511)]
                                            let symbol = Int(length.symbol)
                                            writer.put(literalLengthCodes[symbol] | length.extra << literalLengthLengths[symbol],
                                                       literalLengthLengths[symbol] + length.extraBits)
                                            let code = DistanceCode(Int(value >> 9))
                                            writer.put(distanceCodes[code.symbol] | code.extra << distanceLengths[code.symbol],
                                                       distanceLengths[code.symbol] + code.extraBits)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                writer.put(literalLength.codes[endOfBlock], literalLength.lengths[endOfBlock])
            }
            count = 0
            literalLengthCounts.update(repeating: 0)
            distanceCounts.update(repeating: 0)
            start = end
        }

        /// The bits stored blocks of `bytes` bytes take: 3 header bits, padding to a byte, LEN and
        /// NLEN, the bytes; one block per 65535 bytes.
        func storedBits(writer: BitWriter, bytes: Int) -> Int {
            let blocks = max(1, (bytes + 65534) / 65535)
            let firstPadding = (8 - (writer.count + 3) % 8) % 8
            return blocks * (3 + 32) + firstPadding + (blocks - 1) * 5 + bytes * 8
        }

        func writeStored(_ bytes: UnsafeBufferPointer<UInt8>, to writer: inout BitWriter, final: Bool) {
            var start = 0
            repeat {
                let end = min(start + 65535, bytes.count)
                writer.reserve(end - start + 16)
                writer.put(final && end == bytes.count ? 1 : 0, 1)
                writer.put(0, 2)
                writer.alignToByte()
                let length = UInt32(end - start)
                writer.put(length | (~length & 0xFFFF) << 16, 32)
                writer.append(UnsafeBufferPointer(rebasing: bytes[start..<end]))
                start = end
            } while start < bytes.count
        }

        let endOfBlock = 256
    }

    /// Lengths 3...258 as deflate symbols 257...285 with extra bits (RFC 1951, 3.2.5).
    struct LengthCode {
        let symbol: UInt16
        let extra: UInt32
        let extraBits: UInt8

        static let extraBits: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
        static let bases: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
                                   131, 163, 195, 227, 258]
        /// Indexed by length (0...258; entries below 3 are unused).
        static let table: [LengthCode] = (0...258).map { length in
            guard length >= 3 else { return LengthCode(symbol: 0, extra: 0, extraBits: 0) }
            let code = bases.lastIndex { $0 <= length }!
            return LengthCode(symbol: UInt16(257 + code), extra: UInt32(length - bases[code]), extraBits: UInt8(extraBits[code]))
        }
        static let symbols: [UInt16] = table.map(\.symbol)
    }

    /// A distance 1...32768 as one of deflate's 30 distance symbols with extra bits (RFC 1951, 3.2.5):
    /// symbols come in pairs per power of two, the bit below the top one picking the pair's member.
    struct DistanceCode {
        let symbol: Int
        let extra: UInt32
        let extraBits: UInt8

        @inline(__always)
        init(_ distance: Int) {
            let d = distance - 1
            if d < 4 {
                symbol = d; extra = 0; extraBits = 0
            } else {
                let top = Int.bitWidth - 1 - d.leadingZeroBitCount
                symbol = 2 * top + ((d >> (top - 1)) & 1)
                extraBits = UInt8(top - 1)
                extra = UInt32(d & ((1 << (top - 1)) - 1))
            }
        }

        static func extraBits(_ symbol: Int) -> Int { symbol < 4 ? 0 : symbol / 2 - 1 }
    }

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

    /// Bits into bytes, least significant bit first (RFC 1951, 3.1.1), into a buffer that grows
    /// when asked to (`reserve`) and is written 4 bytes at a time.
    struct BitWriter {
        private var storage: UnsafeMutableRawPointer
        private var capacity: Int
        private var used = 0
        private var buffer: UInt64 = 0
        /// Bits in `buffer`, fewer than 32 between calls.
        private(set) var count = 0

        init(capacity: Int) {
            self.capacity = capacity + 8
            storage = .allocate(byteCount: self.capacity, alignment: 8)
        }

        func deallocate() { storage.deallocate() }

        var bytes: [UInt8] { Array(UnsafeRawBufferPointer(start: storage, count: used)) }

        /// Makes room for `byteCount` more bytes.
        mutating func reserve(_ byteCount: Int) {
            guard used + byteCount + 8 > capacity else { return }
            let larger = max(capacity * 2, used + byteCount + 8)
            let moved = UnsafeMutableRawPointer.allocate(byteCount: larger, alignment: 8)
            moved.copyMemory(from: storage, byteCount: used)
            storage.deallocate()
            storage = moved
            capacity = larger
        }

        /// Appends the low `bits` bits of `value` (at most 32, and nothing above them set).
        @inline(__always)
        mutating func put<Length: BinaryInteger>(_ value: UInt32, _ bits: Length) {
            buffer |= UInt64(value) << count
            count += Int(bits)
            if count >= 32 {
                storage.storeBytes(of: UInt32(truncatingIfNeeded: buffer).littleEndian, toByteOffset: used, as: UInt32.self)
                used += 4
                buffer >>= 32
                count -= 32
            }
        }

        /// Appends whole bytes (call when byte-aligned).
        mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
            flush()
            reserve(bytes.count)
            if let base = bytes.baseAddress { (storage + used).copyMemory(from: base, byteCount: bytes.count) }
            used += bytes.count
        }

        /// Writes out the whole bytes held.
        mutating func flush() {
            while count >= 8 {
                storage.storeBytes(of: UInt8(truncatingIfNeeded: buffer), toByteOffset: used, as: UInt8.self)
                used += 1
                buffer >>= 8
                count -= 8
            }
        }

        /// Pads with zero bits to a byte boundary and writes out what is held.
        mutating func alignToByte() {
            count = (count + 7) & ~7
            flush()
        }
    }
}
