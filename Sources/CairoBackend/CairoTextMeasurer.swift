import CCairo
import Charts
import Foundation

/// Measures DejaVu Sans text with Cairo's toy font API on a private 1x1 surface (as matplotlib's
/// Cairo backend does), so layout matches what `SceneRenderer` draws.
///
/// Measurements are remembered: a report lays each chart out four times (PDF, PNG, two SVG sizes)
/// and an audit worker keeps its measurer from run to run, so the same tick labels and titles come
/// back again and again. The memory is bounded by starting over past `cacheLimit` strings.
///
/// `@unchecked Sendable`: the Cairo context and the caches are only touched under `lock`.
public final class CairoTextMeasurer: TextMeasurer, @unchecked Sendable {
    private struct WidthKey: Hashable {
        let text: String
        let size: Double
        let weight: TextStyle.Weight
    }

    static let cacheLimit = 20_000
    private let context: CairoContext
    private let lock = NSLock()
    private var widths: [WidthKey: Double] = [:]
    private var fontExtents: [Double: cairo_font_extents_t] = [:]

    /// One measurer for the process, so what it has measured serves every run an audit reports;
    /// nil if Cairo cannot make the measuring surface (callers then make their own and get the error).
    public static let shared: CairoTextMeasurer? = try? CairoTextMeasurer()

    public init() throws {
        context = try CairoContext(surface: try CairoSurface.image(width: 1, height: 1))
    }

    public func width(of text: String, size: Double, weight: TextStyle.Weight) -> Double {
        let key = WidthKey(text: text, size: size, weight: weight)
        lock.lock()
        defer { lock.unlock() }
        if let width = widths[key] { return width }
        SceneRenderer.selectFont(context.pointer, size: size, weight: weight)
        var extents = cairo_text_extents_t()
        cairo_text_extents(context.pointer, text, &extents)
        if widths.count >= Self.cacheLimit { widths.removeAll(keepingCapacity: true) }
        widths[key] = extents.x_advance
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
        if let extents = fontExtents[size] { return extents }
        SceneRenderer.selectFont(context.pointer, size: size, weight: .regular)
        var extents = cairo_font_extents_t()
        cairo_font_extents(context.pointer, &extents)
        if fontExtents.count >= Self.cacheLimit { fontExtents.removeAll(keepingCapacity: true) }
        fontExtents[size] = extents
        return extents
    }
}
