import Foundation
import RunModel
import Testing
@testable import Ingest

/// A run is everything one training left behind: every source in a run folder is read and merged.
@Suite struct RunAssemblyTests {
    static func state(losses: [(Int, String)]) -> String {
        Fixtures.trainerState(entries: losses.map { Fixtures.train(step: $0.0, loss: $0.1) })
    }

    static func events(steps: [Int], loss: (Int) -> Float, start: Double = 1_700_000_000) -> Data {
        TFEventsWriter.file(steps.enumerated().map { n, step in
            TFEventsWriter.event(step: step, wall: start + Double(n), values: [TFEventsWriter.simple("train/loss", loss(step))])
        })
    }

    @Test func anHFOutputDirWithEventsInLogsIsOneRunThatKnowsOfTheResume() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        // The Trainer rewrote log_history on resume: trainer_state.json shows no restart.
        try dir.write("out/trainer_state.json", Self.state(losses: [(10, "2.75"), (20, "2.5"), (30, "2.25")]))
        try dir.write("out/logs/events.out.tfevents.1700000000.host.1.0", Self.events(steps: [10, 20, 30, 40], loss: { 3 - Float($0) / 40 }))
        try dir.write("out/logs/events.out.tfevents.1700000900.host.2.0", Self.events(steps: [20, 30], loss: { 3 - Float($0) / 40 }, start: 1_700_000_900))
        let found = RunDiscovery.discover([dir.path])
        #expect(found.runs.map(\.name) == ["out"])
        let run = try RunLoader.load(try #require(found.runs.first))
        #expect(run.format == "hf-trainer-state")
        #expect(Set(run.provenance.sources.map(\.format)) == ["hf-trainer-state", "tfevents"])
        #expect(run.provenance.restarts.map(\.step) == [20])
        #expect(run.segments == 2)
        #expect(run.provenance.seriesSources["train/loss"]?.contains("tfevents") == true)
        #expect(run.provenance.seriesSources["train/learning_rate"]?.hasSuffix("trainer_state.json") == true)
        #expect(!run.warnings.contains { $0.message.contains("disagree") })
    }

    @Test func sourcesThatDisagreeGiveAWarningNamingBothFiles() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        try dir.write("out/trainer_state.json", Self.state(losses: [(10, "2.5"), (20, "2.25"), (30, "2.0")]))
        try dir.write("out/runs/May01/events.out.tfevents.1700000000.host.1.0", Self.events(steps: [10, 20], loss: { $0 == 20 ? 9.0 : 2.5 }))
        let run = try RunLoader.load(dir.path + "/out")
        let warning = try #require(run.warnings.first { $0.message.contains("disagree") })
        #expect(warning.message.contains("trainer_state.json") && warning.message.contains("events.out.tfevents"))
        #expect(warning.message.contains("1 of 2 common steps"))
        #expect(run.series(.trainLoss)?.values == [2.5, 2.25, 2.0])
    }

    @Test func float32AndPrintedRoundingAreNotDisagreements() {
        #expect(RunAssembler.sameValue(2.345678901234, Double(Float(2.345678901234))))
        #expect(RunAssembler.sameValue(4.65898323059082, 4.659))
        #expect(RunAssembler.sameValue(0.000111111, 0.0001111))
        #expect(!RunAssembler.sameValue(4.65898323059082, 4.67))
        #expect(!RunAssembler.sameValue(2.5, 2.6))
    }

    @Test func anOutOfMemoryLineInTheRunsTextLogBelongsToTheRun() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        try dir.write("out/checkpoint-10/trainer_state.json", Self.state(losses: [(10, "2.5")]))
        try dir.write("out/train.log", """
            {'loss': 2.5, 'grad_norm': 1.0, 'learning_rate': 5e-05, 'epoch': 0.33}
            {'loss': 2.25, 'grad_norm': 1.0, 'learning_rate': 5e-05, 'epoch': 0.67}
            torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB
            """)
        let run = try RunLoader.load(dir.path + "/out")
        #expect(run.provenance.sources.map(\.format).contains("hf-text-log"))
        #expect(run.metadata.logEvents.contains { $0.kind == .outOfMemory })
    }

    @Test func summaryFilesAndConfigFeedTheMetadataAndAreNotRuns() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let noSummary = Self.state(losses: [(10, "2.5"), (20, "2.25")])
        try dir.write("out/trainer_state.json", noSummary)
        try dir.write("out/all_results.json", "{\n    \"epoch\": 1.0,\n    \"eval_loss\": 2.1,\n    \"train_loss\": 2.3,\n    \"train_runtime\": 12.5\n}\n")
        try dir.write("out/config.json", "{\"model_type\": \"gpt2\"}\n")
        let found = RunDiscovery.discover([dir.path])
        #expect(found.runs.count == 1)
        #expect(found.skipped.contains { $0.path.hasSuffix("all_results.json") && $0.message.contains("summary file") })
        let run = try RunLoader.load(try #require(found.runs.first))
        #expect(run.metadata.hasFinalSummary)
        #expect(run.metadata.trainRuntime == 12.5)
        #expect(run.metadata.extra.contains { $0.key == "summary.eval_loss" && $0.value == "2.1" })
        #expect(run.metadata.modelName == "gpt2")
    }

    @Test func strayJSONFilesInAWalkedFolderAreSkippedButNamedDirectlyAreErrors() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        try dir.write("archive/a/train_log.jsonl", "{\"step\": 1, \"loss\": 1.0}\n{\"step\": 2, \"loss\": 0.9}\n")
        let labels = try dir.write("archive/LABELS.json", "{\n    \"0\": \"negative\",\n    \"1\": \"positive\"\n}\n")
        try dir.write("archive/results.json", "{\"accuracy\": 0.91, \"f1\": 0.88}\n")
        try dir.write("archive/a/wandb/wandb-summary.json", "{\"_step\": 2, \"loss\": 0.9}\n")
        try dir.write("archive/trainer_state.json", "{\n  \"notes\": \"not a state\"\n}\n")
        let found = RunDiscovery.discover([dir.path + "/archive"])
        #expect(found.runs.map(\.name) == ["a"])
        #expect(found.problems.isEmpty)
        for name in ["LABELS.json", "results.json", "wandb-summary.json", "trainer_state.json"] {
            #expect(found.skipped.contains { $0.path.hasSuffix(name) }, "\(name) should be skipped with a reason")
        }
        #expect(throws: IngestError.self) { try RunLoader.resolve(labels) }
    }

    @Test func lightningCSVAndTensorBoardLoggersOfOneTrainingAreOneRun() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let hparams = "hidden: 16\nlr: 0.05\noptimizer:\n  name: sgd\n"
        try dir.write("lightning_logs/csv_logs/version_0/metrics.csv", "epoch,step,train_loss,val_loss\n0,9,1.5,\n0,9,,1.4\n0,19,1.2,\n")
        try dir.write("lightning_logs/csv_logs/version_0/hparams.yaml", hparams)
        try dir.write("lightning_logs/tb_logs/version_0/hparams.yaml", hparams)
        try dir.write("lightning_logs/tb_logs/version_0/events.out.tfevents.1700000000.host.5.0", TFEventsWriter.file([
            TFEventsWriter.event(step: 9, values: [TFEventsWriter.simple("train_loss", 1.5)]),
            TFEventsWriter.event(step: 19, values: [TFEventsWriter.simple("train_loss", 1.2)]),
        ]))
        try dir.write("lightning_logs/csv_logs/version_1/metrics.csv", "epoch,step,train_loss\n0,9,1.7\n")
        let found = RunDiscovery.discover([dir.path])
        #expect(found.runs.map(\.name).sorted() == ["csv_logs/version_1", "lightning_logs/version_0"])
        let pair = try #require(found.runs.first { $0.name == "lightning_logs/version_0" })
        let run = try RunLoader.load(pair)
        #expect(Set(run.provenance.sources.map(\.format)) == ["lightning-csv", "tfevents"])
        #expect(run.metadata.extra.contains { $0.key == "hparams.lr" && $0.value == "0.05" })
        #expect(run.metadata.extra.contains { $0.key == "hparams.optimizer.name" && $0.value == "sgd" })
    }

    @Test func aLogThatStartsMidTrainingSaysWhere() throws {
        var lines = ""
        for (i, step) in stride(from: 28859, through: 86577, by: 9620).enumerated() {
            lines += "{\"epoch\": \(3 + i), \"step\": \(step), \"train_loss\": \(3.0 - Double(i) * 0.1), \"val_loss\": 3.1}\n"
        }
        let run = try TestDirectory.load(lines, at: "train_log.jsonl")
        #expect(run.provenance.logStart == LogStart(step: 28859, epoch: 3))
        let fromStart = try TestDirectory.load("{\"step\": 500, \"loss\": 2.0}\n{\"step\": 1000, \"loss\": 1.9}\n{\"step\": 1500, \"loss\": 1.8}\n", at: "log.jsonl")
        #expect(fromStart.provenance.logStart == nil)
    }
}
