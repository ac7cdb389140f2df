import RunModel

/// `no-training-curve`: the files describe a run but hold fewer than `min_points` finite training-loss
/// points, so nothing about how it trained can be judged. The usual cause in HF runs is
/// `logging_steps` larger than the run itself (the Trainer then logs only its final summary).
///
/// Thresholds: `min_points` (2).
struct NoTrainingCurveRule: Rule {
    let id = "no-training-curve"
    let summary = "No per-step training loss was logged, so the run cannot be judged from its curves."

    static let minPoints = Threshold("min_points", 2, "finite training-loss points below which there is no curve")
    var thresholds: [Threshold] { [Self.minPoints] }

    func check(_ run: Run, context: RuleContext) -> [Finding] {
        let points = run.series(.trainLoss).map { FinitePoints($0).count } ?? 0
        guard points < context.count(Self.minPoints) else { return [] }
        let meta = run.metadata
        let planned = meta.maxSteps ?? meta.globalStep
        var cause = "The files hold \(points) finite training-loss point\(points == 1 ? "" : "s")"
        var evidence = [Evidence("train_loss_points", .integer(points))]
        if let logging = meta.loggingSteps, let planned, logging > planned {
            cause += ": logging_steps is \(logging), more than the run's \(planned) steps, so the Trainer never logged a training loss"
            evidence.append(Evidence("logging_steps", .integer(logging)))
            evidence.append(Evidence("max_steps", .integer(planned)))
        }
        if let mean = meta.meanTrainLoss {
            cause += "; only the final mean training loss \(Format.number(mean)) is known"
            evidence.append(Evidence("mean_train_loss", .number(mean)))
        }
        let noEval = !run.hasHeldOutEvaluation
        let suggested = planned.map { max(1, $0 / 100) } ?? 10
        return [Finding(
            id: id, severity: .warning,
            title: noEval ? "Nothing to judge the run by: no training curve and no evaluation" : "No training-loss curve was logged",
            message: cause + (noEval ? ", and no evaluation metric was logged either." : "."),
            steps: nil, metric: nil, evidence: evidence,
            why: "A verdict needs evidence: without a logged loss curve neither divergence, spikes, plateaus nor overfitting can be seen, so a clean report here would mean nothing.",
            fixes: [
                "Set logging_steps to about 1% of the run (e.g. logging_steps=\(suggested), or the ratio logging_steps=0.01) so the Trainer logs the loss as it trains.",
                "Log an evaluation too: eval_strategy=\"steps\" with eval_steps and an eval_dataset.",
            ])]
    }
}
