import Diagnostics
import RunModel

/// Everything a report says about one run, in reading order, computed once and rendered by one
/// renderer per output (PDF, HTML, Markdown, JSON). Text from logs is kept as logged; each renderer
/// escapes it for its own format.
public struct ReportDocument: Sendable {
    public var run: Run
    public var verdict: Verdict
    /// One sentence saying why the verdict is what it is.
    public var verdictReason: String
    /// The story of a failed or degraded run and its most likely cause (`report.json` `root_cause`).
    public var rootCause: RootCause?
    /// The facts the report states in several places, computed once (final loss, warmup end, epochs...).
    public var facts: RunFacts
    /// Model, steps, epochs, runtime, tokens, best checkpoint: what a reader wants first.
    public var keyFacts: [ReportFact]
    /// One row per core metric: what it measures, the healthy range, this run, a status.
    public var health: [HealthRow]
    /// Sorted by severity (errors first), then id, then first step.
    public var findings: [Finding]
    /// Chart of each finding's region, by finding index, when one could be drawn.
    public var findingExcerpts: [Int: ReportChart]
    /// Loss first, then the other charts in the order they should be read.
    public var charts: [ReportChart]
    /// The Hugging Face "Training results" table: one row per evaluation.
    public var trainingResults: TrainingResultsTable
    /// Hyperparameters and other key/value facts from the files.
    public var hyperparameters: [ReportFact]
    /// The same facts as HF's auto-generated model card lists them, for the Markdown section.
    public var modelCard: ModelCardSection
    public var toolVersion: String
    /// The checkpoint to keep and the metric that chose it (`BestCheckpoint.choose`), when one can be chosen.
    public var bestCheckpoint: BestCheckpoint?
    /// Canonical names of logged series that no chart draws (beyond the panel cap): listed by name.
    public var unchartedSeries: [String]

    /// The report of `run` as `diagnosis` judged it. `findingExcerpts` are keyed by index into
    /// `diagnosis.findings`.
    public init(run: Run, diagnosis: Diagnosis, charts: [ReportChart] = [], findingExcerpts: [Int: ReportChart] = [:],
                unchartedSeries: [String] = [], toolVersion: String = TrainReportVersion.current) {
        self.init(run: run, verdict: diagnosis.verdict, verdictReason: diagnosis.verdictReason, health: diagnosis.health,
                  findings: diagnosis.findings, rootCause: diagnosis.rootCause, facts: diagnosis.facts, charts: charts,
                  findingExcerpts: findingExcerpts, unchartedSeries: unchartedSeries, toolVersion: toolVersion)
    }

    public init(run: Run, verdict: Verdict, verdictReason: String, health: [HealthRow], findings: [Finding],
                rootCause: RootCause? = nil, facts: RunFacts? = nil,
                charts: [ReportChart] = [], findingExcerpts: [Int: ReportChart] = [:],
                unchartedSeries: [String] = [], toolVersion: String = TrainReportVersion.current) {
        self.run = run
        self.unchartedSeries = unchartedSeries
        bestCheckpoint = BestCheckpoint.choose(for: run)
        self.verdict = verdict
        self.verdictReason = verdictReason
        self.rootCause = rootCause
        let facts = facts ?? RunFacts(run)
        self.facts = facts
        self.health = health
        let order = findings.indices.sorted { Diagnostician.order(findings[$0], findings[$1]) }
        self.findings = order.map { findings[$0] }
        var excerpts: [Int: ReportChart] = [:]
        for (newIndex, oldIndex) in order.enumerated() {
            if let chart = findingExcerpts[oldIndex] { excerpts[newIndex] = chart }
        }
        self.findingExcerpts = excerpts
        self.charts = charts
        self.toolVersion = toolVersion
        keyFacts = ReportFact.keyFacts(of: run, facts: facts)
        hyperparameters = ReportFact.hyperparameters(of: run)
        modelCard = ModelCardSection(run: run)
        trainingResults = TrainingResultsTable(run: run)
    }

    /// The chart for `role` (e.g. the loss chart on the summary page), when there is one.
    public func chart(kind: String) -> ReportChart? {
        charts.first { $0.kind == kind }
    }

    /// Findings at or above `severity`.
    public func findings(atLeast severity: Severity) -> [Finding] {
        findings.filter { $0.severity >= severity }
    }
}
