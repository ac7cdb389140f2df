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

        let overfitting = findings.first { $0.id == "overfitting" && ($0.metric == nil || $0.metric == "eval/loss") }
        let bestEval = eval.flatMap { e in SeriesPlot.bestIndex(e.values, higherIsBetter: false).map { (e, $0) } }
        if overfitting != nil, let (e, best) = bestEval, let last = e.steps.last {
            layers.append(.band(x0: mapper.x(e.steps[best]), x1: mapper.x(last), color: evalColor, opacity: 0.12, label: nil))
            legend.append(LegendEntry(label: "after best eval (overfitting)", swatch: .band(evalColor, opacity: 0.12)))
        }
        let metrics = [train, eval].compactMap { $0 }
        let marks = FindingMarks(findings: findings, kind: .loss, metrics: metrics, mapper: mapper,
                                 skip: overfitting == nil ? [] : ["overfitting"])
        layers += marks.layers
        let abandoned = SeriesPlot.abandoned(run, name: "train/loss", mapper: mapper)
            + SeriesPlot.abandoned(run, name: "eval/loss", mapper: mapper)
        layers += abandoned

        var trainXs: [Double]?, evalXs: [Double]?
        if let train {
            let xs = mapper.xs(train)
            trainXs = xs
            let weight = options.smoothing ?? Smoothing.defaultWeight(pointCount: train.count)
            if weight > 0 {
                let raw = StrokeStyle(color: trainColor, width: 0.9, opacity: 0.28)
                let smooth = StrokeStyle(color: trainColor, width: 1.8)
                layers.append(.line(xs: xs, ys: train.values, style: raw))
                layers.append(.line(xs: xs, ys: Smoothing.ema(train.values, weight: weight), style: smooth))
                legend.append(LegendEntry(label: "train loss (raw)", swatch: .line(raw)))
                legend.append(LegendEntry(label: "train loss (smoothed)", swatch: .line(smooth)))
                notes.append("Smoothing: TensorBoard's debiased EMA, weight \(TickFormatter.format(weight)); raw values drawn faint.")
            } else {
                let style = StrokeStyle(color: trainColor, width: 1.6)
                layers.append(.line(xs: xs, ys: train.values, style: style))
                legend.append(LegendEntry(label: "train loss", swatch: .line(style)))
            }
            nonFinite += SeriesPlot.nonFiniteXs(train, mapper: mapper)
        }
        if let eval {
            let xs = mapper.xs(eval)
            evalXs = xs
            let style = StrokeStyle(color: evalColor, width: 1.6)
            layers.append(.line(xs: xs, ys: eval.values, style: style))
            layers.append(.points(xs: xs, ys: eval.values, shape: .circle, size: 5, color: evalColor, opacity: 1))
            legend.append(LegendEntry(label: "eval loss", swatch: .line(style)))
            nonFinite += SeriesPlot.nonFiniteXs(eval, mapper: mapper)
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

        let values = (train?.values ?? []) + (eval?.values ?? [])
        let log = SeriesPlot.spansDecades(SeriesPlot.inliers(values), 3)
        let panel = ChartPanel(x: Axis(title: mapper.title), y: yAxis(log: log), layers: layers)
        return Chart(kind: .loss, title: "Loss", description: description(run: run, train: train, eval: eval, best: bestEval, linear: !log),
                     panels: [panel], legend: legend, note: notes.first)
    }

    /// The loss axis of a run's chart and of a comparison.
    static func yAxis(log: Bool) -> Axis {
        Axis(title: log ? "loss (log scale)" : "loss", scale: log ? .log : .linear, nice: true, notation: .scientific)
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
