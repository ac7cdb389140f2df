import Diagnostics
import RunModel

/// The gradient norm (log scale when it spans decades), the clipping threshold when the norm
/// comes near it, spikes and explosions from the findings.
enum GradNormChart {
    static func make(run: Run, findings: [Finding], options: ChartOptions, mapper: XAxisMapper) -> Chart? {
        guard let grad = run.series(.gradNorm) else { return nil }
        let color = Palette.reddishPurple
        let xs = mapper.xs(grad)
        let trouble = TroublePlot(grad, mapper: mapper)
        let marks = FindingMarks(findings: findings, kind: .gradNorm, metrics: [grad], mapper: mapper,
                                 skip: TroublePlot.coveredFindings(findings, by: [trouble]))
        var layers = marks.layers + trouble.layers + SeriesPlot.abandoned(run, name: grad.name, mapper: mapper)
        var legend: [LegendEntry] = []
        let weight = options.smoothing ?? Smoothing.defaultWeight(pointCount: grad.count)
        let data = SeriesPlot.data(grad, name: "grad norm", color: color, xs: xs, smoothing: weight, trouble: trouble)
        if weight > 0 {
            let raw = StrokeStyle(color: color, width: 0.9, opacity: 0.3)
            let smooth = StrokeStyle(color: color, width: 1.6)
            layers.append(.line(xs: xs, ys: grad.values, style: raw))
            layers.append(.line(xs: xs, ys: Smoothing.ema(trouble.smoothingInput, weight: weight), style: smooth))
            legend += [LegendEntry(label: "grad norm (raw)", swatch: .line(raw)),
                       LegendEntry(label: "grad norm (smoothed)", swatch: .line(smooth))]
        } else {
            let style = StrokeStyle(color: color, width: 1.6)
            layers.append(.line(xs: xs, ys: grad.values, style: style))
            legend.append(LegendEntry(label: "grad norm", swatch: .line(style)))
        }
        layers.append(SeriesPlot.offScale(grad, xs: xs, mapper: mapper, color: color))
        let finite = grad.finiteValues
        let threshold = options.maxGradNorm
        let summary = grad.summary
        if let lo = summary.min, let hi = summary.max, threshold > 0, hi >= threshold / 3, lo <= threshold * 10 {
            let rule = StrokeStyle(color: Palette.ink, width: 1, opacity: 0.8, dash: [5, 3])
            layers.append(.horizontalRule(y: threshold, style: rule, label: "clipping threshold \(TickFormatter.format(threshold))"))
            legend.append(LegendEntry(label: "max_grad_norm \(TickFormatter.format(threshold))", swatch: .line(rule)))
        }
        if !trouble.isolatedNonFinite.isEmpty {
            layers.append(.edgeMarkers(xs: trouble.isolatedNonFinite, color: Palette.alert))
            legend.append(SeriesPlot.nonFiniteLegend)
        }
        if !trouble.trouble.bands.isEmpty {
            legend.append(TroublePlot.legend)
        }
        legend += marks.legend
        let log = SeriesPlot.spansDecades(finite, 2)
        let y = Axis(title: log ? "gradient norm (log scale)" : "gradient norm", scale: log ? .log : .linear,
                     lower: log ? nil : 0, nice: true, notation: .scientific)
        var sentence = "Gradient norm of run \(run.name) by \(mapper.title)"
        if let lo = summary.min, let hi = summary.max {
            sentence += ", between \(SeriesPlot.metricText(lo)) and \(SeriesPlot.metricText(hi))"
        }
        if summary.nonFinite > 0 { sentence += ", with \(summary.nonFinite) non-finite values" }
        if !log, let clause = SeriesPlot.offScaleClause([grad], notation: .scientific) { sentence += "; " + clause }
        return Chart(kind: .gradNorm, title: "Gradient norm", description: sentence + ".",
                     panels: [ChartPanel(x: Axis(title: mapper.title), y: y, layers: layers, series: [data])],
                     legend: legend)
    }
}
