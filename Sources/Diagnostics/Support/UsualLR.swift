import Foundation
import RunModel

/// The usual range of the peak learning rate for the run's optimiser and kind of training, and how far
/// a given LR is from it. Published practice: Adam-family fine-tuning uses about 1e-5 to 5e-5 for full
/// fine-tuning and about 1e-4 to 5e-4 for LoRA (HF PEFT and TRL examples), pre-training small
/// transformers up to about 1e-3 (GPT-2 small 6e-4); SGD with momentum is used at 1e-3 to 0.1
/// (ResNet's 0.1 at batch 256). The Adam-family bounds are the `lr-schedule` thresholds
/// `min_usual_peak`/`max_usual_peak`, so a config can move them.
struct UsualLR: Sendable, Equatable {
    var low: Double
    var high: Double
    /// Says which practice the range comes from, e.g. "Adam-family optimisers".
    var basis: String

    /// The top of the usual range of any common optimiser (SGD's): a peak above it is unusual whatever
    /// the run used.
    static let anyOptimizerHigh = 0.1

    static func forRun(_ run: Run, settings: RunSettings, adamLow: Double = 1e-6, adamHigh: Double = 1e-3) -> UsualLR {
        if settings.optimizer == "sgd" {
            return UsualLR(low: 1e-4, high: 0.1, basis: "SGD, where 0.1 is ResNet's at batch 256")
        }
        let lora = run.metadata.extra.contains { $0.key.hasPrefix("adapter.") }
        if lora {
            return UsualLR(low: adamLow, high: adamHigh, basis: "LoRA with an Adam-family optimiser, where about 2e-4 is common")
        }
        let named = settings.optimizer.map { "the \($0) optimiser" } ?? "Adam-family optimisers, assumed as the optimiser is not recorded"
        return UsualLR(low: adamLow, high: adamHigh, basis: named)
    }

    /// How many times above the top of the range (> 1) or below its bottom (< 1, as 1/x); 1 inside it.
    func excess(_ lr: Double) -> Double {
        if lr > high { return lr / high }
        if lr > 0 && lr < low { return low / lr }
        return 1
    }

    /// A learning rate to suggest after a divergence at `lr`: at least 4x below it and at most a third
    /// of the top of the usual range, rounded to one significant digit.
    func suggestion(below lr: Double) -> Double {
        UsualLR.roundOne(min(lr / 4, high / 3))
    }

    static func roundOne(_ x: Double) -> Double {
        guard x > 0, x.isFinite else { return x }
        let magnitude = pow(10, floor(log10(x)))
        return (x / magnitude).rounded() * magnitude
    }

    /// "7600x", "49x", "4.2x": how a ratio is said in messages (two significant digits).
    static func times(_ ratio: Double) -> String {
        guard ratio.isFinite, ratio > 0 else { return "\(Format.number(ratio))x" }
        let magnitude = pow(10, floor(log10(ratio)) - 1)
        return "\(Format.number((ratio / magnitude).rounded() * magnitude))x"
    }
}
