/// One thing drawn in a panel, in data coordinates. Layers are drawn in order, so later ones sit on top.
public enum Layer: Sendable, Equatable {
    /// A line through the points; non-finite `ys` break it. Downsampled to the device pixels when drawn.
    case line(xs: [Double], ys: [Double], style: StrokeStyle)
    /// Markers at the points (non-finite ones are skipped: use `edgeMarkers` for them).
    case points(xs: [Double], ys: [Double], shape: MarkerShape, size: Double, color: Color, opacity: Double)
    /// A shaded vertical band over `[x0, x1]`, optionally labelled at its top left.
    case band(x0: Double, x1: Double, color: Color, opacity: Double, label: String?)
    /// A horizontal line at `y`, labelled at its right end above the line.
    case horizontalRule(y: Double, style: StrokeStyle, label: String?)
    /// A vertical line at `x`, labelled at its top.
    case verticalRule(x: Double, style: StrokeStyle, label: String?)
    /// Triangles along the top edge at `xs`: values that have no place on the axis (NaN, Inf).
    case edgeMarkers(xs: [Double], color: Color)
    /// A marker at a data point with a short text beside it (e.g. the best eval). The text goes
    /// `above` or below the point: put it on the side where the series has no data (above a
    /// maximum, below a minimum); the axis makes room for it.
    case annotation(x: Double, y: Double, text: String, color: Color, shape: MarkerShape, above: Bool)
    /// The raw values of a series (also drawn by a `line` or `points` layer), for the y axis to fit
    /// robustly: when a few of them lie far beyond the rest (a loss of 4.5e12 among values near 3),
    /// a linear axis is fitted to the rest and those few are drawn as markers on the edge they
    /// cross, labelled with their value. Draws nothing when every value fits.
    case offScale(xs: [Double], ys: [Double], color: Color)
}
