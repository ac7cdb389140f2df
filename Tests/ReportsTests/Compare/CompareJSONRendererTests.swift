import Foundation
import Ingest
import Testing
@testable import Reports

struct CompareJSONRendererTests {
    private func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func topLevelKeysComeInTheDocumentedOrder() throws {
        let text = CompareJSONRenderer.render(CompareFixtures.comparison())
        let keys = ["schema_version", "tool", "runs", "unreadable", "x_axis", "shared_metrics", "hyperparameters", "outcomes", "winner"]
        var position = text.startIndex
        for key in keys {
            let found = text.range(of: "\n  \"\(key)\": ", range: position..<text.endIndex)
            #expect(found != nil, "\(key) missing or out of order")
            if let found { position = found.upperBound }
        }
        #expect(try object(text).count == keys.count)
    }

    @Test func winnerMarginAndDifferingSettingsAreData() throws {
        let json = try object(CompareJSONRenderer.render(CompareFixtures.comparison()))
        #expect(json["schema_version"] as? Int == 1)
        let winner = try #require(json["winner"] as? [String: Any])
        #expect(winner["basis"] as? String == "best_eval_loss")
        #expect(winner["metric"] as? String == "eval/loss")
        #expect(winner["tied"] as? [String] == ["tiny-a", "tiny-b & co"])
        #expect(winner["winner"] is NSNull)
        #expect((winner["sentence"] as? String)?.contains("tie for best") == true)
        let settings = try #require(json["hyperparameters"] as? [String: Any])
        let differing = try #require(settings["differing"] as? [[String: Any]])
        #expect(differing.first?["key"] as? String == "max_steps")
        #expect(differing.first?["values"] as? [String] == ["300", "600"])
        let outcome = try #require((json["outcomes"] as? [[String: Any]])?.first)
        #expect((outcome["best_eval_loss"] as? [String: Any])?["step"] as? Int == 200)
        #expect((outcome["findings"] as? [String: Any])?["ids"] is [String])
        #expect((json["unreadable"] as? [[String: Any]])?.first?["path"] as? String == "missing/run")
    }

    @Test func sampleRunsNameTheHealthyRunBestByItsMargin() throws {
        let runs = try ["hf-healthy-gpt2", "hf-overfit-gpt2", "hf-slow-convergence"].map { try RunLoader.load(CompareFixtures.sample($0)) }
        let comparison = ComparePipeline.comparison(of: runs, options: try CompareFixtures.options(), measurer: try .init())
        let winner = try #require(try object(CompareJSONRenderer.render(comparison))["winner"] as? [String: Any])
        #expect(winner["winner"] as? String == "hf-healthy-gpt2")
        #expect(winner["runner_up"] as? String == "hf-overfit-gpt2")
        let margin = try #require(winner["margin"] as? [String: Any])
        #expect(abs((margin["absolute"] as? Double ?? 0) - 0.6772) < 0.001)
    }

    @Test func sameComparisonGivesIdenticalBytes() {
        #expect(CompareJSONRenderer.render(CompareFixtures.comparison()) == CompareJSONRenderer.render(CompareFixtures.comparison()))
    }
}
