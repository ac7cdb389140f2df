import CCairo
import Charts
import TestSupport
import Testing
@testable import CairoBackend

/// `PNGEncoder` replaced Cairo's PNG writer for speed; the pictures must not change. Each test
/// encodes one image surface with both writers, decodes both files with Cairo's reader and compares
/// every pixel.
struct PNGEncoderTests {
    let measurer: CairoTextMeasurer

    init() throws {
        measurer = try CairoTextMeasurer()
    }

    /// The PNG Cairo's own writer (libpng) makes of `surface`.
    func cairoPNG(_ surface: CairoSurface) throws -> [UInt8] {
        let sink = ByteSink()
        let status = cairo_surface_write_to_png_stream(surface.pointer, byteSinkWrite, Unmanaged.passUnretained(sink).toOpaque())
        #expect(status == CAIRO_STATUS_SUCCESS)
        return sink.bytes
    }

    /// The pixels of a PNG as Cairo decodes them: width, height and the rows without stride padding.
    func decodedPixels(_ png: [UInt8]) throws -> (width: Int, height: Int, pixels: [UInt8]) {
        final class Source {
            let bytes: [UInt8]
            var offset = 0
            init(_ bytes: [UInt8]) { self.bytes = bytes }
        }
        let source = Source(png)
        let read: cairo_read_func_t = { closure, data, length in
            let source = Unmanaged<Source>.fromOpaque(closure!).takeUnretainedValue()
            let n = Int(length)
            guard source.offset + n <= source.bytes.count, let data else { return CAIRO_STATUS_READ_ERROR }
            for i in 0..<n { data[i] = source.bytes[source.offset + i] }
            source.offset += n
            return CAIRO_STATUS_SUCCESS
        }
        let image = try #require(cairo_image_surface_create_from_png_stream(read, Unmanaged.passUnretained(source).toOpaque()))
        defer { cairo_surface_destroy(image) }
        #expect(cairo_surface_status(image) == CAIRO_STATUS_SUCCESS)
        let width = Int(cairo_image_surface_get_width(image)), height = Int(cairo_image_surface_get_height(image))
        let stride = Int(cairo_image_surface_get_stride(image))
        let data = try #require(cairo_image_surface_get_data(image))
        var pixels: [UInt8] = []
        for y in 0..<height {
            pixels += UnsafeBufferPointer(start: data + y * stride, count: width * 4)
        }
        return (width, height, pixels)
    }

    /// Draws `scene` as `ChartRenderer.png` does and returns the surface.
    func drawn(_ scene: Scene, scale: Double) throws -> CairoSurface {
        let surface = try CairoSurface.image(width: Int((scene.width * scale).rounded(.up)), height: Int((scene.height * scale).rounded(.up)))
        let context = try CairoContext(surface: surface)
        context.scale(scale)
        SceneRenderer.draw(scene, on: context)
        cairo_surface_flush(surface.pointer)
        return surface
    }

    func expectSamePixels(_ surface: CairoSurface, _ comment: Comment) throws {
        let ours = try decodedPixels(try PNGEncoder.encode(surface))
        let theirs = try decodedPixels(try cairoPNG(surface))
        #expect(ours.width == theirs.width && ours.height == theirs.height, comment)
        #expect(ours.pixels == theirs.pixels, comment)
    }

    @Test(arguments: [SyntheticRuns.Pathology.healthy, .overfit, .explode, .restart])
    func chartPixelsAreCairosAtTheMarkdownSize(_ pathology: SyntheticRuns.Pathology) throws {
        let charts = ChartFactory.charts(for: SyntheticRuns.run(pathology), findings: SyntheticRuns.findings(pathology))
        #expect(!charts.isEmpty)
        for chart in charts {
            let scene = chart.scene(width: 720, height: chart.height(forWidth: 720, atLeast: 360), measurer: measurer, density: 1.5)
            try expectSamePixels(try drawn(scene, scale: 1.5), "\(pathology) \(chart.kind)")
        }
    }

    /// A size whose last pixel column and row are only partly covered by the white page: those
    /// pixels are translucent, so the file is RGBA with un-premultiplied colour.
    @Test func translucentEdgesAreUnpremultipliedAsCairoDoes() throws {
        let chart = try #require(ChartFactory.charts(for: SyntheticRuns.run(.overfit), findings: SyntheticRuns.findings(.overfit)).first)
        let surface = try drawn(chart.scene(width: 333.3, height: 211.7, measurer: measurer, density: 1.5), scale: 1.5)
        let png = try PNGEncoder.encode(surface)
        #expect(png[25] == 6, "colour type RGBA")
        try expectSamePixels(surface, "fractional size")
    }

    /// Every alpha from 0 to 255 over every shade of grey and a few colours.
    @Test func everyAlphaLevelRoundTripsAsWithCairo() throws {
        let surface = try CairoSurface.image(width: 256, height: 64)
        let cr = try CairoContext(surface: surface).pointer
        for x in 0..<256 {
            for (row, colour) in [(0.0, 0.0, 0.0), (1.0, 1.0, 1.0), (0.8, 0.2, 0.1), (0.1, 0.5, 0.9)].enumerated() {
                cairo_set_source_rgba(cr, colour.0, colour.1, colour.2, Double(x) / 255)
                cairo_rectangle(cr, Double(x), Double(row * 16), 1, 16)
                cairo_fill(cr)
            }
        }
        cairo_surface_flush(surface.pointer)
        try expectSamePixels(surface, "alpha ramp")
    }

    /// Rows of 33,004 bytes (11,001 RGB pixels), past deflate's 32 KB window, a width that is not a
    /// multiple of 4 and a 1 x 1 image.
    @Test func wideAndTinyImagesAreCairos() throws {
        for (width, height) in [(11_001, 3), (7, 5), (1, 1)] {
            let surface = try CairoSurface.image(width: width, height: height)
            let cr = try CairoContext(surface: surface).pointer
            cairo_set_source_rgb(cr, 1, 1, 1)
            cairo_paint(cr)
            cairo_set_source_rgb(cr, 0.2, 0.4, 0.8)
            cairo_set_line_width(cr, 0.7)
            cairo_move_to(cr, 0, 0)
            cairo_line_to(cr, Double(width), Double(height))
            cairo_stroke(cr)
            cairo_surface_flush(surface.pointer)
            try expectSamePixels(surface, "\(width) x \(height)")
        }
    }

    @Test func opaqueChartIsRGBWithAWhiteBackgroundChunk() throws {
        let chart = try #require(ChartFactory.charts(for: SyntheticRuns.run(.healthy), findings: []).first)
        let png = try PNGEncoder.encode(try drawn(chart.scene(width: 720, height: 360, measurer: measurer, density: 1.5), scale: 1.5))
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(Array(png[12..<16]) == Array("IHDR".utf8))
        #expect(png[24] == 8 && png[25] == 2, "8-bit RGB")
        #expect(Array(png[37..<41]) == Array("bKGD".utf8))
        #expect(Array(png.suffix(12)) == [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])
    }

    @Test func anEmptyImageIsAnError() throws {
        let surface = try CairoSurface.image(width: 0, height: 10)
        #expect(throws: CairoError.self) { try PNGEncoder.encode(surface) }
    }
}
