import Foundation
import TestSupport
import Testing
@testable import Ingest

/// Discovery finds the runs a person would count: every SampleRun and every folder of the shared
/// corpus, with the count written next to it. The corpus part skips cleanly without `../shared`.
@Suite struct RunCountTests {
    struct Folder: CustomStringConvertible, Sendable {
        var path: String
        /// Runs a person would count in the folder.
        var runs: Int
        /// Why discovery counts differently, when it cannot know better (nil: it counts `runs`).
        var gap: (count: Int, reason: String)?
        var description: String { path }
    }

    static let sampleRuns: [Folder] = [
        "hf-healthy-gpt2", "hf-overfit-gpt2", "hf-nan-loss", "hf-nan-gradnorm-only", "hf-slow-convergence", "hf-no-eval",
        "hf-truncated", "jsonl-healthy", "jsonl-loss-spike", "jsonl-resumed", "jsonl-killed", "tbcsv-healthy",
        "tbcsv-loss-spike", "tbcsv-nan", "tbcsv-overfit",
    ].map { Folder(path: $0, runs: 1) } + [
        Folder(path: "_assembly/hf-resumed-logs", runs: 1),          // trainer_state.json + 3 event files in logs/ + summaries
        Folder(path: "_assembly/hf-killed", runs: 1),                // checkpoints + events in runs/ + cut train.log
        Folder(path: "_assembly/lightning-both-loggers", runs: 1),   // csv_logs/version_0 + tb_logs/version_0
        Folder(path: "_assembly/tfevents-three-runs", runs: 3),      // HF, Lightning and a plain loop's event files
        Folder(path: "_assembly/archive-with-strays", runs: 2),      // a JSONL run, an HF dir, stray JSON files
    ]

    static let corpusFolders: [Folder] = [
        Folder(path: "hf-trainer-state", runs: 14, gap: (15, "O5-7's checkpoint-1000 state and final state are one run, flattened into two files of one folder: without the checkpoint-N/ folder nothing says the first is a snapshot of the second")),
        Folder(path: "jsonl", runs: 6),
        Folder(path: "lightning-csv", runs: 4),               // two versions of 0Xero7's slm_training are two trainings
        Folder(path: "logs-text", runs: 2),
        Folder(path: "mlflow", runs: 1, gap: (0, "one MLflow run's files flattened into one folder (meta.yaml, metrics__loss...): without the run directory's layout it is not an MLflow run")),
        Folder(path: "tensorboard-csv", runs: 1),             // 11 tag exports of one run
        Folder(path: "tfevents", runs: 3),                    // T5 (2 files: training, then evaluate()), an LSTM, detectron2
    ]

    @Test(arguments: sampleRuns)
    func sampleRunFolderHoldsTheRunsAPersonCounts(_ folder: Folder) {
        let found = RunDiscovery.discover([RepositoryPaths.sampleRuns.appendingPathComponent(folder.path).path])
        #expect(found.runs.count == folder.runs, "\(folder.path): \(found.runs.map(\.name))")
        #expect(found.problems.isEmpty)
    }

    @Test(arguments: corpusFolders)
    func corpusFolderHoldsTheRunsAPersonCounts(_ folder: Folder) throws {
        guard let corpus = RepositoryPaths.corpus else { return }
        let found = RunDiscovery.discover([corpus + "/" + folder.path])
        #expect(found.runs.count == (folder.gap?.count ?? folder.runs), "\(folder.path): \(found.runs.map(\.name))")
    }
}
