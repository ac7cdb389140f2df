import RunModel

/// `resumed`: the log goes back in steps, i.e. the run was restarted; says which steps were
/// overwritten (from `Provenance.restarts`; the superseded points are in `Run.abandoned`), from the
/// first overwritten point on. Steps going back to the start of the log, far behind where the earlier
/// attempt got, are a counter reset (a new run in the same log) rather than a resume. Info, unless
/// the attempts logged different training losses at the same steps (the curve shows values the
/// earlier attempt did not have: a warning), or the learning rate after the restart differs from the
/// one before it at the same steps by more than `max_lr_mismatch` (relative median): then the
/// scheduler state was probably not restored, a warning.
///
/// Thresholds: `max_lr_mismatch` (0.05).
struct ResumedRule: Rule {
    let id = "resumed"
    let summary = "The run was restarted from a checkpoint; which steps were overwritten, and whether the LR schedule resumed where it was."

    static let maxLRMismatch = Threshold("max_lr_mismatch", 0.05, "relative LR difference at the same steps before/after a restart that means the scheduler was not restored")
    var thresholds: [Threshold] { [Self.maxLRMismatch] }

    func check(_ run: Run, context: RuleContext) -> [Finding] {
        let runStart = RunExtent.firstStep(run) ?? 0
        return run.provenance.restarts.map { restart in
            let fullRange = restart.step...max(restart.step, restart.abandonedThrough)
            // The overwritten points begin at the earlier attempt's first point at or after the restart
            // step, which can be later than the step the new attempt starts logging at.
            let firstOverwritten = run.abandoned.compactMap { old in old.steps.first { fullRange.contains($0) } }.min() ?? restart.step
            let range = firstOverwritten...max(firstOverwritten, restart.abandonedThrough)
            // Steps going back to the very start of the log, far behind where the earlier attempt got,
            // are a counter that started again (a new run written to the same log), not a resume.
            let counterReset = restart.step <= runStart && restart.abandonedThrough > 4 * max(1, restart.step)
            var message = counterReset
                ? "The step counter starts again at step \(restart.step) after reaching \(restart.abandonedThrough): a new run (or a run restarted from scratch) wrote into the same log; the earlier one's \(Format.count(restart.supersededPoints, "point")) at steps \(range.lowerBound)-\(range.upperBound) are kept aside and drawn faintly."
                : "The log goes back from step \(restart.abandonedThrough) to step \(restart.step): the run was resumed, and \(Format.count(restart.supersededPoints, "point")) logged at steps \(range.lowerBound)-\(range.upperBound) by the earlier attempt were overwritten (kept aside and drawn faintly)."
            var severity = Severity.info
            var fixes = ["Nothing to do if the restart was intended; keep the earlier attempt's logs if it failed, they show why."]
            var evidence: [Evidence] = [
                Evidence("restart_step", .integer(restart.step)),
                Evidence("first_overwritten_step", .integer(range.lowerBound)),
                Evidence("abandoned_through", .integer(restart.abandonedThrough)),
                Evidence("superseded_points", .integer(restart.supersededPoints)),
                Evidence("kind", .text(counterReset ? "counter reset" : "resumed, steps overwritten")),
            ]
            if !counterReset, let loss = difference(run, role: .trainLoss, in: range), loss.shared > 0 && loss.median > 1e-6 {
                severity = .warning
                evidence.append(Evidence("loss_difference", .number(loss.median)))
                message += " The two attempts logged different training losses at the \(Format.count(loss.shared, "step")) both reached (median difference \(Format.percent(loss.median))): the curves show the later attempt, and the earlier values are not what the final model went through."
                fixes.insert("Resume from the checkpoint at step \(restart.step) with the same data order (HF restores the sampler state with resume_from_checkpoint) so repeated steps match, or start a new log for a new attempt.", at: 0)
            }
            if !counterReset, let mismatch = difference(run, role: .learningRate, in: range)?.median, mismatch > context[Self.maxLRMismatch] {
                severity = .warning
                evidence.append(Evidence("lr_difference", .number(mismatch)))
                message += " The learning rate after the restart differs from the earlier one at the same steps by \(Format.percent(mismatch)) (median): the scheduler state was probably not restored."
                fixes.insert("Resume with trainer.train(resume_from_checkpoint=...) from a checkpoint directory that holds scheduler.pt and optimizer.pt, so the schedule continues where it stopped.", at: 0)
            }
            return Finding(
                id: id, severity: severity,
                title: counterReset
                    ? "Step counter restarted at step \(restart.step) after reaching \(restart.abandonedThrough)"
                    : "Resumed at step \(restart.step), overwriting steps \(range.lowerBound)-\(range.upperBound)"
                        + (severity == .warning ? " with different values" : ""),
                message: message, steps: range, metric: nil, evidence: evidence,
                why: "A restart means the curves before it are from a different attempt; the report shows the final attempt and keeps the earlier one aside.",
                fixes: fixes)
        }
    }

    /// Median relative difference of a series at the steps logged by both attempts within `range`,
    /// and how many such steps there were.
    private func difference(_ run: Run, role: MetricRole, in range: ClosedRange<Int>) -> (median: Double, shared: Int)? {
        guard let current = run.series(role),
              let old = run.abandoned.first(where: { $0.name == current.name }) else { return nil }
        let now = FinitePoints(current.slice(steps: range))
        let before = FinitePoints(old.slice(steps: range))
        var lookup: [Int: Double] = [:]
        for i in now.steps.indices { lookup[now.steps[i]] = now.values[i] }
        var diffs: [Double] = []
        for i in before.steps.indices {
            if let v = lookup[before.steps[i]], before.values[i] != 0 {
                diffs.append(abs(v - before.values[i]) / abs(before.values[i]))
            }
        }
        return diffs.isEmpty ? nil : (Stats.median(diffs), diffs.count)
    }
}
