import Diagnostics
import Foundation
import Reports
import RunModel

extension AuditRow {
    /// The index row of a run that was reported.
    init(run: Run, outcome: ReportOutcome, displayPath: String, date: String) {
        let loss = run.series(.trainLoss)
        let eval = run.series(.evalLoss)?.summary
        let lastStep = run.series.compactMap(\.steps.last).max()
        let problems = outcome.findings.filter { $0.severity >= .warning }
        self.init(
            name: run.name, path: displayPath, date: date, format: run.format,
            steps: run.metadata.globalStep ?? lastStep, finalTrainLoss: loss?.values.last,
            bestEvalLoss: eval?.min, bestEvalStep: eval?.minStep,
            verdict: outcome.verdict.rawValue, verdictReason: outcome.verdictReason,
            errors: outcome.findings.filter { $0.severity == .error }.count,
            warnings: outcome.findings.filter { $0.severity == .warning }.count,
            infos: outcome.findings.filter { $0.severity == .info }.count,
            findingIds: problems.map(\.id), started: AuditRow.started(of: run),
            summary: AuditRow.summary(titles: problems.map(\.title)),
            infoIds: outcome.findings.filter { $0.severity == .info }.map(\.id))
    }

    /// The first two titles in full, the rest counted: "A; also: b" or "A; also: b, and 2 more".
    /// Findings come most severe first, so the first title is what matters most.
    static func summary(titles: [String]) -> String {
        guard let first = titles.first else { return "" }
        var text = first
        if titles.count > 1 {
            text += "; also: " + lowercasedFirst(titles[1])
            if titles.count > 2 { text += ", and \(titles.count - 2) more" }
        }
        return text
    }

    private static func lowercasedFirst(_ title: String) -> String {
        // Keep names and acronyms as written ("GPU", "eval/loss"): lower only a capitalised word.
        guard let first = title.first, first.isUppercase,
              title.dropFirst().first.map({ !$0.isUppercase }) ?? true else { return title }
        return first.lowercased() + title.dropFirst()
    }

    /// Clock times before 2000 or after 2100 are not wall times (wandb's `_runtime` counts seconds
    /// from the start; a counter logged as `time` is not a date either).
    static let plausibleWallTimes = 946_684_800.0...4_102_444_800.0

    /// The run's first logged wall time as ISO 8601 (UTC), nil when no series carries a clock time.
    static func started(of run: Run) -> String? {
        let first = run.series.compactMap { $0.wallTimes.filter(AuditRow.plausibleWallTimes.contains).min() }.min()
        guard let first else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: first.rounded(.down)))
    }
}
