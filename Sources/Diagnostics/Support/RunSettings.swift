import Foundation
import RunModel

/// The training settings a run recorded, gathered from wherever its files put them and normalised to
/// Hugging Face `TrainingArguments` names, so advice can say what the run already did and never
/// advise it again.
///
/// Sources, in order of precedence (the first that states a setting wins):
/// - `args.<name>`: the TrainingArguments JSON that HF's `TensorBoardCallback` writes as the `args`
///   text summary into the event file;
/// - `params.<name>`: MLflow params (HF's `MLflowCallback` logs the TrainingArguments there);
/// - `hparams.<name>`: a Lightning `hparams.yaml` next to the metrics;
/// - bare keys a producer wrote itself (`max_grad_norm`, banner facts of a text log such as
///   `gradient_accumulation_steps`);
/// - the typed `RunMetadata` fields (trainer_state.json's `max_steps`, `logging_steps`...).
/// `best_model_checkpoint` in trainer_state.json means `metric_for_best_model` was set (the Trainer
/// tracks a best checkpoint only then), so the best checkpoint was kept on disk.
/// A setting no source states is `nil`: advice then says "if not already set".
public struct RunSettings: Sendable, Equatable {
    /// Raw values by normalised name (`learning_rate`, `warmup_ratio`, `fp16`...).
    public var values: [String: String]

    static let prefixes = ["args.", "params.", "hparams.", ""]
    /// Other spellings of the same setting (Lightning/Keras/custom names -> HF names).
    static let aliases: [String: [String]] = [
        "learning_rate": ["learning_rate", "lr", "opt_learning_rate"],
        "max_grad_norm": ["max_grad_norm", "gradient_clip_val", "clip_grad_norm", "opt_clipnorm"],
        "optim": ["optim", "optimizer", "optimizer_name", "opt_name"],
        "warmup_steps": ["warmup_steps"],
        "warmup_ratio": ["warmup_ratio"],
        "lr_scheduler_type": ["lr_scheduler_type", "scheduler", "lr_scheduler"],
        "load_best_model_at_end": ["load_best_model_at_end"],
        "metric_for_best_model": ["metric_for_best_model"],
        "fp16": ["fp16"],
        "bf16": ["bf16"],
        "precision": ["precision"],
        "weight_decay": ["weight_decay"],
        "num_train_epochs": ["num_train_epochs", "max_epochs", "epochs"],
        "max_steps": ["max_steps"],
        "per_device_train_batch_size": ["per_device_train_batch_size", "batch_size", "train_batch_size"],
        "per_device_eval_batch_size": ["per_device_eval_batch_size", "eval_batch_size", "validation_batch_size"],
        "gradient_accumulation_steps": ["gradient_accumulation_steps", "accumulate_grad_batches"],
        "logging_nan_inf_filter": ["logging_nan_inf_filter"],
        "early_stopping_patience": ["early_stopping_patience"],
        // TRL RL settings (GRPOConfig / RLOOConfig / PPOConfig), read by the RL rules' advice.
        "beta": ["beta"],
        "kl_coef": ["kl_coef", "init_kl_coef"],
        "epsilon": ["epsilon", "cliprange"],
        "num_generations": ["num_generations"],
    ]

    public init(values: [String: String]) {
        self.values = values
    }

    public init(_ run: Run) {
        let meta = run.metadata
        var extra: [String: String] = [:]
        for (key, value) in meta.extra where extra[key] == nil { extra[key] = value }
        var values: [String: String] = [:]
        for (name, spellings) in Self.aliases {
            search: for prefix in Self.prefixes {
                for spelling in spellings {
                    if let value = extra[prefix + spelling], !value.isEmpty {
                        values[name] = value
                        break search
                    }
                }
            }
        }
        // EarlyStoppingCallback's own state in trainer_state.json (`EarlyStoppingCallback.early_stopping_patience`).
        if values["early_stopping_patience"] == nil,
           let patience = meta.extra.first(where: { $0.key.hasSuffix(".early_stopping_patience") }) {
            values["early_stopping_patience"] = patience.value
        }
        if values["max_steps"] == nil, let v = meta.maxSteps { values["max_steps"] = String(v) }
        if values["per_device_train_batch_size"] == nil, let v = meta.trainBatchSize { values["per_device_train_batch_size"] = String(v) }
        for (name, value) in [("logging_steps", meta.loggingSteps), ("eval_steps", meta.evalSteps), ("save_steps", meta.saveSteps)] {
            if let value { values[name] = String(value) }
        }
        if values["num_train_epochs"] == nil, let v = meta.numTrainEpochs { values["num_train_epochs"] = String(v) }
        if values["metric_for_best_model"] == nil, meta.bestModelCheckpoint != nil {
            values["metric_for_best_model"] = "(set: the Trainer recorded best_model_checkpoint)"
        }
        self.values = values
    }

    public subscript(_ name: String) -> String? { values[name] }

    /// A setting as a number; nil when unstated or not a number (`"None"`, `"-1"` stays -1).
    public func number(_ name: String) -> Double? {
        values[name].flatMap { Double($0.trimmingCharacters(in: [" ", "\""])) }
    }

    /// A setting as a flag (`True`/`true`/`1`); nil when unstated or not a flag.
    public func flag(_ name: String) -> Bool? {
        guard let raw = values[name]?.lowercased().trimmingCharacters(in: [" ", "\""]) else { return nil }
        switch raw {
        case "true", "1", "yes": return true
        case "false", "0", "no", "none": return false
        default: return nil
        }
    }

    /// Gradient clipping as recorded: the threshold, 0 when clipping is off; nil when unknown.
    public var clipping: Double? {
        guard let raw = values["max_grad_norm"] else { return nil }
        if ["none", "null", ""].contains(raw.lowercased()) { return 0 }
        return Double(raw)
    }

    /// True when the run trained in fp16 with a dynamic loss scaler (HF `fp16=True`, Lightning
    /// `precision: 16`/`16-mixed`); nil when unknown.
    public var fp16: Bool? {
        if let f = flag("fp16") { return f }
        if let p = values["precision"]?.lowercased() { return p.hasPrefix("16") }
        return nil
    }

    /// The optimiser family the run named (`adamw`, `adam`, `sgd`, `adafactor`...), lower-cased; nil when unstated.
    public var optimizer: String? {
        guard let raw = values["optim"]?.lowercased() else { return nil }
        for family in ["adamw", "adafactor", "adam", "sgd", "lion", "rmsprop", "adagrad"] where raw.contains(family) {
            return family
        }
        return raw
    }
}
