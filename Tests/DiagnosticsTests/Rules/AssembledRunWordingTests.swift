import Ingest
import RunModel
import TestSupport
import Testing
@testable import Diagnostics

/// What rules say about runs assembled from several sources: a killed HF run, a log that starts
/// mid-training.
@Suite struct AssembledRunWordingTests {
    @Test func aKilledHFRunIsReportedAsKilledWithItsEvidence() throws {
        let path = RepositoryPaths.sampleRuns.appendingPathComponent("_assembly/hf-killed").path
        let run = try RunLoader.load(path)
        let f = try #require(findings(RunTruncatedRule(), run).first)
        #expect(f.severity == .warning)
        #expect(f.title == "The run was killed at step 280 of 300")
        #expect(f.message.contains("past the newest checkpoint's state (step 200)"))
        #expect(f.message.contains("the log ends mid-line"))
        #expect(f.message.contains("learning-rate schedule was unfinished"))
        #expect(f.message.contains("no final summary"))
    }

    @Test func underfittingInALogThatStartsMidTrainingSpeaksOfTheStartOfTheLog() throws {
        var synthetic = SyntheticRun.healthy(seed: 1)
        SyntheticRun.bend(&synthetic.train, from: 0) { step, v in (3.3 - 0.15 * Double(step) / 2000) * v / SyntheticRun.powerLaw(step) }
        SyntheticRun.bend(&synthetic.eval, from: 0) { step, v in (3.3 - 0.15 * Double(step) / 2000) * 1.02 * v / (1.05 * SyntheticRun.powerLaw(step)) }
        var run = synthetic.build()
        #expect(try #require(findings(UnderfittingRule(), run).first).message.hasPrefix("The training loss went from"))
        run.provenance.logStart = LogStart(step: 140_749, epoch: 10)
        let f = try #require(findings(UnderfittingRule(), run).first)
        #expect(f.message.hasPrefix("From the start of this log (it starts at step 140749, epoch 10, not the start of training)"))
    }
}
