import RunModel

/// `preference-overoptimization`: likelihood displacement in a DPO-family run. `rewards/margins`
/// keeps growing while `logps/chosen` (the policy's log-probability of the chosen answers, summed
/// over tokens) falls well below where it started: the model widens the gap by making the rejected
/// answers much less likely and the chosen ones less likely too, so probability mass moves to
/// answers that were in neither set (Razin et al. 2024, "Unintentional Unalignment"; Pal et al. 2024,
/// "Smaug"; Rafailov et al. 2024 on over-optimisation in direct alignment).
///
/// Thresholds: `min_chosen_drop` (0.1: `logps/chosen` ends at least 10% of its starting magnitude
/// below its start), `min_margin_rise` (0.5: the margin grew by at least this much, implicit-reward
/// units), `min_points` (5).
struct PreferenceOveroptimizationRule: Rule {
    let id = "preference-overoptimization"
    let summary = "rewards/margins keeps growing while logps/chosen falls well below its start: chosen answers become less likely (likelihood displacement)."

    static let minChosenDrop = Threshold("min_chosen_drop", 0.1, "fall of logps/chosen (end vs start median) relative to its starting magnitude")
    static let minMarginRise = Threshold("min_margin_rise", 0.5, "rise of rewards/margins (end vs start median) that counts as still growing")
    static let minPoints = Threshold("min_points", 5, "logged points of each series needed")
    var thresholds: [Threshold] { [Self.minChosenDrop, Self.minMarginRise, Self.minPoints] }

    func check(_ run: Run, context: RuleContext) -> [Finding] {
        let n = context.count(Self.minPoints)
        guard let chosenSeries = PhaseLevels.series(run, ["logps/chosen"]), let chosen = PhaseLevels(chosenSeries, minPoints: n),
              let marginSeries = PhaseLevels.series(run, ["rewards/margins"]), let margins = PhaseLevels(marginSeries, minPoints: n)
        else { return [] }
        let drop = chosen.early - chosen.recent
        let relative = drop / max(abs(chosen.early), 1e-9)
        let rise = margins.recent - margins.early
        guard relative >= context[Self.minChosenDrop], rise >= context[Self.minMarginRise] else { return [] }
        var message = "\(marginSeries.name) rose from \(Format.number(margins.early)) to \(Format.number(margins.recent)) while "
            + "\(chosenSeries.name) fell from \(Format.number(chosen.early)) to \(Format.number(chosen.recent)) "
            + "(\(Format.percent(relative)) of its starting magnitude)"
        var evidence = [
            Evidence("chosen_logps_start", .number(chosen.early)), Evidence("chosen_logps_end", .number(chosen.recent)),
            Evidence("chosen_relative_drop", .number(relative)),
            Evidence("margin_start", .number(margins.early)), Evidence("margin_end", .number(margins.recent)),
        ]
        if let rejectedSeries = PhaseLevels.series(run, ["logps/rejected"]), let rejected = PhaseLevels(rejectedSeries, minPoints: n) {
            message += "; \(rejectedSeries.name) fell from \(Format.number(rejected.early)) to \(Format.number(rejected.recent))"
            evidence.append(Evidence("rejected_logps_end", .number(rejected.recent)))
        }
        return [Finding(
            id: id, severity: .warning,
            title: "Chosen answers became less likely: logps/chosen fell \(Format.percent(relative)) while the margin grew",
            message: message + ". The margin grows by pushing both answers down, the rejected ones faster.",
            steps: chosen.firstStep...chosen.lastStep, metric: chosenSeries.name, evidence: evidence,
            why: "When the chosen answers lose likelihood, probability moves to answers in neither set: the model can get worse at exactly what the data prefers (verbose, off-distribution or degenerate outputs) while the DPO loss and margins look better and better.",
            fixes: [
                "Lower learning_rate (e.g. halve it) or train fewer epochs (num_train_epochs=1): displacement grows with every pass over the pairs.",
                "Raise beta (e.g. 0.1 -> 0.3) to keep the policy closer to the reference model.",
                "Add an SFT term on the chosen answers: loss_type=[\"sigmoid\", \"sft\"] with loss_weights (TRL >= 1.0; rpo_alpha=1.0 in earlier TRL), which keeps their likelihood up.",
                "Evaluate generations, not only margins: pick the checkpoint before logps/chosen fell far.",
            ])]
    }
}
