import Foundation
import RunModel

/// Fixes that know the run: each reads what the run recorded (`RunSettings`, the logged schedule) and
/// returns nil rather than advise what the run already did; when a setting is not recorded the advice
/// says "if not already set". Concrete values come from the run's own numbers.
struct Advice {
    var run: Run
    var settings: RunSettings
    var schedule: LRSchedule?
    var usual: UsualLR

    init(_ run: Run, adamLow: Double = 1e-6, adamHigh: Double = 1e-3) {
        self.run = run
        settings = RunSettings(run)
        schedule = run.series(.learningRate).flatMap { LRSchedule.analyze($0, plannedSteps: run.metadata.maxSteps) }
        usual = UsualLR.forRun(run, settings: settings, adamLow: adamLow, adamHigh: adamHigh)
    }

    /// The logged LR at `step` (the last logged point at or before it, else the first); nil when no LR is logged.
    func lr(at step: Int) -> Double? {
        guard let series = run.series(.learningRate) else { return nil }
        let points = FinitePoints(series)
        guard !points.isEmpty else { return nil }
        let i = points.steps.lastIndex { $0 <= step } ?? 0
        return points.values[i]
    }

    /// "Lower learning_rate: it was 1.25 at step 230 (1250x the top of the usual range, 1e-3 for ...);
    /// try a peak of about 3e-4 (4000x lower)." With no LR logged: a relative cut.
    func lowerLR(at step: Int?, event: String, factor: String = "by 3-10x") -> String {
        let at = step.flatMap(lr(at:))
        guard let lr = at ?? schedule?.peak, lr > 0 else {
            let stated = settings.number("learning_rate").map { " (it was \(Format.number($0)))" } ?? ""
            return "Lower learning_rate \(factor)\(stated)."
        }
        let suggestion = usual.suggestion(below: lr)
        let where_ = at != nil && step != nil ? "\(event) at LR \(Format.number(lr)) (step \(step!))" : "the peak LR was \(Format.number(lr))"
        let excess = usual.excess(lr)
        let range = excess > 1 && lr > usual.high
            ? ", \(UsualLR.times(excess)) the top of the usual range (\(Format.number(usual.high)) for \(usual.basis))"
            : ""
        return "Lower learning_rate: \(where_)\(range); try a peak of about \(Format.number(suggestion)) (\(UsualLR.times(lr / suggestion)) lower)."
    }

    /// Advice to lengthen the warmup, only when the logged warmup was short (< 5% of the run); with
    /// no LR logged, conditional.
    func lengthenWarmup() -> String? {
        guard let schedule else {
            return "Add a warmup (warmup_ratio=0.05-0.1) if not already set."
        }
        guard !schedule.stillRising, schedule.warmupRatio < 0.05 else { return nil }
        let target = max(1, Int((Double(schedule.totalSteps) * 0.05).rounded()))
        let was = schedule.hasWarmup ? "it was \(Format.count(schedule.warmupSteps, "step")) (\(Format.percent(schedule.warmupRatio)) of the run)" : "the run had none"
        return "Lengthen the warmup: \(was); warmup_ratio=0.05-0.1 (about \(target)-\(target * 2) steps here)."
    }

    /// Clipping advice from the recorded `max_grad_norm`: turn it on when it was off, nothing when it
    /// was on, conditional when unknown.
    func clipping() -> String? {
        switch settings.clipping {
        case 0?: return "Turn gradient clipping on: max_grad_norm=1.0 (the run had it off)."
        case let clip? where clip > 0: return nil
        default: return "Clip gradients: max_grad_norm=1.0 (the HF default), if not already set."
        }
    }

    /// bf16 instead of fp16, only when the run used fp16 or is not known to have used bf16.
    func precision() -> String? {
        if settings.flag("bf16") == true || settings.fp16 == false { return nil }
        if settings.fp16 == true { return "Use bf16=True instead of fp16=True (the run used fp16): bf16 has fp32's range and needs no loss scaling." }
        return "Use bf16=True instead of fp16=True if the run used fp16: bf16 has fp32's range and needs no loss scaling."
    }

    /// Keep and reload the best checkpoint: nothing to add when `load_best_model_at_end` was set.
    func loadBest(metric: String, higherIsBetter: Bool) -> String? {
        if settings.flag("load_best_model_at_end") == true {
            return nil
        }
        let setting = "load_best_model_at_end=True with metric_for_best_model=\"\(metric)\" and greater_is_better=\(higherIsBetter ? "True" : "False") (save_steps equal to eval_steps)"
        if settings.flag("load_best_model_at_end") == false {
            return "Set \(setting): the run had load_best_model_at_end=False, so the final model is the last, not the best."
        }
        if run.metadata.bestModelCheckpoint != nil {
            return "Set \(setting), if not already set: the Trainer tracked a best checkpoint (\(run.metadata.bestModelCheckpoint!)), but the logs do not say whether it was reloaded at the end."
        }
        return "Set \(setting), if not already set, so the Trainer keeps and reloads the best checkpoint."
    }
}
