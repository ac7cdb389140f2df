import RunModel

/// `loss-spike`: sudden jumps of the training loss well beyond its local noise.
///
/// Each logged loss is compared with the median and MAD of the `window` points before it (in log
/// space); a spike is more than `robust_z` robust deviations and more than `min_jump` (relative)
/// above that median, and the jump must be at least 1% of the loss at the start of the run (so that
/// a loss memorised down to the rounding step, 0.0001 -> 0.0002, is not a "2x spike"). The loss recovered when, within `recovery_points` points after the spike, it
/// comes back within `min_jump / 2` of the level before it. Severity: info for a rare spike that
/// recovered; warning for `warning_count` spikes or more, or one that did not recover; error when the
/// loss never came back and ended above where it started (divergence). Losses with zero or negative
/// values (RL objectives such as GRPO) are not judged: a ratio means nothing there. When a gradient
/// norm is logged, the message says whether it jumped at or just before the largest spike (within
/// the spike's own logging interval): grad-norm spikes lead loss spikes in large runs (BLOOM-176B).
///
/// Thresholds: `window` (20 points), `robust_z` (8), `min_jump` (0.3), `recovery_points` (25),
/// `warning_count` (3).
struct LossSpikeRule: Rule {
    let id = "loss-spike"
    let summary = "Sudden jumps of the training loss far beyond its local noise (rolling median and MAD); how many, the largest, recovered or not."

    static let window = Threshold("window", 20, "trailing points whose median and MAD define the local level and noise")
    static let robustZ = Threshold("robust_z", 8, "robust deviations (1.4826 x MAD, in log space) above the local median")
    static let minJump = Threshold("min_jump", 0.3, "minimum rise above the local median, relative (0.3 = +30%)")
    static let recoveryPoints = Threshold("recovery_points", 25, "points after a spike within which the loss must come back")
    static let warningCount = Threshold("warning_count", 3, "spikes (even recovered) that make it a warning")
    var thresholds: [Threshold] { [Self.window, Self.robustZ, Self.minJump, Self.recoveryPoints, Self.warningCount] }

    func check(_ run: Run, context: RuleContext) -> [Finding] {
        guard let series = run.series(.trainLoss) else { return [] }
        let points = FinitePoints(series)
        guard points.count >= 10, points.values.allSatisfy({ $0 > 0 }) else { return [] }
        let minJump = context[Self.minJump]
        let detector = SpikeDetector(window: max(5, context.count(Self.window)), z: context[Self.robustZ], minRatio: 1 + minJump)
        let startLevel = points.headMedian(fraction: 0.05)
        let events = detector.events(points.values).filter { event in
            points.values[event.peakIndex] - event.baseline >= 0.01 * startLevel
        }
        guard !events.isEmpty else { return [] }
        let recovery = max(1, context.count(Self.recoveryPoints))
        let recovered = events.map { event -> Bool in
            let after = points.values.dropFirst(event.endIndex + 1).prefix(recovery)
            return after.contains { $0 <= event.baseline * (1 + minJump / 2) }
        }
        guard let largestIndex = events.indices.max(by: { events[$0].ratio < events[$1].ratio }),
              let firstStep = events.first.map({ points.steps[$0.startIndex] }),
              let lastEvent = events.last else { return [] }
        let largest = events[largestIndex]
        let unrecovered = recovered.filter { !$0 }.count
        let finalLevel = points.tailMedian(fraction: 0.05)
        let diverged = recovered.last == false && finalLevel > startLevel
        let severity: Severity = diverged ? .error
            : (unrecovered > 0 || events.count >= max(1, context.count(Self.warningCount))) ? .warning : .info
        let largestStep = points.steps[largest.peakIndex]
        let lastStep = points.steps[lastEvent.endIndex]
        var message = "\(Format.count(events.count, "spike")) in the training loss; the largest at step \(largestStep): "
            + "\(Format.number(points.values[largest.peakIndex])) against a local level of \(Format.number(largest.baseline)) "
            + "(\(Format.number(largest.ratio))x). "
        if unrecovered == 0 {
            message += "The loss came back to its earlier level after every spike."
        } else {
            message += "\(unrecovered) of them did not come back within \(Format.count(recovery, "logged point")); "
            if let last = series.values.last, let lastStep = series.steps.last, !last.isFinite {
                message += "the loss ends non-finite (\(Format.number(last)) at step \(lastStep))."
            } else {
                message += "the loss ends at \(Format.number(finalLevel)) (started at \(Format.number(startLevel)))."
            }
        }
        var leadEvidence: [Evidence] = []
        if let lead = Self.gradNormJump(in: run, before: largestStep, since: largest.startIndex > 0 ? points.steps[largest.startIndex - 1] : nil) {
            message += " The gradient norm jumped \(Format.number(lead.ratio))x (to \(Format.number(lead.value)) at step \(lead.step))"
                + (lead.step < largestStep ? " just before it." : " at the same step.")
            leadEvidence = [Evidence("grad_norm_jump_step", .integer(lead.step)), Evidence("grad_norm_jump_ratio", .number(lead.ratio))]
        }
        let spikeSteps = events.prefix(8).map { String(points.steps[$0.peakIndex]) }.joined(separator: ", ")
        let evidence: [Evidence] = [
            Evidence("spikes", .integer(events.count)),
            Evidence("spike_steps", .text(spikeSteps + (events.count > 8 ? ", ..." : ""))),
            Evidence("largest_step", .integer(largestStep)),
            Evidence("largest_value", .number(points.values[largest.peakIndex])),
            Evidence("largest_ratio", .number(largest.ratio)),
            Evidence("unrecovered", .integer(unrecovered)),
        ] + leadEvidence
        let title: String
        switch severity {
        case .error: title = "Training loss spiked at step \(points.steps[lastEvent.startIndex]) and never recovered"
        case .warning: title = "\(Format.count(events.count, "loss spike")), largest \(Format.number(largest.ratio))x at step \(largestStep)"
        case .info: title = "\(Format.count(events.count, "loss spike")) at step \(largestStep), recovered"
        }
        return [Finding(
            id: id, severity: severity, title: title, message: message, steps: firstStep...lastStep, metric: series.name,
            evidence: evidence,
            why: "Loss spikes are the visible side of unstable optimisation (a too-high learning rate or a bad batch meeting a fragile parameter state); many large runs never recover from one.",
            fixes: spikeFixes(run, at: largestStep, firstStep: firstStep))]
    }

    private func spikeFixes(_ run: Run, at step: Int, firstStep: Int) -> [String] {
        let advice = Advice(run)
        return [
            advice.lowerLR(at: step, event: "the largest spike came", factor: "by half"),
            advice.lengthenWarmup(),
            advice.clipping(),
            "Restart from a checkpoint about 100 steps before step \(firstStep) and skip the batches around it (PaLM's remedy); check those batches for bad data.",
            advice.precision(),
        ].compactMap { $0 }
    }

    /// The largest gradient-norm jump (against the median of the 10 norms before it) logged after
    /// `since` and up to `step`, when it is at least 5x; nil without a grad norm or such a jump.
    static func gradNormJump(in run: Run, before step: Int, since: Int?) -> (step: Int, value: Double, ratio: Double)? {
        guard let grad = run.series(.gradNorm) else { return nil }
        let norms = FinitePoints(grad)
        var best: (step: Int, value: Double, ratio: Double)?
        for i in norms.steps.indices where norms.steps[i] <= step && norms.steps[i] > (since ?? step - 1) && i >= 5 {
            let typical = Stats.median(Array(norms.values[max(0, i - 10)..<i]))
            guard typical > 0 else { continue }
            let ratio = norms.values[i] / typical
            if ratio >= 5, ratio > (best?.ratio ?? 0) { best = (norms.steps[i], norms.values[i], ratio) }
        }
        return best
    }
}
