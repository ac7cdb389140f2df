import Diagnostics
import RunModel

extension ChartFactory {
    /// The chart a finding belongs on, zoomed around its step range with the range marked; nil
    /// when the finding has no step range, the run lacks the data, or the zoom would show more
    /// than `maximumExcerptShare` of the run (the excerpt would repeat the whole chart: a report
    /// points to that chart instead, see `chartKind(for:run:)`).
    public static func excerpt(for finding: Finding, run: Run, options: ChartOptions = .init()) -> Chart? {
        guard let range = finding.steps, let kind = kind(for: finding, run: run) else { return nil }
        let window = zoomWindow(range, run: run)
        let first = run.series.compactMap(\.steps.first).min() ?? range.lowerBound
        let last = run.series.compactMap(\.steps.last).max() ?? range.upperBound
        // In Double: steps are untrusted 64-bit numbers, and their differences can overflow Int.
        guard last > first,
              Double(window.upperBound) - Double(window.lowerBound) <= maximumExcerptShare * (Double(last) - Double(first)) else {
            return nil
        }
        let mapper = XAxisMapper(run: run, mode: options.xAxis)
        let findings = [finding]
        let built: Chart?
        switch kind {
        case .loss: built = LossChart.make(run: run, findings: findings, options: options, mapper: mapper)
        case .perplexity: built = PerplexityChart.make(run: run, findings: findings, options: options, mapper: mapper)
        case .evalMetrics: built = EvalMetricsChart.make(run: run, findings: findings, mapper: mapper)
        case .learningRate: built = LearningRateChart.make(run: run, findings: findings, mapper: mapper)
        case .gradNorm: built = GradNormChart.make(run: run, findings: findings, options: options, mapper: mapper)
        case .throughput: built = ThroughputChart.make(run: run, findings: findings, mapper: mapper)
        case .gpuUtilization: built = GPUUtilizationChart.make(run: run, findings: findings, mapper: mapper)
        case .metricGroup:
            built = finding.metric.flatMap(run.series(named:)).map {
                MetricGroupChart.single($0, run: run, findings: findings, mapper: mapper)
            }
        }
        guard var chart = built else { return nil }
        if kind == .evalMetrics, let metric = finding.metric, metric.hasPrefix("eval/") {
            let name = String(metric.dropFirst("eval/".count))
            let matching = chart.panels.filter { $0.title?.hasPrefix(name + " ") ?? false }
            if !matching.isEmpty { chart.panels = matching }
        }
        for i in chart.panels.indices {
            chart.panels[i].x.lower = mapper.x(window.lowerBound)
            chart.panels[i].x.upper = mapper.x(window.upperBound)
            if chart.panels[i].x.lower == chart.panels[i].x.upper {
                chart.panels[i].x.lower = nil
                chart.panels[i].x.upper = nil
            }
        }
        let where_ = range.lowerBound == range.upperBound ? "step \(range.lowerBound)"
            : "steps \(range.lowerBound)-\(range.upperBound)"
        let base = chart.title
        chart.title = "\(base) around \(where_): \(finding.id)"
        chart.description = "Excerpt of the \(base.lowercased()) chart of run \(run.name) around \(where_), "
            + "where \(finding.id) was found: \(finding.title)."
        return chart
    }

    /// An excerpt must zoom in: its window covers at most this share of the run's steps.
    public static let maximumExcerptShare = 0.7

    /// The kind of chart a finding is marked on (nil when none draws it).
    public static func chartKind(for finding: Finding, run: Run) -> ChartKind? {
        kind(for: finding, run: run)
    }

    /// The chart kind a finding is drawn on: from its metric's role, else from its id.
    static func kind(for finding: Finding, run: Run) -> ChartKind? {
        if let metric = finding.metric {
            switch MetricCatalog.role(ofCanonical: metric) {
            case .trainLoss, .evalLoss, .testLoss: return .loss
            case .learningRate: return .learningRate
            case .gradNorm: return .gradNorm
            case .tokensPerSecond, .samplesPerSecond, .stepsPerSecond: return .throughput
            case .gpuUtilization: return .gpuUtilization
            case .evalMetric: return .evalMetrics
            case .testMetric, .reward, .other:
                if run.series(named: metric) != nil { return .metricGroup }
            case .epoch, .tokensSeen: break
            }
        }
        return FindingMarks.kindsById[finding.id]?.first
    }

    /// The finding's range widened by its own length (at least 5% of the run) on each side,
    /// kept inside the run's steps. Saturating arithmetic: steps are untrusted 64-bit numbers (a run
    /// built outside `RunBuilder` can hold any), and a trap here once killed whole audits.
    static func zoomWindow(_ range: ClosedRange<Int>, run: Run) -> ClosedRange<Int> {
        let first = run.series.compactMap(\.steps.first).min() ?? range.lowerBound
        let last = run.series.compactMap(\.steps.last).max() ?? range.upperBound
        let pad = max(minus(range.upperBound, range.lowerBound), minus(last, first) / 20, 1)
        let lo = max(first, minus(range.lowerBound, pad))
        let hi = min(last, plus(range.upperBound, pad))
        return lo <= hi ? lo...hi : range
    }

    /// `a - b` and `a + b` clamped to `Int.min...Int.max` instead of trapping on overflow.
    private static func minus(_ a: Int, _ b: Int) -> Int {
        let (v, overflow) = a.subtractingReportingOverflow(b)
        return overflow ? (b < 0 ? .max : .min) : v
    }

    private static func plus(_ a: Int, _ b: Int) -> Int {
        let (v, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? .max : .min) : v
    }
}
