import CCairo
import CChecksum
import CZlib
import Charts
import TestSupport
import Testing
@testable import CairoBackend

/// `ScanlineDeflate` is a deflate encoder of our own: every stream must inflate, with zlib's own
/// inflater, to exactly the bytes it was given, whatever those bytes are.
struct ScanlineDeflateTests {
    /// zlib's `uncompress` of `stream`, which must come out `expectedCount` bytes long (nil if zlib
    /// reports an error or a different length).
    func inflated(_ stream: [UInt8], expectedCount: Int) -> [UInt8]? {
        var output = [UInt8](repeating: 0, count: expectedCount + 1)
        var length = uLongf(output.count)
        let status = uncompress(&output, &length, stream, uLong(stream.count))
        guard status == Z_OK, Int(length) == expectedCount else { return nil }
        return Array(output.prefix(expectedCount))
    }

    func expectRoundTrip(_ data: [UInt8], pixelBytes: Int, rowBytes: Int, symbolsPerBlock: Int = ScanlineDeflate.defaultSymbolsPerBlock,
                         _ comment: Comment) -> [UInt8] {
        let stream = data.withUnsafeBufferPointer {
            ScanlineDeflate.zlibStream($0, pixelBytes: pixelBytes, rowBytes: rowBytes, symbolsPerBlock: symbolsPerBlock)
        }
        #expect(inflated(stream, expectedCount: data.count) == data, comment)
        return stream
    }

    /// Reproducible pseudo-random bytes (xorshift64).
    func randomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return UInt8(truncatingIfNeeded: state >> 32)
        }
    }

    /// Scanlines of `width` x `height` pixels of one RGB colour.
    func oneColour(width: Int, height: Int, _ rgb: [UInt8]) -> [UInt8] {
        var row: [UInt8] = [0]
        for _ in 0..<width { row += rgb }
        var data: [UInt8] = []
        for _ in 0..<height { data += row }
        return data
    }

    /// The scanlines `PNGEncoder` deflates for a chart drawn as the Markdown report does (720 pt wide at 1.5x).
    func chartScanlines(_ pathology: SyntheticRuns.Pathology) throws -> [(name: String, bytes: [UInt8], rowBytes: Int)] {
        let measurer = try CairoTextMeasurer()
        return try ChartFactory.charts(for: SyntheticRuns.run(pathology), findings: SyntheticRuns.findings(pathology)).map { chart in
            let scene = chart.scene(width: 720, height: chart.height(forWidth: 720, atLeast: 360), measurer: measurer, density: 1.5)
            let surface = try CairoSurface.image(width: Int((scene.width * 1.5).rounded(.up)), height: Int((scene.height * 1.5).rounded(.up)))
            let context = try CairoContext(surface: surface)
            context.scale(1.5)
            SceneRenderer.draw(scene, on: context)
            cairo_surface_flush(surface.pointer)
            let width = Int(cairo_image_surface_get_width(surface.pointer)), height = Int(cairo_image_surface_get_height(surface.pointer))
            let pixels = try #require(cairo_image_surface_get_data(surface.pointer))
            let bytes = try #require(PNGEncoder.rgbScanlines(UnsafeRawPointer(pixels), width: width, height: height,
                                                             stride: Int(cairo_image_surface_get_stride(surface.pointer))))
            return ("\(pathology) \(chart.kind)", bytes, 1 + 3 * width)
        }
    }

    @Test(arguments: [SyntheticRuns.Pathology.healthy, .explode])
    func chartScanlinesInflateToThemselvesAndCompress(_ pathology: SyntheticRuns.Pathology) throws {
        let charts = try chartScanlines(pathology)
        #expect(!charts.isEmpty)
        for chart in charts {
            let stream = expectRoundTrip(chart.bytes, pixelBytes: 3, rowBytes: chart.rowBytes, Comment(rawValue: chart.name))
            // A chart is mostly white page: far under a tenth of its scanlines (zlib level 3 makes 2-6%).
            #expect(stream.count * 10 < chart.bytes.count, "\(chart.name): \(stream.count) of \(chart.bytes.count) bytes")
        }
    }

    @Test func manySmallBlocksOfAChartInflateToTheChart() throws {
        let chart = try #require(try chartScanlines(.overfit).first)
        for symbolsPerBlock in [100, 1000] {
            _ = expectRoundTrip(chart.bytes, pixelBytes: 3, rowBytes: chart.rowBytes, symbolsPerBlock: symbolsPerBlock,
                                "\(symbolsPerBlock) symbols a block")
        }
    }

    /// Random bytes have no matches and flat counts: each block is stored, not Huffman coded, so the
    /// stream is only the stored blocks' 5 bytes per 64 KB longer than the data.
    @Test func randomBytesInflateToThemselvesAndAreStored() {
        let data = randomBytes(200_000, seed: 14)
        let stream = expectRoundTrip(data, pixelBytes: 3, rowBytes: 1 + 3 * 300, "random")
        #expect(stream.count <= data.count + 2 + 4 + 5 * (data.count / 16_384 + 2), "\(stream.count) bytes for \(data.count)")
    }

    /// Stretches of random bytes and of one colour in turn, in small blocks: stored and Huffman-coded
    /// blocks alternate, and a block boundary falls inside runs and after stored blocks of odd lengths.
    @Test func storedAndCodedBlocksMixed() {
        var data: [UInt8] = []
        for stretch in 0..<12 {
            data += stretch.isMultiple(of: 2) ? randomBytes(777 * (stretch + 1), seed: UInt64(stretch + 1)) : oneColour(width: 333, height: stretch, [9, 8, 7])
        }
        for symbolsPerBlock in [50, 4096, 70_000] {
            _ = expectRoundTrip(data, pixelBytes: 3, rowBytes: 1 + 3 * 333, symbolsPerBlock: symbolsPerBlock, "\(symbolsPerBlock) symbols a block")
        }
        // Every symbol its own block, over the first stretches.
        _ = expectRoundTrip(Array(data.prefix(3_000)), pixelBytes: 3, rowBytes: 1 + 3 * 333, symbolsPerBlock: 1, "1 symbol a block")
    }

    @Test func oneColourImagesInflateAndShrinkToAlmostNothing() {
        for rgb: [UInt8] in [[255, 255, 255], [0, 0, 0], [12, 200, 77]] {
            let data = oneColour(width: 1080, height: 540, rgb)
            let stream = expectRoundTrip(data, pixelBytes: 3, rowBytes: 1 + 3 * 1080, "\(rgb)")
            // 1.75 MB in runs of 258 bytes, a few bits each once Huffman coded (the row above at
            // each row's end costs about 10 bits more: preferring it would make the file 10 KB).
            #expect(stream.count < 4_000, "\(rgb): \(stream.count) bytes")
        }
    }

    /// One row of 10,000 pixels: runs far longer than deflate's longest match (258), to the last byte.
    @Test func runsLongerThanTheLongestMatch() {
        for width in [10_000, 86, 87, 88] {
            let data = oneColour(width: width, height: 1, [1, 2, 3])
            let stream = expectRoundTrip(data, pixelBytes: 3, rowBytes: data.count, "\(width) pixels")
            #expect(stream.count < 60 + width / 20, "\(width) pixels: \(stream.count) bytes")
        }
    }

    /// Rows longer than deflate's 32 KB window: the row above is out of reach, so only runs of one
    /// colour are matched (a match further back would not inflate). 10,922 RGB pixels make a row of
    /// 32,767 bytes, just inside the window.
    @Test func rowsLongerThanTheWindow() {
        for (width, pixelBytes) in [(10_922, 3), (10_923, 3), (12_000, 3), (8_192, 4), (9_000, 4)] {
            let rowBytes = 1 + pixelBytes * width
            var data: [UInt8] = []
            for y in 0..<4 {
                data.append(0)
                for x in 0..<width { data += (0..<pixelBytes).map { UInt8(truncatingIfNeeded: (x / 50 + y) * ($0 + 1)) } }
            }
            let stream = expectRoundTrip(data, pixelBytes: pixelBytes, rowBytes: rowBytes, "\(rowBytes)-byte rows")
            #expect(stream.count * 4 < data.count, "\(rowBytes)-byte rows: \(stream.count) bytes")
        }
    }

    @Test func tinyInputs() {
        _ = expectRoundTrip([0, 10, 20, 30], pixelBytes: 3, rowBytes: 4, "1 x 1 RGB")
        _ = expectRoundTrip([0, 10, 20, 30, 40], pixelBytes: 4, rowBytes: 5, "1 x 1 RGBA")
        _ = expectRoundTrip([0], pixelBytes: 3, rowBytes: 1, "0 x 1")
        _ = expectRoundTrip([], pixelBytes: 3, rowBytes: 1, "nothing")
        _ = expectRoundTrip([0, 255, 255, 255, 0, 255, 255, 255], pixelBytes: 3, rowBytes: 4, "1 x 2, the row above matching")
    }

    /// Byte counts like the Fibonacci numbers give Huffman codes deeper than deflate's 15 bits.
    @Test func codeLengthsAreLimitedAndStayAPrefixCode() {
        var counts = [Int](repeating: 0, count: 286)
        var (a, b) = (1, 1)
        for symbol in 0..<30 {
            counts[symbol * 3] = a
            (a, b) = (b, a + b)
        }
        for limit in [15, 7] {
            let lengths = ScanlineDeflate.HuffmanCode.lengths(counts, limit: limit)
            #expect(lengths.max() == UInt8(limit))
            let used = counts.indices.filter { counts[$0] > 0 }
            #expect(used.allSatisfy { lengths[$0] > 0 } && counts.indices.allSatisfy { counts[$0] > 0 || lengths[$0] == 0 })
            // Complete: the code space is used exactly (Kraft's sum is 1).
            #expect(used.reduce(0) { $0 + 1 << (limit - Int(lengths[$1])) } == 1 << limit, "limit \(limit)")
            // A more frequent symbol never has a longer code.
            for (x, y) in zip(used, used.dropFirst()) { #expect(lengths[x] >= lengths[y]) }
        }
        // The same skew in a stream: bytes drawn with those counts, shuffled.
        var bytes: [UInt8] = []
        (a, b) = (1, 1)
        for value in 0..<22 {
            bytes += [UInt8](repeating: UInt8(value * 11), count: a)
            (a, b) = (b, a + b)
        }
        var state: UInt64 = 99
        for i in bytes.indices.reversed() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            bytes.swapAt(i, Int(state % UInt64(i + 1)))
        }
        _ = expectRoundTrip(bytes, pixelBytes: 4, rowBytes: 40_000, symbolsPerBlock: 1 << 20, "Fibonacci counts")
    }

    /// Fewer than two used symbols still make a code inflaters accept.
    @Test func aCodeOfOneSymbolGetsASecond() {
        let lengths = ScanlineDeflate.HuffmanCode.lengths([0, 0, 5, 0], limit: 15)
        #expect(lengths.filter { $0 > 0 }.count == 2 && lengths[2] == 1)
        #expect(ScanlineDeflate.HuffmanCode.lengths([0, 0, 0], limit: 7) == [1, 1, 0])
    }

    @Test func adler32IsZlibs() {
        let random = randomBytes(70_000, seed: 3)
        let bright = [UInt8](repeating: 255, count: 1_750_000)
        for data in [random, bright] {
            data.withUnsafeBufferPointer { buffer in
                let base = buffer.baseAddress!
                for (offset, count) in [(0, 0), (1, 1), (3, 31), (5, 32), (7, 33), (0, 5_552), (1, 5_553), (2, 65_000), (0, buffer.count)] {
                    let ours = cchecksum_adler32(1, base + offset, min(count, buffer.count - offset))
                    let zlibs = UInt32(adler32(1, base + offset, UInt32(min(count, buffer.count - offset))))
                    #expect(ours == zlibs, "\(offset) + \(count)")
                }
                // Continued from an earlier value, as zlib does.
                let whole = UInt32(adler32(1, base, UInt32(buffer.count)))
                #expect(cchecksum_adler32(cchecksum_adler32(1, base, 12_345), base + 12_345, buffer.count - 12_345) == whole)
            }
        }
    }
}
