import RunModel

/// `suspicious-loss`: a loss that looks like a bug rather than learning:
/// - exactly constant for `constant_points` or more consecutive logged points (values of magnitude
///   below 1e-3 are left out: rounding to 4 decimals makes a memorised loss repeat): warning;
/// - exactly 0.0: a warning when it comes straight from a level above `zero_jump_level` (a divergence
///   filtered by HF's logging_nan_inf_filter, or a loss that is not computed), info when the loss
///   crept down to it (memorisation);
/// - an eval loss below `eval_below_train_ratio` times the training loss at the same time, for at
///   least half of the evaluations after the first fifth of the run: info naming the usual innocent
///   causes (dropout, a loss summed over tokens with different train and eval batch sizes, label
///   smoothing), a warning only below `extreme_ratio` (leakage, or labels that differ between the
///   splits, are then the likely reasons).
/// Losses with negative values (RL objectives such as GRPO, where 0 and constants are normal) are not
/// judged.
///
/// Thresholds: `constant_points` (10), `zero_jump_level` (0.05), `eval_below_train_ratio` (0.5),
/// `extreme_ratio` (0.1).
struct SuspiciousLossRule: Rule {
    let id = "suspicious-loss"
    let summary = "A loss that is exactly constant, exactly zero, or an eval loss far below the training loss."

    static let constantPoints = Threshold("constant_points", 10, "consecutive identical values that make a constant loss")
    static let zeroJumpLevel = Threshold("zero_jump_level", 0.05, "loss level from which a jump to exactly 0 is a warning")
    static let evalBelowTrainRatio = Threshold("eval_below_train_ratio", 0.5, "eval loss below this fraction of the training loss is pointed out (info)")
    static let extremeRatio = Threshold("extreme_ratio", 0.1, "eval loss below this fraction of the training loss is a warning: no innocent cause explains it")
    var thresholds: [Threshold] { [Self.constantPoints, Self.zeroJumpLevel, Self.evalBelowTrainRatio, Self.extremeRatio] }

    func check(_ run: Run, context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for series in [run.series(.trainLoss), run.series(.evalLoss)].compactMap({ $0 }) {
            let points = FinitePoints(series)
            guard points.values.allSatisfy({ $0 >= 0 }) else { continue }
            if let f = constant(series, points, context: context) { findings.append(f) }
            if let f = zero(series, points, context: context) { findings.append(f) }
        }
        if let f = evalBelowTrain(run, context: context) { findings.append(f) }
        return findings
    }

    private func constant(_ series: Series, _ points: FinitePoints, context: RuleContext) -> Finding? {
        guard !points.isEmpty else { return nil }
        let minRun = max(3, context.count(Self.constantPoints))
        var best: Range<Int>?
        var start = 0
        for i in 1...points.count where i == points.count || points.values[i] != points.values[start] {
            if i - start >= minRun && abs(points.values[start]) >= 1e-3 && (i - start) > (best?.count ?? 0) {
                best = start..<i
            }
            start = i
        }
        guard let run = best else { return nil }
        let value = points.values[run.lowerBound]
        let first = points.steps[run.lowerBound], last = points.steps[run.upperBound - 1]
        return Finding(
            id: id, severity: .warning,
            title: "\(series.name) is exactly \(Format.number(value)) for \(Format.count(run.count, "logged point"))",
            message: "\(series.name) logs exactly the same value, \(value), at \(Format.count(run.count, "consecutive point")) from step \(first) to \(last)\(run.count == points.count ? " (the whole run)" : "").",
            steps: first...last, metric: series.name,
            evidence: [Evidence("value", .number(value)), Evidence("points", .integer(run.count))],
            why: "A real loss on changing batches always wiggles; an exactly repeated value means it is not being computed from the model (a constant placeholder, detached graph, all-masked labels) or the weights are not changing.",
            fixes: [
                "Check that labels are not all -100 (fully masked) and that the loss is computed from the model outputs.",
                "Check that the optimiser updates the weights (learning_rate > 0, parameters trainable).",
            ])
    }

    private func zero(_ series: Series, _ points: FinitePoints, context: RuleContext) -> Finding? {
        guard let firstZero = points.values.firstIndex(of: 0) else { return nil }
        let zeros = points.values.filter { $0 == 0 }.count
        let before = points.median(max(0, firstZero - 5)..<firstZero)
        let jump = !before.isNaN && before > context[Self.zeroJumpLevel]
        let step = points.steps[firstZero]
        let lastZero = points.steps[points.values.lastIndex(of: 0) ?? firstZero]
        let message = jump
            ? "\(series.name) jumps from about \(Format.number(before)) to exactly 0 at step \(step) (\(Format.count(zeros, "zero point")) in all). Recent transformers versions log the filtered loss as 0.0 after a NaN (logging_nan_inf_filter=True); otherwise the loss is not being computed."
            : "\(series.name) reaches exactly 0 at step \(step) (\(Format.count(zeros, "zero point")) in all) after creeping down\(before.isNaN ? "" : " from \(Format.number(before))"): the model reproduces its training data."
        return Finding(
            id: id, severity: jump ? .warning : .info,
            title: jump ? "\(series.name) dropped to exactly 0 at step \(step)" : "\(series.name) reached exactly 0 (memorised)",
            message: message, steps: step...lastZero, metric: series.name,
            evidence: [Evidence("first_zero_step", .integer(step)), Evidence("zero_points", .integer(zeros))],
            why: jump
                ? "A loss cannot fall from a normal level to exactly zero in one logging interval by learning; it hides a divergence or a bug."
                : "A zero training loss means the model has memorised its training set; only the eval metrics can say whether it still generalises.",
            fixes: jump
                ? ["Check grad_norm around step \(step) for NaN (a hidden divergence) and rerun with logging_nan_inf_filter=False to see it.",
                   "Check the labels of the batches from step \(step) (all -100 gives no loss)."]
                : ["Train for fewer epochs, or use load_best_model_at_end=True with an eval metric to keep an earlier checkpoint."])
    }

    private func evalBelowTrain(_ run: Run, context: RuleContext) -> Finding? {
        guard let trainSeries = run.series(.trainLoss), let evalSeries = run.series(.evalLoss) else { return nil }
        let train = FinitePoints(trainSeries), eval = FinitePoints(evalSeries)
        guard train.count >= 5, train.values.allSatisfy({ $0 > 0 }), eval.values.allSatisfy({ $0 >= 0 }),
              let start = train.steps.first, let end = train.steps.last, end > start else { return nil }
        let after = start + (end - start) / 5
        let gap = train.count >= 2 ? (end - start) / (train.count - 1) : 1
        var pairs: [(step: Int, eval: Double, train: Double)] = []
        for i in eval.steps.indices where eval.steps[i] >= after {
            if let t = train.median(near: eval.steps[i], radius: max(1, 2 * gap)), t > 0 {
                pairs.append((eval.steps[i], eval.values[i], t))
            }
        }
        let ratio = context[Self.evalBelowTrainRatio]
        let low = pairs.filter { $0.eval < ratio * $0.train }
        guard pairs.count >= 2, low.count * 2 >= pairs.count, let first = low.first, let last = low.last else { return nil }
        let ratios = low.map { $0.eval / $0.train }
        let median = Stats.median(ratios)
        let extreme = median < context[Self.extremeRatio]
        let settings = RunSettings(run)
        var innocent = ["dropout and augmentation are on while training and off while evaluating",
                        "the training loss is averaged over steps while the model improved, the eval loss is measured at the end",
                        "a loss summed rather than averaged over tokens or frames (CTC, some seq2seq losses) scales with the batch"]
        if let train = settings.number("per_device_train_batch_size"), let eval = settings.number("per_device_eval_batch_size"), train != eval {
            innocent[2] += ", and this run trained with batches of \(Format.number(train)) but evaluated with \(Format.number(eval))"
        }
        innocent.append("label smoothing or an auxiliary loss adds to the training loss only")
        return Finding(
            id: id, severity: extreme ? .warning : .info,
            title: "Eval loss is far below the training loss (\(Format.percent(median)) of it)",
            message: "At \(Format.count(low.count, "evaluation")) of \(pairs.count) after the first fifth of the run the eval loss is below \(Format.percent(ratio)) of the training loss; e.g. step \(last.step): eval \(Format.number(last.eval)) against train \(Format.number(last.train)). "
                + (extreme ? "At \(Format.percent(median)) of it, the usual innocent causes can hardly explain it." : "The usual innocent causes can explain this much: " + innocent.joined(separator: "; ") + "."),
            steps: first.step...last.step, metric: evalSeries.name,
            evidence: [Evidence("median_ratio", .number(median)), Evidence("evaluations", .integer(low.count)),
                       Evidence("grade", .text(extreme ? "extreme: below \(Format.percent(context[Self.extremeRatio])) of the training loss" : "below \(Format.percent(ratio)) but above \(Format.percent(context[Self.extremeRatio])): information only"))],
            why: "An eval loss far below the training loss is either one of the innocent causes (dropout, a loss summed over tokens, different batch sizes, label smoothing) or a sign that the eval set overlaps the training set, is much easier, or is scored differently.",
            fixes: [
                "Check the eval split for duplicates of training examples (leakage).",
                "Check that eval labels and masking match training (same tokenizer, same -100 masking, same loss reduction).",
            ])
    }
}
