import Foundation
import Testing
@testable import Diagnostics
import RunModel

/// Gaussian noise for the 60 logs of `rlRun`, the same on every machine.
private func noise(seed: UInt64, sd: Double) -> [Double] {
    var random = SeededRandom(seed: seed)
    return (0..<60).map { _ in sd * random.gaussian() }
}

/// A reward that climbs linearly from `start` to `peak` over logs 0-`peakAt`, holds, then falls
/// linearly to `end` over logs `fallFrom`-`fallTo` and stays there.
private func riseAndFall(start: Double, peak: Double, end: Double, peakAt: Int = 20, fallFrom: Int = 30, fallTo: Int = 38,
                         noise: [Double]) -> (Int) -> Double {
    { i in
        let level: Double
        if i <= peakAt { level = start + (peak - start) * Double(i) / Double(peakAt) }
        else if i <= fallFrom { level = peak }
        else if i <= fallTo { level = peak + (end - peak) * Double(i - fallFrom) / Double(fallTo - fallFrom) }
        else { level = end }
        return level + noise[i]
    }
}

@Suite struct RLRewardDeclineRuleTests {
    let rule = RLRewardDeclineRule()

    @Test func aRewardThatGaveBackMostOfItsGainIsAWarningNamingTheBestCheckpoint() throws {
        let run = rlRun(["reward": riseAndFall(start: 0.2, peak: 0.8, end: 0.35, noise: noise(seed: 1, sd: 0.03)),
                         "reward_std": { _ in 0.3 }])
        let f = try #require(findings(rule, run).first)
        #expect(f.severity == .warning)
        #expect(f.metric == "train/reward")
        guard case .integer(let best)? = f.evidence.first(where: { $0.name == "reward_best_step" })?.value else {
            Issue.record("no reward_best_step"); return
        }
        #expect((200...320).contains(best))
        #expect(f.fixes.first?.contains("checkpoint-\(best)") == true)
        #expect(f.fixes.contains { $0.contains("beta") })
        #expect(f.message.contains("the median train/reward_std"))
    }

    @Test func aRewardThatEndsBelowItsStartIsAnError() throws {
        let run = rlRun(["reward": riseAndFall(start: 0.2, peak: 0.8, end: 0.1, noise: noise(seed: 2, sd: 0.03))])
        let f = try #require(findings(rule, run).first)
        #expect(f.severity == .error)
    }

    @Test func aFallOnlyInTheLastLogsIsInfo() throws {
        let run = rlRun(["reward": riseAndFall(start: 0.2, peak: 0.8, end: 0.35, peakAt: 20, fallFrom: 50, fallTo: 51,
                                               noise: noise(seed: 3, sd: 0.03))])
        let f = try #require(findings(rule, run).first)
        #expect(f.severity == .info)
    }

    @Test func negativeRewardsOnAnotherScaleFire() throws {
        // Classic RL returns: -500 -> -100 -> -400.
        let run = rlRun(["episode_reward": riseAndFall(start: -500, peak: -100, end: -400, noise: noise(seed: 4, sd: 30))])
        #expect(run.kind == .rl)
        let f = try #require(findings(rule, run).first)
        #expect(f.severity == .warning)
        #expect(f.metric == "train/episode_reward")
    }

    @Test func noisyFlatRewardsDoNotFire() {
        for seed in UInt64(10)..<40 {
            let n = noise(seed: seed, sd: 0.15)
            let run = rlRun(["reward": { 0.5 + n[$0] }])
            #expect(findings(rule, run).isEmpty, "seed \(seed)")
            let negative = rlRun(["reward": { -3 + 10 * n[$0] }])
            #expect(findings(rule, negative).isEmpty, "seed \(seed), negative")
        }
    }

    @Test func aDipThatRecoversDoesNotFire() {
        let n = noise(seed: 5, sd: 0.03)
        let run = rlRun(["reward": { i in
            let level = i < 20 ? 0.2 + 0.03 * Double(i) : (25..<35).contains(i) ? 0.3 : 0.8
            return level + n[i]
        }])
        #expect(findings(rule, run).isEmpty)
    }

    @Test func aRisingRewardDoesNotFire() {
        let n = noise(seed: 6, sd: 0.05)
        #expect(findings(rule, rlRun(["reward": { risingReward($0) + n[$0] }])).isEmpty)
    }

    @Test func aSmallGivebackDoesNotFire() {
        // 0.2 -> 0.8 -> 0.6: a third of the gain given back, below min_giveback 0.5.
        let run = rlRun(["reward": riseAndFall(start: 0.2, peak: 0.8, end: 0.6, noise: noise(seed: 7, sd: 0.03))])
        #expect(findings(rule, run).isEmpty)
    }

    @Test func aDropSmallAgainstTheGroupsRewardSpreadDoesNotFire() {
        // 0.50 -> 0.56 -> 0.51 while completions' rewards spread by 0.5: an effect of 0.1 std.
        let run = rlRun(["reward": riseAndFall(start: 0.5, peak: 0.56, end: 0.51, noise: noise(seed: 8, sd: 0.005)),
                         "reward_std": { _ in 0.5 }])
        #expect(findings(rule, run).isEmpty)
    }

    @Test func tooFewPointsDoNotFire() {
        var run = SyntheticRun.healthy(seed: 5, steps: 80, evalEvery: nil)
        run.extra["reward"] = [0.2, 0.5, 0.8, 0.8, 0.8, 0.3, 0.2, 0.2].enumerated().map { SyntheticRun.Point(step: ($0.offset + 1) * 10, value: $0.element) }
        let built = run.build()
        #expect(built.kind == .rl)
        #expect(findings(rule, built).isEmpty)
    }

    @Test func theComponentRewardThatFellIsNamed() throws {
        let correct = riseAndFall(start: 0.1, peak: 0.7, end: 0.15, noise: noise(seed: 9, sd: 0.03))
        let run = rlRun(["reward": { 0.9 + correct($0) }, "rewards/correctness/mean": correct,
                         "rewards/format/mean": { _ in 0.9 }])
        let f = try #require(findings(rule, run).first)
        #expect(f.evidence.contains { $0.name == "driving_component" && $0.value == .text("rewards/correctness/mean") })
    }

    @Test func overridingMinGivebackSilencesTheRule() {
        let run = rlRun(["reward": riseAndFall(start: 0.2, peak: 0.8, end: 0.35, noise: noise(seed: 1, sd: 0.03))])
        #expect(!findings(rule, run).isEmpty)
        #expect(findings(rule, run, overrides: ["min_giveback": 0.9]).isEmpty)
    }

    @Test func weakStatisticalEvidenceIsOnlyInfo() throws {
        let run = rlRun(["reward": riseAndFall(start: 0.2, peak: 0.8, end: 0.1, noise: noise(seed: 2, sd: 0.03))])
        let f = try #require(findings(rule, run, overrides: ["strong_drop_z": 1e6]).first)
        #expect(f.severity == .info)
    }

    @Test func aKLThatRoseDuringTheFallIsTheRootCause() throws {
        let run = rlRun(["reward": riseAndFall(start: 0.2, peak: 0.8, end: 0.3, noise: noise(seed: 11, sd: 0.03)),
                         "kl": { i in i < 30 ? 0.02 : 0.02 + 0.05 * Double(i - 30) }])
        let diagnosis = Diagnostician.diagnose(run)
        let story = try #require(diagnosis.rootCause)
        #expect(story.outcome == .degraded)
        #expect(story.cause == "policy-drift")
        #expect(story.links.map(\.finding).contains("rl-reward-decline"))
        #expect(story.links.map(\.finding).contains("rl-kl-blowup"))
        let f = try #require(diagnosis.findings.first { $0.id == "rl-reward-decline" })
        #expect(f.fixes.contains { $0.contains("KL to the reference rose") })
    }

    @Test func aLearningRateFarAboveTheUsualRangeIsTheRootCause() throws {
        var run = SyntheticRun.healthy(seed: 5, steps: 600, evalEvery: nil)
        run.train = run.train.enumerated().map { i, p in SyntheticRun.Point(step: p.step, value: 0.01 * sin(Double(i))) }
        run.tokensPerSecond = []
        run.lr = run.lr.map { SyntheticRun.Point(step: $0.step, value: 0.01) }
        let reward = riseAndFall(start: 0.2, peak: 0.8, end: 0.3, noise: noise(seed: 12, sd: 0.03))
        run.extra["reward"] = (1...60).map { SyntheticRun.Point(step: $0 * 10, value: reward($0 - 1)) }
        let diagnosis = Diagnostician.diagnose(run.build())
        let story = try #require(diagnosis.rootCause)
        #expect(story.cause == "learning-rate")
        #expect(story.links.map(\.finding) == ["rl-reward-decline", "lr-schedule"])
        #expect(diagnosis.findings.first { $0.id == "lr-schedule" }?.severity == .warning)
    }

    @Test func completionsAtTheLimitOfACollapsedPolicyAreNotLengthHacking() {
        let run = rlRun(["reward": riseAndFall(start: 0.2, peak: 0.8, end: 0.35, noise: noise(seed: 13, sd: 0.03)),
                         "completions/clipped_ratio": { min(0.9, Double($0) / 40) }])
        #expect(!findings(rule, run).isEmpty)
        #expect(findings(RLLengthHackingRule(), run).isEmpty)
    }
}
