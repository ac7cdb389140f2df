import Foundation
import RunModel
import TestSupport
import Testing
@testable import Ingest

/// The text-log presets on logs printed with each producer's own format strings
/// (Fixtures/textlogs, made by make_text_log_fixtures.py from a small real training).
@Suite struct TextLogFormatTests {
    static let fixtures = RepositoryPaths.root.appendingPathComponent("Tests/IngestTests/Fixtures/textlogs").path

    static func load(_ file: String) throws -> Run {
        try RunLoader.load(fixtures + "/" + file)
    }

    @Test(arguments: [("megatron.log", "megatron-log"), ("nanogpt.log", "nanogpt-log"), ("llmc.log", "nanogpt-log"),
                      ("torchtune.log", "torchtune-log"), ("fairseq.log", "fairseq-log"), ("keras.log", "keras-log"),
                      ("global-step.log", "global-step-log")])
    func eachPresetIsDetectedByContent(_ file: String, _ id: String) throws {
        let prefix = try FileBytes.read(Self.fixtures + "/" + file, limit: FormatRegistry.sniffLength)
        #expect(FormatRegistry.standard.detect(fileName: "stdout.txt", prefix: prefix).format?.id == id)
    }

    @Test func megatronIterationsValidationAndWallTimes() throws {
        let run = try Self.load("megatron.log")
        let loss = try #require(run.series(.trainLoss))
        #expect(loss.key == "loss" && loss.count == 24 && loss.steps.first == 5 && loss.steps.last == 120)
        #expect(loss.hasWallTime)
        #expect(run.series(.learningRate)?.count == 24 && run.series(.gradNorm)?.count == 24)
        #expect(run.series(.evalLoss)?.steps == [20, 40, 60, 80, 100, 120])
        #expect(run.series(named: "eval/perplexity")?.count == 6)
        #expect(run.series(named: "train/consumed samples") == nil)
        #expect(run.series(named: "train/iteration_time_ms")?.count == 24 && run.series(named: "train/tflops_per_gpu")?.count == 24)
        #expect(run.warnings.isEmpty, "\(run.warnings.map(\.description))")
    }

    @Test func nanoGPTAndLlmcLines() throws {
        let nano = try Self.load("nanogpt.log")
        #expect(nano.series(.trainLoss)?.count == 120)
        #expect(nano.series(.evalLoss)?.steps == [20, 40, 60, 80, 100, 120])
        #expect(nano.series(named: "train/step_time_ms")?.count == 120 && nano.series(named: "train/mfu")?.count == 120)
        let llmc = try Self.load("llmc.log")
        #expect(llmc.series(.trainLoss)?.count == 120 && llmc.series(.gradNorm)?.count == 120)
        #expect(llmc.series(.tokensPerSecond)?.count == 120)
        // llm.c prints "val loss" before the step line of the same step: it belongs to the step before.
        #expect(llmc.series(.evalLoss)?.steps == [19, 39, 59, 79, 99, 119])
    }

    @Test func torchtuneAndFairseq() throws {
        let tune = try Self.load("torchtune.log")
        #expect(tune.series(.trainLoss)?.count == 120 && tune.series(.tokensPerSecond)?.count == 120)
        let fairseq = try Self.load("fairseq.log")
        #expect(fairseq.series(.trainLoss)?.steps == Array(stride(from: 10, through: 120, by: 10)))
        #expect(fairseq.series(.evalLoss)?.steps == [20, 40, 60, 80, 100, 120])
        #expect(fairseq.series(.gradNorm)?.count == 12 && fairseq.series(.tokensPerSecond)?.count == 12)
        #expect(fairseq.series(named: "train/num_updates") == nil && fairseq.series(.trainLoss)?.hasWallTime == true)
        // `wall` and `train_wall` both fold to train/wall: they stay two series, not one with a fake restart.
        #expect(fairseq.provenance.restarts.isEmpty && fairseq.series(named: "train/wall")?.count == 12 && fairseq.series(named: "wall")?.count == 12)
    }

    @Test func kerasEpochsAndASecondFitAreARestart() throws {
        let run = try Self.load("keras.log")
        #expect(run.series(.trainLoss)?.steps == [1, 2, 3])
        #expect(run.series(.evalLoss)?.count == 3 && run.series(named: "train/accuracy") != nil)
        #expect(run.metadata.numTrainEpochs == 6)
        #expect(run.provenance.restarts.first?.step == 1 && run.provenance.restarts.first?.abandonedThrough == 6)
    }

    @Test func globalStepRelaunchesBecomeSegmentsAndTheOOMAnEvent() throws {
        let run = try Self.load("global-step.log")
        #expect(run.segments == 3)
        #expect(run.series(.trainLoss)?.steps.last == 120)
        #expect(run.series(named: "train/perplexity")?.count == 24)
        #expect(run.warnings.contains { $0.message.hasPrefix("3 training starts in the log") })
        #expect(run.metadata.logEvents.contains { $0.kind == .outOfMemory && $0.text.contains("OOM when allocating tensor") })
    }

    @Test func aTimestampAtTheStartOfALineIsItsWallTime() {
        #expect(TextLogLine.timestamp("[2026-01-15 10:30:00] iteration") == 1_768_473_000)
        #expect(TextLogLine.timestamp("2026-01-15 10:30:00,250 | INFO") == 1_768_473_000.25)
        #expect(TextLogLine.timestamp("iter 5: loss 2.0") == nil)
        #expect(TextLogLine.timestamp("2026-13-15 10:30:00") == nil)
    }

    @Test func pairsInEveryStyle() {
        func names(_ s: String) -> [String] { TextLogPairs.pairs(Substring(s)).map(\.0) }
        #expect(names("loss: 2.3E+00 | learning rate: 1.0E-04 | grad norm: 0.8 |") == ["loss", "learning rate", "grad norm"])
        #expect(names("loss=9.8, ppl=723.4, num_updates=100") == ["loss", "ppl", "num_updates"])
        #expect(names("loss:2.3 lr:2e-05") == ["loss", "lr"])
        #expect(names("loss 2.3010, time 31.20ms, mfu 12.34%") == ["loss", "time_ms", "mfu"])
        #expect(names("learning rate 0.5000 step-time 1.23 perplexity 45.67") == ["learning rate", "step-time", "perplexity"])
        #expect(TextLogPairs.pairs("loss: -0.5 - acc: 0.9").map(\.1) == [-0.5, 0.9])
    }

    /// Conservative sniffing: prose, configs and other logs that mention steps and losses are not runs.
    @Test(arguments: [
        "The training loss was 2.3 at step 100, and the iteration 5/10 looked fine.\nWe stopped at epoch 3.\n",
        "lr: 0.001\nbatch_size: 32\nloss: cross_entropy\nepochs: 10\n",
        "INFO step 1 starting\nINFO step 2 done\n",
        "Epoch 3/10 was the best one\nthe loss: 0.2 at that point\n",
        "# Notes\n- iter 100: we changed the lr\n- Step 2 | nothing here\n",
    ])
    func notALogIsNotARun(_ text: String) {
        let found = FormatRegistry.standard.detect(fileName: "notes.txt", prefix: Array(text.utf8))
        #expect(found.format == nil, "\(found.verdicts)")
    }

    @Test func aForcedPresetOnAnotherFileSaysThereIsNothing() throws {
        let run = try RunLoader.load(Self.fixtures + "/keras.log", format: "megatron-log")
        #expect(run.series.isEmpty)
        #expect(run.warnings.contains { $0.message.hasPrefix("no megatron-log metrics lines") })
    }
}
