/// The range a y axis is fitted to when a few values lie far beyond the rest (a loss of 4.5e12 among
/// values near 3). A value is left out when it is both far outside the bulk of the values (beyond
/// fences two 5th-95th percentile ranges out) and out of line with its neighbours in its series
/// (more than five median absolute deviations from their median), so the steep start of a loss
/// curve is kept while an isolated explosion is not. Fitting happens only when the whole extent is
/// more than five times the kept values' extent and size; otherwise nil, and the axis shows
/// everything, ordinary spikes included.
///
/// Display only: diagnostics read the raw series, and the values left out are drawn at the plot
/// edge with their value (see `Layer.offScale`), so the outliers stay visible.
struct RobustRange: Equatable {
    var lower: Double
    var upper: Double
    /// Whether values lie below `lower` or above `upper`.
    var clipsBelow: Bool
    var clipsAbove: Bool

    /// Fences sit this many inner ranges (5th to 95th percentile) beyond it.
    static let fence = 2.0
    /// A value is out of line with its neighbours beyond this many of their median absolute deviations.
    static let localDeviations = 5.0
    /// Neighbours on each side a value is compared with.
    static let window = 3
    /// Fit only when the whole extent is more than this many times the kept extent (and size).
    static let minimumGain = 5.0
    /// Fewer values than this are never clipped.
    static let minimumCount = 5
    /// Percentiles are read from an even sample of at most this many values, so fitting a
    /// million-point series costs one pass, not a sort of a million values.
    static let percentileSample = 20_000

    init?(_ values: [Double]) {
        self.init(series: [values])
    }

    /// - Parameter series: the values of each series in step order (neighbours are compared within one).
    init?(series: [[Double]]) {
        var count = 0
        var first = Double.infinity, last = -Double.infinity
        for values in series {
            for v in values where v.isFinite {
                count += 1
                first = min(first, v)
                last = max(last, v)
            }
        }
        guard count >= Self.minimumCount else { return nil }
        let stride = max(1, count / Self.percentileSample)
        var sample: [Double] = []
        sample.reserveCapacity(count / stride + 1)
        var untilNext = 0
        for values in series {
            for v in values where v.isFinite {
                if untilNext == 0 {
                    sample.append(v)
                    untilNext = stride
                }
                untilNext -= 1
            }
        }
        let sorted = sample.sorted()
        let n = sorted.count
        // Rank-based percentiles that always leave out at least the extreme value on each side.
        let lo = sorted[Int((0.05 * Double(n - 1)).rounded(.up))]
        let hi = sorted[Int((0.95 * Double(n - 1)).rounded(.down))]
        let inner = max(hi - lo, abs(hi) * 0.01, abs(lo) * 0.01, 1e-12)
        let lowFence = lo - Self.fence * inner, highFence = hi + Self.fence * inner
        var inLower = Double.infinity, inUpper = -Double.infinity
        for values in series {
            for i in values.indices where values[i].isFinite {
                let v = values[i]
                if (v < lowFence || v > highFence) && Self.outOfLine(values, at: i) { continue }
                inLower = min(inLower, v)
                inUpper = max(inUpper, v)
            }
        }
        guard inLower <= inUpper else { return nil }
        // Relative to the kept values' size as well as their spread: a loss of 8 among values near
        // 2 is a spike to show, not an outlier to leave out.
        let kept = max(inUpper - inLower, inner, abs(inUpper), abs(inLower))
        guard last - first > Self.minimumGain * kept else { return nil }
        lower = inLower
        upper = inUpper
        clipsBelow = first < inLower
        clipsAbove = last > inUpper
    }

    /// Whether `values[i]` lies far from the median of its finite neighbours.
    static func outOfLine(_ values: [Double], at i: Int) -> Bool {
        let around = (max(0, i - window)...min(values.count - 1, i + window))
            .filter { $0 != i && values[$0].isFinite }.map { values[$0] }
        guard !around.isEmpty else { return true }
        let m = median(around)
        let mad = median(around.map { abs($0 - m) })
        return abs(values[i] - m) > localDeviations * max(mad, abs(m) * 1e-3, 1e-12)
    }

    static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// The values outside the range.
    func outliers(_ values: [Double]) -> [Double] {
        values.filter { $0.isFinite && ($0 < lower || $0 > upper) }
    }
}
