import RunModel

/// The finite points of a series, in step order: what most rules compute on. Non-finite values are
/// the business of `loss-nonfinite`.
struct FinitePoints: Sendable {
    var steps: [Int]
    var values: [Double]

    init(_ series: Series) {
        steps = []
        values = []
        for i in series.values.indices where series.values[i].isFinite {
            steps.append(series.steps[i])
            values.append(series.values[i])
        }
    }

    init(steps: [Int], values: [Double]) {
        self.steps = steps
        self.values = values
    }

    var count: Int { values.count }
    var isEmpty: Bool { values.isEmpty }

    /// Median of the values at indices `range` (clamped to the valid indices).
    func median(_ range: Range<Int>) -> Double {
        let lo = max(0, range.lowerBound), hi = min(count, range.upperBound)
        guard lo < hi else { return .nan }
        return Stats.median(Array(values[lo..<hi]))
    }

    /// Median of the first `fraction` of the points (at least `minimum`).
    func headMedian(fraction: Double, minimum: Int = 3) -> Double {
        median(0..<max(minimum, Int(Double(count) * fraction)))
    }

    /// Median of the last `fraction` of the points (at least `minimum`).
    func tailMedian(fraction: Double, minimum: Int = 3) -> Double {
        let n = max(minimum, Int(Double(count) * fraction))
        return median((count - n)..<count)
    }

    /// Median of the values whose step lies within `radius` steps of `step`; nil when there are none.
    func median(near step: Int, radius: Int) -> Double? {
        var near: [Double] = []
        for i in steps.indices where abs(steps[i] - step) <= radius {
            near.append(values[i])
        }
        return near.isEmpty ? nil : Stats.median(near)
    }
}
