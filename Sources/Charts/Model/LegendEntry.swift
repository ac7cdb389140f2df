/// One legend row: a swatch drawn like the layer it stands for, and its label.
public struct LegendEntry: Sendable, Equatable {
    public enum Swatch: Sendable, Equatable {
        case line(StrokeStyle)
        case marker(MarkerShape, Color)
        case band(Color, opacity: Double)
    }

    public var label: String
    public var swatch: Swatch

    public init(label: String, swatch: Swatch) {
        self.label = label
        self.swatch = swatch
    }
}
