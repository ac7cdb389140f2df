/// One row of the health table: a core metric, what it measures, its healthy range, this run's figures.
public struct ReportHealthRow: Sendable, Equatable {
    public var metric: String
    public var measures: String
    public var healthyRange: String
    public var observed: String
    public var status: ReportHealthStatus

    public init(metric: String, measures: String, healthyRange: String, observed: String, status: ReportHealthStatus) {
        self.metric = metric
        self.measures = measures
        self.healthyRange = healthyRange
        self.observed = observed
        self.status = status
    }
}
