import RunModel

/// `underfitting`: training and eval loss both stay high: little reduction from the start, and the
/// eval loss close to the training loss (the model is not even fitting its training data). For a
/// log that starts mid-training, "the start" is the start of the log, and the message says so.
///
/// Fires when the training loss falls by less than `max_reduction` (relative, median of the first
/// 5% of points against the last 10%), the best eval loss is still within `max_reduction` of the
/// training loss at the start, and the final eval loss is within `max_gap` (relative) of the final
/// training loss. Needs an eval loss and at least `min_points` training points; losses with zero or
/// negative values are not judged, nor a continuation log that begins well into the run
/// (`RunExtent.startsLate`): its first points are not the run's start, so "little reduction from the
/// start" cannot be measured.
///
/// Thresholds: `max_reduction` (0.1), `max_gap` (0.15), `min_points` (10).
struct UnderfittingRule: Rule {
    let id = "underfitting"
    let summary = "Training and eval loss both stay high: little reduction from the start, eval close to train."

    static let maxReduction = Threshold("max_reduction", 0.1, "relative training-loss reduction below which the loss 'stayed high'")
    static let maxGap = Threshold("max_gap", 0.15, "relative gap between final eval and training loss that counts as 'close'")
    static let minPoints = Threshold("min_points", 10, "training-loss points needed")
    var thresholds: [Threshold] { [Self.maxReduction, Self.maxGap, Self.minPoints] }

    func check(_ run: Run, context: RuleContext) -> [Finding] {
        guard let trainSeries = run.series(.trainLoss), let evalSeries = run.series(.evalLoss),
              !RunExtent.startsLate(run) else { return [] }
        let train = FinitePoints(trainSeries), eval = FinitePoints(evalSeries)
        guard train.count >= max(5, context.count(Self.minPoints)), eval.count >= 2,
              train.values.allSatisfy({ $0 > 0 }), eval.values.allSatisfy({ $0 > 0 }),
              let bestEval = eval.values.min(), let finalEval = eval.values.last,
              let firstStep = train.steps.first, let lastStep = train.steps.last else { return [] }
        let start = train.headMedian(fraction: 0.05), end = train.tailMedian(fraction: 0.1)
        let reduction = (start - end) / start
        let evalReduction = (start - bestEval) / start
        let gap = abs(finalEval - end) / end
        let maxReduction = context[Self.maxReduction]
        guard reduction < maxReduction, evalReduction < maxReduction, gap < context[Self.maxGap] else { return [] }
        return [Finding(
            id: id, severity: .warning,
            title: "Underfitting: training loss fell only \(Format.percent(reduction)) and eval loss stayed close to it",
            message: "\(LogStartText.lossWentFrom(run)) \(Format.number(start)) to \(Format.number(end)) (\(Format.percent(reduction)) lower); the best eval loss was \(Format.number(bestEval)) and the last \(Format.number(finalEval)), within \(Format.percent(gap)) of the training loss.",
            steps: firstStep...lastStep, metric: evalSeries.name,
            evidence: [
                Evidence("train_start", .number(start)),
                Evidence("train_end", .number(end)),
                Evidence("train_reduction", .number(reduction)),
                Evidence("eval_best", .number(bestEval)),
                Evidence("eval_final", .number(finalEval)),
                Evidence("eval_train_gap", .number(gap)),
            ],
            why: "When the model cannot even fit its training data, the held-out loss cannot be good either: it needs more capacity, more training or a higher learning rate, not regularisation.",
            fixes: [
                "Train longer: more num_train_epochs (or max_steps).",
                "Raise learning_rate (e.g. 2-5x), keeping a warmup.",
                "Use a larger model, or train more of it (higher LoRA r, more target_modules).",
                "Check the data quality and that inputs and labels match.",
            ])]
    }
}
