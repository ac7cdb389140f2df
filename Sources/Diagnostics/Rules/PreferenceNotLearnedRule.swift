import RunModel

/// `preference-not-learned`: a DPO-family run (TRL DPO, CPO, ORPO, SimPO; anything logging
/// `rewards/accuracies`) ends where it started: the implicit reward prefers the chosen answer on
/// about half the pairs (`rewards/accuracies` near 0.5, chance) and the chosen-minus-rejected margin
/// (`rewards/margins`) stays near 0. A learned preference reaches accuracies of 0.7-1.0 and margins that
/// grow well above 0 within the first epoch (TRL's DPO examples; Rafailov et al. 2023).
///
/// Thresholds: `max_accuracy` (0.6: the recent accuracy at or below this is near chance),
/// `max_margin` (0.1: the recent margin, in implicit-reward units beta x log-ratio, at or below this
/// is near 0), `min_points` (5).
struct PreferenceNotLearnedRule: Rule {
    let id = "preference-not-learned"
    let summary = "A preference run (DPO family) whose rewards/accuracies stay near 0.5 and rewards/margins near 0: no preference learned."

    static let maxAccuracy = Threshold("max_accuracy", 0.6, "recent rewards/accuracies (median of the last fifth) at or below which the preference is near chance")
    static let maxMargin = Threshold("max_margin", 0.1, "recent rewards/margins at or below which chosen and rejected are not separated")
    static let minPoints = Threshold("min_points", 5, "logged points of rewards/accuracies needed")
    var thresholds: [Threshold] { [Self.maxAccuracy, Self.maxMargin, Self.minPoints] }

    func check(_ run: Run, context: RuleContext) -> [Finding] {
        guard let accuracies = PhaseLevels.series(run, ["rewards/accuracies", "eval/rewards/accuracies"]),
              let accuracy = PhaseLevels(accuracies, minPoints: context.count(Self.minPoints)) else { return [] }
        let margins = PhaseLevels.series(run, ["rewards/margins", "eval/rewards/margins"])
            .flatMap { PhaseLevels($0, minPoints: context.count(Self.minPoints)) }
        guard accuracy.recent <= context[Self.maxAccuracy] else { return [] }
        if let margins, margins.recent > context[Self.maxMargin] { return [] }
        var message = "\(accuracies.name) is \(Format.number(accuracy.recent)) at the end (median of the last points; "
            + "\(Format.number(accuracy.early)) at the start): the implicit reward prefers the chosen answer on about "
            + "\(Format.percent(accuracy.recent)) of pairs, near the 50% of a coin flip"
        var evidence = [Evidence("accuracy_start", .number(accuracy.early)), Evidence("accuracy_end", .number(accuracy.recent))]
        if let margins {
            message += "; \(margins.series.name) is \(Format.number(margins.recent)) (from \(Format.number(margins.early)))"
            evidence += [Evidence("margin_start", .number(margins.early)), Evidence("margin_end", .number(margins.recent))]
        }
        return [Finding(
            id: id, severity: .warning, title: "No preference learned: rewards/accuracies ends at \(Format.number(accuracy.recent))",
            message: message + ".", steps: accuracy.firstStep...accuracy.lastStep, metric: accuracies.name, evidence: evidence,
            why: "The policy has not moved its likelihoods toward the chosen answers relative to the reference model, so the run has not changed the model's behaviour: the compute was spent for nothing.",
            fixes: [
                "Check the pairs first: chosen and rejected must differ and sit in the right columns (a swapped or duplicated dataset gives exactly this picture).",
                "Raise learning_rate (DPO on full models typically uses 5e-7 to 5e-6; LoRA 5e-6 to 5e-5) or train longer (num_train_epochs).",
                "Make sure the reference model is the policy's starting point (ref_model=None lets TRL copy it) and that max_length / max_prompt_length do not cut the answers off.",
            ])]
    }
}
