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

    /// The new attempt logs from 1005 (its own logging phase) while the old points from 1010 on are
    /// the overwritten ones: the range starts at the first overwritten point. Different losses at the
    /// same steps are a warning.
    @Test func theRangeStartsAtTheFirstOverwrittenPointAndDifferentValuesWarn() throws {
        let base = SyntheticRun.healthy(seed: 1)
        var builder = RunBuilder(name: "resumed", format: "jsonl", sourcePath: "x")
        for p in base.train where p.step <= 1200 { builder.add(key: "loss", step: p.step, value: p.value) }
        for p in base.train where p.step >= 1000 { builder.add(key: "loss", step: p.step + 5, value: p.value) }
        let shifted = try #require(findings(rule, builder.build()).first)
        #expect(shifted.steps?.lowerBound == 1010)
        #expect([shifted].evidence("first_overwritten_step") == .integer(1010))

        var differing = RunBuilder(name: "resumed", format: "jsonl", sourcePath: "x")
        for p in base.train where p.step <= 1200 { differing.add(key: "loss", step: p.step, value: p.value) }
        for p in base.train where p.step >= 1000 { differing.add(key: "loss", step: p.step, value: p.value * 1.1) }
        let f = try #require(findings(rule, differing.build()).first)
        #expect(f.severity == .warning)
        #expect(f.message.contains("different training losses"))
    }

    @Test func aCounterThatStartsAgainIsNotAResume() throws {
        let base = SyntheticRun.healthy(seed: 1)
        var builder = RunBuilder(name: "twice", format: "jsonl", sourcePath: "x")
        for p in base.train { builder.add(key: "loss", step: p.step, value: p.value) }
        for p in base.train where p.step <= 400 { builder.add(key: "loss", step: p.step, value: p.value * 1.2) }
        let f = try #require(findings(rule, builder.build()).first)
        #expect(f.title.contains("Step counter restarted"))
        #expect(f.severity == .info)
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
