import Testing
@testable import Diagnostics
import RunModel

@Suite struct NoTrainingCurveRuleTests {
    let rule = NoTrainingCurveRule()

    /// Like the corpus run aa-n/Qwen3_Lora: logging_steps 996 > max_steps 768, only a final summary.
    @Test func firesWhenLoggingStepsExceedTheRunAndNamesTheCause() throws {
        var run = Run(name: "summary-only", format: "hf-trainer-state")
        run.metadata.loggingSteps = 996
        run.metadata.maxSteps = 768
        run.metadata.meanTrainLoss = 0.97
        let f = try #require(findings(rule, run).first)
        #expect(f.severity == .warning)
        #expect(f.message.contains("logging_steps is 996, more than the run's 768 steps"))
        #expect(f.title.contains("no evaluation"))
        #expect(f.fixes.first?.contains("logging_steps=7") == true)
    }

    @Test func aSingleLoggedPointIsNoCurve() throws {
        let run = SyntheticRun.healthy(seed: 18, steps: 10, logEvery: 10, evalEvery: 10).build()
        let f = try #require(findings(rule, run).first)
        #expect(f.title == "No training-loss curve was logged")
    }

    @Test func aRunWithALossCurveDoesNotFire() {
        #expect(findings(rule, SyntheticRun.healthy(seed: 1).build()).isEmpty)
    }

    /// Like a classic RL loop (W&B history of episode rewards): no loss, but a reward curve to judge by.
    @Test func aRewardCurveWithoutALossIsACurve() {
        var run = Run(name: "episodes", format: "jsonl")
        run.series.append(Series(name: "train/episodic_reward", key: "episodic_reward", role: .reward,
                                 steps: [1, 2, 3], values: [1, 4, 9]))
        #expect(findings(rule, run).isEmpty)
        run.series[0] = Series(name: "train/episodic_reward", key: "episodic_reward", role: .reward, steps: [1], values: [1])
        #expect(findings(rule, run).count == 1, "a single reward point is no curve either")
    }
}
