import Foundation
import RunModel
import TestSupport
import Testing
@testable import Ingest

@Suite struct MLflowFormatTests {
    func writeRun(_ dir: TestDirectory, _ runID: String, status: Int = 3, runName: String? = nil) throws -> String {
        let base = "mlruns/1/\(runID)/"
        try dir.write(base + "meta.yaml", """
        artifact_uri: file:///tmp/mlruns/1/\(runID)/artifacts
        end_time: 1700000090000
        experiment_id: '1'
        lifecycle_stage: active
        name: ''
        run_id: \(runID)
        start_time: 1700000000000
        status: \(status)

        """)
        try dir.write(base + "metrics/loss", "1700000001000 2.5 10\n1700000002000 2.25 20\n1700000003000 nan 30\n")
        try dir.write(base + "metrics/eval/accuracy", "1700000002500 0.5 20\n1700000003500 0.625 30\n")
        try dir.write(base + "metrics/lr", "1700000001000 0.001\n1700000002000 0.0005\n")
        try dir.write(base + "params/num_train_epochs", "3")
        try dir.write(base + "params/optimizer", "adamw\n")
        try dir.write(base + "tags/team", "vision")
        if let runName { try dir.write(base + "tags/mlflow.runName", runName) }
        try dir.write("mlruns/1/meta.yaml", "artifact_location: file:///tmp/mlruns/1\nexperiment_id: '1'\nname: demo\n")
        return dir.path + "/" + base
    }

    @Test func aRunDirectoryIsOneRunWithMetricsParamsAndTags() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let path = try writeRun(dir, "abc123", runName: "bert-base-lr1e-3")
        let run = try RunLoader.load(path)
        #expect(run.format == "mlflow")
        #expect(run.name == "bert-base-lr1e-3")
        let loss = try #require(run.series(.trainLoss))
        #expect(loss.steps == [10, 20, 30])
        #expect(loss.values[2].isNaN)
        #expect(loss.wallTimes.first == 1_700_000_001)
        #expect(run.series(named: "eval/accuracy")?.values == [0.5, 0.625])
        #expect(run.series(.learningRate)?.steps == [0, 1], "a metric logged without steps is stepped by line order")
        #expect(run.warnings.contains { $0.kind == .warning && $0.message.contains("lr: logged without steps") })
        #expect(run.metadata.numTrainEpochs == 3)
        #expect(run.metadata.extra.contains { $0.key == "params.optimizer" && $0.value == "adamw" })
        #expect(run.metadata.extra.contains { $0.key == "tags.team" && $0.value == "vision" })
        #expect(run.metadata.extra.contains { $0.key == "mlflow.status" && $0.value == "FINISHED" })
        #expect(run.metadata.extra.contains { $0.key == "mlflow.duration_seconds" && $0.value == "90.0" })
        #expect(run.metadata.logEvents.isEmpty)
    }

    @Test func discoveryFindsEachRunOnceAndAFailedStatusIsAnErrorEvent() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        _ = try writeRun(dir, "run1")
        _ = try writeRun(dir, "run2", status: 4)
        let found = RunDiscovery.discover([dir.path + "/mlruns"])
        #expect(found.runs.map(\.name) == ["run1", "run2"])
        #expect(found.runs.allSatisfy { $0.format == "mlflow" })
        let failed = try RunLoader.load(try #require(found.runs.last))
        #expect(failed.metadata.logEvents.map(\.kind) == [.error])
        #expect(failed.metadata.logEvents.first?.text == "MLflow run status: FAILED")
        let viaMeta = try RunLoader.load(dir.path + "/mlruns/1/run1/meta.yaml")
        #expect(viaMeta.series(.trainLoss)?.count == 3)
    }

    @Test func aCutOffLastLineIsARepairAndABadLineAnError() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let path = try writeRun(dir, "r")
        try dir.write("mlruns/1/r/metrics/loss", "1700000001000 2.5 10\n17000000020")
        let run = try RunLoader.load(path)
        #expect(run.series(.trainLoss)?.steps == [10])
        #expect(run.warnings.contains { $0.kind == .repair && $0.line == 2 })
        try dir.write("mlruns/1/r/metrics/loss", "1700000001000 two 10\n1700000002000 2.0 20\n")
        #expect(throws: IngestError.self) { try RunLoader.load(path) }
    }

    @Test func theCorpusRunRebuiltFromFlattenedNames() throws {
        guard let shared = RepositoryPaths.corpus else { return }
        let corpus = shared + "/mlflow/"
        let dir = try TestDirectory()
        defer { dir.remove() }
        for name in try FileManager.default.contentsOfDirectory(atPath: corpus) {
            guard let range = name.range(of: "__mlruns__") else { continue }
            let relative = "mlruns/" + name[range.upperBound...].replacingOccurrences(of: "__", with: "/")
            try dir.write(relative, try Data(contentsOf: URL(fileURLWithPath: corpus + name)))
        }
        let found = RunDiscovery.discover([dir.path])
        #expect(found.runs.count == 1)
        let run = try RunLoader.load(try #require(found.runs.first))
        #expect(run.name == "ed05f9cd599442fe9a0c9222184710b8")
        #expect(run.series(.trainLoss)?.steps == Array(0...9))
        #expect(run.series(.trainLoss)?.values.first == 332.6841735839844)
        #expect(run.metadata.numTrainEpochs == 10)
        #expect(run.metadata.extra.contains { $0.key == "params.opt_name" })
        #expect(run.metadata.extra.contains { $0.key == "mlflow.status" && $0.value == "FINISHED" })
    }
}
