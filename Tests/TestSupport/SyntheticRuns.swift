import Diagnostics
import Foundation
import RunModel

/// Deterministic runs built in code for the chart and drawing tests.
public enum SyntheticRuns {
    /// Uniform doubles from `SplitMix64`: the same numbers on every platform.
    public struct Random: Sendable {
        var generator: SplitMix64

        public init(state: UInt64) { generator = SplitMix64(state: state) }

        public mutating func next() -> Double {
            generator.unit()
        }

        /// Roughly normal noise (sum of uniforms).
        public mutating func noise() -> Double {
            (next() + next() + next() + next() - 2) * 1.7
        }
    }

    public enum Pathology: Sendable { case healthy, overfit, explode, restart }

    /// A fine-tuning run: warmup + cosine LR, power-law loss, evals every `evalEvery` steps.
    public static func run(_ pathology: Pathology = .healthy, steps: Int = 1000, logEvery: Int = 10, evalEvery: Int = 100,
                    seed: UInt64 = 7) -> Run {
        var rng = Random(state: seed)
        var b = RunBuilder(name: "synthetic-\(pathology)", format: "synthetic", sourcePath: "synthetic")
        let warmup = steps / 10
        let peak = 2e-4
        var t = 1_700_000_000.0
        func lr(_ s: Int) -> Double {
            s < warmup ? peak * Double(s) / Double(warmup)
                : peak * 0.5 * (1 + cos(Double.pi * Double(s - warmup) / Double(steps - warmup)))
        }
        func trainLoss(_ s: Int) -> Double { 0.4 + 2.2 * pow(1 + Double(s) / 40, -0.6) }
        func evalLoss(_ s: Int) -> Double {
            let base = 0.45 + 2.2 * pow(1 + Double(s) / 40, -0.6)
            if pathology == .overfit && s > steps / 2 { return base + 0.8 * Double(s - steps / 2) / Double(steps) }
            return base
        }
        var s = logEvery
        var restarted = false
        while s <= steps {
            t += Double(logEvery) * (0.5 + 0.05 * rng.next())
            var loss = trainLoss(s) * (1 + 0.06 * rng.noise())
            var grad = 0.6 * (1 + 0.25 * rng.noise()) + 3 * exp(-Double(s) / 50)
            if pathology == .explode && s >= steps * 7 / 10 {
                loss = s >= steps * 3 / 4 ? .nan : loss * 4
                grad = s >= steps * 3 / 4 ? .infinity : 80
            }
            if pathology == .healthy && s == steps * 2 / 5 { loss *= 1.8 }
            b.add(key: "loss", step: s, wallTime: t, value: loss)
            b.add(key: "learning_rate", step: s, wallTime: t, value: lr(s))
            b.add(key: "grad_norm", step: s, wallTime: t, value: grad)
            b.add(key: "epoch", step: s, wallTime: t, value: 3 * Double(s) / Double(steps))
            b.add(key: "tokens_per_second", step: s, wallTime: t, value: 5200 * (1 + 0.03 * rng.noise()))
            if s % evalEvery == 0 {
                b.add(key: "eval_loss", step: s, wallTime: t, value: evalLoss(s) * (1 + 0.01 * rng.noise()))
                b.add(key: "eval_accuracy", step: s, wallTime: t, value: 0.9 - 0.3 * pow(1 + Double(s) / 40, -0.6))
                b.add(key: "eval_f1", step: s, wallTime: t, value: 0.85 - 0.35 * pow(1 + Double(s) / 40, -0.5))
            }
            if pathology == .restart && !restarted && s == steps / 2 {
                restarted = true
                s = steps * 3 / 10
                continue
            }
            s += logEvery
        }
        return b.build()
    }

    /// Findings like the diagnostics stage raises for `run(pathology)`.
    public static func findings(_ pathology: Pathology, steps: Int = 1000) -> [Finding] {
        switch pathology {
        case .healthy:
            return [Finding(id: "loss-spike", severity: .warning, title: "1 loss spike", message: "",
                            steps: steps * 2 / 5...steps * 2 / 5, metric: "train/loss")]
        case .overfit:
            return [Finding(id: "overfitting", severity: .warning, title: "Eval loss rose after its best", message: "",
                            steps: steps / 2...steps, metric: "eval/loss")]
        case .explode:
            return [Finding(id: "loss-nonfinite", severity: .error, title: "Loss became NaN", message: "",
                            steps: steps * 3 / 4...steps, metric: "train/loss"),
                    Finding(id: "grad-norm-explosion", severity: .error, title: "Grad norm exploded", message: "",
                            steps: steps * 7 / 10...steps, metric: "train/grad_norm")]
        case .restart:
            return [Finding(id: "resumed", severity: .info, title: "Run resumed", message: "",
                            steps: steps * 3 / 10...steps / 2)]
        }
    }
}
