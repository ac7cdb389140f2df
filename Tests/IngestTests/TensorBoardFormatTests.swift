import Foundation
import RunModel
import Testing
@testable import Ingest

@Suite struct TensorBoardFormatTests {
    static let lossCSV = "Wall time,Step,Value\r\n1700000000.5,10,2.5\r\n1700000001.5,20,nan\r\n1700000002.5,30,inf\r\n1700000003.5,40,-inf\r\n1700000004.5,50,1.25\r\n"

    @Test func readsACRLFExportWithNonFiniteValues() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let path = try dir.write("exports/run-.-tag-train_loss.csv", Self.lossCSV)
        let run = try RunLoader.load(path)
        #expect(run.format == "tensorboard-csv")
        let loss = try #require(run.series(.trainLoss))
        #expect(loss.key == "train_loss")
        #expect(loss.steps == [10, 20, 30, 40, 50])
        #expect(loss.values[0] == 2.5 && loss.values[1].isNaN && loss.values[2] == .infinity && loss.values[3] == -.infinity)
        #expect(loss.wallTimes.first == 1700000000.5)
    }

    @Test func aFolderOfTagFilesIsOneRunNamedAfterTheFolder() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        try dir.write("my-run/run-.-tag-train_loss.csv", Self.lossCSV)
        try dir.write("my-run/run-.-tag-eval_loss.csv", "Wall time,Step,Value\n1700000000.0,50,2.0\n")
        try dir.write("my-run/run-.-tag-train_learning_rate.csv", "Wall time,Step,Value\n1700000000.0,10,0.001\n")
        let run = try RunLoader.load(dir.path + "/my-run")
        #expect(run.name == "my-run")
        #expect(run.provenance.sources.count == 3)
        #expect(run.series(.evalLoss)?.values == [2.0])
        #expect(run.series(.learningRate)?.values == [0.001])
    }

    @Test func exactlyOneThousandPointsWarnsOfASample() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let rows = (1...1000).map { "1700000000.0,\($0),0.5" }.joined(separator: "\n")
        let path = try dir.write("run-a-tag-loss.csv", "Wall time,Step,Value\n" + rows + "\n")
        let run = try RunLoader.load(path)
        #expect(run.warnings.contains { $0.kind == .warning && $0.message.contains("may be a sample") })
        let fewer = try dir.write("run-a-tag-lr.csv", "Wall time,Step,Value\n1,1,0.5\n")
        #expect(try RunLoader.load(fewer).warnings.isEmpty)
    }

    @Test func aCutOffLastLineIsSkippedWithARepair() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let path = try dir.write("run-.-tag-loss.csv", "Wall time,Step,Value\n1.0,1,2.5\n2.0,2,2.4\n3.0,3")
        let run = try RunLoader.load(path)
        #expect(run.series(.trainLoss)?.count == 2)
        #expect(run.warnings.contains { $0.kind == .repair && $0.line == 4 })
    }

    @Test func aMalformedMiddleLineIsAnErrorNamingTheLine() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let path = try dir.write("run-.-tag-loss.csv", "Wall time,Step,Value\n1.0,1,2.5\n2.0,two,2.4\n3.0,3,2.3\n")
        let error = try #require(throws: IngestError.self) { try RunLoader.load(path) }
        #expect(error.line == 3)
        #expect(error.path == path)
    }

    @Test func tagAndRunComeFromTheFileName() {
        let name = TensorBoardExportName(fileName: "Org__repo__run-exp1-tag-eval_accuracy.csv")
        #expect(name.run == "exp1")
        #expect(name.tag == "eval_accuracy")
        #expect(TensorBoardExportName(fileName: "run-.-tag-loss.csv").meaningfulRun == nil)
        #expect(TensorBoardExportName(fileName: "loss.csv").run == nil)
    }

    @Test func readsTheJSONExportWithNonFiniteStrings() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let path = try dir.write("run-.-tag-train_loss.json", "[[1700000000.5, 10, 2.5], [1700000001.5, 20, \"NaN\"], [1700000002.5, 30, \"-Infinity\"]]")
        let run = try RunLoader.load(path)
        #expect(run.format == "tensorboard-json")
        let loss = try #require(run.series(.trainLoss))
        #expect(loss.steps == [10, 20, 30])
        #expect(loss.values[1].isNaN && loss.values[2] == -.infinity)
    }

    @Test func aBrokenJSONExportIsAnErrorWithOffset() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let path = try dir.write("run-.-tag-loss.json", "[[1.0, 10, 2.5], [2.0, 20]]")
        let error = try #require(throws: IngestError.self) { try RunLoader.load(path) }
        #expect(error.byteOffset == 25)
        #expect(error.message.contains("expected ','"))
    }
}
