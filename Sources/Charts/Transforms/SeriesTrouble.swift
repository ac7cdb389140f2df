/// Where one series stops being drawable on a readable axis, for drawing only (diagnostics read the
/// raw values and decide what is wrong):
/// - **stretches**: runs of points that are NaN/Inf or far above everything before them (a
///   divergence: a loss of 2.2e12 after values near 3). A stretch ends when three good points in a
///   row follow (the run recovered) or at the end of the series. Stretches of at least
///   `minimumStretch` bad points (two when they run to the end) are shaded as one band; shorter
///   ones stay single markers.
/// - **transient**: the first few percent of points when they lie far above the rest (the steep
///   first steps of a healthy loss curve), so the axis can fit the part a reader cares about.
///
/// `ceiling` is the top of the values that should set the axis, when some finite value lies above
/// it: those are drawn as labelled markers at the top edge, never hidden.
struct SeriesTrouble: Equatable {
    struct Stretch: Equatable {
        /// Indices of the first and last bad point.
        var first: Int
        var last: Int
        /// Whether the series never recovers after it.
        var toEnd: Bool
        /// Bad points in the stretch (good points in gaps of fewer than `recovery` are not counted).
        var badCount: Int
        /// The largest finite value above the ceiling, if any.
        var peak: Int?
        /// The first and last non-finite value, if any; whether one is infinite, whether one is NaN.
        var firstNonFinite: Int?
        var lastNonFinite: Int?
        var hasNaN: Bool
        var hasInf: Bool
        /// Finite values above this are bad (far above what came before the stretch).
        var limit: Double
    }

    var stretches: [Stretch]
    /// Indices of leading points left off the axis (empty when the start is not far above the rest).
    var transient: Range<Int>
    /// The highest value that sets the axis when finite values lie above it (nil: every finite value
    /// fits): with the transient left off (`ceiling`) or kept (`divergenceCeiling`, for log axes).
    var ceiling: Double?
    var divergenceCeiling: Double?

    /// A point is far above what came before when it exceeds the running maximum by this many times
    /// the larger of the running extent and the maximum's size (so a loss of 8 among values near 2
    /// is a spike to show, as in `RobustRange`, while 2.2e12 is a divergence).
    static let divergenceGain = 5.0
    /// Good points in a row that end a stretch.
    static let recovery = 3
    /// Bad points a stretch needs to become a band (two suffice at the end of the series).
    static let minimumStretch = 3
    /// Good points needed before anything counts as far above them.
    static let minimumPrefix = 3
    /// The transient is looked for in this fraction of the points (at least one point).
    static let transientFraction = 0.05
    /// Leading points are a transient when they exceed the rest's maximum by more than this many of the rest's extents.
    static let transientGain = 1.0
    /// Series shorter than this have no transient.
    static let transientMinimumCount = 20

    init(_ values: [Double]) {
        stretches = []
        var healthy = [Bool](repeating: true, count: values.count)
        var runMin = Double.infinity, runMax = -Double.infinity, goodCount = 0
        var i = 0
        while i < values.count {
            let v = values[i]
            let limit = goodCount >= Self.minimumPrefix
                ? runMax + Self.divergenceGain * max(runMax - runMin, abs(runMax), 1e-12) : Double.infinity
            guard !v.isFinite || v > limit else {
                runMin = min(runMin, v)
                runMax = max(runMax, v)
                goodCount += 1
                i += 1
                continue
            }
            // A stretch starts at i: it lasts until `recovery` good points in a row (judged against
            // the limit at its start) or the end.
            var stretch = Stretch(first: i, last: i, toEnd: false, badCount: 0, peak: nil, firstNonFinite: nil,
                                  lastNonFinite: nil, hasNaN: false, hasInf: false, limit: limit)
            var good = 0, j = i
            while j < values.count && good < Self.recovery {
                let w = values[j]
                if w.isFinite && w <= limit {
                    good += 1
                } else {
                    good = 0
                    stretch.last = j
                    stretch.badCount += 1
                    if w.isFinite {
                        if stretch.peak.map({ w > values[$0] }) ?? true { stretch.peak = j }
                    } else {
                        stretch.firstNonFinite = stretch.firstNonFinite ?? j
                        stretch.lastNonFinite = j
                        if w.isNaN { stretch.hasNaN = true } else { stretch.hasInf = true }
                    }
                }
                j += 1
            }
            stretch.toEnd = stretch.last == values.count - 1
            for k in stretch.first...stretch.last where !values[k].isFinite || values[k] > limit { healthy[k] = false }
            stretches.append(stretch)
            i = stretch.last + 1
        }

        // The transient: leading healthy points far above the healthy rest.
        var transientEnd = 0
        let healthyIndices = values.indices.filter { healthy[$0] && values[$0].isFinite }
        if healthyIndices.count >= Self.transientMinimumCount {
            let lead = max(1, Int(Double(healthyIndices.count) * Self.transientFraction))
            let rest = healthyIndices[lead...].map { values[$0] }
            if let hi = rest.max(), let lo = rest.min() {
                let threshold = hi + Self.transientGain * max(hi - lo, abs(hi) * 0.01)
                if let lastHigh = healthyIndices[..<lead].last(where: { values[$0] > threshold }) {
                    transientEnd = lastHigh + 1
                }
            }
        }
        transient = 0..<transientEnd

        ceiling = Self.top(values, healthy: healthy, from: transientEnd)
        divergenceCeiling = Self.top(values, healthy: healthy, from: 0)
    }

    /// The largest healthy finite value from index `from` on, when some finite value lies above it.
    static func top(_ values: [Double], healthy: [Bool], from: Int) -> Double? {
        var top = -Double.infinity, highest = -Double.infinity
        for k in values.indices where values[k].isFinite {
            highest = max(highest, values[k])
            if healthy[k] && k >= from { top = max(top, values[k]) }
        }
        return top.isFinite && highest > top ? top : nil
    }

    /// The stretches drawn as one band (the others' points stay single markers).
    var bands: [Stretch] {
        stretches.filter { $0.badCount >= Self.minimumStretch || ($0.toEnd && $0.badCount >= 2) }
    }

    /// Whether index `i` lies in a stretch drawn as a band.
    func inBand(_ i: Int) -> Bool {
        bands.contains { $0.first <= i && i <= $0.last }
    }

    /// `values` with the bad points of band stretches replaced by NaN: what a smoothed line averages,
    /// so a divergence does not drag a decaying tail across the chart.
    func masked(_ values: [Double]) -> [Double] {
        let bands = bands
        guard !bands.isEmpty else { return values }
        var out = values
        for b in bands {
            for k in b.first...b.last where k < out.count {
                let v = out[k]
                if !v.isFinite || v > b.limit { out[k] = .nan }
            }
        }
        return out
    }
}
