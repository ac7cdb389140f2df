import Foundation
import RunModel
import Testing
@testable import Charts

struct LearningRateChartTests {
    /// HF logs peak * (s - 1) / warmup: with warmup_steps=500 logged every 25 steps the first point at
    /// the peak is step 525, but warmup ended at 501, where the diagnostics (`LRSchedule`) say.
    @Test func warmupRuleSitsWhereTheScheduleSaysNotAtTheFirstLoggedPeak() throws {
        var b = RunBuilder(name: "whisper", format: "synthetic", sourcePath: "synthetic")
        for s in stride(from: 25, through: 1500, by: 25) {
            let done = Double(s - 1)
            let lr = done < 500 ? 1e-4 * done / 500 : 1e-4 * 0.5 * (1 + cos(Double.pi * (done - 500) / 10_490))
            b.add(key: "learning_rate", step: s, value: lr)
            b.add(key: "loss", step: s, value: 1)
        }
        let chart = try #require(ChartFactory.charts(for: b.build(), findings: []).first { $0.kind == .learningRate })
        let rules = chart.panels[0].layers.compactMap { layer -> (Double, String?)? in
            if case .verticalRule(let x, _, let label) = layer { (x, label) } else { nil }
        }
        #expect(rules.count == 1)
        #expect(rules.first?.0 == 501)
        #expect(rules.first?.1 == "warmup ends, step 501")
        // The warmup end the chart marks is the one the sentence (and the health table) states.
        #expect(chart.description.contains("warming up over 500 steps until step 501 to a peak of 1e-4 (first logged at step 525)"))
    }
}
