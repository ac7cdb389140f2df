import Foundation
import RunModel
import Testing
@testable import Ingest

@Suite struct LightningCSVFormatTests {
    @Test func readsSparseColumnsAndNamesTheRunAfterItsVersionFolder() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let path = try dir.write("lightning_logs/version_3/metrics.csv",
                                 "epoch,step,train_loss,val_loss\r\n0,49,2.62,\r\n0,99,2.47,\r\n0,99,,2.50\r\n1,149,nan,\r\n")
        let run = try RunLoader.load(path)
        #expect(run.format == "lightning-csv")
        #expect(run.name == "lightning_logs/version_3")
        #expect(run.series(.trainLoss)?.steps == [49, 99, 149])
        #expect(run.series(.trainLoss)?.values.last?.isNaN == true)
        #expect(run.series(.evalLoss)?.steps == [99])
        #expect(run.series(named: "train/epoch")?.steps == [49, 99, 149], "the validation row repeats the epoch at step 99")
        #expect(run.warnings.isEmpty)
    }

    @Test func aRowWithTheWrongNumberOfCellsIsAnErrorUnlessItIsACutOffLastLine() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let cut = try dir.write("a/metrics.csv", "epoch,step,train_loss\n0,1,2.0\n0,2")
        #expect(try RunLoader.load(cut).warnings.contains { $0.kind == .repair && $0.line == 3 })
        let bad = try dir.write("b/metrics.csv", "epoch,step,train_loss\n0,1\n0,2,1.5\n")
        let error = try #require(throws: IngestError.self) { try RunLoader.load(bad) }
        #expect(error.line == 2)
    }

    @Test func aStepTooLargeForAnIntIsSkippedUnderTheStepRuleAndInfinityHasNoStep() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let path = try dir.write("a/metrics.csv", "step,train_loss\n7e79,4\ninf,3\n-1e300,2\n5,1.5\n")
        let run = try RunLoader.load(path)
        #expect(run.series(.trainLoss)?.steps == [5])
        #expect(run.warnings.contains { $0.kind == .repair && $0.message.contains("1 row has no integer step") })
        #expect(run.warnings.contains { $0.kind == .repair && $0.message.contains("train/loss: 2 points have a step that is not a whole number from 0 to 2^53") })
    }

    @Test func everyCorpusLightningFileParses() throws {
        let entries = CorpusTests.manifest(["lightning-csvlogger-metrics-csv"])
        for entry in entries {
            let run = try RunLoader.load(entry.file)
            #expect(run.format == "lightning-csv")
            #expect(!run.series.isEmpty, "\(entry.file)")
        }
    }
}
