/// One series of a panel as data rather than drawing: its raw values, where it was logged and how
/// the static chart smooths it. The HTML report embeds it so a reader can hover, zoom, hide and
/// re-smooth the chart (`ExploreReduction` bounds how much of it is embedded); the static outputs
/// draw the panel's layers and ignore it.
public struct PanelSeries: Sendable, Equatable {
    public var name: String
    public var color: Color
    /// x positions on the panel's axis, ascending (steps, epochs, seconds or tokens).
    public var xs: [Double]
    /// The logged steps, one per value (the hover names the step whatever the x axis).
    public var steps: [Int]
    /// The raw values, NaN/Inf included.
    public var ys: [Double]
    /// TensorBoard smoothing weight the chart starts at; nil when the series is never smoothed
    /// (eval points, a learning-rate schedule), 0 when it is drawn raw but may be smoothed.
    public var smoothing: Double?
    /// x ranges whose points the smoothed line leaves out (a divergence, a stretch of NaN), as
    /// the static chart's smoothed line does.
    public var smoothingGaps: [ClosedRange<Double>]
    /// Drawn with a marker at each point (sparse eval values).
    public var markers: Bool
    public var dashed: Bool

    public init(name: String, color: Color, xs: [Double], steps: [Int], ys: [Double], smoothing: Double? = nil,
                smoothingGaps: [ClosedRange<Double>] = [], markers: Bool = false, dashed: Bool = false) {
        precondition(xs.count == ys.count && steps.count == ys.count, "xs, steps and ys differ in length")
        self.name = name
        self.color = color
        self.xs = xs
        self.steps = steps
        self.ys = ys
        self.smoothing = smoothing
        self.smoothingGaps = smoothingGaps
        self.markers = markers
        self.dashed = dashed
    }
}
