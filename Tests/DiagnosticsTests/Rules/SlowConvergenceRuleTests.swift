import Testing
@testable import Diagnostics
import RunModel

@Suite struct SlowConvergenceRuleTests {
    let rule = SlowConvergenceRule()

    /// synth_run.py's `plateau`: the loss hardly moves at all.
    func plateau(schedule: SyntheticRun.Schedule = .constant) -> SyntheticRun {
        var run = SyntheticRun.healthy(seed: 1, schedule: schedule)
        SyntheticRun.bend(&run.train, from: 0) { step, v in (2.9 - 0.02 * Double(step) / 2000) * v / SyntheticRun.powerLaw(step) }
        return run
    }

    @Test func firesOverTheHighLearningRateStretch() throws {
        let f = try #require(findings(rule, plateau().build()).first)
        #expect(f.severity == .warning)
        #expect(f.steps == 200...2000)
        #expect(f.fixes.first?.contains("learning_rate") == true)
    }

    @Test func withCosineDecayTheStretchEndsWhereTheLRHalves() throws {
        let f = try #require(findings(rule, plateau(schedule: .cosine).build()).first)
        #expect(f.steps?.lowerBound == 200)
        #expect((1090...1110).contains(f.steps?.upperBound ?? 0))
    }

    @Test func aLossThatFellAndThenPlateauedHasConverged() {
        var run = SyntheticRun.healthy(seed: 2, schedule: .constant)
        SyntheticRun.bend(&run.train, from: 0) { step, v in (step < 200 ? 2.5 - 0.01 * Double(step) : 0.5) * v / SyntheticRun.powerLaw(step) }
        #expect(findings(rule, run.build()).isEmpty)
    }

    @Test func aSlowButSteadyDeclineDoesNotFire() {
        var run = SyntheticRun.healthy(seed: 3, schedule: .constant)
        SyntheticRun.bend(&run.train, from: 0) { step, v in (3.0 - 0.4 * Double(step) / 2000) * v / SyntheticRun.powerLaw(step) }
        #expect(findings(rule, run.build()).isEmpty)
    }
}
