import Foundation
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

    /// What a far-too-low learning rate looks like (SampleRuns/hf-slow-convergence): still falling at
    /// the same pace at the end, yet only ~13% below where it started.
    @Test func aLossCrawlingDownAtASteadyPaceFires() throws {
        var run = SyntheticRun.healthy(seed: 3, schedule: .constant)
        SyntheticRun.bend(&run.train, from: 0) { step, v in (3.0 - 0.4 * Double(step) / 2000) * v / SyntheticRun.powerLaw(step) }
        let f = try #require(findings(rule, run.build()).first)
        #expect(f.title.contains("crawling"))
    }

    /// A fine-tune that starts near its final loss improves little and flattens out: converged, not slow.
    @Test func aSmallDeclineThatFlattensOutDoesNotFire() {
        var run = SyntheticRun.healthy(seed: 3, schedule: .constant)
        SyntheticRun.bend(&run.train, from: 0) { step, v in (2.6 + 0.4 * exp(-Double(step) / 250)) * v / SyntheticRun.powerLaw(step) }
        #expect(findings(rule, run.build()).isEmpty)
    }

    /// Fell far (raw levels), then climbed back: not a slow descent, whatever its smoothed start says.
    @Test func aLossThatFellAndRoseAgainDoesNotFire() {
        var run = SyntheticRun.healthy(seed: 4, schedule: .constant)
        SyntheticRun.bend(&run.train, from: 0) { step, v in
            let level = step < 300 ? 25_000 - 75 * Double(step) : 2_100 + 3.2 * Double(step - 300)
            return level * v / SyntheticRun.powerLaw(step)
        }
        #expect(findings(rule, run.build()).isEmpty)
    }

    @Test func aDivergedLossIsLeftToTheDivergenceRules() {
        var run = plateau()
        SyntheticRun.bend(&run.train, from: 1900) { _, _ in .nan }
        #expect(findings(rule, run.build()).isEmpty)
    }

    @Test func tooFewPointsInTheStretchSayNothing() {
        var run = plateau()
        run.train = run.train.enumerated().filter { $0.offset % 100 == 0 }.map(\.element)
        #expect(findings(rule, run.build()).isEmpty)
    }
}
