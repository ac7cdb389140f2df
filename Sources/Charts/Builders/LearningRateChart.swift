import Diagnostics
import RunModel

/// The learning-rate schedule, with the end of warmup (from `LRSchedule`, as the diagnostics see it)
/// and the peak marked.
enum LearningRateChart {
    static func make(run: Run, findings: [Finding], mapper: XAxisMapper) -> Chart? {
        guard let lr = run.series(.learningRate), lr.values.contains(where: \.isFinite) else { return nil }
        let color = Palette.bluishGreen
        let xs = mapper.xs(lr)
        let marks = FindingMarks(findings: findings, kind: .learningRate, metrics: [lr], mapper: mapper)
        var layers = marks.layers + SeriesPlot.abandoned(run, name: lr.name, mapper: mapper)
        let style = StrokeStyle(color: color, width: 1.8)
        layers.append(.line(xs: xs, ys: lr.values, style: style))
        var legend = [LegendEntry(label: "learning rate", swatch: .line(style))]
        var sentence = "Learning rate of run \(run.name) by \(mapper.title)"
        if let peak = SeriesPlot.bestIndex(lr.values, higherIsBetter: true) {
            let peakText = SeriesPlot.metricText(lr.values[peak])
            let schedule = LRSchedule.analyze(lr, plannedSteps: run.metadata.maxSteps)
            if let schedule, schedule.hasWarmup, !schedule.stillRising {
                let rule = StrokeStyle(color: Palette.mutedInk, width: 1, dash: [4, 3])
                layers.append(.verticalRule(x: mapper.x(schedule.warmupEndStep), style: rule,
                                            label: "warmup ends, step \(schedule.warmupEndStep)"))
                sentence += ", warming up over \(schedule.warmupSteps) steps until step \(schedule.warmupEndStep) to a peak of \(peakText)"
                    + (lr.steps[peak] == schedule.warmupEndStep ? "" : " (first logged at step \(lr.steps[peak]))")
            } else {
                sentence += ", peaking at \(peakText) at step \(lr.steps[peak])"
            }
            layers.append(.annotation(x: xs[peak], y: lr.values[peak], text: "peak \(peakText)", color: color, shape: .diamond,
                                      above: true))
            if let last = lr.values.last(where: \.isFinite), lr.values[peak] > 0 {
                sentence += " and ending at \(SeriesPlot.metricText(last))"
            }
        }
        let nonFinite = SeriesPlot.nonFiniteXs(lr, mapper: mapper)
        if !nonFinite.isEmpty {
            layers.append(.edgeMarkers(xs: nonFinite, color: Palette.alert))
            legend.append(SeriesPlot.nonFiniteLegend)
        }
        legend += marks.legend
        let y = Axis(title: "learning rate", lower: 0, nice: true, notation: .scientific)
        let panel = ChartPanel(x: Axis(title: mapper.title), y: y, layers: layers,
                               series: [SeriesPlot.data(lr, name: "learning rate", color: color, xs: xs)])
        return Chart(kind: .learningRate, title: "Learning rate", description: sentence + ".", panels: [panel], legend: legend)
    }
}
