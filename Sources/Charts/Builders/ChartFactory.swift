import Diagnostics
import RunModel

/// Builds the charts of a run (only the kinds its data allows), comparisons of several runs, and
/// zoomed excerpts for single findings.
public enum ChartFactory {
    /// The charts `run`'s data allows, in reading order: loss, perplexity, eval metrics, learning
    /// rate, gradient norm, throughput, GPU utilisation, then every other logged series in panels
    /// grouped by name prefix (`MetricGroupChart`).
    public static func charts(for run: Run, findings: [Finding], options: ChartOptions = .init()) -> [Chart] {
        let mapper = XAxisMapper(run: run, mode: options.xAxis)
        return [
            LossChart.make(run: run, findings: findings, options: options, mapper: mapper),
            PerplexityChart.make(run: run, findings: findings, options: options, mapper: mapper),
            EvalMetricsChart.make(run: run, findings: findings, mapper: mapper),
            LearningRateChart.make(run: run, findings: findings, mapper: mapper),
            GradNormChart.make(run: run, findings: findings, options: options, mapper: mapper),
            ThroughputChart.make(run: run, findings: findings, mapper: mapper),
            GPUUtilizationChart.make(run: run, findings: findings, mapper: mapper),
        ].compactMap { $0 } + MetricGroupChart.make(run: run, findings: findings, mapper: mapper)
    }
}
