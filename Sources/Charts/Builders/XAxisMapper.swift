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
        case .tokens:
            if let reference = Self.tokenReference(run), reference.steps.count >= 2 {
                mode = .tokens
                steps = reference.steps
                xs = reference.tokens
                title = reference.estimated ? "tokens seen (from throughput)" : "tokens seen"
            }
        }
        self.mode = mode
        self.title = title
        self.divisor = divisor
        stepsRef = mode == .step ? [] : steps
        xRef = mode == .step ? [] : xs
    }

    /// (step, tokens seen) pairs: the logged counter when there is one, else tokens per second
    /// integrated over the wall time between logged points (each rate covers the interval it ends).
    static func tokenReference(_ run: Run) -> (steps: [Double], tokens: [Double], estimated: Bool)? {
        if let seen = run.series(.tokensSeen) {
            var steps: [Double] = [], tokens: [Double] = []
            for i in seen.steps.indices where seen.values[i].isFinite && seen.values[i] >= (tokens.last ?? 0) {
                steps.append(Double(seen.steps[i]))
                tokens.append(seen.values[i])
            }
            if tokens.count >= 2, let last = tokens.last, last > tokens[0] { return (steps, tokens, false) }
        }
        guard let rate = run.series(.tokensPerSecond), rate.hasWallTime else { return nil }
        var steps: [Double] = [], tokens: [Double] = []
        var previousTime: Double?
        for i in rate.steps.indices where rate.wallTimes[i].isFinite {
            let time = rate.wallTimes[i]
            var total = tokens.last ?? 0
            if let previousTime, time > previousTime, rate.values[i].isFinite, rate.values[i] > 0 {
                total += rate.values[i] * (time - previousTime)
            }
            previousTime = time
            steps.append(Double(rate.steps[i]))
            tokens.append(total)
        }
        guard let last = tokens.last, last > 0 else { return nil }
        return (steps, tokens, true)
    }

    func x(_ step: Int) -> Double {
        guard !stepsRef.isEmpty else { return Double(step) }
        return Interpolation.linear(Double(step), xs: stepsRef, ys: xRef) / divisor
    }

    func xs(_ series: Series) -> [Double] {
        series.steps.map(x)
    }
}
