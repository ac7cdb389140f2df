import RunModel

/// The level of a series at the start and at the end of a run: the median of its first and last
/// fifth (at least 3 points each, at most half the series), so one noisy log decides nothing.
/// Used by the preference and RL rules, whose TRL metrics are noisy per-batch means.
struct PhaseLevels: Sendable {
    var series: Series
    var points: FinitePoints
    var early: Double
    var recent: Double
    var firstStep: Int
    var lastStep: Int

    /// Nil when the series has fewer than `minPoints` finite points.
    init?(_ series: Series, minPoints: Int) {
        let points = FinitePoints(series)
        guard points.count >= max(minPoints, 3), let first = points.steps.first, let last = points.steps.last else {
            return nil
        }
        let window = min(max(3, points.count / 5), max(1, points.count / 2))
        self.series = series
        self.points = points
        early = Stats.median(Array(points.values.prefix(window)))
        recent = Stats.median(Array(points.values.suffix(window)))
        firstStep = first
        lastStep = last
    }

    /// Median of the whole series.
    var median: Double { Stats.median(points.values) }

    /// The first of `names` the run logs with values (canonical names, e.g. `train/kl`, `objective/kl`).
    static func series(_ run: Run, _ names: [String]) -> Series? {
        for name in names {
            if let s = run.series(named: name), s.values.contains(where: \.isFinite) { return s }
        }
        return nil
    }
}
