import RunModel
import Testing
@testable import Reports

struct TrainingResultsTableTests {
    private func run(epochs: Bool) -> Run {
        var b = RunBuilder(name: "r", format: "jsonl", sourcePath: "r.jsonl")
        for s in stride(from: 10, through: 40, by: 10) {
            b.add(key: "loss", step: s, value: 2 - Double(s) / 100)
            if epochs { b.add(key: "epoch", step: s, value: Double(s) / 40) }
            if s % 20 == 0 { b.add(key: "eval_loss", step: s, value: 2.1 - Double(s) / 100) }
        }
        return b.build()
    }

    @Test func aRunWithoutEpochsHasNoEpochColumn() {
        let table = TrainingResultsTable(run: run(epochs: false))
        #expect(table.columns == ["Training Loss", "Step", "Validation Loss"])
        #expect(table.rows == [["1.8", "20", "1.9"], ["1.6", "40", "1.7"]])
    }

    @Test func aRunWithEpochsKeepsTheTrainersColumns() {
        let table = TrainingResultsTable(run: run(epochs: true))
        #expect(table.columns == ["Training Loss", "Epoch", "Step", "Validation Loss"])
        #expect(table.rows.first == ["1.8", "0.5", "20", "1.9"])
    }
}
