import Foundation
import RunModel
import Testing
@testable import Ingest

@Suite struct JSONLFormatTests {
    func load(_ text: String, name: String = "metrics.jsonl") throws -> Run {
        try TestDirectory.load(text, at: "exp7/" + name)
    }

    @Test func everyNumericFieldIsASeriesAndSparseLinesAreNormal() throws {
        let run = try load("""
        {"step": 1, "loss": 2.5, "lr": 0.001, "note": "warmup"}
        {"step": 2, "loss": 2.4, "lr": 0.002}
        {"step": 2, "val_loss": 2.6, "val_acc": 0.5}
        {"step": 3, "loss": NaN, "lr": 0.003}

        """)
        #expect(run.name == "exp7")
        #expect(run.series(.trainLoss)?.steps == [1, 2, 3])
        #expect(run.series(.trainLoss)?.values.last?.isNaN == true)
        #expect(run.series(.evalLoss)?.steps == [2])
        #expect(run.series(named: "eval/acc") != nil)
        #expect(run.series(named: "train/note") == nil, "strings are not series")
        #expect(run.warnings.isEmpty)
    }

    @Test func prefersTrainGlobalStepOverWandbStepAndUsesTimestamp() throws {
        let run = try load("""
        {"train/loss": 2.5, "train/global_step": 10, "_step": 0, "_runtime": 5.0, "_timestamp": 1700000000.0}
        {"train/loss": 2.4, "train/global_step": 20, "_step": 1, "_runtime": 6.0, "_timestamp": 1700000001.0}
        {"media": {"_type": "image-file", "path": "a.png"}, "train/global_step": 20, "_step": 2, "_runtime": 7.0, "_timestamp": 1700000002.0}
        """, name: "wandb-history.jsonl")
        let loss = try #require(run.series(.trainLoss))
        #expect(loss.steps == [10, 20])
        #expect(loss.wallTimes == [1700000000.0, 1700000001.0])
        #expect(run.series.allSatisfy { !$0.name.contains("_step") && !$0.name.contains("_runtime") && !$0.name.contains("media") })
    }

    @Test func readsLLaMAFactoryTrainerLogs() throws {
        let run = try load("""
        {"current_steps": 1, "total_steps": 9, "loss": 3.3418, "lr": 0.0, "epoch": 0.35, "percentage": 11.11, "elapsed_time": "0:00:39", "remaining_time": "0:05:17"}
        {"current_steps": 2, "total_steps": 9, "loss": 3.1575, "lr": 0.0001, "epoch": 0.7, "percentage": 22.22, "elapsed_time": "0:01:15", "remaining_time": "0:04:23"}
        """, name: "trainer_log.jsonl")
        #expect(run.series(.trainLoss)?.steps == [1, 2])
        #expect(run.metadata.maxSteps == 9)
        #expect(run.series(named: "train/percentage") == nil)
        #expect(run.series(named: "train/total_steps") == nil)
    }

    @Test func readsDetectron2MetricsDespiteTheJSONName() throws {
        let run = try load("""
        {"data_time": 0.005, "iteration": 19, "lr": 1.6e-05, "total_loss": 2.63}
        {"data_time": 0.005, "iteration": 39, "lr": 3.2e-05, "total_loss": 2.10}
        {"bbox/AP": 12.5, "bbox/APs": NaN, "iteration": 39}
        """, name: "metrics.json")
        #expect(run.format == "jsonl")
        #expect(run.series(.trainLoss)?.steps == [19, 39])
        #expect(run.series(named: "eval/bbox/APs")?.values.first?.isNaN == true)
        #expect(run.series(named: "eval/bbox/AP")?.role == .evalMetric(higherIsBetter: true))
    }

    @Test func withoutAStepKeyAnIntegralEpochIsTheStep() throws {
        let run = try load("""
        {"epoch": 1, "train_loss": 1.9, "val_loss": 1.8}
        {"epoch": 2, "train_loss": 1.7, "val_loss": 1.5}
        """)
        #expect(run.series(.trainLoss)?.steps == [1, 2])
        #expect(run.warnings.contains { $0.kind == .warning && $0.message.contains("epoch is used as the step") })
    }

    @Test func stepsThatAreNotWholeNumbersInRangeAreSkippedAsUnusableNotMissing() throws {
        let run = try load("""
        {"step": 1, "loss": 2.5}
        {"step": 1e19, "loss": 2.4}
        {"step": -3, "loss": 2.3}
        {"step": 2.5, "loss": 2.2}
        {"step": NaN, "loss": 2.1}
        {"loss": 2.0}
        {"step": 2, "loss": 1.9}

        """)
        #expect(run.series(.trainLoss)?.steps == [1, 2])
        let unusable = try #require(run.warnings.first { $0.message.contains("not a whole number") })
        #expect(unusable.kind == .repair)
        #expect(unusable.line == 2)
        #expect(unusable.message == "4 lines have a \"step\" that is not a whole number from 0 to 1e18 (e.g. line 2: 1e+19); skipped")
        let missing = try #require(run.warnings.first { $0.message.contains("no \"step\"") })
        #expect(missing.line == 6)
        #expect(missing.message == "1 line has no \"step\"; skipped")
    }

    @Test func aKeyRepeatedInOneLineKeepsTheLaterValueAndIsNotADuplicateStep() throws {
        let run = try load("""
        {"step": 1, "loss": 2.0, "lr": 0.1}
        {"step": 2, "loss": 1.0, "loss": 1.1, "lr": 0.1}
        {"step": 3, "loss": 0.9, "lr": 0.1, "lr": 0.2, "lr": 0.3}
        {"step": 4, "loss": 0.8, "loss": 0.7}

        """)
        #expect(run.series(.trainLoss)?.values == [2.0, 1.1, 0.9, 0.7])
        #expect(run.series(.learningRate)?.values == [0.1, 0.1, 0.3])
        #expect(!run.warnings.contains { $0.message.contains("logged twice") })
        let messages = run.warnings.filter { $0.message.contains("appears") }.map { "\($0.kind):\($0.line ?? 0): \($0.message)" }
        #expect(messages == [
            "repair:2: key 'loss' appears twice in one entry (in 2 entries; this is the first); the later value was kept",
            "repair:3: key 'lr' appears up to 3 times in one entry; the later value was kept",
        ])
    }

    @Test func aCutOffLastLineIsSkippedWithARepair() throws {
        let run = try load("{\"step\": 1, \"loss\": 2.5}\n{\"step\": 2, \"loss\": 2.4}\n{\"step\": 3, \"lo")
        #expect(run.series(.trainLoss)?.count == 2)
        #expect(run.warnings.contains { $0.kind == .repair && $0.line == 3 })
    }

    @Test func aMalformedLastLineEndingInANewlineIsAnErrorNotACutOff() throws {
        let error = try #require(throws: IngestError.self) {
            try load("{\"step\": 1, \"loss\": 2.5}\n{\"step\": 2, \"loss\": 2.4}}\n")
        }
        #expect(error.line == 2)
    }

    @Test func aMalformedMiddleLineIsAnErrorNamingFileAndLine() throws {
        let error = try #require(throws: IngestError.self) {
            try load("{\"step\": 1, \"loss\": 2.5}\n{\"step\": 2, \"loss\": }\n{\"step\": 3, \"loss\": 2.3}\n")
        }
        #expect(error.line == 2)
        #expect(error.path.hasSuffix("exp7/metrics.jsonl"))
        #expect(error.message.contains("expected a value"))
    }

    @Test func sniffNeedsOneObjectPerLine() {
        let format = JSONLFormat()
        #expect(format.sniff(fileName: "m.log", prefix: Array("{\"a\": 1}\n{\"a\": 2}\n".utf8)).strength == .strong)
        #expect(format.sniff(fileName: "config.json", prefix: Array("{\"a\": 1}\n".utf8)).strength == .no)
        #expect(format.sniff(fileName: "trainer_state.json", prefix: Array("{\n  \"log_history\": []\n}\n".utf8)).strength == .no)
    }
}
