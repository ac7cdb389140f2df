import Foundation
import RunModel
import TestSupport
import Testing
@testable import Ingest

@Suite struct TFEventsFormatTests {
    typealias W = TFEventsWriter

    @Test func crc32cMatchesTheReferenceVectors() {
        #expect(Array("123456789".utf8).withUnsafeBufferPointer { CRC32C.checksum($0, from: 0, to: $0.count) } == 0xE306_9283)
        #expect(CRC32C.masked([UInt8](repeating: 0, count: 32)) == 0x0FD7_FFFA)
        #expect(CRC32C.mask(0x8A91_36AA) == 0x0FD7_FFFA)
        #expect(CRC32C.masked([0x1A, 0x11] + Array("CRC test, one two".utf8)) == 0x5794_D08A)
        #expect(CRC32C.masked([UInt8](repeating: 0, count: 8)) == 0x0798_0329)
        #expect(CRC32C.masked([]) == 0xA282_EAD8)
    }

    @Test func readsEveryScalarEncodingAndSkipsOtherSummaries() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let events = [
            W.event(step: 10, wall: 1_700_000_010, values: [W.simple("train/loss", 2.5), W.simple("train/learning_rate", 0.001)]),
            W.event(step: 20, values: [W.tensor("train/loss", W.field(1, varint: 1) + W.field(5, bytes: W.le(Float(2.25).bitPattern)))]),
            W.event(step: 30, values: [W.tensor("train/loss", W.field(1, varint: 2) + W.field(6, bytes: W.le(Double(2.125).bitPattern)))]),
            W.event(step: 40, values: [W.tensor("train/loss", W.field(1, varint: 1) + W.field(4, bytes: W.le(Float.nan.bitPattern)))]),
            W.event(step: 50, values: [W.tensor("train/loss", W.field(1, varint: 2) + W.field(4, bytes: W.le(Double(1.5).bitPattern)))]),
            W.event(step: 50, values: [W.tensor("args/text_summary", W.field(1, varint: 7) + W.field(8, bytes: Array("{}".utf8)), plugin: "text")]),
            W.event(step: 50, values: [W.tensor("images/x", W.field(1, varint: 1) + W.field(5, bytes: W.le(Float(1).bitPattern)), plugin: "images")]),
            W.event(step: 60, values: [W.simple("train/train_runtime", 12.5), W.simple("train/train_loss", 2.0), W.simple("train/epoch", 1)]),
        ]
        let path = try dir.write("out/runs/May01_10-00-00_host/events.out.tfevents.1700000000.host.1.0", W.file(events))
        let run = try RunLoader.load(path)
        #expect(run.format == "tfevents")
        let loss = try #require(run.series(.trainLoss))
        #expect(loss.steps == [10, 20, 30, 40, 50])
        #expect(loss.values[0] == 2.5 && loss.values[1] == 2.25 && loss.values[2] == 2.125 && loss.values[3].isNaN && loss.values[4] == 1.5)
        #expect(loss.wallTimes.first == 1_700_000_010)
        #expect(run.series(.learningRate)?.values == [Double(Float(0.001))])
        #expect(run.series(named: "args/text_summary") == nil && run.series(named: "images/x") == nil)
        #expect(run.metadata.trainRuntime == 12.5 && run.metadata.meanTrainLoss == 2.0)
        #expect(run.series(named: "train/train_runtime") == nil)
        #expect(run.series(.epoch)?.steps == [60])
        #expect(run.warnings.isEmpty)
    }

    @Test func badDataCRCSkipsTheRecordAndATruncatedTailIsARepair() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        var bad = W.record(W.event(step: 2, values: [W.simple("loss", 9)]))
        bad[bad.count - 1] ^= 0xFF
        let good1 = W.record(W.event(step: 1, values: [W.simple("loss", 1)]))
        let good3 = W.record(W.event(step: 3, values: [W.simple("loss", 3)]))
        let partial = Array(W.record(W.event(step: 4, values: [W.simple("loss", 4)])).prefix(20))
        let path = try dir.write("events.out.tfevents.1.h", Data(W.record(W.fileVersion) + good1 + bad + good3 + partial))
        let run = try RunLoader.load(path)
        #expect(run.series(.trainLoss)?.steps == [1, 3])
        #expect(run.warnings.contains { $0.kind == .repair && $0.message.contains("wrong data CRC") })
        #expect(run.warnings.contains { $0.kind == .repair && $0.message.contains("file ends mid-record (still being written or killed)") })
    }

    @Test func badLengthCRCStopsReadingTheFile() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        var broken = W.record(W.event(step: 2, values: [W.simple("loss", 2)]))
        broken[8] ^= 0xFF
        let after = W.record(W.event(step: 3, values: [W.simple("loss", 3)]))
        let path = try dir.write("events.out.tfevents.1.h", Data(W.record(W.event(step: 1, values: [W.simple("loss", 1)])) + broken + after))
        let run = try RunLoader.load(path)
        #expect(run.series(.trainLoss)?.steps == [1])
        #expect(run.warnings.contains { $0.message.contains("wrong length CRC") })
    }

    @Test func eventFilesOfADirectoryAreOneRunAndARestartIsKept() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        try dir.write("logs/events.out.tfevents.1700000000.h.1.0", W.file((1...5).map { W.event(step: $0 * 10, values: [W.simple("loss", Float($0))]) }))
        try dir.write("logs/events.out.tfevents.1700000100.h.2.0", W.file((3...6).map { W.event(step: $0 * 10, values: [W.simple("loss", Float($0) / 2)]) }))
        try dir.write("logs/events.out.tfevents.1700000200.h.profile-empty", W.file([]))
        let found = RunDiscovery.discover([dir.path])
        #expect(found.runs.count == 1)
        #expect(found.runs.first?.files.count == 2, "the profiler marker is not part of the run")
        #expect(found.skipped.isEmpty)
        let run = try RunLoader.load(dir.path + "/logs")
        #expect(run.series(.trainLoss)?.steps == [10, 20, 30, 40, 50, 60])
        #expect(run.provenance.restarts.map(\.step) == [30])
        #expect(run.abandoned.first?.steps == [30, 40, 50])
    }

    @Test func anHFOutputDirectoryWithTrainerStateAndRunsCountsOnce() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        try dir.write("out/trainer_state.json", Fixtures.trainerState(entries: [Fixtures.train(step: 10, loss: "2.0")]))
        try dir.write("out/runs/May01_10-00-00_host/events.out.tfevents.1700000000.host.1.0",
                      W.file([W.event(step: 10, values: [W.simple("train/loss", 2)])]))
        let found = RunDiscovery.discover([dir.path])
        #expect(found.runs.map(\.format) == ["hf-trainer-state"])
        let runsOnly = RunDiscovery.discover([dir.path + "/out/runs"])
        #expect(runsOnly.runs.map(\.name) == ["out/May01_10-00-00_host"])
    }

    @Test func sniffTrustsTheNameOrAValidLengthCRC() {
        let format = TFEventsFormat()
        #expect(format.sniff(fileName: "events.out.tfevents.1.h", prefix: []).strength == .strong)
        #expect(format.sniff(fileName: "x.bin", prefix: Array(W.file([]))).strength == .weak)
        #expect(format.sniff(fileName: "x.bin", prefix: Array("{'loss': 1.0}\n{'loss': 2.0}".utf8)).strength == .no)
    }

    @Test func corpusEventFilesGiveTheManifestCounts() throws {
        guard let shared = RepositoryPaths.corpus else { return }
        let corpus = shared + "/tfevents/"
        let dir = try TestDirectory()
        defer { dir.remove() }
        let t5 = "10844110__t5-summarization-demo__runs__Mar24_22-23-40_DESKTOP-41L2EO3__"
        for suffix in ["events.out.tfevents.1742826235.DESKTOP-41L2EO3.107869.0", "events.out.tfevents.1742884204.DESKTOP-41L2EO3.107869.1"] {
            try FileManager.default.createDirectory(atPath: dir.path + "/t5/runs/Mar24", withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: dir.path + "/t5/runs/Mar24/" + suffix, withDestinationPath: corpus + t5 + suffix)
        }
        let run = try RunLoader.load(dir.path + "/t5/runs/Mar24")
        #expect(run.name == "t5/Mar24")
        #expect(run.series(.trainLoss)?.count == 430)
        #expect(run.series(.gradNorm)?.count == 430)
        #expect(run.series(.learningRate)?.count == 430)
        #expect(run.series(.epoch)?.count == 431)
        #expect(run.series(.evalLoss)?.steps == [215337])
        #expect(run.series(named: "eval/rouge1")?.count == 1)
        #expect(run.metadata.trainRuntime != nil)
        #expect(run.warnings.isEmpty)

        let lightning = try RunLoader.load(corpus + "Abdul-AA__Text-Generation-With-LSTM__lightning_logs__version_0__events.out.tfevents.1716735746.99c8c45923de.3769.0")
        #expect(lightning.series(.trainLoss)?.count == 7691)
        #expect(lightning.series(.evalLoss)?.count == 29)
        #expect(lightning.warnings.isEmpty)

        let detectron = try RunLoader.load(corpus + "Kevindic0214__detectron2_training__output__events.out.tfevents.1737378888.LAPTOP-1BH8GF02.2695.0")
        #expect(detectron.series.count == 21)
        #expect(detectron.series(named: "fast_rcnn/cls_accuracy")?.count == 15)

        let empty = try RunLoader.load(corpus + "10-Academy-Batch-4-Week-4__Swahili-Speech-To-Text__dc1f4beb__events.out.tfevents.1628697787.DESKTOP-V1DB051.profile-empty")
        #expect(empty.series.isEmpty)
        #expect(empty.warnings.contains { $0.message.contains("no scalar summaries") })
    }
}

/// The settings HF's `TensorBoardCallback` writes into the event file (`args`, `model_config` text
/// summaries), read from a file the real Trainer wrote (`Fixtures/hf-tensorboard-args/make_fixture.py`).
@Suite struct HFTensorBoardTextTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/hf-tensorboard-args/events.out.tfevents.fixture").path

    @Test func trainingArgumentsBecomeArgsMetadata() throws {
        let run = try RunLoader.load(Self.fixture)
        let extra = Dictionary(run.metadata.extra.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(extra["args.max_grad_norm"] == "0.0" || extra["args.max_grad_norm"] == "0")
        #expect(extra["args.load_best_model_at_end"] == "true")
        #expect(extra["args.learning_rate"].flatMap(Double.init) == 3e-4)
        #expect(extra["args.per_device_eval_batch_size"] == "8")
        #expect(run.metadata.maxSteps == 6)
        #expect(run.metadata.trainBatchSize == 4)
        #expect(extra["model.model_type"] == "gpt2")
        #expect(run.series(.trainLoss) != nil)
    }

    @Test func textThatIsNotJSONIsIgnored() throws {
        var m = RunMetadata()
        HFTensorBoardText.fill(&m, texts: [("args/text_summary", "not json {"), ("notes/text_summary", "{\"a\": 1}")], path: "x")
        #expect(m.extra.isEmpty)
    }
}
