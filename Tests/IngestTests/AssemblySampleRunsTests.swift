import Foundation
import RunModel
import TestSupport
import Testing
@testable import Ingest

/// The folders of `SampleRuns/_assembly/` (real Trainer and Lightning output, made by
/// `SampleRuns/make_assembly_runs.py`) are read as the runs they are.
@Suite struct AssemblySampleRunsTests {
    static func path(_ name: String) -> String {
        RepositoryPaths.sampleRuns.appendingPathComponent("_assembly/" + name).path
    }

    @Test func theHFRunWithEventsInLogsIsOneResumedRunWithItsSummaryFiles() throws {
        let run = try RunLoader.load(Self.path("hf-resumed-logs"))
        #expect(run.format == "hf-trainer-state")
        #expect(Set(run.provenance.sources.map(\.format)) == ["hf-trainer-state", "tfevents"])
        // Killed at step 160 (last logged 150), resumed from checkpoint-100: only the events show it.
        #expect(run.provenance.restarts.map(\.step) == [110])
        #expect(run.provenance.seriesSources["train/loss"]?.contains("/logs/events.out.tfevents") == true)
        #expect(run.metadata.hasFinalSummary)
        #expect(run.metadata.extra.contains { $0.key == "summary.eval_loss" })
        #expect(!run.warnings.contains { $0.message.contains("disagree") }, "\(run.warnings.map(\.message))")
    }

    @Test func theKilledHFRunUsesTheSourcesThatGoFurtherThanItsLastCheckpoint() throws {
        let run = try RunLoader.load(Self.path("hf-killed"))
        #expect(Set(run.provenance.sources.map(\.format)) == ["hf-trainer-state", "hf-text-log", "tfevents"])
        #expect(run.metadata.globalStep == 200)
        #expect(run.metadata.maxSteps == 300)
        #expect(!run.metadata.hasFinalSummary)
        #expect(run.series(.trainLoss)?.steps.last == 280)
        #expect(run.warnings.contains { $0.message == IngestIssue.endsMidLine })
        #expect(!run.warnings.contains { $0.message.contains("disagree") }, "\(run.warnings.map(\.message))")
    }

    @Test func bothLightningLoggersOfOneTrainingAreOneRunWithItsHyperparameters() throws {
        let found = RunDiscovery.discover([Self.path("lightning-both-loggers")])
        let input = try #require(found.runs.first)
        #expect(found.runs.count == 1)
        let run = try RunLoader.load(input)
        #expect(Set(run.provenance.sources.map(\.format)) == ["lightning-csv", "tfevents"])
        #expect(run.metadata.extra.contains { $0.key == "hparams.lr" })
        #expect(!run.warnings.contains { $0.message.contains("disagree") }, "\(run.warnings.map(\.message))")
    }

    @Test func eventFilesOfThreeUnrelatedTrainingsAreThreeRuns() throws {
        let found = RunDiscovery.discover([Self.path("tfevents-three-runs")])
        #expect(found.runs.count == 3)
        let runs = try found.runs.map { try RunLoader.load($0) }
        #expect(runs.allSatisfy { $0.provenance.restarts.isEmpty })
        // The HF run, the Lightning run and the plain loop: each run has its own loss key, and only it.
        for key in ["train/loss", "train_loss", "Loss/train"] {
            #expect(runs.filter { $0.series.contains { $0.key == key } }.count == 1, "\(key)")
        }
    }

    @Test func anArchiveWithStrayJSONFilesHoldsItsTwoRunsAndNoProblem() throws {
        let found = RunDiscovery.discover([Self.path("archive-with-strays")])
        #expect(found.runs.map(\.name).sorted() == ["run-a", "run-b"])
        #expect(found.problems.isEmpty)
        #expect(throws: Never.self) { try found.runs.map { try RunLoader.load($0) } }
    }
}
