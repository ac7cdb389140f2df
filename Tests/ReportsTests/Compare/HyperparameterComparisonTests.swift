import RunModel
import Testing
@testable import Reports

struct HyperparameterComparisonTests {
    @Test func settingsSplitIntoDifferingAndSharedInFirstSeenOrder() {
        let table = HyperparameterComparison(settings: [
            [ReportFact("lr", "1e-4"), ReportFact("batch", "16"), ReportFact("seed", "42")],
            [ReportFact("batch", "16"), ReportFact("lr", "3e-4"), ReportFact("warmup", "100"), ReportFact("seed", "42")],
        ])
        #expect(table.differing == [
            HyperparameterComparison.Row(key: "lr", values: ["1e-4", "3e-4"]),
            HyperparameterComparison.Row(key: "warmup", values: [nil, "100"]),
        ])
        #expect(table.shared == [ReportFact("batch", "16"), ReportFact("seed", "42")])
    }

    @Test func runsAreComparedOnFormatModelAndTheirReportSettings() {
        var a = ReportFixtures.run(name: "a")
        var b = ReportFixtures.run(name: "b")
        b.metadata.maxSteps = 600
        b.metadata.modelName = nil
        a.metadata.setExtra("seed", "1")
        let table = HyperparameterComparison(runs: [a, b])
        #expect(table.differing.map(\.key) == ["model", "max_steps", "seed"])
        #expect(table.differing[0].values == ["tiny-gpt2", nil])
        #expect(table.shared.map(\.label).prefix(2) == ["input format", "num_train_epochs"])
    }
}
