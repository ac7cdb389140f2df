import Foundation
import Ingest
import TestSupport
import Testing
@testable import Reports

struct ComparePipelineTests {
    @Test func writesTheThreeFilesAndNamesTheWinner() throws {
        let out = try TemporaryDirectory.make("reports-test")
        defer { try? FileManager.default.removeItem(at: out) }
        let paths = ["hf-healthy-gpt2", "hf-overfit-gpt2", "hf-slow-convergence"].map(CompareFixtures.sample)
        let outcome = ComparePipeline.compare(paths: paths, output: out.path, options: try CompareFixtures.options())
        #expect(outcome.exitCode == 0)
        #expect(outcome.failures.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["compare.html", "compare.json", "compare.pdf"])
        let comparison = try #require(outcome.comparison)
        #expect(comparison.winner.winner == 0)
        #expect(comparison.runs.map(\.verdict) == [.healthy, .attention, .attention])
        #expect(comparison.runs[1].findingIDs.contains("overfitting"))
        #expect(comparison.hyperparameters.differing.map(\.key).contains("peak learning_rate (logged)"))
    }

    @Test func runsFromDifferentFormatsCompareOnTheirSharedEvalLoss() throws {
        let out = try TemporaryDirectory.make("reports-test")
        defer { try? FileManager.default.removeItem(at: out) }
        let outcome = ComparePipeline.compare(paths: ["jsonl-healthy", "tbcsv-healthy"].map(CompareFixtures.sample), output: out.path,
                                              options: try CompareFixtures.options([.json], xAxis: .epoch))
        let comparison = try #require(outcome.comparison)
        #expect(comparison.winner.basis == .evalLoss)
        #expect(comparison.winner.winner == 0)
        #expect(comparison.hyperparameters.differing.first?.values == ["jsonl", "tensorboard-csv"])
        #expect(comparison.xAxis == .step)
        #expect(comparison.xAxisNote == "Charts are by step, not epoch: jsonl-healthy does not log epochs.")
    }

    @Test func anUnreadableRunIsReportedAndTheRestStillCompared() throws {
        let out = try TemporaryDirectory.make("reports-test")
        defer { try? FileManager.default.removeItem(at: out) }
        let paths = [CompareFixtures.sample("hf-healthy-gpt2"), out.appendingPathComponent("nope").path, CompareFixtures.sample("hf-no-eval")]
        let outcome = ComparePipeline.compare(paths: paths, output: out.appendingPathComponent("cmp").path,
                                              options: try CompareFixtures.options([.json]))
        #expect(outcome.exitCode == 2)
        #expect(outcome.failures.map(\.path) == [paths[1]])
        let comparison = try #require(outcome.comparison)
        #expect(comparison.unreadable.count == 1)
        #expect(comparison.winner.basis == .trainLoss)
        #expect(comparison.winner.caveat?.hasPrefix("not comparable on held-out data: hf-no-eval logged no eval metric;") == true)
        #expect(outcome.files.count == 1)
    }

    @Test func fewerThanTwoReadableRunsWriteNothing() throws {
        let out = try TemporaryDirectory.make("reports-test")
        defer { try? FileManager.default.removeItem(at: out) }
        let target = out.appendingPathComponent("cmp").path
        let outcome = ComparePipeline.compare(paths: [CompareFixtures.sample("hf-healthy-gpt2"), out.appendingPathComponent("nope").path],
                                              output: target, options: try CompareFixtures.options())
        #expect(outcome.exitCode == 2)
        #expect(outcome.comparison == nil)
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test func theSameRunTwiceGetsDistinctNames() throws {
        let path = CompareFixtures.sample("jsonl-healthy")
        let runs = try [path, path].map { try RunLoader.load($0) }
        let comparison = ComparePipeline.comparison(of: runs, options: try CompareFixtures.options(), measurer: try .init())
        #expect(comparison.runs.map(\.name) == ["jsonl-healthy", "jsonl-healthy (2)"])
        #expect(comparison.winner.tied == [0, 1])
    }

    @Test func outputsAreIdenticalFromRunToRun() throws {
        let out = try TemporaryDirectory.make("reports-test")
        defer { try? FileManager.default.removeItem(at: out) }
        let paths = ["hf-healthy-gpt2", "hf-overfit-gpt2"].map(CompareFixtures.sample)
        var contents: [[Data]] = []
        for name in ["one", "two"] {
            let folder = out.appendingPathComponent(name)
            _ = ComparePipeline.compare(paths: paths, output: folder.path, options: try CompareFixtures.options())
            contents.append(try ["compare.pdf", "compare.html", "compare.json"].map { try Data(contentsOf: folder.appendingPathComponent($0)) })
        }
        #expect(contents[0] == contents[1])
    }
}
