import RunModel

/// `rl-length-hacking`: in an RL run the reward rises while completions run into the length limit:
/// `completions/clipped_ratio` (TRL: the share of completions cut at `max_completion_length`) climbs
/// high, or `completions/mean_length` reaches `completions/max_length`. The policy has learned that
/// longer is rewarded (a length-biased reward or loss: Singhal et al. 2023, "A Long Way to Go";
/// Dr. GRPO, Liu et al. 2025), and truncated answers are unfinished ones.
///
/// A reward that rose and then fell back (what `rl-reward-decline` reports, at its default
/// `min_giveback` and `min_drop_z`) is not "rising": completions that run to the limit then are a
/// collapsed policy's repetitive text, which that rule reports.
///
/// Thresholds: `max_clipped_ratio` (0.5: recent median share of truncated completions),
/// `min_clipped_rise` (0.2: the share grew by at least this much), `near_limit` (0.9: mean length at or
/// above this fraction of the longest completion, when no clipped ratio is logged), `min_points` (5).
struct RLLengthHackingRule: Rule {
    let id = "rl-length-hacking"
    let summary = "In an RL run the reward rises while completions run to max_completion_length (completions/clipped_ratio high)."

    static let maxClippedRatio = Threshold("max_clipped_ratio", 0.5, "recent median completions/clipped_ratio at or above which most completions are cut off")
    static let minClippedRise = Threshold("min_clipped_rise", 0.2, "rise of the clipped ratio (end vs start median) that shows a trend")
    static let nearLimit = Threshold("near_limit", 0.9, "mean completion length over the max completion length that counts as at the limit")
    static let minPoints = Threshold("min_points", 5, "logged points needed")
    var thresholds: [Threshold] { [Self.maxClippedRatio, Self.minClippedRise, Self.nearLimit, Self.minPoints] }

    /// True when the reward gave back at least `rl-reward-decline`'s default share of its gain, with its
    /// default statistical evidence.
    static func fellBack(_ reward: Series) -> Bool {
        guard let d = RewardDecline(FinitePoints(reward), minPoints: Int(RLRewardDeclineRule.minPoints.defaultValue)), d.gain > 0 else {
            return false
        }
        return d.best - d.recent >= RLRewardDeclineRule.minGiveback.defaultValue * d.gain && d.dropZ >= RLRewardDeclineRule.minDropZ.defaultValue
    }

    func check(_ run: Run, context: RuleContext) -> [Finding] {
        let n = context.count(Self.minPoints)
        guard run.kind == .rl, let rewardSeries = run.series(.reward), let reward = PhaseLevels(rewardSeries, minPoints: n),
              reward.recent > reward.early, !Self.fellBack(rewardSeries) else { return [] }
        var evidence = [Evidence("reward_start", .number(reward.early)), Evidence("reward_end", .number(reward.recent))]
        var message: String
        let metric: Series
        let range: ClosedRange<Int>
        if let clippedSeries = PhaseLevels.series(run, ["completions/clipped_ratio"]), let clipped = PhaseLevels(clippedSeries, minPoints: n) {
            guard clipped.recent >= context[Self.maxClippedRatio], clipped.recent - clipped.early >= context[Self.minClippedRise] else {
                return []
            }
            metric = clippedSeries
            range = clipped.firstStep...clipped.lastStep
            message = "The share of completions cut at max_completion_length rose from \(Format.percent(clipped.early)) to "
                + "\(Format.percent(clipped.recent)) (\(clippedSeries.name))"
            evidence += [Evidence("clipped_start", .number(clipped.early)), Evidence("clipped_end", .number(clipped.recent))]
        } else if let lengthSeries = PhaseLevels.series(run, ["completions/mean_length", "train/completion_length"]),
                  let length = PhaseLevels(lengthSeries, minPoints: n),
                  let maxSeries = PhaseLevels.series(run, ["completions/max_length"]),
                  let cap = maxSeries.values.filter(\.isFinite).max(), cap > 0 {
            guard length.recent >= context[Self.nearLimit] * cap, length.recent > length.early else { return [] }
            metric = lengthSeries
            range = length.firstStep...length.lastStep
            message = "Mean completion length rose from \(Format.number(length.early)) to \(Format.number(length.recent)) tokens, "
                + "\(Format.percent(length.recent / cap)) of the longest completion (\(Format.number(cap)))"
            evidence += [Evidence("length_start", .number(length.early)), Evidence("length_end", .number(length.recent)),
                         Evidence("max_length", .number(cap))]
        } else {
            return []
        }
        if let lengthSeries = PhaseLevels.series(run, ["completions/mean_length", "train/completion_length"]), metric.name != lengthSeries.name,
           let length = PhaseLevels(lengthSeries, minPoints: n) {
            message += "; mean length \(Format.number(length.early)) -> \(Format.number(length.recent)) tokens"
            evidence.append(Evidence("length_end", .number(length.recent)))
        }
        message += ", while \(rewardSeries.name) rose from \(Format.number(reward.early)) to \(Format.number(reward.recent))."
        return [Finding(
            id: id, severity: .warning, title: "Completions run to the length limit while the reward rises",
            message: message, steps: range, metric: metric.name, evidence: evidence,
            why: "When the reward rises with length, the policy learns to be long rather than right; completions cut at the limit are unfinished, and the reward they earn says little about the task.",
            fixes: [
                "Set mask_truncated_completions=True in GRPOConfig so truncated completions do not count in the loss.",
                "Use a loss without length bias: loss_type=\"dr_grpo\" (or \"dapo\") instead of \"grpo\".",
                "Check the reward for a length bias (score per answer, not per token) and add a length penalty if it has one; raise max_completion_length only if correct answers need it.",
            ])]
    }
}
