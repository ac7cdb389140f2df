import Foundation
import TestSupport
import Testing
@testable import Diagnostics
import Ingest
import RunModel

/// A real Lightning `CSVLogger` file with `LearningRateMonitor` (two param groups), on_step/on_epoch
/// losses and a test run, made by `Tests/IngestTests/Fixtures/lightning-lr-monitor/make.py`.
@Suite struct LightningLRMonitorTests {
    let path = RepositoryPaths.root.appendingPathComponent("Tests/IngestTests/Fixtures/lightning-lr-monitor/metrics.csv").path

    @Test func lightningKeysGetTheirMeaning() throws {
        let run = try RunLoader.load(path)
        let lr = try #require(run.series(.learningRate))
        #expect(lr.key == "lr-AdamW/pg1")
        #expect(lr.values.first == 0.01)
        #expect(run.series(named: "train/learning_rate/pg2")?.role == .learningRate)
        #expect(run.series(.trainLoss)?.key == "train_loss_step")
        #expect(run.series(named: "train/loss_epoch")?.role == .trainLoss)
        #expect(run.series(.testLoss)?.key == "test_loss")
        #expect(run.testMetrics.map(\.name) == ["test/acc"])
        #expect(run.kind == .classification)
    }

    @Test func theRunIsJudgedOnValidationWithItsLearningRate() throws {
        let run = try RunLoader.load(path)
        let d = Diagnostician.diagnose(run)
        #expect(!d.findings.contains { $0.id == "no-eval" })
        #expect(d.health.first { $0.metric == "Learning rate" }?.status != .notLogged)
        let best = try #require(BestCheckpoint.choose(for: run))
        #expect(best.metric == "eval/acc")
        #expect(best.basis == .taskMetric)
        #expect(best.checkpoint.hasPrefix("step "))
    }
}
