/// One plot area: two axes and the layers drawn in it. Most charts have one; small multiples several.
public struct ChartPanel: Sendable, Equatable {
    /// Shown above the plot when the chart has several panels.
    public var title: String?
    public var x: Axis
    public var y: Axis
    public var layers: [Layer]
    /// The series drawn by `layers`, as data (for the explorable HTML chart); empty when the panel
    /// is only a picture.
    public var series: [PanelSeries]

    public init(title: String? = nil, x: Axis, y: Axis, layers: [Layer] = [], series: [PanelSeries] = []) {
        self.title = title
        self.x = x
        self.y = y
        self.layers = layers
        self.series = series
    }
}

extension ChartPanel {
    /// The x and y ranges the static chart fits this panel to (before nice ticks): the data's x
    /// extent, and a y range that leaves out a divergence, a steep start or far outliers as the
    /// drawn axis does. The explorable chart starts from it, so both show the same picture.
    public var fittedRanges: (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        let domain = PanelDomain(panel: self)
        return (min(domain.x.lower, domain.x.upper)...max(domain.x.lower, domain.x.upper),
                min(domain.y.lower, domain.y.upper)...max(domain.y.lower, domain.y.upper))
    }
}
