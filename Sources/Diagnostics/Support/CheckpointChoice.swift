import RunModel

/// Which saved checkpoint to use for a given step: the one the Trainer recorded as best when it
/// matches, else the nearest multiple of `save_steps`, else the step itself (with a caveat).
struct CheckpointChoice: Sendable, Equatable {
    /// e.g. `checkpoint-800` or the recorded `best_model_checkpoint` path.
    var name: String
    /// Why this one, e.g. "best_model_checkpoint" or "nearest save to step 800 with save_steps=500".
    var reason: String

    var description: String { "\(name) (\(reason))" }

    static func nearest(to step: Int, run: Run) -> CheckpointChoice {
        let meta = run.metadata
        if let best = meta.bestModelCheckpoint, let bestStep = HFNames.checkpointStep(best), bestStep == step {
            return CheckpointChoice(name: best, reason: "the Trainer's best_model_checkpoint, saved at the best evaluation")
        }
        let lastStep = meta.globalStep ?? run.series.compactMap(\.steps.last).max() ?? step
        if let save = meta.saveSteps, save > 0 {
            let below = (step / save) * save
            let above = below + save
            var candidates = [below, above].filter { $0 >= save && $0 <= lastStep }
            if candidates.isEmpty { candidates = [lastStep] }
            let chosen = candidates.min { abs($0 - step) < abs($1 - step) || (abs($0 - step) == abs($1 - step) && $0 < $1) } ?? below
            let note = chosen == step ? "saved at the best evaluation (save_steps=\(save))"
                : "the saved checkpoint nearest step \(step) with save_steps=\(save)"
            return CheckpointChoice(name: "checkpoint-\(chosen)", reason: note)
        }
        if let best = meta.bestModelCheckpoint {
            return CheckpointChoice(name: best, reason: "the Trainer's best_model_checkpoint (by its metric_for_best_model)")
        }
        return CheckpointChoice(name: "checkpoint-\(step)",
                                reason: "if one was saved there; the logs do not say save_steps")
    }
}
