import Diagnostics
import RunModel

/// Eval metrics other than loss as small multiples, one panel each, with the best value marked
/// (highest or lowest as the metric's name says).
enum EvalMetricsChart {
    static let maxPanels = 6

    /// The eval metrics drawn here: those whose name says which way is better first (accuracy, F1,
    /// rewards/margins...), then the others, each in name order; at most `maxPanels`.
    static func shown(_ run: Run) -> [Series] {
        let finite = run.evalMetrics.filter { $0.values.contains(where: \.isFinite) }
        let known = finite.filter { if case .evalMetric(let h) = $0.role { return h != nil } else { return false } }
        return Array((known + finite.filter { s in !known.contains { $0.name == s.name } }).prefix(maxPanels))
    }

    static func make(run: Run, findings: [Finding], mapper: XAxisMapper) -> Chart? {
        let metrics = shown(run)
        guard !metrics.isEmpty else { return nil }
        var panels: [ChartPanel] = []
        var described: [String] = []
        let color = Palette.orange
        let marks = FindingMarks(findings: findings, kind: .evalMetrics, metrics: Array(metrics), mapper: mapper)
        for series in metrics {
            let name = String(series.name.dropFirst("eval/".count))
            let xs = mapper.xs(series)
            var layers = FindingMarks(findings: findings, kind: .evalMetrics, metrics: [series], mapper: mapper).layers
            layers.append(.line(xs: xs, ys: series.values, style: StrokeStyle(color: color, width: 1.5)))
            layers.append(.points(xs: xs, ys: series.values, shape: .circle, size: 4.5, color: color, opacity: 1))
            layers.append(SeriesPlot.offScale(series, mapper: mapper, color: color))
            var higher: Bool?
            if case let .evalMetric(h) = series.role { higher = h }
            if let h = higher, series.count > 1, let best = SeriesPlot.bestIndex(series.values, higherIsBetter: h) {
                let value = SeriesPlot.metricText(series.values[best])
                layers.append(.annotation(x: xs[best], y: series.values[best], text: "best \(value)", color: color,
                                          shape: .diamond, above: h))
                described.append("\(name) best \(value) at step \(series.steps[best])")
            } else if let last = series.values.last(where: \.isFinite) {
                described.append("\(name) ends at \(SeriesPlot.metricText(last))")
            }
            let nonFinite = SeriesPlot.nonFiniteXs(series, mapper: mapper)
            if !nonFinite.isEmpty { layers.append(.edgeMarkers(xs: nonFinite, color: Palette.alert)) }
            let direction = higher.map { $0 ? " (higher is better)" : " (lower is better)" } ?? ""
            let y = Axis(title: name, nice: true, notation: .scientific)
            panels.append(ChartPanel(title: name + direction, x: Axis(title: mapper.title), y: y, layers: layers,
                                     series: [SeriesPlot.data(series, name: name, color: color, xs: xs, markers: true)]))
        }
        let sentence = "Evaluation metrics of run \(run.name) by \(mapper.title): " + described.joined(separator: "; ") + "."
        return Chart(kind: .evalMetrics, title: "Evaluation metrics", description: sentence, panels: panels,
                     legend: marks.legend)
    }
}
