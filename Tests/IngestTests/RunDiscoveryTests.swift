import Foundation
import RunModel
import Testing
@testable import Ingest

@Suite struct RunDiscoveryTests {
    @Test func findsEachRunOnceAndSaysWhyOtherFilesWereSkipped() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let state = Fixtures.trainerState(entries: [Fixtures.train(step: 10, loss: "2.0")])
        try dir.write("hf-run/checkpoint-5/trainer_state.json", state)
        try dir.write("hf-run/checkpoint-10/trainer_state.json", state)
        try dir.write("hf-run/config.json", "{\"model_type\": \"gpt2\"}\n")
        try dir.write("tb/run-.-tag-train_loss.csv", "Wall time,Step,Value\n1.0,1,2.0\n")
        try dir.write("tb/run-.-tag-eval_loss.csv", "Wall time,Step,Value\n1.0,1,2.0\n")
        try dir.write("logs/a.jsonl", "{\"step\": 1, \"loss\": 1.0}\n{\"step\": 2, \"loss\": 0.9}\n")
        try dir.write("logs/b.jsonl", "{\"step\": 1, \"loss\": 1.0}\n{\"step\": 2, \"loss\": 0.9}\n")
        try dir.write("README.md", "# runs\n")
        let found = RunDiscovery.discover([dir.path])
        let summary = found.runs.map { "\($0.format):\($0.name)" }.sorted()
        #expect(summary == ["hf-trainer-state:hf-run", "jsonl:a", "jsonl:b", "tensorboard-csv:tb"])
        #expect(found.skipped.contains { $0.path.hasSuffix("README.md") && $0.message.contains("jsonl:") })
        #expect(found.skipped.contains { $0.path.hasSuffix("config.json") })
        #expect(found.problems.isEmpty)
    }

    /// An archive where earlier reports were written next to the runs, or an audit into a folder
    /// inside it: trainreport's own outputs are never read back as runs.
    @Test func trainreportsOwnOutputsAreNotRuns() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        try dir.write("logs/a.jsonl", "{\"step\": 1, \"loss\": 1.0}\n{\"step\": 2, \"loss\": 0.9}\n")
        let report = "{\n  \"schema_version\": 1,\n  \"tool\": {\n    \"name\": \"trainreport\",\n    \"version\": \"0.1.0\"\n  },\n  \"run\": {}\n}\n"
        try dir.write("reports/a/report.json", report)
        try dir.write("audit/.trainreport-audit.json", "{}")
        try dir.write("audit/index.json", "{\n  \"schema_version\": 1,\n  \"tool_version\": \"0.1.0\",\n  \"runs\": []\n}\n")
        try dir.write("audit/a/metrics.jsonl", "{\"step\": 1, \"loss\": 1.0}\n")
        let found = RunDiscovery.discover([dir.path])
        #expect(found.runs.map(\.name) == ["a"])
        #expect(found.skipped.contains { $0.path.hasSuffix("report.json") && $0.message.contains("trainreport output") })
        #expect(found.skipped.contains { $0.path.hasSuffix("/audit") && $0.message.contains("audit's output folder") })
    }

    /// Shards of an audit write reports into a folder inside the archive while other shards are still
    /// listing it: the state folder a shard creates first marks it as an audit's output.
    @Test func aShardedAuditsOutputFolderIsNotSearched() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        try dir.write("logs/a.jsonl", "{\"step\": 1, \"loss\": 1.0}\n{\"step\": 2, \"loss\": 0.9}\n")
        try dir.write("audit/.trainreport-state/runs/x.json", "{}")
        try dir.write("audit/a/metrics.jsonl", "{\"step\": 1, \"loss\": 1.0}\n")
        let found = RunDiscovery.discover([dir.path])
        #expect(found.runs.map(\.name) == ["a"])
        #expect(found.skipped.contains { $0.path.hasSuffix("/audit") && $0.message.contains("audit's output folder") })
    }

    @Test func symlinkLoopsAndMissingRootsAreReportedNotFatal() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        try dir.write("a/run.jsonl", "{\"step\": 1, \"loss\": 1.0}\n{\"step\": 2, \"loss\": 0.9}\n")
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/a/loop", withDestinationPath: dir.path + "/a")
        let found = RunDiscovery.discover([dir.path, dir.path + "/missing"])
        #expect(found.runs.count == 1)
        #expect(found.skipped.contains { $0.path.hasSuffix("a/loop") && $0.message.contains("symlink loop") })
        #expect(found.problems.contains { $0.path.hasSuffix("missing") })
    }

    @Test func devicesAndFIFOsInAFolderAreSkippedWithAReasonWithoutBeingOpened() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        try dir.write("run/metrics.jsonl", "{\"step\": 1, \"loss\": 1.0}\n{\"step\": 2, \"loss\": 0.9}\n")
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/run/trainer_state.json", withDestinationPath: "/dev/zero")
        #expect(mkfifo(dir.path + "/run/queue.jsonl", 0o600) == 0, "a reader opening the FIFO would block here")
        let found = RunDiscovery.discover([dir.path])
        #expect(found.runs.map(\.format) == ["jsonl"])
        let special = found.skipped.filter { $0.message == RunDiscovery.specialFileMessage }.map { RunNaming.lastComponent($0.path) }
        #expect(special == ["queue.jsonl"])
        // The link to /dev/zero leaves the folder: skipped before anything looks at its target.
        #expect(found.skipped.contains { $0.message == RunDiscovery.outsideMessage && $0.path.hasSuffix("trainer_state.json") })
        #expect(found.problems.isEmpty)
    }

    @Test func aRootThatIsAFileButNotARunIsAProblemNotAQuietSkip() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let notes = try dir.write("notes.txt", "not a log\n")
        let found = RunDiscovery.discover([notes])
        #expect(found.runs.isEmpty)
        #expect(found.problems.contains { $0.path == notes && $0.message.contains("jsonl:") })
    }

    @Test func exportsOfSeveralRunsInOneFolderAreSeparateRuns() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        try dir.write("exports/run-a-tag-loss.csv", "Wall time,Step,Value\n1.0,1,2.0\n")
        try dir.write("exports/run-b-tag-loss.csv", "Wall time,Step,Value\n1.0,1,3.0\n")
        let found = RunDiscovery.discover([dir.path])
        #expect(found.runs.map(\.name).sorted() == ["exports/a", "exports/b"])
    }
}
