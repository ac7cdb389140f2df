import Testing
@testable import Diagnostics
import RunModel

@Suite struct LossNonFiniteRuleTests {
    let rule = LossNonFiniteRule()

    @Test func transientNaNGradNormsUnderFP16AreInfo() throws {
        var run = SyntheticRun.healthy(seed: 1, steps: 75, logEvery: 1, evalEvery: nil)
        SyntheticRun.bend(&run.gradNorm, from: 1) { step, v in [1, 2, 18, 74].contains(step) ? .nan : v }
        let f = try #require(findings(rule, run.build()).first)
        #expect(f.severity == .info)
        #expect(f.steps == 1...74)
        #expect(f.metric == "train/grad_norm")
        #expect(f.message.contains("logging_nan_inf_filter"))
    }

    @Test func nanToTheEndIsADivergence() throws {
        var run = SyntheticRun.healthy(seed: 2)
        SyntheticRun.bend(&run.train, from: 1210) { _, _ in .nan }
        SyntheticRun.bend(&run.gradNorm, from: 1200) { _, _ in .nan }
        SyntheticRun.bend(&run.eval, from: 1400) { _, _ in .nan }
        let found = findings(rule, run.build())
        let f = try #require(found.first)
        #expect(found.count == 1)
        #expect(f.severity == .error)
        #expect(f.steps == 1200...2000)
        #expect(found.evidence("train_loss_recovered") == .text("no"))
    }

    @Test func persistentNaNGradNormBehindAFilteredLossIsAnError() throws {
        var run = SyntheticRun.healthy(seed: 3)
        SyntheticRun.bend(&run.gradNorm, from: 1500) { _, _ in .nan }
        SyntheticRun.bend(&run.train, from: 1500) { _, _ in 0 }
        let f = try #require(findings(rule, run.build()).first)
        #expect(f.severity == .error)
        #expect(f.steps == 1500...2000)
        #expect(f.message.contains("exactly 0.0"))
    }

    @Test func aTransientNaNLossIsAWarning() throws {
        var run = SyntheticRun.healthy(seed: 4)
        SyntheticRun.bend(&run.train, from: 600, through: 610) { _, _ in .infinity }
        let f = try #require(findings(rule, run.build()).first)
        #expect(f.severity == .warning)
        #expect(f.steps == 600...610)
        #expect(f.metric == "train/loss")
    }

    @Test func frequentNaNGradNormsAreAWarning() {
        var run = SyntheticRun.healthy(seed: 5)
        SyntheticRun.bend(&run.gradNorm, from: 10) { step, v in step % 200 == 0 ? .nan : v }
        #expect(findings(rule, run.build()).first?.severity == .info)
        SyntheticRun.bend(&run.gradNorm, from: 10) { step, v in step % 30 == 0 ? .nan : v }
        #expect(findings(rule, run.build()).first?.severity == .warning)
    }

    @Test func finiteRunsGetNothing() {
        #expect(findings(rule, SyntheticRun.healthy(seed: 6).build()).isEmpty)
    }
}
