import Foundation
import RunModel

/// A simulated Hugging Face Trainer run, built in code: power-law training loss with seeded noise,
/// eval loss slightly above it, linear warmup then cosine (or linear/constant) decay, gradient norm
/// around a typical level, tokens/s, epochs. Tests start from `healthy(...)` and then bend one curve
/// into a pathology, like `../shared/tools/synth_run.py` does.
struct SyntheticRun {
    struct Point { var step: Int; var value: Double }

    enum Schedule { case cosine, linear, constant }

    var name = "synthetic"
    var train: [Point] = []
    var eval: [Point] = []
    var lr: [Point] = []
    var gradNorm: [Point] = []
    var epoch: [Point] = []
    var tokensPerSecond: [Point] = []
    /// Extra series by logged key, e.g. `eval_accuracy` or `gpu_util`.
    var extra: [String: [Point]] = [:]
    var metadata = RunMetadata()
    var logEvents: [LogEvent] = []

    /// Base (noise-free) training loss at `step`: 0.9 + 2.4 (1 + step/50)^-0.45, as synth_run.py.
    static func powerLaw(_ step: Int, floor: Double = 0.9, scale: Double = 2.4, exponent: Double = 0.45) -> Double {
        floor + scale * pow(1 + Double(step) / 50, -exponent)
    }

    static func learningRate(_ step: Int, steps: Int, peak: Double, warmup: Int, schedule: Schedule) -> Double {
        if step < warmup { return peak * Double(step) / Double(max(1, warmup)) }
        let t = Double(step - warmup) / Double(max(1, steps - warmup))
        switch schedule {
        case .cosine: return peak * 0.5 * (1 + cos(Double.pi * t))
        case .linear: return peak * (1 - t)
        case .constant: return peak
        }
    }

    static func healthy(seed: UInt64 = 0, steps: Int = 2000, logEvery: Int = 10, evalEvery: Int? = 200,
                        noise: Double = 0.02, peakLR: Double = 2e-4, warmupFraction: Double = 0.1,
                        schedule: Schedule = .cosine, epochs: Double = 3, gradNorm: Double = 0.6) -> SyntheticRun {
        var rng = SeededRandom(seed: seed)
        var run = SyntheticRun()
        let warmup = Int(Double(steps) * warmupFraction)
        for step in stride(from: logEvery, through: steps, by: logEvery) {
            let base = powerLaw(step)
            run.train.append(Point(step: step, value: base * (1 + noise * rng.gaussian())))
            run.lr.append(Point(step: step, value: learningRate(step, steps: steps, peak: peakLR, warmup: warmup, schedule: schedule)))
            run.gradNorm.append(Point(step: step, value: abs(gradNorm * (1 + 0.13 * rng.gaussian()))))
            run.epoch.append(Point(step: step, value: epochs * Double(step) / Double(steps)))
            run.tokensPerSecond.append(Point(step: step, value: 12000 * (1 + 0.03 * rng.gaussian())))
            if let evalEvery, step % evalEvery == 0 {
                run.eval.append(Point(step: step, value: base * 1.05 * (1 + 0.004 * rng.gaussian())))
            }
        }
        run.metadata.maxSteps = steps
        run.metadata.globalStep = steps
        run.metadata.numTrainEpochs = epochs
        run.metadata.epoch = epochs
        run.metadata.loggingSteps = logEvery
        run.metadata.evalSteps = evalEvery
        run.metadata.saveSteps = evalEvery
        run.metadata.hasFinalSummary = true
        return run
    }

    /// Applies `change(step, value)` to the points of `curve` whose step is in `range`.
    static func bend(_ curve: inout [Point], from start: Int, through end: Int = .max, _ change: (Int, Double) -> Double) {
        for i in curve.indices where curve[i].step >= start && curve[i].step <= end {
            curve[i].value = change(curve[i].step, curve[i].value)
        }
    }

    func build(format: String = "hf-trainer-state") -> Run {
        var builder = RunBuilder(name: name, format: format, sourcePath: "synthetic/trainer_state.json")
        let curves: [(String, [Point])] = [
            ("loss", train), ("eval_loss", eval), ("learning_rate", lr), ("grad_norm", gradNorm),
            ("epoch", epoch), ("tokens_per_second", tokensPerSecond),
        ] + extra.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        for (key, points) in curves {
            for p in points { builder.add(key: key, step: p.step, value: p.value) }
        }
        builder.metadata = metadata
        builder.metadata.logEvents = logEvents
        builder.provenance.sources = [SourceFile(path: "synthetic/trainer_state.json", format: format)]
        return builder.build()
    }
}
