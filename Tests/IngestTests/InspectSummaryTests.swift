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
}
