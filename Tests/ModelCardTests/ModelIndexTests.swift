import Testing
import Yams
@testable import ModelCard

@Suite struct ModelIndexTests {
    let update = ModelIndexUpdate(metrics: [.init(type: "loss", name: "Validation Loss", value: 2.802996873855591),
                                            .init(type: "accuracy", name: "Validation Accuracy", value: 0.5)],
                                  modelName: "my-model")

    /// The parsed model-index, to check what a YAML reader (and so the Hub) sees.
    func modelIndex(_ card: String) throws -> Node {
        let yaml = card.components(separatedBy: "---\n")[1]
        return try #require(try Yams.compose(yaml: yaml)?["model-index"])
    }

    @Test func fillsTheTrainersEmptyResultsFromPipelineTagAndDatasetsAndKeepsEveryOtherByte() throws {
        let before = "---\nlibrary_name: transformers\npipeline_tag: text-generation  # by hand\ndatasets:\n- wikitext\nmodel-index:\n- name: m\n  results: []\nwidget:\n- text: \"Once\"\n---\n\n# m\n"
        let after = try update.apply(to: before, path: "R")
        #expect(after == """
            ---
            library_name: transformers
            pipeline_tag: text-generation  # by hand
            datasets:
            - wikitext
            model-index:
            - name: m
              results:
              - task:
                  type: text-generation
                dataset:
                  name: wikitext
                  type: wikitext
                metrics:
                - type: loss
                  value: 2.803
                  name: Validation Loss
                - type: accuracy
                  value: 0.5
                  name: Validation Accuracy
            widget:
            - text: "Once"
            ---

            # m

            """)
        #expect(try update.apply(to: after, path: "R") == after, "applying twice changes nothing")
    }

    @Test func mergesIntoTheAuthorsResultWithoutTouchingTheirMetricsOrKeys() throws {
        let before = """
            ---
            license: mit
            model-index:
            - name: m
              results:
              - task:
                  type: text-classification
                  name: Text Classification
                dataset:
                  name: GLUE SST-2
                  type: glue
                  split: validation
                metrics:
                - type: accuracy
                  value: 0.91
                  name: Test Accuracy
                  verified: false
            # the license above is final
            tags: [a]
            ---
            text

            """
        let after = try update.apply(to: before, path: "R")
        #expect(after.hasPrefix("---\nlicense: mit\nmodel-index:\n"))
        #expect(after.hasSuffix("# the license above is final\ntags: [a]\n---\ntext\n"))
        let result = try #require(try modelIndex(after)[0]?["results"]?[0])
        #expect(result["task"]?["name"]?.string == "Text Classification")
        #expect(result["dataset"]?["split"]?.string == "validation")
        let metrics = try #require(result["metrics"]?.sequence)
        #expect(metrics.count == 3)
        #expect(metrics[0]["name"]?.string == "Test Accuracy" && metrics[0]["value"]?.float == 0.91 && metrics[0]["verified"]?.bool == false)
        #expect(metrics[2]["name"]?.string == "Validation Accuracy" && metrics[2]["value"]?.float == 0.5)

        var newer = update
        newer.metrics[1].value = 0.75
        let updated = try newer.apply(to: after, path: "R")
        let again = try #require(try modelIndex(updated)[0]?["results"]?[0]?["metrics"]?.sequence)
        #expect(again.count == 3, "its own metric is updated, not added again")
        #expect(again[2]["value"]?.float == 0.75)
    }

    @Test func withoutATaskOrDatasetItIsAnErrorThatSaysWhatToAdd() {
        #expect(throws: ModelCardError.modelIndex(path: "R", message: "no task type known: pass --task (e.g. text-generation), or set pipeline_tag in the front matter")) {
            try update.apply(to: "---\nlicense: mit\n---\n", path: "R")
        }
        var given = update
        given.task = "text-generation"
        #expect(throws: ModelCardError.self) { try given.apply(to: "---\nlicense: mit\n---\n", path: "R") }
        given.dataset = "wikitext"
        #expect((try? given.apply(to: "---\nlicense: mit\n---\n", path: "R"))?.hasPrefix("---\nlicense: mit\nmodel-index:\n- name: my-model\n") == true)
        #expect((try? given.apply(to: "# Card\n", path: "R"))?.hasPrefix("---\nmodel-index:\n") == true, "a card without front matter gets one")
    }

    @Test func malformedFrontMatterIsAnErrorWithTheCardsLineNumber() {
        #expect(throws: ModelCardError.self) { try update.apply(to: "---\nlicense: [mit\ntags: a\n---\n", path: "R") }
        do {
            _ = try update.apply(to: "---\nlicense: mit\ntags: [a, b\n---\n", path: "R")
        } catch let ModelCardError.frontMatter(_, line, message) {
            #expect(line == 4, "the line counts the opening --- too")
            #expect(message.hasSuffix("(while parsing a flow sequence on line 3)"), "\(message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(throws: ModelCardError.self) { try update.apply(to: "---\n- a list\n---\n", path: "R") }
        #expect(throws: ModelCardError.self) { try update.apply(to: "---\nmodel-index: 3\npipeline_tag: t\ndatasets: [d]\n---\n", path: "R") }
    }

    @Test func valuesAreWrittenSoYAMLReadsThemAsNumbers() {
        #expect(ModelIndexUpdate.format(2.802996873855591) == "2.803")
        #expect(ModelIndexUpdate.format(0.00001234) == "0.00001234")
        #expect(ModelIndexUpdate.format(1234.5) == "1234.5")
        #expect(ModelIndexUpdate.format(0.912345678) == "0.912346")
        #expect(ModelIndexUpdate.format(0) == "0.0")
    }
}
