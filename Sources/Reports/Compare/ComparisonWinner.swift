import Foundation

/// The answer to "which run is best, and by how much", with the numbers behind it.
///
/// The basis, in order of preference:
/// 0. the metric that chooses every run's best checkpoint when it is the same eval metric for all
///    (a classifier's accuracy, a detector's AP, the runs' own metric_for_best_model: `BestCheckpoint`);
/// 1. best eval loss, when every run logged one (lower is better);
/// 2. else the first eval metric (by name) every run logged whose direction its name tells
///    (`accuracy` up, `wer` down...);
/// 3. else the final training loss, with the caveat that training loss is no evidence of
///    generalisation. When runs logged eval metrics that cannot rank them (none shared, or no
///    known direction), they are marked not comparable on held-out data.
///
/// Values within `tieTolerance` (relative) of the best count as a tie: no winner is named.
public struct ComparisonWinner: Sendable, Equatable {
    public enum Basis: String, Sendable {
        case evalLoss = "best_eval_loss"
        case evalMetric = "best_eval_metric"
        case trainLoss = "final_train_loss"
        /// Nothing every run logged can rank them.
        case none
    }

    /// A run's place in the ranking: its index in the comparison and the value that placed it.
    public struct Entry: Sendable, Equatable {
        public var run: Int
        public var value: StepValue

        public init(run: Int, value: StepValue) {
            self.run = run
            self.value = value
        }
    }

    public var basis: Basis
    /// Canonical name of the metric ranked on (`eval/loss`, `eval/accuracy`, `train/loss`).
    public var metric: String?
    public var higherIsBetter: Bool
    /// False when the runs log evaluation metrics but cannot be ranked on them (none shared, or the
    /// shared ones have no known direction).
    public var comparable: Bool
    /// Runs with a finite value, best first (a run whose value is non-finite is left out).
    public var ranking: [Entry]
    /// Index of the best run; nil on a tie or when nothing ranks the runs.
    public var winner: Int?
    /// Indexes of the runs tied for first (empty unless there is a tie).
    public var tied: [Int]
    /// The best run's lead over the next: absolute, and relative to the next run's value.
    public var margin: Double?
    public var relativeMargin: Double?
    /// Why this answer should be read with care (training loss as the basis, incomparable metrics).
    public var caveat: String?
    /// The one-line answer, caveat included.
    public var sentence: String

    /// Relative difference under which two values tie (0.1%).
    public static let tieTolerance = 0.001

    /// Decides among `runs` (at least two). A winner judged failed by diagnostics gets a note.
    public static func decide(_ runs: [ComparedRun]) -> ComparisonWinner {
        var result = rank(runs)
        if let winner = result.winner, runs[winner].verdict == .failed {
            result.sentence += " Note: \(runs[winner].name) was judged failed; read its findings before using it."
        }
        return result
    }

    static func rank(_ runs: [ComparedRun]) -> ComparisonWinner {
        let names = runs.map(\.name)
        if let chosen = runs.first?.checkpointMetric, runs.allSatisfy({ $0.checkpointMetric == chosen }),
           let metric = runs.first?.metric(named: chosen), let higher = metric.higherIsBetter,
           runs.allSatisfy({ $0.metric(named: chosen)?.best != nil }) {
            let values = runs.map { $0.metric(named: chosen)?.best }
            return ranked(values, names: names, basis: .evalMetric, metric: chosen, label: "best eval \(metric.shortName)",
                          higherIsBetter: higher, comparable: true,
                          caveat: nil)
        }
        if runs.allSatisfy({ $0.bestEvalLoss != nil }) {
            let values = runs.map { $0.bestEvalLoss }
            return ranked(values, names: names, basis: .evalLoss, metric: "eval/loss", label: "best eval loss",
                          higherIsBetter: false, comparable: true, caveat: nil)
        }
        if let shared = sharedDirectedMetric(runs), let higher = shared.higherIsBetter {
            let values = runs.map { $0.metric(named: shared.name)?.best }
            let missing = runs.filter { $0.bestEvalLoss == nil }.map(\.name)
            let caveat = "\(list(missing)) logged no eval loss, so the runs are ranked by eval \(shared.shortName)"
            return ranked(values, names: names, basis: .evalMetric, metric: shared.name, label: "best eval \(shared.shortName)",
                          higherIsBetter: higher, comparable: true, caveat: caveat)
        }
        let logged = runs.map { run in
            (run.bestEvalLoss == nil ? [] : ["loss"]) + run.evalMetrics.filter { $0.best != nil }.map(\.shortName)
        }
        let undirected = logged.dropFirst().reduce(Set(logged.first ?? [])) { $0.intersection($1) }.sorted()
        let comparable = logged.allSatisfy(\.isEmpty)
        let without = zip(names, logged).filter { $0.1.isEmpty }.map(\.0)
        var caveat = "training loss is not evidence of generalisation"
        if !undirected.isEmpty {
            caveat = "the eval metrics every run logged (\(undirected.joined(separator: ", "))) do not say whether higher or lower is better; " + caveat
        } else if !comparable, !without.isEmpty {
            caveat = "not comparable on held-out data: \(list(without)) logged no eval metric; " + caveat
        } else if !comparable {
            let what = zip(names, logged).map { "\($0): \($1.isEmpty ? "none" : $1.joined(separator: ", "))" }
            caveat = "not comparable on held-out data: the runs share no eval metric (\(what.joined(separator: "; "))); " + caveat
        } else {
            caveat = "no run logged an eval metric; " + caveat
        }
        guard runs.allSatisfy({ $0.finalTrainLoss != nil }) else {
            let missing = runs.filter { $0.finalTrainLoss == nil }.map(\.name)
            return ComparisonWinner(
                basis: .none, metric: nil, higherIsBetter: false, comparable: false, ranking: [], winner: nil, tied: [],
                margin: nil, relativeMargin: nil, caveat: caveat,
                sentence: "The runs cannot be ranked: no eval metric ranks them and \(list(missing)) logged no training loss.")
        }
        return ranked(runs.map(\.finalTrainLoss), names: names, basis: .trainLoss, metric: "train/loss",
                      label: "final training loss", higherIsBetter: false, comparable: comparable, caveat: caveat)
    }

    /// The first eval metric (by name) that every run logged with a finite best and that has a known direction.
    static func sharedDirectedMetric(_ runs: [ComparedRun]) -> ComparedMetric? {
        guard let first = runs.first else { return nil }
        return first.evalMetrics.sorted { $0.name < $1.name }.first { metric in
            metric.higherIsBetter != nil && runs.allSatisfy { $0.metric(named: metric.name)?.best != nil }
        }
    }

    static func ranked(_ values: [StepValue?], names: [String], basis: Basis, metric: String, label: String,
                       higherIsBetter: Bool, comparable: Bool, caveat: String?) -> ComparisonWinner {
        let finite = values.enumerated().compactMap { i, v in v.flatMap { $0.value.isFinite ? Entry(run: i, value: $0) : nil } }
        let ranking = finite.sorted { a, b in
            if a.value.value != b.value.value { return higherIsBetter ? a.value.value > b.value.value : a.value.value < b.value.value }
            return a.run < b.run
        }
        let dropped = values.indices.filter { i in !ranking.contains { $0.run == i } }.map { names[$0] }
        var result = ComparisonWinner(basis: basis, metric: metric, higherIsBetter: higherIsBetter, comparable: comparable,
                                      ranking: ranking, winner: nil, tied: [], margin: nil, relativeMargin: nil, caveat: caveat,
                                      sentence: "")
        let tail = (dropped.isEmpty ? "" : " \(list(dropped)) ended non-finite and \(dropped.count == 1 ? "is" : "are") ranked last.")
            + (caveat.map { " Caveat: \($0)." } ?? "")
        guard let best = ranking.first else {
            result.basis = .none
            result.sentence = "The runs cannot be ranked: no run has a finite \(label)." + tail
            return result
        }
        guard ranking.count >= 2 else {
            result.winner = best.run
            result.sentence = "\(names[best.run]) is best by \(label) (\(best.value.text)): the only run with a finite value." + tail
            return result
        }
        let tied = ranking.filter { abs($0.value.value - best.value.value) <= tieTolerance * max(abs(best.value.value), abs($0.value.value)) }
        if tied.count >= 2 {
            result.tied = tied.map(\.run)
            let values = tied.map { "\(names[$0.run]) \($0.value.text)" }.joined(separator: ", ")
            result.sentence = "\(list(tied.map { names[$0.run] })) tie for best by \(label), within 0.1% (\(values))." + tail
            return result
        }
        let next = ranking[1]
        let margin = abs(best.value.value - next.value.value)
        result.winner = best.run
        result.margin = margin
        result.relativeMargin = next.value.value == 0 ? nil : margin / abs(next.value.value)
        let percent = result.relativeMargin.map { String(format: " (%.1f%%)", $0 * 100) } ?? ""
        result.sentence = "\(names[best.run]) is best by \(label): \(best.value.text), \(ReportNumber.format(margin))\(percent) "
            + "\(higherIsBetter ? "higher" : "lower") than \(names[next.run]) (\(next.value.text))." + tail
        return result
    }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ names: [String]) -> String {
        guard names.count > 1, let last = names.last else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " and " + last
    }
}
