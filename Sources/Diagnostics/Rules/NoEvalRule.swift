import RunModel

/// `no-eval`: the run logs no evaluation metric at all (no eval loss, no eval accuracy...). Training
/// loss alone says how well the model fits its training batches, not whether it generalises.
/// A warning whenever the run logs anything but evaluation. No thresholds.
struct NoEvalRule: Rule {
    let id = "no-eval"
    let summary = "No eval metric at all: training loss alone is not evidence of a good model."
    var thresholds: [Threshold] { [] }

    func check(_ run: Run, context: RuleContext) -> [Finding] {
        guard run.series(.evalLoss) == nil, run.evalMetrics.isEmpty,
              run.series.contains(where: { !$0.isEmpty }) else { return [] }
        let logged = run.series.filter { !$0.isEmpty }.prefix(6).map(\.name).joined(separator: ", ")
        let steps = RunExtent.firstStep(run).flatMap { a in RunExtent.lastStep(run).map { a...max(a, $0) } }
        return [Finding(
            id: id, severity: .warning, title: "No evaluation metric was logged",
            message: "The logs hold no eval loss or eval metric; logged: \(logged)\(run.series.count > 6 ? ", ..." : "").",
            steps: steps, metric: nil, evidence: [Evidence("series", .integer(run.series.count))],
            why: "Without held-out evaluation there is no way to tell a model that learned the task from one that memorised its training set, nor which checkpoint is best.",
            fixes: [
                "Pass an eval_dataset and set eval_strategy=\"steps\" with eval_steps (e.g. the same as save_steps).",
                "Then load_best_model_at_end=True with metric_for_best_model=\"eval_loss\" keeps the best checkpoint.",
            ])]
    }
}
