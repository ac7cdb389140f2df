import Foundation
import RunModel

/// `run-truncated`: the run stopped before its planned end, or its log has no final summary.
///
/// Planned end: `max_steps` when the state says it (HF writes the computed total even for epoch-based
/// runs), else `num_train_epochs` against the last logged epoch (short by more than `epoch_tolerance`).
/// Only HF trainer_state.json files carry a final summary entry (`train_runtime`), so its absence is
/// judged only there. A run whose text log shows an out-of-memory crash is left to `oom`. A run stopped
/// by `EarlyStoppingCallback` is reported as info: stopping was the point.
/// Without a planned end (no `max_steps`, no epochs) the learning rate can still show one: a linear or
/// cosine decay still above 20% of its peak, whose fitted end is beyond the last step, was cut off
/// (`LRSchedule.unfinishedDecay`). A log whose last line or record was cut off mid-write
/// (an ingest repair) is the mark of a killed process. A state file that reached `max_steps` completed,
/// even without its summary entry: nothing is said then.
/// Severity: warning when steps are missing or the log is cut mid-line; info when only the final
/// summary is.
///
/// Thresholds: `epoch_tolerance` (0.05 epochs).
struct RunTruncatedRule: Rule {
    let id = "run-truncated"
    let summary = "The run stopped before max_steps / its planned epochs, or has no final summary entry."

    static let epochTolerance = Threshold("epoch_tolerance", 0.05, "how far short of num_train_epochs (in epochs) still counts as finished")
    var thresholds: [Threshold] { [Self.epochTolerance] }

    func check(_ run: Run, context: RuleContext) -> [Finding] {
        guard !run.metadata.logEvents.contains(where: { $0.kind == .outOfMemory }),
              let reached = RunExtent.lastStep(run) else { return [] }
        let meta = run.metadata
        var shortfall: String?
        var evidence: [Evidence] = [Evidence("last_step", .integer(reached))]
        if let maxSteps = meta.maxSteps, maxSteps > 0 {
            evidence.append(Evidence("max_steps", .integer(maxSteps)))
            if reached < maxSteps {
                // Rounded down, as the report's "Steps" fact is: 4,990 of 5,000 is 99%, never "100% of the run".
                let ratio = Double(reached) / Double(maxSteps)
                let shown = ratio >= 0.1 ? (ratio * 100).rounded(.down) / 100 : ratio
                shortfall = "stopped at step \(reached) of max_steps \(maxSteps) (\(Format.percent(shown)) of the run)"
            }
        } else if let planned = meta.numTrainEpochs, let epoch = meta.epoch ?? lastEpoch(run),
                  epoch < planned - context[Self.epochTolerance] {
            evidence.append(Evidence("epoch", .number(epoch)))
            evidence.append(Evidence("num_train_epochs", .number(planned)))
            shortfall = "stopped at epoch \(Format.number(epoch)) of num_train_epochs \(Format.number(planned))"
        }
        // Without a planned end, the learning rate can still show one: a linear or cosine decay that is
        // still far from zero was cut off.
        var unfinished: (shape: LRSchedule.Shape, endStep: Int)?
        if shortfall == nil, meta.maxSteps == nil, let lr = run.series(.learningRate),
           let decay = LRSchedule.unfinishedDecay(lr), Double(decay.endStep) > 1.05 * Double(reached),
           let peak = FinitePoints(lr).values.max(), let last = FinitePoints(lr).values.last {
            unfinished = (decay.shape, decay.endStep)
            evidence.append(Evidence("lr_final_fraction", .number(last / peak)))
            evidence.append(Evidence("schedule_end_step", .integer(decay.endStep)))
            shortfall = "stopped at step \(reached) with the learning rate at \(Format.percent(last / peak)) of its peak, on a \(decay.shape.rawValue) decay that would reach zero near step \(decay.endStep)"
        }
        let cut = run.provenance.issues.first { issue in
            issue.kind == .repair && ["cut off", "mid-record", "mid-write", "mid-line"].contains { issue.message.contains($0) }
        }
        if let cut {
            evidence.append(Evidence("log_cut_mid_line", .text("\(cut.path)\(cut.line.map { ":\($0)" } ?? "")")))
        }
        // Only HF trainer_state.json files carry the final summary entry; a run assembled from one
        // and from event files is judged on it whatever its primary source.
        let hasSummaryFormat = run.format.hasPrefix("hf-trainer-state") || run.provenance.sources.contains { $0.format.hasPrefix("hf-trainer-state") }
        // A state file that reached max_steps completed its run, summary or not (a checkpoint saved at
        // the last step is written before the summary is appended).
        let reachedPlan = meta.maxSteps.map { $0 > 0 && reached >= $0 } ?? false
        let missingSummary = hasSummaryFormat && !meta.hasFinalSummary && !reachedPlan
        evidence.append(Evidence("final_summary", .text(hasSummaryFormat ? (meta.hasFinalSummary ? "yes" : "no") : "not in this format")))
        guard shortfall != nil || missingSummary || cut != nil else { return [] }
        let snapshot = run.provenance.sources.contains { $0.path.contains("checkpoint-") }
        let earlyStopped = earlyStoppingTriggered(meta)
        var parts: [String] = []
        if let shortfall { parts.append("The run " + shortfall) }
        if missingSummary {
            parts.append("the log has no final summary entry (train_runtime/train_loss), which the Trainer writes only when training ends normally")
        }
        let killed = Killed(run, reached: reached, snapshot: snapshot)
        // Read from the newest checkpoint because the output folder has no final trainer_state.json
        // (the Trainer writes one when training ends): the run did not finish there.
        let newest = run.provenance.sources.contains { $0.note?.contains("newest") == true }
        if let killed {
            parts.append(killed.story)
        } else if snapshot {
            evidence.append(Evidence("snapshot", .text(newest ? "newest checkpoint, no final trainer_state.json" : "checkpoint directory")))
            parts.append(newest
                ? "this file comes from the newest checkpoint of an output folder with no final trainer_state.json (the Trainer writes one when training ends), so the run did not get further than its last save, or is still running"
                : "this file comes from a checkpoint directory: a snapshot taken during training, the run may have gone on")
        }
        if earlyStopped { parts.append("EarlyStoppingCallback's patience was used up, so the stop was intended") }
        if cut != nil { parts.append("the log ends mid-line, as a killed process leaves it") }
        let severity: Severity = (shortfall != nil || cut != nil) && !earlyStopped ? .warning : .info
        let title: String
        if earlyStopped {
            title = "Stopped early by EarlyStoppingCallback at step \(reached)"
        } else if killed != nil {
            title = "The run was killed at step \(reached)" + (meta.maxSteps.map { " of \($0)" } ?? "")
        } else if let unfinished {
            title = "The run stopped at step \(reached), before its \(unfinished.shape.rawValue) learning-rate schedule ended (near step \(unfinished.endStep))"
        } else if shortfall != nil {
            title = "The run stopped at step \(reached)" + (meta.maxSteps.map { " of \($0)" } ?? " before its planned end")
        } else if cut != nil {
            title = "The log ends mid-line at step \(reached): the run was probably killed"
        } else {
            title = "No final summary entry: the log may end before training did"
        }
        var message = parts.joined(separator: "; ")
        message = message.prefix(1).uppercased() + message.dropFirst() + "."
        return [Finding(
            id: id, severity: severity, title: title, message: message, steps: reached...reached, metric: nil,
            evidence: evidence,
            why: "A run that stopped before its end did not see the schedule through (the learning rate never decayed, later data was never seen); the reason (crash, kill, time limit) is usually in the console log, not here.",
            fixes: [
                "Look at the end of the console or job log for the error (out of memory, time limit, preemption).",
                "Resume from the last checkpoint: trainer.train(resume_from_checkpoint=True).",
                "If it ran out of time, lower max_steps / num_train_epochs so the schedule ends within the budget.",
            ])]
    }

    /// A run killed mid-training (README, "Killed runs"): the Trainer never reached `save_state`, so
    /// only checkpoint states are left, and the run's other sources (event files, the text log) go on
    /// past the newest checkpoint's step, with no final summary anywhere.
    private struct Killed {
        var story: String

        init?(_ run: Run, reached: Int, snapshot: Bool) {
            guard snapshot, !run.metadata.hasFinalSummary, let saved = run.metadata.globalStep, reached > saved else { return nil }
            var parts = ["it was killed: its logs go on to step \(reached), past the newest checkpoint's state (step \(saved))"]
            if let lr = run.series(.learningRate).map(FinitePoints.init), let last = lr.values.last, let peak = lr.values.max(),
               peak > 0, last > 0.05 * peak {
                parts.append("the learning-rate schedule was unfinished (last logged \(Format.number(last)), \(Format.percent(last / peak)) of its peak)")
            }
            story = parts.joined(separator: "; ")
        }
    }

    private func lastEpoch(_ run: Run) -> Double? {
        run.series(.epoch).flatMap { FinitePoints($0).values.last }
    }

    /// True when the state file's EarlyStoppingCallback counter reached its patience.
    private func earlyStoppingTriggered(_ meta: RunMetadata) -> Bool {
        func value(_ suffix: String) -> Double? {
            meta.extra.first { $0.key.hasSuffix(suffix) }.flatMap { Double($0.value) }
        }
        guard let counter = value("early_stopping_patience_counter"), let patience = value("early_stopping_patience") else {
            return false
        }
        return patience > 0 && counter >= patience
    }
}
