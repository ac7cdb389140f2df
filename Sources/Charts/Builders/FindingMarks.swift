import Diagnostics
import RunModel

/// Where findings appear on a chart: a faint band over their step range, labelled with their id,
/// and for spikes a ring around the worst point. The chart shows what diagnostics found; it never
/// decides what is wrong itself.
struct FindingMarks {
    var layers: [Layer] = []
    var legend: [LegendEntry] = []

    /// Finding ids that belong on a chart kind when the finding names no metric.
    static let kindsById: [String: [ChartKind]] = [
        "overfitting": [.loss, .evalMetrics], "loss-nonfinite": [.loss, .gradNorm], "loss-spike": [.loss],
        "grad-norm-explosion": [.gradNorm], "slow-convergence": [.loss], "underfitting": [.loss],
        "lr-schedule": [.learningRate], "throughput-drop": [.throughput], "low-gpu-utilization": [.gpuUtilization],
        "epoch-boundary-drops": [.loss], "suspicious-loss": [.loss], "resumed": [.loss],
    ]

    /// - Parameters:
    ///   - metrics: canonical names of the series the chart draws, with their x positions and values
    ///     (for the spike rings).
    ///   - skip: ids drawn in their own way by the chart (e.g. `overfitting` on the loss chart).
    init(findings: [Finding], kind: ChartKind, metrics: [Series], mapper: XAxisMapper, skip: Set<String> = []) {
        let names = Set(metrics.map(\.name))
        let relevant = findings.filter { f in
            guard f.steps != nil, !skip.contains(f.id) else { return false }
            if let metric = f.metric { return names.contains(metric) }
            return Self.kindsById[f.id]?.contains(kind) ?? false
        }
        var labelled = Set<String>()
        for f in relevant {
            guard let range = f.steps else { continue }
            let color = f.severity == .info ? Palette.mutedInk : Palette.alert
            layers.append(.band(x0: mapper.x(range.lowerBound), x1: mapper.x(range.upperBound), color: color,
                                opacity: 0.10, label: labelled.insert(f.id).inserted ? f.id : nil))
            if f.id.contains("spike") || f.id.contains("explosion") {
                let series = metrics.first { $0.name == f.metric } ?? metrics.first
                if let series, let ring = Self.worstPoint(in: series, range: range, finding: f) {
                    layers.append(.points(xs: [mapper.x(ring.step)], ys: [ring.value], shape: .circle, size: 11,
                                          color: Palette.alert, opacity: 0.35))
                }
            }
        }
        if !relevant.isEmpty {
            let color = relevant.allSatisfy { $0.severity == .info } ? Palette.mutedInk : Palette.alert
            legend.append(LegendEntry(label: "finding (step range)", swatch: .band(color, opacity: 0.10)))
        }
    }

    /// The point a spike ring goes on: the step named in the evidence (`*step*`) when there is one,
    /// else the largest finite value in the range.
    static func worstPoint(in series: Series, range: ClosedRange<Int>, finding: Finding) -> (step: Int, value: Double)? {
        let named = finding.evidence.compactMap { e -> Int? in
            guard e.name.contains("step"), !e.name.contains("best"), case let .integer(s) = e.value else { return nil }
            return range.contains(s) ? s : nil
        }
        if let step = named.first {
            let i = series.lowerBound(of: step)
            if i < series.count, series.steps[i] == step, series.values[i].isFinite { return (step, series.values[i]) }
        }
        var best: (step: Int, value: Double)?
        var i = series.lowerBound(of: range.lowerBound)
        while i < series.count && series.steps[i] <= range.upperBound {
            let v = series.values[i]
            if v.isFinite && v > (best?.value ?? -.infinity) { best = (series.steps[i], v) }
            i += 1
        }
        return best
    }
}
