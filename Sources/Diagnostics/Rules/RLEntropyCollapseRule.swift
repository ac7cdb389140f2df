import RunModel

/// `rl-entropy-collapse`: in an RL run the policy's token entropy (TRL GRPO `entropy`, PPO / RLOO
/// `objective/entropy`) falls to a small fraction of where it started. With no entropy left every
/// completion of a group is the same, exploration stops and the reward plateaus (Cui et al. 2025,
/// "The Entropy Mechanism of Reinforcement Learning for Reasoning Language Models"; DAPO's
/// clip-higher, Yu et al. 2025). Only for RL runs: a DPO run's entropy falls by design.
///
/// Thresholds: `max_ratio` (0.1: recent median entropy at or below 10% of its early median),
/// `min_entropy` (0.05 nats: a recent median below this counts whatever the start), `min_points` (5).
struct RLEntropyCollapseRule: Rule {
    let id = "rl-entropy-collapse"
    let summary = "The policy's entropy in an RL run collapses to a small fraction of its start: exploration stops."

    static let maxRatio = Threshold("max_ratio", 0.1, "recent median entropy over early median at or below which entropy collapsed")
    static let minEntropy = Threshold("min_entropy", 0.05, "recent median entropy (nats per token) below which the policy is near-deterministic")
    static let minPoints = Threshold("min_points", 5, "logged entropy points needed")
    var thresholds: [Threshold] { [Self.maxRatio, Self.minEntropy, Self.minPoints] }

    func check(_ run: Run, context: RuleContext) -> [Finding] {
        guard run.kind == .rl, let series = PhaseLevels.series(run, ["train/entropy", "objective/entropy"]),
              let entropy = PhaseLevels(series, minPoints: context.count(Self.minPoints)), entropy.early > 0 else { return [] }
        let ratio = entropy.recent / entropy.early
        guard ratio <= context[Self.maxRatio] || entropy.recent < context[Self.minEntropy] else { return [] }
        var message = "\(series.name) fell from \(Format.number(entropy.early)) to \(Format.number(entropy.recent)) "
            + "(\(Format.percent(ratio)) of its start)"
        var evidence = [Evidence("entropy_start", .number(entropy.early)), Evidence("entropy_end", .number(entropy.recent)),
                        Evidence("ratio", .number(ratio))]
        if let rewardSeries = run.series(.reward), let reward = PhaseLevels(rewardSeries, minPoints: 3) {
            message += "; \(rewardSeries.name) went from \(Format.number(reward.early)) to \(Format.number(reward.recent))"
            evidence.append(Evidence("reward_end", .number(reward.recent)))
        }
        return [Finding(
            id: id, severity: .warning, title: "Entropy collapsed to \(Format.percent(ratio)) of its start",
            message: message + ".", steps: entropy.firstStep...entropy.lastStep, metric: series.name, evidence: evidence,
            why: "A near-deterministic policy samples the same completion again and again: groups stop differing, the advantage vanishes and the reward plateaus where it is, often early.",
            fixes: [
                "Let low-probability tokens grow: epsilon_high=0.28 in GRPOConfig (DAPO's clip-higher).",
                "Sample more broadly: temperature=1.0 or higher.",
                "Lower learning_rate, or keep a KL penalty (beta > 0) so the policy stays near the reference model.",
            ])]
    }
}
