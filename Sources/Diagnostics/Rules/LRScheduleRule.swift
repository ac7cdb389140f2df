import RunModel

/// `lr-schedule`: what the learning-rate schedule really was, and what is off about it.
///
/// Recovers from the logged LR the warmup length and ratio, the peak, the decay shape (linear, cosine,
/// constant, other) and the final LR as a fraction of the peak (see `LRSchedule`). Always reported as
/// info when the LR is logged, so the report can say what the schedule was. Flags:
/// - warmup never finished (the LR still rises at the last logged step): warning;
/// - no warmup: info (common and often fine at fine-tuning learning rates);
/// - warmup longer than `max_warmup_ratio` of the run: info;
/// - no decay (constant after warmup): info;
/// - a peak outside [`min_usual_peak`, `max_usual_peak`]: info (about 2e-4 is common for LoRA,
///   1e-5 to 5e-5 for full fine-tuning).
///
/// Thresholds: `max_warmup_ratio` (0.5), `min_usual_peak` (1e-6), `max_usual_peak` (1e-3).
struct LRScheduleRule: Rule {
    let id = "lr-schedule"
    let summary = "The learning-rate schedule as logged (warmup, peak, decay shape, final fraction) and what is off: no warmup, endless warmup, no decay, unusual peak."

    static let maxWarmupRatio = Threshold("max_warmup_ratio", 0.5, "warmup share of the run above which it is pointed out")
    static let minUsualPeak = Threshold("min_usual_peak", 1e-6, "peak LR below which it is called unusual")
    static let maxUsualPeak = Threshold("max_usual_peak", 1e-3, "peak LR above which it is called unusual")
    var thresholds: [Threshold] { [Self.maxWarmupRatio, Self.minUsualPeak, Self.maxUsualPeak] }

    func check(_ run: Run, context: RuleContext) -> [Finding] {
        guard let series = run.series(.learningRate),
              let s = LRSchedule.analyze(series, plannedSteps: run.metadata.maxSteps) else { return [] }
        var severity = Severity.info
        var flags: [String] = []
        var fixes: [String] = []
        let enoughPoints = FinitePoints(series).count >= 5
        if s.stillRising && enoughPoints {
            severity = .warning
            flags.append("the LR was still rising at the last logged step \(s.lastStep): the warmup is longer than the run, so it never trained at its intended peak")
            fixes.append("Shorten the warmup: warmup_ratio=0.03-0.1 (or warmup_steps well below max_steps).")
        } else if !s.hasWarmup && enoughPoints && s.firstStep <= max(1, s.totalSteps / 20) {
            flags.append("no warmup: the first logged LR (\(Format.number(s.firstLR)) at step \(s.firstStep)) is already the peak")
            fixes.append("Add a warmup: warmup_ratio=0.03-0.1; the first steps, with Adam's moment estimates still empty, are where a high LR does damage.")
        } else if s.warmupRatio > context[Self.maxWarmupRatio] {
            flags.append("the warmup takes \(Format.percent(s.warmupRatio)) of the run")
            fixes.append("Shorten the warmup: warmup_ratio=0.03-0.1 is usual.")
        }
        if s.shape == .constant && enoughPoints {
            flags.append("no decay: the LR stays at its peak to the end")
            fixes.append("Decay the LR (lr_scheduler_type=\"linear\" or \"cosine\"): the last steps at a lower LR usually bring the loss down further.")
        }
        if s.peak < context[Self.minUsualPeak] || s.peak > context[Self.maxUsualPeak] {
            flags.append("the peak \(Format.number(s.peak)) is unusual (about 2e-4 is common for LoRA, 1e-5 to 5e-5 for full fine-tuning)")
            fixes.append("Check learning_rate: \(Format.number(s.peak)) is \(s.peak > context[Self.maxUsualPeak] ? "high" : "low") for fine-tuning.")
        }
        var message = "Schedule: " + s.summary + "."
        if !flags.isEmpty { message += " Off: " + flags.joined(separator: "; ") + "." }
        let title = flags.isEmpty ? "Learning rate: \(s.summary)" : "Learning-rate schedule: " + (flags.first.map { String($0.prefix { $0 != ":" && $0 != "(" }) } ?? "")
        let evidence: [Evidence] = [
            Evidence("warmup_steps", .integer(s.warmupSteps)),
            Evidence("warmup_ratio", .number(s.warmupRatio)),
            Evidence("peak_lr", .number(s.peak)),
            Evidence("peak_step", .integer(s.peakStep)),
            Evidence("decay_shape", .text(s.shape.rawValue)),
            Evidence("final_lr_fraction", .number(s.finalFraction)),
        ]
        return [Finding(
            id: id, severity: severity, title: title.trimmingTrailingSpaces(), message: message,
            steps: s.firstStep...s.lastStep, metric: series.name, evidence: evidence,
            why: "The learning rate is the setting that most often decides whether a fine-tune works; the end of warmup, at the peak, is the riskiest moment of a run.",
            fixes: fixes)]
    }
}
