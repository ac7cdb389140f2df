import RunModel

/// Which field of a JSONL line is the training step.
enum StepKey: Equatable, CustomStringConvertible {
    case key(String)
    /// No step key; `epoch` holds integers and serves as the step.
    case epoch
    /// Neither: the line's ordinal (0, 1, 2...) is the step.
    case ordinal(reason: String)

    /// In order of preference. wandb logs HF runs with `train/global_step` as the x axis; its own
    /// `_step` counts `wandb.log` calls.
    static let candidates = ["train/global_step", "trainer/global_step", "global_step", "step", "Step", "iteration",
                             "iter", "current_steps", "global_steps", "steps", "it", "_step"]

    static func detect(_ objects: [[(String, JSONValue)]]) -> StepKey {
        var seen = Set<String>()
        var epochIntegral = true
        var sawEpoch = false
        for members in objects {
            for (key, value) in members {
                seen.insert(key)
                if key == "epoch" {
                    sawEpoch = true
                    if value.intValue == nil { epochIntegral = false }
                }
            }
        }
        if let key = candidates.first(where: seen.contains) { return .key(key) }
        if sawEpoch && epochIntegral { return .epoch }
        return .ordinal(reason: sawEpoch
            ? "no step key (step, global_step, iteration, _step...) and a fractional epoch; line order is used as the step"
            : "no step key (step, global_step, iteration, _step...) or epoch; line order is used as the step")
    }

    /// The line's step, or nil when the step field is absent (`value(in:)` is nil) or unusable: not a
    /// step under `StepRule` (negative, fractional, NaN, past 2^53, a string or null).
    func step(of members: [(String, JSONValue)], ordinal: Int) -> Int? {
        if case .ordinal = self { return ordinal }
        guard let step = value(in: members)?.intValue, StepRule.contains(step) else { return nil }
        return step
    }

    /// The step field as logged, or nil when the line has none (always nil for `.ordinal`).
    func value(in members: [(String, JSONValue)]) -> JSONValue? {
        switch self {
        case .key(let k): return members.first(where: { $0.0 == k })?.1
        case .epoch: return members.first(where: { $0.0 == "epoch" })?.1
        case .ordinal: return nil
        }
    }

    /// Whether a key is the step itself (and so not a series).
    func excludes(_ key: String) -> Bool {
        switch self {
        case .key(let k): return key == k
        case .epoch: return key == "epoch"
        case .ordinal: return false
        }
    }

    var description: String {
        switch self {
        case .key(let k): return k
        case .epoch: return "epoch"
        case .ordinal: return "step"
        }
    }
}
