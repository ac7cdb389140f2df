extension MetricCatalog {
    /// Role, split, better direction and unit of a canonical name (see `canonical(_:)`).
    public static func meaning(ofCanonical name: String) -> MetricMeaning {
        let role = role(ofCanonical: name)
        return MetricMeaning(role: role, split: split(of: name, role: role), better: better(of: name, role: role),
                             unit: unit(of: name, role: role))
    }

    /// Meaning of a logged key.
    public static func meaning(ofKey key: String) -> MetricMeaning {
        meaning(ofCanonical: canonical(key).name)
    }

    static func split(of name: String, role: MetricRole) -> MetricSplit {
        switch role {
        case .evalLoss, .evalMetric: return .eval
        case .testLoss, .testMetric: return .test
        case .gpuUtilization, .epoch: return .none
        case .trainLoss, .learningRate, .gradNorm, .tokensPerSecond, .samplesPerSecond, .stepsPerSecond,
             .tokensSeen, .reward:
            return .train
        case .other:
            if name.hasPrefix("eval/") { return .eval }
            if name.hasPrefix("test/") { return .test }
            if name.hasPrefix("system/") || isTiming(name) { return .none }
            return .train
        }
    }

    static func better(of name: String, role: MetricRole) -> MetricDirection {
        func direction(_ higher: Bool?) -> MetricDirection {
            switch higher {
            case true?: return .higher
            case false?: return .lower
            case nil: return .unknown
            }
        }
        switch role {
        case .trainLoss, .evalLoss, .testLoss: return .lower
        case .evalMetric(let higher), .testMetric(let higher): return direction(higher)
        case .reward, .gpuUtilization, .tokensPerSecond, .samplesPerSecond, .stepsPerSecond: return .higher
        case .learningRate, .gradNorm, .epoch, .tokensSeen: return .unknown
        case .other:
            if lowerIsBetterOther.contains(where: { name.hasSuffix($0) }) { return .lower }
            if name.hasPrefix("system/") || isTiming(name) { return .unknown }
            return direction(higherIsBetter(name))
        }
    }

    /// TRL values whose name does not say it: a group whose rewards all agree gives no signal
    /// (`frac_reward_zero_std`), a completion clipped at the length limit is cut off (`clipped_ratio`).
    static let lowerIsBetterOther = ["frac_reward_zero_std", "completions/clipped_ratio"]

    static func unit(of name: String, role: MetricRole) -> String? {
        switch role {
        case .gpuUtilization: return "%"
        case .tokensPerSecond: return "tokens/s"
        case .samplesPerSecond: return "samples/s"
        case .stepsPerSecond: return "steps/s"
        case .tokensSeen: return "tokens"
        default: break
        }
        let lower = name.lowercased()
        if lower.hasPrefix("system/") {
            // W&B: `gpu.N.memoryAllocated`, `cpu`, `memory`, `disk` are percent; `gpu.N.temp` is °C; `gpu.N.powerWatts` W.
            if lower.hasSuffix("temp") { return "°C" }
            if lower.hasSuffix("powerwatts") { return "W" }
            if lower.hasSuffix("powerpercent") || lower.hasSuffix("memoryallocated") || lower.hasSuffix(".memory")
                || lower.hasSuffix("/cpu") || lower.hasSuffix("/memory") || lower.hasSuffix("/disk") || lower.hasSuffix(".gpu") {
                return "%"
            }
            return nil
        }
        if lower.contains("peak_memory") || lower.hasSuffix("_gib") { return "GiB" }
        if lower.hasSuffix("_gb") || lower.hasSuffix("gb_free") { return "GB" }
        if lower.hasPrefix("completions/") && lower.contains("length") { return "tokens" }
        if lower.hasSuffix("per_second") || lower.hasSuffix("/wps") { return nil }
        if isTiming(name) { return "s" }
        if lower.hasSuffix("flos") { return "FLOPs" }
        return nil
    }

    /// Timing values in seconds: HF `*_runtime`, detectron2 `time`/`data_time`/`eta_seconds`, NeMo
    /// `*_step_timing`, Lightning `epoch_time`, fairseq `wall`.
    static func isTiming(_ name: String) -> Bool {
        let last = fold(name.split(separator: "/").last.map(String.init) ?? name)
        return last == "time" || last.hasSuffix("_time") || last == "eta_seconds" || last.hasSuffix("_timing")
            || last.hasSuffix("runtime") || last == "epoch_time" || last == "wall" || last == "iteration_time"
    }
}
