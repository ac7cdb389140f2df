import Testing
@testable import Diagnostics
import RunModel

/// Every rule at once over runs that are fine: ordinary noise, several seeds, other schedules, short
/// runs (down to 5 points; a single point is no curve, see NoTrainingCurveRuleTests). Nothing above
/// info may come out, and the verdict must be healthy.
@Suite struct HealthyRunTests {
    static let runs: [(String, SyntheticRun)] = {
        var runs: [(String, SyntheticRun)] = []
        for seed in 0..<6 as Range<UInt64> {
            runs.append(("seed \(seed)", .healthy(seed: seed)))
        }
        runs.append(("noisy per-step", .healthy(seed: 11, steps: 1200, logEvery: 1, evalEvery: 100, noise: 0.08)))
        runs.append(("linear schedule", .healthy(seed: 12, schedule: .linear)))
        runs.append(("LoRA 3 epochs", .healthy(seed: 13, steps: 900, logEvery: 5, evalEvery: 100, peakLR: 2e-4, warmupFraction: 0.03)))
        runs.append(("full fine-tune", .healthy(seed: 14, steps: 3000, logEvery: 25, evalEvery: 500, peakLR: 2e-5, warmupFraction: 0.06, schedule: .linear)))
        runs.append(("5 points", .healthy(seed: 15, steps: 50, logEvery: 10, evalEvery: 25)))
        runs.append(("12 points", .healthy(seed: 16, steps: 120, logEvery: 10, evalEvery: 40)))
        runs.append(("30 points", .healthy(seed: 17, steps: 300, logEvery: 10, evalEvery: 50, noise: 0.04)))
        return runs
    }()

    @Test(arguments: runs.indices)
    func healthyRunsRaiseNothingAboveInfo(_ index: Int) {
        let (label, synthetic) = Self.runs[index]
        let diagnosis = Diagnostician.diagnose(synthetic.build())
        #expect(diagnosis.findings.serious.isEmpty, "\(label): \(diagnosis.findings.serious.map(\.title))")
        #expect(diagnosis.verdict == .healthy, "\(label)")
    }
}
