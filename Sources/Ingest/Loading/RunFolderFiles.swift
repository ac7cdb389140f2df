import RunModel

/// Files in a run folder that are not logs but say something about the run: HF's summary files
/// (`Trainer.save_metrics` writes `train_results.json`, `eval_results.json`, `all_results.json`),
/// the model's `config.json` / `adapter_config.json`, and Lightning's `hparams.yaml`. They feed the
/// run's metadata; inside a walked folder they are never runs of their own.
enum RunFolderFiles {
    /// HF summary files, most complete first.
    static let summaryFiles = ["all_results.json", "train_results.json", "eval_results.json", "test_results.json", "predict_results.json"]

    /// Names that are never runs (summary and config files of a run, a W&B run's summary and metadata),
    /// with the reason `--verbose` gives when discovery passes over them.
    static let notRuns: [String: String] = {
        var names: [String: String] = [:]
        for name in summaryFiles { names[name] = "an HF summary file (Trainer.save_metrics); it feeds the metadata of the run in its folder" }
        for name in ["config.json", "adapter_config.json", "generation_config.json", "tokenizer_config.json", "special_tokens_map.json",
                     "tokenizer.json", "preprocessor_config.json", "hparams.yaml"] {
            names[name] = "a model, tokenizer or hyperparameter file, not a log"
        }
        for name in ["wandb-summary.json", "wandb-metadata.json", "config.yaml"] { names[name] = "a W&B run's summary, metadata or config, not its history" }
        return names
    }()

    /// Adds what the folder's summary files, model config and hyperparameters say, without
    /// overriding what the logs said.
    static func fill(_ metadata: inout RunMetadata, folder: String) {
        var found = RunMetadata()
        for name in summaryFiles {
            guard let object = HFModelConfig.object(folder + "/" + name), case .object(let members) = object else { continue }
            let numbers = members.compactMap { key, value in value.doubleValue.map { (key, $0) } }
            if numbers.contains(where: { $0.0 == "train_runtime" }) {
                var summary = RunMetadata()
                HFTrainerStateFormat.fillMetadata(&summary, topLevel: [], summary: numbers.filter { !$0.0.hasPrefix("eval_") })
                found.fill(from: summary)
            }
            for (key, value) in numbers where !key.hasPrefix("train_") && key != "epoch" && key != "total_flos" {
                if !found.extra.contains(where: { $0.key == "summary.\(key)" }) {
                    found.setExtra("summary.\(key)", JSONValue.number(value).serialized(pretty: false))
                }
            }
        }
        HFModelConfig.fill(&found, from: [folder])
        for (key, value) in LightningRunFolder.hyperparameters(in: folder) { found.setExtra(key, value) }
        metadata.fill(from: found)
    }
}
