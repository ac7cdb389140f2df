import RunModel

/// The facts of a run laid out as Hugging Face's auto-generated model card lays them out, so the
/// Markdown report pastes into a card and reads like the rest of it.
///
/// `hyperparameters` follows the list and wording of transformers' `modelcard.py`
/// (`extract_hyperparameters_from_trainer`): `learning_rate`, `train_batch_size`, `eval_batch_size`,
/// `seed`, `num_devices`, `gradient_accumulation_steps`, `total_train_batch_size`, `optimizer`,
/// `lr_scheduler_type`, `lr_scheduler_warmup_ratio`/`_steps`, `training_steps` or `num_epochs`,
/// `mixed_precision_training`, `label_smoothing_factor`; like HF, an entry is left out when the files
/// do not state it (or, for accumulation and warmup, when it is the default). Values are written as
/// the files state them; numbers read from metadata or curves follow `ReportNumber`. Model facts
/// (`config.json`, `adapter_config.json`) get their own list, and every other setting the files
/// state goes to `otherSettings`.
public struct ModelCardSection: Sendable, Equatable {
    public var hyperparameters: [ReportFact]
    public var model: [ReportFact]
    public var otherSettings: [ReportFact]

    public init(run: Run) {
        let settings = StatedSettings(run.metadata)
        var list: [ReportFact] = []
        func add(_ key: String, _ value: String?) { if let value { list.append(ReportFact(key, value)) } }

        if let rate = settings.value("learning_rate") {
            add("learning_rate", rate)
        } else if let peak = run.series(.learningRate)?.summary.max {
            add("learning_rate", "\(ReportNumber.format(peak)) (peak of the logged schedule)")
        }
        let train = run.metadata.trainBatchSize ?? settings.int("per_device_train_batch_size", "train_batch_size")
        add("train_batch_size", train.map(String.init))
        add("eval_batch_size", settings.value("per_device_eval_batch_size", "eval_batch_size"))
        add("seed", settings.value("seed"))
        let accumulation = settings.int("gradient_accumulation_steps")
        let stated = settings.int("total_train_batch_size")
        let devices = settings.int("num_devices", "world_size") ?? Self.devices(total: stated, train: train, accumulation: accumulation)
        if let devices, devices > 1 { add("num_devices", String(devices)) }
        if let accumulation, accumulation > 1 { add("gradient_accumulation_steps", String(accumulation)) }
        let total = stated ?? train.map { $0 * (accumulation ?? 1) * (devices ?? 1) }
        if let total, total != train { add("total_train_batch_size", String(total)) }
        add("optimizer", Self.optimizer(settings))
        add("lr_scheduler_type", settings.value("lr_scheduler_type").map(Self.enumValue))
        if let ratio = settings.value("warmup_ratio"), Double(ratio) != 0 { add("lr_scheduler_warmup_ratio", ratio) }
        if let steps = settings.value("warmup_steps"), Double(steps) != 0 { add("lr_scheduler_warmup_steps", steps) }
        if let steps = settings.int("max_steps"), steps > 0, settings.isArgument("max_steps") {
            add("training_steps", String(steps))
        } else {
            add("num_epochs", run.metadata.numTrainEpochs.map { ReportNumber.format($0) } ?? settings.value("num_train_epochs", "num_epochs"))
        }
        if settings.flag("fp16") || settings.flag("bf16") { add("mixed_precision_training", "Native AMP") }
        if let smoothing = settings.value("label_smoothing_factor"), Double(smoothing) != 0 { add("label_smoothing_factor", smoothing) }
        hyperparameters = list

        model = run.metadata.extra.filter { $0.key.hasPrefix("model.") || $0.key.hasPrefix("adapter.") }
            .map { ReportFact($0.key, $0.value) }
        if let name = run.metadata.modelName { model.insert(ReportFact("model", name), at: 0) }
        var shown = Set(model.map(\.label)).union(settings.used)
        if run.metadata.trainBatchSize != nil { shown.insert("train_batch_size") }
        if run.metadata.numTrainEpochs != nil { shown.insert("num_train_epochs") }
        otherSettings = ReportFact.hyperparameters(of: run).filter { fact in
            !shown.contains(fact.label) && !fact.label.hasPrefix("peak learning_rate")
        }
    }

    /// Devices from the banner's total batch size, when it is a whole multiple of the rest.
    static func devices(total: Int?, train: Int?, accumulation: Int?) -> Int? {
        guard let total, let train, train > 0 else { return nil }
        let perStep = train * max(1, accumulation ?? 1)
        guard perStep > 0, total % perStep == 0 else { return nil }
        return total / perStep
    }

    /// HF's sentence: "Use adamw_torch with betas=(0.9,0.999) and epsilon=1e-08 and
    /// optimizer_args=No additional optimizer arguments"; only the parts the files state.
    static func optimizer(_ settings: StatedSettings) -> String? {
        if settings.flag("adafactor") { return "Adafactor" }
        guard let name = settings.value("optim").map(enumValue) else { return nil }
        var text = "Use \(name)"
        if let b1 = settings.value("adam_beta1"), let b2 = settings.value("adam_beta2") { text += " with betas=(\(b1),\(b2))" }
        if let epsilon = settings.value("adam_epsilon") { text += " and epsilon=\(epsilon)" }
        if text.contains("betas") || text.contains("epsilon") {
            let args = settings.value("optim_args").flatMap { $0.isEmpty || $0 == "None" ? nil : $0 }
            text += " and optimizer_args=\(args ?? "No additional optimizer arguments")"
        }
        return text
    }

    /// `SchedulerType.COSINE` (an enum's repr, as some loggers write it) as `cosine`.
    static func enumValue(_ text: String) -> String {
        guard let dot = text.firstIndex(of: "."), text[..<dot].allSatisfy({ $0.isLetter }),
              text.hasSuffix(text[text.index(after: dot)...].uppercased()) else { return text }
        return text[text.index(after: dot)...].lowercased()
    }
}

/// Settings as the files state them: bare keys (trainer_state.json, the text log's banner), MLflow's
/// `params.` and Optuna's `trial_params.`; remembers which keys were used.
final class StatedSettings {
    private let values: [String: String]
    private(set) var used: Set<String> = []

    init(_ metadata: RunMetadata) {
        var values: [String: String] = [:]
        for (key, value) in metadata.extra where values[key] == nil { values[key] = value }
        self.values = values
    }

    func value(_ names: String...) -> String? { lookup(names) }

    func int(_ names: String...) -> Int? {
        lookup(names).flatMap { Double($0) }.flatMap { $0 == $0.rounded() && abs($0) < 1e15 ? Int($0) : nil }
    }

    func flag(_ name: String) -> Bool {
        lookup([name]).map { ["true", "1"].contains($0.lowercased()) } ?? false
    }

    /// Whether `name` comes from the run's arguments (MLflow params, Optuna trial) rather than
    /// from a value the trainer computed (trainer_state.json's `max_steps`).
    func isArgument(_ name: String) -> Bool {
        values["params.\(name)"] != nil || values["trial_params.\(name)"] != nil
    }

    private func lookup(_ names: [String]) -> String? {
        for name in names {
            for key in ["params.\(name)", "trial_params.\(name)", name] {
                if let value = values[key], !value.isEmpty {
                    used.insert(key)
                    return value
                }
            }
        }
        return nil
    }
}

