/// What layout needs from a drawing backend: the size of a string at a font size.
public protocol TextMeasurer: Sendable {
    /// Advance width in points of `text` in DejaVu Sans at `size` points.
    func width(of text: String, size: Double, weight: TextStyle.Weight) -> Double
    /// Line height in points (ascent + descent) at `size` points.
    func lineHeight(size: Double) -> Double
    /// Distance from the top of the line box to the baseline at `size` points.
    func ascent(size: Double) -> Double
}

/// A measurer with fixed DejaVu Sans averages, for tests and for layout without a backend.
public struct ApproximateTextMeasurer: TextMeasurer {
    public init() {}

    public func width(of text: String, size: Double, weight: TextStyle.Weight) -> Double {
        let perChar = weight == .bold ? 0.68 : 0.61
        return Double(text.count) * size * perChar
    }

    public func lineHeight(size: Double) -> Double { size * 1.164 }

    public func ascent(size: Double) -> Double { size * 0.928 }
}
