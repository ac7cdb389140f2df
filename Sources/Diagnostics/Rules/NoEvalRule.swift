import RunModel

/// `no-eval`: the run logs no evaluation metric at all (no eval or test loss, no eval accuracy...).
/// Training loss alone says how well the model fits its training batches, not whether it generalises.
/// A warning whenever the run logs anything but evaluation; `info` for an RL run that logs its reward,
/// since there the reward on fresh rollouts is the held-out signal (held-out prompts are still better).
/// A test split (`test_loss`, `test/acc`) counts as evaluation. No thresholds.
struct NoEvalRule: Rule {
    let id = "no-eval"
    let summary = "No eval metric at all: training loss alone is not evidence of a good model (info for RL runs that log a reward)."
    var thresholds: [Threshold] { [] }

    func check(_ run: Run, context: RuleContext) -> [Finding] {
        guard !run.hasHeldOutEvaluation, run.series.contains(where: { !$0.isEmpty }) else { return [] }
        let logged = run.series.filter { !$0.isEmpty }.prefix(6).map(\.name).joined(separator: ", ")
        let steps = RunExtent.firstStep(run).flatMap { a in RunExtent.lastStep(run).map { a...max(a, $0) } }
        if run.kind == .rl, let reward = run.series(.reward) {
            return [Finding(
                id: id, severity: .info, title: "No held-out evaluation; the reward on training prompts is the only signal",
                message: "The logs hold no eval loss or eval metric; \(reward.name) is logged (\(Format.count(reward.count, "point"))), measured on the prompts the policy trains on.",
                steps: steps, metric: reward.name, evidence: [Evidence("series", .integer(run.series.count))],
                why: "In RL the reward on fresh rollouts already says whether the policy improves, but only on the training prompts: a policy can exploit them or its reward function without getting better at the task.",
                fixes: [
                    "Pass an eval_dataset of held-out prompts with eval_strategy=\"steps\" and eval_steps, so the reward is also measured on prompts the policy never trained on.",
                ])]
        }
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
