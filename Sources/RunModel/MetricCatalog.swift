/// The one place where logged metric keys become canonical names and roles.
///
/// Canonical names are the ones Hugging Face's `TensorBoardCallback` writes (`train/loss`,
/// `eval/loss`, `train/learning_rate`, `train/grad_norm`, `eval/<metric>`...), so a run read from
/// trainer_state.json, a TensorBoard export or a JSONL log lands on the same names.
public enum MetricCatalog {
    /// Exact aliases (after lower-casing and turning `.`/`-` into `_`) for the core metrics.
    static let aliases: [String: String] = [
        "loss": "train/loss", "train_loss": "train/loss", "training_loss": "train/loss",
        "train/loss": "train/loss", "trainloss": "train/loss",
        "total_loss": "train/loss", "train_loss_step": "train/loss", "lm_loss": "train/loss",
        "eval_loss": "eval/loss", "val_loss": "eval/loss", "valid_loss": "eval/loss",
        "validation_loss": "eval/loss", "validation/loss": "eval/loss", "val/loss": "eval/loss",
        "valid/loss": "eval/loss", "eval/loss": "eval/loss", "test_loss": "test/loss",
        "lr": "train/learning_rate", "learning_rate": "train/learning_rate",
        "train/lr": "train/learning_rate", "train/learning_rate": "train/learning_rate",
        "lr_abs": "train/learning_rate",
        "grad_norm": "train/grad_norm", "gradient_norm": "train/grad_norm", "grad_norm_total": "train/grad_norm",
        "train/grad_norm": "train/grad_norm", "gradnorm": "train/grad_norm", "total_norm": "train/grad_norm",
        "epoch": "train/epoch", "train/epoch": "train/epoch",
        "tokens_per_second": "train/tokens_per_second", "tokens_per_sec": "train/tokens_per_second",
        "tokens_per_second_per_gpu": "train/tokens_per_second", "train_tokens_per_second": "train/tokens_per_second",
        "tok_per_sec": "train/tokens_per_second", "throughput": "train/tokens_per_second",
        "train/tokens_per_second": "train/tokens_per_second",
        "samples_per_second": "train/samples_per_second", "train/samples_per_second": "train/samples_per_second",
        "steps_per_second": "train/steps_per_second",
        "gpu_util": "system/gpu_utilization", "gpu_utilization": "system/gpu_utilization",
        "gpu_utilization_percent": "system/gpu_utilization", "system/gpu_utilization": "system/gpu_utilization",
        "num_input_tokens_seen": "train/num_input_tokens_seen", "num_tokens": "train/num_input_tokens_seen",
    ]

    /// Prefixes that mark an evaluation metric in non-HF logs (`val_acc`, `validation/f1`...).
    static let evalPrefixes = ["eval_", "eval/", "val_", "val/", "valid_", "valid/", "validation_", "validation/"]
    static let trainPrefixes = ["train_", "train/", "training_", "training/"]

    /// Canonical name and role for a logged key.
    public static func canonical(_ key: String) -> (name: String, role: MetricRole) {
        let folded = fold(key)
        if let name = aliases[folded] {
            return (name, role(ofCanonical: name))
        }
        for prefix in evalPrefixes where folded.hasPrefix(prefix) && folded.count > prefix.count {
            let metric = String(key.dropFirst(prefix.count))
            let name = "eval/" + metric
            return (name, role(ofCanonical: name))
        }
        if folded.hasPrefix("test_") || folded.hasPrefix("test/") {
            return ("test/" + key.dropFirst(5), .other)
        }
        for prefix in trainPrefixes where folded.hasPrefix(prefix) && folded.count > prefix.count {
            let name = "train/" + key.dropFirst(prefix.count)
            if let known = aliases[fold(String(key.dropFirst(prefix.count)))], known.hasPrefix("train/") {
                return (known, role(ofCanonical: known))
            }
            return (name, role(ofCanonical: name))
        }
        if key.contains("/") {
            let name = key
            return (name, role(ofCanonical: name))
        }
        let name = "train/" + key
        return (name, role(ofCanonical: name))
    }

    /// Role of an already canonical name.
    public static func role(ofCanonical name: String) -> MetricRole {
        switch name {
        case "train/loss": return .trainLoss
        case "eval/loss": return .evalLoss
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
        if name.hasPrefix("eval/") {
            let metric = String(name.dropFirst(5))
            if isEvalBookkeeping(metric) { return .other }
            return .evalMetric(higherIsBetter: higherIsBetter(metric))
        }
        return .other
    }

    /// Eval entries also carry timing (`eval_runtime`, `eval_samples_per_second`...): not quality metrics.
    static func isEvalBookkeeping(_ metric: String) -> Bool {
        let m = fold(metric)
        return m == "runtime" || m.hasSuffix("per_second") || m == "epoch" || m == "step" || m == "gen_len"
    }

    static let higherBetterWords = ["acc", "accuracy", "f1", "bleu", "rouge", "precision", "recall", "auc", "auroc",
                                    "ap", "map", "matthews", "mcc", "exact_match", "em", "score", "r2", "reward",
                                    "spearman", "pearson", "iou", "dice", "top1", "top5", "sacrebleu", "chrf", "meteor"]
    static let lowerBetterWords = ["loss", "wer", "cer", "perplexity", "ppl", "error", "err", "mse", "mae", "rmse",
                                   "nll", "ter", "bpb", "bpc"]

    /// Whether a larger value of an eval metric is better; nil when the name does not say.
    public static func higherIsBetter(_ metric: String) -> Bool? {
        let words = fold(metric).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        if words.contains(where: lowerBetterWords.contains) { return false }
        if words.contains(where: { w in higherBetterWords.contains(w) || w.hasPrefix("rouge") || w.hasPrefix("bleu") }) {
            return true
        }
        return nil
    }

    static func fold(_ key: String) -> String {
        String(key.lowercased().map { $0 == "-" || $0 == "." || $0 == " " ? "_" : $0 })
    }
}
