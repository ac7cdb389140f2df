import Testing
@testable import Diagnostics
import RunModel

@Suite struct UnderfittingRuleTests {
    let rule = UnderfittingRule()

    /// synth_run.py's `underfit`: 3.3 -> 3.15, eval right next to train.
    @Test func firesWhenBothLossesStayHigh() throws {
        var run = SyntheticRun.healthy(seed: 1)
        SyntheticRun.bend(&run.train, from: 0) { step, v in (3.3 - 0.15 * Double(step) / 2000) * v / SyntheticRun.powerLaw(step) }
        SyntheticRun.bend(&run.eval, from: 0) { step, v in (3.3 - 0.15 * Double(step) / 2000) * 1.02 * v / (1.05 * SyntheticRun.powerLaw(step)) }
        let f = try #require(findings(rule, run.build()).first)
        #expect(f.severity == .warning)
        #expect(f.steps == 10...2000)
        #expect(f.metric == "eval/loss")
    }

    /// A continuation log (a resumed job's new file) starts far into the run: its first points are
    /// not the run's start, so "little reduction from the start" cannot be measured.
    @Test func aContinuationLogIsNotJudged() {
        var run = SyntheticRun.healthy(seed: 1)
        SyntheticRun.bend(&run.train, from: 0) { step, v in (3.3 - 0.15 * Double(step) / 2000) * v / SyntheticRun.powerLaw(step) }
        SyntheticRun.bend(&run.eval, from: 0) { step, v in (3.3 - 0.15 * Double(step) / 2000) * 1.02 * v / (1.05 * SyntheticRun.powerLaw(step)) }
        for keyPath in [\SyntheticRun.train, \.eval, \.lr, \.gradNorm, \.epoch, \.tokensPerSecond] {
            run[keyPath: keyPath].removeAll { $0.step < 800 }
        }
        #expect(findings(rule, run.build()).isEmpty)
    }

    @Test func aHealthyRunOrAnOverfitRunDoesNot() {
        #expect(findings(rule, SyntheticRun.healthy(seed: 2).build()).isEmpty)
        var run = SyntheticRun.healthy(seed: 3)
        SyntheticRun.bend(&run.train, from: 0) { step, v in (3.3 - 0.15 * Double(step) / 2000) * v / SyntheticRun.powerLaw(step) }
        SyntheticRun.bend(&run.eval, from: 0) { _, v in v * 2 }
        #expect(findings(rule, run.build()).isEmpty)
    }
}
