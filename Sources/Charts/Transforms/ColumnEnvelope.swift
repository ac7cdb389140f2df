/// The lowest and highest finite value in each pixel column of a series, and whether the column
/// holds a non-finite value. When a line has several points per column, its stroke fills exactly
/// this min-max band, so drawing the band is the same picture at a fraction of the cost.
public struct ColumnEnvelope: Sendable, Equatable {
    public struct Column: Sendable, Equatable {
        public var index: Int
        /// nil when the column holds only non-finite values.
        public var lower: Double?
        public var upper: Double?
        public var hasNonFinite: Bool
    }

    public var columns: [Column]

    /// - Parameters: as `Downsampler.indices`; points outside the x domain are left out.
    public init(xs: [Double], ys: [Double], xLower: Double, xUpper: Double, columns count: Int) {
        precondition(xs.count == ys.count, "xs and ys differ in length")
        columns = []
        let span = xUpper - xLower
        guard count > 0, span > 0, span.isFinite else { return }
        let scale = Double(count) / span
        var current = Column(index: -1, lower: nil, upper: nil, hasNonFinite: false)
        for i in xs.indices {
            let x = xs[i]
            guard x.isFinite, x >= xLower, x <= xUpper else { continue }
            let c = min(count - 1, Int((x - xLower) * scale))
            if current.index != c {
                if current.index >= 0 { columns.append(current) }
                current = Column(index: c, lower: nil, upper: nil, hasNonFinite: false)
            }
            let y = ys[i]
            if y.isFinite {
                current.lower = Swift.min(current.lower ?? y, y)
                current.upper = Swift.max(current.upper ?? y, y)
            } else {
                current.hasNonFinite = true
            }
        }
        if current.index >= 0 { columns.append(current) }
    }
}
