import Charts
import Diagnostics

/// What `compare.mustache` sees: plain strings (escaped by Mustache's `{{ }}`), cleaned of control
/// characters so the page stays well-formed XML, and charts as base64 SVG data URIs.
struct CompareHTMLView {
    /// A value and the step it was logged at (nil step: not logged, the value is a dash).
    struct Measure {
        let value: String
        let step: String?

        init(_ value: StepValue?) {
            self.value = value.map { ReportNumber.format($0.value) } ?? "—"
            step = value.map { ReportNumber.integer($0.step) }
        }
    }
    struct RunRow {
        let name, color, verdict, verdictLabel: String
        let bestEvalLoss, finalEvalLoss, finalTrainLoss, metricValue: Measure
        let findings, findingIDs: String
        let hasFindingIDs, isWinner: Bool
    }
    struct Cell { let text, run: String; let missing: Bool }
    struct DiffRow { let key: String; let cells: [Cell] }
    struct RunName { let name, color: String }
    struct Source { let run, color: String; let paths: [String] }
    struct Failure { let path, message: String }

    let title, toolVersion, winnerSentence, winnerClass: String
    let xAxisNote: String?
    let runNames: [RunName]
    let runs: [RunRow]
    let hasMetricColumn: Bool
    let metricColumn: String
    let differing: [DiffRow]
    let hasDiffering: Bool
    let shared: [HTMLView.Fact]
    let sharedCount: Int
    let hasShared: Bool
    let charts: [HTMLView.Figure]
    let sources: [Source]
    let unreadable: [Failure]
    let hasUnreadable: Bool
    let exploreScript: String?

    init(_ comparison: Comparison) throws {
        let clean = { (text: String) in DisplayText.clean(text) }
        let winner = comparison.winner
        let names = comparison.runs.map { clean($0.name) }
        let colors = comparison.runs.indices.map { Palette.series($0).hexString }
        title = clean(comparison.title)
        toolVersion = clean(comparison.toolVersion)
        winnerSentence = clean(winner.sentence)
        winnerClass = winner.winner == nil ? "none" : (winner.caveat == nil ? "decided" : "caveat")
        xAxisNote = comparison.xAxisNote.map(clean)
        runNames = zip(names, colors).map { RunName(name: $0, color: $1) }
        let metric = winner.basis == .evalMetric ? winner.metric : nil
        hasMetricColumn = metric != nil
        metricColumn = metric.map { "Best " + ($0.hasPrefix("eval/") ? String($0.dropFirst(5)) : $0) } ?? ""
        runs = comparison.runs.enumerated().map { index, run in
            RunRow(name: names[index], color: colors[index], verdict: run.verdict.rawValue, verdictLabel: run.verdict.label,
                   bestEvalLoss: Measure(run.bestEvalLoss), finalEvalLoss: Measure(run.finalEvalLoss),
                   finalTrainLoss: Measure(run.finalTrainLoss), metricValue: Measure(metric.flatMap { run.metric(named: $0)?.best }),
                   findings: run.findingCountText, findingIDs: clean(run.findingIDs.joined(separator: ", ")),
                   hasFindingIDs: !run.findingIDs.isEmpty, isWinner: winner.winner == index)
        }
        differing = comparison.hyperparameters.differing.map { row in
            DiffRow(key: clean(row.key), cells: zip(row.values, names).map { Cell(text: $0.map(clean) ?? "not stated", run: $1, missing: $0 == nil) })
        }
        hasDiffering = !differing.isEmpty
        shared = comparison.hyperparameters.shared.map { HTMLView.Fact(label: clean($0.label), value: clean($0.value)) }
        sharedCount = shared.count
        hasShared = !shared.isEmpty
        charts = try comparison.charts.enumerated().map { i, chart in
            try HTMLView.figure(chart, size: HTMLView.chartSize, id: "chart-\(i + 1)", explorable: true)
        }
        exploreScript = HTMLView.exploreScript(for: charts)
        sources = comparison.runs.enumerated().map { Source(run: names[$0], color: colors[$0], paths: $1.sources.map(clean)) }
        unreadable = comparison.unreadable.map { Failure(path: clean($0.path), message: clean($0.message)) }
        hasUnreadable = !unreadable.isEmpty
    }
}
