import Foundation
import RunModel
import Testing
@testable import Ingest

@Suite struct HFModelConfigTests {
    static let config = """
    {
      "_name_or_path": "distilbert-base-uncased",
      "architectures": ["DistilBertForSequenceClassification"],
      "model_type": "distilbert",
      "hidden_size": 768,
      "vocab_size": 30522,
      "torch_dtype": "float32",
      "transformers_version": "4.46.1",
      "id2label": {"0": "NEGATIVE", "1": "POSITIVE"}
    }
    """

    @Test func configJSONOfTheOutputDirectoryNamesTheModel() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        try dir.write("out/trainer_state.json", Fixtures.trainerState(entries: [Fixtures.train(step: 10, loss: "2.0")]))
        try dir.write("out/config.json", Self.config)
        let run = try RunLoader.load(dir.path + "/out")
        #expect(run.metadata.modelName == "distilbert-base-uncased")
        #expect(run.metadata.extra.contains { $0.key == "model.architectures" && $0.value == "DistilBertForSequenceClassification" })
        #expect(run.metadata.extra.contains { $0.key == "model.hidden_size" && $0.value == "768" })
        #expect(!run.metadata.extra.contains { $0.key.contains("id2label") })
    }

    @Test func aCheckpointsAdapterConfigGivesTheBaseModelAndArchitectureIsTheFallback() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        try dir.write("out/checkpoint-20/trainer_state.json", Fixtures.trainerState(entries: [Fixtures.train(step: 10, loss: "2.0")]))
        try dir.write("out/checkpoint-20/adapter_config.json", #"{"base_model_name_or_path": "Qwen/Qwen2.5-7B", "peft_type": "LORA", "r": 16}"#)
        let lora = try RunLoader.load(dir.path + "/out")
        #expect(lora.metadata.modelName == "Qwen/Qwen2.5-7B")
        #expect(lora.metadata.extra.contains { $0.key == "adapter.r" && $0.value == "16" })

        try dir.write("plain/trainer_state.json", Fixtures.trainerState(entries: [Fixtures.train(step: 10, loss: "2.0")]))
        try dir.write("plain/config.json", #"{"_name_or_path": "", "architectures": ["GPT2LMHeadModel"], "model_type": "gpt2"}"#)
        #expect(try RunLoader.load(dir.path + "/plain").metadata.modelName == "GPT2LMHeadModel")

        try dir.write("broken/trainer_state.json", Fixtures.trainerState(entries: [Fixtures.train(step: 10, loss: "2.0")]))
        try dir.write("broken/config.json", "{not json")
        #expect(try RunLoader.load(dir.path + "/broken").metadata.modelName == nil)
    }

    @Test func anOutputDirectoryWithoutItsOwnConfigTakesTheNewestCheckpointsConfig() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        try dir.write("out/trainer_state.json", Fixtures.trainerState(entries: [Fixtures.train(step: 10, loss: "2.0")]))
        try dir.write("out/checkpoint-5/config.json", #"{"architectures": ["BertForMaskedLM"], "model_type": "bert"}"#)
        try dir.write("out/checkpoint-10/config.json", #"{"architectures": ["GPT2LMHeadModel"], "model_type": "gpt2"}"#)
        try dir.write("out/checkpoint-10/trainer_state.json", Fixtures.trainerState(entries: [Fixtures.train(step: 10, loss: "2.0")]))
        let run = try RunLoader.load(dir.path + "/out")
        #expect(run.metadata.modelName == "GPT2LMHeadModel")
        #expect(run.metadata.extra.contains { $0.key == "model.model_type" && $0.value == "gpt2" })
    }

    @Test func tensorBoardLogsUnderRunsUseTheOutputDirectorysConfig() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        try dir.write("out/config.json", Self.config)
        try dir.write("out/runs/May01/events.out.tfevents.1.h.1.0",
                      TFEventsWriter.file([TFEventsWriter.event(step: 1, values: [TFEventsWriter.simple("train/loss", 1)])]))
        let run = try RunLoader.load(dir.path + "/out/runs/May01")
        #expect(run.metadata.modelName == "distilbert-base-uncased")
    }
}
