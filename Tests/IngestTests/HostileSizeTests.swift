import Foundation
import RunModel
import Testing
@testable import Ingest

/// Binary garbage and absurd sizes are refused early, with the byte offset, instead of being held
/// in memory whole (a 5 GB NUL tail once took 5-20 GB and minutes before a refusal).
@Suite struct HostileSizeTests {
    /// `head` followed by `tail` NUL bytes, as a sparse file (no disk space used).
    func sparse(_ dir: TestDirectory, _ name: String, head: String, tail: Int) throws -> String {
        let path = try dir.write(name, head)
        #expect(truncate(path, off_t(head.utf8.count + tail)) == 0)
        return path
    }

    /// Each reader, forced (detection already refuses a NUL-heavy start for some formats).
    @Test(arguments: [("log.jsonl", "jsonl", "{\"step\": 1, \"loss\": 2.0}\n"), ("metrics.csv", "lightning-csv", "step,train_loss\n1,2.0\n"),
                      ("run-a-tag-loss.csv", "tensorboard-csv", "Wall time,Step,Value\n1,1,2\n"),
                      ("train.log", "hf-text-log", "{'loss': 2.0, 'epoch': 0.1}\n"),
                      ("run-a-tag-loss.json", "tensorboard-json", "[[1, 1, 2.0], "),
                      ("trainer_state.json", "hf-trainer-state", "{\"log_history\": [\n"), ("events.out.tfevents.1.h", "tfevents", "")])
    func aValidHeadWithANULTailIsRefusedAtTheTailsOffset(_ name: String, _ format: String, _ head: String) throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let path = try sparse(dir, name, head: head, tail: 64 << 20)
        let start = Date()
        let error = try #require(throws: IngestError.self) { try RunLoader.load(path, format: format) }
        #expect(error.byteOffset == head.utf8.count, "\(error)")
        #expect(error.message.contains("run of 1048576 NUL bytes"), "\(error)")
        #expect(Date().timeIntervalSince(start) < 10, "refused early, not after reading 64 MiB")
    }

    @Test func aLineLongerThan16MiBIsRefusedWithItsOffset() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let head = "{\"step\": 1, \"loss\": 2.0}\n"
        let path = try dir.write("log.jsonl", head + "{\"step\": 2, \"note\": \"" + String(repeating: "x", count: 17 << 20) + "\"}\n")
        let error = try #require(throws: IngestError.self) { try RunLoader.load(path) }
        #expect(error.byteOffset == head.utf8.count)
        #expect(error.message.contains("line longer than 16 MiB"))
    }

    @Test func aJSONLLineWithMoreThan10000KeysIsAnError() throws {
        let keys = (0...JSONLFormat.maxKeysPerLine).map { "\"k\($0)\": 1" }.joined(separator: ", ")
        let error = try #require(throws: IngestError.self) {
            try TestDirectory.load("{\"step\": 1, \"loss\": 2}\n{\"step\": 2, " + keys + "}\n", at: "log.jsonl")
        }
        #expect(error.line == 2)
        #expect(error.message.contains("at most 10000 keys in one line, found 10002"))
    }

    @Test func seriesPastTheCapAreSkippedWithARepair() {
        var b = RunBuilder(name: "r", format: "jsonl", sourcePath: "log")
        for k in 0..<(RunBuilder.maxSeries + 5) { b.add(key: "m\(k)", step: 1, value: 1) }
        b.add(key: "m0", step: 2, value: 1)
        let run = b.build()
        #expect(run.series.count == RunBuilder.maxSeries)
        #expect(run.series.first?.count == 2)
        #expect(run.warnings.contains { $0.message == "more than 10000 series: 5 more (5 points) skipped" })
    }
}
