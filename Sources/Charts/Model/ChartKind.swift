/// The kinds of chart a run can have; the raw value is a stable id for file names and JSON.
public enum ChartKind: String, Sendable, CaseIterable {
    case loss
    case learningRate
    case gradNorm
    case throughput
    case evalMetrics
    case perplexity
    case gpuUtilization
    /// Small multiples of the series no other chart draws, one chart per name prefix (`rewards/`...).
    case metricGroup
}
