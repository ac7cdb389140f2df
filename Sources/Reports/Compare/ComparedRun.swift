import Diagnostics
import RunModel

/// One run's row in a comparison: what it is, how it ended, and what diagnostics said about it.
public struct ComparedRun: Sendable, Equatable {
    public var name: String
    public var format: String
    public var sources: [String]
    public var verdict: Verdict
    public var verdictReason: String
    /// Lowest finite eval loss and its step.
    public var bestEvalLoss: StepValue?
    /// The last eval loss logged (it may be non-finite).
    public var finalEvalLoss: StepValue?
    /// The last training loss logged (it may be non-finite).
    public var finalTrainLoss: StepValue?
    /// Eval metrics other than loss, in name order.
    public var evalMetrics: [ComparedMetric]
    public var errorCount: Int
    public var warningCount: Int
    public var infoCount: Int
    /// Ids of the findings, most severe first, each once.
    public var findingIDs: [String]
    /// The eval metric that chooses this run's best checkpoint when it is not the eval loss (a
    /// classifier's accuracy, a detector's AP, the run's own metric_for_best_model): `BestCheckpoint`.
    public var checkpointMetric: String?

    public init(name: String, format: String = "", sources: [String] = [], verdict: Verdict = .healthy, verdictReason: String = "",
                bestEvalLoss: StepValue? = nil, finalEvalLoss: StepValue? = nil, finalTrainLoss: StepValue? = nil,
                evalMetrics: [ComparedMetric] = [], errorCount: Int = 0, warningCount: Int = 0, infoCount: Int = 0,
                findingIDs: [String] = []) {
        self.name = name
        self.format = format
        self.sources = sources
        self.verdict = verdict
        self.verdictReason = verdictReason
        self.bestEvalLoss = bestEvalLoss
        self.finalEvalLoss = finalEvalLoss
        self.finalTrainLoss = finalTrainLoss
        self.evalMetrics = evalMetrics
        self.errorCount = errorCount
        self.warningCount = warningCount
        self.infoCount = infoCount
        self.findingIDs = findingIDs
    }

    public init(run: Run, diagnosis: Diagnosis) {
        let evalLoss = run.series(.evalLoss).map(ComparedMetric.init)
        var ids: [String] = []
        for finding in diagnosis.findings where !ids.contains(finding.id) { ids.append(finding.id) }
        let train = run.series(.trainLoss)
        self.init(name: run.name, format: run.format, sources: run.provenance.sources.map(\.path), verdict: diagnosis.verdict,
                  verdictReason: diagnosis.verdictReason, bestEvalLoss: evalLoss?.best, finalEvalLoss: evalLoss?.final,
                  finalTrainLoss: train.flatMap { s in s.values.last.map { StepValue($0, at: s.steps[s.count - 1]) } },
                  evalMetrics: run.evalMetrics.map(ComparedMetric.init),
                  errorCount: diagnosis.findings.filter { $0.severity == .error }.count,
                  warningCount: diagnosis.findings.filter { $0.severity == .warning }.count,
                  infoCount: diagnosis.findings.filter { $0.severity == .info }.count, findingIDs: ids)
        if let best = BestCheckpoint.choose(for: run), best.metric.hasPrefix("eval/"), best.metric != "eval/loss" {
            checkpointMetric = best.metric
        }
    }

    /// The run's eval metric `name` (`eval/loss` included), when it logged one.
    public func metric(named name: String) -> ComparedMetric? {
        if name == "eval/loss" {
            guard bestEvalLoss != nil || finalEvalLoss != nil else { return nil }
            return ComparedMetric(name: name, higherIsBetter: false, best: bestEvalLoss, final: finalEvalLoss)
        }
        return evalMetrics.first { $0.name == name }
    }

    /// `1 error, 2 warnings` or `none`.
    public var findingCountText: String {
        var parts: [String] = []
        for (n, word) in [(errorCount, "error"), (warningCount, "warning"), (infoCount, "info")] where n > 0 {
            parts.append("\(n) \(word)\(n == 1 || word == "info" ? "" : "s")")
        }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }
}
