import Testing
@testable import RunModel

@Suite struct RunKindTests {
    func run(_ keys: [String], extra: [(String, String)] = [], tokens: Bool = false, loss: Double = 2.0) -> Run {
        var b = RunBuilder(name: "r", format: "jsonl", sourcePath: "r.jsonl")
        for step in [10, 20, 30] {
            b.add(key: "loss", step: step, value: loss)
            for key in keys { b.add(key: key, step: step, value: 0.5) }
        }
        for (k, v) in extra { b.metadata.setExtra(k, v) }
        if tokens { b.metadata.numInputTokensSeen = 1e6 }
        return b.build()
    }

    @Test(arguments: [
        (["rewards/margins", "logps/chosen"], RunKind.preference),
        (["reward", "kl", "frac_reward_zero_std"], .rl),
        (["objective/rlhf_reward", "objective/kl"], .rl),
        (["bbox/AP", "loss_box_reg"], .detection),
        (["metrics/mAP50(B)"], .detection),
        (["eval_wer"], .seq2seq),
        (["eval_rouge1"], .seq2seq),
        (["eval_accuracy", "eval_f1"], .classification),
        (["eval_mse", "eval_pearson"], .regression),
        (["val_perplexity"], .languageModel),
        (["something"], .other),
    ])
    func keysSayTheKind(keys: [String], kind: RunKind) {
        #expect(run(keys).kind == kind)
    }

    @Test func architecturesSayTheKind() {
        #expect(run([], extra: [("model.architectures", "BertForSequenceClassification")]).kind == .classification)
        #expect(run([], extra: [("model.architectures", "BertForSequenceClassification"), ("model.problem_type", "regression")]).kind == .regression)
        #expect(run([], extra: [("model.architectures", "WhisperForConditionalGeneration")]).kind == .seq2seq)
        #expect(run([], extra: [("model.architectures", "LlamaForCausalLM")]).kind == .languageModel)
        #expect(run([], extra: [("model.architectures", "DetrForObjectDetection")]).kind == .detection)
        // TRL keys beat the architecture: a causal LM trained with DPO is a preference run.
        #expect(run(["rewards/margins"], extra: [("model.architectures", "LlamaForCausalLM")]).kind == .preference)
    }

    @Test func perplexityOnlyForALanguageModelLossAboveZero() {
        #expect(run([], tokens: true).hasLanguageModelLoss)
        #expect(!run(["reward", "kl"], tokens: true, loss: -0.2).hasLanguageModelLoss)
        #expect(!run(["reward"], tokens: true).hasLanguageModelLoss)
        #expect(!run(["eval_accuracy"]).hasLanguageModelLoss)
        #expect(!run([], extra: [("model.architectures", "GPT2LMHeadModel")], loss: -1).hasLanguageModelLoss)
        #expect(!run(["eval_wer"]).hasLanguageModelLoss)  // seq2seq without token counts
        #expect(run(["eval_wer"], tokens: true).hasLanguageModelLoss)
    }
}
