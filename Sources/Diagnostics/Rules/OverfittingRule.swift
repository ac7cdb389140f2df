import RunModel

/// `overfitting`: an eval metric got worse after its best point while the training loss kept falling.
///
/// Works on the eval loss and on every eval metric whose direction is known (accuracy, f1, bleu, rouge...
/// are better higher; wer, cer, perplexity... lower), as HF's `EarlyStoppingCallback` would: best =
/// argmin (or argmax) over the evaluations. It fires when the last evaluation is at least `patience`
/// evaluations after the best and the recent level (median of the last three evaluations after the
/// best, so one lucky or unlucky evaluation decides nothing) is worse than the best by at least
/// `min_worsening` (relative). Precision and recall are left out: they trade off against each other.
/// When the training loss did not fall meanwhile, the finding still stands (the final model is worse
/// than an earlier checkpoint) but says that this is not classic overfitting: the learning rate may
/// have damaged the pretrained model.
///
/// Severity: a warning when the worsening is at least twice `min_worsening`; info when it is milder, or
/// when the run set `load_best_model_at_end=True` (the saved model is then the best one); the
/// `grade` evidence says which. Fixes never advise a setting the run recorded.
///
/// Thresholds: `patience` (2 evaluations), `min_worsening` (0.05 = 5% worse than the best),
/// `min_evals` (3 finite evaluations before anything is said).
struct OverfittingRule: Rule {
    let id = "overfitting"
    let summary = "An eval metric worsens after its best point while the training loss keeps falling."

    static let patience = Threshold("patience", 2, "evaluations after the best one before it counts (HF early_stopping_patience)")
    static let minWorsening = Threshold("min_worsening", 0.05, "relative worsening of the recent level (median of the last 3 evaluations) versus the best")
    static let minEvals = Threshold("min_evals", 3, "finite evaluations needed before the rule says anything")
    var thresholds: [Threshold] { [Self.patience, Self.minWorsening, Self.minEvals] }

    /// One eval series that got worse after its best.
    struct Worsening {
        var series: Series
        var higherIsBetter: Bool
        var bestStep: Int
        var bestValue: Double
        var finalStep: Int
        var finalValue: Double
        var evalsSinceBest: Int
        /// The recent level: median of the last (up to 3) evaluations after the best.
        var recentValue: Double
        var recentCount: Int
        /// Relative worsening of the recent level versus the best (positive = worse).
        var worsening: Double
    }

    func check(_ run: Run, context: RuleContext) -> [Finding] {
        var candidates: [(Series, Bool)] = []
        if let loss = run.series(.evalLoss) { candidates.append((loss, false)) }
        for metric in run.evalMetrics {
            if case .evalMetric(let higher?) = metric.role, !isTradeOff(metric.name) { candidates.append((metric, higher)) }
        }
        let worsened = candidates.compactMap { worsening($0.0, higherIsBetter: $0.1, context: context) }
        guard let primary = worsened.first else { return [] }
        let train = run.series(.trainLoss).map(FinitePoints.init)
        var trainAtBest: Double?, trainAtEnd: Double?
        if let train, !train.isEmpty {
            let radius = trainRadius(train, eval: primary.series)
            trainAtBest = train.median(near: primary.bestStep, radius: radius)
            trainAtEnd = train.median(near: primary.finalStep, radius: radius)
        }
        var result = finding(primary, others: Array(worsened.dropFirst()), trainAtBest: trainAtBest,
                             trainAtEnd: trainAtEnd, run: run, minWorsening: context[Self.minWorsening])
        taskMetricKeptImproving(&result, worsened: worsened, run: run)
        return [result]
    }

    /// A classifier's (or detector's) eval loss can rise while its task metric still improves: it grows
    /// over-confident on the examples it gets wrong. Then the checkpoint to keep is the task metric's
    /// best (`BestCheckpoint`), and the finding says so instead of pointing at the eval-loss minimum.
    private func taskMetricKeptImproving(_ f: inout Finding, worsened: [Worsening], run: Run) {
        guard run.kind == .classification || run.kind == .detection, f.metric == "eval/loss",
              let best = BestCheckpoint.choose(for: run), best.basis == .taskMetric,
              !worsened.contains(where: { $0.series.name == best.metric }) else { return }
        if let use = f.message.range(of: " Use ", options: .backwards) { f.message.removeSubrange(use.lowerBound...) }
        f.message += " But \(best.metric) did not worsen: it is \(best.higherIsBetter ? "highest" : "lowest") at step "
            + "\(best.step) (\(Format.number(best.value))), so the model grew over-confident on the examples it gets wrong "
            + "rather than worse at the task; keep \(best.checkpoint)."
        if let i = f.evidence.firstIndex(where: { $0.name == "checkpoint" }) { f.evidence[i] = Evidence("checkpoint", .text(best.checkpoint)) }
        f.evidence.append(Evidence("task_metric", .text(best.metric)))
        f.evidence.append(Evidence("task_metric_best_step", .integer(best.step)))
        if let i = f.fixes.firstIndex(where: { $0.hasPrefix("Use ") }) {
            f.fixes[i] = "Keep \(best.checkpoint), where \(best.metric) is best, not the eval-loss minimum; judge the model by the task metric."
        }
        if let i = f.fixes.firstIndex(where: { $0.contains("metric_for_best_model=\"eval_loss\"") }) {
            let key = "eval_" + best.metric.dropFirst("eval/".count).replacingOccurrences(of: "/", with: "_")
            f.fixes[i] = "Set load_best_model_at_end=True with metric_for_best_model=\"\(key)\" and greater_is_better=\(best.higherIsBetter ? "True" : "False") (save_steps equal to eval_steps): the Trainer's default, eval_loss, picks the wrong checkpoint here."
        }
        // Stopping at the eval-loss minimum would stop before the task metric's best.
        f.fixes.removeAll { $0.hasPrefix("Stop early") || $0.hasPrefix("Train for fewer") }
        f.fixes.append("If calibrated probabilities matter, add label_smoothing_factor (e.g. 0.1) or calibrate afterwards (temperature scaling).")
    }

    private func worsening(_ series: Series, higherIsBetter: Bool, context: RuleContext) -> Worsening? {
        let points = FinitePoints(series)
        guard points.count >= max(2, context.count(Self.minEvals)) else { return nil }
        var best = 0
        for i in points.values.indices {
            let better = higherIsBetter ? points.values[i] > points.values[best] : points.values[i] < points.values[best]
            if better { best = i }
        }
        let last = points.count - 1
        let since = last - best
        let bestValue = points.values[best], finalValue = points.values[last]
        let scale = max(abs(bestValue), 1e-12)
        let recentCount = min(3, since)
        let recent = points.median((last - recentCount + 1)..<(last + 1))
        let worsening = (higherIsBetter ? bestValue - recent : recent - bestValue) / scale
        guard since >= max(1, context.count(Self.patience)), worsening >= context[Self.minWorsening] else { return nil }
        return Worsening(series: series, higherIsBetter: higherIsBetter, bestStep: points.steps[best], bestValue: bestValue,
                         finalStep: points.steps[last], finalValue: finalValue, evalsSinceBest: since,
                         recentValue: recent, recentCount: max(1, recentCount), worsening: worsening)
    }

    private func peakLR(_ run: Run) -> Double? {
        run.series(.learningRate).flatMap { FinitePoints($0).values.max() }
    }

    private func isTradeOff(_ name: String) -> Bool {
        let n = name.lowercased()
        return n.contains("precision") || n.contains("recall")
    }

    /// Half the typical gap between evaluations, and at least two logging intervals.
    private func trainRadius(_ train: FinitePoints, eval: Series) -> Int {
        func gap(_ steps: [Int]) -> Int {
            guard steps.count >= 2 else { return 1 }
            return Int(Stats.median(zip(steps.dropFirst(), steps).map { Double($0 - $1) }))
        }
        return max(gap(eval.steps) / 2, 2 * gap(train.steps), 1)
    }

    /// How much worse the recent level is; it names the median when that is not simply the last value,
    /// so the percentage can be checked against the numbers shown.
    private func recentLevel(_ w: Worsening) -> String {
        guard w.recentCount > 1, w.recentValue != w.finalValue else { return "\(Format.percent(w.worsening)) worse" }
        return "the median of the last \(w.recentCount) evaluations, \(Format.number(w.recentValue)), is \(Format.percent(w.worsening)) worse"
    }

    private func finding(_ w: Worsening, others: [Worsening], trainAtBest: Double?, trainAtEnd: Double?, run: Run,
                         minWorsening: Double) -> Finding {
        let name = w.series.name
        let direction = w.higherIsBetter ? "fell" : "rose"
        let checkpoint = CheckpointChoice.nearest(to: w.bestStep, run: run)
        var message = "\(name) was best at step \(w.bestStep) (\(Format.number(w.bestValue))) and then \(direction) to "
            + "\(Format.number(w.finalValue)) at step \(w.finalStep) (" + recentLevel(w) + ") over "
            + "\(Format.count(w.evalsSinceBest, "evaluation")) since the best"
        let trainFell = trainAtBest.flatMap { b in trainAtEnd.map { $0 < b } }
        let trainLevels = trainAtBest.flatMap { b in trainAtEnd.map { e in
            "median around step \(w.bestStep) \(Format.number(b)), around step \(w.finalStep) \(Format.number(e))"
                + (RunFacts(run).finalTrainLoss.map { $0.value != e ? "; final \(Format.number($0.value)) at step \($0.step)" : "" } ?? "")
        } } ?? ""
        if trainFell == true {
            message += ", while the training loss kept falling (\(trainLevels))"
        } else if trainAtBest != nil && trainAtEnd != nil {
            message += ". The training loss did not fall meanwhile (\(trainLevels)), so this is not classic overfitting: the learning rate"
                + (peakLR(run).map { " (peak \(Format.number($0)))" } ?? "") + " may be too high and have damaged what the model knew"
        } else {
            message += " (no training loss logged to compare with)"
        }
        message += "."
        if !others.isEmpty {
            message += " Also worse after their best: " + others.map {
                "\($0.series.name) (best at step \($0.bestStep), " + recentLevel($0) + ")"
            }.joined(separator: ", ") + "."
        }
        message += " Use \(checkpoint.description)."
        var evidence: [Evidence] = [
            Evidence("best_step", .integer(w.bestStep)),
            Evidence("best_value", .number(w.bestValue)),
            Evidence("final_step", .integer(w.finalStep)),
            Evidence("final_value", .number(w.finalValue)),
            Evidence("recent_value", .number(w.recentValue)),
            Evidence("worsening", .number(w.worsening)),
            Evidence("evals_since_best", .integer(w.evalsSinceBest)),
        ]
        if let atBest = trainAtBest, let atEnd = trainAtEnd {
            evidence.append(Evidence("train_loss_at_best", .number(atBest)))
            evidence.append(Evidence("train_loss_at_end", .number(atEnd)))
        }
        evidence.append(Evidence("checkpoint", .text(checkpoint.name)))
        let metricName = HFNames.metricForBestModel(w.series)
        let advice = Advice(run)
        var fixes = trainFell == false ? [advice.lowerLR(at: nil, event: ""), advice.lengthenWarmup()].compactMap { $0 } : []
        fixes.append("Use \(checkpoint.name) (\(checkpoint.reason)) instead of the final model.")
        if let loadBest = advice.loadBest(metric: metricName, higherIsBetter: w.higherIsBetter) {
            fixes.append(loadBest)
        } else {
            fixes[fixes.count - 1] += " The run set load_best_model_at_end=True, so the model the Trainer saved at the end is already the best checkpoint, not the last."
        }
        if advice.settings.number("early_stopping_patience") == nil {
            fixes.append("Stop early: callbacks=[EarlyStoppingCallback(early_stopping_patience=\(max(1, min(3, w.evalsSinceBest - 1))))], if not already set.")
        }
        let facts = RunFacts(run)
        if let epoch = facts.epochWords(at: w.bestStep, run: run) {
            let setting = facts.epochs?.counting == .fromZero ? "max_epochs" : "num_train_epochs"
            fixes.append("Train for fewer epochs: the best came \(epoch.text), so \(setting)=\(epoch.epochsNeeded) is enough.")
        } else {
            fixes.append("Train for fewer steps or epochs (num_train_epochs / max_steps): the best came at step \(w.bestStep).")
        }
        fixes.append("Regularise more (weight_decay, dropout) or add training data.")
        // Graded by size and consequence: a worsening under twice the threshold is mild; when the run
        // reloaded its best checkpoint the saved model is not the worse one.
        let clear = w.worsening >= 2 * minWorsening
        let reloaded = advice.settings.flag("load_best_model_at_end") == true
        let severity: Severity = clear && !reloaded ? .warning : .info
        evidence.append(Evidence("grade", .text(
            (clear ? "clear: \(Format.percent(w.worsening)) worse, at least twice the \(Format.percent(minWorsening)) threshold"
                   : "mild: \(Format.percent(w.worsening)) worse, under twice the \(Format.percent(minWorsening)) threshold")
            + (reloaded ? "; load_best_model_at_end=True, so the saved model is the best one" : ""))))
        return Finding(
            id: id, severity: severity,
            title: "\(name) worsened \(Format.percent(w.worsening)) after its best at step \(w.bestStep)" + (trainFell == false ? " (training loss did not fall)" : ""),
            message: message, steps: w.bestStep...w.finalStep, metric: name, evidence: evidence,
            why: "The model at the end of training generalises worse than it did at step \(w.bestStep): it is fitting the training set, not the task.",
            fixes: fixes)
    }
}
