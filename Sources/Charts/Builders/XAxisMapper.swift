import RunModel

/// Turns steps into x positions for the axis the options ask for, the same way for every series of
/// a run, so train and eval points line up. Falls back to steps when the run lacks what is needed.
struct XAxisMapper: Sendable {
    let mode: ChartOptions.XAxis
    let title: String
    /// Reference (step, x) pairs for epoch or wall time, sorted by step; empty for steps.
    private let stepsRef: [Double]
    private let xRef: [Double]
    private let divisor: Double

    init(run: Run, mode requested: ChartOptions.XAxis) {
        var mode = ChartOptions.XAxis.step
        var steps: [Double] = [], xs: [Double] = [], title = "step", divisor = 1.0
        switch requested {
        case .step:
            break
        case .epoch:
            if let epoch = run.series(.epoch) {
                for i in epoch.values.indices where epoch.values[i].isFinite {
                    steps.append(Double(epoch.steps[i]))
                    xs.append(epoch.values[i])
                }
                if steps.count >= 2 {
                    mode = .epoch
                    title = "epoch"
                }
            }
        case .wallTime:
            let timed = ([run.series(.trainLoss)] + run.series.map(Optional.some))
                .compactMap { $0 }.first { $0.hasWallTime }
            if let timed {
                let t0 = timed.wallTimes.first { !$0.isNaN } ?? 0
                for i in timed.steps.indices where timed.wallTimes[i].isFinite {
                    steps.append(Double(timed.steps[i]))
                    xs.append(timed.wallTimes[i] - t0)
                }
                if steps.count >= 2, let last = xs.last {
                    mode = .wallTime
                    if last >= 2 * 3600 {
                        divisor = 3600
                        title = "wall time (hours)"
                    } else if last >= 120 {
                        divisor = 60
                        title = "wall time (minutes)"
                    } else {
                        title = "wall time (seconds)"
                    }
                }
            }
        }
        self.mode = mode
        self.title = title
        self.divisor = divisor
        stepsRef = mode == .step ? [] : steps
        xRef = mode == .step ? [] : xs
    }

    func x(_ step: Int) -> Double {
        guard !stepsRef.isEmpty else { return Double(step) }
        return Interpolation.linear(Double(step), xs: stepsRef, ys: xRef) / divisor
    }

    func xs(_ series: Series) -> [Double] {
        series.steps.map(x)
    }
}
