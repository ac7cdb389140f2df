import Foundation
import RunModel
import Testing
@testable import Ingest

@Suite struct HFTrainerStateFormatTests {
    let format = HFTrainerStateFormat()

    func load(_ text: String, name: String = "trainer_state.json") throws -> Run {
        try TestDirectory.load(text, at: "out/" + name)
    }

    @Test func readsTrainingEvalAndSummaryEntries() throws {
        let text = Fixtures.trainerState(entries: [
            Fixtures.train(step: 10, loss: "2.5"),
            Fixtures.train(step: 20, loss: "2.0"),
            """
                  "epoch": 0.6666666666666666,
                  "eval_accuracy": 0.71,
                  "eval_loss": 2.2,
                  "eval_runtime": 3.5,
                  "eval_samples_per_second": 40.0,
                  "step": 20
            """,
            Fixtures.train(step: 30, loss: "1.75"),
            """
                  "epoch": 1.0,
                  "step": 30,
                  "total_flos": 5.27e+20,
                  "train_loss": 2.0833,
                  "train_runtime": 77.5,
                  "train_samples_per_second": 3.2,
                  "train_steps_per_second": 0.4
            """,
        ])
        let run = try load(text)
        #expect(run.name == "out")
        #expect(run.format == "hf-trainer-state")
        #expect(run.series(.trainLoss)?.values == [2.5, 2.0, 1.75])
        #expect(run.series(.trainLoss)?.steps == [10, 20, 30])
        #expect(run.series(.evalLoss)?.steps == [20])
        #expect(run.series(named: "eval/accuracy")?.role == .evalMetric(higherIsBetter: true))
        #expect(run.series(named: "train/epoch")?.count == 3, "the eval entry repeats step 20's epoch: one point")
        #expect(run.series(named: "train/train_runtime") == nil, "the final summary is metadata, not a series")
        #expect(run.metadata.hasFinalSummary)
        #expect(run.metadata.meanTrainLoss == 2.0833)
        #expect(run.metadata.trainRuntime == 77.5)
        #expect(run.metadata.totalFlos == 123.0)
        #expect(run.metadata.maxSteps == 30)
        #expect(run.metadata.loggingSteps == 10)
        #expect(run.metadata.trainBatchSize == 8)
        #expect(run.warnings.isEmpty)
    }

    @Test func readsBareNaNAndInfinityTokens() throws {
        let text = Fixtures.trainerState(entries: [
            Fixtures.train(step: 10, loss: "NaN", gradNorm: "Infinity"),
            Fixtures.train(step: 20, loss: "2.0", gradNorm: "-Infinity"),
            Fixtures.train(step: 30, loss: "1.0", gradNorm: "NaN"),
        ])
        let run = try load(text)
        let loss = try #require(run.series(.trainLoss))
        #expect(loss.values[0].isNaN)
        let grad = try #require(run.series(.gradNorm))
        #expect(grad.values[0] == .infinity && grad.values[1] == -.infinity && grad.values[2].isNaN)
        #expect(grad.summary.nonFinite == 3)
    }

    @Test func readsCRLFLineEnds() throws {
        let text = Fixtures.trainerState(entries: [Fixtures.train(step: 10, loss: "2.5"), Fixtures.train(step: 20, loss: "2.25")])
            .replacing("\n", with: "\r\n")
        let run = try load(text)
        #expect(run.series(.trainLoss)?.values == [2.5, 2.25])
    }

    @Test func keepsTRLKeysWithSlashes() throws {
        let entry = """
              "epoch": 0.1,
              "eval_rewards/margins": 0.5,
              "kl": 0.02,
              "loss": 0.69,
              "rewards/chosen": -0.25,
              "step": 1
        """
        let run = try load(Fixtures.trainerState(entries: [entry]))
        #expect(run.series(named: "rewards/chosen")?.values == [-0.25])
        #expect(run.series(named: "eval/rewards/margins")?.key == "eval_rewards/margins")
        #expect(run.series(named: "train/kl")?.values == [0.02])
    }

    @Test func readsOldTransformersFilesWithoutNewKeys() throws {
        let text = """
        {
          "best_metric": null,
          "best_model_checkpoint": null,
          "epoch": 0.38,
          "global_step": 50,
          "is_hyper_param_search": false,
          "is_local_process_zero": true,
          "is_world_process_zero": true,
          "log_history": [
            {
              "epoch": 0.19,
              "learning_rate": 4.6000000000000004e-07,
              "loss": 0.3048,
              "step": 25
            },
            {
              "epoch": 0.38,
              "learning_rate": 9.600000000000001e-07,
              "loss": 0.2,
              "step": 50
            }
          ],
          "max_steps": 5000,
          "num_train_epochs": 39,
          "total_flos": 0.0,
          "trial_name": null,
          "trial_params": null
        }
        """
        let run = try load(text)
        #expect(run.series(.learningRate)?.values == [4.6000000000000004e-07, 9.600000000000001e-07])
        #expect(run.metadata.loggingSteps == nil)
        #expect(run.metadata.globalStep == 50)
        #expect(!run.metadata.hasFinalSummary)
    }

    @Test func aRestartKeepsTheFinalRunAndRecordsTheAbandonedSegment() throws {
        let text = Fixtures.trainerState(entries: [
            Fixtures.train(step: 10, loss: "2.5"), Fixtures.train(step: 20, loss: "2.4"), Fixtures.train(step: 30, loss: "9.0"),
            Fixtures.train(step: 20, loss: "2.3"), Fixtures.train(step: 30, loss: "2.2"),
        ])
        let run = try load(text)
        #expect(run.series(.trainLoss)?.values == [2.5, 2.3, 2.2])
        #expect(run.segments == 2)
        #expect(run.provenance.restarts.first?.step == 20)
        #expect(run.abandoned.first { $0.name == "train/loss" }?.values == [2.4, 9.0])
    }

    @Test func aBadByteIsAnErrorWithLineAndOffset() throws {
        let good = Fixtures.trainerState(entries: [Fixtures.train(step: 10, loss: "2.5")])
        let bad = good.replacing("\"loss\": 2.5", with: "\"loss\": 2.5 x")
        let offset = try #require(bad.utf8.firstIndex(of: UInt8(ascii: "x")))
        let byteOffset = bad.utf8.distance(from: bad.utf8.startIndex, to: offset)
        let line = bad.utf8[..<offset].filter { $0 == 0x0A }.count + 1
        let error = try #require(throws: IngestError.self) { try load(bad) }
        #expect(error.byteOffset == byteOffset)
        #expect(error.line == line)
        #expect(error.message.contains("expected ',' or '}'"))
        #expect(error.description.contains("trainer_state.json:\(line) (byte \(byteOffset))"))
    }

    @Test func aTruncatedFileIsAnErrorAtItsEnd() throws {
        let good = Fixtures.trainerState(entries: [Fixtures.train(step: 10, loss: "2.5"), Fixtures.train(step: 20, loss: "2.0")])
        let cut = String(good.prefix(good.count / 2))
        let error = try #require(throws: IngestError.self) { try load(cut) }
        #expect(error.byteOffset == cut.utf8.count)
        #expect(error.message.contains("found the end of the file"))
    }

    @Test func entriesWithoutAStepAreSkippedWithARepair() throws {
        let text = Fixtures.trainerState(entries: [Fixtures.train(step: 10, loss: "2.5"), "      \"loss\": 2.0"])
        let run = try load(text)
        #expect(run.series(.trainLoss)?.count == 1)
        #expect(run.warnings.contains { $0.kind == .repair && $0.message.contains("no integer \"step\"") })
    }

    @Test func aKeyRepeatedInOneEntryKeepsTheLaterValueAndIsNotADuplicateStep() throws {
        let repeated = Fixtures.train(step: 20, loss: "2.0") + ",\n      \"loss\": 1.9"
        let text = Fixtures.trainerState(entries: [Fixtures.train(step: 10, loss: "2.5"), repeated, Fixtures.train(step: 30, loss: "1.5")])
        let run = try load(text)
        let loss = try #require(run.series(.trainLoss))
        #expect(loss.steps == [10, 20, 30])
        #expect(loss.values == [2.5, 1.9, 1.5])
        #expect(!run.warnings.contains { $0.message.contains("logged twice") })
        let repair = try #require(run.warnings.first { $0.message.contains("appears twice") })
        #expect(repair.kind == .repair)
        #expect(repair.message == "log_history[1]: key 'loss' appears twice in one entry; the later value was kept")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(repair.line.map { lines[$0 - 1].contains("1.9") } == true)
    }

    @Test func aRepeatedStepKeyKeepsTheLaterStep() throws {
        let repeated = Fixtures.train(step: 20, loss: "2.0") + ",\n      \"step\": 25"
        let run = try load(Fixtures.trainerState(entries: [Fixtures.train(step: 10, loss: "2.5"), repeated]))
        #expect(run.series(.trainLoss)?.steps == [10, 25])
        #expect(run.warnings.contains { $0.message.contains("key 'step' appears twice") })
    }

    @Test func aJSONFileWithoutLogHistoryIsRejected() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let path = try dir.write("trainer_state.json", "{\"global_step\": 3, \"max_steps\": 9}")
        #expect(throws: IngestError.self) { try RunLoader.load(path) }
    }

    @Test func sniffIsStrongOnLogHistoryAndWeakOnTheNameAlone() {
        let prefix = Array("{\n  \"best_metric\": null,\n  \"log_history\": [".utf8)
        #expect(format.sniff(fileName: "x.json", prefix: prefix).strength == .strong)
        #expect(format.sniff(fileName: "trainer_state.json", prefix: Array("{\n".utf8)).strength == .weak)
        #expect(format.sniff(fileName: "config.json", prefix: Array("{\"a\": 1}".utf8)).strength == .no)
    }

    @Test func earlyStoppingStateGoesToMetadata() throws {
        let extra = """

          "stateful_callbacks": {
            "EarlyStoppingCallback": {
              "args": {"early_stopping_patience": 5, "early_stopping_threshold": 0.0},
              "attributes": {"early_stopping_patience_counter": 5}
            }
          },
        """
        let run = try load(Fixtures.trainerState(entries: [Fixtures.train(step: 10, loss: "2.5")], extra: extra))
        #expect(run.metadata.extra.contains { $0.key == "EarlyStoppingCallback.early_stopping_patience_counter" && $0.value == "5" })
    }
}
