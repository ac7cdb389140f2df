import CCairo
import Foundation
import Charts
import TestSupport
import Testing
@testable import CairoBackend

/// Faint (translucent) lines are rasterised with Cairo's fast antialiasing to save CPU; these tests
/// bound what that changes in the picture against Cairo's default antialiasing.
struct SceneRendererAntialiasTests {
    /// A noisy, decaying 2,000-point loss curve across a 1080 x 540 image at 1.5x, as a chart's raw
    /// series is drawn: two points per device column, each step up or down by up to 40 pixels.
    static let rawLine: [Point] = {
        var generator = SplitMix64(state: 7)
        return (0..<2000).map { i in
            let level = 1.3 + 2.1 * exp(-Double(i) / 300)
            let noise = (generator.unit() - 0.5) * 0.25
            return Point(x: 60 + Double(i) * 0.33, y: 60 + (4 - level - noise) / 4 * 300)
        }
    }()

    /// The RGB bytes of the line drawn on white at 1.5x with the given antialiasing of translucent lines.
    func pixels(_ style: StrokeStyle, antialias: cairo_antialias_t) throws -> [UInt8] {
        let surface = try CairoSurface.image(width: 1080, height: 540)
        let context = try CairoContext(surface: surface)
        let cr = context.pointer
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_scale(cr, 1.5, 1.5)
        SceneRenderer.polyline(cr, Self.rawLine, style, translucentAntialias: antialias)
        cairo_surface_flush(surface.pointer)
        let data = try #require(cairo_image_surface_get_data(surface.pointer))
        let stride = Int(cairo_image_surface_get_stride(surface.pointer))
        var out: [UInt8] = []
        out.reserveCapacity(1080 * 540 * 3)
        for y in 0..<540 {
            for x in 0..<1080 {
                let p = (data + y * stride + 4 * x).withMemoryRebound(to: UInt32.self, capacity: 1) { $0.pointee }
                out += [UInt8(p >> 16 & 0xFF), UInt8(p >> 8 & 0xFF), UInt8(p & 0xFF)]
            }
        }
        return out
    }

    @Test func aFaintRawLineLooksTheSameWithFastAntialiasing() throws {
        let style = StrokeStyle(color: Palette.blue, width: 0.9, opacity: 0.28)  // the loss chart's raw line
        let fast = try pixels(style, antialias: SceneRenderer.translucentLineAntialias)
        let best = try pixels(style, antialias: CAIRO_ANTIALIAS_DEFAULT)
        var inked = 0, differing = 0, largest = 0, total = 0
        for i in stride(from: 0, to: best.count, by: 3) {
            let ink = best[i] < 255 || best[i + 1] < 255 || best[i + 2] < 255
            let d = (0..<3).map { abs(Int(fast[i + $0]) - Int(best[i + $0])) }.max() ?? 0
            if ink { inked += 1 }
            if d > 0 { differing += 1 }
            largest = max(largest, d)
            total += d
        }
        #expect(inked > 15_000, "the line covers a band of the image")
        #expect(differing > 0, "the fast antialiasing is in use")
        // Measured (Cairo 1.16): at most 34 levels of 255 on a channel (an edge pixel a shade lighter
        // or darker), 7 on average over the 20,605 inked pixels.
        #expect(largest <= 40)
        #expect(Double(total) / Double(inked) < 10)
    }

    @Test func opaqueLinesKeepTheDefaultAntialiasing() throws {
        let style = StrokeStyle(color: Palette.blue, width: 1.5, opacity: 1)
        #expect(try pixels(style, antialias: SceneRenderer.translucentLineAntialias)
            == pixels(style, antialias: CAIRO_ANTIALIAS_DEFAULT))
    }
}
