import RunModel

/// `rl-no-signal`: a GRPO / RLOO run whose groups give no learning signal. GRPO's advantage is each
/// completion's reward minus its group's mean (divided by the group's std), so when every completion
/// of a prompt gets the same reward the advantage is 0 and the prompt teaches nothing. TRL logs the
/// share of such groups as `frac_reward_zero_std`; older versions only `reward_std`. DAPO (Yu et al.
/// 2025) filters these groups out for exactly this reason.
///
/// Thresholds: `max_zero_std_fraction` (0.8: median share of zero-std groups at or above which most
/// prompts give no signal), `min_reward_std` (1e-3: median reward std at or below which rewards do not
/// vary, used when `frac_reward_zero_std` is not logged), `min_points` (5).
struct RLNoSignalRule: Rule {
    let id = "rl-no-signal"
    let summary = "An RL run (GRPO/RLOO) where most groups give every completion the same reward (frac_reward_zero_std near 1, reward std near 0): no learning signal."

    static let maxZeroStdFraction = Threshold("max_zero_std_fraction", 0.8, "median frac_reward_zero_std at or above which most groups carry no signal")
    static let minRewardStd = Threshold("min_reward_std", 1e-3, "median reward_std at or below which rewards do not vary (when frac_reward_zero_std is not logged)")
    static let minPoints = Threshold("min_points", 5, "logged points needed")
    var thresholds: [Threshold] { [Self.maxZeroStdFraction, Self.minRewardStd, Self.minPoints] }

    func check(_ run: Run, context: RuleContext) -> [Finding] {
        let n = context.count(Self.minPoints)
        var evidence: [Evidence] = []
        var message: String
        let metric: Series
        let levels: PhaseLevels
        if let zeroStd = PhaseLevels.series(run, ["train/frac_reward_zero_std"]), let z = PhaseLevels(zeroStd, minPoints: n) {
            guard z.median >= context[Self.maxZeroStdFraction] else { return [] }
            metric = zeroStd
            levels = z
            message = "In a median \(Format.percent(z.median)) of the groups every completion got the same reward (\(zeroStd.name): "
                + "\(Format.number(z.early)) at the start, \(Format.number(z.recent)) at the end)"
            evidence += [Evidence("median_zero_std_fraction", .number(z.median)), Evidence("zero_std_fraction_end", .number(z.recent))]
        } else if let std = PhaseLevels.series(run, ["train/reward_std", "objective/scores_std"]), let s = PhaseLevels(std, minPoints: n) {
            guard s.median <= context[Self.minRewardStd] else { return [] }
            metric = std
            levels = s
            message = "The reward's spread within groups is a median \(Format.number(s.median)) (\(std.name))"
            evidence.append(Evidence("median_reward_std", .number(s.median)))
        } else {
            return []
        }
        if let rewardSeries = run.series(.reward), let reward = PhaseLevels(rewardSeries, minPoints: 3) {
            message += "; \(rewardSeries.name) went from \(Format.number(reward.early)) to \(Format.number(reward.recent))"
            evidence += [Evidence("reward_start", .number(reward.early)), Evidence("reward_end", .number(reward.recent))]
        }
        return [Finding(
            id: id, severity: .warning, title: "No learning signal: completions in a group get the same reward",
            message: message + ". A group whose rewards are all equal has zero advantage and contributes no gradient.",
            steps: levels.firstStep...levels.lastStep, metric: metric.name, evidence: evidence,
            why: "GRPO and RLOO learn only from differences between completions of the same prompt; when the reward cannot tell them apart (all fail or all pass), the run spends its compute without moving the policy.",
            fixes: [
                "Make the reward denser: partial credit (format, intermediate steps) instead of a single pass/fail.",
                "Raise num_generations (e.g. 8 -> 16) so at least one completion per group differs.",
                "Raise temperature (e.g. 0.7 -> 1.0) for more varied completions.",
                "Use easier prompts first (a curriculum), or drop prompts the model always or never solves.",
            ])]
    }
}
