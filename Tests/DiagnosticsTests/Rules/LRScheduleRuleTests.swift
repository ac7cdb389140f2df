import Testing
@testable import Diagnostics
import RunModel

@Suite struct LRScheduleRuleTests {
    let rule = LRScheduleRule()

    @Test func recoversWarmupPeakAndCosineDecayAsInfo() throws {
        let found = findings(rule, SyntheticRun.healthy(seed: 1, warmupFraction: 0.1).build())
        let f = try #require(found.first)
        #expect(f.severity == .info)
        #expect(f.steps == 10...2000)
        #expect(found.evidence("warmup_steps") == .integer(200))
        #expect(found.evidence("peak_lr") == .number(2e-4))
        #expect(found.evidence("decay_shape") == .text("cosine"))
        #expect(f.title.contains("warmup 200 steps (10%)"))
    }

    @Test func recoversWarmupBetweenLoggedPointsAndLinearDecay() {
        let found = findings(rule, SyntheticRun.healthy(seed: 2, steps: 1000, logEvery: 25, warmupFraction: 0.03, schedule: .linear).build())
        // The true peak falls between logged points, so the estimate can be a step short.
        guard case .integer(let warmup)? = found.evidence("warmup_steps") else { Issue.record("no warmup_steps"); return }
        #expect((29...30).contains(warmup))
        #expect(found.evidence("decay_shape") == .text("linear"))
    }

    @Test func warmupLongerThanTheRunIsAWarning() throws {
        let run = SyntheticRun.healthy(seed: 3, warmupFraction: 1.5)
        let f = try #require(findings(rule, run.build()).first)
        #expect(f.severity == .warning)
        #expect(f.message.contains("still rising"))
    }

    @Test func noWarmupIsInfo() {
        let low = findings(rule, SyntheticRun.healthy(seed: 4, peakLR: 2e-5, warmupFraction: 0).build())
        #expect(low.first?.severity == .info)
        #expect(low.first?.message.contains("no warmup") == true)
    }

    @Test func constantScheduleAndUnusualPeakAreInfo() throws {
        let found = findings(rule, SyntheticRun.healthy(seed: 5, peakLR: 5e-3, schedule: .constant).build())
        let f = try #require(found.first)
        #expect(f.severity == .info)
        #expect(found.evidence("decay_shape") == .text("constant"))
        #expect(f.message.contains("no decay") && f.message.contains("5x above the top of the usual range"))
    }
}
