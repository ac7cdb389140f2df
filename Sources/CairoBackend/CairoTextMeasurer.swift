import CCairo
import Charts
import Foundation

/// Measures DejaVu Sans text with Cairo's toy font API on a private 1x1 surface (as matplotlib's
/// Cairo backend does), so layout matches what `SceneRenderer` draws.
///
/// `@unchecked Sendable`: the Cairo context is only touched under `lock`.
public final class CairoTextMeasurer: TextMeasurer, @unchecked Sendable {
    private let context: CairoContext
    private let lock = NSLock()

    public init() throws {
        context = try CairoContext(surface: try CairoSurface.image(width: 1, height: 1))
    }

    public func width(of text: String, size: Double, weight: TextStyle.Weight) -> Double {
        lock.lock()
        defer { lock.unlock() }
        SceneRenderer.selectFont(context.pointer, size: size, weight: weight)
        var extents = cairo_text_extents_t()
        cairo_text_extents(context.pointer, text, &extents)
        return extents.x_advance
    }

    public func lineHeight(size: Double) -> Double {
        let e = fontExtents(size: size)
        return e.ascent + e.descent
    }

    public func ascent(size: Double) -> Double {
        fontExtents(size: size).ascent
    }

    private func fontExtents(size: Double) -> cairo_font_extents_t {
        lock.lock()
        defer { lock.unlock() }
        SceneRenderer.selectFont(context.pointer, size: size, weight: .regular)
        var extents = cairo_font_extents_t()
        cairo_font_extents(context.pointer, &extents)
        return extents
    }
}
