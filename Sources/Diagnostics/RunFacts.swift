import Foundation
import RunModel

/// The facts a report states in several places (summary, health table, findings, charts, Markdown,
/// JSON), each computed once here so every place says the same number.
public struct RunFacts: Sendable, Equatable {
    /// The last real training-loss value.
    public struct FinalLoss: Sendable, Equatable {
        public var value: Double
        public var step: Int
        /// Why this is not simply the last logged value (NaN at the end, HF's NaN-filter zeros); nil
        /// when it is.
        public var note: String?
    }

    /// How a log counts epochs.
    public enum EpochCounting: String, Sendable {
        /// HF: the fractional number of epochs done (1.0 = end of the first epoch).
        case progress
        /// Lightning: the index of the epoch in progress, from 0 (epoch 1 is the second epoch).
        case fromZero
        /// A custom log numbering epochs 1, 2, 3...
        case fromOne
    }

    public struct Epochs: Sendable, Equatable {
        public var reached: Double
        public var planned: Double?
        /// True when `max_steps` ended the run before the planned epochs were done (HF computes
        /// `num_train_epochs` up from `max_steps`, so "4.09 of 5 planned" would mislead).
        public var endedByMaxSteps: Bool
        public var counting: EpochCounting
    }

    public var finalTrainLoss: FinalLoss?
    /// The learning-rate schedule (warmup end, peak): the one `LRSchedule` every place reads.
    public var schedule: LRSchedule?
    /// Lowest finite eval loss and its step.
    public var bestEvalLoss: (value: Double, step: Int)?
    public var epochs: Epochs?
    public var lastStep: Int?

    public init(_ run: Run) {
        lastStep = RunExtent.lastStep(run)
        finalTrainLoss = run.series(.trainLoss).flatMap(Self.finalLoss)
        schedule = run.series(.learningRate).flatMap { LRSchedule.analyze($0, plannedSteps: run.metadata.maxSteps) }
        if let eval = run.series(.evalLoss)?.summary, let best = eval.min, let step = eval.minStep {
            bestEvalLoss = (best, step)
        }
        let counting = Self.counting(run)
        if let reached = run.metadata.epoch ?? run.series(.epoch).flatMap({ FinitePoints($0).values.last }) {
            let planned = run.metadata.numTrainEpochs
            var endedByMaxSteps = false
            if let maxSteps = run.metadata.maxSteps, maxSteps > 0, let last = lastStep, last >= maxSteps,
               let planned, reached < planned - 0.05, counting == .progress {
                endedByMaxSteps = true
            }
            epochs = Epochs(reached: reached, planned: planned, endedByMaxSteps: endedByMaxSteps, counting: counting)
        }
    }

    public static func == (a: RunFacts, b: RunFacts) -> Bool {
        a.finalTrainLoss == b.finalTrainLoss && a.schedule == b.schedule && a.epochs == b.epochs
            && a.lastStep == b.lastStep && a.bestEvalLoss?.value == b.bestEvalLoss?.value
            && a.bestEvalLoss?.step == b.bestEvalLoss?.step
    }

    /// The last finite value, skipping a tail of exact zeros that follows a real loss level: recent
    /// transformers versions log the NaN-filtered loss as 0.0 after a divergence
    /// (`logging_nan_inf_filter=True`), and a loss cannot fall from a normal level to exactly 0 in one
    /// logging interval.
    static func finalLoss(_ series: Series) -> FinalLoss? {
        let points = FinitePoints(series)
        guard let lastIndex = points.values.indices.last else { return nil }
        var i = lastIndex
        while i > 0 && points.values[i] == 0 { i -= 1 }
        var notes: [String] = []
        if let last = series.values.last, !last.isFinite, let step = series.steps.last {
            notes.append("the last logged value, at step \(step), is \(Format.number(last))")
        }
        if i < lastIndex && points.values[i] > 0.05 {
            notes.append("the 0s logged from step \(points.steps[i + 1]) are what HF's NaN filter (logging_nan_inf_filter=True) writes after a divergence, not loss values")
        } else {
            i = lastIndex
        }
        return FinalLoss(value: points.values[i], step: points.steps[i], note: notes.isEmpty ? nil : notes.joined(separator: "; "))
    }

    /// Lightning logs the 0-based epoch index; a log whose epoch values are all whole numbers counts
    /// epochs, from 0 or from 1; HF logs fractional progress.
    static func counting(_ run: Run) -> EpochCounting {
        guard let series = run.series(.epoch) else { return run.format.hasPrefix("lightning") ? .fromZero : .progress }
        let values = FinitePoints(series).values
        guard !values.isEmpty, values.allSatisfy({ $0 == $0.rounded() }) else { return .progress }
        if run.format.hasPrefix("lightning") || run.metadata.extra.contains(where: { $0.key.hasPrefix("hparams.") }) {
            return .fromZero
        }
        return (values.min() ?? 0) == 0 ? .fromZero : .fromOne
    }

    /// The epoch the run was in at `step`, in words and in the run's own counting, and how many
    /// epochs a rerun needs to reach it: e.g. ("in the 2nd epoch (epoch 1 in this log's counting from 0)", 2).
    public func epochWords(at step: Int, run: Run) -> (text: String, epochsNeeded: Int)? {
        guard let epochs, let value = EpochAt.step(step, run: run), value >= 0, value < 1e6 else { return nil }
        switch epochs.counting {
        case .progress:
            let needed = max(1, Int(value.rounded(.up)))
            let whole = value == value.rounded() && value > 0
            let text = whole ? "at the end of the \(Self.ordinal(Int(value))) epoch (epoch \(Format.number(value)) as logged)"
                : "in the \(Self.ordinal(needed)) epoch (epoch \(Format.number(value)) as logged, counting epochs done)"
            return (text, needed)
        case .fromZero:
            let k = Int(value)
            return ("in the \(Self.ordinal(k + 1)) epoch (epoch \(k) in this log's counting from 0)", k + 1)
        case .fromOne:
            let k = max(1, Int(value))
            return ("in the \(Self.ordinal(k)) epoch (epoch \(k) as logged)", k)
        }
    }

    static func ordinal(_ n: Int) -> String {
        let suffix: String
        switch (n % 10, n % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(n)\(suffix)"
    }
}
