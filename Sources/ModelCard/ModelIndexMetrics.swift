import Foundation
import Reports
import RunModel

extension ModelIndexUpdate.Metric {
    /// The metrics of the run's best evaluation, all from that one evaluation so that together they
    /// describe one checkpoint: the step the run names as best (`best_global_step`, or the
    /// `checkpoint-N` of `best_model_checkpoint`), else the step of the lowest eval loss, else the
    /// last evaluation. Named as the Trainer's "Training results" columns, prefixed "Validation".
    public static func bestEvaluation(of run: Run) -> (step: Int, metrics: [ModelIndexUpdate.Metric])? {
        let evalLoss = run.series(.evalLoss)
        let series = (evalLoss.map { [$0] } ?? []) + run.evalMetrics
        guard !series.isEmpty else { return nil }
        let named = run.metadata.bestGlobalStep ?? run.metadata.bestModelCheckpoint.flatMap { path in
            path.firstMatch(of: /checkpoint-(\d+)\/?$/).flatMap { Int($0.1) }
        }
        let evaluated = Set(series.flatMap(\.steps))
        let step: Int
        if let named, evaluated.contains(named) {
            step = named
        } else if let loss = evalLoss?.summary, let best = loss.minStep {
            step = best
        } else if let last = evaluated.max() {
            step = last
        } else {
            return nil
        }
        let metrics = series.compactMap { s -> ModelIndexUpdate.Metric? in
            let i = s.lowerBound(of: step)
            guard i < s.count, s.steps[i] == step, s.values[i].isFinite else { return nil }
            let short = s.name.hasPrefix("eval/") ? String(s.name.dropFirst(5)) : s.name
            return ModelIndexUpdate.Metric(type: short.lowercased().replacingOccurrences(of: "/", with: "_"),
                                           name: "Validation " + TrainingResultsTable.columnName(s.name), value: s.values[i])
        }
        return metrics.isEmpty ? nil : (step, metrics)
    }
}
