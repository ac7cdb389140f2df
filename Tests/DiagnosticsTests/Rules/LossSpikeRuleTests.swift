import Testing
@testable import Diagnostics
import RunModel

@Suite struct LossSpikeRuleTests {
    let rule = LossSpikeRule()

    @Test func aSingleRecoveredSpikeIsInfoWithItsSteps() throws {
        var run = SyntheticRun.healthy(seed: 1)
        SyntheticRun.bend(&run.train, from: 1000, through: 1010) { _, v in v * 2.5 }
        let found = findings(rule, run.build())
        let f = try #require(found.first)
        #expect(f.severity == .info)
        #expect(f.steps == 1000...1010)
        #expect(found.evidence("spikes") == .integer(1))
        #expect(found.evidence("unrecovered") == .integer(0))
    }

    /// BLOOM-176B's chronicle: the grad norm jumps first. The message says so, with the step.
    @Test func aGradNormJumpAtOrJustBeforeTheSpikeIsNamed() throws {
        var run = SyntheticRun.healthy(seed: 1)
        SyntheticRun.bend(&run.train, from: 1000, through: 1000) { _, v in v * 2.5 }
        SyntheticRun.bend(&run.gradNorm, from: 1000, through: 1000) { _, v in v * 40 }
        let found = findings(rule, run.build())
        let f = try #require(found.first)
        #expect(f.message.contains("The gradient norm jumped"))
        #expect(found.evidence("grad_norm_jump_step") == .integer(1000))
    }

    @Test func aSpikeWithAnOrdinaryGradNormSaysNothingAboutIt() throws {
        var run = SyntheticRun.healthy(seed: 1)
        SyntheticRun.bend(&run.train, from: 1000, through: 1000) { _, v in v * 2.5 }
        let f = try #require(findings(rule, run.build()).first)
        #expect(!f.message.contains("gradient norm"))
    }

    @Test func repeatedSpikesAreAWarning() throws {
        var run = SyntheticRun.healthy(seed: 2)
        for start in [400, 800, 1200, 1600] {
            SyntheticRun.bend(&run.train, from: start, through: start) { _, v in v * 2 }
        }
        let f = try #require(findings(rule, run.build()).first)
        #expect(f.severity == .warning)
        #expect(f.steps == 400...1600)
    }

    @Test func aJumpThatNeverComesBackIsAnError() throws {
        var run = SyntheticRun.healthy(seed: 3)
        SyntheticRun.bend(&run.train, from: 1200) { _, v in v * 3 }
        let found = findings(rule, run.build())
        let f = try #require(found.first)
        #expect(f.severity == .error)
        #expect(f.steps?.lowerBound == 1200)
        #expect(found.evidence("unrecovered") == .integer(1))
    }

    @Test func aBumpWithinTheNoiseDoesNotFire() {
        var run = SyntheticRun.healthy(seed: 4)
        SyntheticRun.bend(&run.train, from: 1000, through: 1000) { _, v in v * 1.2 }
        #expect(findings(rule, run.build()).isEmpty)
    }

    @Test func noisyPerStepLossesDoNotFire() {
        for seed in 0..<6 as Range<UInt64> {
            let run = SyntheticRun.healthy(seed: seed, steps: 1500, logEvery: 1, evalEvery: 100, noise: 0.08)
            #expect(findings(rule, run.build()).isEmpty, "seed \(seed)")
        }
    }

    @Test func negativeLossesAreNotJudged() {
        var run = SyntheticRun.healthy(seed: 5)
        SyntheticRun.bend(&run.train, from: 10) { step, v in step == 1000 ? v * 5 : v - 2.5 }
        #expect(findings(rule, run.build()).isEmpty)
    }

    @Test func aSpikeFollowedByNaNSaysTheLossEndsNonFinite() throws {
        var run = SyntheticRun.healthy(seed: 6)
        SyntheticRun.bend(&run.train, from: 1500, through: 1500) { _, v in v * 8 }
        SyntheticRun.bend(&run.train, from: 1510) { _, _ in .nan }
        let f = try #require(findings(rule, run.build()).first)
        #expect(f.message.contains("the loss ends non-finite (NaN at step 2000)"), "\(f.message)")
    }
}
