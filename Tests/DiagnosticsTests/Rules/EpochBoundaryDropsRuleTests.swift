import Foundation
import Testing
@testable import Diagnostics
import RunModel

@Suite struct EpochBoundaryDropsRuleTests {
    let rule = EpochBoundaryDropsRule()

    /// Three epochs of 600 steps; the loss steps down by 25% as each new epoch starts.
    func staircase(evalRises: Bool) -> SyntheticRun {
        var run = SyntheticRun.healthy(seed: 1, steps: 1800, epochs: 3)
        SyntheticRun.bend(&run.train, from: 0) { step, v in v * pow(0.75, Double((step - 1) / 600)) }
        if evalRises { SyntheticRun.bend(&run.eval, from: 800) { step, v in v * (1 + Double(step - 600) / 2000) } }
        return run
    }

    @Test func firesAtTheBoundariesAndWarnsWhenEvalWorsens() throws {
        let quiet = try #require(findings(rule, staircase(evalRises: false).build()).first)
        #expect(quiet.severity == .info)
        #expect(quiet.steps == 610...1210)
        let loud = try #require(findings(rule, staircase(evalRises: true).build()).first)
        #expect(loud.severity == .warning)
    }

    @Test func aSmoothMultiEpochRunDoesNot() {
        #expect(findings(rule, SyntheticRun.healthy(seed: 2, steps: 1800, logEvery: 5, epochs: 3).build()).isEmpty)
    }
}
