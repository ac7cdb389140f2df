import Diagnostics
import RunModel

/// Training loss raw (faint) and smoothed (strong), eval loss as joined points with its best marked,
/// the region after the best eval shaded when `overfitting` fired, NaN/Inf at the top edge,
/// findings where they happened.
enum LossChart {
    static let trainColor = Palette.blue
    static let evalColor = Palette.orange

    static func make(run: Run, findings: [Finding], options: ChartOptions, mapper: XAxisMapper) -> Chart? {
        let train = run.series(.trainLoss)
        let eval = run.series(.evalLoss)
        guard train != nil || eval != nil else { return nil }
        var layers: [Layer] = []
        var legend: [LegendEntry] = []
        var notes: [String] = []
        var nonFinite: [Double] = []
        var data: [PanelSeries] = []

        let overfitting = findings.first { $0.id == "overfitting" && ($0.metric == nil || $0.metric == "eval/loss") }
        let bestEval = eval.flatMap { e in SeriesPlot.bestIndex(e.values, higherIsBetter: false).map { (e, $0) } }
        if overfitting != nil, let (e, best) = bestEval, let last = e.steps.last {
            layers.append(.band(x0: mapper.x(e.steps[best]), x1: mapper.x(last), color: evalColor, opacity: 0.12, label: nil))
            legend.append(LegendEntry(label: "after best eval (overfitting)", swatch: .band(evalColor, opacity: 0.12)))
        }
        let metrics = [train, eval].compactMap { $0 }
        var troubles = metrics.map { TroublePlot($0, mapper: mapper) }
        if troubles.count == 2 { troubles[1].dropBands(inside: troubles[0]) }
        let covered = TroublePlot.coveredFindings(findings, by: troubles)
        let marks = FindingMarks(findings: findings, kind: .loss, metrics: metrics, mapper: mapper,
                                 skip: covered.union(overfitting == nil ? [] : ["overfitting"]))
        layers += marks.layers
        let abandoned = SeriesPlot.abandoned(run, name: "train/loss", mapper: mapper)
            + SeriesPlot.abandoned(run, name: "eval/loss", mapper: mapper)
        layers += abandoned
        for t in troubles { layers += t.layers }
        var trainXs: [Double]?, evalXs: [Double]?
        if let train {
            let xs = mapper.xs(train)
            trainXs = xs
            let weight = options.smoothing ?? Smoothing.defaultWeight(pointCount: train.count)
            data.append(SeriesPlot.data(train, name: "train loss", color: trainColor, xs: xs, smoothing: weight, trouble: troubles[0]))
            if weight > 0 {
                let raw = StrokeStyle(color: trainColor, width: 0.9, opacity: 0.28)
                let smooth = StrokeStyle(color: trainColor, width: 1.8)
                layers.append(.line(xs: xs, ys: train.values, style: raw))
                layers.append(.line(xs: xs, ys: Smoothing.ema(troubles[0].smoothingInput, weight: weight), style: smooth))
                legend.append(LegendEntry(label: "train loss (raw)", swatch: .line(raw)))
                legend.append(LegendEntry(label: "train loss (smoothed)", swatch: .line(smooth)))
                notes.append("Smoothing: TensorBoard's debiased EMA, weight \(TickFormatter.format(weight)); raw values drawn faint.")
            } else {
                let style = StrokeStyle(color: trainColor, width: 1.6)
                layers.append(.line(xs: xs, ys: train.values, style: style))
                legend.append(LegendEntry(label: "train loss", swatch: .line(style)))
            }
            nonFinite += troubles[0].isolatedNonFinite
        }
        if let eval {
            let xs = mapper.xs(eval)
            evalXs = xs
            data.append(SeriesPlot.data(eval, name: "eval loss", color: evalColor, xs: xs, markers: true))
            let style = StrokeStyle(color: evalColor, width: 1.6)
            layers.append(.line(xs: xs, ys: eval.values, style: style))
            layers.append(.points(xs: xs, ys: eval.values, shape: .circle, size: 5, color: evalColor, opacity: 1))
            legend.append(LegendEntry(label: "eval loss", swatch: .line(style)))
            nonFinite += troubles[troubles.count - 1].isolatedNonFinite
        }
        if let train { layers.append(SeriesPlot.offScale(train, xs: trainXs, mapper: mapper, color: trainColor)) }
        if let eval { layers.append(SeriesPlot.offScale(eval, xs: evalXs, mapper: mapper, color: evalColor)) }
        if let (e, best) = bestEval, e.count > 1 {
            let text = "best eval \(SeriesPlot.metricText(e.values[best])) @ step \(e.steps[best])"
            layers.append(.annotation(x: mapper.x(e.steps[best]), y: e.values[best], text: text, color: evalColor, shape: .diamond,
                                      above: false))
        }
        if !nonFinite.isEmpty {
            layers.append(.edgeMarkers(xs: nonFinite, color: Palette.alert))
            legend.append(SeriesPlot.nonFiniteLegend)
        }
        if !abandoned.isEmpty { legend.append(SeriesPlot.abandonedLegend) }
        legend += marks.legend

        if troubles.contains(where: { !$0.trouble.bands.isEmpty }) {
            legend.append(TroublePlot.legend)
        }
        let (log, ceiling) = scale(troubles)
        let panel = ChartPanel(x: Axis(title: mapper.title), y: yAxis(log: log, ceiling: ceiling), layers: layers,
                               series: data)
        let diverged = troubles.contains { $0.trouble.bands.contains { $0.peak != nil } }
        var text = description(run: run, train: train, eval: eval, best: bestEval, linear: !log && !diverged)
        let clauses = troubles.flatMap { $0.clauses(ceiling: ceiling) }
        if !clauses.isEmpty { text = String(text.dropLast()) + "; " + clauses.joined(separator: "; ") + "." }
        return Chart(kind: .loss, title: "Loss", description: text, panels: [panel], legend: legend, note: notes.first)
    }

    /// Log or linear, and the ceiling of a loss axis showing these series: log when the values the
    /// axis fits span three decades, or two with most of them in the lowest tenth of that range (a
    /// linear axis would press the part a reader cares about onto the floor). A divergence never
    /// makes the axis log: it is left off the axis (see `SeriesTrouble`), and so is a steep start
    /// on a linear axis.
    static func scale(_ troubles: [TroublePlot]) -> (log: Bool, ceiling: Double?) {
        let fitted = SeriesPlot.inliers(troubles.flatMap(\.fittedValues))
        let log = SeriesPlot.spansDecades(fitted, 3) || (SeriesPlot.spansDecades(fitted, 2) && lowHeavy(fitted))
        return (log, TroublePlot.ceiling(troubles, keepTransient: log))
    }

    /// Whether most finite values lie in the lowest tenth of their linear range.
    static func lowHeavy(_ values: [Double]) -> Bool {
        let finite = values.filter(\.isFinite).sorted()
        guard let lo = finite.first, let hi = finite.last, hi > lo else { return false }
        return (finite[finite.count / 2] - lo) / (hi - lo) < 0.1
    }

    /// The loss axis of a run's chart and of a comparison.
    static func yAxis(log: Bool, ceiling: Double? = nil) -> Axis {
        Axis(title: log ? "loss (log scale)" : "loss", scale: log ? .log : .linear, nice: true, notation: .scientific,
             ceiling: ceiling)
    }

    static func description(run: Run, train: Series?, eval: Series?, best: (Series, Int)?, linear: Bool) -> String {
        var parts: [String] = []
        if let train, let first = train.summary.first, let last = train.summary.last {
            let from = SeriesPlot.metricText(first), to = SeriesPlot.metricText(last)
            parts.append("training loss goes from \(from) to \(to) over \(train.count) logged steps")
        }
        if let (e, i) = best {
            parts.append("eval loss is lowest at step \(e.steps[i]) (\(SeriesPlot.metricText(e.values[i])))")
        }
        if linear, let clause = SeriesPlot.offScaleClause([train, eval].compactMap { $0 }, notation: .scientific) {
            parts.append(clause)
        }
        return "Loss of run \(run.name): " + parts.joined(separator: "; ") + "."
    }
}
