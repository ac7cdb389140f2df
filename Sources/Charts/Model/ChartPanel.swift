/// One plot area: two axes and the layers drawn in it. Most charts have one; small multiples several.
public struct ChartPanel: Sendable, Equatable {
    /// Shown above the plot when the chart has several panels.
    public var title: String?
    public var x: Axis
    public var y: Axis
    public var layers: [Layer]

    public init(title: String? = nil, x: Axis, y: Axis, layers: [Layer] = []) {
        self.title = title
        self.x = x
        self.y = y
        self.layers = layers
    }
}
