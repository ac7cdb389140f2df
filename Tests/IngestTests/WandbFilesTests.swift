import Foundation
import RunModel
import TestSupport
import Testing
@testable import Ingest

/// A W&B run directory's `files/` (what online runs, and offline runs of wandb before 0.18, keep next
/// to the `.wandb` file), the streaming `.wandb` reader, and a training folder that holds `wandb/`.
@Suite struct WandbFilesTests {
    static let fixtures = WandbFormatTests.fixtures

    /// A `.wandb` file of whole records: the header, then each record as one FULL physical record
    /// (the records here are small; none crosses a 32 KiB block).
    static func wandbFile(_ records: [[UInt8]]) -> [UInt8] {
        var out = Array(":W&B".utf8) + [0xE1, 0xBE, 0]
        for record in records {
            let crc = CRC32.update(CRC32.checksum([1]), record.withUnsafeBufferPointer { $0 }, from: 0, to: record.count)
            out += withUnsafeBytes(of: crc.littleEndian, Array.init) + [UInt8(record.count & 0xFF), UInt8(record.count >> 8), 1] + record
        }
        return out
    }

    static func varint(_ v: Int) -> [UInt8] {
        var v = UInt64(v)
        var out: [UInt8] = []
        while v >= 0x80 { out.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
        return out + [UInt8(v)]
    }

    static func field(_ number: Int, _ bytes: [UInt8]) -> [UInt8] { varint(number << 3 | 2) + varint(bytes.count) + bytes }
    static func field(_ number: Int, _ text: String) -> [UInt8] { field(number, Array(text.utf8)) }

    /// `Record { history { item { nested_key: key; value_json: json } ... } }`.
    static func history(_ items: [(String, String)]) -> [UInt8] {
        field(2, items.flatMap { field(1, field(2, $0.0) + field(16, $0.1)) })
    }

    /// A W&B run directory whose `.wandb` file has only history rows (steps 1-3 of `loss`) and an
    /// exit record, so that what it says comes from `files/`.
    static func runDirectory(in dir: TestDirectory, name: String = "wandb/run-20260102_030405-abc123") throws -> String {
        let records = (1...3).map { step in history([("_step", "\(step - 1)"), ("step", "\(step)"), ("loss", "\(3.0 - Double(step) / 2)")]) }
            + [field(18, [0x08, 0x00])]
        try dir.write(name + "/run-abc123.wandb", Data(wandbFile(records)))
        return dir.path + "/" + name
    }

    @Test func filesFillWhatTheWandbFileLacks() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let run = try Self.runDirectory(in: dir)
        try dir.write("wandb/run-20260102_030405-abc123/files/config.yaml", """
            wandb_version: 1

            _wandb:
              desc: null
              value:
                cli_version: 0.16.6
            learning_rate:
              desc: null
              value: 0.0003
            per_device_train_batch_size:
              desc: null
              value: 8
            """)
        try dir.write("wandb/run-20260102_030405-abc123/files/wandb-summary.json", #"{"loss": 1.5, "best_eval_loss": 0.42, "_runtime": 12.5, "_wandb": {"runtime": 12}}"#)
        try dir.write("wandb/run-20260102_030405-abc123/files/wandb-metadata.json", """
            {"os": "Linux-6.1", "python": "3.11.7", "program": "train.py", "args": ["--lr", "3e-4"], "host": "node-3",
             "gpu": "NVIDIA H100 80GB HBM3", "gpu_count": 4, "gpu_nvidia": [{"name": "NVIDIA H100 80GB HBM3", "memoryTotal": "85520809984"}],
             "cudaVersion": "12.4"}
            """)
        try dir.write("wandb/run-20260102_030405-abc123/files/output.log", "step 1\ntorch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB\n")
        let loaded = try RunLoader.load(run)
        let extra = Dictionary(loaded.metadata.extra.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(extra["config.learning_rate"] == "0.0003" && loaded.metadata.trainBatchSize == 8)
        #expect(extra["summary.best_eval_loss"] == "0.42")
        #expect(extra["wandb.host"] == "node-3" && extra["wandb.program"] == "train.py" && extra["wandb.args"] == "--lr 3e-4")
        #expect(extra["wandb.python"] == "3.11.7" && extra["wandb.os"] == "Linux-6.1" && extra["system.cuda_version"] == "12.4")
        #expect(extra["system.gpu_type"] == "NVIDIA H100 80GB HBM3" && extra["system.gpu_count"] == "4")
        #expect(extra["system.gpu_memory_bytes"] == "85520809984")
        #expect(loaded.metadata.logEvents.contains { $0.kind == .outOfMemory && $0.path.hasSuffix("files/output.log") && $0.line == 2 })
        #expect(!loaded.warnings.contains { $0.message.contains("differs") }, "\(loaded.warnings)")
        #expect(!loaded.warnings.contains { $0.kind == .repair }, "\(loaded.warnings)")
    }

    @Test func aSummaryThatDisagreesWithTheHistoryIsAWarning() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let run = try Self.runDirectory(in: dir)
        try dir.write("wandb/run-20260102_030405-abc123/files/wandb-summary.json", #"{"loss": 0.25, "step": 3}"#)
        let loaded = try RunLoader.load(run)
        let warning = try #require(loaded.warnings.first { $0.message.contains("final summary differs") })
        #expect(warning.message.contains("loss: 0.25 there, 1.5 in the .wandb file") && warning.path.hasSuffix("wandb-summary.json"))
        #expect(loaded.series(.trainLoss)?.values.last == 1.5)
    }

    @Test func malformedOrMissingFilesAreRepairNotesNeverFailures() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let run = try Self.runDirectory(in: dir)
        try dir.write("wandb/run-20260102_030405-abc123/files/wandb-summary.json", #"{"loss": 2.0,"#)
        try dir.write("wandb/run-20260102_030405-abc123/files/wandb-metadata.json", "[1, 2]")
        let loaded = try RunLoader.load(run)
        #expect(loaded.series(.trainLoss)?.count == 3)
        let repairs = loaded.warnings.filter { $0.kind == .repair }
        #expect(repairs.contains { $0.path.hasSuffix("wandb-summary.json") && $0.message.hasPrefix("not valid JSON at byte") }, "\(repairs)")
        #expect(repairs.contains { $0.path.hasSuffix("wandb-metadata.json") && $0.message.contains("expected a JSON object") })
        #expect(repairs.contains { $0.message.contains("without files/config.yaml") }, "\(repairs)")
        // An offline run never writes them (wandb-core): nothing to say.
        let offline = try Self.runDirectory(in: dir, name: "other/wandb/offline-run-20260102_030405-abc123")
        #expect(!(try RunLoader.load(offline)).warnings.contains { $0.kind == .repair })
    }

    @Test func legacyOfflineRunReadsItsFilesAndAgreesWithThem() throws {
        let run = try RunLoader.load(Self.fixtures + "/legacy-files/wandb")
        #expect(run.series(.trainLoss)?.count == 60)
        let extra = Dictionary(run.metadata.extra.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(extra["wandb.version"]?.hasPrefix("0.16") == true, "\(extra)")
        #expect(extra["wandb.program"]?.hasSuffix("train.py") == true && extra["wandb.python"] != nil && extra["wandb.args"] == "custom 60")
        #expect(extra["config.batch_size"] == "16" && extra["summary.best_eval_loss"] == "0.42")
        #expect(!run.warnings.contains { $0.message.contains("differs") || $0.kind == .repair }, "\(run.warnings)")
    }

    @Test func streamingInChunksReadsWhatReadingAtOnceReads() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        for fixture in ["killed", "gpu-stats", "custom-loop"] {
            let relative = fixture + "/" + (try WandbFormatTests.runFile(fixture))
            let whole = try WandbFormatTests.bytes(relative)
            for cut in [whole.count, 32_768, 32_775, 32_780, 40_001, whole.count - 1] where cut <= whole.count && cut > 7 {
                let bytes = Array(whole[0..<cut])
                let path = try dir.write("cut-\(fixture)-\(cut).wandb", Data(bytes))
                let (atOnce, atOnceDamage) = try WandbFormatTests.decode(bytes)
                var decoder = WandbRecordDecoder()
                var offsets: [Int] = []
                let damage = try WandbLogReader.read(path: path, chunkBlocks: 1) { record, offset in
                    decoder.record(record)
                    offsets.append(offset)
                }
                decoder.finish()
                #expect(damage == atOnceDamage, "\(fixture) cut at \(cut)")
                #expect(decoder.contents.records == atOnce.records && offsets == offsets.sorted(), "\(fixture) cut at \(cut)")
                #expect(decoder.contents.columns.map(\.values.count) == atOnce.columns.map(\.values.count))
                #expect(decoder.contents.stats.count == atOnce.stats.count)
            }
        }
    }

    @Test func foldedCRCMatchesTheTableForEveryLengthAndOffset() {
        let bytes = (0..<4096).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 13) }
        bytes.withUnsafeBufferPointer { b in
            for length in 0...300 {
                for start in [0, 1, 7, 13] {
                    let seed = CRC32.tableUpdate(0, b, from: 4000, to: 4000 + length % 90)
                    #expect(CRC32.update(seed, b, from: start, to: start + length) == CRC32.tableUpdate(seed, b, from: start, to: start + length),
                            "length \(length) at \(start)")
                }
            }
            #expect(CRC32.update(0, b, from: 0, to: 4096) == CRC32.tableUpdate(0, b, from: 0, to: 4096))
        }
    }

    @Test func anHFOutputDirWithWandbInsideIsOneRunThatAgreesWithTrainerState() throws {
        let folder = Self.fixtures + "/hf-output-dir"
        let found = RunDiscovery.discover([folder])
        #expect(found.runs.count == 1, "\(found.runs.map(\.location))")
        let run = try RunLoader.load(folder)
        #expect(run.name == "hf-output-dir")
        #expect(Set(run.provenance.sources.map(\.format)) == ["hf-trainer-state", "wandb", "tfevents"], "\(run.provenance.sources)")
        #expect(run.provenance.sources.filter { $0.format == "wandb" }.count == 1)
        #expect(!run.warnings.contains { $0.message.contains("disagree") }, "\(run.warnings.map(\.message))")
        let loss = try #require(run.series(.trainLoss))
        #expect(loss.steps.first == 5 && loss.steps.last == 60)
        #expect(run.metadata.extra.contains { $0.key == "wandb.exit_code" && $0.value == "0" })
        #expect(run.metadata.modelName != nil)
    }

    @Test func aTrainingFolderWithOneWandbRunIsOneRunWithItsOtherSources() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        _ = try Self.runDirectory(in: dir, name: "train/wandb/offline-run-20260102_030405-abc123")
        try dir.write("train/metrics.jsonl", (1...3).map { #"{"step": \#($0), "loss": \#(3.0 - Double($0) / 2)}"# }.joined(separator: "\n") + "\n")
        let run = try RunLoader.load(dir.path + "/train")
        #expect(Set(run.provenance.sources.map(\.format)) == ["wandb", "jsonl"])
        #expect(!run.warnings.contains { $0.message.contains("disagree") })
        // A project folder of several trainings (two HF output dirs) is not one run.
        try dir.write("train/out-a/trainer_state.json", RunAssemblyTests.state(losses: [(10, "2.5")]))
        try dir.write("train/out-b/trainer_state.json", RunAssemblyTests.state(losses: [(10, "2.5")]))
        let found = RunDiscovery.discover([dir.path + "/train"])
        #expect(found.runs.count == 4, "\(found.runs.map(\.location))")
    }
}
