import Foundation
import RunModel
import Testing
@testable import Ingest

@Suite struct RunLoaderTests {
    @Test func aDirectoryWithoutStateUsesTheNewestCheckpointByNumber() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        try dir.write("out/checkpoint-9/trainer_state.json", Fixtures.trainerState(entries: [Fixtures.train(step: 9, loss: "2.0")]))
        try dir.write("out/checkpoint-10/trainer_state.json", Fixtures.trainerState(entries: [Fixtures.train(step: 10, loss: "1.0")]))
        let run = try RunLoader.load(dir.path + "/out")
        #expect(run.name == "out")
        #expect(run.series(.trainLoss)?.steps == [10])
        let source = try #require(run.provenance.sources.first)
        #expect(source.path.hasSuffix("checkpoint-10/trainer_state.json"))
        #expect(source.note?.contains("checkpoint-10") == true)
    }

    @Test func theOutputDirectoryStateWinsOverCheckpoints() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        try dir.write("out/trainer_state.json", Fixtures.trainerState(entries: [Fixtures.train(step: 30, loss: "0.5")]))
        try dir.write("out/checkpoint-10/trainer_state.json", Fixtures.trainerState(entries: [Fixtures.train(step: 10, loss: "1.0")]))
        let run = try RunLoader.load(dir.path + "/out")
        #expect(run.series(.trainLoss)?.steps == [30])
    }

    @Test func aForcedFormatIsUsedAndAnUnknownOneListsTheKnownIds() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let path = try dir.write("log.txt", "{\"step\": 1, \"loss\": 2.5}\n")
        #expect(try RunLoader.load(path, format: "jsonl").series(.trainLoss)?.count == 1)
        let error = try #require(throws: IngestError.self) { try RunLoader.load(path, format: "nope") }
        #expect(error.message.contains("hf-trainer-state"))
    }

    @Test func whenNothingMatchesTheErrorListsWhatEachFormatSaid() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let path = try dir.write("notes.txt", "hello\nworld\n")
        let error = try #require(throws: IngestError.self) { try RunLoader.load(path) }
        for id in FormatRegistry.standard.ids { #expect(error.message.contains(id + ":")) }
    }

    @Test func aMissingPathIsAnError() {
        #expect(throws: IngestError.self) { try RunLoader.load("/nonexistent/trainreport/run") }
    }

    @Test func runNamesSayWhichRun() {
        #expect(RunNaming.name(ofFile: "/x/Org__repo__trainer_state.json") == "Org__repo")
        #expect(RunNaming.name(ofFile: "/x/my-exp/metrics.jsonl") == "my-exp")
        #expect(RunNaming.name(ofFile: "/x/run-42/files/wandb-history.jsonl") == "run-42")
        #expect(RunNaming.name(ofFile: "/x/sweep_lr3.jsonl") == "sweep_lr3")
        #expect(RunNaming.name(ofFile: "/x/exp9/run-.-tag-loss.csv") == "exp9")
        #expect(RunNaming.name(ofFile: "/x/run-exp3-tag-loss.csv") == "exp3")
    }
}

@Suite struct TensorBoardExportSummaryTests {
    /// HF's end-of-training `train/train_loss` (a mean over the run) is metadata, never a point of `train/loss`.
    @Test func summaryTagsOfAnExportFolderBecomeMetadata() throws {
        let dir = try TestDirectory()
        _ = try dir.write("run-x-tag-train_loss.csv", "Wall time,Step,Value\r\n1.0,10,3.0\r\n2.0,20,2.0\r\n")
        _ = try dir.write("run-x-tag-train_train_loss.csv", "Wall time,Step,Value\r\n3.0,20,2.5\r\n")
        _ = try dir.write("run-x-tag-train_train_runtime.csv", "Wall time,Step,Value\r\n3.0,20,12.5\r\n")
        let run = try RunLoader.load(dir.path)
        #expect(run.series(.trainLoss)?.values == [3.0, 2.0])
        #expect(run.metadata.meanTrainLoss == 2.5)
        #expect(run.metadata.trainRuntime == 12.5)
        #expect(run.provenance.issues.isEmpty)
    }
}
