/// How a line is stroked.
public struct StrokeStyle: Sendable, Equatable {
    public var color: Color
    public var width: Double
    /// 0 (invisible) to 1 (opaque).
    public var opacity: Double
    /// Dash pattern as on/off lengths in points; empty for a solid line.
    public var dash: [Double]

    public init(color: Color, width: Double = 1, opacity: Double = 1, dash: [Double] = []) {
        self.color = color
        self.width = width
        self.opacity = opacity
        self.dash = dash
    }
}
