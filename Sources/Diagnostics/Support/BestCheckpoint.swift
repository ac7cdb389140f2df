import RunModel

/// The checkpoint a reader should keep, chosen the way the run itself would choose it:
///
/// 1. the run's own `metric_for_best_model`, recognised as the eval series whose value equals the
///    recorded `best_metric` (HF trainer_state.json does not store the metric's name), unless that is
///    the eval loss of a classification or detection run: `eval_loss` is what the Trainer uses when
///    `metric_for_best_model` is not set, so it says nothing about the user's choice;
/// 2. else, for classification and detection, the task metric (accuracy, F1, MCC, AP, mAP), since the
///    eval loss of a classifier keeps rising on confidently wrong examples while accuracy still improves;
/// 3. else the eval loss; else an eval metric whose name says which way is better.
///
/// Only validation data chooses (choosing on test data leaks it into model selection); test series
/// are used only when nothing else was measured, with a caveat. An evaluation at step 0, before any
/// training, never counts. When eval loss and the task metric disagree on the best step, `disagreement`
/// says by how much.
public struct BestCheckpoint: Sendable, Equatable {
    public enum Basis: String, Sendable {
        /// The Trainer's recorded `best_metric` (its `metric_for_best_model`).
        case runSetting = "metric_for_best_model"
        /// The task metric of a classification or detection run.
        case taskMetric = "task_metric"
        case evalLoss = "eval_loss"
        /// An eval metric, when no eval loss was logged.
        case evalMetric = "eval_metric"
        /// A test-split series: nothing was measured on validation data.
        case test
    }

    /// Canonical name of the series that chose (`eval/accuracy`).
    public var metric: String
    public var higherIsBetter: Bool
    public var step: Int
    public var value: Double
    public var basis: Basis
    /// The checkpoint to keep (`checkpoint-800`) and why that one (nearest save, recorded best...).
    public var checkpoint: String
    public var checkpointNote: String
    /// Set when the eval loss and the task metric are best at different steps.
    public var disagreement: String?

    /// One sentence for key facts: "checkpoint-2200: eval/accuracy 0.953 at step 2,200 (the task metric)".
    public var sentence: String {
        var text = "\(checkpoint): \(metric) \(Format.number(value)) at step \(step) (\(basisText))"
        if let shortNote { text += "; " + shortNote }
        if let disagreement { text += ". " + disagreement }
        return text
    }

    var basisText: String {
        switch basis {
        case .runSetting: return "the run's metric_for_best_model"
        case .taskMetric: return "task metric"
        case .evalLoss: return "lowest eval loss"
        case .evalMetric: return "\(higherIsBetter ? "highest" : "lowest") eval metric"
        case .test: return "test split, the only held-out data: choosing on it leaks it, confirm on validation data"
        }
    }

    /// The part of `checkpointNote` a reader needs next to the name: that the step was not saved, or
    /// that the logs give no save schedule (the full note is in `checkpointNote`).
    var shortNote: String? {
        if checkpointNote.hasPrefix("no checkpoint was saved") { return checkpointNote.components(separatedBy: ";").first }
        if checkpointNote.hasPrefix("the logs do not say") { return "no save schedule in the logs" }
        return nil
    }

    /// The best checkpoint of `run`, or nil when nothing held-out with a known direction was logged.
    public static func choose(for run: Run) -> BestCheckpoint? {
        let validation = candidates(run.series.filter { s in
            if case .evalMetric(let h) = s.role { return h != nil } else { return s.role == .evalLoss }
        })
        let test = candidates(run.series.filter { s in
            if case .testMetric(let h) = s.role { return h != nil } else { return s.role == .testLoss }
        })
        guard let pick = pick(run, validation) ?? pick(run, test).map({ p in (p.series, p.higher, Basis.test) }) else {
            return nil
        }
        let points = usable(pick.series)
        var bestIndex = best(points, higher: pick.higher)
        if pick.basis == .runSetting, let recorded = recordedBestIndex(run, points) { bestIndex = recorded }
        let step = points.steps[bestIndex]
        var choice = CheckpointChoice.nearest(to: step, run: run)
        var note = choice.reason
        let chosenStep = HFNames.checkpointStep(choice.name)
        if run.metadata.saveSteps == nil, run.metadata.bestModelCheckpoint == nil || chosenStep != step {
            if step == run.metadata.globalStep, run.format == "hf-trainer-state" {
                choice.name = "checkpoint-\(step)"
                note = "the state the logs end with (global_step \(step))"
            } else {
                choice.name = "step \(step)"
                note = "the logs do not say when checkpoints were saved: keep the one saved at (or nearest) this step"
            }
        } else if chosenStep != step {
            note = "no checkpoint was saved at step \(step); \(choice.name) is \(choice.reason)"
        }
        if pick.basis == .taskMetric, let recorded = run.metadata.bestModelCheckpoint,
           HFNames.checkpointStep(recorded) != HFNames.checkpointStep(choice.name) {
            note += "; the Trainer recorded \(recorded) as best by its metric_for_best_model (eval_loss unless set)"
        }
        var result = BestCheckpoint(metric: pick.series.name, higherIsBetter: pick.higher, step: step,
                                    value: points.values[bestIndex], basis: pick.basis, checkpoint: choice.name,
                                    checkpointNote: note, disagreement: nil)
        result.disagreement = disagreement(run, chosen: result, candidates: pick.basis == .test ? test : validation)
        return result
    }

    /// Series with at least one finite point after training started.
    private static func candidates(_ series: [Series]) -> [Series] {
        series.filter { !usable($0).isEmpty }
    }

    /// Finite points after step 0: an evaluation before any training step measures the initial model.
    static func usable(_ series: Series) -> FinitePoints {
        let all = FinitePoints(series)
        let keep = all.steps.indices.filter { all.steps[$0] > 0 }
        return FinitePoints(steps: keep.map { all.steps[$0] }, values: keep.map { all.values[$0] })
    }

    private static func best(_ points: FinitePoints, higher: Bool) -> Int {
        var b = 0
        for i in points.values.indices where higher ? points.values[i] > points.values[b] : points.values[i] < points.values[b] {
            b = i
        }
        return b
    }

    private static func direction(_ s: Series) -> Bool? {
        switch s.role {
        case .evalLoss, .testLoss: return false
        case .evalMetric(let h), .testMetric(let h): return h
        default: return nil
        }
    }

    private static func pick(_ run: Run, _ series: [Series]) -> (series: Series, higher: Bool, basis: Basis)? {
        guard !series.isEmpty else { return nil }
        let task = run.kind == .classification || run.kind == .detection ? taskMetric(series, kind: run.kind) : nil
        if let recorded = run.metadata.bestMetric, recorded.isFinite,
           let s = series.first(where: { s in usable(s).values.contains { approximatelyEqual($0, recorded) } }),
           let h = direction(s), !(task != nil && s.role == .evalLoss) {
            return (s, h, .runSetting)
        }
        if let s = task, let h = direction(s) {
            return (s, h, .taskMetric)
        }
        if let loss = series.first(where: { $0.role == .evalLoss || $0.role == .testLoss }) {
            return (loss, false, .evalLoss)
        }
        if let s = taskMetric(series, kind: run.kind) ?? series.first, let h = direction(s) {
            return (s, h, .evalMetric)
        }
        return nil
    }

    /// The step the Trainer recorded as best (`best_global_step`, or the step of `best_model_checkpoint`),
    /// when the series has a point there.
    private static func recordedBestIndex(_ run: Run, _ points: FinitePoints) -> Int? {
        let step = run.metadata.bestGlobalStep ?? run.metadata.bestModelCheckpoint.flatMap(HFNames.checkpointStep)
        if let step, let i = points.steps.firstIndex(of: step) { return i }
        guard let recorded = run.metadata.bestMetric else { return nil }
        return points.values.firstIndex { approximatelyEqual($0, recorded) }
    }

    private static func approximatelyEqual(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1e-12)
    }

    /// Task metrics in the order a practitioner reads them.
    static let classificationWords = ["accuracy", "acc", "f1", "matthews", "mcc", "auroc", "auc", "top1", "precision", "recall"]

    /// The first metric naming the task: accuracy, F1, MCC... for classification; AP / mAP for detection.
    static func taskMetric(_ series: [Series], kind: RunKind) -> Series? {
        let metrics = series.filter { if case .evalMetric = $0.role { return true }; if case .testMetric = $0.role { return true }; return false }
        func words(_ s: Series) -> [String] {
            s.name.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        }
        if kind == .detection {
            for exact in ["bbox/ap", "segm/ap", "metrics/map50_95(b)", "metrics/map50-95(b)", "coco/bbox_map", "pascal_voc/map"] {
                if let s = metrics.first(where: { $0.name.lowercased().hasSuffix("/" + exact) || $0.name.lowercased() == "eval/" + exact }) { return s }
            }
            if let s = metrics.first(where: { words($0).contains { w in w == "map" || w == "ap" } }) { return s }
        }
        for word in classificationWords {
            if let s = metrics.first(where: { words($0).contains(word) }) { return s }
        }
        return nil
    }

    /// When the eval loss and the task metric are best at different evaluations: where each is best and
    /// what choosing by the other costs.
    private static func disagreement(_ run: Run, chosen: BestCheckpoint, candidates: [Series]) -> String? {
        guard run.kind == .classification || run.kind == .detection else { return nil }
        let loss = candidates.first { $0.role == .evalLoss || $0.role == .testLoss }
        let task = taskMetric(candidates, kind: run.kind)
        guard let loss, let task, let taskHigher = direction(task) else { return nil }
        let other: (series: Series, higher: Bool) = chosen.metric == loss.name ? (task, taskHigher) : (loss, false)
        let otherPoints = usable(other.series)
        guard !otherPoints.isEmpty else { return nil }
        let otherBest = best(otherPoints, higher: other.higher)
        let otherStep = otherPoints.steps[otherBest]
        guard otherStep != chosen.step else { return nil }
        // Where the other metric is best, and what choosing there costs on the metric that chose.
        var text = "\(other.series.name) is \(other.higher ? "highest" : "lowest") at step \(otherStep) "
            + "(\(Format.number(otherPoints.values[otherBest])))"
        let chosenPoints = usable(run.series(named: chosen.metric) ?? other.series)
        if let j = chosenPoints.steps.firstIndex(of: otherStep) {
            let there = chosenPoints.values[j]
            let gap = abs(chosen.value - there)
            text += ", where \(chosen.metric) is \(Format.number(there)), \(Format.number(gap)) "
                + "\(chosen.higherIsBetter ? "below" : "above") its best"
            if chosen.value != 0 { text += " (\(Format.percent(gap / abs(chosen.value))))" }
        }
        return "Eval loss and task metric disagree: " + text + "."
    }
}
