import Testing
@testable import Diagnostics
import RunModel

@Suite struct LowGPUUtilizationRuleTests {
    let rule = LowGPUUtilizationRule()

    func run(level: Double) -> Run {
        var run = SyntheticRun.healthy(seed: 1)
        run.extra["gpu_util"] = run.train.map { .init(step: $0.step, value: level) }
        return run.build()
    }

    @Test func firesBelowEightyPercentAndReadsFractions() throws {
        let f = try #require(findings(rule, run(level: 55)).first)
        #expect(f.severity == .warning)
        #expect(f.steps == 10...2000)
        #expect(findings(rule, run(level: 0.55)).first?.title.contains("55%") == true)
    }

    @Test func aBusyGPUDoesNot() {
        #expect(findings(rule, run(level: 93)).isEmpty)
        #expect(findings(rule, run(level: 0.93)).isEmpty)
    }
}
