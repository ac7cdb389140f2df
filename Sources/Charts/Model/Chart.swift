/// A chart as data: what to draw, in data coordinates, with no size yet. `scene(width:height:measurer:)`
/// lays it out for a size and returns the drawing list.
public struct Chart: Sendable, Equatable {
    public var kind: ChartKind
    public var title: String
    /// Alt text: one sentence saying what the chart shows.
    public var description: String
    public var panels: [ChartPanel]
    public var legend: [LegendEntry]
    /// A short line under the plot (e.g. the smoothing weight), or nil.
    public var note: String?
    /// A stable id when a run can have several charts of one kind (`metrics-rewards`), else nil
    /// (the kind is the id).
    public var slug: String?

    public init(kind: ChartKind, title: String, description: String, panels: [ChartPanel],
                legend: [LegendEntry] = [], note: String? = nil, slug: String? = nil) {
        self.slug = slug
        self.kind = kind
        self.title = title
        self.description = description
        self.panels = panels
        self.legend = legend
        self.note = note
    }

    /// The height to lay the chart out at `width` when `height` is what the page offers: more
    /// when its panels would otherwise be squeezed (many small multiples on a narrow page).
    public func height(forWidth width: Double, atLeast height: Double) -> Double {
        let n = panels.count
        guard n > 1 else { return height }
        let columns = ChartLayout.columns(panels: n, width: width)
        let rows = Double((n + columns - 1) / columns)
        let chrome = 40.0 + (legend.isEmpty ? 0 : 18) + (note == nil ? 0 : 14)
        return max(height, (rows * ChartLayout.minimumPanelHeight + chrome).rounded())
    }

    /// The chart laid out at `width` x `height` points. Lines are downsampled to `density` device
    /// pixels per point (2 for a PNG at 2x), so the scene stays small whatever the data size.
    public func scene(width: Double, height: Double, measurer: TextMeasurer, density: Double = 2) -> Scene {
        ChartLayout(chart: self, width: width, height: height, measurer: measurer, density: density).scene()
    }
}
