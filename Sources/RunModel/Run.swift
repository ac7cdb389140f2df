/// A training run as all later stages see it, whatever format it came from.
public struct Run: Sendable, Equatable {
    public var name: String
    /// Format id of the primary source (`hf-trainer-state`, `tensorboard-csv`, `jsonl`...).
    public var format: String
    public var provenance: Provenance
    public var metadata: RunMetadata
    /// Series sorted by canonical name; each holds the run as it finally went.
    public var series: [Series]
    /// Points superseded by restarts, per series (same names), for drawing faintly.
    public var abandoned: [Series]

    public init(name: String, format: String, provenance: Provenance = Provenance(), metadata: RunMetadata = RunMetadata(),
                series: [Series] = [], abandoned: [Series] = []) {
        self.name = name
        self.format = format
        self.provenance = provenance
        self.metadata = metadata
        self.series = series.sorted { $0.name < $1.name }
        self.abandoned = abandoned.sorted { $0.name < $1.name }
    }

    /// Number of contiguous segments: 1 plus the number of restarts.
    public var segments: Int { 1 + provenance.restarts.count }

    /// The non-empty series playing `role`; when several do (e.g. two loss keys), the one with most points.
    public func series(_ role: MetricRole) -> Series? {
        series.filter { $0.role == role && !$0.isEmpty }.max { $0.count < $1.count }
    }

    public func series(named name: String) -> Series? {
        series.first { $0.name == name }
    }

    /// Eval metrics other than loss, in name order.
    public var evalMetrics: [Series] {
        series.filter { if case .evalMetric = $0.role { return !$0.isEmpty } else { return false } }
    }

    /// Test-split metrics other than loss, in name order.
    public var testMetrics: [Series] {
        series.filter { if case .testMetric = $0.role { return !$0.isEmpty } else { return false } }
    }

    /// True when anything was measured on held-out data: eval or test loss, eval or test metrics.
    public var hasHeldOutEvaluation: Bool {
        series(.evalLoss) != nil || series(.testLoss) != nil || !evalMetrics.isEmpty || !testMetrics.isEmpty
    }

    public var warnings: [IngestIssue] { provenance.issues }
}
