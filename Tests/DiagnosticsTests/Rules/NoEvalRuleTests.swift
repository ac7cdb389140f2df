import Testing
@testable import Diagnostics
import RunModel

@Suite struct NoEvalRuleTests {
    let rule = NoEvalRule()

    @Test func firesWithoutAnyEvalMetricOverTheWholeRun() throws {
        let run = SyntheticRun.healthy(seed: 1, evalEvery: nil)
        let f = try #require(findings(rule, run.build()).first)
        #expect(f.severity == .warning)
        #expect(f.steps == 10...2000)
    }

    @Test func anyEvalMetricIsEnough() {
        var run = SyntheticRun.healthy(seed: 1, evalEvery: nil)
        run.extra["eval_accuracy"] = [.init(step: 1000, value: 0.8), .init(step: 2000, value: 0.85)]
        #expect(findings(rule, run.build()).isEmpty)
        #expect(findings(rule, SyntheticRun.healthy(seed: 1).build()).isEmpty)
    }

    @Test func aTestSplitCountsAsEvaluation() {
        var run = SyntheticRun.healthy(seed: 1, evalEvery: nil)
        run.extra["test_loss"] = [.init(step: 2000, value: 0.9)]
        #expect(findings(rule, run.build()).isEmpty)
        var metric = SyntheticRun.healthy(seed: 1, evalEvery: nil)
        metric.extra["test/acc"] = [.init(step: 2000, value: 0.7)]
        #expect(findings(rule, metric.build()).isEmpty)
    }

    @Test func anRLRunThatLogsItsRewardGetsInfo() throws {
        var run = SyntheticRun.healthy(seed: 1, evalEvery: nil)
        run.extra["reward"] = run.train.map { .init(step: $0.step, value: 0.5) }
        run.extra["kl"] = run.train.map { .init(step: $0.step, value: 0.01) }
        let f = try #require(findings(rule, run.build()).first)
        #expect(f.severity == .info)
        #expect(f.metric == "train/reward")
    }

    @Test func saysNothingAboutAnEmptyRun() {
        #expect(findings(rule, Run(name: "empty", format: "jsonl")).isEmpty)
    }
}
