import Testing
@testable import Diagnostics
import RunModel

@Suite struct ThroughputDropRuleTests {
    let rule = ThroughputDropRule()

    @Test func aSustainedDropIsAWarningOverItsSteps() throws {
        var run = SyntheticRun.healthy(seed: 1)
        SyntheticRun.bend(&run.tokensPerSecond, from: 1200, through: 1400) { _, v in v * 0.3 }
        let f = try #require(findings(rule, run.build()).first)
        #expect(f.severity == .warning)
        #expect(f.steps == 1200...1400)
        #expect(f.metric == "train/tokens_per_second")
    }

    @Test func aShortDipDoesNot() {
        var run = SyntheticRun.healthy(seed: 2)
        SyntheticRun.bend(&run.tokensPerSecond, from: 1200, through: 1230) { _, v in v * 0.3 }
        #expect(findings(rule, run.build()).isEmpty)
    }

    @Test func stallsFromWallTimesSkipEvaluationPauses() throws {
        var builder = RunBuilder(name: "walltime", format: "tensorboard-csv", sourcePath: "x")
        for step in stride(from: 10, through: 1000, by: 10) {
            var t = Double(step) * 0.5
            if step > 500 { t += 3600 }
            builder.add(key: "loss", step: step, wallTime: 1_700_000_000 + t, value: SyntheticRun.powerLaw(step))
            if step % 200 == 0 { builder.add(key: "eval_loss", step: step, wallTime: nil, value: SyntheticRun.powerLaw(step)) }
        }
        let f = try #require(findings(rule, builder.build()).first)
        #expect(f.steps == 500...510)
        #expect(f.severity == .warning)
    }
}
