import Foundation
import Testing
@testable import Diagnostics
import RunModel

@Suite struct GradNormExplosionRuleTests {
    let rule = GradNormExplosionRule()

    @Test func aModerateSpikeIsInfo() throws {
        var run = SyntheticRun.healthy(seed: 1)
        SyntheticRun.bend(&run.gradNorm, from: 700, through: 700) { _, v in v * 40 }
        let found = findings(rule, run.build())
        let f = try #require(found.first)
        #expect(f.severity == .info)
        #expect(f.steps == 700...700)
        #expect(found.evidence("largest_step") == .integer(700))
    }

    @Test func aHugeSpikeIsAWarningAndMentionsClipping() throws {
        var run = SyntheticRun.healthy(seed: 2)
        SyntheticRun.bend(&run.gradNorm, from: 1310, through: 1320) { _, v in v * 300 }
        let f = try #require(findings(rule, run.build()).first)
        #expect(f.severity == .warning)
        #expect(f.steps == 1320...1320 || f.steps == 1310...1310)
        #expect(f.message.contains("max_grad_norm=1"))
        #expect(f.message.contains("assumed"), "the run does not record max_grad_norm, so the threshold is an assumption")
    }

    @Test func steadyGrowthIsAWarning() throws {
        var run = SyntheticRun.healthy(seed: 3)
        SyntheticRun.bend(&run.gradNorm, from: 400) { step, v in v * exp(Double(step - 400) / 600) }
        let found = findings(rule, run.build())
        let growth = try #require(found.first { $0.title.contains("grew") })
        #expect(growth.severity == .warning)
        #expect(growth.steps?.upperBound == 2000)
    }

    @Test func spikesBelowTheFactorAndNoiseDoNotFire() {
        var run = SyntheticRun.healthy(seed: 4)
        SyntheticRun.bend(&run.gradNorm, from: 900, through: 900) { _, v in v * 5 }
        #expect(findings(rule, run.build()).isEmpty)
        for seed in 0..<5 as Range<UInt64> {
            let noisy = SyntheticRun.healthy(seed: seed, steps: 3000, logEvery: 1, evalEvery: 300)
            #expect(findings(rule, noisy.build()).isEmpty, "seed \(seed)")
        }
    }

    @Test func theEarlyDecayOfLargeInitialNormsIsNotGrowth() {
        var run = SyntheticRun.healthy(seed: 5)
        SyntheticRun.bend(&run.gradNorm, from: 10) { step, v in v * (1 + 20 * exp(-Double(step) / 100)) }
        #expect(findings(rule, run.build()).isEmpty)
    }
}
