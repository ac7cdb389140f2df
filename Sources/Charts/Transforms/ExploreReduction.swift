/// How much of a chart's data the explorable HTML chart embeds, bounded by pixels rather than by
/// the length of the log: every raw point while the chart's series together stay within a budget
/// (`pointBudget`), and beyond it, for the longest series, a per-column envelope (lowest, highest
/// and mean value of each of a few times as many columns as the chart is wide). A 1,000,000-point
/// series then costs what a 2,000-point one does, and no spike or NaN disappears: the envelope
/// keeps each column's extremes and says when a column held a non-finite value.
public enum ExploreReduction {
    /// Raw points a chart embeds in all before its longest series are reduced.
    public static let pointBudget = 20_000
    /// Envelope columns of a one-panel chart: three times the 720-point width of a report chart, so
    /// a zoom of 3x still has a column per point of the screen.
    public static let columns = 2_160

    /// One envelope column: the points whose x falls into it.
    public struct Column: Sendable, Equatable {
        /// x and step of the column's last point.
        public var x: Double
        public var step: Int
        /// Lowest, highest and mean finite value; nil when the column holds only non-finite values.
        public var lower: Double?
        public var upper: Double?
        public var mean: Double?
        /// Points in the column, non-finite ones included.
        public var count: Int
        public var hasNonFinite: Bool
    }

    /// Which series to embed raw (true) and which as an envelope (false), given their point counts:
    /// series are taken shortest first, each raw while it fits its share of what is left of the
    /// budget or is no longer than the envelope that would replace it (`columns` x 2).
    public static func keepsRaw(counts: [Int], budget: Int = pointBudget, columns: Int = columns) -> [Bool] {
        var raw = Array(repeating: false, count: counts.count)
        var left = budget
        var pending = counts.count
        for i in counts.indices.sorted(by: { counts[$0] < counts[$1] }) {
            let share = left / max(1, pending)
            if counts[i] <= share || counts[i] <= columns * 2 {
                raw[i] = true
                left = max(0, left - counts[i])
            }
            pending -= 1
        }
        return raw
    }

    /// The envelope of a series over `columns` equal columns of `[xLower, xUpper]`; columns without
    /// points are left out, points outside the range land in the first or last column.
    /// - Precondition: `xs`, `steps` and `ys` have one entry per point, `xs` ascending.
    public static func envelope(xs: [Double], steps: [Int], ys: [Double], xLower: Double, xUpper: Double,
                                columns count: Int = columns) -> [Column] {
        precondition(xs.count == ys.count && steps.count == ys.count, "xs, steps and ys differ in length")
        guard !xs.isEmpty, count > 0 else { return [] }
        let span = xUpper - xLower
        let scale = span > 0 && span.isFinite ? Double(count) / span : 0
        var out: [Column] = []
        out.reserveCapacity(min(count, xs.count))
        var index = -1
        var current = Column(x: 0, step: 0, lower: nil, upper: nil, mean: nil, count: 0, hasNonFinite: false)
        var sum = 0.0, finite = 0

        func flush() {
            guard current.count > 0 else { return }
            current.mean = finite > 0 ? sum / Double(finite) : nil
            out.append(current)
        }

        for i in xs.indices {
            let x = xs[i]
            let c = x.isFinite ? min(count - 1, max(0, Int((x - xLower) * scale))) : max(index, 0)
            if c != index {
                flush()
                index = c
                current = Column(x: x, step: steps[i], lower: nil, upper: nil, mean: nil, count: 0, hasNonFinite: false)
                sum = 0
                finite = 0
            }
            current.x = x
            current.step = steps[i]
            current.count += 1
            let y = ys[i]
            if y.isFinite {
                current.lower = Swift.min(current.lower ?? y, y)
                current.upper = Swift.max(current.upper ?? y, y)
                sum += y
                finite += 1
            } else {
                current.hasNonFinite = true
            }
        }
        flush()
        return out
    }
}
