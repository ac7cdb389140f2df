import RunModel

/// How far a run got: the last step any series (or the state file) reached.
enum RunExtent {
    static func lastStep(_ run: Run) -> Int? {
        let logged = run.series.compactMap(\.steps.last).max()
        switch (logged, run.metadata.globalStep) {
        case let (a?, b?): return max(a, b)
        case let (a, b): return a ?? b
        }
    }

    static func firstStep(_ run: Run) -> Int? {
        run.series.compactMap(\.steps.first).min()
    }

    /// True when the training-loss log begins well into the run: its first step is more than two
    /// logging intervals (median gap) after step 0 and more than a tenth of its last step, i.e. a
    /// continuation log whose beginning is elsewhere (a resumed job's new log file, a log kept from
    /// some epoch on). "From the start" comparisons are then not about the run's start.
    static func startsLate(_ run: Run) -> Bool {
        guard let series = run.series(.trainLoss), series.count >= 2, let first = series.steps.first,
              let last = series.steps.last, last > first else { return false }
        let gaps = zip(series.steps.dropFirst(), series.steps).map { Double($0 - $1) }
        let gap = Stats.median(gaps)
        return Double(first) > 2 * gap && Double(first) > 0.1 * Double(last)
    }
}
