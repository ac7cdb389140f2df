import Diagnostics
import RunModel

/// A labelled fact in a report ("Steps": "1,500 of 2,000 planned (75%)").
public struct ReportFact: Sendable, Equatable {
    public var label: String
    public var value: String

    public init(_ label: String, _ value: String) {
        self.label = label
        self.value = value
    }
}

extension ReportFact {
    /// What a reader wants first: model and task, progress against the plan, time, data seen, best checkpoint.
    static func keyFacts(of run: Run, facts runFacts: RunFacts) -> [ReportFact] {
        let meta = run.metadata
        var facts: [ReportFact] = []
        if let model = meta.modelName { facts.append(ReportFact("Model", model)) }
        if let task = meta.extra.first(where: { $0.key.lowercased().contains("task") }) {
            facts.append(ReportFact("Task", task.value))
        }
        let kind = run.kindInference
        facts.append(ReportFact("Kind of training", "\(kind.kind.label): \(kind.reason)"))
        let lastStep = run.series.compactMap(\.steps.last).max()
        if let done = meta.globalStep ?? lastStep {
            var text = ReportNumber.integer(done)
            if let planned = meta.maxSteps, planned > 0 {
                let percent = Int((Double(done) / Double(planned) * 100).rounded(.down))
                text += " of \(ReportNumber.integer(planned)) planned (\(percent)%)"
            }
            facts.append(ReportFact("Steps", text))
        }
        if let start = run.provenance.logStart {
            let epoch = start.epoch.map { " (epoch \(ReportNumber.format($0)))" } ?? ""
            facts.append(ReportFact("Log starts", "this log starts at step \(ReportNumber.integer(start.step))\(epoch), not at the start of training"))
        }
        if let epochs = runFacts.epochs {
            var text = ReportNumber.format(epochs.reached)
            if epochs.endedByMaxSteps, let maxSteps = meta.maxSteps {
                text += " (max_steps=\(ReportNumber.integer(maxSteps)) ended the run, as planned)"
            } else if let planned = epochs.planned {
                text += " of \(ReportNumber.format(planned)) planned"
            }
            if epochs.counting == .fromZero { text += " (this log counts epochs from 0)" }
            facts.append(ReportFact("Epochs", text))
        }
        if let runtime = meta.trainRuntime ?? wallSpan(of: run) {
            facts.append(ReportFact("Runtime", ReportNumber.duration(seconds: runtime)))
        }
        if let tokens = meta.numInputTokensSeen ?? run.series(.tokensSeen)?.finiteValues.last {
            facts.append(ReportFact("Tokens seen", ReportNumber.compact(tokens)))
        }
        if let rate = meta.trainSamplesPerSecond {
            facts.append(ReportFact("Samples per second", ReportNumber.format(rate)))
        }
        if let final = runFacts.finalTrainLoss {
            var text = "\(ReportNumber.format(final.value)) at step \(ReportNumber.integer(final.step))"
            if let note = final.note { text += " (\(note))" }
            facts.append(ReportFact("Final training loss", text))
        }
        if let best = runFacts.bestEvalLoss {
            facts.append(ReportFact("Best validation loss", "\(ReportNumber.format(best.value)) at step \(ReportNumber.integer(best.step))"))
        }
        if let best = BestCheckpoint.choose(for: run) {
            facts.append(ReportFact("Best checkpoint", best.sentence))
        } else if let checkpoint = meta.bestModelCheckpoint {
            facts.append(ReportFact("Best checkpoint", checkpoint))
        }
        if !run.provenance.restarts.isEmpty {
            facts.append(ReportFact("Restarts", String(run.provenance.restarts.count)))
        }
        return facts
    }

    /// Hyperparameters and other settings the files state, then the extra key/values as logged.
    static func hyperparameters(of run: Run) -> [ReportFact] {
        let meta = run.metadata
        var facts: [ReportFact] = []
        func add(_ label: String, _ value: String?) {
            if let value { facts.append(ReportFact(label, value)) }
        }
        add("max_steps", meta.maxSteps.map(String.init))
        add("num_train_epochs", meta.numTrainEpochs.map { ReportNumber.format($0) })
        add("train_batch_size", meta.trainBatchSize.map(String.init))
        add("logging_steps", meta.loggingSteps.map(String.init))
        add("eval_steps", meta.evalSteps.map(String.init))
        add("save_steps", meta.saveSteps.map(String.init))
        if let lr = run.series(.learningRate)?.summary.max { add("peak learning_rate (logged)", ReportNumber.format(lr)) }
        for (key, value) in meta.extra where !facts.contains(where: { $0.label == key }) {
            facts.append(ReportFact(key, value))
        }
        return facts
    }

    /// Seconds between the first and last wall time logged, when the logs carry times.
    private static func wallSpan(of run: Run) -> Double? {
        let times = run.series.flatMap { $0.wallTimes.filter { !$0.isNaN } }
        guard let lo = times.min(), let hi = times.max(), hi > lo else { return nil }
        return hi - lo
    }
}
