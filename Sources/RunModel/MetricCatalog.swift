/// The one table of metric meaning: logged keys become canonical names, and a canonical name says
/// its role, split (train / eval / test), which direction is better, and its unit
/// (`MetricCatalog+Meaning.swift`).
///
/// Canonical names are the ones Hugging Face's `TensorBoardCallback` writes (`train/loss`,
/// `eval/loss`, `train/learning_rate`, `train/grad_norm`, `eval/<metric>`...), so a run read from
/// trainer_state.json, a TensorBoard export or a JSONL log lands on the same names. The keys of other
/// producers (Lightning, Keras, detectron2, mmdetection, Ultralytics, timm, fairseq, NeMo, Megatron,
/// torchtune, TRL, W&B system metrics) map onto them; README "Metric names" lists the table.
public enum MetricCatalog {
    /// Exact aliases (after lower-casing and turning `.`/`-`/space into `_`) for the core metrics.
    static let aliases: [String: String] = [
        // Training loss: HF / generic, detectron2 `total_loss`, Megatron `lm loss`, NeMo `reduced_train_loss`,
        // Keras per-batch `batch_loss`.
        "loss": "train/loss", "train_loss": "train/loss", "training_loss": "train/loss",
        "train/loss": "train/loss", "trainloss": "train/loss",
        "total_loss": "train/loss", "lm_loss": "train/loss", "reduced_train_loss": "train/loss",
        "batch_loss": "train/loss", "train/total_loss": "train/loss",
        // Per-epoch training loss (Keras `epoch_loss`; Lightning `train_loss_epoch` goes through the suffix rule).
        "epoch_loss": "train/loss_epoch", "epoch_accuracy": "train/accuracy", "epoch_acc": "train/accuracy",
        "batch_accuracy": "train/accuracy",
        // Validation loss: generic, Megatron `lm loss validation`, Keras `evaluation_loss_vs_iterations`.
        "eval_loss": "eval/loss", "val_loss": "eval/loss", "valid_loss": "eval/loss",
        "validation_loss": "eval/loss", "validation/loss": "eval/loss", "val/loss": "eval/loss",
        "valid/loss": "eval/loss", "eval/loss": "eval/loss", "lm_loss_validation": "eval/loss",
        "evaluation_loss_vs_iterations": "eval/loss",
        "lm_loss_validation_ppl": "eval/perplexity", "evaluation_accuracy_vs_iterations": "eval/accuracy",
        "test_loss": "test/loss", "test/loss": "test/loss",
        // Learning rate: generic, Keras `epoch_learning_rate`/`epoch_lr`, `optimizer/lr`, YOLOv5 `x/lr0`.
        "lr": "train/learning_rate", "learning_rate": "train/learning_rate",
        "train/lr": "train/learning_rate", "train/learning_rate": "train/learning_rate",
        "lr_abs": "train/learning_rate", "epoch_learning_rate": "train/learning_rate", "epoch_lr": "train/learning_rate",
        "optimizer/lr": "train/learning_rate", "x/lr0": "train/learning_rate", "lr/pg0": "train/learning_rate",
        // Gradient norm: generic, fairseq `gnorm`, Megatron `grad-norm`.
        "grad_norm": "train/grad_norm", "gradient_norm": "train/grad_norm", "grad_norm_total": "train/grad_norm",
        "train/grad_norm": "train/grad_norm", "gradnorm": "train/grad_norm", "total_norm": "train/grad_norm",
        "gnorm": "train/grad_norm",
        "epoch": "train/epoch", "train/epoch": "train/epoch",
        // Throughput: generic, torchtune `tokens_per_second_per_gpu`, fairseq `wps` (words = tokens) and `ups`.
        "tokens_per_second": "train/tokens_per_second", "tokens_per_sec": "train/tokens_per_second",
        "tokens_per_second_per_gpu": "train/tokens_per_second", "train_tokens_per_second": "train/tokens_per_second",
        "tok_per_sec": "train/tokens_per_second", "throughput": "train/tokens_per_second",
        "train/tokens_per_second": "train/tokens_per_second", "wps": "train/tokens_per_second",
        "samples_per_second": "train/samples_per_second", "train/samples_per_second": "train/samples_per_second",
        "steps_per_second": "train/steps_per_second", "ups": "train/steps_per_second",
        // GPU utilisation (percent): generic; W&B `system/gpu.N.gpu` goes through `wandbGPU`.
        "gpu_util": "system/gpu_utilization", "gpu_utilization": "system/gpu_utilization",
        "gpu_utilization_percent": "system/gpu_utilization", "system/gpu_utilization": "system/gpu_utilization",
        "num_input_tokens_seen": "train/num_input_tokens_seen", "num_tokens": "train/num_input_tokens_seen",
    ]

    /// Prefixes that mark an evaluation metric in non-HF logs (`val_acc`, `validation/f1`...).
    static let evalPrefixes = ["eval_", "eval/", "val_", "val/", "valid_", "valid/", "validation_", "validation/"]
    static let testPrefixes = ["test_", "test/"]
    /// `train_inner/` is fairseq's per-update logging.
    static let trainPrefixes = ["train_inner/", "train_", "train/", "training_", "training/"]
    /// Keys of detection evaluations, logged without a split prefix: detectron2 `bbox/AP50`, `segm/AP`,
    /// `keypoints/AP`; mmdetection `coco/bbox_mAP`, `pascal_voc/mAP`; Ultralytics `metrics/mAP50(B)`.
    static let detectionEvalPrefixes = ["bbox/", "segm/", "keypoints/", "coco/", "pascal_voc/", "voc/", "metrics/"]

    /// Canonical name and role for a logged key.
    public static func canonical(_ key: String) -> (name: String, role: MetricRole) {
        let name = canonicalName(key)
        return (name, role(ofCanonical: name))
    }

    static func canonicalName(_ key: String) -> String {
        let folded = fold(key)
        if let name = aliases[folded] { return name }
        if let name = learningRateGroup(key) { return name }
        if let name = wandbSystem(key) { return name }
        if let name = lightningStepEpoch(key, folded: folded) { return name }
        for prefix in detectionEvalPrefixes where folded.hasPrefix(prefix) && folded.count > prefix.count {
            return "eval/" + key
        }
        for prefix in evalPrefixes where folded.hasPrefix(prefix) && folded.count > prefix.count {
            let rest = String(key.dropFirst(prefix.count))
            return aliases[fold(rest)] == "train/loss" ? "eval/loss" : "eval/" + rest
        }
        for prefix in testPrefixes where folded.hasPrefix(prefix) && folded.count > prefix.count {
            return "test/" + key.dropFirst(prefix.count)
        }
        for prefix in trainPrefixes where folded.hasPrefix(prefix) && folded.count > prefix.count {
            let rest = String(key.dropFirst(prefix.count))
            if let known = aliases[fold(rest)], known.hasPrefix("train/") { return known }
            return "train/" + rest
        }
        if key.contains("/") { return key }
        return "train/" + key
    }

    /// Lightning's `LearningRateMonitor` logs `lr-<Optimizer>` (one group), `lr-<Optimizer>-<name>`
    /// (a second optimizer of the same class), `lr-<Optimizer>/pg<N>` (unnamed groups, from pg1) or
    /// `lr-<Optimizer>/<name>` (named groups); Ultralytics logs `lr/pg0..2`,
    /// YOLOv5 `x/lr0..2`. The first group is the learning rate; the others are
    /// `train/learning_rate/<group>`.
    static func learningRateGroup(_ key: String) -> String? {
        let lower = key.lowercased()
        if lower.hasPrefix("lr-"), lower.count > 3 {
            let rest = key.dropFirst(3)
            if let slash = rest.firstIndex(of: "/") {
                let group = String(rest[rest.index(after: slash)...])
                return group.isEmpty || group == "pg1" ? "train/learning_rate" : "train/learning_rate/" + group
            }
            if let dash = rest.firstIndex(of: "-") {
                return "train/learning_rate/" + rest[rest.index(after: dash)...]
            }
            return "train/learning_rate"
        }
        for prefix in ["lr/pg", "x/lr"] where lower.hasPrefix(prefix) {
            let n = lower.dropFirst(prefix.count)
            if !n.isEmpty, n.allSatisfy(\.isNumber) { return n == "0" ? "train/learning_rate" : "train/learning_rate/pg" + n }
        }
        return nil
    }

    /// W&B system metrics: `system/gpu.0.gpu` (or `system.gpu.0.gpu` in old `wandb-events.jsonl`,
    /// `system/gpu.process.0.gpu`) is the GPU's utilisation in percent; other `system.*` keys keep their
    /// name under `system/`.
    static func wandbSystem(_ key: String) -> String? {
        let lower = key.lowercased()
        guard lower.hasPrefix("system/") || lower.hasPrefix("system.") else { return nil }
        let rest = String(key.dropFirst(7))
        var parts = rest.split(separator: ".").map(String.init)
        if parts.first == "gpu", parts.last == "gpu", parts.count >= 3 {
            if parts[1] == "process" { parts.remove(at: 1) }
            if parts.count == 3, parts[1].allSatisfy(\.isNumber) { return "system/gpu.\(parts[1]).gpu" }
        }
        return "system/" + rest
    }

    /// Lightning's `self.log(..., on_step=True, on_epoch=True)` writes `<name>_step` and `<name>_epoch`:
    /// the `_step` series is the metric itself, the `_epoch` one its per-epoch mean (`train/loss_epoch`).
    static func lightningStepEpoch(_ key: String, folded: String) -> String? {
        let splitPrefixes = trainPrefixes + evalPrefixes + testPrefixes
        guard splitPrefixes.contains(where: { folded.hasPrefix($0) }) else { return nil }
        for suffix in ["_step", "_epoch"] where folded.hasSuffix(suffix) {
            let base = String(key.dropLast(suffix.count))
            guard !splitPrefixes.contains(where: { fold(base) == $0 || fold(base) + "_" == $0 }) else { return nil }
            let name = canonicalName(base)
            return suffix == "_step" ? name : name + "_epoch"
        }
        return nil
    }

    /// Role of an already canonical name.
    public static func role(ofCanonical name: String) -> MetricRole {
        switch name {
        case "train/loss", "train/loss_epoch": return .trainLoss
        case "eval/loss": return .evalLoss
        case "test/loss": return .testLoss
        case "train/learning_rate": return .learningRate
        case "train/grad_norm": return .gradNorm
        case "train/epoch": return .epoch
        case "train/tokens_per_second": return .tokensPerSecond
        case "train/samples_per_second": return .samplesPerSecond
        case "train/steps_per_second": return .stepsPerSecond
        case "system/gpu_utilization": return .gpuUtilization
        case "train/num_input_tokens_seen": return .tokensSeen
        default: break
        }
        if name.hasPrefix("train/learning_rate/") { return .learningRate }
        if isWandbGPUUtilization(name) { return .gpuUtilization }
        if rewardNames.contains(name) { return .reward }
        if name.hasPrefix("eval/") {
            let metric = String(name.dropFirst(5))
            if isEvalBookkeeping(metric) { return .other }
            return .evalMetric(higherIsBetter: higherIsBetter(metric))
        }
        if name.hasPrefix("test/") {
            let metric = String(name.dropFirst(5))
            if isEvalBookkeeping(metric) { return .other }
            return .testMetric(higherIsBetter: higherIsBetter(metric))
        }
        return .other
    }

    /// The mean reward of RL trainers: TRL GRPO / RLOO (`reward`), TRL PPO / RLOO v2
    /// (`objective/rlhf_reward`), old TRL PPO (`env/reward_mean`), Stable-Baselines3
    /// (`rollout/ep_rew_mean`), generic episodic rewards.
    static let rewardNames: Set<String> = [
        "train/reward", "objective/rlhf_reward", "env/reward_mean", "rollout/ep_rew_mean",
        "train/episodic_reward", "train/episode_reward", "train/mean_reward",
    ]

    static func isWandbGPUUtilization(_ name: String) -> Bool {
        guard name.hasPrefix("system/gpu."), name.hasSuffix(".gpu") else { return false }
        let middle = name.dropFirst("system/gpu.".count).dropLast(4)
        return !middle.isEmpty && middle.allSatisfy(\.isNumber)
    }

    /// Eval entries also carry timing (`eval_runtime`, `eval_samples_per_second`...): not quality metrics.
    static func isEvalBookkeeping(_ metric: String) -> Bool {
        let m = fold(metric)
        return m == "runtime" || m.hasSuffix("per_second") || m == "epoch" || m == "step" || m == "gen_len"
            || m.hasSuffix("_timing") || m == "samples" || m == "steps" || m == "num_tokens"
    }

    static let higherBetterWords: Set<String> = [
        "acc", "accuracy", "accuracies", "f1", "bleu", "rouge", "precision", "recall", "auc", "auroc", "ap", "map",
        "matthews", "mcc", "exact_match", "em", "score", "r2", "reward", "spearman", "pearson", "iou", "miou", "dice",
        "top1", "top5", "sacrebleu", "chrf", "meteor", "margins", "ndcg", "mrr", "hit", "hits", "bertscore",
        "correlation", "kappa", "fid_inverse",
    ]
    static let lowerBetterWords: Set<String> = [
        "loss", "wer", "cer", "perplexity", "ppl", "error", "err", "mse", "mae", "rmse", "nll", "ter", "bpb", "bpc",
        "fid", "mape", "smape",
    ]

    /// Whether a larger value of a metric is better; nil when the name does not say.
    public static func higherIsBetter(_ metric: String) -> Bool? {
        let words = fold(metric).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        // The spread of a metric (`reward_std`) is better neither up nor down.
        if let last = words.last, ["std", "var", "variance"].contains(last) { return nil }
        if words.contains(where: lowerBetterWords.contains) { return false }
        if words.contains(where: { w in higherBetterWords.contains(w) || w.hasPrefix("rouge") || w.hasPrefix("bleu")
                || isAveragePrecision(w) }) {
            return true
        }
        return nil
    }

    /// COCO-style average precision words: `ap`, `ap50`, `ap75`, `aps`/`apm`/`apl`, `map50`, `map50_95`.
    static func isAveragePrecision(_ word: String) -> Bool {
        var w = Substring(word)
        if w.hasPrefix("map") { w = w.dropFirst(3) } else if w.hasPrefix("ap") { w = w.dropFirst(2) } else { return false }
        if w.isEmpty || w.allSatisfy(\.isNumber) { return true }
        return w == "s" || w == "m" || w == "l"
    }

    static func fold(_ key: String) -> String {
        String(key.lowercased().map { $0 == "-" || $0 == "." || $0 == " " ? "_" : $0 })
    }
}
