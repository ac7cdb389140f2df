/// One row of the health table every report leads with.
public struct HealthRow: Sendable, Equatable {
    /// Human name of the metric, e.g. "Training loss".
    public var metric: String
    /// Canonical series name the row was computed from (e.g. `train/loss`), nil when not logged.
    public var series: String?
    /// What the metric measures, one line.
    public var measures: String
    /// What a healthy run shows, e.g. "steadily decreasing, then plateauing".
    public var healthyRange: String
    /// This run's figures in short text, e.g. "2.31 -> 1.12 (min 1.08 @ 1800)".
    public var observed: String
    public var status: HealthStatus

    public init(metric: String, series: String?, measures: String, healthyRange: String, observed: String,
                status: HealthStatus) {
        self.metric = metric
        self.series = series
        self.measures = measures
        self.healthyRange = healthyRange
        self.observed = observed
        self.status = status
    }
}
