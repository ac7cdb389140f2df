import Charts
import Diagnostics
import Ingest
import RunModel

/// Everything a comparison of runs says, computed once and rendered by one renderer per output
/// (PDF, HTML, JSON): the runs' outcomes, the settings that differ, overlay charts and the winner.
public struct Comparison: Sendable {
    /// One row per run, in the order given.
    public var runs: [ComparedRun]
    public var hyperparameters: HyperparameterComparison
    public var winner: ComparisonWinner
    /// Canonical names of the series every run logged, sorted.
    public var sharedMetrics: [String]
    /// Overlay charts, loss first.
    public var charts: [ReportChart]
    /// The x axis asked for, and the one the charts use (steps when a run lacks what it needs).
    public var requestedXAxis: ChartOptions.XAxis
    public var xAxis: ChartOptions.XAxis
    /// Why the charts are not by the x axis asked for (which runs lack it), else nil.
    public var xAxisNote: String?
    /// Inputs that could not be read (the others are still compared).
    public var unreadable: [PathFailure]
    public var toolVersion: String

    /// `a vs b vs c`, or `5 runs compared` when the names are too long for a title (as logged:
    /// each renderer cleans and escapes it).
    public var title: String {
        let joined = runs.map(\.name).joined(separator: " vs ")
        return joined.count <= 160 ? joined : "\(runs.count) runs compared"
    }

    /// Compares `runs` as their diagnoses judged them (same order, at least two runs).
    public init(runs: [Run], diagnoses: [Diagnosis], charts: [ReportChart] = [], xAxis requested: ChartOptions.XAxis = .step,
                unreadable: [PathFailure] = [], toolVersion: String = TrainReportVersion.current) {
        precondition(runs.count == diagnoses.count, "one diagnosis per run")
        let compared = zip(runs, diagnoses).map { ComparedRun(run: $0, diagnosis: $1) }
        self.runs = compared
        hyperparameters = HyperparameterComparison(runs: runs)
        winner = ComparisonWinner.decide(compared)
        var shared = Set(runs.first?.series.filter { !$0.isEmpty }.map(\.name) ?? [])
        for run in runs.dropFirst() { shared.formIntersection(run.series.filter { !$0.isEmpty }.map(\.name)) }
        sharedMetrics = shared.sorted()
        self.charts = charts
        requestedXAxis = requested
        xAxis = requested.shared(by: runs)
        let lacking = runs.filter { !requested.isAvailable(for: $0) }.map(\.name)
        xAxisNote = lacking.isEmpty ? nil
            : "Charts are by step, not \(requested.label): \(ComparisonWinner.list(lacking)) \(lacking.count == 1 ? "does" : "do") not log \(requested.needs)."
        self.unreadable = unreadable
        self.toolVersion = toolVersion
    }

}

extension ChartOptions.XAxis {
    /// How the axis reads in prose and in `--x`: `step`, `epoch`, `tokens`, `time`.
    public var label: String {
        switch self {
        case .step: return "step"
        case .epoch: return "epoch"
        case .tokens: return "tokens"
        case .wallTime: return "time"
        }
    }

    /// What a run must log for this axis.
    var needs: String {
        switch self {
        case .step: return "steps"
        case .epoch: return "epochs"
        case .tokens: return "tokens seen (or throughput with wall times)"
        case .wallTime: return "wall times"
        }
    }
}
