import Diagnostics
import Reports
import RunModel

extension AuditRow {
    /// The index row of a run that was reported.
    init(run: Run, outcome: ReportOutcome, displayPath: String, date: String) {
        let loss = run.series(.trainLoss)
        let eval = run.series(.evalLoss)?.summary
        let lastStep = run.series.compactMap(\.steps.last).max()
        self.init(
            name: run.name, path: displayPath, date: date, format: run.format,
            steps: run.metadata.globalStep ?? lastStep, finalTrainLoss: loss?.values.last,
            bestEvalLoss: eval?.min, bestEvalStep: eval?.minStep,
            verdict: outcome.verdict.rawValue, verdictReason: outcome.verdictReason,
            errors: outcome.findings.filter { $0.severity == .error }.count,
            warnings: outcome.findings.filter { $0.severity == .warning }.count,
            infos: outcome.findings.filter { $0.severity == .info }.count,
            findingIds: outcome.findings.filter { $0.severity >= .warning }.map(\.id))
    }
}
