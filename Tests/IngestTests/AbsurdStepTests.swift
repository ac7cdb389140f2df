import Foundation
import RunModel
import Testing
@testable import Ingest

/// One rule for absurd steps in every format (`StepRule`): a whole-number step outside 0...2^53 is
/// skipped with a repair that names the series; the rest of the run is read.
@Suite struct AbsurdStepTests {
    typealias W = TFEventsWriter

    private func skipsAbsurdSteps(_ run: Run, kept: [Int], file: String = #function) {
        #expect(run.series(.trainLoss)?.steps == kept, "\(file)")
        #expect(run.warnings.contains { $0.kind == .repair && $0.message.contains("not a whole number from 0 to 2^53") }, "\(file)")
    }

    @Test func tfeventsStepsAtInt64MaxAndMinAreSkipped() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let path = try dir.write("events.out.tfevents.1.h", W.file([
            W.event(step: Int.min, values: [W.simple("loss", 5)]),
            W.event(step: 1, values: [W.simple("loss", 2)]),
            W.event(step: 2, values: [W.simple("loss", 1)]),
            W.event(step: Int.max, values: [W.simple("loss", 0.5)]),
        ]))
        skipsAbsurdSteps(try RunLoader.load(path), kept: [1, 2])
    }

    @Test func hfTrainerStateNegativeAndHugeStepsAreSkipped() throws {
        let entries = [Fixtures.train(step: -3, loss: "2.0"), Fixtures.train(step: 10, loss: "1.9"),
                       Fixtures.train(step: 20, loss: "1.8"), Fixtures.train(step: 9_223_372_036_854_775_807, loss: "1.7")]
        skipsAbsurdSteps(try TestDirectory.load(Fixtures.trainerState(entries: entries), at: "trainer_state.json"), kept: [10, 20])
    }

    @Test func jsonlNegativeStepsAreSkippedUnderTheSameRule() throws {
        let run = try TestDirectory.load("{\"step\": -1, \"loss\": 3}\n{\"step\": 1, \"loss\": 2}\n{\"step\": 2, \"loss\": 1}\n", at: "log.jsonl")
        #expect(run.series(.trainLoss)?.steps == [1, 2])
        #expect(run.warnings.contains { $0.message.contains("not a whole number from 0 to 2^53") })
    }

    @Test func tensorBoardCSVAndJSONHugeStepsAreSkippedNotRefused() throws {
        let csv = "Wall time,Step,Value\n1.0,1,2.0\n2.0,2,1.5\n3.0,1e19,1.0\n"
        skipsAbsurdSteps(try TestDirectory.load(csv, at: "run-a-tag-train_loss.csv"), kept: [1, 2])
        let json = "[[1.0, 1, 2.0], [2.0, 2, 1.5], [3.0, 9223372036854775807, 1.0]]"
        skipsAbsurdSteps(try TestDirectory.load(json, at: "run-a-tag-train_loss.json"), kept: [1, 2])
    }

    @Test func lightningCSVHugeStepIsSkipped() throws {
        skipsAbsurdSteps(try TestDirectory.load("step,train_loss\n1,2.0\n2,1.5\n-7,1.0\n", at: "metrics.csv"), kept: [1, 2])
    }

    @Test func mlflowStepAbove2Pow53IsSkippedNotCalledAWrongFieldCount() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        try dir.write("run/meta.yaml", "run_id: abc\nstatus: FINISHED\n")
        try dir.write("run/metrics/loss", "1000 2.0 1\n2000 1.5 2\n3000 1.0 18014398509481984\n")
        skipsAbsurdSteps(try RunLoader.load(dir.path + "/run"), kept: [1, 2])
    }
}
