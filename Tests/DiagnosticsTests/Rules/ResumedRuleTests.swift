import Testing
@testable import Diagnostics
import RunModel

@Suite struct ResumedRuleTests {
    let rule = ResumedRule()

    /// Logs steps 10...1200, then restarts from step 1000 and goes on to 2000.
    func restarted(lrScale: Double) -> Run {
        let base = SyntheticRun.healthy(seed: 1)
        var builder = RunBuilder(name: "resumed", format: "hf-trainer-state", sourcePath: "x")
        for (train, lr) in zip(base.train, base.lr) where train.step <= 1200 {
            builder.add(key: "loss", step: train.step, value: train.value)
            builder.add(key: "learning_rate", step: lr.step, value: lr.value)
        }
        for (train, lr) in zip(base.train, base.lr) where train.step >= 1000 {
            builder.add(key: "loss", step: train.step, value: train.value)
            builder.add(key: "learning_rate", step: lr.step, value: lr.value * lrScale)
        }
        return builder.build()
    }

    @Test func saysWhichStepsWereOverwritten() throws {
        let f = try #require(findings(rule, restarted(lrScale: 1)).first)
        #expect(f.severity == .info)
        #expect(f.steps == 1000...1200)
        #expect(f.message.contains("42 points"))
    }

    @Test func aDifferentLearningRateAfterTheRestartIsAWarning() throws {
        let f = try #require(findings(rule, restarted(lrScale: 2)).first)
        #expect(f.severity == .warning)
        #expect(f.fixes.first?.contains("resume_from_checkpoint") == true)
    }

    @Test func anUninterruptedRunGetsNothing() {
        #expect(findings(rule, SyntheticRun.healthy(seed: 2).build()).isEmpty)
    }
}
