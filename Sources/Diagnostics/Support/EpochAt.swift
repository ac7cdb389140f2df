import RunModel

/// The (fractional) epoch a step falls in, read from the logged `epoch` series.
enum EpochAt {
    /// The epoch logged at the point nearest `step`; nil when no epoch is logged.
    static func step(_ step: Int, run: Run) -> Double? {
        guard let epochs = run.series(.epoch) else { return nil }
        let points = FinitePoints(epochs)
        guard !points.isEmpty else { return nil }
        var nearest = 0
        for i in points.steps.indices where abs(points.steps[i] - step) < abs(points.steps[nearest] - step) {
            nearest = i
        }
        return points.values[nearest]
    }
}
