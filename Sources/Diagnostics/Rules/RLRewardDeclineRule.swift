import Foundation
import RunModel

/// `rl-reward-decline`: in an RL run the mean reward on fresh rollouts rose to a best level and then
/// fell back, and is still down at the end. The reward is the RL run's training signal (GRPO's loss is
/// near 0 by construction), so a reward that gave back most of its gain means the final policy is
/// worse than an earlier one: policy collapse under too large updates (a high learning rate, a weak
/// KL penalty, a wide clip range), or a reward that was exploited and then penalised.
///
/// Levels are robust: `start` is the median of the first tenth of the reward points (at least 3),
/// `recent` the median of the last fifth, `best` the highest median over any window of a fifth. The rule fires when
/// the recent level gave back at least `min_giveback` of the gain from start to best, and the drop is
/// large against the reward's noise both ways: as an effect size (at least `min_effect` times the
/// median within-group `reward_std` when logged, else the series' own MAD-based spread) and as a
/// statistical difference of the two window medians (at least `min_drop_z` standard errors, with the
/// point noise from the MAD of successive differences, which a trend does not inflate). It compares
/// differences only, so a reward on any scale or sign works.
///
/// The z thresholds come from the rule's own null distribution (the whole procedure, best-window
/// selection included, run on pure Gaussian noise, 4,000 series each of 20-400 points): z >= 3 with
/// half the gain given back happens in 1.4-2.2% of noise series, z >= 4 in 0.08-0.3%. Below 20
/// points the noise estimate is too unstable (10 points: 2.7% at z >= 4), hence `min_points`.
///
/// Severity: `warning` from `min_giveback`, `error` when the run gave back `error_giveback` of its gain
/// (it ends at or below where it started); one grade lower (at least `info`) when the reward has been
/// down for less than `sustained_fraction` of the run; `info` whatever the giveback when the drop is
/// below `strong_drop_z` standard errors (evidence a noisy run gives about once in 60). A component reward (`rewards/<fn>/mean`) that
/// accounts for most of the fall is named.
struct RLRewardDeclineRule: Rule {
    let id = "rl-reward-decline"
    let summary = "In an RL run the mean reward rose to a best level, then fell back and stayed down: the final policy is worse than an earlier one."

    static let minGiveback = Threshold("min_giveback", 0.5, "share of the start-to-best reward gain lost by the end (last-fifth median) that counts as a decline")
    static let errorGiveback = Threshold("error_giveback", 1.0, "share of the gain lost at or above which the decline is an error (the reward ends at or below its start)")
    static let minEffect = Threshold("min_effect", 0.5, "drop from best to end, in units of the median reward_std (else the series' robust spread), needed to count")
    static let minDropZ = Threshold("min_drop_z", 3, "drop from best to end in standard errors of the difference of the two window medians, for an info")
    static let strongDropZ = Threshold("strong_drop_z", 4, "the same for a warning or an error")
    static let sustainedFraction = Threshold("sustained_fraction", 0.25, "share of the run's steps the reward has been down for a full grade")
    static let minPoints = Threshold("min_points", 20, "logged reward points needed")
    var thresholds: [Threshold] {
        [Self.minGiveback, Self.errorGiveback, Self.minEffect, Self.minDropZ, Self.strongDropZ, Self.sustainedFraction, Self.minPoints]
    }

    func check(_ run: Run, context: RuleContext) -> [Finding] {
        guard run.kind == .rl, let rewardSeries = run.series(.reward),
              let decline = RewardDecline(FinitePoints(rewardSeries), minPoints: max(context.count(Self.minPoints), 10)) else { return [] }
        let noise = Self.noiseScale(run, decline)
        let drop = decline.best - decline.recent
        let giveback = decline.gain > 0 ? drop / decline.gain : .infinity
        guard drop > 0, giveback >= context[Self.minGiveback], drop >= context[Self.minEffect] * noise.scale,
              decline.dropZ >= context[Self.minDropZ] else { return [] }
        let sustained = decline.downFraction(below: decline.best - context[Self.minGiveback] * max(decline.gain, 0))
            >= context[Self.sustainedFraction]
        var grade = giveback >= context[Self.errorGiveback] ? 2 : 1
        if !sustained { grade -= 1 }
        if decline.dropZ < context[Self.strongDropZ] { grade = 0 }
        let severity: Severity = [.info, .warning, .error][grade]

        let name = rewardSeries.name
        var message = decline.gain > 0
            ? "\(name) rose from \(Format.number(decline.start)) to \(Format.number(decline.best)) around step \(decline.bestStep), "
                + "then fell to \(Format.number(decline.recent)) by the end (robust window medians): "
                + "\(Format.percent(giveback)) of the gain given back"
            : "\(name) never rose above its start (\(Format.number(decline.start))) and fell to \(Format.number(decline.recent)) by the end"
        message += "; the drop is \(Format.number(drop / noise.scale))x \(noise.name) and \(Format.number(decline.dropZ)) standard errors"
        if decline.dropZ < context[Self.strongDropZ] {
            message += " (moderate evidence: \(Format.number(context[Self.strongDropZ])) would make it a warning)"
        }
        var evidence = [
            Evidence("reward_start", .number(decline.start)), Evidence("reward_best", .number(decline.best)),
            Evidence("reward_best_step", .integer(decline.bestStep)), Evidence("reward_end", .number(decline.recent)),
            Evidence("drop_over_noise", .number(drop / noise.scale)), Evidence("drop_z", .number(decline.dropZ)),
            Evidence("sustained", .text(sustained ? "yes" : "no")),
        ]
        if giveback.isFinite { evidence.append(Evidence("giveback", .number(giveback))) }
        if let component = Self.drivingComponent(run, decline, drop: drop) {
            message += "; \(component.name) fell most (\(Format.number(component.best)) -> \(Format.number(component.recent)))"
            evidence.append(Evidence("driving_component", .text(component.name)))
        }
        let companions = Self.companions(run, decline)
        for c in companions {
            message += "; \(c.name) went from \(Format.number(c.atBest)) at the best to \(Format.number(c.atEnd)) at the end"
            evidence += [Evidence(c.key.replacingOccurrences(of: "_end", with: "_at_best"), .number(c.atBest)), Evidence(c.key, .number(c.atEnd))]
        }
        let checkpoint = CheckpointChoice.nearest(to: decline.bestStep, run: run)
        evidence.append(Evidence("best_checkpoint", .text(checkpoint.name)))
        let title = decline.gain > 0
            ? "The reward fell back: \(Format.number(decline.best)) at step \(decline.bestStep) -> \(Format.number(decline.recent)) at the end"
            : "The reward fell below its start: \(Format.number(decline.start)) -> \(Format.number(decline.recent))"
        return [Finding(
            id: id, severity: severity, title: title, message: message + ".",
            steps: decline.bestStep...decline.lastStep, metric: name, evidence: evidence,
            why: "In RL the reward on fresh rollouts is what the run optimises; a policy whose reward fell from its best and stayed down is worse than an earlier checkpoint, whatever the loss says (GRPO's loss is near 0 by construction). Usual causes: updates too large for the policy (learning rate, clip range, several iterations per batch), too weak a KL penalty, or a reward that was exploited and then stopped paying.",
            fixes: Self.fixes(run, decline: decline, companions: companions, checkpoint: checkpoint))]
    }

    // MARK: noise

    /// The scale a drop is measured against: the median within-group reward std when the trainer logs
    /// it (TRL `reward_std`, PPO `objective/scores_std`), else 1.4826 x MAD of the reward series.
    static func noiseScale(_ run: Run, _ decline: RewardDecline) -> (scale: Double, name: String) {
        if let std = PhaseLevels.series(run, ["train/reward_std", "objective/scores_std"]) {
            let values = FinitePoints(std).values.filter { $0 > 0 }
            if !values.isEmpty { return (Stats.median(values), "the median \(std.name)") }
        }
        let values = decline.points.values
        let spread = 1.4826 * Stats.mad(values, center: Stats.median(values))
        return (spread > 0 ? spread : .leastNormalMagnitude, "the reward's own spread (1.4826 MAD)")
    }

    // MARK: context

    /// The component reward (`rewards/<fn>/mean`, older TRL `rewards/<fn>`) whose fall from the best
    /// window to the end is at least half of the total reward's drop; nil when none stands out.
    static func drivingComponent(_ run: Run, _ decline: RewardDecline, drop: Double) -> (name: String, best: Double, recent: Double)? {
        var found: (name: String, best: Double, recent: Double, fall: Double)?
        for series in run.series where isComponent(series.name) {
            let points = FinitePoints(series)
            guard points.count >= 6, let atBest = points.median(near: decline.bestStep, radius: decline.halfWindowSteps) else { continue }
            let recent = points.tailMedian(fraction: 0.2)
            let fall = atBest - recent
            if fall >= 0.5 * drop, fall > (found?.fall ?? 0) { found = (series.name, atBest, recent, fall) }
        }
        return found.map { ($0.name, $0.best, $0.recent) }
    }

    static func isComponent(_ name: String) -> Bool {
        guard name.hasPrefix("rewards/") else { return false }
        let parts = name.split(separator: "/")
        return (parts.count == 3 && parts[2] == "mean") || (parts.count == 2 && !preferenceKeys.contains(String(parts[1])))
    }

    static let preferenceKeys: Set<String> = ["chosen", "rejected", "margins", "accuracies"]

    /// KL, entropy and the share of completions cut at the length limit, at the best window and at the
    /// end, when logged: the usual companions of a fall.
    static func companions(_ run: Run, _ decline: RewardDecline) -> [(name: String, key: String, atBest: Double, atEnd: Double)] {
        var out: [(name: String, key: String, atBest: Double, atEnd: Double)] = []
        for (names, key) in [(["train/kl", "objective/kl", "train/objective/kl"], "kl_end"),
                             (["train/entropy", "objective/entropy"], "entropy_end"),
                             (["completions/clipped_ratio"], "clipped_ratio_end")] {
            guard let series = PhaseLevels.series(run, names) else { continue }
            let points = FinitePoints(series)
            guard points.count >= 6, let atBest = points.median(near: decline.bestStep, radius: decline.halfWindowSteps) else { continue }
            let atEnd = points.tailMedian(fraction: 0.2)
            // Unchanged companions say nothing about the fall.
            guard abs(atEnd - atBest) >= 0.1 * max(abs(atBest), abs(atEnd)) else { continue }
            out.append((series.name, key, atBest, atEnd))
        }
        return out
    }

    // MARK: fixes

    static func fixes(_ run: Run, decline: RewardDecline, companions: [(name: String, key: String, atBest: Double, atEnd: Double)],
                      checkpoint: CheckpointChoice) -> [String] {
        let advice = Advice(run)
        let settings = advice.settings
        var fixes = ["Keep the policy from before the fall: \(checkpoint.description), where the reward was at its best (step \(decline.bestStep))."]
        let klRose = companions.first { $0.key == "kl_end" }.map { $0.atEnd > 2 * max($0.atBest, 1e-12) } ?? false
        let lowerLR = advice.lr(at: decline.bestStep) != nil
            ? advice.lowerLR(at: decline.bestStep, event: "the reward peaked", factor: "by 2-10x")
            : "Lower learning_rate by 2-10x\(settings.number("learning_rate").map { " (it was \(Format.number($0)))" } ?? "")."
        if klRose {
            fixes.append("The KL to the reference rose while the reward fell: raise the KL penalty, \(klAdvice(run, settings)).")
            fixes.append(lowerLR)
        } else {
            fixes.append(lowerLR + " Too large updates are the usual cause of a policy that collapses after a good start.")
            fixes.append("Keep the policy near the reference with a stronger KL penalty: \(klAdvice(run, settings)).")
        }
        let clip = settings.number("epsilon").map { "epsilon=\(Format.number($0))" } ?? "epsilon (default 0.2)"
        fixes.append("Take smaller policy steps: a narrower clip range than \(clip), and num_iterations=1 (one update per batch of rollouts).")
        if let g = settings.number("num_generations") {
            fixes.append("Average over more rollouts per prompt: num_generations=\(Int(g)) -> \(Int(g) * 2) gives a less noisy advantage.")
        }
        fixes.append("Read completions from before and after step \(decline.bestStep): if the policy found a loophole that the reward later stopped paying (or a penalty caught), fix the reward function.")
        return fixes
    }

    /// How to strengthen the KL penalty, with the run's own value when recorded. TRL's GRPO logs `kl`
    /// only when beta != 0 (its default is 0), so a logged `kl` without a recorded beta means one was set.
    static func klAdvice(_ run: Run, _ settings: RunSettings) -> String {
        if let beta = settings.number("beta") {
            return beta == 0 ? "beta was 0, no KL penalty at all: set beta=0.04" : "beta=\(Format.number(beta)) -> \(Format.number(beta * 2.5))"
        }
        if let kl = settings.number("kl_coef") { return "kl_coef=\(Format.number(kl)) -> \(Format.number(kl * 2.5))" }
        if PhaseLevels.series(run, ["train/kl"]) != nil { return "a larger beta in GRPOConfig (the run logs kl, so beta was above 0: try 2-3x)" }
        if PhaseLevels.series(run, ["objective/kl", "train/objective/kl"]) != nil { return "a larger kl_coef in PPOConfig / RLOOConfig (try 2-3x)" }
        return "set beta in GRPOConfig (e.g. 0.04; TRL's default 0 has no KL term), or raise kl_coef in PPOConfig / RLOOConfig"
    }
}

/// The levels of a reward series the decline rule compares: start, best and recent window medians,
/// and the standard error of a window median from the point noise.
struct RewardDecline: Sendable {
    var points: FinitePoints
    var window: Int
    var start: Double
    var recent: Double
    var best: Double
    var bestStep: Int
    var lastStep: Int
    /// Best minus recent in standard errors of the difference of two window medians.
    var dropZ: Double
    /// Rolling window medians with their centre steps (strided on long series).
    var rolling: [(step: Int, median: Double)]

    var gain: Double { best - start }
    /// Half the step span of a window: how far from the best step a companion series is read.
    var halfWindowSteps: Int {
        guard let first = points.steps.first, let last = points.steps.last, points.count > 1 else { return 0 }
        return max(1, (last - first) * window / (2 * (points.count - 1)))
    }

    init?(_ points: FinitePoints, minPoints: Int) {
        let n = points.count
        guard n >= max(minPoints, 10), let last = points.steps.last else { return nil }
        let w = max(3, n / 5)
        // At most ~100 windows: a long classic-RL history stays cheap.
        let stride = max(1, (n - w) / 100)
        var rolling: [(step: Int, median: Double)] = []
        var i = 0
        while i + w <= n {
            rolling.append((points.steps[i + w / 2], points.median(i..<(i + w))))
            if i + w == n { break }
            i = min(i + stride, n - w)
        }
        guard let top = rolling.max(by: { $0.median < $1.median }) else { return nil }
        self.points = points
        window = w
        // The start is read over half a window: a reward that climbs fast would pull a full window's median up.
        start = points.median(0..<max(3, w / 2))
        recent = points.median((n - w)..<n)
        best = top.median
        bestStep = top.step
        lastStep = last
        self.rolling = rolling
        // Point noise from successive differences (a trend barely moves them): sigma = 1.4826 MAD(d) / sqrt(2).
        let diffs = zip(points.values.dropFirst(), points.values).map { $0 - $1 }
        let sigma = 1.4826 * Stats.mad(diffs, center: Stats.median(diffs)) / 2.0.squareRoot()
        // A median of w points has standard error ~1.2533 sigma / sqrt(w); the difference of two, sqrt(2) times that.
        let se = 1.2533 * sigma * (2.0 / Double(w)).squareRoot()
        dropZ = se > 0 ? (best - recent) / se : (best > recent ? .infinity : 0)
    }

    /// The share of the run's step span since the rolling median last stood at or above `line`.
    func downFraction(below line: Double) -> Double {
        guard let first = points.steps.first, lastStep > first else { return 0 }
        guard let lastAbove = rolling.lastIndex(where: { $0.median >= line }) else { return 1 }
        let downFrom = lastAbove + 1 < rolling.count ? rolling[lastAbove + 1].step : lastStep
        return Double(lastStep - downFrom) / Double(lastStep - first)
    }
}
