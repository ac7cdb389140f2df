import Foundation
import RunModel
import Testing
@testable import Ingest

/// Nothing outside the folder being read leaks into a report: symlinks that leave it are not
/// followed, and a param or tag file is read only up to a small cap.
@Suite struct SymlinkConfinementTests {
    func mlflowRun(_ dir: TestDirectory) throws -> String {
        try dir.write("mlruns/1/r1/meta.yaml", "run_id: r1\nstatus: 3\n")
        try dir.write("mlruns/1/r1/metrics/loss", "1000 2.0 1\n2000 1.5 2\n")
        return dir.path + "/mlruns/1/r1"
    }

    @Test func mlflowTagAndParamSymlinksOutOfTheRunAreNotRead() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let run = try mlflowRun(dir)
        let secret = try dir.write("secret", "SECRET-PASSWORD\n")
        try FileManager.default.createDirectory(atPath: run + "/tags", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: run + "/params", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: run + "/tags/mlflow.runName", withDestinationPath: secret)
        try FileManager.default.createSymbolicLink(atPath: run + "/params/lr", withDestinationPath: secret)
        try FileManager.default.createSymbolicLink(atPath: run + "/metrics/stolen", withDestinationPath: secret)
        let loaded = try RunLoader.load(run)
        #expect(loaded.name != "SECRET-PASSWORD")
        #expect(!loaded.metadata.extra.contains { $0.value.contains("SECRET") })
        #expect(loaded.warnings.filter { $0.message.contains("leading out of the run directory") }.count == 3)
        #expect(loaded.series(.trainLoss)?.count == 2)
    }

    @Test func aLongParamFileIsCutAtTheCapWithARepair() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let run = try mlflowRun(dir)
        try dir.write("mlruns/1/r1/params/prompt", String(repeating: "x", count: 100_000))
        let loaded = try RunLoader.load(run)
        let value = try #require(loaded.metadata.extra.first { $0.key == "params.prompt" }?.value)
        #expect(value.utf8.count == MLflowFormat.valueCap)
        #expect(loaded.warnings.contains { $0.kind == .repair && $0.message.contains("params.prompt: longer than 8192 bytes") })
    }

    @Test func aSymlinkLoopInsideMetricsLeavesTheRunReadable() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let run = try mlflowRun(dir)
        try FileManager.default.createDirectory(atPath: run + "/metrics/eval", withIntermediateDirectories: true)
        try dir.write("mlruns/1/r1/metrics/eval/loss", "1000 2.5 1\n")
        try FileManager.default.createSymbolicLink(atPath: run + "/metrics/eval/again", withDestinationPath: run + "/metrics")
        let loaded = try RunLoader.load(run)
        #expect(loaded.series(.trainLoss)?.count == 2)
        #expect(loaded.series(.evalLoss)?.count == 1)
    }

    @Test func discoveryDoesNotFollowSymlinksOutOfTheArchive() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        try dir.write("outside/run.jsonl", "{\"step\": 1, \"loss\": 2}\n")
        try dir.write("outside/hf/trainer_state.json", Fixtures.trainerState(entries: [Fixtures.train(step: 10, loss: "2.0")]))
        try dir.write("archive/own.jsonl", "{\"step\": 1, \"loss\": 2}\n")
        try dir.write("archive/inner/other.jsonl", "{\"step\": 1, \"loss\": 2}\n")
        let archive = dir.path + "/archive"
        try FileManager.default.createSymbolicLink(atPath: archive + "/linked.jsonl", withDestinationPath: dir.path + "/outside/run.jsonl")
        try FileManager.default.createSymbolicLink(atPath: archive + "/linkeddir", withDestinationPath: dir.path + "/outside")
        try FileManager.default.createSymbolicLink(atPath: archive + "/inside.jsonl", withDestinationPath: archive + "/inner/other.jsonl")
        try FileManager.default.createDirectory(atPath: archive + "/hfrun/checkpoint-9", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: archive + "/hfrun/checkpoint-9/trainer_state.json",
                                                   withDestinationPath: dir.path + "/outside/hf/trainer_state.json")
        let found = RunDiscovery.discover([archive])
        let names = found.runs.map { RunNaming.lastComponent($0.location) }.sorted()
        #expect(names == ["inside.jsonl", "other.jsonl", "own.jsonl"])
        #expect(found.skipped.filter { $0.message.contains("symlink leading out") }.count == 3)
        // Given directly, a link is the user's choice and is followed.
        #expect(RunDiscovery.discover([archive + "/linkeddir"]).runs.count == 2)
    }
}
