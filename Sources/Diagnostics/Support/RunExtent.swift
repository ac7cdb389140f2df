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
}
