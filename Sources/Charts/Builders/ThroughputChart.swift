import Diagnostics
import RunModel

/// Tokens/s, samples/s or steps/s (derived from wall times when none is logged), with the
/// throughput findings (drops, stalls) marked where they happened.
enum ThroughputChart {
    static func make(run: Run, findings: [Finding], mapper: XAxisMapper) -> Chart? {
        let color = Palette.skyBlue
        let logged: (Series, String)? = run.series(.tokensPerSecond).map { ($0, "tokens/s") }
            ?? run.series(.samplesPerSecond).map { ($0, "samples/s") }
            ?? run.series(.stepsPerSecond).map { ($0, "steps/s") }
        let source: (series: Series, unit: String, derived: Bool)
        if let (s, unit) = logged {
            source = (s, unit, false)
        } else if let derived = derivedStepsPerSecond(run) {
            source = (derived, "steps/s", true)
        } else {
            return nil
        }
        let series = source.series
        let marks = FindingMarks(findings: findings, kind: .throughput, metrics: [series], mapper: mapper)
        var layers = marks.layers
        let style = StrokeStyle(color: color, width: 1.5)
        let xs = mapper.xs(series)
        layers.append(.line(xs: xs, ys: series.values, style: style))
        layers.append(SeriesPlot.offScale(series, xs: xs, mapper: mapper, color: color))
        let label = source.derived ? "steps/s (from wall time between logs)" : source.unit
        let data = SeriesPlot.data(series, name: source.unit, color: color, xs: xs, smoothing: 0)
        var legend = [LegendEntry(label: label, swatch: .line(style))]
        legend += marks.legend
        let median = Self.median(series.finiteValues)
        var sentence = "Training throughput of run \(run.name) in \(source.unit) by \(mapper.title)"
        if let median { sentence += ", typically \(TickFormatter.format(median))" }
        if source.derived { sentence += " (derived from the log's wall times)" }
        if let clause = SeriesPlot.offScaleClause([series]) { sentence += "; " + clause }
        let panel = ChartPanel(x: Axis(title: mapper.title), y: Axis(title: source.unit, lower: 0, nice: true), layers: layers,
                               series: [data])
        return Chart(kind: .throughput, title: "Throughput", description: sentence + ".", panels: [panel], legend: legend)
    }

    /// Steps per second between consecutive timed points of the train loss (or any timed series),
    /// placed at the later step.
    static func derivedStepsPerSecond(_ run: Run) -> Series? {
        let candidates = [run.series(.trainLoss)].compactMap { $0 } + run.series
        guard let timed = candidates.first(where: { $0.hasWallTime && $0.count > 2 }) else { return nil }
        var steps: [Int] = [], values: [Double] = []
        var previous: (step: Int, time: Double)?
        for i in timed.steps.indices where timed.wallTimes[i].isFinite {
            let now = (timed.steps[i], timed.wallTimes[i])
            if let p = previous, now.1 > p.time, now.0 > p.step {
                steps.append(now.0)
                values.append(Double(now.0 - p.step) / (now.1 - p.time))
            }
            previous = (now.0, now.1)
        }
        guard steps.count >= 2 else { return nil }
        return Series(name: "train/steps_per_second", key: "derived", role: .stepsPerSecond, steps: steps, values: values)
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}
