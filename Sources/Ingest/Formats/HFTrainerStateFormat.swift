import RunModel

/// Hugging Face Trainer's `trainer_state.json` (`TrainerState.save_to_json`: sorted keys, indent 2,
/// bare `NaN`/`Infinity` tokens for non-finite floats), from any transformers version.
///
/// Every numeric key of a training or eval `log_history` entry becomes a series (TRL keys with `/`
/// included); the final summary entry (`train_runtime`, `train_loss`, `total_flos`...) goes to
/// `RunMetadata`, not to series. Given a directory: its `trainer_state.json`, else the one in the
/// newest `checkpoint-N/` by N. The directory is a run folder: event files, text logs and summary
/// files anywhere below it are sources of the same run (`RunGrouping`, `RunAssembler`).
/// The model name comes from `config.json`/`adapter_config.json` next to the state file or in the
/// output directory (`HFModelConfig`).
public struct HFTrainerStateFormat: RunFormat {
    public let id = "hf-trainer-state"
    public let summary = "Hugging Face Trainer trainer_state.json (file, output dir or checkpoint-N/)"
    static let fileName = "trainer_state.json"

    public init() {}

    public func sniff(fileName: String, prefix: [UInt8]) -> Sniff {
        let named = fileName == Self.fileName || fileName.hasSuffix("_" + Self.fileName)
        guard let first = prefix.first(where: { !ByteText.isSpace($0) }), first == UInt8(ascii: "{") else {
            return .no("does not start with '{'")
        }
        if ByteText.contains(prefix, "\"log_history\"") { return .strong("has a \"log_history\" key") }
        if ByteText.contains(prefix, "\"global_step\"") && ByteText.contains(prefix, "\"max_steps\"") {
            return .weak("has \"global_step\" and \"max_steps\" keys")
        }
        if named { return .weak("named \(Self.fileName)") }
        return .no("no \"log_history\" key in the first \(prefix.count) bytes")
    }

    public func claim(_ directory: DirectoryListing, prefix: (String) -> [UInt8]) -> DirectoryClaim {
        let checkpoints = directory.directories.compactMap { name -> (Int, String)? in
            guard name.hasPrefix("checkpoint-"), let n = Int(name.dropFirst("checkpoint-".count)), n >= 0 else { return nil }
            return (n, name)
        }.sorted { $0.0 < $1.0 }
        let withState = checkpoints.filter { FileSystem.isFile(directory.child($0.1) + "/" + Self.fileName) }
        let name = RunNaming.name(ofDirectory: directory.path)
        // Older checkpoints' states are prefixes of the newest one. Everything else below the output
        // directory (event files in runs/ or logs/, text logs) is found by discovery and joins this run.
        let covered = Set(checkpoints.map(\.1))
        // A file merely named trainer_state.json (notes, a copy of something else) does not make the
        // folder an output dir: its first bytes must say it is a state.
        if directory.files.contains(Self.fileName), sniff(fileName: "", prefix: prefix(Self.fileName)).strength > .no {
            let input = RunInput(name: name, format: id, files: [directory.child(Self.fileName)],
                                 note: "\(Self.fileName) of the output directory", location: directory.path, isRunFolder: true)
            return DirectoryClaim(runs: [input], files: [Self.fileName], directories: covered)
        }
        guard let newest = withState.last else { return DirectoryClaim() }
        let others = withState.count > 1 ? " (newest of \(withState.count) checkpoints)" : ""
        let input = RunInput(name: name, format: id, files: [directory.child(newest.1) + "/" + Self.fileName],
                             note: "\(newest.1)/\(Self.fileName)\(others)", location: directory.path, isRunFolder: true)
        return DirectoryClaim(runs: [input], directories: covered)
    }

    public func parse(_ input: RunInput) throws -> Run {
        guard let path = input.files.first else { throw IngestError(path: input.location, message: "no file to read") }
        let scan = try Self.scan(path)
        guard scan.sawLogHistory else {
            throw IngestError(path: path, message: "expected a \"log_history\" key in the top-level object (not a trainer_state.json?)")
        }
        var builder = RunBuilder(name: input.name, format: id, sourcePath: path)
        builder.provenance.sources = [SourceFile(path: path, format: id, note: input.note)]
        Self.fillMetadata(&builder.metadata, topLevel: scan.topLevel, summary: scan.summary)
        let stateDirectory = String(path.dropLast(RunNaming.lastComponent(path).count))
        HFModelConfig.fill(&builder.metadata, from: [stateDirectory.isEmpty ? "." : stateDirectory] + (FileSystem.kind(input.location) == .directory ? [input.location] : []))
        if scan.entriesWithoutStep > 0 {
            builder.issue(.repair, line: scan.firstEntryWithoutStepLine,
                          "\(scan.entriesWithoutStep) log_history entr\(scan.entriesWithoutStep == 1 ? "y has" : "ies have") no integer \"step\"; skipped")
        }
        scan.repeatedKeys.report(into: &builder)
        for column in scan.columns where !column.steps.isEmpty {
            let canonical = MetricCatalog.canonical(column.key)
            builder.add(name: canonical.name, key: column.key, role: canonical.role, steps: column.steps, values: column.values)
        }
        return builder.build()
    }

    /// Maps the file and scans it; the mapping is released before the run is built.
    static func scan(_ path: String) throws -> HFTrainerStateScanner.Result {
        try FileBytes.withContents(path) { try HFTrainerStateScanner.scan($0, path: path) }
    }

    static func fillMetadata(_ m: inout RunMetadata, topLevel: [(String, JSONValue)], summary: [(String, Double)]) {
        for (key, value) in topLevel {
            switch key {
            case "max_steps": m.maxSteps = value.intValue
            case "num_train_epochs": m.numTrainEpochs = value.doubleValue
            case "train_batch_size": m.trainBatchSize = value.intValue
            case "logging_steps": m.loggingSteps = value.intValue
            case "eval_steps": m.evalSteps = value.intValue
            case "save_steps": m.saveSteps = value.intValue
            case "global_step": m.globalStep = value.intValue
            case "epoch": m.epoch = value.doubleValue
            case "best_metric": m.bestMetric = value.doubleValue
            case "best_model_checkpoint": m.bestModelCheckpoint = value.stringValue
            case "best_global_step": m.bestGlobalStep = value.intValue
            case "total_flos": m.totalFlos = value.doubleValue
            case "num_input_tokens_seen": m.numInputTokensSeen = value.doubleValue.flatMap { $0 > 0 ? $0 : nil }
            case "is_hyper_param_search", "is_local_process_zero", "is_world_process_zero": break
            case "trial_params":
                if case .object(let members) = value {
                    for (k, v) in members { if let text = v.scalarText { m.setExtra("trial_params.\(k)", text) } }
                }
            case "stateful_callbacks":
                addCallbackState(&m, value)
            default:
                if let text = value.scalarText { m.setExtra(key, text) }
            }
        }
        guard !summary.isEmpty else { return }
        m.hasFinalSummary = true
        for (key, v) in summary {
            switch key {
            case "train_runtime": m.trainRuntime = v
            case "train_samples_per_second": m.trainSamplesPerSecond = v
            case "train_steps_per_second": m.trainStepsPerSecond = v
            case "train_loss": m.meanTrainLoss = v
            case "total_flos": if m.totalFlos == nil || m.totalFlos == 0 { m.totalFlos = v }
            case "num_input_tokens_seen": if m.numInputTokensSeen == nil { m.numInputTokensSeen = v }
            case "epoch": if m.epoch == nil { m.epoch = v }
            default: m.setExtra("summary.\(key)", JSONValue.number(v).serialized(pretty: false))
            }
        }
    }

    /// Callback state worth a reader's time, e.g. `EarlyStoppingCallback`'s patience and counter.
    /// `TrainerControl` (the Trainer's own should_save/should_log flags at the moment of saving) is
    /// bookkeeping, not a setting, and is left out.
    private static func addCallbackState(_ m: inout RunMetadata, _ value: JSONValue) {
        guard case .object(let callbacks) = value else { return }
        for (name, state) in callbacks where name != "TrainerControl" {
            let states: [JSONValue]
            if case .array(let items) = state { states = items } else { states = [state] }
            for state in states {
                for part in ["args", "attributes"] {
                    guard case .object(let fields) = state[part] ?? .null else { continue }
                    for (k, v) in fields {
                        if let text = v.scalarText { m.setExtra("\(name).\(k)", text) }
                    }
                }
            }
        }
    }
}
