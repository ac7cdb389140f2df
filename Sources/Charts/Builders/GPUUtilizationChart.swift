import Diagnostics
import RunModel

/// GPU utilisation in percent (fractions are scaled up), on a fixed 0-100 axis.
enum GPUUtilizationChart {
    static func make(run: Run, findings: [Finding], mapper: XAxisMapper) -> Chart? {
        guard let gpu = run.series(.gpuUtilization) else { return nil }
        let fraction = (gpu.summary.max ?? 0) <= 1
        let values = fraction ? gpu.values.map { $0 * 100 } : gpu.values
        let marks = FindingMarks(findings: findings, kind: .gpuUtilization, metrics: [gpu], mapper: mapper)
        let style = StrokeStyle(color: Palette.blue, width: 1.5)
        var layers = marks.layers
        let xs = mapper.xs(gpu)
        layers.append(.line(xs: xs, ys: values, style: style))
        let mean = ThroughputChart.median(values.filter(\.isFinite))
        var sentence = "GPU utilisation of run \(run.name) by \(mapper.title)"
        if let mean { sentence += ", typically \(TickFormatter.format(mean))%" }
        let panel = ChartPanel(x: Axis(title: mapper.title), y: Axis(title: "GPU utilisation (%)", lower: 0, upper: 100),
                               layers: layers,
                               series: [SeriesPlot.data(gpu, name: "GPU utilisation", color: Palette.blue, xs: xs, ys: values, smoothing: 0)])
        return Chart(kind: .gpuUtilization, title: "GPU utilisation", description: sentence + ".", panels: [panel],
                     legend: [LegendEntry(label: "GPU utilisation", swatch: .line(style))] + marks.legend)
    }
}
