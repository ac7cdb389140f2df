import RunModel

/// The settings HF's `TensorBoardCallback` writes into the event file as text summaries: `args` (the
/// whole `TrainingArguments` as JSON, `args.to_json_string()`) and `model_config` (the model's
/// `config.json`). Each scalar argument becomes metadata `args.<name>` (the diagnostics read these to
/// know what the run already did); `max_steps`, `num_train_epochs`, the batch size and the
/// logging/eval/save intervals fill the typed fields too. Model-config facts fill `model.<key>` and the
/// model name only where a `config.json` on disk did not already.
enum HFTensorBoardText {
    static func fill(_ m: inout RunMetadata, texts: [(tag: String, text: String)], path: String) {
        for (tag, text) in texts {
            let name = tag.hasSuffix("/text_summary") ? String(tag.dropLast("/text_summary".count)) : tag
            guard name == "args" || name == "model_config", let object = parse(text, path: path),
                  case .object(let members) = object else { continue }
            if name == "args" {
                for (key, value) in members {
                    guard let text = value.scalarText else { continue }
                    m.setExtra("args.\(key)", text)
                    switch key {
                    case "max_steps": if let v = value.intValue, v > 0, m.maxSteps == nil { m.maxSteps = v }
                    case "num_train_epochs": if m.numTrainEpochs == nil { m.numTrainEpochs = value.doubleValue }
                    case "per_device_train_batch_size": if m.trainBatchSize == nil { m.trainBatchSize = value.intValue }
                    case "logging_steps": if m.loggingSteps == nil { m.loggingSteps = value.intValue.flatMap { $0 >= 1 ? $0 : nil } }
                    case "eval_steps": if m.evalSteps == nil { m.evalSteps = value.intValue.flatMap { $0 >= 1 ? $0 : nil } }
                    case "save_steps": if m.saveSteps == nil { m.saveSteps = value.intValue.flatMap { $0 >= 1 ? $0 : nil } }
                    default: break
                    }
                }
            } else {
                for (key, value) in members where HFModelConfig.facts.contains(key) {
                    if let text = value.scalarText, !m.extra.contains(where: { $0.key == "model.\(key)" }) { m.setExtra("model.\(key)", text) }
                }
                if m.modelName == nil, let path = object["_name_or_path"]?.stringValue, !path.isEmpty { m.modelName = path }
            }
        }
    }

    private static func parse(_ text: String, path: String) -> JSONValue? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { b -> JSONValue? in
            var scanner = JSONScanner(bytes: b, path: path)
            return try? scanner.parseValue()
        }
    }
}
