import Testing
@testable import Diagnostics
import RunModel

@Suite struct SuspiciousLossRuleTests {
    let rule = SuspiciousLossRule()

    @Test func anExactlyConstantLossIsAWarning() throws {
        var run = SyntheticRun.healthy(seed: 1)
        SyntheticRun.bend(&run.train, from: 500, through: 800) { _, _ in 2.0794 }
        let f = try #require(findings(rule, run.build()).first)
        #expect(f.severity == .warning)
        #expect(f.steps == 500...800)
    }

    /// A run whose loss is NaN at every logged step (diverged before the first log) once crashed here.
    @Test func aLossThatIsNeverFiniteSaysNothingAndDoesNotCrash() {
        var run = SyntheticRun.healthy(seed: 3)
        SyntheticRun.bend(&run.train, from: 0) { _, _ in .nan }
        #expect(findings(rule, run.build()).allSatisfy { $0.metric != "train/loss" })
    }

    @Test func aJumpToExactlyZeroIsAWarningAndCreepingDownIsInfo() throws {
        var jump = SyntheticRun.healthy(seed: 2)
        SyntheticRun.bend(&jump.train, from: 1500) { _, _ in 0 }
        let f = try #require(findings(rule, jump.build()).first)
        #expect(f.severity == .warning)
        #expect(f.steps == 1500...2000)

        var memorised = SyntheticRun.healthy(seed: 2)
        SyntheticRun.bend(&memorised.train, from: 10) { step, _ in step >= 1900 ? 0 : 0.0004 * Double(2000 - step) / 100 }
        #expect(findings(rule, memorised.build()).first { $0.title.contains("exactly 0") }?.severity == .info)
    }

    @Test func anEvalLossFarBelowTrainIsInfoNamingTheInnocentCauses() throws {
        var run = SyntheticRun.healthy(seed: 3)
        SyntheticRun.bend(&run.eval, from: 0) { _, v in v * 0.3 }
        run.metadata.setExtra("args.per_device_train_batch_size", "8")
        run.metadata.setExtra("args.per_device_eval_batch_size", "16")
        let f = try #require(findings(rule, run.build()).first)
        #expect(f.severity == .info)
        #expect(f.metric == "eval/loss")
        #expect(f.steps == 600...2000)
        #expect(f.message.contains("dropout"))
        #expect(f.message.contains("batches of 8 but evaluated with 16"))
    }

    @Test func anExtremelyLowEvalLossIsAWarning() throws {
        var run = SyntheticRun.healthy(seed: 3)
        SyntheticRun.bend(&run.eval, from: 0) { _, v in v * 0.05 }
        #expect(try #require(findings(rule, run.build()).first).severity == .warning)
    }

    @Test func ordinaryRunsAndRLLossesDoNot() {
        #expect(findings(rule, SyntheticRun.healthy(seed: 4).build()).isEmpty)
        var rl = SyntheticRun.healthy(seed: 4, evalEvery: nil)
        SyntheticRun.bend(&rl.train, from: 0) { step, _ in step < 300 ? 0 : -0.01 }
        #expect(findings(rule, rl.build()).isEmpty)
        var dpo = SyntheticRun.healthy(seed: 5, steps: 75, logEvery: 1, evalEvery: nil)
        SyntheticRun.bend(&dpo.train, from: 1, through: 4) { _, _ in 0.6931 }
        #expect(findings(rule, dpo.build()).isEmpty)
    }
}
