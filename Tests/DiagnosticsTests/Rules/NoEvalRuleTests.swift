import Testing
@testable import Diagnostics
import RunModel

@Suite struct NoEvalRuleTests {
    let rule = NoEvalRule()

    @Test func firesWithoutAnyEvalMetricOverTheWholeRun() throws {
        let run = SyntheticRun.healthy(seed: 1, evalEvery: nil)
        let f = try #require(findings(rule, run.build()).first)
        #expect(f.severity == .warning)
        #expect(f.steps == 10...2000)
    }

    @Test func anyEvalMetricIsEnough() {
        var run = SyntheticRun.healthy(seed: 1, evalEvery: nil)
        run.extra["eval_accuracy"] = [.init(step: 1000, value: 0.8), .init(step: 2000, value: 0.85)]
        #expect(findings(rule, run.build()).isEmpty)
        #expect(findings(rule, SyntheticRun.healthy(seed: 1).build()).isEmpty)
    }

    @Test func saysNothingAboutAnEmptyRun() {
        #expect(findings(rule, Run(name: "empty", format: "jsonl")).isEmpty)
    }
}
