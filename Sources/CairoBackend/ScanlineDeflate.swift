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
}
