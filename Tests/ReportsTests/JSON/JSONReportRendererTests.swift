import Foundation
import Testing
@testable import Reports
import RunModel

struct JSONReportRendererTests {
    private func parsed(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func topLevelKeysFollowTheSchemaInOrder() throws {
        let text = JSONReportRenderer.render(ReportFixtures.document())
        guard case .object(let members) = JSONReportRenderer.value(of: ReportFixtures.document()) else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.0) == ["schema_version", "tool", "run", "verdict", "verdict_reason", "root_cause", "findings", "metrics",
                                     "key_facts", "best_checkpoint", "series", "uncharted_series", "metadata",
                                     "ingest_issues", "log_events"])
        let json = try parsed(text)
        #expect(json["schema_version"] as? Int == 1)
        #expect(json["verdict"] as? String == "attention")
        let run = try #require(json["run"] as? [String: Any])
        #expect(run["name"] as? String == "tiny-gpt2 & friends")
        #expect(run["format"] as? String == "hf-trainer-state")
        #expect((run["sources"] as? [[String: Any]])?.first?["path"] as? String == "runs/tiny/trainer_state.json")
    }

    @Test func kindBestCheckpointSeriesMeaningAndUnchartedSeriesAreData() throws {
        var document = ReportFixtures.document()
        document.unchartedSeries = ["custom/<m>"]
        let json = try parsed(JSONReportRenderer.render(document))
        let run = try #require(json["run"] as? [String: Any])
        #expect(run["kind"] as? String == "language-model")  // the model is tiny-gpt2
        #expect((run["kind_reason"] as? String)?.contains("tiny-gpt2") == true)
        let best = try #require(json["best_checkpoint"] as? [String: Any])
        #expect(best["metric"] as? String == "eval/loss")
        #expect(best["step"] as? Int == 200)
        #expect(best["basis"] as? String == "eval_loss")
        let series = try #require(json["series"] as? [[String: Any]])
        let accuracy = try #require(series.first { $0["name"] as? String == "eval/accuracy" })
        #expect(accuracy["split"] as? String == "eval")
        #expect(accuracy["better"] as? String == "up")
        #expect(accuracy["unit"] is NSNull)
        #expect(json["uncharted_series"] as? [String] == ["custom/<m>"])
        let html = try HTMLReportRenderer(templates: .builtIn()).render(document)
        #expect(html.contains("Other logged series (not charted)"))
        #expect(html.contains("<code>custom/&lt;m&gt;</code>"))
    }

    @Test func findingsAreSortedBySeverityAndCarryStepsEvidenceAndFixes() throws {
        let json = try parsed(JSONReportRenderer.render(ReportFixtures.document()))
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.map { $0["id"] as? String } == ["overfitting", "no-eval"])
        let first = findings[0]
        #expect(Set(first.keys) == ["id", "severity", "title", "message", "steps", "metric", "evidence", "why", "fixes"])
        let steps = try #require(first["steps"] as? [String: Int])
        #expect(steps == ["first": 200, "last": 300])
        let evidence = try #require(first["evidence"] as? [String: Any])
        #expect(evidence["best_step"] as? Int == 200)
        #expect(evidence["best_value"] as? Double == 1.7)
        #expect(evidence["rise"] as? String == "6%")
        #expect((first["fixes"] as? [String])?.count == 2)
        #expect(findings[1]["steps"] == nil)
    }

    @Test func metricsHoldTheHealthTable() throws {
        let json = try parsed(JSONReportRenderer.render(ReportFixtures.document()))
        let metrics = try #require(json["metrics"] as? [[String: String]])
        #expect(metrics.count == 3)
        #expect(metrics[2] == ["metric": "GPU utilisation", "measures": "How busy the GPU was", "healthy_range": "above 80%",
                               "observed": "—", "status": "not logged"])
    }

    @Test func sameDocumentGivesIdenticalBytes() {
        #expect(JSONReportRenderer.render(ReportFixtures.document()) == JSONReportRenderer.render(ReportFixtures.document()))
    }

    @Test func seriesSummariesNameTheirRoles() throws {
        let json = try parsed(JSONReportRenderer.render(ReportFixtures.document()))
        let series = try #require(json["series"] as? [[String: Any]])
        let loss = try #require(series.first { $0["name"] as? String == "train/loss" })
        #expect(loss["role"] as? String == "train_loss")
        #expect(loss["count"] as? Int == 30)
        #expect(loss["last_step"] as? Int == 300)
    }
}
