import RunModel

/// What an HF output or checkpoint directory says about the model: `config.json`
/// (`_name_or_path`, else `architectures`, else `model_type`, and a few size facts) and, for PEFT
/// adapters, `adapter_config.json` (`base_model_name_or_path`, `peft_type`, `r`). Missing or
/// unreadable files are not an error: the run simply has no model name.
enum HFModelConfig {
    /// `config.json` keys copied into `RunMetadata.extra` as `model.<key>`.
    static let facts = ["model_type", "hidden_size", "num_hidden_layers", "num_attention_heads", "vocab_size",
                        "max_position_embeddings", "torch_dtype", "dtype", "transformers_version"]

    /// Fills the model name and facts from the first directory (in order) that has a config.
    static func fill(_ m: inout RunMetadata, from directories: [String]) {
        var seen = Set<String>()
        for directory in directories where seen.insert(directory).inserted {
            let base = directory.hasSuffix("/") ? directory : directory + "/"
            let adapter = object(base + "adapter_config.json")
            let config = object(base + "config.json")
            guard adapter != nil || config != nil else { continue }
            if let config { fillConfig(&m, config) }
            if let adapter { fillAdapter(&m, adapter) }
            return
        }
    }

    static func fillConfig(_ m: inout RunMetadata, _ config: JSONValue) {
        let architectures: [String]
        if case .array(let items) = config["architectures"] ?? .null { architectures = items.compactMap(\.stringValue) } else { architectures = [] }
        let path = config["_name_or_path"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        m.modelName = path ?? architectures.first ?? config["model_type"]?.stringValue
        if !architectures.isEmpty { m.setExtra("model.architectures", architectures.joined(separator: ",")) }
        for key in facts {
            if let text = config[key]?.scalarText { m.setExtra("model.\(key)", text) }
        }
    }

    private static func fillAdapter(_ m: inout RunMetadata, _ adapter: JSONValue) {
        if let base = adapter["base_model_name_or_path"]?.stringValue, !base.isEmpty { m.modelName = base }
        for key in ["peft_type", "r", "lora_alpha"] {
            if let text = adapter[key]?.scalarText { m.setExtra("adapter.\(key)", text) }
        }
    }

    /// The newest `checkpoint-N/` folders of an output directory, newest first: the Trainer writes
    /// `config.json` into each checkpoint, and an output directory of a run that has not finished
    /// (or whose final model was not saved) has it nowhere else.
    static func checkpointDirectories(of directory: String) -> [String] {
        guard case .success(let listing) = FileSystem.list(directory) else { return [] }
        return listing.directories.compactMap { name -> (Int, String)? in
            guard name.hasPrefix("checkpoint-"), let n = Int(name.dropFirst("checkpoint-".count)), n >= 0 else { return nil }
            return (n, listing.child(name))
        }.sorted { $0.0 > $1.0 }.map(\.1)
    }

    /// A small JSON object file, or nil.
    static func object(_ path: String) -> JSONValue? {
        guard FileSystem.isFile(path), let bytes = try? FileBytes.read(path, limit: 1 << 20) else { return nil }
        return bytes.withUnsafeBufferPointer { b -> JSONValue? in
            var s = JSONScanner(bytes: b, path: path)
            guard let value = try? s.parseValue(), case .object = value else { return nil }
            return value
        }
    }
}
