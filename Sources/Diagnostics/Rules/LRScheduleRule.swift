import RunModel

/// `lr-schedule`: what the learning-rate schedule really was, and what is off about it.
///
/// Recovers from the logged LR the warmup length and ratio, the peak, the decay shape (linear, cosine,
/// constant, other) and the final LR as a fraction of the peak (see `LRSchedule`). Always reported as
/// info when the LR is logged, so the report can say what the schedule was. Flags:
/// - warmup never finished (the LR still rises at the last logged step) although the run reached its
///   planned end: warning; when the run stopped early during its warmup: info (the stop is
///   `run-truncated`'s, and a divergence's story names the warmup);
/// - no warmup: info (common and often fine at fine-tuning learning rates);
/// - warmup longer than `max_warmup_ratio` of the run: info;
/// - no decay (constant after warmup): info;
/// - a peak outside the usual range for the run's optimiser (`UsualLR`: Adam-family
///   [`min_usual_peak`, `max_usual_peak`], SGD 1e-4 to 0.1): graded by how far outside, info up to
///   `warning_excess` times, a warning beyond (the evidence says `peak_vs_usual` and `grade`); when
///   the optimiser is not recorded a high peak is a warning only above SGD's usual top as well. When the LR is the
///   likely cause of a failure, the root-cause analysis raises this finding to at least a warning.
///
/// Thresholds: `max_warmup_ratio` (0.5), `min_usual_peak` (1e-6), `max_usual_peak` (1e-3),
/// `warning_excess` (30).
struct LRScheduleRule: Rule {
    let id = "lr-schedule"
    let summary = "The learning-rate schedule as logged (warmup, peak, decay shape, final fraction) and what is off: no warmup, endless warmup, no decay, unusual peak."

    static let maxWarmupRatio = Threshold("max_warmup_ratio", 0.5, "warmup share of the run above which it is pointed out")
    static let minUsualPeak = Threshold("min_usual_peak", 1e-6, "peak LR below which it is called unusual")
    static let maxUsualPeak = Threshold("max_usual_peak", 1e-3, "peak LR above which it is called unusual")
    static let warningExcess = Threshold("warning_excess", 30, "how many times outside the usual range a peak must be to be a warning (below it: info)")
    var thresholds: [Threshold] { [Self.maxWarmupRatio, Self.minUsualPeak, Self.maxUsualPeak, Self.warningExcess] }

    func check(_ run: Run, context: RuleContext) -> [Finding] {
        guard let series = run.series(.learningRate),
              let s = LRSchedule.analyze(series, plannedSteps: run.metadata.maxSteps) else { return [] }
        var flags: [(text: String, severity: Severity)] = []
        var fixes: [String] = []
        let enoughPoints = FinitePoints(series).count >= 5
        let completed = s.lastStep >= s.totalSteps
        if s.stillRising && enoughPoints && completed {
            flags.append(("the LR was still rising at the last logged step \(s.lastStep): the warmup is longer than the run, so it never trained at its intended peak", .warning))
            fixes.append("Shorten the warmup: warmup_ratio=0.03-0.1 (or warmup_steps well below max_steps).")
        } else if s.stillRising && enoughPoints {
            flags.append(("the run ended during its warmup (the LR was still rising at step \(s.lastStep) of \(s.totalSteps)), so it never reached its intended peak", .info))
        } else if !s.hasWarmup && enoughPoints && s.firstStep <= max(1, s.totalSteps / 20) {
            flags.append(("no warmup: the first logged LR (\(Format.number(s.firstLR)) at step \(s.firstStep)) is already the peak", .info))
            fixes.append("Add a warmup: warmup_ratio=0.03-0.1; the first steps, with Adam's moment estimates still empty, are where a high LR does damage.")
        } else if s.warmupRatio > context[Self.maxWarmupRatio] {
            flags.append(("the warmup takes \(Format.percent(s.warmupRatio)) of the run", .info))
            fixes.append("Shorten the warmup: warmup_ratio=0.03-0.1 is usual.")
        }
        if s.shape == .constant && enoughPoints {
            flags.append(("no decay: the LR stays at its peak to the end", .info))
            fixes.append("Decay the LR (lr_scheduler_type=\"linear\" or \"cosine\"): the last steps at a lower LR usually bring the loss down further.")
        }
        let advice = Advice(run, adamLow: context[Self.minUsualPeak], adamHigh: context[Self.maxUsualPeak])
        let usual = advice.usual
        let excess = usual.excess(s.peak)
        var grade = "within the usual range"
        if excess > 1 {
            let high = s.peak > usual.high
            let side = high ? "above the top" : "below the bottom"
            let bound = high ? usual.high : usual.low
            // With the optimiser unknown the range is an assumption, so a peak is only a warning when no
            // common optimiser would use it (above SGD's usual top too; 1% over it is float32 noise).
            let known = advice.settings.optimizer != nil
            let severe = excess >= context[Self.warningExcess] && (known || !high || s.peak > 1.01 * UsualLR.anyOptimizerHigh)
            grade = "\(UsualLR.times(excess)) \(side) of the usual range: " + (severe
                ? "at least \(Format.number(context[Self.warningExcess]))x\(known || !high ? "" : ", and above what any common optimiser uses (\(Format.number(UsualLR.anyOptimizerHigh)))"), a warning"
                : excess >= context[Self.warningExcess]
                    ? "the optimiser is not recorded and SGD uses up to \(Format.number(UsualLR.anyOptimizerHigh)), and nothing in the run shows harm from it, so information only"
                    : "under \(Format.number(context[Self.warningExcess]))x, and nothing in the run shows harm from it, so information only")
            flags.insert(("the peak \(Format.number(s.peak)) is \(UsualLR.times(excess)) \(side) of the usual range (\(Format.number(usual.low))-\(Format.number(usual.high)) for \(usual.basis))", severe ? .warning : .info), at: 0)
            fixes.append(high
                ? advice.lowerLR(at: nil, event: "")
                : "Raise learning_rate towards the usual range: \(Format.number(s.peak)) is \(UsualLR.times(excess)) below \(Format.number(bound)).")
        }
        let severity = flags.map(\.severity).max() ?? .info
        var message = "Schedule: " + s.summary + "."
        if !flags.isEmpty { message += " Off: " + flags.map(\.text).joined(separator: "; ") + "." }
        let headline = flags.first { $0.severity == severity }?.text
        let title = headline.map { "Learning-rate schedule: " + String($0.prefix { $0 != ":" && $0 != "(" }) } ?? "Learning rate: \(s.summary)"
        let evidence: [Evidence] = [
            Evidence("warmup_steps", .integer(s.warmupSteps)),
            Evidence("warmup_ratio", .number(s.warmupRatio)),
            Evidence("peak_lr", .number(s.peak)),
            Evidence("peak_step", .integer(s.peakStep)),
            Evidence("decay_shape", .text(s.shape.rawValue)),
            Evidence("final_lr_fraction", .number(s.finalFraction)),
            Evidence("usual_peak_range", .text("\(Format.number(usual.low))-\(Format.number(usual.high)) (\(usual.basis))")),
            Evidence("peak_vs_usual", .number(excess)),
            Evidence("grade", .text(grade)),
            Evidence("warmup_end_step", .integer(s.warmupEndStep)),
        ]
        return [Finding(
            id: id, severity: severity, title: title.trimmingTrailingSpaces(), message: message,
            steps: s.firstStep...s.lastStep, metric: series.name, evidence: evidence,
            why: "The learning rate is the setting that most often decides whether a fine-tune works; the end of warmup, at the peak, is the riskiest moment of a run.",
            fixes: fixes)]
    }
}
