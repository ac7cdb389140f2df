import RunModel

/// `slow-convergence`: the training loss barely decreases over most of the run while the learning
/// rate is still high.
///
/// The high-LR stretch is where the logged LR is at least `high_lr_fraction` of its peak (after
/// warmup); without a logged LR, the whole run. It must cover at least `min_span` of the run. The rule
/// fires when the loss falls by less than `min_reduction` (relative, median of the first tenth of the
/// stretch against the last tenth) across that stretch *and* by less than `max_total_reduction` from
/// the start of the run to its end: a loss that fell early and then plateaued has converged; one that
/// never fell at full LR is stuck. It also fires when the loss is crawling: it fell by less than
/// `crawl_total_reduction` over the whole run yet is still falling at the end (over the last 30% of
/// the stretch, medians taken in ten equal bins, it falls at least `crawl_end_pace` times its
/// average pace: a steady slide, not the flattening of a converged fine-tune), the signature of a
/// learning rate far too low rather than of a converged fine-tune, which flattens out.
/// Losses with zero or negative values (RL objectives) are not judged, nor a loss with NaN/Inf (a
/// divergence), nor one whose lowest raw point is more than `crawl_total_reduction` below its opening
/// level (median of the first 3 raw points): that loss fell, and if it is higher now it rose again.
/// The stretch must hold at least `min_points` points, so each tenth has a few.
///
/// Thresholds: `min_reduction` (0.02), `max_total_reduction` (0.1), `crawl_total_reduction` (0.15),
/// `crawl_end_pace` (0.5), `high_lr_fraction` (0.5), `min_span` (0.3), `min_points` (30).
struct SlowConvergenceRule: Rule {
    let id = "slow-convergence"
    let summary = "The training loss barely decreases over most of the run while the learning rate is not yet decayed."

    static let minReduction = Threshold("min_reduction", 0.02, "relative loss reduction across the high-LR stretch below which it is stuck")
    static let maxTotalReduction = Threshold("max_total_reduction", 0.1, "relative loss reduction over the whole run below which it counts")
    static let crawlTotalReduction = Threshold("crawl_total_reduction", 0.15, "relative loss reduction over the whole run below which a still-falling loss is crawling")
    static let crawlEndPace = Threshold("crawl_end_pace", 0.5, "pace of the fall over the last 30% of the stretch, relative to its average pace, at or above which the loss is still sliding")
    static let highLRFraction = Threshold("high_lr_fraction", 0.5, "LR at or above this fraction of its peak counts as not yet decayed")
    static let minSpan = Threshold("min_span", 0.3, "share of the run the high-LR stretch must cover")
    static let minPoints = Threshold("min_points", 30, "training-loss points needed within the high-LR stretch (3 per tenth)")
    var thresholds: [Threshold] { [Self.minReduction, Self.maxTotalReduction, Self.crawlTotalReduction, Self.crawlEndPace, Self.highLRFraction, Self.minSpan, Self.minPoints] }

    func check(_ run: Run, context: RuleContext) -> [Finding] {
        guard let series = run.series(.trainLoss) else { return [] }
        let loss = FinitePoints(series)
        guard loss.count >= max(5, context.count(Self.minPoints)), loss.values.allSatisfy({ $0 > 0 }),
              !series.values.contains(where: { !$0.isFinite }),
              let runStart = loss.steps.first, let runEnd = loss.steps.last, runEnd > runStart,
              let lowest = loss.values.min() else { return [] }
        // Raw levels: a loss whose lowest logged point is well below where it started did fall; if it
        // is higher now, it rose again (instability, another rule's business), not a slow descent.
        let opening = loss.median(0..<min(3, loss.count))
        if lowest < (1 - context[Self.crawlTotalReduction]) * opening { return [] }
        var window = runStart...runEnd
        var lrNote = "no learning rate is logged"
        if let lrSeries = run.series(.learningRate), let schedule = LRSchedule.analyze(lrSeries, plannedSteps: run.metadata.maxSteps) {
            let lr = FinitePoints(lrSeries)
            let high = lr.steps.indices.filter { lr.steps[$0] >= schedule.peakStep && lr.values[$0] >= context[Self.highLRFraction] * schedule.peak }
            guard let a = high.first, let b = high.last else { return [] }
            window = lr.steps[a]...lr.steps[b]
            lrNote = "the learning rate stayed at or above \(Format.percent(context[Self.highLRFraction])) of its peak \(Format.number(schedule.peak))"
        }
        let span = Double(window.upperBound - window.lowerBound) / Double(runEnd - runStart)
        let indices = loss.steps.indices.filter { window.contains(loss.steps[$0]) }
        guard span >= context[Self.minSpan], let lo = indices.first, let hi = indices.last,
              hi - lo + 1 >= max(10, context.count(Self.minPoints)) else { return [] }
        let stretch = FinitePoints(steps: Array(loss.steps[lo...hi]), values: Array(loss.values[lo...hi]))
        let start = stretch.headMedian(fraction: 0.1), end = stretch.tailMedian(fraction: 0.1)
        let reduction = (start - end) / start
        let first = loss.headMedian(fraction: 0.05), last = loss.tailMedian(fraction: 0.1)
        let total = (first - last) / first
        let stuck = reduction < context[Self.minReduction] && total < context[Self.maxTotalReduction]
        let crawling = total > 0 && total < context[Self.crawlTotalReduction]
            && (Self.endPace(stretch).map { $0 >= context[Self.crawlEndPace] } ?? false)
        guard stuck || crawling else { return [] }
        let lrFix: String
        if let peak = run.series(.learningRate).flatMap({ FinitePoints($0).values.max() }) {
            lrFix = "Increase learning_rate (e.g. 3-10x: from \(Format.number(peak)) to \(Format.number(peak * 5)))."
        } else {
            lrFix = "Increase learning_rate (e.g. 3-10x)."
        }
        return [Finding(
            id: id, severity: .warning,
            title: "Training loss \(stuck ? "barely moved" : "is crawling down") (\(Format.percent(reduction))) over steps \(window.lowerBound)-\(window.upperBound) at full learning rate",
            message: "From step \(window.lowerBound) to \(window.upperBound), while \(lrNote), the training loss went from \(Format.number(start)) to \(Format.number(end)) (\(Format.percent(reduction)) lower); over \(LogStartText.whole(run)) it fell only \(Format.percent(total)) (\(Format.number(first)) → \(Format.number(last))).",
            steps: window, metric: series.name,
            evidence: [
                Evidence("window_start_loss", .number(start)),
                Evidence("window_end_loss", .number(end)),
                Evidence("window_reduction", .number(reduction)),
                Evidence("total_reduction", .number(total)),
                Evidence("window_share", .number(span)),
            ],
            why: "At full learning rate a model that can learn the data makes visible progress; a flat loss means the steps are too small, the parameters are not being updated, or the labels do not match the inputs.",
            fixes: [
                lrFix,
                "Check that the parameters are trainable: requires_grad on the weights you mean to train, LoRA target_modules matching the model's layer names, nothing frozen by mistake.",
                "Check the data: labels aligned with inputs, padding masked with -100, the chat template applied.",
            ])]
    }

    /// How fast the loss falls over the last 30% of `points` relative to its average pace, from
    /// the medians of ten equal-count bins (so per-step noise does not decide it); nil when it does
    /// not fall overall.
    static func endPace(_ points: FinitePoints) -> Double? {
        let bins = 10
        guard points.count >= bins * 2 else { return nil }
        let medians = (0..<bins).map { i in points.median((i * points.count / bins)..<((i + 1) * points.count / bins)) }
        let average = (medians[0] - medians[bins - 1]) / Double(bins - 1)
        guard average > 0 else { return nil }
        return (medians[bins - 4] - medians[bins - 1]) / 3 / average
    }
}
