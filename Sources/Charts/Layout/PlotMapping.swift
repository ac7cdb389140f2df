/// Data to scene coordinates inside a plot rectangle (y grows downwards in the scene).
struct PlotMapping {
    let plot: Rect
    let x: any Scale
    let y: any Scale

    /// Far-off positions are clamped, so a value a million times outside the domain still gives
    /// a sane coordinate for the backend (the plot's clip hides it).
    static let limit = 1e5

    func px(_ v: Double) -> Double {
        clamp(plot.x + x.normalize(v) * plot.width)
    }

    func py(_ v: Double) -> Double {
        clamp(plot.maxY - y.normalize(v) * plot.height)
    }

    /// Whether `v` has a position on the y axis (finite, and positive on a log axis).
    func hasPosition(y v: Double) -> Bool {
        v.isFinite && y.normalize(v).isFinite
    }

    private func clamp(_ c: Double) -> Double {
        c.isFinite ? min(max(c, -Self.limit), Self.limit) : c
    }
}
