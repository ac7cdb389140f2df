import RunModel

/// `grad-norm-explosion`: the gradient norm far above its typical level, or growing steadily.
///
/// Spikes: a logged norm more than `spike_factor` times the median of the `window` points before it
/// (llm-foundry's outlier detector uses 7.5x a delayed moving average). Grad-norm spikes often lead
/// loss spikes by a few steps (BLOOM-176B, OLMo 2), so they are reported even when the loss looks fine.
/// Growth: the median of the last fifth of the run more than `growth_factor` times the median of the
/// second fifth (after the early transient), with no fifth falling back by more than 10%.
/// HF logs the norm before clipping; the clipping threshold is `max_grad_norm` from the run when known,
/// else this rule's `max_grad_norm` (HF default 1.0), and the message says how often it was exceeded.
/// Severity: warning for growth, for a spike above `severe_factor`, or for `warning_count` spikes;
/// else info.
///
/// Thresholds: `window` (20 points), `spike_factor` (10), `severe_factor` (100), `warning_count` (3),
/// `growth_factor` (5), `max_grad_norm` (1.0).
struct GradNormExplosionRule: Rule {
    let id = "grad-norm-explosion"
    let summary = "Gradient norm far above its typical level (spikes) or growing steadily; compared with the clipping threshold."

    static let window = Threshold("window", 20, "trailing points whose median is the typical level")
    static let spikeFactor = Threshold("spike_factor", 10, "a norm this many times the trailing median is a spike")
    static let severeFactor = Threshold("severe_factor", 100, "a single spike this large is a warning")
    static let warningCount = Threshold("warning_count", 3, "spikes that make it a warning")
    static let growthFactor = Threshold("growth_factor", 5, "last-fifth median over second-fifth median that counts as steady growth")
    static let maxGradNorm = Threshold("max_grad_norm", 1.0, "clipping threshold assumed when the run does not say (HF default)")
    var thresholds: [Threshold] {
        [Self.window, Self.spikeFactor, Self.severeFactor, Self.warningCount, Self.growthFactor, Self.maxGradNorm]
    }

    struct Spike {
        var index: Int
        var ratio: Double
    }

    func check(_ run: Run, context: RuleContext) -> [Finding] {
        guard let series = run.series(.gradNorm) else { return [] }
        let points = FinitePoints(series)
        guard points.count >= 10, points.values.contains(where: { $0 > 0 }) else { return [] }
        let recorded = RunSettings(run).clipping
        let logged = recorded.flatMap { $0 > 0 ? $0 : nil }
        let clip = logged ?? context[Self.maxGradNorm]
        let clipped = points.values.filter { $0 > clip }.count
        let threshold = logged == nil
            ? "the assumed clipping threshold (max_grad_norm=\(Format.number(clip)), the HF default; the logs do not record it)"
            : "the clipping threshold (max_grad_norm=\(Format.number(clip)))"
        var clipNote = "the norm exceeded \(threshold) at "
            + "\(Format.percent(Double(clipped) / Double(points.count))) of logged steps"
        if recorded == 0 {
            clipNote = "clipping was off (max_grad_norm=0), so nothing bounded these steps; the norm exceeded 1.0 at "
                + "\(Format.percent(Double(points.values.filter { $0 > 1 }.count) / Double(points.count))) of logged steps"
        }
        var findings: [Finding] = []
        let spikes = self.spikes(points, context: context)
        if !spikes.isEmpty {
            findings.append(spikeFinding(spikes, points: points, series: series, clipNote: clipNote, context: context, advice: Advice(run)))
        }
        if let growth = growth(points, context: context) {
            findings.append(growthFinding(growth, points: points, series: series, clipNote: clipNote, advice: Advice(run)))
        }
        return findings
    }

    private func spikes(_ points: FinitePoints, context: RuleContext) -> [Spike] {
        let window = max(5, context.count(Self.window))
        let factor = context[Self.spikeFactor]
        let minHistory = max(5, window / 2)
        guard points.count > minHistory else { return [] }
        var spikes: [Spike] = []
        for i in minHistory..<points.count {
            let typical = Stats.median(Array(points.values[max(0, i - window)..<i]))
            guard typical > 0 else { continue }
            let ratio = points.values[i] / typical
            if ratio > factor {
                if let last = spikes.last, i - last.index <= 2 {
                    if ratio > last.ratio { spikes[spikes.count - 1] = Spike(index: i, ratio: ratio) }
                } else {
                    spikes.append(Spike(index: i, ratio: ratio))
                }
            }
        }
        return spikes
    }

    private func spikeFinding(_ spikes: [Spike], points: FinitePoints, series: Series, clipNote: String,
                              context: RuleContext, advice: Advice) -> Finding {
        let largest = spikes.max { $0.ratio < $1.ratio } ?? spikes[0]
        let severe = largest.ratio >= context[Self.severeFactor] || spikes.count >= max(1, context.count(Self.warningCount))
        let step = points.steps[largest.index]
        let typical = points.values[largest.index] / largest.ratio
        let first = points.steps[spikes[0].index], last = points.steps[spikes[spikes.count - 1].index]
        let list = spikes.prefix(8).map { String(points.steps[$0.index]) }.joined(separator: ", ")
        return Finding(
            id: id, severity: severe ? .warning : .info,
            title: "Gradient norm spiked \(Format.number(largest.ratio))x above its typical level at step \(step)",
            message: "\(Format.count(spikes.count, "gradient-norm spike")) above \(Format.number(context[Self.spikeFactor]))x the trailing median "
                + "(steps \(list)\(spikes.count > 8 ? ", ..." : "")); the largest \(Format.number(points.values[largest.index])) at step \(step) "
                + "against a typical \(Format.number(typical)); \(clipNote).",
            steps: first...last, metric: series.name,
            evidence: [
                Evidence("spikes", .integer(spikes.count)),
                Evidence("largest_step", .integer(step)),
                Evidence("largest_value", .number(points.values[largest.index])),
                Evidence("typical_value", .number(typical)),
                Evidence("largest_ratio", .number(largest.ratio)),
            ],
            why: "Gradient-norm spikes tend to precede loss spikes by a few steps (BLOOM-176B, OLMo 2): they are the early warning of unstable optimisation, even when clipping hides their effect on the loss.",
            fixes: [
                advice.clipping(),
                advice.lowerLR(at: step, event: "the largest spike came"),
                advice.lengthenWarmup(),
                "Look at the batches around step \(step) for outliers (very long, repeated or corrupt examples).",
                advice.precision(),
            ].compactMap { $0 })
    }

    struct Growth {
        var earlyMedian: Double
        var lateMedian: Double
        var startStep: Int
        var endStep: Int
    }

    private func growth(_ points: FinitePoints, context: RuleContext) -> Growth? {
        guard points.count >= 25 else { return nil }
        let n = points.count
        let fifths = (0..<5).map { k in points.median((k * n / 5)..<((k + 1) * n / 5)) }
        let early = fifths[1], late = fifths[4]
        guard early > 0, late > context[Self.growthFactor] * early else { return nil }
        for k in 2..<5 where fifths[k] < 0.9 * fifths[k - 1] { return nil }
        return Growth(earlyMedian: early, lateMedian: late, startStep: points.steps[n / 5], endStep: points.steps[n - 1])
    }

    private func growthFinding(_ g: Growth, points: FinitePoints, series: Series, clipNote: String, advice: Advice) -> Finding {
        let factor = g.lateMedian / g.earlyMedian
        return Finding(
            id: id, severity: .warning,
            title: "Gradient norm grew \(Format.number(factor))x over the run",
            message: "The median gradient norm rose steadily from \(Format.number(g.earlyMedian)) (second fifth of the run) "
                + "to \(Format.number(g.lateMedian)) (last fifth, up to step \(g.endStep)); \(clipNote).",
            steps: g.startStep...g.endStep, metric: series.name,
            evidence: [
                Evidence("early_median", .number(g.earlyMedian)),
                Evidence("late_median", .number(g.lateMedian)),
                Evidence("growth", .number(factor)),
            ],
            why: "A steadily growing gradient norm is the slow road to divergence: BigScience saw runs diverge slowly without any single spike.",
            fixes: [
                "Lower learning_rate, or decay it further (lr_scheduler_type=\"cosine\").",
                advice.clipping() ?? "Check weight_decay is on (e.g. 0.01-0.1).",
                "Check for a loss term or label scale that grows during training.",
            ])
    }
}
