/// The kind of training a run is, inferred from what it logs and what its files say. Charts and rules
/// follow it (perplexity only for language models; the task metric chooses the best checkpoint of a
/// classifier). The raw values are a contract (`run.kind` in report.json).
public enum RunKind: String, Sendable, CaseIterable {
    case languageModel = "language-model"
    case seq2seq
    case classification
    case regression
    case detection
    /// Preference optimisation: DPO, KTO, ORPO, SimPO, CPO, reward modelling on pairs.
    case preference
    /// Reinforcement learning: PPO, GRPO, RLOO, or a classic RL loop logging episode rewards.
    case rl
    case other

    /// Words for key facts ("language-model fine-tuning or pre-training").
    public var label: String {
        switch self {
        case .languageModel: return "language modelling (fine-tuning or pre-training)"
        case .seq2seq: return "sequence-to-sequence (translation, summarisation, speech recognition)"
        case .classification: return "classification"
        case .regression: return "regression"
        case .detection: return "detection / segmentation"
        case .preference: return "preference optimisation (DPO family)"
        case .rl: return "reinforcement learning (PPO / GRPO / RLOO family)"
        case .other: return "other"
        }
    }
}

/// The inferred kind and the evidence it was inferred from ("TRL DPO keys: rewards/margins").
public struct RunKindInference: Sendable, Equatable {
    public var kind: RunKind
    public var reason: String
}

extension Run {
    /// The kind of training, with the reason; computed from series names and metadata.
    public var kind: RunKind { kindInference.kind }

    public var kindInference: RunKindInference {
        let names = series.filter { !$0.isEmpty }.map(\.name)
        let lower = names.map { $0.lowercased() }
        func found(_ test: (String) -> Bool) -> String? { names.first { test($0.lowercased()) } }
        let architectures = (metadata.extra.first { $0.key == "model.architectures" }?.value ?? "")
        let arch = architectures.lowercased()

        // Preference: TRL DPO/CPO/ORPO/KTO log implicit rewards and log-probs of chosen vs rejected.
        if let key = found({ $0 == "rewards/margins" || $0 == "rewards/accuracies" || $0 == "logps/chosen"
                || $0 == "logps/rejected" || $0 == "rewards/chosen" || $0.hasSuffix("log_odds_ratio") }) {
            return RunKindInference(kind: .preference, reason: "it logs \(key), as TRL's DPO, CPO, ORPO and KTO trainers do")
        }
        // RL: a reward that is optimised (GRPO/RLOO `reward`, PPO `objective/rlhf_reward`), group statistics.
        if let key = found({ $0 == "train/frac_reward_zero_std" || $0.hasPrefix("objective/") || $0 == "train/reward_std"
                || $0 == "env/reward_mean" || $0.hasPrefix("rollout/") || MetricCatalog.role(ofCanonical: $0) == .reward }) {
            return RunKindInference(kind: .rl, reason: "it logs \(key), an RL reward statistic")
        }
        // Detection / segmentation: COCO AP, detector loss components, or a detection head.
        if let key = found({ n in
            ["bbox/", "segm/", "coco/", "pascal_voc/", "keypoints/"].contains { n.hasPrefix("eval/" + $0) }
                || n.contains("map50") || n.hasSuffix("/loss_box_reg") || n.hasSuffix("/box_loss") || n.hasSuffix("/loss_rpn_cls")
        }) {
            return RunKindInference(kind: .detection, reason: "it logs \(key) (detection metrics or losses)")
        }
        if let a = ["forobjectdetection", "forsemanticsegmentation", "forinstancesegmentation", "foruniversalsegmentation",
                    "fordepthestimation"].first(where: arch.contains) {
            return RunKindInference(kind: .detection, reason: "the model is a \(architectures) (\(a.dropFirst(3)))")
        }
        // Architectures say the head: the most direct evidence when config.json is there.
        if !arch.isEmpty {
            if arch.contains("classification") || arch.contains("formultiplechoice") {
                let regression = metadata.extra.contains { $0.key == "model.problem_type" && $0.value == "regression" }
                    || metadata.extra.contains { $0.key == "model.num_labels" && $0.value == "1" }
                return RunKindInference(kind: regression ? .regression : .classification,
                                        reason: "the model is a \(architectures)")
            }
            if Self.seq2seqModels.contains(where: arch.contains) || arch.contains("encoderdecoder") || arch.contains("forseq2seq") {
                return RunKindInference(kind: .seq2seq, reason: "the model is a \(architectures) (encoder-decoder)")
            }
            if arch.contains("forcausallm") || arch.contains("lmheadmodel") || arch.contains("formaskedlm")
                || arch.contains("forpretraining") || arch.contains("forconditionalgeneration") {
                return RunKindInference(kind: .languageModel, reason: "the model is a \(architectures)")
            }
        }
        // A model name from a well-known family (config.json `_name_or_path`, an adapter's base model).
        if let model = metadata.modelName?.lowercased() {
            let words = model.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
            if let w = words.first(where: { w in Self.decoderFamilies.contains { w.hasPrefix($0) } || w == "opt" || w == "yi" }) {
                return RunKindInference(kind: .languageModel, reason: "the model is \(metadata.modelName ?? w) (a decoder language model)")
            }
            if let w = words.first(where: { w in Self.encoderDecoderFamilies.contains { w.hasPrefix($0) } }) {
                return RunKindInference(kind: .seq2seq, reason: "the model is \(metadata.modelName ?? w) (encoder-decoder)")
            }
        }
        // Eval / train metric names.
        let metricWords = lower.flatMap { $0.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init) }
        if let w = ["wer", "cer", "bleu", "sacrebleu", "chrf", "meteor", "gen_len"].first(where: metricWords.contains)
            ?? metricWords.first(where: { $0.hasPrefix("rouge") }) {
            return RunKindInference(kind: .seq2seq, reason: "it logs \(w) (a generation metric)")
        }
        if let w = ["perplexity", "ppl"].first(where: metricWords.contains) {
            return RunKindInference(kind: .languageModel, reason: "it logs \(w)")
        }
        // Token counting (HF `include_num_input_tokens_seen`, LLaMA-Factory, TRL SFT) is what LM training does.
        if (series(.tokensSeen)?.summary.max ?? 0) > 0 || series(.tokensPerSecond) != nil || (metadata.numInputTokensSeen ?? 0) > 0 {
            return RunKindInference(kind: .languageModel, reason: "it counts tokens seen or tokens per second")
        }
        // Held-out classification / regression metrics; a token accuracy (TRL `mean_token_accuracy`,
        // run_clm's next-token accuracy) is a language-model metric, not a classifier's.
        let heldOutWords = lower.filter { ($0.hasPrefix("eval/") || $0.hasPrefix("test/")) && !$0.contains("token") }
            .flatMap { $0.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init) }
        if let w = ["accuracy", "acc", "f1", "precision", "recall", "auc", "auroc", "mcc", "matthews", "top1", "top5"]
            .first(where: heldOutWords.contains) {
            return RunKindInference(kind: .classification, reason: "it logs \(w) (a classification metric)")
        }
        if let w = ["mse", "mae", "rmse", "r2", "pearson", "spearman"].first(where: heldOutWords.contains) {
            return RunKindInference(kind: .regression, reason: "it logs \(w) (a regression metric)")
        }
        if let key = found({ $0.contains("reward") || $0.contains("episod") }) {
            return RunKindInference(kind: .rl, reason: "it logs \(key)")
        }
        return RunKindInference(kind: .other, reason: "neither its metric names nor its files say the task")
    }

    /// Name stems of decoder-only language-model families, as they appear in model names.
    static let decoderFamilies = ["gpt", "llama", "tinyllama", "codellama", "qwen", "mistral", "mixtral", "gemma", "phi",
                                  "falcon", "bloom", "pythia", "chatglm", "baichuan", "internlm", "deepseek", "smollm", "olmo",
                                  "starcoder", "vicuna", "alpaca"]
    /// Name stems of encoder-decoder families.
    static let encoderDecoderFamilies = ["t5", "mt5", "flan", "bart", "mbart", "whisper", "marian", "opus", "pegasus", "nllb", "m2m100"]

    /// `model_type` stems of encoder-decoder models in `architectures` (lower-cased).
    static let seq2seqModels = ["t5forconditionalgeneration", "mt5", "bart", "whisper", "marian", "pegasus", "mbart",
                                "m2m100", "nllb", "speech2text", "fsmt", "prophetnet", "ledfor", "longt5", "umt5",
                                "seamless", "blenderbot", "switchtransformers"]
}

extension Run {
    /// True when the loss is a token-level cross-entropy, so exp(loss) is a perplexity: a language model
    /// (or a seq2seq run that counts tokens or logs perplexity) whose loss is never zero or negative.
    /// Never for preference or RL runs: their loss is a policy objective that can be negative.
    public var hasLanguageModelLoss: Bool {
        let k = kind
        guard k == .languageModel || k == .seq2seq else { return false }
        for role in [MetricRole.trainLoss, .evalLoss] {
            if let lowest = series(role)?.summary.min, lowest <= 0 { return false }
        }
        if k == .languageModel { return true }
        let countsTokens = series(.tokensSeen) != nil || series(.tokensPerSecond) != nil || (metadata.numInputTokensSeen ?? 0) > 0
        return countsTokens || series.contains { s in
            let n = s.name.lowercased()
            return !s.isEmpty && (n.contains("perplexity") || n.hasSuffix("/ppl") || n.hasSuffix("_ppl"))
        }
    }
}
