import Foundation
import RunModel
import Testing
@testable import Ingest

@Suite struct InspectSummaryTests {
    @Test func jsonCarriesTheContractKeysAndNonFiniteAsStrings() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let path = try dir.write("r/run-.-tag-train_loss.csv", "Wall time,Step,Value\n1.0,10,2.5\n2.0,20,nan\n3.0,30,0.5\n")
        let summary = InspectSummary.collect([path, dir.path + "/missing.json"])
        #expect(summary.exitCode == 2)
        let text = summary.json().serialized()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let runs = try #require(object["runs"] as? [[String: Any]])
        let run = try #require(runs.first)
        for key in ["name", "format", "sources", "segments", "warnings", "series"] { #expect(run[key] != nil, "run key \(key)") }
        let series = try #require((run["series"] as? [[String: Any]])?.first)
        for key in ["name", "key", "count", "first_step", "last_step", "first", "last", "min", "min_step", "max", "nonfinite"] {
            #expect(series[key] != nil, "series key \(key)")
        }
        #expect(series["name"] as? String == "train/loss")
        #expect(series["min"] as? Double == 0.5)
        #expect(series["min_step"] as? Int == 30)
        #expect(series["nonfinite"] as? Int == 1)
        let errors = try #require(object["errors"] as? [[String: Any]])
        #expect(errors.count == 1)
        #expect((errors.first?["message"] as? String)?.contains("missing.json") == true)
    }

    @Test func nonFiniteFirstAndLastAreWrittenAsStrings() {
        let series = Series(name: "train/loss", key: "loss", role: .trainLoss, steps: [1, 2], values: [.nan, .infinity])
        let text = series.summaryJSON.serialized(pretty: false)
        #expect(text.contains("\"first\":\"NaN\""))
        #expect(text.contains("\"last\":\"Infinity\""))
        #expect(text.contains("\"min\":null"))
    }

    @Test func textShowsFormatSourcesSeriesAndWarnings() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let path = try dir.write("exp/metrics.jsonl", "{\"step\": 1, \"loss\": 2.5}\n{\"step\": 2, \"loss\": 2.0}\n{\"step\": 3, \"lo")
        let summary = InspectSummary.collect([path])
        #expect(summary.exitCode == 0)
        let text = summary.text()
        #expect(text.contains("run exp"))
        #expect(text.contains("format:   jsonl"))
        #expect(text.contains("train/loss"))
        #expect(text.contains("repair:"))
    }

    @Test func anAssembledRunShowsItsSourcesAndWhereEachSeriesCameFrom() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        try dir.write("out/trainer_state.json", Fixtures.trainerState(entries: [Fixtures.train(step: 10, loss: "2.5"), Fixtures.train(step: 20, loss: "2.25")]))
        try dir.write("out/train.log", "{'loss': 2.5, 'learning_rate': 5e-05, 'epoch': 0.33, 'step': 10}\n{'loss': 2.25, 'learning_rate': 5e-05, 'epoch': 0.67, 'step': 20}\n{'loss': 2.0, 'learning_rate': 5e-05, 'epoch': 1.0, 'step': 30}\n")
        let summary = InspectSummary.collect([dir.path + "/out"])
        let text = summary.text()
        #expect(text.contains("source 1: \(dir.path)/out/trainer_state.json (hf-trainer-state;"))
        #expect(text.contains("source 2: \(dir.path)/out/train.log (hf-text-log)"))
        let lossRow = try #require(text.split(separator: "\n").first { $0.contains("train/loss") })
        #expect(lossRow.hasSuffix(" 2"), "train/loss has 3 points in train.log, 2 in the state: \(lossRow)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(summary.json().serialized().utf8)) as? [String: Any])
        let run = try #require((object["runs"] as? [[String: Any]])?.first)
        #expect(run["source_formats"] as? [String] == ["hf-trainer-state", "hf-text-log"])
        #expect(run["log_start"] is NSNull)
        let loss = try #require((run["series"] as? [[String: Any]])?.first { $0["name"] as? String == "train/loss" })
        #expect(loss["source"] as? String == dir.path + "/out/train.log")
    }
}
