import RunModel

/// `rl-kl-blowup`: the KL divergence between the policy and its reference model (TRL GRPO `kl`, per
/// token; PPO / RLOO `objective/kl`, summed over the sequence) runs away. In a stable run it stays
/// small and rises slowly; a KL far above its early level, or non-finite, means the policy left the
/// reference behind (reward hacking, a too-large learning rate, or too weak a KL penalty).
///
/// Thresholds: `max_token_kl` (1.0 nats per token: the recent median of a per-token KL above this is
/// far from the reference), `max_sequence_kl` (20 nats: the same for a sequence KL), `growth_factor`
/// (10: recent median over early median), `min_kl` (0.1: growth below this level is ignored),
/// `min_points` (5).
struct RLKLBlowupRule: Rule {
    let id = "rl-kl-blowup"
    let summary = "The policy's KL to the reference model (kl, objective/kl) grows far above its early level or becomes NaN/Inf."

    static let maxTokenKL = Threshold("max_token_kl", 1.0, "recent median per-token KL (TRL GRPO kl), nats, above which the policy is far from the reference")
    static let maxSequenceKL = Threshold("max_sequence_kl", 20, "recent median sequence KL (TRL PPO/RLOO objective/kl), nats")
    static let growthFactor = Threshold("growth_factor", 10, "recent median KL over early median KL that counts as a blow-up")
    static let minKL = Threshold("min_kl", 0.1, "per-token KL below which growth is ignored (x20 for sequence KL)")
    static let minPoints = Threshold("min_points", 5, "logged KL points needed")
    var thresholds: [Threshold] { [Self.maxTokenKL, Self.maxSequenceKL, Self.growthFactor, Self.minKL, Self.minPoints] }

    func check(_ run: Run, context: RuleContext) -> [Finding] {
        guard let series = PhaseLevels.series(run, ["train/kl", "objective/kl", "train/objective/kl"]) else { return [] }
        let perToken = series.name == "train/kl"
        let nonFinite = series.values.filter { !$0.isFinite }.count
        guard let kl = PhaseLevels(series, minPoints: context.count(Self.minPoints)) else { return [] }
        let limit = perToken ? context[Self.maxTokenKL] : context[Self.maxSequenceKL]
        let floor = context[Self.minKL] * (perToken ? 1 : 20)
        let growth = kl.early > 0 ? kl.recent / kl.early : .infinity
        let tooHigh = kl.recent > limit
        let grew = kl.recent > floor && growth >= context[Self.growthFactor]
        guard tooHigh || grew || nonFinite > 0 else { return [] }
        var message = "\(series.name) went from \(Format.number(kl.early)) (median of the first points) to \(Format.number(kl.recent)) "
            + "(median of the last)"
        if kl.early > 0 { message += ", \(Format.number(growth))x" }
        if tooHigh { message += "; above \(Format.number(limit)) nats\(perToken ? " per token" : "")" }
        if nonFinite > 0 { message += "; \(Format.count(nonFinite, "value")) NaN/Inf" }
        var evidence = [Evidence("kl_start", .number(kl.early)), Evidence("kl_end", .number(kl.recent)),
                        Evidence("kl_max", .number(kl.points.values.max() ?? .nan))]
        if nonFinite > 0 { evidence.append(Evidence("nonfinite", .integer(nonFinite))) }
        return [Finding(
            id: id, severity: nonFinite > 0 ? .error : .warning,
            title: "KL to the reference model blew up: \(Format.number(kl.early)) -> \(Format.number(kl.recent))",
            message: message + ".", steps: kl.firstStep...kl.lastStep, metric: series.name, evidence: evidence,
            why: "A policy far from its reference model has usually found a way to exploit the reward (reward hacking) or is being pushed by too large updates; its outputs drift from fluent language even as the reward rises.",
            fixes: [
                "Raise the KL penalty: beta in GRPOConfig (e.g. 0.04 -> 0.1), kl_coef in PPOConfig / RLOOConfig.",
                "Lower learning_rate (e.g. halve it) and keep num_iterations=1 / a small epsilon clip range.",
                "Read completions from the steps where the KL rose: if the reward is being gamed, fix the reward function.",
            ])]
    }
}
