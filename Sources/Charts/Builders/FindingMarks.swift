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
    ///   - metrics: the series the chart draws (their names select findings; spike rings sit on them).
    ///   - skip: ids drawn in their own way by the chart (e.g. `overfitting` on the loss chart).
    ///
    /// A finding whose range covers more than half of the series (`lr-schedule`, `no-eval`) is about
    /// the whole run, not a place in it, and gets no band.
    init(findings: [Finding], kind: ChartKind, metrics: [Series], mapper: XAxisMapper, skip: Set<String> = []) {
        let names = Set(metrics.map(\.name))
        let first = metrics.compactMap(\.steps.first).min() ?? 0
        let last = metrics.compactMap(\.steps.last).max() ?? 0
        let relevant = findings.filter { f in
            guard let range = f.steps, !skip.contains(f.id) else { return false }
            if last > first, Double(range.upperBound) - Double(range.lowerBound) > 0.5 * (Double(last) - Double(first)) { return false }
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
                if let series {
                    let rings = Self.spikePoints(in: series, range: range, finding: f)
                    if !rings.isEmpty {
                        layers.append(.points(xs: rings.map { mapper.x($0.step) }, ys: rings.map(\.value), shape: .circle,
                                              size: 11, color: Palette.alert, opacity: 0.35))
                    }
                }
            }
        }
        if !relevant.isEmpty {
            let color = relevant.allSatisfy { $0.severity == .info } ? Palette.mutedInk : Palette.alert
            legend.append(LegendEntry(label: "finding (step range)", swatch: .band(color, opacity: 0.10)))
        }
    }

    /// The points spike rings go on: the steps the evidence names (`largest_step`, a `spike_steps`
    /// list), else the largest finite value in the range.
    static func spikePoints(in series: Series, range: ClosedRange<Int>, finding: Finding) -> [(step: Int, value: Double)] {
        var named: [Int] = []
        for e in finding.evidence where e.name.contains("step") && !e.name.contains("best") {
            switch e.value {
            case let .integer(s): named.append(s)
            case let .text(t): named += t.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            case .number: break
            }
        }
        var points: [(step: Int, value: Double)] = []
        for step in Set(named).sorted() where range.contains(step) {
            let i = series.lowerBound(of: step)
            if i < series.count, series.steps[i] == step, series.values[i].isFinite { points.append((step, series.values[i])) }
        }
        if !points.isEmpty { return points }
        var best: (step: Int, value: Double)?
        var i = series.lowerBound(of: range.lowerBound)
        while i < series.count && series.steps[i] <= range.upperBound {
            let v = series.values[i]
            if v.isFinite && v > (best?.value ?? -.infinity) { best = (series.steps[i], v) }
            i += 1
        }
        return best.map { [$0] } ?? []
    }
}
