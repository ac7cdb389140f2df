import Foundation
import Testing
@testable import Diagnostics
import RunModel

/// A GRPO-like run: TRL's keys (`reward`, `kl`, `entropy`, `frac_reward_zero_std`, `completions/*`)
/// over 60 logs every 10 steps; the training loss is TRL's small, sign-changing policy loss.
func rlRun(_ curves: [String: (Int) -> Double]) -> Run {
    var run = SyntheticRun.healthy(seed: 5, steps: 600, evalEvery: nil)
    run.train = run.train.enumerated().map { i, p in SyntheticRun.Point(step: p.step, value: 0.01 * sin(Double(i))) }
    run.tokensPerSecond = []
    for (key, f) in curves {
        run.extra[key] = (1...60).map { SyntheticRun.Point(step: $0 * 10, value: f($0 - 1)) }
    }
    return run.build()
}

let risingReward: @Sendable (Int) -> Double = { 0.2 + Double($0) / 100 }

@Suite struct RLNoSignalRuleTests {
    let rule = RLNoSignalRule()

    @Test func groupsWithEqualRewardsFire() throws {
        let run = rlRun(["reward": { _ in 0.0 }, "frac_reward_zero_std": { _ in 0.95 }, "reward_std": { _ in 0.01 }])
        #expect(run.kind == .rl)
        let f = try #require(findings(rule, run).first)
        #expect(f.metric == "train/frac_reward_zero_std")
        #expect(f.fixes.contains { $0.contains("num_generations") })
        #expect(f.fixes.contains { $0.contains("temperature") })
    }

    @Test func nearMissSeventyPercentDoesNot() {
        let run = rlRun(["reward": risingReward, "frac_reward_zero_std": { _ in 0.7 }])
        #expect(findings(rule, run).isEmpty)
    }

    @Test func withoutTheFractionAFlatRewardStdFires() {
        let flat = rlRun(["reward": { _ in 1.0 }, "reward_std": { _ in 0.0 }])
        #expect(findings(rule, flat).count == 1)
        let varied = rlRun(["reward": risingReward, "reward_std": { _ in 0.3 }])
        #expect(findings(rule, varied).isEmpty)
    }
}

@Suite struct RLKLBlowupRuleTests {
    let rule = RLKLBlowupRule()

    @Test func perTokenKLRunningAwayFires() throws {
        let run = rlRun(["reward": risingReward, "kl": { 0.01 * pow(1.1, Double($0)) }])
        let f = try #require(findings(rule, run).first)
        #expect(f.severity == .warning)
        #expect(f.fixes.contains { $0.contains("beta") })
    }

    @Test func nearMissKLThatGrowsButStaysSmallDoesNot() {
        // 1e-5 -> 0.05 per token, as a healthy GRPO run (x5000 but below min_kl 0.1).
        let run = rlRun(["reward": risingReward, "kl": { 1e-5 + 0.05 * Double($0) / 59 }])
        #expect(findings(rule, run).isEmpty)
    }

    @Test func nonFiniteKLIsAnError() {
        let run = rlRun(["reward": risingReward, "kl": { $0 > 50 ? .nan : 0.02 }])
        #expect(findings(rule, run).first?.severity == .error)
    }

    @Test func sequenceKLUsesItsOwnLimit() {
        let fine = rlRun(["objective/rlhf_reward": risingReward, "objective/kl": { _ in 8.0 }])
        #expect(findings(rule, fine).isEmpty)
        let high = rlRun(["objective/rlhf_reward": risingReward, "objective/kl": { 5 + Double($0) }])
        #expect(findings(rule, high).count == 1)
    }
}

@Suite struct RLEntropyCollapseRuleTests {
    let rule = RLEntropyCollapseRule()

    @Test func entropyFallingToAFewPercentFires() throws {
        let run = rlRun(["reward": risingReward, "entropy": { 1.2 * exp(-Double($0) / 8) }])
        let f = try #require(findings(rule, run).first)
        #expect(f.fixes.contains { $0.contains("epsilon_high") })
    }

    @Test func nearMissEntropyHalvingDoesNot() {
        let run = rlRun(["reward": risingReward, "entropy": { 1.2 - 0.6 * Double($0) / 59 }])
        #expect(findings(rule, run).isEmpty)
    }

    @Test func aPreferenceRunsFallingEntropyIsNotRL() {
        let run = preferenceRun(accuracy: { _ in 0.9 }, margin: { Double($0) / 10 })
        #expect(run.kind == .preference)
        #expect(findings(rule, run).isEmpty)
    }
}

@Suite struct RLLengthHackingRuleTests {
    let rule = RLLengthHackingRule()

    @Test func clippedCompletionsRisingWithRewardFire() throws {
        let run = rlRun(["reward": risingReward, "completions/clipped_ratio": { min(0.9, Double($0) / 40) },
                         "completions/mean_length": { 100 + 6 * Double($0) }, "completions/max_length": { _ in 512 }])
        let f = try #require(findings(rule, run).first)
        #expect(f.metric == "completions/clipped_ratio")
        #expect(f.fixes.contains { $0.contains("mask_truncated_completions") })
    }

    @Test func nearMissClippingWhileTheRewardFallsDoesNot() {
        let run = rlRun(["reward": { 0.8 - Double($0) / 100 }, "completions/clipped_ratio": { min(0.9, Double($0) / 40) }])
        #expect(findings(rule, run).isEmpty)
    }

    @Test func nearMissFewTruncationsDoNot() {
        let run = rlRun(["reward": risingReward, "completions/clipped_ratio": { 0.1 + Double($0) / 200 }])
        #expect(findings(rule, run).isEmpty)
    }

    @Test func withoutClippedRatioMeanLengthAtTheMaximumFires() {
        let run = rlRun(["reward": risingReward, "completions/mean_length": { 100 + 8 * Double($0) },
                         "completions/max_length": { _ in 512 }])
        #expect(findings(rule, run).count == 1)
    }
}
